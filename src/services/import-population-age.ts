import { communes, departements, populationsParAge } from "@/db/schema";
import {
  lireEntetePopulationAge,
  lireLigneInsee,
  lireLigneModele,
  seChevauchent,
  type ClasseAge,
  type EntetePopulationAge,
} from "@/domain/donnees/population-par-age";
import { libelleClasse } from "@/domain/donnees/diagnostic-publics";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { bilanSiInchange, ecrireJeu, enteteAttendu, insererParLots, lignesRejetees, lireCsv, rejeter, type BilanImport, type ErreurImport, type LigneDeRapport, type ParametresImport, bilanDImport } from "./import-commun";
import { resolveurDeCommunes } from "./resolution-communes";

/*
 * Import of the population by age of the départements (diagnostic des publics): an INSEE census
 * table in long format (communes summed into their département, sexes summed, counts rounded once
 * summed) or the project's template (one line per département and class of ages). The set is
 * dated by the year the file gives (column ANNEE/annee, else a year in the file's name).
 */

export const NATURE_POPULATION_AGE = "insee-population-age";
export const SOURCE_INSEE_POPULATION_AGE = "INSEE, recensement de la population";

interface Classe extends ClasseAge {
  population: number;
  ligne: number;
}

/** A year written in the file's name ("TD_POP1B_2021.csv"), if exactly one. */
function anneeDuNomDeFichier(nom: string): number | null {
  const annees = [...nom.replace(/^.*[\\/]/, "").matchAll(/(?:^|[^0-9])((?:19|20)\d{2})(?=[^0-9]|$)/g)].map((m) => Number(m[1]));
  return annees.length === 1 ? (annees[0] as number) : null;
}

