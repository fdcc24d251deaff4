import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { departements, gouvernances, regions, sectionsGouvernance } from "@/db/schema";
import {
  ETATS_PUBLICS,
  LIBELLES_ETATS,
  SECTIONS_PUBLIQUES,
  compterParEtat,
  contenuPublic,
  estPublique,
  lireEtat,
  type ContenuPublic,
  type ContenusPublics,
  type EtatGouvernance,
  type EtatPublic,
} from "@/domain/gouvernance/publique";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { comparerCodesDepartement, estCodeDepartement } from "@/domain/territoires/codes";
import { referentielPerimetre } from "./gouvernance";
import type { ErreurDepartement } from "./territoires";

/*
 * The public read of the gouvernances (PRODUCT §6 "vue publique", §12 /api/v1/gouvernances): no
 * session, no permission, so only what the domain's public view lets out. The content of a
 * gouvernance is public once déposée or validée; before that, only its state is. The sections of
 * the sous-préfet's contact and of the note de contexte are never even read here.
 */

export interface DepartementPublic {
  code: string;
  nom: string;
  region: { code: string; nom: string };
}

export type GouvernancePublique =
  | ({
      public: true;
      departement: DepartementPublic;
      etat: EtatPublic;
      libelleEtat: string;
      /** The last submission. */
      deposeeLe: Date | null;
      /** The national team's validation (null while déposée). */
      valideeLe: Date | null;
      /** A fictitious gouvernance of the demonstration dataset: labelled as such wherever it is shown. */
      demonstration: boolean;
    } & ContenuPublic)
  | { public: false; departement: DepartementPublic; etat: EtatGouvernance; libelleEtat: string };

export interface LigneGouvernance {
  code: string;
  nom: string;
  codeRegion: string;
  etat: EtatGouvernance;
  libelleEtat: string;
  public: boolean;
  deposeeLe: Date | null;
  valideeLe: Date | null;
  /** The number of feuilles de route of a public gouvernance; null otherwise. */
  feuillesDeRoute: number | null;
}

/** A département of the gouvernance scope (not a collectivité d'outre-mer). */
async function departementPublic(db: Executeur, code: string): Promise<Resultat<DepartementPublic, ErreurDepartement>> {
  if (!estCodeDepartement(code)) return echec("codeDepartementInvalide", { code });
  const [d] = await db
    .select({ code: departements.code, nom: departements.nom, outreMer: departements.collectiviteOutreMer, codeRegion: regions.code, nomRegion: regions.nom })
    .from(departements)
    .innerJoin(regions, eq(regions.code, departements.codeRegion))
    .where(eq(departements.code, code));
  if (!d || d.outreMer) return echec("departementInconnu", { code });
  return succes({ code: d.code, nom: d.nom, region: { code: d.codeRegion, nom: d.nomRegion } });
}

/** The public view of a département's gouvernance, or its state alone while it is not public. */
export async function gouvernancePublique(db: Executeur, code: string): Promise<Resultat<GouvernancePublique, ErreurDepartement>> {
  const d = await departementPublic(db, code);
  if (!d.ok) return d;
  const departement = d.valeur;
  const [g] = await db
    .select({ etat: gouvernances.etat, deposeeLe: gouvernances.deposeeLe, instruiteLe: gouvernances.instruiteLe, demonstration: gouvernances.demonstration })
    .from(gouvernances)
    .where(eq(gouvernances.codeDepartement, departement.code));
  const etat = lireEtat(g?.etat);
  if (!g || !estPublique(etat)) return succes({ public: false, departement, etat, libelleEtat: LIBELLES_ETATS[etat] });

  const lignes = await db
    .select({ section: sectionsGouvernance.section, contenu: sectionsGouvernance.contenu })
    .from(sectionsGouvernance)
    .where(and(eq(sectionsGouvernance.codeDepartement, departement.code), inArray(sectionsGouvernance.section, [...SECTIONS_PUBLIQUES])));
  const contenus: ContenusPublics = {};
  for (const l of lignes) (contenus as Record<string, unknown>)[l.section] = l.contenu;
  const referentiel = await referentielPerimetre(db, departement.code);
  return succes({
    public: true,
    departement,
    etat,
    libelleEtat: LIBELLES_ETATS[etat],
    deposeeLe: g.deposeeLe,
    valideeLe: etat === "validee" ? g.instruiteLe : null,
    demonstration: g.demonstration,
    ...contenuPublic(contenus, referentiel),
  });
}

