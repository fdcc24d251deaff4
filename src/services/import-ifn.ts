import { createHash } from "node:crypto";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Connexion, Executeur } from "@/db/client";
import { anciennesCommunes, communes, epci, indicesFragilite, jeuxDeDonnees, rapportsImport } from "@/db/schema";
import { choisirEncodage, LecteurCsv } from "@/domain/import/csv";
import { lireEnteteIfn, lireLigneIfn, moyennePonderee, type LigneIfn, type NiveauIfn, type ScoresIfn } from "@/domain/donnees/ifn";
import { echec, succes, type Resultat } from "@/domain/resultat";
import type { SourceDeFichier } from "@/integrations/fichiers/source";
import type { Progression } from "./territoires";

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

export interface BilanImport {
  jeu: string | null;
  fichier: string;
  /** The same file was already the active set: nothing changed. */
  inchange: boolean;
  lignesLues: number;
  acceptees: number;
  corrigees: number;
  rejetees: number;
  /** Rows stored (after aggregation). */
  enregistrees: number;
  /** Current communes or EPCI the file has no row for. */
  sansDonnees: number;
  /** The first problems, for the command line (the whole report is stored). */
  apercu: Array<{ ligne: number; nature: "rejet" | "correction"; champ: string | null; valeur: string | null; raison: string }>;
}

export type ErreurImport = "enteteInvalide" | "fichierVide" | "territoiresAbsents";

interface Rapport {
  nature: "rejet" | "correction";
  ligne: number;
  champ: string | null;
  valeur: string | null;
  raison: string;
}

const LOT = 1000;
const tronquer = (v: string | null) => (v === null ? null : v.length > 200 ? `${v.slice(0, 200)}…` : v);

/** Reads the bytes as text (UTF-8, or Windows-1252 when the file's start is not UTF-8) while hashing them. */
async function* texteDe(octets: AsyncIterable<Uint8Array>, empreinte: ReturnType<typeof createHash>): AsyncGenerator<string> {
  let decodeur: TextDecoder | null = null;
  for await (const morceau of octets) {
    const o = morceau instanceof Uint8Array ? morceau : new Uint8Array(morceau as ArrayBufferLike);
    empreinte.update(o);
    decodeur ??= new TextDecoder(choisirEncodage(o.subarray(0, 65_536)));
    yield decodeur.decode(o, { stream: true });
  }
  if (decodeur) yield decodeur.decode();
}

