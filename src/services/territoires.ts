import { and, eq, inArray, ne, notInArray } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Connexion, Executeur } from "@/db/client";
import { ceder, enLots, valeursProposees } from "@/db/lots";
import { anciennesCommunes, communes, departements, epci, epciCommunes, referentiels, regions } from "@/db/schema";
import { analyserTables, compter, compterDistincts, sommer } from "@/db/sql";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { comparerCodesDepartement, estCodeDepartement } from "@/domain/territoires/codes";
import { construireReferentiel, type ReferentielTerritoires } from "@/domain/territoires/referentiel";
import type { SourceCog } from "@/integrations/cog/decoupage-administratif";

export const NOM_REFERENTIEL_COG = "cog";

export type Progression = (message: string) => void;

export interface BilanImportTerritoires {
  millesime: string;
  versionSource: string;
  effectifs: Record<string, number>;
  /** False when the stored reference already came from the same files. */
  importe: boolean;
}

const TAILLE_LOT = 1000;

async function upsertParLots<T extends object>(
  tx: Executeur,
  table: PgTable,
  cle: string,
  lignes: T[],
  progression: Progression,
  libelle: string,
) {
  let faites = 0;
  const set = valeursProposees(table, [cle]);
  const colonneCle = (table as unknown as Record<string, Parameters<typeof eq>[0]>)[cle];
  for (const lot of enLots(lignes, TAILLE_LOT)) {
    await tx.insert(table).values(lot as never).onConflictDoUpdate({ target: colonneCle as never, set });
    faites += lot.length;
    if (lignes.length > TAILLE_LOT && (faites % (TAILLE_LOT * 5) === 0 || faites === lignes.length)) progression(`  ${libelle} : ${faites.toLocaleString("fr-FR")} / ${lignes.length.toLocaleString("fr-FR")}`);
    await ceder();
  }
}

async function insererParLots<T extends object>(tx: Executeur, table: PgTable, lignes: T[]) {
  for (const lot of enLots(lignes, TAILLE_LOT)) {
    await tx.insert(table).values(lot as never);
    await ceder();
  }
}

function effectifsDu(referentiel: ReferentielTerritoires): Record<string, number> {
  return {
    regions: referentiel.regions.length,
    departements: referentiel.departements.filter((d) => !d.collectiviteOutreMer).length,
    collectivitesOutreMer: referentiel.departements.filter((d) => d.collectiviteOutreMer).length,
    epci: referentiel.epci.filter((e) => e.codeEpciParent === null).length,
    etablissementsPublicsTerritoriaux: referentiel.epci.filter((e) => e.codeEpciParent !== null).length,
    communes: referentiel.communes.filter((c) => c.type === "commune-actuelle").length,
    arrondissementsMunicipaux: referentiel.communes.filter((c) => c.type === "arrondissement-municipal").length,
    anciennesCommunes: referentiel.anciennesCommunes.length,
  };
}

export async function etatReferentielTerritoires(db: Executeur) {
  const [ligne] = await db.select().from(referentiels).where(eq(referentiels.nom, NOM_REFERENTIEL_COG));
  return ligne ?? null;
}

/**
 * Loads (or reloads) the territories in one transaction: upserts every row, replaces the EPCI
 * memberships and removes what the new vintage no longer has. Idempotent.
 */
