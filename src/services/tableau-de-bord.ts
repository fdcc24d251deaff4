import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import {
  communes,
  effectifsConseillersNumeriques,
  epci,
  epciCommunes,
  indicesFragilite,
  jeuxDeDonnees,
  lieuxInclusionNumerique,
  structuresAidantsConnect,
} from "@/db/schema";
import { compter, enNombre, sommer } from "@/db/sql";
import { moyennePonderee, type ScoresIfn } from "@/domain/donnees/ifn";
import { CATEGORIES_LIEUX, DISPOSITIFS_PROGRAMMES_NATIONAUX, type CategorieLieu } from "@/domain/donnees/lieux-standard";
import {
  CLES_TYPOLOGIE,
  pour10000,
  type CleTypologie,
  type IfnCommune,
  type IfnTerritoire,
  type Indicateur,
  type Provenance,
  type TableauDeBord,
  type TableauDeBordDepartement,
  type TableauDeBordNational,
} from "@/domain/donnees/tableau-de-bord";
import { LIBELLE_DONNEES_DEMONSTRATION, type NatureJeuDeDonnees } from "@/domain/donnees/provenance";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { estCodeDepartement } from "@/domain/territoires/codes";
import { chiffresDuReferentiel, listerDepartements, type DepartementResume } from "./territoires";

/*
 * The public dashboard ("tableau de bord FNE") of a département and of France: every figure with
 * its source, the date of the data and whether it is demonstration data. Figures are computed for
 * all départements at once from the active datasets and kept in memory, keyed by the version of
 * those datasets (a new import is a new set); past a minute the figures are recomputed in the
 * background (the deduplication of places that follows an import changes counts without changing
 * the set).
 */

interface JeuRetenu {
  id: string;
  nature: string;
  provenance: string;
  source: string;
  dateMiseAJour: Date;
}

/**
 * The active sets of these kinds that the dashboard reads: the real ones as soon as one is loaded,
 * else the demonstration ones (never both).
 */
export async function jeuxRetenus(db: Executeur, natures: NatureJeuDeDonnees[]): Promise<JeuRetenu[]> {
  const actifs = await db
    .select({ id: jeuxDeDonnees.id, nature: jeuxDeDonnees.nature, provenance: jeuxDeDonnees.provenance, source: jeuxDeDonnees.source, dateMiseAJour: jeuxDeDonnees.dateMiseAJour })
    .from(jeuxDeDonnees)
    .where(and(inArray(jeuxDeDonnees.nature, natures), eq(jeuxDeDonnees.etat, "actif")));
  const reels = actifs.filter((j) => j.provenance !== "demonstration");
  return reels.length ? reels : actifs;
}

function provenanceDe(jeux: JeuRetenu[]): Provenance {
  if (jeux.length === 0) return { source: "Aucune donnée importée", dateMiseAJour: null, demonstration: false };
  const demonstration = jeux.every((j) => j.provenance === "demonstration");
  const sources = [...new Set(jeux.map((j) => j.source))];
  const plusRecente = jeux.reduce((a, b) => (b.dateMiseAJour > a ? b.dateMiseAJour : a), jeux[0]!.dateMiseAJour);
  return {
    source: demonstration ? LIBELLE_DONNEES_DEMONSTRATION : sources.join(" ; "),
    dateMiseAJour: jour(plusRecente),
    demonstration,
  };
}

const jour = (d: Date) => d.toISOString().slice(0, 10);

function indicateur(valeur: number | null, provenance: Provenance, calcule = false): Indicateur {
  return { valeur, ...provenance, ...(calcule ? { calcule: true as const } : {}) };
}

const AUCUN_UUID = "00000000-0000-0000-0000-000000000000";
const idsDe = (jeux: JeuRetenu[]) => (jeux.length ? jeux.map((j) => j.id) : [AUCUN_UUID]);

interface FiguresLieux {
  total: number;
  parTypologie: Record<CleTypologie, number>;
  parDispositif: Record<string, number>;
  qpv: number;
  frr: number;
}