export async function importerPopulationParAge(p: ParametresImport): Promise<Resultat<BilanImport, ErreurImport>> {
  const { db } = p.connexion;
  const progression = p.progression ?? (() => undefined);
  const reference = await db.select({ code: departements.code, outreMer: departements.collectiviteOutreMer }).from(departements);
  if (reference.length === 0) return echec("territoiresAbsents");
  const codes = new Set(reference.map((d) => d.code));
  const departementsFrancais = reference.filter((d) => !d.outreMer).map((d) => d.code);
  const estDepartement = (code: string) => codes.has(code);
  const resoudre = await resolveurDeCommunes(db);
  const toutesCommunes = await db.select({ code: communes.code, type: communes.type, departement: communes.codeDepartement }).from(communes);
  const departementDe = new Map(toutesCommunes.map((c) => [c.code, c.departement]));
  const arrondissements = new Set(toutesCommunes.filter((c) => c.type === "arrondissement-municipal").map((c) => c.code));

  const rapports: LigneDeRapport[] = [];
  // INSEE layout: counts summed per département and class (rounded at the end).
  const sommes = new Map<string, Map<number, { classe: ClasseAge; nombre: number }>>();
  // How each département is described (its communes or itself), and each commune (its own code or its arrondissements): never both, not to count twice.
  const descriptionDepartement = new Map<string, "communes" | "departement">();
  const descriptionCommune = new Map<string, "code" | "arrondissements">();
  // Template layout: the classes as given.
  const classesModele = new Map<string, Classe[]>();
  const annees: number[] = [];
  const sources = new Set<string>();
  let format = null as EntetePopulationAge["format"] | null;

  const ajouterInsee = (departement: string, classe: ClasseAge, nombre: number) => {
    const parClasse = sommes.get(departement) ?? new Map<number, { classe: ClasseAge; nombre: number }>();
    sommes.set(departement, parClasse);
    const existante = parClasse.get(classe.ageMin);
    if (existante) existante.nombre += nombre;
    else parClasse.set(classe.ageMin, { classe, nombre });
  };

  const lu = await lireCsv<EntetePopulationAge>({
    source: p.source,
    rapports,
    progression,
    entete: (champs) => enteteAttendu(lireEntetePopulationAge(champs)),
    ligne: (champs, numero, entete) => {
      format = entete.format;
      if (entete.format === "modele") {
        const l = lireLigneModele(champs, entete, estDepartement);
        if (!l.ok) return rejeter(rapports, numero, l.problemes);
        const classes = classesModele.get(l.ligne.codeDepartement) ?? [];
        const chevauchee = classes.find((c) => seChevauchent(c, l.ligne.classe));
        if (chevauchee) {
          return rejeter(rapports, numero, [
            { champ: "age_min", valeur: String(l.ligne.classe.ageMin), raison: `Cette classe d'âge chevauche la classe « ${libelleClasse(chevauchee)} » de ce département (ligne ${chevauchee.ligne}) : la première est gardée.` },
          ]);
        }
        classes.push({ ...l.ligne.classe, population: l.ligne.population, ligne: numero });
        classesModele.set(l.ligne.codeDepartement, classes);
        if (l.ligne.annee !== null) annees.push(l.ligne.annee);
        if (l.ligne.source) sources.add(l.ligne.source);
        return;
      }
      const l = lireLigneInsee(champs, entete, estDepartement);
      if (!l.ok) return rejeter(rapports, numero, l.problemes);
      let departement: string;
      if (l.ligne.lieu.type === "commune") {
        const resolue = resoudre({ codeInsee: l.ligne.lieu.code });
        const dep = resolue ? departementDe.get(resolue.code) : undefined;
        if (!resolue || !dep) {
          return rejeter(rapports, numero, [{ champ: "CODGEO", valeur: l.ligne.lieu.code, raison: "Code de commune inconnu (ni commune actuelle, ni arrondissement, ni ancienne commune)." }]);
        }
        const maniere = arrondissements.has(l.ligne.lieu.code) ? "arrondissements" : "code";
        const deja = descriptionCommune.get(resolue.code);
        if (deja && deja !== maniere) {
          return rejeter(rapports, numero, [
            { champ: "CODGEO", valeur: l.ligne.lieu.code, raison: `La commune ${resolue.code} est déjà décrite ${deja === "code" ? "par son propre code" : "par ses arrondissements"} plus haut : ligne ignorée pour ne pas la compter deux fois.` },
          ]);
        }
        descriptionCommune.set(resolue.code, maniere);
        departement = dep;
      } else departement = l.ligne.lieu.code;
      const maniere = l.ligne.lieu.type === "commune" ? "communes" : "departement";
      const deja = descriptionDepartement.get(departement);
      if (deja && deja !== maniere) {
        return rejeter(rapports, numero, [
          { champ: "CODGEO", valeur: l.ligne.lieu.code, raison: `Le département ${departement} est déjà décrit ${deja === "communes" ? "par ses communes" : "par une ligne de département"} plus haut : ligne ignorée pour ne pas le compter deux fois.` },
        ]);
      }
      descriptionDepartement.set(departement, maniere);
      ajouterInsee(departement, l.ligne.classe, l.ligne.nombre);
      if (l.ligne.annee !== null) annees.push(l.ligne.annee);
    },
  });
  if (!lu.ok) return echec(lu.erreur, { detail: lu.detail });
  const inchange = p.forcer ? null : await bilanSiInchange({ db, nature: NATURE_POPULATION_AGE, empreinte: lu.empreinte, fichier: p.source.nom, lignesLues: lu.lignesLues, progression });
  if (inchange) return succes(inchange);
  if (lu.lignesLues === 0) return echec("fichierVide", { detail: "" });

  const lignes: Array<{ codeDepartement: string; ageMin: number; ageMax: number | null; population: number }> = [];
  if (format === "modele") {
    for (const [code, classes] of classesModele) for (const c of classes) lignes.push({ codeDepartement: code, ageMin: c.ageMin, ageMax: c.ageMax, population: c.population });
  } else {
    for (const [code, parClasse] of sommes) for (const { classe, nombre } of parClasse.values()) lignes.push({ codeDepartement: code, ageMin: classe.ageMin, ageMax: classe.ageMax, population: Math.round(nombre) });
  }
  const couverts = new Set(lignes.map((l) => l.codeDepartement));
  const annee = annees.length ? Math.max(...annees) : anneeDuNomDeFichier(p.source.nom);
  const nommee = format === "modele" ? (sources.size === 1 ? ([...sources][0] as string) : "Population par âge (modèle CSV du projet)") : SOURCE_INSEE_POPULATION_AGE;
  // The year of the figures goes with their source ("INSEE, recensement de la population 2021").
  const source = annee === null || nommee.includes(String(annee)) ? nommee : `${nommee} ${annee}`;
  const rejetees = lignesRejetees(rapports);
  const jeu = await ecrireJeu({
    db,
    nature: NATURE_POPULATION_AGE,
    source,
    fichier: p.source.nom,
    empreinte: lu.empreinte,
    maintenant: p.maintenant,
    dateMiseAJour: annee === null ? undefined : new Date(Date.UTC(annee, 0, 1)),
    comptes: { acceptees: lu.lignesLues - rejetees, corrigees: 0, rejetees },
    rapports,
    remplir: (jeuId) => insererParLots(lignes, (lot) => db.insert(populationsParAge).values(lot.map((l) => ({ ...l, jeuDeDonneesId: jeuId, provenance: "import" })))),
  });
  const bilan = bilanDImport({ jeu, fichier: p.source.nom, lignesLues: lu.lignesLues, corrigees: 0, rejetees, enregistrees: lignes.length, sansDonnees: departementsFrancais.filter((c) => !couverts.has(c)).length, rapports });
  progression(
    `Population par âge : ${bilan.lignesLues.toLocaleString("fr-FR")} lignes lues, ${bilan.acceptees.toLocaleString("fr-FR")} acceptées, ${rejetees.toLocaleString("fr-FR")} rejetées ; ${lignes.length.toLocaleString("fr-FR")} classes d'âge enregistrées pour ${couverts.size.toLocaleString("fr-FR")} département${couverts.size > 1 ? "s" : ""}${annee === null ? "" : ` (année ${annee})`}.`,
  );
  return succes(bilan);
}
