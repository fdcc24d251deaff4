import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { communes, epciCommunes, geometries, jeuxDeDonnees, lieuxInclusionNumerique } from "@/db/schema";
import { LIBELLE_DONNEES_DEMONSTRATION, type NatureJeuDeDonnees } from "@/domain/donnees/provenance";

/*
 * The shapes the maps are drawn from: imported geometry (no tile server), read from the active set
 * of a level. A set never changes once active (a new import is a new set), so shapes are kept in
 * memory keyed by the set's id, for the few last territories drawn.
 */

export type NiveauCarte = "departements" | "epci" | "communes";

export interface Forme {
  code: string;
  nom: string | null;
  anneaux: Array<Array<[number, number]>>;
}

export interface FormesDuJeu {
  jeu: string;
  source: string;
  dateMiseAJour: string;
  formes: Forme[];
}

const NATURES: Record<NiveauCarte, NatureJeuDeDonnees> = { departements: "geometrie-departements", epci: "geometrie-epci", communes: "geometrie-communes" };
const TAILLE_CACHE = 24;
const CLE_CACHE = Symbol.for("efne.cache-formes");
const cache = ((globalThis as Record<symbol, Map<string, Promise<Forme[]>>>)[CLE_CACHE] ??= new Map());

async function jeuActif(db: Executeur, niveau: NiveauCarte) {
  const [jeu] = await db
    .select({ id: jeuxDeDonnees.id, source: jeuxDeDonnees.source, provenance: jeuxDeDonnees.provenance, dateMiseAJour: jeuxDeDonnees.dateMiseAJour })
    .from(jeuxDeDonnees)
    .where(and(eq(jeuxDeDonnees.nature, NATURES[niveau]), eq(jeuxDeDonnees.etat, "actif")))
    .limit(1);
  return jeu ?? null;
}

/** Codes of the shapes to draw for a territory: its communes, the EPCI that have communes in it, or every département. */
async function codesDe(db: Executeur, niveau: NiveauCarte, departement: string | null): Promise<string[] | null> {
  if (departement === null) return null;
  if (niveau === "communes") {
    const l = await db.select({ code: communes.code }).from(communes).where(and(eq(communes.codeDepartement, departement), eq(communes.type, "commune-actuelle")));
    return l.map((c) => c.code);
  }
  if (niveau === "epci") {
    const l = await db.selectDistinct({ code: epciCommunes.codeEpci }).from(epciCommunes).innerJoin(communes, eq(communes.code, epciCommunes.codeCommune)).where(eq(communes.codeDepartement, departement));
    return l.map((c) => c.code);
  }
  return [departement];
}

/** The shapes of a level for a département (null: all of them), or null when no geometry of that level is imported. */
export async function formesActives(db: Executeur, niveau: NiveauCarte, departement: string | null): Promise<FormesDuJeu | null> {
  const jeu = await jeuActif(db, niveau);
  if (!jeu) return null;
  const cle = `${jeu.id}|${niveau}|${departement ?? "*"}`;
  let formes = cache.get(cle);
  if (!formes) {
    formes = (async () => {
      const codes = await codesDe(db, niveau, departement);
      return db
        .select({ code: geometries.code, nom: geometries.nom, anneaux: geometries.anneaux })
        .from(geometries)
        .where(and(eq(geometries.jeuDeDonneesId, jeu.id), eq(geometries.niveau, niveau), codes ? inArray(geometries.code, codes.length ? codes : [""]) : undefined))
        .orderBy(geometries.code);
    })();
    cache.set(cle, formes);
    formes.catch(() => cache.delete(cle));
    while (cache.size > TAILLE_CACHE) cache.delete(cache.keys().next().value as string);
  }
  return {
    jeu: jeu.id,
    source: jeu.provenance === "demonstration" ? LIBELLE_DONNEES_DEMONSTRATION : jeu.source,
    dateMiseAJour: jeu.dateMiseAJour.toISOString().slice(0, 10),
    formes: await formes,
  };
}

const CLE_CACHE_LIEUX = Symbol.for("efne.cache-lieux-geolocalises");
const cacheLieux = ((globalThis as Record<symbol, Map<string, Promise<LieuGeolocalise[]>>>)[CLE_CACHE_LIEUX] ??= new Map());

export interface LieuGeolocalise {
  id: string;
  nom: string;
  longitude: number;
  latitude: number;
  categorie: string;
  commune: string;
}

/**
 * The geolocated places of a département (one per place described by several sources), from the
 * sets the dashboard counts; kept under `version` (the dashboard's version of the data).
 */
export function lieuxGeolocalises(db: Executeur, departement: string, jeux: string[], version: string): Promise<LieuGeolocalise[]> {
  if (jeux.length === 0) return Promise.resolve([]);
  const cle = `${version}|${jeux.join(",")}|${departement}`;
  let lieux = cacheLieux.get(cle);
  if (!lieux) {
    lieux = db
      .select({ id: lieuxInclusionNumerique.id, nom: lieuxInclusionNumerique.nom, longitude: lieuxInclusionNumerique.longitude, latitude: lieuxInclusionNumerique.latitude, categorie: lieuxInclusionNumerique.categorie, commune: communes.nom })
      .from(lieuxInclusionNumerique)
      .innerJoin(communes, eq(communes.code, lieuxInclusionNumerique.codeCommune))
      .where(
        and(
          inArray(lieuxInclusionNumerique.jeuDeDonneesId, jeux),
          isNull(lieuxInclusionNumerique.doublonDe),
          eq(communes.codeDepartement, departement),
          isNotNull(lieuxInclusionNumerique.latitude),
          isNotNull(lieuxInclusionNumerique.longitude),
        ),
      )
      .orderBy(communes.nom, lieuxInclusionNumerique.nom) as Promise<LieuGeolocalise[]>;
    cacheLieux.set(cle, lieux);
    lieux.catch(() => cacheLieux.delete(cle));
    while (cacheLieux.size > TAILLE_CACHE) cacheLieux.delete(cacheLieux.keys().next().value as string);
  }
  return lieux;
}