function figuresLieuxVides(): FiguresLieux {
  const parTypologie = Object.fromEntries(CATEGORIES_LIEUX.map((c) => [CLES_TYPOLOGIE[c], 0])) as Record<CleTypologie, number>;
  const parDispositif = Object.fromEntries(DISPOSITIFS_PROGRAMMES_NATIONAUX.map((d) => [d, 0]));
  return { total: 0, parTypologie, parDispositif, qpv: 0, frr: 0 };
}

/** Everything the dashboards show, for every département and for France, from the active sets. */
interface Calcul {
  /** The version of the data (active sets, territories) and the number of this computation. */
  version: string;
  departements: DepartementResume[];
  cog: { millesime: string; importeLe: Date; population: number } | null;
  lieux: { provenance: Provenance; disponible: boolean; national: FiguresLieux; parDepartement: Map<string, FiguresLieux> };
  aidantsConnect: { provenance: Provenance; disponible: boolean; parDepartement: Map<string, { structures: number; aidants: number }> };
  conseillers: { provenance: Provenance; disponible: boolean; parDepartement: Map<string, { conseillers: number; coordinateurs: number | null }> };
  ifn: {
    provenance: Provenance;
    disponible: boolean;
    communes: Map<string, IfnCommune[]>;
    departements: Map<string, ScoresIfn>;
    national: ScoresIfn | null;
  };
  ifnEpci: { provenance: Provenance; parCode: Map<string, ScoresIfn & { calcule: boolean }> };
  /** The EPCI à fiscalité propre with communes in each département, by name; and their number in France. */
  epci: { parDepartement: Map<string, Array<{ code: string; nom: string }>>; total: number };
}

let calculs = 0;

