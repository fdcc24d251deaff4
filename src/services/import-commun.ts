import { createHash } from "node:crypto";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Connexion, Executeur } from "@/db/client";
import { jeuxDeDonnees, rapportsImport } from "@/db/schema";
import { analyserTables } from "@/db/sql";
import { DecodeurDeFichier, LecteurCsv, type EnregistrementCsv } from "@/domain/import/csv";
import { LecteurTableauJson, type ElementJson } from "@/domain/import/json";
import type { SourceDeFichier } from "@/integrations/fichiers/source";
import type { Progression } from "./territoires";

/*
 * What every file import shares: the file read as a stream (encoding detected, hashed, parsed
 * record by record), a report of what was rejected or fixed, line by line, and the writing into a
 * data set "en chargement" that replaces the previous set of its kind in one short transaction.
 */

export interface LigneDeRapport {
  nature: "rejet" | "correction";
  ligne: number;
  champ: string | null;
  valeur: string | null;
  raison: string;
}

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
  apercu: LigneDeRapport[];
}

export type ErreurImport = "enteteInvalide" | "fichierVide" | "territoiresAbsents";

/** The summary of an import that changed the active set: accepted = read − rejected unless given; the first 20 report lines. */
export function bilanDImport(p: {
  jeu: string | null;
  fichier: string;
  lignesLues: number;
  acceptees?: number;
  corrigees: number;
  rejetees: number;
  enregistrees: number;
  sansDonnees: number;
  rapports: LigneDeRapport[];
}): BilanImport {
  return {
    jeu: p.jeu,
    fichier: p.fichier,
    inchange: false,
    lignesLues: p.lignesLues,
    acceptees: p.acceptees ?? p.lignesLues - p.rejetees,
    corrigees: p.corrigees,
    rejetees: p.rejetees,
    enregistrees: p.enregistrees,
    sansDonnees: p.sansDonnees,
    apercu: [...p.rapports].sort((a, b) => a.ligne - b.ligne).slice(0, 20),
  };
}

/** What every importer of one file takes. */
export interface ParametresImport {
  connexion: Connexion;
  source: SourceDeFichier;
  maintenant: Date;
  progression?: Progression;
  /** Import even when the same file is already the active set. */
  forcer?: boolean;
}

export const LOT_IMPORT = 1000;
const tronquer = (v: string | null) => (v === null ? null : v.length > 200 ? `${v.slice(0, 200)}…` : v);

/** Reads the bytes as text (UTF-8, or Windows-1252 when its first non-ASCII bytes are not UTF-8) while hashing them. */
async function* texteDe(octets: AsyncIterable<Uint8Array>, empreinte: ReturnType<typeof createHash>): AsyncGenerator<string> {
  const decodeur = new DecodeurDeFichier();
  for await (const morceau of octets) {
    const o = morceau instanceof Uint8Array ? morceau : new Uint8Array(morceau as ArrayBufferLike);
    empreinte.update(o);
    yield decodeur.decoder(o);
  }
  yield decodeur.terminer();
}

/**
 * Reads a CSV file record by record: the header first (`entete` says whether it is the expected
 * one), then each data record. Unreadable records (field too long, unclosed quote) go to the
 * report. Returns the file's SHA-256 and the number of data records, or the header's refusal.
 */