export async function importerTerritoires(params: {
  connexion: Connexion;
  source: SourceCog;
  maintenant: Date;
  progression?: Progression;
  /** When false, nothing is done if the stored reference came from the same files. */
  forcer?: boolean;
}): Promise<BilanImportTerritoires> {
  const { connexion, source, maintenant } = params;
  const progression = params.progression ?? (() => undefined);

  return connexion.sousVerrouExclusif(async () => {
    const existant = await etatReferentielTerritoires(connexion.db);
    if (!params.forcer && existant?.empreinte === source.empreinte) {
      return { millesime: existant.millesime, versionSource: existant.versionSource, effectifs: existant.effectifs, importe: false };
    }

    progression(`Lecture du Code officiel géographique ${source.millesime} (${source.paquet} ${source.version})…`);
    const referentiel = construireReferentiel(source.lire());
    const effectifs = effectifsDu(referentiel);

    await connexion.db.transaction(async (tx) => {
      progression(`Régions : ${referentiel.regions.length}`);
      await upsertParLots(tx, regions, "code", referentiel.regions, progression, "régions");
      progression(`Départements : ${effectifs.departements} (et ${effectifs.collectivitesOutreMer} collectivités d'outre-mer)`);
      await upsertParLots(tx, departements, "code", referentiel.departements, progression, "départements");
      progression(`EPCI : ${effectifs.epci} (et ${effectifs.etablissementsPublicsTerritoriaux} établissements publics territoriaux)`);
      await upsertParLots(tx, epci, "code", referentiel.epci, progression, "EPCI");
      progression(`Communes : ${effectifs.communes} (et ${effectifs.arrondissementsMunicipaux} arrondissements municipaux)`);
      await upsertParLots(tx, communes, "code", referentiel.communes, progression, "communes");

      progression("Composition des EPCI et anciennes communes…");
      await tx.delete(epciCommunes);
      await insererParLots(tx, epciCommunes, referentiel.membresEpci);
      await tx.delete(anciennesCommunes);
      await insererParLots(tx, anciennesCommunes, referentiel.anciennesCommunes);

      // What the new vintage no longer has (merged communes, dissolved EPCI).
      await tx.delete(communes).where(notInArray(communes.code, referentiel.communes.map((c) => c.code)));
      await tx.delete(epci).where(notInArray(epci.code, referentiel.epci.map((e) => e.code)));
      await tx.delete(departements).where(notInArray(departements.code, referentiel.departements.map((d) => d.code)));
      await tx.delete(regions).where(notInArray(regions.code, referentiel.regions.map((r) => r.code)));

      const ligne = {
        nom: NOM_REFERENTIEL_COG,
        millesime: source.millesime,
        source: source.paquet,
        versionSource: source.version,
        empreinte: source.empreinte,
        importeLe: maintenant,
        effectifs,
      };
      await tx.insert(referentiels).values(ligne).onConflictDoUpdate({ target: referentiels.nom, set: valeursProposees(referentiels, ["nom"]) });
    });
    await analyserTables(connexion.db, ["regions", "departements", "epci", "communes", "epci_communes", "anciennes_communes", "referentiels"]);
    invaliderCacheTerritoires();
    progression("Territoires chargés.");
    return { millesime: source.millesime, versionSource: source.version, effectifs, importe: true };
  });
}

export interface DepartementResume {
  code: string;
  nom: string;
  codeRegion: string;
  population: number;
  communes: number;
  epci: number;
  collectiviteOutreMer?: true;
}

const estCommuneActuelle = eq(communes.type, "commune-actuelle");
const estEpciAFiscalitePropre = ne(epci.nature, "EPT");

/*
 * The territories only change with an import: their lists are kept in memory, keyed by the version
 * of the stored reference (its empreinte and import date). The version itself is read from the
 * database at most every few seconds per connection, and at once after an import made by this
 * process; an import made by another instance sharing the database is seen within that delay.
 */
interface CacheTerritoires {
  valeurs: Map<string, unknown>;
  versions: WeakMap<object, { version: string | null; lueA: number }>;
  dureeMs: number;
}
const CLE_CACHE = Symbol.for("efne.cache-territoires");
const cache = ((globalThis as Record<symbol, CacheTerritoires>)[CLE_CACHE] ??= {
  valeurs: new Map(),
  versions: new WeakMap(),
  dureeMs: 5_000,
});

/** Tests: how long a read version is trusted (0: read it on every call). */
export function configurerCacheTerritoires(options: { dureeMs: number }) {
  cache.dureeMs = options.dureeMs;
}

function invaliderCacheTerritoires() {
  cache.valeurs.clear();
  cache.versions = new WeakMap();
}

async function versionDuReferentiel(db: Executeur): Promise<string | null> {
  const connue = cache.versions.get(db);
  const maintenant = performance.now();
  if (connue && maintenant - connue.lueA < cache.dureeMs) return connue.version;
  const [ligne] = await db
    .select({ empreinte: referentiels.empreinte, importeLe: referentiels.importeLe })
    .from(referentiels)
    .where(eq(referentiels.nom, NOM_REFERENTIEL_COG));
  const version = ligne ? `${ligne.empreinte}:${ligne.importeLe.toISOString()}` : null;
  cache.versions.set(db, { version, lueA: maintenant });
  return version;
}