async function calculer(db: Executeur, versionDesJeux: string): Promise<Calcul> {
  calculs += 1;
  const version = `${versionDesJeux}#${calculs}`;
  const departements = await listerDepartements(db);
  const cog = await chiffresDuReferentiel(db);

  // Places: the retained sets, one row per place described by several sources.
  const jeuxLieux = await jeuxRetenus(db, ["lieux", "data-inclusion"]);
  const conditionLieux = and(inArray(lieuxInclusionNumerique.jeuDeDonneesId, idsDe(jeuxLieux)), isNull(lieuxInclusionNumerique.doublonDe));
  const parCategorie = await db
    .select({
      departement: communes.codeDepartement,
      categorie: lieuxInclusionNumerique.categorie,
      nombre: compter(),
      qpv: sommer(sql`${lieuxInclusionNumerique.qpv}::int`),
      frr: sommer(sql`${lieuxInclusionNumerique.frr}::int`),
    })
    .from(lieuxInclusionNumerique)
    .leftJoin(communes, eq(communes.code, lieuxInclusionNumerique.codeCommune))
    .where(conditionLieux)
    .groupBy(communes.codeDepartement, lieuxInclusionNumerique.categorie);
  const parDispositif = await db.execute<{ departement: string | null; dispositif: string; nombre: unknown }>(sql`
    select c.code_departement as departement, d.dispositif, count(*) as nombre
    from lieux_inclusion_numerique l
    left join communes c on c.code = l.code_commune
    cross join lateral unnest(l.dispositifs) as d(dispositif)
    where l.jeu_de_donnees_id in (${sql.join(idsDe(jeuxLieux).map((id) => sql`${id}::uuid`), sql`, `)}) and l.doublon_de is null
    group by c.code_departement, d.dispositif`);
  const lieuxNational = figuresLieuxVides();
  const lieuxParDepartement = new Map<string, FiguresLieux>();
  const figuresDe = (code: string | null) => {
    if (code === null) return null;
    let f = lieuxParDepartement.get(code);
    if (!f) lieuxParDepartement.set(code, (f = figuresLieuxVides()));
    return f;
  };
  for (const l of parCategorie) {
    const cle = CLES_TYPOLOGIE[l.categorie as CategorieLieu] ?? "nonDefini";
    for (const f of [lieuxNational, figuresDe(l.departement)]) {
      if (!f) continue;
      f.total += l.nombre;
      f.parTypologie[cle] += l.nombre;
      f.qpv += l.qpv;
      f.frr += l.frr;
    }
  }
  for (const l of lignesDe<{ departement: string | null; dispositif: string; nombre: unknown }>(parDispositif)) {
    for (const f of [lieuxNational, figuresDe(l.departement)]) {
      if (f) f.parDispositif[l.dispositif] = (f.parDispositif[l.dispositif] ?? 0) + enNombre(l.nombre);
    }
  }

  // Aidants Connect: active structures and their aidants habilités.
  const jeuxAidants = await jeuxRetenus(db, ["aidants-connect"]);
  const aidants = await db
    .select({ departement: communes.codeDepartement, structures: compter(), aidants: sommer(structuresAidantsConnect.aidants) })
    .from(structuresAidantsConnect)
    .innerJoin(communes, eq(communes.code, structuresAidantsConnect.codeCommune))
    .where(and(inArray(structuresAidantsConnect.jeuDeDonneesId, idsDe(jeuxAidants)), eq(structuresAidantsConnect.active, true)))
    .groupBy(communes.codeDepartement);

  // Conseillers numériques and coordinateurs: only from the documented file, else "Non disponible".
  const jeuxConseillers = await jeuxRetenus(db, ["conseillers-numeriques"]);
  const conseillers = await db
    .select({ departement: effectifsConseillersNumeriques.codeDepartement, conseillers: effectifsConseillersNumeriques.conseillers, coordinateurs: effectifsConseillersNumeriques.coordinateurs })
    .from(effectifsConseillersNumeriques)
    .where(inArray(effectifsConseillersNumeriques.jeuDeDonneesId, idsDe(jeuxConseillers)));

  // IFN of the current communes, and the population-weighted means (our calculation).
  const jeuxIfn = await jeuxRetenus(db, ["ifn-communes"]);
  // Two reads joined here rather than by the planner: the join must stay a hash join whatever the
  // statistics say (35,000 × 35,000 rows in a nested loop takes minutes).
  const listeCommunes = await db
    .select({ code: communes.code, nom: communes.nom, departement: communes.codeDepartement, population: communes.population })
    .from(communes)
    .where(eq(communes.type, "commune-actuelle"));
  const indices = jeuxIfn.length
    ? await db
        .select({
          code: indicesFragilite.code,
          score: indicesFragilite.score,
          thd: indicesFragilite.thd,
          quatreG: indicesFragilite.quatreG,
          pauvrete: indicesFragilite.pauvrete,
          plus65: indicesFragilite.plus65,
          peuDiplomes: indicesFragilite.peuDiplomes,
          calcule: indicesFragilite.calcule,
        })
        .from(indicesFragilite)
        .where(and(eq(indicesFragilite.niveau, "commune"), inArray(indicesFragilite.jeuDeDonneesId, idsDe(jeuxIfn))))
    : [];
  const indiceDe = new Map(indices.map((i) => [i.code, i]));
  const scores = listeCommunes.map((c) => {
    const i = indiceDe.get(c.code);
    return { ...c, score: i?.score ?? null, thd: i?.thd ?? null, quatreG: i?.quatreG ?? null, pauvrete: i?.pauvrete ?? null, plus65: i?.plus65 ?? null, peuDiplomes: i?.peuDiplomes ?? null, calcule: i?.calcule ?? false };
  });
  const communesIfn = new Map<string, IfnCommune[]>();
  for (const s of scores) {
    const liste = communesIfn.get(s.departement) ?? [];
    liste.push({ code: s.code, nom: s.nom, population: s.population, score: s.score, thd: s.thd, quatreG: s.quatreG, pauvrete: s.pauvrete, plus65: s.plus65, peuDiplomes: s.peuDiplomes, calcule: s.calcule ?? false });
    communesIfn.set(s.departement, liste);
  }
  const ifnDepartements = new Map<string, ScoresIfn>();
  for (const [code, liste] of communesIfn) {
    liste.sort((a, b) => a.nom.localeCompare(b.nom, "fr") || a.code.localeCompare(b.code));
    ifnDepartements.set(code, moyennePonderee(liste.map((c) => ({ scores: c, population: c.population }))));
  }
  const metropoleEtDrom = new Set(departements.map((d) => d.code));
  const toutes = [...communesIfn.entries()].filter(([code]) => metropoleEtDrom.has(code)).flatMap(([, l]) => l);

  const jeuxIfnEpci = await jeuxRetenus(db, ["ifn-epci"]);
  const scoresEpci = await db
    .select({ code: indicesFragilite.code, score: indicesFragilite.score, thd: indicesFragilite.thd, quatreG: indicesFragilite.quatreG, pauvrete: indicesFragilite.pauvrete, plus65: indicesFragilite.plus65, peuDiplomes: indicesFragilite.peuDiplomes, calcule: indicesFragilite.calcule })
    .from(indicesFragilite)
    .where(and(eq(indicesFragilite.niveau, "epci"), inArray(indicesFragilite.jeuDeDonneesId, idsDe(jeuxIfnEpci))));

  return {
    version,
    departements,
    cog: cog ? { millesime: cog.millesime, importeLe: cog.importeLe, population: cog.population } : null,
    lieux: { provenance: provenanceDe(jeuxLieux), disponible: jeuxLieux.length > 0, national: lieuxNational, parDepartement: lieuxParDepartement },
    aidantsConnect: {
      provenance: provenanceDe(jeuxAidants),
      disponible: jeuxAidants.length > 0,
      parDepartement: new Map(aidants.map((a) => [a.departement, { structures: a.structures, aidants: a.aidants }])),
    },
    conseillers: {
      provenance: provenanceDe(jeuxConseillers),
      disponible: jeuxConseillers.length > 0,
      parDepartement: new Map(conseillers.map((c) => [c.departement, { conseillers: c.conseillers, coordinateurs: c.coordinateurs }])),
    },
    ifn: {
      provenance: provenanceDe(jeuxIfn),
      disponible: jeuxIfn.length > 0,
      communes: communesIfn,
      departements: ifnDepartements,
      national: jeuxIfn.length ? moyennePonderee(toutes.map((c) => ({ scores: c, population: c.population }))) : null,
    },
    ifnEpci: { provenance: provenanceDe(jeuxIfnEpci), parCode: new Map(scoresEpci.map((s) => [s.code, s])) },
    epci: await epciParDepartement(db),
  };
}