export async function lireCsv<E>(p: {
  source: SourceDeFichier;
  rapports: LigneDeRapport[];
  entete: (champs: string[]) => { ok: true; valeur: E } | { ok: false; detail: string };
  /** May be async: reading waits for it (an import can write batches as it reads). */
  ligne: (champs: string[], numero: number, entete: E) => void | Promise<void>;
  progression: Progression;
}): Promise<{ ok: true; empreinte: string; lignesLues: number } | { ok: false; erreur: "enteteInvalide" | "fichierVide"; detail: string }> {
  const empreinte = createHash("sha256");
  const lecteur = new LecteurCsv();
  let entete: { ok: true; valeur: E } | null = null;
  let lignesLues = 0;
  let refus: string | null = null;
  const traiter = async (e: EnregistrementCsv) => {
    if (entete === null) {
      const lu = "erreur" in e ? { ok: false as const, detail: "première ligne illisible" } : p.entete(e.champs);
      if (!lu.ok) refus = lu.detail;
      else entete = lu;
      return;
    }
    lignesLues += 1;
    if (lignesLues % 5000 === 0) p.progression(`${lignesLues.toLocaleString("fr-FR")} lignes lues…`);
    if ("erreur" in e) {
      p.rapports.push({ nature: "rejet", ligne: e.ligne, champ: null, valeur: null, raison: e.erreur === "champTropLong" ? "Un champ dépasse 100 000 caractères." : "Guillemet ouvert jamais fermé : fin de fichier atteinte." });
      return;
    }
    await p.ligne(e.champs, e.ligne, entete.valeur);
  };
  for await (const texte of texteDe(p.source.octets, empreinte)) {
    for (const e of lecteur.pousser(texte)) {
      await traiter(e);
      if (refus !== null) return { ok: false, erreur: "enteteInvalide", detail: refus };
    }
  }
  for (const e of lecteur.terminer()) {
    await traiter(e);
    if (refus !== null) return { ok: false, erreur: "enteteInvalide", detail: refus };
  }
  if (entete === null) return { ok: false, erreur: "fichierVide", detail: "" };
  return { ok: true, empreinte: empreinte.digest("hex"), lignesLues };
}

/**
 * Reads a JSON array element by element (each element parsed on its own, in bounded memory).
 * Unreadable elements go to the report with their position in the array.
 */
export async function lireTableauJson(p: {
  source: SourceDeFichier;
  rapports: LigneDeRapport[];
  element: (valeur: unknown, numero: number) => void | Promise<void>;
  progression: Progression;
}): Promise<{ ok: true; empreinte: string; lignesLues: number } | { ok: false; erreur: "enteteInvalide" | "fichierVide"; detail: string }> {
  const empreinte = createHash("sha256");
  const lecteur = new LecteurTableauJson();
  let lignesLues = 0;
  const traiter = async (e: ElementJson) => {
    lignesLues += 1;
    if (lignesLues % 5000 === 0) p.progression(`${lignesLues.toLocaleString("fr-FR")} éléments lus…`);
    if ("erreur" in e) {
      p.rapports.push({ nature: "rejet", ligne: e.numero, champ: null, valeur: null, raison: e.erreur === "elementTropLong" ? "Élément de plus d'un million de caractères." : "Élément JSON illisible." });
      return;
    }
    await p.element(e.valeur, e.numero);
  };
  let vide = true;
  for await (const texte of texteDe(p.source.octets, empreinte)) {
    if (texte.trim()) vide = false;
    for (const e of lecteur.pousser(texte)) await traiter(e);
    if (lecteur.pasUnTableau) return { ok: false, erreur: "enteteInvalide", detail: "le fichier JSON doit être un tableau d'objets ([{…}, {…}])" };
  }
  for (const e of lecteur.terminer()) await traiter(e);
  if (vide) return { ok: false, erreur: "fichierVide", detail: "" };
  // A truncated file holding no element: refused as a whole (a report line needs an element to point at).
  if (lecteur.finInattendue && lignesLues === 0) return { ok: false, erreur: "enteteInvalide", detail: "fin du fichier JSON inattendue : tableau non fermé, sans aucun élément" };
  if (lecteur.finInattendue) p.rapports.push({ nature: "rejet", ligne: lignesLues, champ: null, valeur: null, raison: "Fin du fichier JSON inattendue (tableau non fermé ou texte après le tableau)." });
  return { ok: true, empreinte: empreinte.digest("hex"), lignesLues };
}

/** The file's first bytes (to tell JSON from CSV), and the same file to read from its start. */
export async function sonder(source: SourceDeFichier): Promise<{ source: SourceDeFichier; debut: string }> {
  const iterateur = source.octets[Symbol.asyncIterator]();
  const premier = await iterateur.next();
  const morceau = premier.done ? new Uint8Array() : premier.value instanceof Uint8Array ? premier.value : new Uint8Array(premier.value as ArrayBufferLike);
  async function* octets() {
    if (!premier.done) yield morceau;
    for (let r = await iterateur.next(); !r.done; r = await iterateur.next()) yield r.value;
  }
  const debut = new TextDecoder("utf-8", { fatal: false }).decode(morceau.subarray(0, 1024)).replace(/^\uFEFF/, "").trimStart();
  return { source: { nom: source.nom, octets: octets() }, debut };
}

