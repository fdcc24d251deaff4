import { and, eq, inArray, ne } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { anciennesCommunes, communes, epci, indicesFragilite, jeuxDeDonnees, rapportsImport } from "@/db/schema";
import { lireEnteteIfn, lireLigneIfn, moyennePonderee, type LigneIfn, type NiveauIfn, type ScoresIfn } from "@/domain/donnees/ifn";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { bilanSiInchange, ecrireJeu, enteteAttendu, insererParLots, lignesRejetees, lireCsv, rejeter, type BilanImport, type ErreurImport, type LigneDeRapport, type ParametresImport, bilanDImport } from "./import-commun";
import { avecCacheTerritoires } from "./territoires";

/*
 * Import of the IFN files (communes, EPCI). The file is read as a stream and checked line by line:
 * a bad line goes to the report (line, field, value, reason) and the import goes on. Codes are
 * resolved against the reference territories: a former commune to the current one, an
 * arrondissement to its commune (several rows: their population-weighted mean, flagged as ours).
 * The rows are written in short transactions into a data set "en chargement", which then replaces
 * the previous set of its kind (real or demonstration) in one short transaction. Re-importing the
 * same file (same SHA-256) changes nothing.
 */

export const NATURES_IFN = { communes: "ifn-communes", epci: "ifn-epci" } as const;
export type { BilanImport, ErreurImport };

export async function importerIfn(p: ParametresImport & { niveau: NiveauIfn }): Promise<Resultat<BilanImport, ErreurImport>> {
  const { db } = p.connexion;
  const progression = p.progression ?? (() => undefined);
  const nature = NATURES_IFN[p.niveau];

  const reference = await referentiel(db, p.niveau);
  if (reference.taille === 0) return echec("territoiresAbsents");

  const rapports: LigneDeRapport[] = [];
  const lignes: Array<{ numero: number; ligne: LigneIfn }> = [];
  const codesVus = new Set<string>();
  const lu = await lireCsv({
    source: p.source,
    rapports,
    progression,
    entete: (champs) => enteteAttendu(lireEnteteIfn(champs)),
    ligne: (champs, numero, positions) => {
      const l = lireLigneIfn(champs, positions, p.niveau);
      if (!l.ok) {
        rejeter(rapports, numero, l.problemes);
        return;
      }
      if (codesVus.has(l.ligne.code)) {
        rapports.push({ nature: "rejet", ligne: numero, champ: "code", valeur: l.ligne.code, raison: "Code déjà présent plus haut dans le fichier : la première ligne est gardée." });
        return;
      }
      codesVus.add(l.ligne.code);
      lignes.push({ numero, ligne: l.ligne });
    },
  });
  if (!lu.ok) return echec(lu.erreur, { detail: lu.detail });
  const { lignesLues } = lu;

  const inchange = p.forcer ? null : await bilanSiInchange({ db, nature, empreinte: lu.empreinte, fichier: p.source.nom, lignesLues, progression });
  if (inchange) return succes(inchange);

  // Resolution of the codes, then aggregation per current code.
  const parCible = new Map<string, Array<{ numero: number; ligne: LigneIfn; population: number | null }>>();
  let corrigees = 0;
  for (const { numero, ligne } of lignes) {
    const r = reference.resoudre(ligne.code);
    if (!r) {
      rapports.push({
        nature: "rejet",
        ligne: numero,
        champ: "code",
        valeur: ligne.code,
        raison: p.niveau === "communes" ? "Code inconnu du Code officiel géographique en service, et d'aucune commune ancienne connue." : "EPCI inconnu du Code officiel géographique en service.",
      });
      continue;
    }
    const corrections: string[] = [];
    if (r.via) corrections.push(r.via);
    if (ligne.nonDisponible) corrections.push("Toutes les valeurs valent 0 : indice « Non disponible ».");
    if (corrections.length) {
      corrigees += 1;
      for (const raison of corrections) rapports.push({ nature: "correction", ligne: numero, champ: "code", valeur: ligne.code, raison });
    }
    const liste = parCible.get(r.code) ?? [];
    liste.push({ numero, ligne, population: r.population });
    parCible.set(r.code, liste);
  }
  const aEnregistrer: Array<{ code: string; scores: ScoresIfn; calcule: boolean; codesSources: string[] }> = [];
  for (const [code, sources] of parCible) {
    // Exactly one row of the file (its own code, or a former commune's): its scores unchanged.
    const seule = sources.length === 1 ? sources[0] : null;
    aEnregistrer.push(
      seule
        ? { code, scores: seule.ligne.scores, calcule: false, codesSources: [seule.ligne.code] }
        : { code, scores: moyennePonderee(sources.map((s) => ({ scores: s.ligne.scores, population: s.population }))), calcule: true, codesSources: sources.map((s) => s.ligne.code).sort() },
    );
  }
  const rejetees = lignesRejetees(rapports);
  const acceptees = lignesLues - rejetees;
  const niveau = p.niveau === "communes" ? "commune" : "epci";
  const jeuId = await ecrireJeu({
    db,
    nature,
    source: "La MedNum — Indice de fragilité numérique",
    fichier: p.source.nom,
    empreinte: lu.empreinte,
    maintenant: p.maintenant,
    comptes: { acceptees, corrigees, rejetees },
    rapports,
    remplir: (jeuId) =>
      insererParLots(aEnregistrer, (lot) =>
        db.insert(indicesFragilite).values(lot.map((r) => ({ jeuDeDonneesId: jeuId, niveau, code: r.code, ...r.scores, calcule: r.calcule, codesSources: r.codesSources, provenance: "import" }))),
      ),
  });
  const bilan = bilanDImport({ jeu: jeuId, fichier: p.source.nom, lignesLues, acceptees, corrigees, rejetees, enregistrees: aEnregistrer.length, sansDonnees: reference.taille - aEnregistrer.length, rapports });
  progression(
    `IFN (${p.niveau === "communes" ? "communes" : "EPCI"}) : ${bilan.lignesLues.toLocaleString("fr-FR")} lignes lues, ${bilan.acceptees.toLocaleString("fr-FR")} acceptées (dont ${bilan.corrigees.toLocaleString("fr-FR")} corrigées), ${bilan.rejetees.toLocaleString("fr-FR")} rejetées ; ${bilan.enregistrees.toLocaleString("fr-FR")} ${p.niveau === "communes" ? "communes" : "EPCI"} avec un indice, ${bilan.sansDonnees.toLocaleString("fr-FR")} sans.`,
  );
  return succes(bilan);
}

