import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { candidats, contactsManifestation, departements, formulairesManifestation, regions, utilisateurs } from "@/db/schema";
import { TYPES_CANDIDAT, type TypeCandidat } from "@/domain/candidatures/personas";
import type { ContactAExporter } from "@/domain/exports/contacts";
import { decider } from "@/domain/identite/permissions";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { candidatsParTypeEtIntention, dansLesDepartements, estContenuPorter, statistiquesCandidatures, type ContenuFormulaire, type StatistiquesCandidatures } from "./manifestations";

/*
 * The préfectures' space (PRODUCT §5): the candidates of a territory — a département, a région (its
 * départements) or the nation — their counts, their contacts and the exports. Every function takes
 * a Territoire that ouvrirTerritoire() gave after the permission policy agreed.
 */

export type DemandeTerritoire = { type: "departement"; code: string } | { type: "region"; code: string } | { type: "national" };

export interface Territoire {
  type: "departement" | "region" | "national";
  code: string | null;
  nom: string;
  /** The départements it covers (the 101 of the gouvernance scope for the nation). */
  departements: string[];
  /** For a département, its région. */
  region?: { code: string; nom: string };
}

export type ErreurTerritoire = "nonConnecte" | "nonAutorise" | "territoireInconnu";

/** The départements of the gouvernance scope (not the collectivités d'outre-mer), with their région. */
function departementsEtRegions(db: Executeur) {
  return db
    .select({ code: departements.code, nom: departements.nom, codeRegion: departements.codeRegion, nomRegion: regions.nom })
    .from(departements)
    .innerJoin(regions, eq(regions.code, departements.codeRegion))
    .where(eq(departements.collectiviteOutreMer, false));
}

/** The territory, when the person may read its préfecture space. */
export async function ouvrirTerritoire(params: { db: Executeur; acteur: Acteur | null; demande: DemandeTerritoire }): Promise<Resultat<Territoire, ErreurTerritoire>> {
  const { db, acteur, demande } = params;
  if (!acteur) return echec("nonConnecte");
  const tous = await departementsEtRegions(db);
  let territoire: Territoire | null = null;
  let decision;
  if (demande.type === "departement") {
    const d = tous.find((t) => t.code === demande.code);
    if (!d) return echec("territoireInconnu", { code: demande.code });
    decision = decider(acteur, "lireEspaceDepartement", { type: "departement", code: d.code, codeRegion: d.codeRegion });
    territoire = { type: "departement", code: d.code, nom: d.nom, departements: [d.code], region: { code: d.codeRegion, nom: d.nomRegion } };
  } else if (demande.type === "region") {
    const ds = tous.filter((t) => t.codeRegion === demande.code);
    if (ds.length === 0) return echec("territoireInconnu", { code: demande.code });
    decision = decider(acteur, "lireEspaceRegion", { type: "region", code: demande.code });
    territoire = { type: "region", code: demande.code, nom: ds[0]?.nomRegion ?? demande.code, departements: ds.map((d) => d.code).sort() };
  } else {
    decision = decider(acteur, "lireEspaceNational", { type: "national" });
    territoire = { type: "national", code: null, nom: "France", departements: tous.map((d) => d.code).sort() };
  }
  if (!decision.autorise) return echec(decision.raison);
  return succes(territoire);
}

/** The territories a person may open, for the switcher (départements, régions, national). */
export async function territoiresAccessibles(db: Executeur, acteur: Acteur | null): Promise<Array<{ type: "departement" | "region" | "national"; code: string | null; nom: string }>> {
  if (!acteur) return [];
  const tous = await departementsEtRegions(db);
  const liste: Array<{ type: "departement" | "region" | "national"; code: string | null; nom: string }> = [];
  if (decider(acteur, "lireEspaceNational", { type: "national" }).autorise) liste.push({ type: "national", code: null, nom: "France entière" });
  const regionsVues = new Set<string>();
  for (const d of tous) {
    if (!regionsVues.has(d.codeRegion) && decider(acteur, "lireEspaceRegion", { type: "region", code: d.codeRegion }).autorise) {
      regionsVues.add(d.codeRegion);
      liste.push({ type: "region", code: d.codeRegion, nom: d.nomRegion });
    }
  }
  for (const d of tous) {
    if (decider(acteur, "lireEspaceDepartement", { type: "departement", code: d.code, codeRegion: d.codeRegion }).autorise) liste.push({ type: "departement", code: d.code, nom: `${d.code} — ${d.nom}` });
  }
  return liste;
}