/** A file's header checked by a reader of the domain, as `lireCsv` wants it: the columns' positions, or the missing ones. */
export function enteteAttendu<P>(lu: { ok: true; positions: P } | { ok: false; manquantes: string[] }): { ok: true; valeur: P } | { ok: false; detail: string } {
  return lu.ok ? { ok: true, valeur: lu.positions } : { ok: false, detail: `colonnes manquantes : ${lu.manquantes.join(", ")}` };
}

/** The problems that reject a line, into the report. */
export function rejeter(rapports: LigneDeRapport[], ligne: number, problemes: Array<{ champ: string | null; valeur: string | null; raison: string }>) {
  for (const pb of problemes) rapports.push({ nature: "rejet", ligne, ...pb });
}

/** The active set of this kind made from the same file, if any (re-importing it changes nothing). */
async function jeuActifIdentique(db: Executeur, nature: string, empreinte: string): Promise<string | null> {
  const [actif] = await db
    .select({ id: jeuxDeDonnees.id })
    .from(jeuxDeDonnees)
    .where(and(eq(jeuxDeDonnees.nature, nature), eq(jeuxDeDonnees.etat, "actif"), eq(jeuxDeDonnees.empreinte, empreinte)));
  return actif?.id ?? null;
}

/** When the same file is already the active set of its kind: the bilan of an import that changes nothing. */
export async function bilanSiInchange(p: { db: Executeur; nature: string; empreinte: string; fichier: string; lignesLues: number; progression: Progression }): Promise<BilanImport | null> {
  const actif = await jeuActifIdentique(p.db, p.nature, p.empreinte);
  if (!actif) return null;
  p.progression("Ce fichier est déjà celui en service : rien ne change.");
  return { jeu: actif, fichier: p.fichier, inchange: true, lignesLues: p.lignesLues, acceptees: 0, corrigees: 0, rejetees: 0, enregistrees: 0, sansDonnees: 0, apercu: [] };
}

export function lignesRejetees(rapports: LigneDeRapport[]): number {
  return new Set(rapports.filter((r) => r.nature === "rejet").map((r) => r.ligne)).size;
}

/** A new set "en chargement" (readers ignore it until it is swapped in by `activerJeu`). */
export async function ouvrirJeu(p: { db: Executeur; nature: string; source: string; fichier: string; maintenant: Date; dateMiseAJour?: Date }): Promise<string> {
  const [jeu] = await p.db
    .insert(jeuxDeDonnees)
    .values({ nature: p.nature, provenance: "import", source: p.source, dateMiseAJour: p.dateMiseAJour ?? p.maintenant, chargeLe: p.maintenant, etat: "chargement", fichier: p.fichier })
    .returning({ id: jeuxDeDonnees.id });
  return (jeu as { id: string }).id;
}

/** Removes a set that will not be swapped in (failed, or the same file as the one in service). */
export async function abandonnerJeu(db: Executeur, jeuId: string): Promise<void> {
  await db.delete(jeuxDeDonnees).where(eq(jeuxDeDonnees.id, jeuId));
}

/**
 * Completes a filled set (its file's SHA-256, its counts and its report) and swaps it in: the
 * previous sets of the kind (demonstration included, and any set left "en chargement" by an
 * interrupted import) go in one short transaction.
 */