/** The versioned cache for a value derived from the territories only (e.g. a serialised answer). */
export async function avecCacheTerritoires<T>(db: Executeur, cle: string, calculer: () => Promise<T>): Promise<T> {
  const version = await versionDuReferentiel(db);
  if (version === null) return calculer();
  const cleComplete = `${version}|${cle}`;
  if (cache.valeurs.has(cleComplete)) return cache.valeurs.get(cleComplete) as T;
  const valeur = await calculer();
  for (const existante of cache.valeurs.keys()) if (!existante.startsWith(`${version}|`)) cache.valeurs.delete(existante);
  cache.valeurs.set(cleComplete, valeur);
  return valeur;
}

/** The 101 départements (and, on request, the collectivités d'outre-mer after them), in COG order. */
export function listerDepartements(db: Executeur, options: { inclureOutreMer?: boolean } = {}): Promise<DepartementResume[]> {
  return avecCacheTerritoires(db, `departements:${options.inclureOutreMer ? "avec" : "sans"}-outre-mer`, () => calculerDepartements(db, options));
}

async function calculerDepartements(db: Executeur, options: { inclureOutreMer?: boolean }): Promise<DepartementResume[]> {
  // Sequential on purpose: inside a transaction the queries share one connection.
  const lignes = await db.select().from(departements);
  const populations = await db
    .select({ code: communes.codeDepartement, population: sommer(communes.population), communes: compter() })
    .from(communes)
    .where(estCommuneActuelle)
    .groupBy(communes.codeDepartement);
  const nombresEpci = await db
    .select({ code: communes.codeDepartement, epci: compterDistincts(epciCommunes.codeEpci) })
    .from(epciCommunes)
    .innerJoin(communes, eq(communes.code, epciCommunes.codeCommune))
    .innerJoin(epci, eq(epci.code, epciCommunes.codeEpci))
    .where(estEpciAFiscalitePropre)
    .groupBy(communes.codeDepartement);
  const parCodePopulation = new Map(populations.map((p) => [p.code, p]));
  const parCodeEpci = new Map(nombresEpci.map((p) => [p.code, p.epci]));
  return lignes
    .filter((d) => options.inclureOutreMer || !d.collectiviteOutreMer)
    .sort((a, b) => Number(a.collectiviteOutreMer) - Number(b.collectiviteOutreMer) || comparerCodesDepartement(a.code, b.code))
    .map((d) => ({
      code: d.code,
      nom: d.nom,
      codeRegion: d.codeRegion,
      population: parCodePopulation.get(d.code)?.population ?? 0,
      communes: parCodePopulation.get(d.code)?.communes ?? 0,
      epci: parCodeEpci.get(d.code) ?? 0,
      ...(d.collectiviteOutreMer ? { collectiviteOutreMer: true as const } : {}),
    }));
}

export interface EpciDuDepartement {
  code: string;
  nom: string;
  nature: string;
  /** All member communes and their population, including those in other départements. */
  communes: number;
  population: number;
  communesDansLeDepartement: number;
  epciParent?: string;
}

export interface DepartementDetaille {
  code: string;
  nom: string;
  region: { code: string; nom: string };
  population: number;
  communes: number;
  epci: EpciDuDepartement[];
  collectiviteOutreMer?: true;
}

export type ErreurDepartement = "codeDepartementInvalide" | "departementInconnu";

export async function obtenirDepartement(db: Executeur, code: string): Promise<Resultat<DepartementDetaille, ErreurDepartement>> {
  if (!estCodeDepartement(code)) return echec("codeDepartementInvalide", { code });
  const [ligne] = await db
    .select({ code: departements.code, nom: departements.nom, collectiviteOutreMer: departements.collectiviteOutreMer, codeRegion: regions.code, nomRegion: regions.nom })
    .from(departements)
    .innerJoin(regions, eq(regions.code, departements.codeRegion))
    .where(eq(departements.code, code));
  if (!ligne) return echec("departementInconnu", { code });

  const [totaux] = await db
    .select({ population: sommer(communes.population), communes: compter() })
    .from(communes)
    .where(and(eq(communes.codeDepartement, code), estCommuneActuelle));

  const presents = await db
    .select({ code: epciCommunes.codeEpci, communesDansLeDepartement: compter() })
    .from(epciCommunes)
    .innerJoin(communes, eq(communes.code, epciCommunes.codeCommune))
    .where(eq(communes.codeDepartement, code))
    .groupBy(epciCommunes.codeEpci);
  const codesEpci = presents.map((p) => p.code);
  const details = codesEpci.length
    ? await db
        .select({ code: epci.code, nom: epci.nom, nature: epci.nature, epciParent: epci.codeEpciParent, communes: compter(), population: sommer(communes.population) })
        .from(epci)
        .innerJoin(epciCommunes, eq(epciCommunes.codeEpci, epci.code))
        .innerJoin(communes, eq(communes.code, epciCommunes.codeCommune))
        .where(inArray(epci.code, codesEpci))
        .groupBy(epci.code)
    : [];
  // Sorted here rather than by the database: the server's collation may differ from PGlite's.
  details.sort((a, b) => a.nom.localeCompare(b.nom, "fr"));
  const dansLeDepartement = new Map(presents.map((p) => [p.code, p.communesDansLeDepartement]));

  return succes({
    code: ligne.code,
    nom: ligne.nom,
    region: { code: ligne.codeRegion, nom: ligne.nomRegion },
    population: totaux?.population ?? 0,
    communes: totaux?.communes ?? 0,
    epci: details.map((e) => ({
      code: e.code,
      nom: e.nom,
      nature: e.nature,
      communes: e.communes,
      population: e.population,
      communesDansLeDepartement: dansLeDepartement.get(e.code) ?? 0,
      ...(e.epciParent ? { epciParent: e.epciParent } : {}),
    })),
    ...(ligne.collectiviteOutreMer ? { collectiviteOutreMer: true as const } : {}),
  });
}