interface Resolution {
  code: string;
  population: number | null;
  /** How the code was brought to the current one, in French (null when it is current). */
  via: string | null;
}

/** The current codes of the level, and how a code of the file leads to one of them. */
function referentiel(db: Executeur, niveau: NiveauIfn): Promise<{ taille: number; resoudre: (code: string) => Resolution | null }> {
  return avecCacheTerritoires(db, `referentiel-ifn-${niveau}`, () => construireReferentiel(db, niveau));
}

async function construireReferentiel(db: Executeur, niveau: NiveauIfn): Promise<{ taille: number; resoudre: (code: string) => Resolution | null }> {
  if (niveau === "epci") {
    const lignes = await db.select({ code: epci.code }).from(epci).where(ne(epci.nature, "EPT"));
    const codes = new Set(lignes.map((l) => l.code));
    return { taille: codes.size, resoudre: (code) => (codes.has(code) ? { code, population: null, via: null } : null) };
  }
  const lignes = await db.select({ code: communes.code, nom: communes.nom, type: communes.type, parent: communes.codeCommuneParente, population: communes.population }).from(communes);
  const actuelles = new Map(lignes.filter((l) => l.type === "commune-actuelle").map((l) => [l.code, l]));
  const arrondissements = new Map(lignes.filter((l) => l.type === "arrondissement-municipal").map((l) => [l.code, l]));
  const anciennes = new Map((await db.select({ code: anciennesCommunes.code, commune: anciennesCommunes.codeCommune }).from(anciennesCommunes)).map((a) => [a.code, a.commune]));
  return {
    taille: actuelles.size,
    resoudre(code) {
      const actuelle = actuelles.get(code);
      if (actuelle) return { code, population: actuelle.population, via: null };
      const arrondissement = arrondissements.get(code);
      if (arrondissement?.parent && actuelles.has(arrondissement.parent)) {
        const parent = actuelles.get(arrondissement.parent);
        return { code: arrondissement.parent, population: arrondissement.population, via: `Arrondissement de ${parent?.nom} : indice de la commune calculé (moyenne pondérée par la population).` };
      }
      const successeur = anciennes.get(code);
      if (successeur && actuelles.has(successeur)) {
        const c = actuelles.get(successeur);
        return { code: successeur, population: null, via: `Ancienne commune, rattachée à ${c?.nom} (${successeur}).` };
      }
      return null;
    },
  };
}

/** The report of an import, line by line. */
export async function rapportDImport(db: Executeur, jeu: string) {
  return db.select().from(rapportsImport).where(eq(rapportsImport.jeuDeDonneesId, jeu)).orderBy(rapportsImport.ligne);
}

/** The IFN of current communes, from the active set (for the dashboard and the API). */
export async function indicesDesCommunes(db: Executeur, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select({ code: indicesFragilite.code, score: indicesFragilite.score, calcule: indicesFragilite.calcule, provenance: indicesFragilite.provenance })
    .from(indicesFragilite)
    .innerJoin(jeuxDeDonnees, and(eq(jeuxDeDonnees.id, indicesFragilite.jeuDeDonneesId), eq(jeuxDeDonnees.etat, "actif")))
    .where(and(eq(indicesFragilite.niveau, "commune"), inArray(indicesFragilite.code, codes)));
}