export function cheminDuTerritoire(t: { type: "departement" | "region" | "national"; code: string | null }): string {
  return t.type === "national" ? "/gouvernances/national" : `/gouvernances/${t.type === "departement" ? "departements" : "regions"}/${t.code}`;
}

/** Remembers the territory a person opened last (the "Gouvernance" entry brings them back to it). */
export async function memoriserTerritoire(db: Executeur, acteur: Acteur, territoire: Territoire) {
  const chemin = cheminDuTerritoire(territoire);
  await db
    .update(utilisateurs)
    .set({ dernierTerritoire: chemin })
    .where(and(eq(utilisateurs.id, acteur.id), sql`${utilisateurs.dernierTerritoire} is distinct from ${chemin}`));
}

/** Where "Gouvernance" leads an agent: the territory opened last if still allowed, else their first one. */
export async function territoireParDefaut(db: Executeur, acteur: Acteur | null): Promise<string | null> {
  if (!acteur) return null;
  const accessibles = await territoiresAccessibles(db, acteur);
  const chemins = accessibles.map(cheminDuTerritoire);
  const [ligne] = await db.select({ dernier: utilisateurs.dernierTerritoire }).from(utilisateurs).where(eq(utilisateurs.id, acteur.id));
  if (ligne?.dernier && chemins.includes(ligne.dernier)) return ligne.dernier;
  // The narrowest scope first: a département, then a région, then the nation.
  const prefere = accessibles.find((t) => t.type === "departement") ?? accessibles.find((t) => t.type === "region") ?? accessibles[0];
  return prefere ? cheminDuTerritoire(prefere) : null;
}

export async function statistiquesDuTerritoire(db: Executeur, territoire: Territoire): Promise<StatistiquesCandidatures> {
  return statistiquesCandidatures(db, territoire.departements);
}

/* ---------- Candidates ---------- */

export const MANIFESTATIONS = ["porteur", "participant"] as const;
export type Manifestation = (typeof MANIFESTATIONS)[number];

export interface FiltresCandidats {
  type?: TypeCandidat;
  manifestation?: Manifestation;
  /** Sent on or after this day. */
  depuis?: Date;
  recherche?: string;
}

/** Reads the filters of the page's query, dropping what is not understood. */
export function lireFiltresCandidats(q: Record<string, string | undefined>): FiltresCandidats {
  const filtres: FiltresCandidats = {};
  if (q.type && (TYPES_CANDIDAT as readonly string[]).includes(q.type)) filtres.type = q.type as TypeCandidat;
  if (q.manifestation && (MANIFESTATIONS as readonly string[]).includes(q.manifestation)) filtres.manifestation = q.manifestation as Manifestation;
  if (q.depuis && /^\d{4}-\d{2}-\d{2}$/.test(q.depuis) && !Number.isNaN(Date.parse(`${q.depuis}T00:00:00Z`))) filtres.depuis = new Date(`${q.depuis}T00:00:00Z`);
  const recherche = q.recherche?.trim().slice(0, 100);
  if (recherche && !recherche.includes("\u0000")) filtres.recherche = recherche;
  return filtres;
}

export interface FicheCandidat {
  formulaireId: string;
  candidatId: string;
  manifestation: Manifestation;
  type: TypeCandidat;
  nom: string;
  code: string | null;
  deposeLe: Date;
  demonstration: boolean;
  contenu: ContenuFormulaire | null;
}

export const CANDIDATS_PAR_PAGE = 30;

/**
 * The candidates of a territory, each with its latest sent form of each intention: the porteurs
 * first, then the collectivités, then the structures that wish to participate; newest first.
 */