/** Rows of a raw query: both drivers answer `{ rows }`. */
function lignesDe<T>(resultat: unknown): T[] {
  return (resultat as { rows: T[] }).rows;
}

/*
 * The cache: one computation per version of the active sets (and of the territories), shared by
 * every page and API answer of this process, recomputed at most every minute.
 */
const DUREE_CACHE_MS = 60_000;
interface EntreeCache {
  version: string;
  calculeA: number;
  calcul: Promise<Calcul>;
}
const CLE_CACHE = Symbol.for("efne.cache-tableau-de-bord");
const cache = ((globalThis as Record<symbol, { parBase: WeakMap<object, EntreeCache> }>)[CLE_CACHE] ??= { parBase: new WeakMap() });

async function versionDesDonnees(db: Executeur): Promise<string> {
  const resultat = await db.execute<{ version: string | null }>(sql`
    select string_agg(id::text || ':' || charge_le::text, ',' order by id) as version from jeux_de_donnees where etat = 'actif'`);
  const cog = await chiffresDuReferentiel(db);
  return `${lignesDe<{ version: string | null }>(resultat)[0]?.version ?? ""}|${cog?.importeLe.toISOString() ?? ""}`;
}

async function calculAJour(db: Executeur): Promise<Calcul> {
  const version = await versionDesDonnees(db);
  const entree = cache.parBase.get(db);
  if (entree && entree.version === version) {
    // Older than a minute: answered at once, refreshed in the background.
    if (performance.now() - entree.calculeA >= DUREE_CACHE_MS) {
      entree.calculeA = performance.now();
      calculer(db, version).then(
        (frais) => {
          if (cache.parBase.get(db) === entree) entree.calcul = Promise.resolve(frais);
        },
        () => undefined,
      );
    }
    return entree.calcul;
  }
  const calcul = calculer(db, version);
  const nouvelle = { version, calculeA: performance.now(), calcul };
  cache.parBase.set(db, nouvelle);
  calcul.catch(() => {
    if (cache.parBase.get(db) === nouvelle) cache.parBase.delete(db);
  });
  return calcul;
}

/** Tests: forget what was computed (a test that changes rows inside a set it keeps). */
export function oublierTableauxDeBord() {
  cache.parBase = new WeakMap();
}

