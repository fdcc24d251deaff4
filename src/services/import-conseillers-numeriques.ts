import { departements, effectifsConseillersNumeriques } from "@/db/schema";
import { lireEnteteConseillers, lireLigneConseillers, type EffectifsDepartement } from "@/domain/donnees/conseillers-numeriques";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { bilanSiInchange, ecrireJeu, enteteAttendu, insererParLots, lignesRejetees, lireCsv, rejeter, type BilanImport, type ErreurImport, type LigneDeRapport, type ParametresImport, bilanDImport } from "./import-commun";

/*
 * Import of the conseillers numériques per département (the project's CSV template): each line
 * checked, one line per département, the set dated by the latest date of its lines.
 */

export const NATURE_CONSEILLERS_NUMERIQUES = "conseillers-numeriques";

export async function importerConseillersNumeriques(p: ParametresImport): Promise<Resultat<BilanImport, ErreurImport>> {
  const { db } = p.connexion;
  const progression = p.progression ?? (() => undefined);
  const reference = await db.select({ code: departements.code, outreMer: departements.collectiviteOutreMer }).from(departements);
  const codes = new Set(reference.map((d) => d.code));
  const departementsFrancais = new Set(reference.filter((d) => !d.outreMer).map((d) => d.code));
  if (codes.size === 0) return echec("territoiresAbsents");
  const rapports: LigneDeRapport[] = [];
  const effectifs: EffectifsDepartement[] = [];
  const vus = new Set<string>();
  const lu = await lireCsv({
    source: p.source,
    rapports,
    progression,
    entete: (champs) => enteteAttendu(lireEnteteConseillers(champs)),
    ligne: (champs, numero, positions) => {
      const l = lireLigneConseillers(champs, positions, codes);
      if (!l.ok) {
        rejeter(rapports, numero, l.problemes);
        return;
      }
      if (vus.has(l.effectifs.codeDepartement)) {
        rapports.push({ nature: "rejet", ligne: numero, champ: "code_departement", valeur: l.effectifs.codeDepartement, raison: "Département déjà présent plus haut dans le fichier : la première ligne est gardée." });
        return;
      }
      vus.add(l.effectifs.codeDepartement);
      effectifs.push(l.effectifs);
    },
  });
  if (!lu.ok) return echec(lu.erreur, { detail: lu.detail });
  const inchange = p.forcer ? null : await bilanSiInchange({ db, nature: NATURE_CONSEILLERS_NUMERIQUES, empreinte: lu.empreinte, fichier: p.source.nom, lignesLues: lu.lignesLues, progression });
  if (inchange) return succes(inchange);
  if (effectifs.length === 0 && lu.lignesLues === 0) return echec("fichierVide", { detail: "" });
  const rejetees = lignesRejetees(rapports);
  const plusRecente = effectifs.map((e) => e.dateDonnees).sort().at(-1);
  const sources = [...new Set(effectifs.map((e) => e.source).filter(Boolean))];
  const jeu = await ecrireJeu({
    db,
    nature: NATURE_CONSEILLERS_NUMERIQUES,
    source: sources.length === 1 ? (sources[0] as string) : "Conseillers numériques et coordinateurs (modèle CSV du projet)",
    fichier: p.source.nom,
    empreinte: lu.empreinte,
    maintenant: p.maintenant,
    dateMiseAJour: plusRecente ? new Date(`${plusRecente}T00:00:00Z`) : undefined,
    comptes: { acceptees: lu.lignesLues - rejetees, corrigees: 0, rejetees },
    rapports,
    remplir: (jeuId) =>
      insererParLots(effectifs, (lot) =>
        db.insert(effectifsConseillersNumeriques).values(lot.map((e) => ({ jeuDeDonneesId: jeuId, codeDepartement: e.codeDepartement, conseillers: e.conseillers, coordinateurs: e.coordinateurs, dateDonnees: e.dateDonnees, provenance: "import" }))),
      ),
  });
  const bilan = bilanDImport({ jeu, fichier: p.source.nom, lignesLues: lu.lignesLues, corrigees: 0, rejetees, enregistrees: effectifs.length, sansDonnees: [...departementsFrancais].filter((c) => !vus.has(c)).length, rapports });
  progression(
    `Conseillers numériques : ${bilan.lignesLues.toLocaleString("fr-FR")} lignes lues, ${bilan.acceptees.toLocaleString("fr-FR")} acceptées, ${rejetees.toLocaleString("fr-FR")} rejetées ; ${bilan.sansDonnees.toLocaleString("fr-FR")} départements sans chiffre (« Non disponible »).`,
  );
  return succes(bilan);
}