export async function listerCandidats(p: { db: Executeur; territoire: Territoire; filtres: FiltresCandidats; page: number }): Promise<{ fiches: FicheCandidat[]; total: number; page: number; pages: number }> {
  const conditions: SQL[] = [eq(formulairesManifestation.etat, "envoye"), dansLesDepartements(candidats.departements, p.territoire.departements)];
  const { type, manifestation, depuis, recherche } = p.filtres;
  if (type) conditions.push(eq(candidats.type, type));
  if (manifestation) conditions.push(eq(formulairesManifestation.intention, manifestation === "porteur" ? "porter" : "participer"));
  if (depuis) conditions.push(sql`${formulairesManifestation.envoyeLe} >= ${depuis.toISOString()}`);
  if (recherche) conditions.push(or(ilike(candidats.nom, `%${echapperLike(recherche)}%`), eq(candidats.code, recherche)) as SQL);
  // The latest sent form of each candidate and intention.
  const derniers = p.db
    .selectDistinctOn([formulairesManifestation.candidatId, formulairesManifestation.intention], {
      formulaireId: sql<string>`${formulairesManifestation.id}`.as("formulaire_id"),
      candidatId: sql<string>`${candidats.id}`.as("candidat_id"),
      intention: sql<string>`${formulairesManifestation.intention}`.as("intention"),
      type: sql<string>`${candidats.type}`.as("type"),
      nom: sql<string>`${candidats.nom}`.as("nom"),
      code: sql<string | null>`${candidats.code}`.as("code"),
      deposeLe: sql<Date>`${formulairesManifestation.envoyeLe}`.as("depose_le"),
      demonstration: sql<boolean>`${candidats.demonstration}`.as("demonstration"),
      contenu: sql<unknown>`${formulairesManifestation.contenu}`.as("contenu"),
    })
    .from(formulairesManifestation)
    .innerJoin(candidats, eq(candidats.id, formulairesManifestation.candidatId))
    .where(and(...conditions))
    .orderBy(formulairesManifestation.candidatId, formulairesManifestation.intention, desc(formulairesManifestation.envoyeLe))
    .as("derniers");
  const [compte] = await p.db.select({ n: sql<number>`count(*)` }).from(derniers);
  const total = Number(compte?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / CANDIDATS_PAR_PAGE));
  const page = Math.min(Math.max(1, p.page), pages);
  const ordre = sql`case when ${derniers.intention} = 'porter' then 0 when ${derniers.type} <> 'structure' then 1 else 2 end`;
  const lignes = await p.db
    .select({
      formulaireId: derniers.formulaireId,
      candidatId: derniers.candidatId,
      intention: derniers.intention,
      type: derniers.type,
      nom: derniers.nom,
      code: derniers.code,
      deposeLe: derniers.deposeLe,
      demonstration: derniers.demonstration,
      contenu: derniers.contenu,
    })
    .from(derniers)
    .orderBy(ordre, desc(derniers.deposeLe), derniers.nom)
    .limit(CANDIDATS_PAR_PAGE)
    .offset((page - 1) * CANDIDATS_PAR_PAGE);
  return {
    total,
    page,
    pages,
    fiches: lignes.map((l) => ({
      formulaireId: l.formulaireId,
      candidatId: l.candidatId,
      manifestation: l.intention === "porter" ? "porteur" : "participant",
      type: l.type as TypeCandidat,
      nom: l.nom,
      code: l.code,
      deposeLe: new Date(l.deposeLe),
      demonstration: Boolean(l.demonstration),
      contenu: (l.contenu as ContenuFormulaire | null) ?? null,
    })),
  };
}