/** Every département of the gouvernance scope, in the order of the COG, with the state of its gouvernance. */
export async function listeDesGouvernances(db: Executeur): Promise<LigneGouvernance[]> {
  const lignes = await db
    .select({
      code: departements.code,
      nom: departements.nom,
      codeRegion: departements.codeRegion,
      etat: gouvernances.etat,
      deposeeLe: gouvernances.deposeeLe,
      instruiteLe: gouvernances.instruiteLe,
    })
    .from(departements)
    .leftJoin(gouvernances, eq(gouvernances.codeDepartement, departements.code))
    .where(eq(departements.collectiviteOutreMer, false));
  const feuilles = await db
    .select({
      code: sectionsGouvernance.codeDepartement,
      // PGlite and node-postgres may not give the same JavaScript type: read as a number below.
      nombre: sql<unknown>`jsonb_array_length(coalesce(${sectionsGouvernance.contenu} -> 'feuilles', '[]'::jsonb))`,
    })
    .from(sectionsGouvernance)
    .innerJoin(gouvernances, eq(gouvernances.codeDepartement, sectionsGouvernance.codeDepartement))
    .where(and(eq(sectionsGouvernance.section, "feuillesDeRoute"), inArray(gouvernances.etat, [...ETATS_PUBLICS])));
  const nombreDeFeuilles = new Map(feuilles.map((f) => [f.code, Number(f.nombre)]));
  return lignes
    .sort((a, b) => comparerCodesDepartement(a.code, b.code))
    .map((l): LigneGouvernance => {
      const etat = lireEtat(l.etat);
      const publique = estPublique(etat);
      return {
        code: l.code,
        nom: l.nom,
        codeRegion: l.codeRegion,
        etat,
        libelleEtat: LIBELLES_ETATS[etat],
        public: publique,
        deposeeLe: l.deposeeLe ?? null,
        valideeLe: etat === "validee" ? (l.instruiteLe ?? null) : null,
        feuillesDeRoute: publique ? (nombreDeFeuilles.get(l.code) ?? 0) : null,
      };
    });
}

/** How many départements have their gouvernance in each state (PRODUCT §12, statistiques nationales). */
export async function gouvernancesParEtat(db: Executeur): Promise<Record<EtatGouvernance, number>> {
  const lignes = await db
    .select({ etat: gouvernances.etat })
    .from(departements)
    .leftJoin(gouvernances, eq(gouvernances.codeDepartement, departements.code))
    .where(eq(departements.collectiviteOutreMer, false));
  return compterParEtat(lignes.map((l) => lireEtat(l.etat)));
}

/**
 * The state and dates of a département's gouvernance (public: the list gives them for every
 * département), for the pages that show them beside the content they read elsewhere.
 */
export async function etatEtDatesDeLaGouvernance(db: Executeur, code: string): Promise<{ etat: EtatGouvernance; libelleEtat: string; deposeeLe: Date | null; valideeLe: Date | null }> {
  const [g] = await db
    .select({ etat: gouvernances.etat, deposeeLe: gouvernances.deposeeLe, instruiteLe: gouvernances.instruiteLe })
    .from(gouvernances)
    .where(eq(gouvernances.codeDepartement, code));
  const etat = lireEtat(g?.etat);
  return { etat, libelleEtat: LIBELLES_ETATS[etat], deposeeLe: g?.deposeeLe ?? null, valideeLe: etat === "validee" ? (g?.instruiteLe ?? null) : null };
}