function provenanceCog(c: Calcul): Provenance {
  return c.cog
    ? { source: `Code officiel géographique ${c.cog.millesime} (INSEE)`, dateMiseAJour: jour(c.cog.importeLe), demonstration: false }
    : { source: "Référentiel des territoires non chargé", dateMiseAJour: null, demonstration: false };
}

function provenanceCalculee(...parts: Provenance[]): Provenance {
  const dates = parts.map((p) => p.dateMiseAJour).filter((d): d is string => d !== null);
  return {
    source: `Notre calcul, d'après : ${parts.map((p) => p.source).join(" ; ")}`,
    dateMiseAJour: dates.length ? dates.sort().at(-1)! : null,
    demonstration: parts.some((p) => p.demonstration),
  };
}

function tableauCommun(
  c: Calcul,
  population: number,
  nombres: { communes: number; epci: number },
  lieux: FiguresLieux | null,
  aidants: { structures: number; aidants: number } | null,
  conseillers: { conseillers: number; coordinateurs: number | null } | null,
  ifn: ScoresIfn | null,
): Omit<TableauDeBord, "territoire"> {
  const cog = provenanceCog(c);
  const pl = c.lieux.provenance;
  const totalLieux = c.lieux.disponible ? (lieux?.total ?? 0) : null;
  const ifnProvenance = provenanceCalculee(c.ifn.provenance, cog);
  return {
    versionDonnees: c.version,
    millesimeCog: c.cog?.millesime ?? null,
    indicateurs: {
      population: indicateur(population, cog),
      communes: indicateur(nombres.communes, cog),
      epci: indicateur(nombres.epci, cog),
      lieux: indicateur(totalLieux, pl),
      lieuxPour10000Habitants: indicateur(pour10000(totalLieux, population), provenanceCalculee(pl, cog), true),
      lieuxQpv: indicateur(c.lieux.disponible ? (lieux?.qpv ?? 0) : null, pl),
      lieuxFrr: indicateur(c.lieux.disponible ? (lieux?.frr ?? 0) : null, pl),
      aidantsConnect: indicateur(c.aidantsConnect.disponible ? (aidants?.aidants ?? 0) : null, c.aidantsConnect.provenance),
      structuresAidantsConnect: indicateur(c.aidantsConnect.disponible ? (aidants?.structures ?? 0) : null, c.aidantsConnect.provenance),
      conseillersNumeriques: indicateur(conseillers?.conseillers ?? null, c.conseillers.provenance),
      coordinateursConseillersNumeriques: indicateur(conseillers?.coordinateurs ?? null, c.conseillers.provenance),
      ifn: indicateur(c.ifn.disponible ? (ifn?.score ?? null) : null, ifnProvenance, true),
    },
    lieux: {
      total: totalLieux,
      parTypologie: c.lieux.disponible ? (lieux ?? figuresLieuxVides()).parTypologie : null,
      parDispositif: c.lieux.disponible ? (lieux ?? figuresLieuxVides()).parDispositif : null,
      qpv: c.lieux.disponible ? (lieux?.qpv ?? 0) : null,
      frr: c.lieux.disponible ? (lieux?.frr ?? 0) : null,
      ...pl,
    },
    ifnTerritoire: c.ifn.disponible && ifn ? { ...ifn, ...ifnProvenance } : null,
  };
}

export type ErreurTableauDeBord = "codeDepartementInvalide" | "departementInconnu";

/** The dashboard of a département (the 101; collectivités d'outre-mer have no figures here). */
export async function tableauDeBordDepartement(db: Executeur, code: string): Promise<Resultat<TableauDeBordDepartement, ErreurTableauDeBord>> {
  if (!estCodeDepartement(code)) return echec("codeDepartementInvalide", { code });
  const c = await calculAJour(db);
  const d = c.departements.find((x) => x.code === code);
  if (!d) return echec("departementInconnu", { code });
  const conseillers = c.conseillers.parDepartement.get(code) ?? null;
  const communesIfn = c.ifn.communes.get(code) ?? [];
  const commun = tableauCommun(
    c,
    d.population,
    { communes: d.communes, epci: d.epci },
    c.lieux.parDepartement.get(code) ?? null,
    c.aidantsConnect.parDepartement.get(code) ?? null,
    conseillers,
    c.ifn.departements.get(code) ?? null,
  );
  const epciDuDepartement = c.epci.parDepartement.get(code) ?? [];
  return succes({
    territoire: { type: "departement", code: d.code, nom: d.nom, codeRegion: d.codeRegion },
    ...commun,
    ifn: {
      ...c.ifn.provenance,
      communes: c.ifn.disponible ? communesIfn : [],
      epci: epciDuDepartement
        .map((e) => {
          const s = c.ifnEpci.parCode.get(e.code);
          return s ? { code: e.code, nom: e.nom, score: s.score, thd: s.thd, quatreG: s.quatreG, pauvrete: s.pauvrete, plus65: s.plus65, peuDiplomes: s.peuDiplomes, calcule: s.calcule } : null;
        })
        .filter((e): e is IfnTerritoire => e !== null),
    },
  });
}