function echapperLike(texte: string): string {
  return texte.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** National figures (PRODUCT §12): distinct organisations by type; the gouvernances are not written yet. */
export async function statistiquesNationales(db: Executeur) {
  const tous = await db.select({ code: departements.code }).from(departements).where(eq(departements.collectiviteOutreMer, false));
  const lignes = await candidatsParTypeEtIntention(
    db,
    tous.map((d) => d.code),
  );
  const n = (intention: "porter" | "participer", type: TypeCandidat) => lignes.filter((l) => l.intention === intention && l.type === type).reduce((s, l) => s + l.candidats, 0);
  return {
    prefecturesAyantRemonteUneGouvernance: 0,
    candidatsCoPortage: { conseilsRegionaux: n("porter", "region"), conseilsDepartementaux: n("porter", "departement"), epci: n("porter", "epci") },
    souhaitentEtreImpliques: {
      conseilsRegionaux: n("participer", "region"),
      conseilsDepartementaux: n("participer", "departement"),
      epci: n("participer", "epci"),
      communes: n("participer", "commune"),
      structures: n("participer", "structure"),
    },
    // Until the gouvernances exist (issue "Formulaire de validation de la gouvernance"), every département has none.
    gouvernances: { aucune: tous.length, brouillon: 0, deposee: 0, validee: 0, aCompleter: 0 },
    demonstration: lignes.some((l) => l.demonstration),
  };
}

/* ---------- Contacts ---------- */

/** A line of the contacts table and exports: what the export shows, with its id and provenance. */
export interface LigneContact extends ContactAExporter {
  id: string;
  demonstration: boolean;
}

export const TRIS_CONTACTS = ["date", "organisation", "typologie", "manifestation", "contact", "email"] as const;
export type TriContacts = (typeof TRIS_CONTACTS)[number];
export const CONTACTS_PAR_PAGE = 50;

const colonnesContact = {
  id: contactsManifestation.id,
  deposeLe: contactsManifestation.deposeLe,
  organisation: contactsManifestation.organisation,
  typologie: contactsManifestation.typologie,
  manifestation: contactsManifestation.manifestation,
  nomPorteur: contactsManifestation.nomPorteur,
  nom: contactsManifestation.nom,
  prenom: contactsManifestation.prenom,
  fonction: contactsManifestation.fonction,
  role: contactsManifestation.role,
  email: contactsManifestation.email,
  codeSiret: contactsManifestation.codeSiret,
  codeInsee: contactsManifestation.codeInsee,
  demonstration: contactsManifestation.demonstration,
};

function versLigne(l: Omit<LigneContact, "deposeLe"> & { deposeLe: Date | string }): LigneContact {
  return { ...l, deposeLe: new Date(l.deposeLe) };
}

/** One page of the contacts table, sorted by a column (newest deposit first by default). */
export async function pageDeContacts(p: {
  db: Executeur;
  territoire: Territoire;
  tri: TriContacts;
  sens: "asc" | "desc";
  page: number;
  manifestation?: string;
}): Promise<{ lignes: LigneContact[]; total: number; page: number; pages: number }> {
  const conditions: SQL[] = [dansLesDepartements(contactsManifestation.departements, p.territoire.departements)];
  if (p.manifestation && ["porteur", "participant", "partenaire"].includes(p.manifestation)) conditions.push(eq(contactsManifestation.manifestation, p.manifestation));
  const [compte] = await p.db.select({ n: sql<number>`count(*)` }).from(contactsManifestation).where(and(...conditions));
  const total = Number(compte?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / CONTACTS_PAR_PAGE));
  const page = Math.min(Math.max(1, p.page), pages);
  const colonne = {
    date: contactsManifestation.deposeLe,
    organisation: contactsManifestation.organisation,
    typologie: contactsManifestation.typologie,
    manifestation: contactsManifestation.manifestation,
    contact: contactsManifestation.nom,
    email: contactsManifestation.email,
  }[p.tri];
  const lignes = await p.db
    .select(colonnesContact)
    .from(contactsManifestation)
    .where(and(...conditions))
    .orderBy(p.sens === "asc" ? colonne : desc(colonne), desc(contactsManifestation.deposeLe), desc(contactsManifestation.id))
    .limit(CONTACTS_PAR_PAGE)
    .offset((page - 1) * CONTACTS_PAR_PAGE);
  return { lignes: lignes.map(versLigne), total, page, pages };
}

/**
 * Every contact line of the territory, newest deposit first, read by batches with a keyset (never
 * the whole list in memory): for the CSV and XLSX exports.
 */
export async function* lignesDeContacts(db: Executeur, territoire: Territoire, taille = 1000): AsyncGenerator<LigneContact[]> {
  let apres: { deposeLe: string; id: string } | null = null;
  for (;;) {
    const dans = dansLesDepartements(contactsManifestation.departements, territoire.departements);
    // A row comparison: the index (depose_le, id) starts right after the cursor (an OR of two
    // conditions made every batch re-read all the lines before it).
    const suite: SQL | undefined = apres ? sql`(${contactsManifestation.deposeLe}, ${contactsManifestation.id}) < (${apres.deposeLe}::timestamptz, ${apres.id}::uuid)` : undefined;
    const lot = await db
      .select(colonnesContact)
      .from(contactsManifestation)
      .where(suite ? and(dans, suite) : dans)
      .orderBy(desc(contactsManifestation.deposeLe), desc(contactsManifestation.id))
      .limit(taille);
    if (lot.length === 0) return;
    const lignes = lot.map(versLigne);
    yield lignes;
    if (lot.length < taille) return;
    const derniere = lignes[lignes.length - 1] as LigneContact;
    apres = { deposeLe: derniere.deposeLe.toISOString(), id: derniere.id };
  }
}

export { estContenuPorter };