/** National figures of the reference, for the home page. */
export function chiffresDuReferentiel(db: Executeur) {
  return avecCacheTerritoires(db, "chiffres-nationaux", () => calculerChiffresDuReferentiel(db));
}

async function calculerChiffresDuReferentiel(db: Executeur) {
  const etat = await etatReferentielTerritoires(db);
  if (!etat) return null;
  const [population] = await db
    .select({ population: sommer(communes.population) })
    .from(communes)
    .innerJoin(departements, eq(departements.code, communes.codeDepartement))
    .where(and(estCommuneActuelle, eq(departements.collectiviteOutreMer, false)));
  return {
    millesime: etat.millesime,
    importeLe: etat.importeLe,
    effectifs: etat.effectifs,
    population: population?.population ?? 0,
  };
}

/** Names of the régions and départements of a list of scopes, in the given order. */
export async function nommerPerimetres(db: Executeur, perimetres: { type: "region" | "departement"; code: string }[]) {
  const noms = await avecCacheTerritoires(db, "noms-regions-departements", async () => {
    const toutesRegions = await db.select({ code: regions.code, nom: regions.nom }).from(regions);
    const tousDepartements = await db.select({ code: departements.code, nom: departements.nom }).from(departements);
    return new Map([...toutesRegions.map((r) => [`region:${r.code}`, r.nom] as const), ...tousDepartements.map((d) => [`departement:${d.code}`, d.nom] as const)]);
  });
  return perimetres.map((p) => ({ ...p, nom: noms.get(`${p.type}:${p.code}`) ?? p.code }));
}

export interface RegionAvecDepartements {
  code: string;
  nom: string;
  departements: Array<{ code: string; nom: string }>;
}

/** The régions and their départements (without the collectivités d'outre-mer), to choose scopes. */
export function listerRegionsEtDepartements(db: Executeur): Promise<RegionAvecDepartements[]> {
  return avecCacheTerritoires(db, "regions-et-departements", async () => {
    const toutesRegions = await db.select({ code: regions.code, nom: regions.nom }).from(regions);
    const tousDepartements = await listerDepartements(db);
    return toutesRegions
      .map((r) => ({ ...r, departements: tousDepartements.filter((d) => d.codeRegion === r.code).map((d) => ({ code: d.code, nom: d.nom })) }))
      .filter((r) => r.departements.length > 0)
      .sort((a, b) => a.nom.localeCompare(b.nom, "fr"));
  });
}

/** The current communes of a département, by name (to choose one in a list). */
export function listerCommunesDuDepartement(db: Executeur, code: string): Promise<Array<{ code: string; nom: string; codesPostaux: string[] }>> {
  return avecCacheTerritoires(db, `communes:${code}`, async () => {
    const lignes = await db
      .select({ code: communes.code, nom: communes.nom, codesPostaux: communes.codesPostaux })
      .from(communes)
      .where(and(eq(communes.codeDepartement, code), estCommuneActuelle));
    return lignes.map((l) => ({ ...l, codesPostaux: l.codesPostaux ?? [] })).sort((a, b) => a.nom.localeCompare(b.nom, "fr") || a.code.localeCompare(b.code));
  });
}