export async function activerJeu(p: {
  db: Executeur;
  jeuId: string;
  nature: string;
  empreinte: string;
  comptes: { acceptees: number; corrigees: number; rejetees: number };
  rapports: LigneDeRapport[];
  /** Other natures whose demonstration sets this real set also replaces (places from two kinds of files). */
  demonstrationsRemplacees?: string[];
}): Promise<void> {
  const rapports = [...p.rapports].sort((a, b) => a.ligne - b.ligne);
  for (let i = 0; i < rapports.length; i += LOT_IMPORT) {
    await p.db.insert(rapportsImport).values(rapports.slice(i, i + LOT_IMPORT).map((r) => ({ jeuDeDonneesId: p.jeuId, nature: r.nature, ligne: r.ligne, champ: r.champ, valeur: tronquer(r.valeur), raison: r.raison })));
  }
  await p.db.transaction(async (tx) => {
    await tx.delete(jeuxDeDonnees).where(and(eq(jeuxDeDonnees.nature, p.nature), ne(jeuxDeDonnees.id, p.jeuId)));
    if (p.demonstrationsRemplacees?.length) {
      await tx.delete(jeuxDeDonnees).where(and(inArray(jeuxDeDonnees.nature, p.demonstrationsRemplacees), eq(jeuxDeDonnees.provenance, "demonstration")));
    }
    await tx
      .update(jeuxDeDonnees)
      .set({ etat: "actif", empreinte: p.empreinte, lignesAcceptees: p.comptes.acceptees, lignesCorrigees: p.comptes.corrigees, lignesRejetees: p.comptes.rejetees })
      .where(eq(jeuxDeDonnees.id, p.jeuId));
  });
  await analyserTables(p.db, [...(TABLES_DES_NATURES[p.nature] ?? []), "jeux_de_donnees", "rapports_import"]);
}

/** The table each kind of set writes its rows to. */
export const TABLES_DES_NATURES: Record<string, string[]> = {
  lieux: ["lieux_inclusion_numerique"],
  "data-inclusion": ["lieux_inclusion_numerique"],
  "ifn-communes": ["indices_fragilite"],
  "ifn-epci": ["indices_fragilite"],
  "aidants-connect": ["structures_aidants_connect"],
  "conseillers-numeriques": ["effectifs_conseillers_numeriques"],
  "insee-population-age": ["populations_par_age"],
  "geometrie-departements": ["geometries"],
  "geometrie-epci": ["geometries"],
  "geometrie-communes": ["geometries"],
};


/**
 * Writes a set whose rows are all known: created "en chargement", filled by `remplir` (short
 * batches, the app keeps answering), then swapped in. On failure the partial set is removed.
 */
export async function ecrireJeu(p: {
  db: Executeur;
  nature: string;
  source: string;
  fichier: string;
  empreinte: string;
  maintenant: Date;
  comptes: { acceptees: number; corrigees: number; rejetees: number };
  rapports: LigneDeRapport[];
  remplir: (jeuId: string) => Promise<void>;
  /** The date the data describes, when the file says it (else the import's date). */
  dateMiseAJour?: Date;
  demonstrationsRemplacees?: string[];
}): Promise<string> {
  const jeuId = await ouvrirJeu(p);
  try {
    await p.remplir(jeuId);
    await activerJeu({ ...p, jeuId });
  } catch (e) {
    await abandonnerJeu(p.db, jeuId);
    throw e;
  }
  return jeuId;
}

/** Inserts rows by short batches, yielding to other work between them. */
export async function insererParLots<T>(lignes: T[], inserer: (lot: T[]) => Promise<unknown>) {
  for (let i = 0; i < lignes.length; i += LOT_IMPORT) {
    await inserer(lignes.slice(i, i + LOT_IMPORT));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The active imported sets of these kinds, for `statut`: file, date, line counts. */
export async function etatDesJeux(db: Executeur, natures: string[]) {
  return db
    .select({ nature: jeuxDeDonnees.nature, fichier: jeuxDeDonnees.fichier, provenance: jeuxDeDonnees.provenance, chargeLe: jeuxDeDonnees.chargeLe, acceptees: jeuxDeDonnees.lignesAcceptees, corrigees: jeuxDeDonnees.lignesCorrigees, rejetees: jeuxDeDonnees.lignesRejetees })
    .from(jeuxDeDonnees)
    .where(and(inArray(jeuxDeDonnees.nature, natures), eq(jeuxDeDonnees.etat, "actif")))
    .orderBy(jeuxDeDonnees.nature);
}