export async function importerIfn(p: {
  connexion: Connexion;
  niveau: NiveauIfn;
  source: SourceDeFichier;
  maintenant: Date;
  progression?: Progression;
  /** Import even when the same file is already the active set. */
  forcer?: boolean;
}): Promise<Resultat<BilanImport, ErreurImport>> {
  const { db } = p.connexion;
  const progression = p.progression ?? (() => undefined);
  const nature = NATURES_IFN[p.niveau];

  const reference = await referentiel(db, p.niveau);
  if (reference.taille === 0) return echec("territoiresAbsents");

  const empreinte = createHash("sha256");
  const lecteur = new LecteurCsv();
  const rapports: Rapport[] = [];
  const lignes: Array<{ numero: number; ligne: LigneIfn }> = [];
  let positions: ReturnType<typeof lireEnteteIfn> | null = null;
  let lignesLues = 0;
  const codesVus = new Set<string>();
  const traiter = (e: ReturnType<LecteurCsv["terminer"]> extends Generator<infer T> ? T : never): ErreurImport | null => {
    if (positions === null) {
      if ("erreur" in e) return "enteteInvalide";
      positions = lireEnteteIfn(e.champs);
      return positions.ok ? null : "enteteInvalide";
    }
    lignesLues += 1;
    if (lignesLues % 5000 === 0) progression(`${lignesLues.toLocaleString("fr-FR")} lignes lues…`);
    if ("erreur" in e) {
      rapports.push({ nature: "rejet", ligne: e.ligne, champ: null, valeur: null, raison: e.erreur === "champTropLong" ? "Un champ dépasse 100 000 caractères." : "Guillemet ouvert jamais fermé : fin de fichier atteinte." });
      return null;
    }
    if (!positions.ok) return "enteteInvalide";
    const lu = lireLigneIfn(e.champs, positions.positions, p.niveau);
    if (!lu.ok) {
      for (const pb of lu.problemes) rapports.push({ nature: "rejet", ligne: e.ligne, ...pb });
      return null;
    }
    if (codesVus.has(lu.ligne.code)) {
      rapports.push({ nature: "rejet", ligne: e.ligne, champ: "code", valeur: lu.ligne.code, raison: "Code déjà présent plus haut dans le fichier : la première ligne est gardée." });
      return null;
    }
    codesVus.add(lu.ligne.code);
    lignes.push({ numero: e.ligne, ligne: lu.ligne });
    return null;
  };
  for await (const texte of texteDe(p.source.octets, empreinte)) {
    for (const e of lecteur.pousser(texte)) {
      const erreur = traiter(e);
      if (erreur) return echec(erreur, { detail: enteteAttendue(positions) });
    }
  }
  for (const e of lecteur.terminer()) {
    const erreur = traiter(e);
    if (erreur) return echec(erreur, { detail: enteteAttendue(positions) });
  }
  if (positions === null) return echec("fichierVide");
  const signature = empreinte.digest("hex");

  const [actif] = await db
    .select({ id: jeuxDeDonnees.id })
    .from(jeuxDeDonnees)
    .where(and(eq(jeuxDeDonnees.nature, nature), eq(jeuxDeDonnees.etat, "actif"), eq(jeuxDeDonnees.empreinte, signature)));
  if (actif && !p.forcer) {
    progression("Ce fichier est déjà celui en service : rien ne change.");
    return succes({ jeu: actif.id, fichier: p.source.nom, inchange: true, lignesLues, acceptees: 0, corrigees: 0, rejetees: 0, enregistrees: 0, sansDonnees: 0, apercu: [] });
  }

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
  const rejetees = new Set(rapports.filter((r) => r.nature === "rejet").map((r) => r.ligne)).size;
  const acceptees = lignesLues - rejetees;

  // Written into a set "en chargement" in short transactions, then swapped in.
  const [jeu] = await db
    .insert(jeuxDeDonnees)
    .values({
      nature,
      provenance: "import",
      source: "La MedNum — Indice de fragilité numérique",
      dateMiseAJour: p.maintenant,
      chargeLe: p.maintenant,
      etat: "chargement",
      fichier: p.source.nom,
      empreinte: signature,
      lignesAcceptees: acceptees,
      lignesCorrigees: corrigees,
      lignesRejetees: rejetees,
    })
    .returning({ id: jeuxDeDonnees.id });
  const jeuId = (jeu as { id: string }).id;
  try {
    const niveau = p.niveau === "communes" ? "commune" : "epci";
    for (let i = 0; i < aEnregistrer.length; i += LOT) {
      await db.insert(indicesFragilite).values(aEnregistrer.slice(i, i + LOT).map((r) => ({ jeuDeDonneesId: jeuId, niveau, code: r.code, ...r.scores, calcule: r.calcule, codesSources: r.codesSources, provenance: "import" })));
      await new Promise((resolve) => setImmediate(resolve));
    }
    rapports.sort((a, b) => a.ligne - b.ligne);
    for (let i = 0; i < rapports.length; i += LOT) {
      await db.insert(rapportsImport).values(rapports.slice(i, i + LOT).map((r) => ({ jeuDeDonneesId: jeuId, nature: r.nature, ligne: r.ligne, champ: r.champ, valeur: tronquer(r.valeur), raison: r.raison })));
    }
    await db.transaction(async (tx) => {
      // Real data of a kind replaces that kind's previous set, demonstration included.
      await tx.delete(jeuxDeDonnees).where(and(eq(jeuxDeDonnees.nature, nature), ne(jeuxDeDonnees.id, jeuId)));
      await tx.update(jeuxDeDonnees).set({ etat: "actif" }).where(eq(jeuxDeDonnees.id, jeuId));
    });
  } catch (e) {
    await db.delete(jeuxDeDonnees).where(eq(jeuxDeDonnees.id, jeuId));
    throw e;
  }
  const bilan: BilanImport = {
    jeu: jeuId,
    fichier: p.source.nom,
    inchange: false,
    lignesLues,
    acceptees,
    corrigees,
    rejetees,
    enregistrees: aEnregistrer.length,
    sansDonnees: reference.taille - aEnregistrer.length,
    apercu: rapports.slice(0, 20),
  };
  progression(
    `IFN (${p.niveau === "communes" ? "communes" : "EPCI"}) : ${bilan.lignesLues.toLocaleString("fr-FR")} lignes lues, ${bilan.acceptees.toLocaleString("fr-FR")} acceptées (dont ${bilan.corrigees.toLocaleString("fr-FR")} corrigées), ${bilan.rejetees.toLocaleString("fr-FR")} rejetées ; ${bilan.enregistrees.toLocaleString("fr-FR")} ${p.niveau === "communes" ? "communes" : "EPCI"} avec un indice, ${bilan.sansDonnees.toLocaleString("fr-FR")} sans.`,
  );
  return succes(bilan);
}

function enteteAttendue(positions: ReturnType<typeof lireEnteteIfn> | null): string {
  if (positions && !positions.ok) return `colonnes manquantes : ${positions.manquantes.join(", ")}`;
  return "";
}

interface Resolution {
  code: string;
  population: number | null;
  /** How the code was brought to the current one, in French (null when it is current). */
  via: string | null;
}

/** The current codes of the level, and how a code of the file leads to one of them. */
async function referentiel(db: Executeur, niveau: NiveauIfn): Promise<{ taille: number; resoudre: (code: string) => Resolution | null }> {
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

/** The active IFN sets, for `statut`: file, date, line counts. */
export async function etatDesIndices(db: Executeur) {
  return db
    .select({ nature: jeuxDeDonnees.nature, fichier: jeuxDeDonnees.fichier, provenance: jeuxDeDonnees.provenance, chargeLe: jeuxDeDonnees.chargeLe, acceptees: jeuxDeDonnees.lignesAcceptees, corrigees: jeuxDeDonnees.lignesCorrigees, rejetees: jeuxDeDonnees.lignesRejetees })
    .from(jeuxDeDonnees)
    .where(and(inArray(jeuxDeDonnees.nature, Object.values(NATURES_IFN)), eq(jeuxDeDonnees.etat, "actif")))
    .orderBy(jeuxDeDonnees.nature);
}