/** France: metropolitan and overseas départements (the 101), and a line per département. */
export async function tableauDeBordNational(db: Executeur): Promise<TableauDeBordNational> {
  const c = await calculAJour(db);
  const population = c.departements.reduce((s, d) => s + d.population, 0);
  const totauxAidants = c.aidantsConnect.disponible
    ? [...c.aidantsConnect.parDepartement.values()].reduce((s, a) => ({ structures: s.structures + a.structures, aidants: s.aidants + a.aidants }), { structures: 0, aidants: 0 })
    : null;
  const lignesConseillers = [...c.conseillers.parDepartement.values()];
  const totauxConseillers = lignesConseillers.length
    ? {
        conseillers: lignesConseillers.reduce((s, l) => s + l.conseillers, 0),
        coordinateurs: lignesConseillers.every((l) => l.coordinateurs !== null) ? lignesConseillers.reduce((s, l) => s + (l.coordinateurs ?? 0), 0) : null,
      }
    : null;
  const nombreEpci = c.epci.total;
  const commun = tableauCommun(
    c,
    population,
    { communes: c.departements.reduce((s, d) => s + d.communes, 0), epci: nombreEpci },
    c.lieux.national,
    totauxAidants,
    totauxConseillers,
    c.ifn.national,
  );
  return {
    territoire: { type: "national" },
    ...commun,
    departements: c.departements.map((d) => {
      const lieux = c.lieux.disponible ? (c.lieux.parDepartement.get(d.code)?.total ?? 0) : null;
      return {
        code: d.code,
        nom: d.nom,
        codeRegion: d.codeRegion,
        population: d.population,
        lieux,
        lieuxPour10000Habitants: pour10000(lieux, d.population),
        aidantsConnect: c.aidantsConnect.disponible ? (c.aidantsConnect.parDepartement.get(d.code)?.aidants ?? 0) : null,
        conseillersNumeriques: c.conseillers.parDepartement.get(d.code)?.conseillers ?? null,
        ifn: c.ifn.disponible ? (c.ifn.departements.get(d.code) ?? null) : null,
      };
    }),
    ifn: {
      ...provenanceCalculee(c.ifn.provenance, provenanceCog(c)),
      departements: c.ifn.disponible
        ? c.departements.flatMap((d) => {
            const s = c.ifn.departements.get(d.code);
            return s && s.score !== null ? [{ code: d.code, nom: d.nom, ...s, calcule: true }] : [];
          })
        : [],
    },
  };
}

async function epciParDepartement(db: Executeur): Promise<Calcul["epci"]> {
  const lignes = await db
    .selectDistinct({ departement: communes.codeDepartement, code: epci.code, nom: epci.nom })
    .from(epci)
    .innerJoin(epciCommunes, eq(epciCommunes.codeEpci, epci.code))
    .innerJoin(communes, eq(communes.code, epciCommunes.codeCommune))
    .where(ne(epci.nature, "EPT"));
  const parDepartement = new Map<string, Array<{ code: string; nom: string }>>();
  for (const l of lignes) {
    const liste = parDepartement.get(l.departement) ?? [];
    liste.push({ code: l.code, nom: l.nom });
    parDepartement.set(l.departement, liste);
  }
  // Sorted here rather than by the database: the server's collation may differ from PGlite's.
  for (const liste of parDepartement.values()) liste.sort((a, b) => a.nom.localeCompare(b.nom, "fr"));
  return { parDepartement, total: new Set(lignes.map((l) => l.code)).size };
}
