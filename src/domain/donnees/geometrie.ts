/*
 * Map shapes of départements, EPCI or communes, read from a TopoJSON or GeoJSON file so that the
 * app can draw its own SVG maps. A shape is stored as plain rings of [longitude, latitude], drawn
 * with the even-odd fill rule: ring orientation and the nesting of holes do not matter.
 *
 * Nothing in the file is trusted: every feature is checked (code, geometry type, coordinates in
 * degrees, rings of at least 4 points) and a bad one is set aside with its reason in French, the
 * others go on. Shapes sharing a code (communes merged since the file was made, a territory cut in
 * pieces) become one: in a TopoJSON the arcs they share are interior borders and are dropped, the
 * rest is chained into closed rings; in a GeoJSON their rings are put side by side.
 */

export const NIVEAUX_GEOMETRIE = ["departements", "epci", "communes"] as const;
export type NiveauGeometrie = (typeof NIVEAUX_GEOMETRIE)[number];

/** [longitude, latitude] in degrees (WGS 84). */
export type Point = [number, number];
export type Anneau = Point[];
/** [ouest, sud, est, nord]. */
export type Boite = [number, number, number, number];

export interface ProblemeDeForme {
  nature: "rejet" | "correction";
  /** The feature's position in the file, from 1 (or a running number across the files of a folder). */
  ligne: number;
  champ: string | null;
  valeur: string | null;
  raison: string;
}

export const DECIMALES = 5;
/** Nested GeometryCollections deeper than this are not followed. */
const PROFONDEUR_MAX = 4;

const LIBELLES_NIVEAUX: Record<NiveauGeometrie, { un: string; des: string }> = {
  departements: { un: "un département", des: "des départements" },
  epci: { un: "un EPCI", des: "des EPCI" },
  communes: { un: "une commune", des: "des communes" },
};

/** Names a TopoJSON object may have for each level, by preference. */
const OBJETS_PAR_NIVEAU: Record<NiveauGeometrie, string[]> = {
  departements: ["departements", "deps", "departement", "dep"],
  epci: ["epci"],
  communes: ["communes", "commune"],
};

/** Properties that may hold the code, by preference (compared without case). */
export const PROPRIETES_CODE = [
  "code",
  "code_insee",
  "insee",
  "ref:insee",
  "insee_com",
  "code_commune",
  "codgeo",
  "insee_dep",
  "code_dep",
  "code_dept",
  "code_departement",
  "ddep_c_cod",
  "siren",
  "siren_epci",
  "code_siren",
  "code_epci",
  // The code of 2018 when a file gives no current one: a former commune is then brought to its successor.
  "code2018",
];

/** Properties that may hold the name, by preference (compared without case). */
export const PROPRIETES_NOM = ["nom", "libelle", "name", "nom_com", "nom_commune", "nom_dept", "nom_departement", "ddep_l_lib", "nom_epci", "raison_sociale", "libgeo", "nom2018"];

type Json = Record<string, unknown>;
const estObjet = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const nombre = (n: number) => n.toLocaleString("fr-FR");
/** A value quoted in a message, never too long. */
function citer(v: unknown): string {
  let texte: string;
  if (typeof v === "string") texte = v;
  else if (v === undefined) texte = "(absent)";
  else {
    try {
      texte = JSON.stringify(v) ?? String(v);
    } catch {
      texte = String(v);
    }
  }
  return texte.length > 40 ? `${texte.slice(0, 40)}…` : texte;
}

/* ------------------------------------------------------------------------------------------------
 * Reading the document
 * --------------------------------------------------------------------------------------------- */

/** What a feature holds once read: its polygons (rings of arc references, or of points), or why it is set aside. */
export type ContenuEntite =
  | { type: "arcs"; polygones: number[][][] }
  | { type: "points"; polygones: Point[][][] }
  | { type: "ignoree"; champ: string; valeur: string | null; raison: string };

export interface EntiteGeometrie {
  /** From 0, in the order of the file. */
  position: number;
  proprietes: Json;
  /** The feature's own `id`, used as its code when no property holds one. */
  id: unknown;
  contenu: ContenuEntite;
}

export interface DocumentGeometrie {
  format: "TopoJSON" | "GeoJSON";
  /** The TopoJSON object read. */
  objet: string | null;
  entites: EntiteGeometrie[];
  /** TopoJSON: the arcs decoded to degrees, or why one cannot be used. */
  arcs: Array<Anneau | string>;
}

export type ErreurDocument = { ok: false; erreur: "enteteInvalide" | "fichierVide"; raison: string };

/**
 * Reads a TopoJSON topology or a GeoJSON FeatureCollection (or single Feature). The file as a
 * whole is refused only when it is not one of them; each feature is then checked on its own.
 * `niveau`, when known, picks the TopoJSON object among several.
 */
export function lireDocumentGeometrie(texte: string, options: { niveau?: NiveauGeometrie } = {}): { ok: true; document: DocumentGeometrie } | ErreurDocument {
  const propre = texte.charCodeAt(0) === 0xfeff ? texte.slice(1) : texte;
  if (propre.trim() === "") return { ok: false, erreur: "fichierVide", raison: "Le fichier est vide." };
  let json: unknown;
  try {
    json = JSON.parse(propre);
  } catch {
    return { ok: false, erreur: "enteteInvalide", raison: "Ce fichier n'est pas du JSON valide : un fichier TopoJSON ou GeoJSON est attendu." };
  }
  return lireGeometrieJson(json, options);
}

/** The same, from a JSON value already parsed. */
export function lireGeometrieJson(json: unknown, options: { niveau?: NiveauGeometrie } = {}): { ok: true; document: DocumentGeometrie } | ErreurDocument {
  if (!estObjet(json)) return { ok: false, erreur: "enteteInvalide", raison: "Le JSON lu n'est pas un objet : un fichier TopoJSON (« Topology ») ou GeoJSON (« FeatureCollection ») est attendu." };
  if (json.type === "Topology") return lireTopologie(json, options.niveau);
  if (json.type === "FeatureCollection" || json.type === "Feature") return lireGeoJson(json);
  return {
    ok: false,
    erreur: "enteteInvalide",
    raison: `Type de document ${json.type === undefined ? "absent" : `« ${citer(json.type)} »`} : un fichier TopoJSON (type « Topology ») ou GeoJSON (type « FeatureCollection ») est attendu.`,
  };
}

function lireTopologie(json: Json, niveau: NiveauGeometrie | undefined): { ok: true; document: DocumentGeometrie } | ErreurDocument {
  const refus = (raison: string): ErreurDocument => ({ ok: false, erreur: "enteteInvalide", raison });
  if (!estObjet(json.objects)) return refus("TopoJSON sans « objects » : aucune forme à lire.");
  const noms = Object.keys(json.objects);
  if (noms.length === 0) return { ok: false, erreur: "fichierVide", raison: "TopoJSON sans aucun objet : aucune forme à lire." };
  const nom = choisirObjet(noms, niveau);
  if (nom === null) {
    const liste = `${noms.slice(0, 5).map(citer).join(", ")}${noms.length > 5 ? "…" : ""}`;
    const connus = Object.values(OBJETS_PAR_NIVEAU).flat();
    return refus(
      noms.some((n) => connus.includes(n.toLowerCase()))
        ? `Plusieurs objets de niveaux différents dans ce TopoJSON (${liste}) : précisez le niveau (--niveau departements, epci ou communes).`
        : `Plusieurs objets dans ce TopoJSON (${liste}) et aucun ne s'appelle ${[...new Set(connus)].join(", ")} : gardez un seul objet ou précisez le niveau.`,
    );
  }
  if (!Array.isArray(json.arcs)) return refus("TopoJSON sans liste « arcs » : les contours ne peuvent pas être lus.");
  const transform = lireTransform(json.transform);
  if (!transform.ok) return refus(transform.raison);
  const arcs = decoderArcs(json.arcs, transform.valeur);

  const objet = json.objects[nom];
  if (!estObjet(objet)) return refus(`L'objet « ${citer(nom)} » du TopoJSON n'est pas une géométrie.`);
  let geometries: unknown[];
  if (objet.type === "GeometryCollection") {
    if (!Array.isArray(objet.geometries)) return refus(`L'objet « ${citer(nom)} » est une GeometryCollection sans liste « geometries ».`);
    geometries = objet.geometries;
  } else geometries = [objet];
  if (geometries.length === 0) return { ok: false, erreur: "fichierVide", raison: `L'objet « ${citer(nom)} » du TopoJSON ne contient aucune forme.` };

  const entites = geometries.map((g, position): EntiteGeometrie => {
    const proprietes = estObjet(g) && estObjet(g.properties) ? g.properties : {};
    const id = estObjet(g) ? g.id : undefined;
    const lu = polygonesTopo(g, arcs, 0);
    return { position, proprietes, id, contenu: "raison" in lu ? { type: "ignoree", champ: lu.champ, valeur: lu.valeur, raison: lu.raison } : { type: "arcs", polygones: lu.polygones } };
  });
  return { ok: true, document: { format: "TopoJSON", objet: nom, entites, arcs } };
}

function choisirObjet(noms: string[], niveau: NiveauGeometrie | undefined): string | null {
  if (noms.length === 1) return noms[0] as string;
  const parNom = new Map(noms.map((n) => [n.toLowerCase(), n]));
  const candidats = niveau ? OBJETS_PAR_NIVEAU[niveau] : NIVEAUX_GEOMETRIE.flatMap((n) => OBJETS_PAR_NIVEAU[n]);
  const trouves = [...new Set(candidats.map((c) => parNom.get(c)).filter((n): n is string => n !== undefined))];
  // Without a level, two objects of different levels (deps and communes) are ambiguous.
  if (!niveau && new Set(trouves.map((t) => NIVEAUX_GEOMETRIE.find((n) => OBJETS_PAR_NIVEAU[n].includes(t.toLowerCase())))).size > 1) return null;
  return trouves[0] ?? null;
}

interface Transform {
  echelle: [number, number];
  translation: [number, number];
}

function lireTransform(t: unknown): { ok: true; valeur: Transform | null } | { ok: false; raison: string } {
  if (t === undefined || t === null) return { ok: true, valeur: null };
  const paire = (v: unknown): [number, number] | null =>
    Array.isArray(v) && v.length >= 2 && typeof v[0] === "number" && typeof v[1] === "number" && Number.isFinite(v[0]) && Number.isFinite(v[1]) ? [v[0], v[1]] : null;
  const echelle = estObjet(t) ? paire(t.scale) : null;
  const translation = estObjet(t) ? paire(t.translate) : null;
  if (!echelle || !translation) return { ok: false, raison: "« transform » du TopoJSON illisible : « scale » et « translate » doivent être deux nombres chacun." };
  return { ok: true, valeur: { echelle, translation } };
}

/** Why a point cannot be used, or null. */
export function problemeDePoint(lon: unknown, lat: unknown): string | null {
  if (typeof lon !== "number" || typeof lat !== "number" || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return `Coordonnée qui n'est pas un nombre fini (${citer(lon)}, ${citer(lat)}) : la forme est ignorée.`;
  }
  const degres = "des degrés WGS 84 sont attendus, pas des mètres (Lambert 93, Web Mercator)";
  if (lon < -180 || lon > 180) return `Longitude ${lon} hors de [-180, 180] : ${degres}.`;
  if (lat < -90 || lat > 90) return `Latitude ${lat} hors de [-90, 90] : ${degres}.`;
  return null;
}

/** Decodes every arc (delta-encoded when quantized), or says why one cannot be used. */
function decoderArcs(arcs: unknown[], transform: Transform | null): Array<Anneau | string> {
  return arcs.map((arc, i) => {
    if (!Array.isArray(arc) || arc.length === 0) return `Arc n° ${i} vide ou illisible dans la topologie.`;
    const points: Anneau = new Array(arc.length);
    let x = 0;
    let y = 0;
    for (let j = 0; j < arc.length; j += 1) {
      const p: unknown = arc[j];
      if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== "number" || typeof p[1] !== "number") return `Arc n° ${i} : position n° ${j} illisible (${citer(p)}), deux nombres attendus.`;
      let lon: number;
      let lat: number;
      if (transform) {
        x += p[0];
        y += p[1];
        lon = x * transform.echelle[0] + transform.translation[0];
        lat = y * transform.echelle[1] + transform.translation[1];
      } else {
        lon = p[0];
        lat = p[1];
      }
      const probleme = problemeDePoint(lon, lat);
      if (probleme) return `Arc n° ${i} : ${probleme}`;
      points[j] = [lon, lat];
    }
    return points;
  });
}

type Lu<T> = { polygones: T[] } | { champ: string; valeur: string | null; raison: string };

const TYPES_NON_SURFACIQUES = ["Point", "MultiPoint", "LineString", "MultiLineString"];

function typeNonPris(type: unknown, champ: string): { champ: string; valeur: string | null; raison: string } {
  if (type === null || type === undefined) return { champ, valeur: null, raison: "Forme sans géométrie : rien à dessiner." };
  if (typeof type === "string" && TYPES_NON_SURFACIQUES.includes(type)) {
    return { champ, valeur: type, raison: `Géométrie de type ${type} ignorée : seuls les polygones (Polygon, MultiPolygon) dessinent un contour.` };
  }
  return { champ, valeur: citer(type), raison: `Type de géométrie inconnu « ${citer(type)} » : Polygon, MultiPolygon ou GeometryCollection attendu.` };
}

/** A TopoJSON geometry's polygons as rings of arc references, each checked against the arcs. */
function polygonesTopo(g: unknown, arcs: Array<Anneau | string>, profondeur: number): Lu<number[][]> {
  if (!estObjet(g)) return { champ: "geometries", valeur: citer(g), raison: "Élément de la collection qui n'est pas une géométrie TopoJSON." };
  if (g.type === "GeometryCollection") {
    if (profondeur >= PROFONDEUR_MAX) return { champ: "geometries", valeur: null, raison: `GeometryCollection imbriquée sur plus de ${PROFONDEUR_MAX} niveaux : forme ignorée.` };
    if (!Array.isArray(g.geometries)) return { champ: "geometries", valeur: null, raison: "GeometryCollection sans liste « geometries »." };
    const polygones: number[][][] = [];
    for (const enfant of g.geometries) {
      // Points or lines inside a collection are left out; a broken polygon rejects the whole.
      if (estObjet(enfant) && typeof enfant.type === "string" && TYPES_NON_SURFACIQUES.includes(enfant.type)) continue;
      const lu = polygonesTopo(enfant, arcs, profondeur + 1);
      if ("raison" in lu) return lu;
      for (const p of lu.polygones) polygones.push(p);
    }
    if (polygones.length === 0) return { champ: "type", valeur: "GeometryCollection", raison: "GeometryCollection sans aucun polygone : rien à dessiner." };
    return { polygones };
  }
  if (g.type !== "Polygon" && g.type !== "MultiPolygon") return typeNonPris(g.type, "type");
  const brut = g.type === "Polygon" ? [g.arcs] : g.arcs;
  if (!Array.isArray(brut)) return { champ: "arcs", valeur: citer(g.arcs), raison: `${g.type} sans liste « arcs » valable.` };
  const polygones: number[][][] = [];
  for (const polygone of brut) {
    if (!Array.isArray(polygone)) return { champ: "arcs", valeur: citer(polygone), raison: "Polygone illisible : une liste d'anneaux (listes d'arcs) est attendue." };
    const anneaux: number[][] = [];
    for (const anneau of polygone) {
      if (!Array.isArray(anneau)) return { champ: "arcs", valeur: citer(anneau), raison: "Anneau illisible : une liste de numéros d'arcs est attendue." };
      for (const ref of anneau) {
        if (typeof ref !== "number" || !Number.isInteger(ref)) return { champ: "arcs", valeur: citer(ref), raison: "Référence d'arc qui n'est pas un nombre entier." };
        const index = ref < 0 ? ~ref : ref;
        const arc = arcs[index];
        if (arc === undefined) return { champ: "arcs", valeur: String(ref), raison: `Arc n° ${index} absent de la topologie (elle en compte ${nombre(arcs.length)}).` };
        if (typeof arc === "string") return { champ: "arcs", valeur: String(ref), raison: arc };
      }
      anneaux.push(anneau as number[]);
    }
    polygones.push(anneaux);
  }
  return { polygones };
}

function lireGeoJson(json: Json): { ok: true; document: DocumentGeometrie } | ErreurDocument {
  const crs = estObjet(json.crs) && estObjet(json.crs.properties) ? json.crs.properties.name : undefined;
  if (typeof crs === "string" && !/(CRS84|4326|WGS ?84)\b/i.test(crs)) {
    return { ok: false, erreur: "enteteInvalide", raison: `Système de coordonnées « ${citer(crs)} » non pris en charge : reprojetez le fichier en WGS 84 (EPSG:4326, longitude et latitude en degrés).` };
  }
  let elements: unknown[];
  if (json.type === "Feature") elements = [json];
  else if (Array.isArray(json.features)) elements = json.features;
  else return { ok: false, erreur: "enteteInvalide", raison: "FeatureCollection sans liste « features »." };
  if (elements.length === 0) return { ok: false, erreur: "fichierVide", raison: "FeatureCollection vide : aucune forme à lire." };
  const entites = elements.map((f, position): EntiteGeometrie => {
    if (!estObjet(f)) return { position, proprietes: {}, id: undefined, contenu: { type: "ignoree", champ: "features", valeur: citer(f), raison: "Élément de « features » qui n'est pas un objet Feature." } };
    const proprietes = estObjet(f.properties) ? f.properties : {};
    const lu = estObjet(f.geometry) ? polygonesGeo(f.geometry, 0) : typeNonPris(f.geometry, "geometry");
    return { position, proprietes, id: f.id, contenu: "raison" in lu ? { type: "ignoree", champ: lu.champ, valeur: lu.valeur, raison: lu.raison } : { type: "points", polygones: lu.polygones } };
  });
  return { ok: true, document: { format: "GeoJSON", objet: null, entites, arcs: [] } };
}

/** A GeoJSON geometry's polygons, every position checked. */
function polygonesGeo(g: Json, profondeur: number): Lu<Anneau[]> {
  if (g.type === "GeometryCollection") {
    if (profondeur >= PROFONDEUR_MAX) return { champ: "geometry", valeur: null, raison: `GeometryCollection imbriquée sur plus de ${PROFONDEUR_MAX} niveaux : forme ignorée.` };
    if (!Array.isArray(g.geometries)) return { champ: "geometry", valeur: null, raison: "GeometryCollection sans liste « geometries »." };
    const polygones: Anneau[][] = [];
    for (const enfant of g.geometries) {
      if (estObjet(enfant) && typeof enfant.type === "string" && TYPES_NON_SURFACIQUES.includes(enfant.type)) continue;
      if (!estObjet(enfant)) return { champ: "geometry", valeur: citer(enfant), raison: "Élément de GeometryCollection qui n'est pas une géométrie." };
      const lu = polygonesGeo(enfant, profondeur + 1);
      if ("raison" in lu) return lu;
      for (const p of lu.polygones) polygones.push(p);
    }
    if (polygones.length === 0) return { champ: "geometry", valeur: "GeometryCollection", raison: "GeometryCollection sans aucun polygone : rien à dessiner." };
    return { polygones };
  }
  if (g.type !== "Polygon" && g.type !== "MultiPolygon") return typeNonPris(g.type, "geometry");
  const brut = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(brut)) return { champ: "coordinates", valeur: citer(g.coordinates), raison: `${g.type} sans liste « coordinates » valable.` };
  const polygones: Anneau[][] = [];
  for (const polygone of brut) {
    if (!Array.isArray(polygone)) return { champ: "coordinates", valeur: citer(polygone), raison: "Polygone illisible : une liste d'anneaux est attendue." };
    const anneaux: Anneau[] = [];
    for (const anneau of polygone) {
      if (!Array.isArray(anneau)) return { champ: "coordinates", valeur: citer(anneau), raison: "Anneau illisible : une liste de positions [longitude, latitude] est attendue." };
      const points: Anneau = new Array(anneau.length);
      for (let j = 0; j < anneau.length; j += 1) {
        const p: unknown = anneau[j];
        if (!Array.isArray(p) || p.length < 2) return { champ: "coordinates", valeur: citer(p), raison: "Position illisible : [longitude, latitude] attendu." };
        const probleme = problemeDePoint(p[0], p[1]);
        if (probleme) return { champ: "coordinates", valeur: citer(p), raison: probleme };
        points[j] = [p[0] as number, p[1] as number];
      }
      anneaux.push(points);
    }
    polygones.push(anneaux);
  }
  return { polygones };
}

/* ------------------------------------------------------------------------------------------------
 * Codes, names and level
 * --------------------------------------------------------------------------------------------- */

/** The feature's code and name: the first property found among the usual names, else its `id`. */
export function codeEtNom(entite: Pick<EntiteGeometrie, "proprietes" | "id">): { code: unknown; champ: string | null; nom: string | null } {
  const parCle = new Map<string, string>();
  for (const cle of Object.keys(entite.proprietes)) if (!parCle.has(cle.toLowerCase())) parCle.set(cle.toLowerCase(), cle);
  const valeur = (noms: string[]) => {
    for (const n of noms) {
      const cle = parCle.get(n);
      if (cle === undefined) continue;
      const v = entite.proprietes[cle];
      if (v !== null && v !== undefined && v !== "") return { cle, v };
    }
    return null;
  };
  const code = valeur(PROPRIETES_CODE);
  const nom = valeur(PROPRIETES_NOM);
  const nomLu = nom && (typeof nom.v === "string" || typeof nom.v === "number") ? String(nom.v).trim().slice(0, 200) || null : null;
  if (code) return { code: code.v, champ: code.cle, nom: nomLu };
  if (typeof entite.id === "string" || typeof entite.id === "number") return { code: entite.id, champ: "id", nom: nomLu };
  return { code: null, champ: null, nom: nomLu };
}

/** The code as text (upper case, trimmed), or null when it is no string nor whole number. */
function texteDuCode(code: unknown): string | null {
  if (typeof code === "number") return Number.isSafeInteger(code) && code >= 0 ? String(code) : null;
  if (typeof code !== "string") return null;
  const t = code.trim().toUpperCase();
  return t === "" || t.length > 20 ? null : t;
}

const FORMATS: Record<NiveauGeometrie, RegExp> = {
  departements: /^(\d{2}|2[AB]|9[78]\d)$/,
  epci: /^\d{9}$/,
  communes: /^(\d{5}|2[AB]\d{3})$/,
};
/** A leading zero lost by a spreadsheet or a numeric field. */
const SANS_ZERO_INITIAL: Record<NiveauGeometrie, RegExp> = { departements: /^[1-9]$/, epci: /^\d{8}$/, communes: /^\d{4}$/ };

const FORMATS_ATTENDUS: Record<NiveauGeometrie, string> = {
  departements: "2 ou 3 caractères attendus pour un département (exemples : 58, 2A, 971)",
  epci: "SIREN de 9 chiffres attendu pour un EPCI (exemple : 200067213)",
  communes: "5 caractères attendus pour une commune (exemples : 58194, 2A004)",
};

/** The level a code looks like, or null. */
export function niveauDuCode(code: unknown): NiveauGeometrie | null {
  const t = texteDuCode(code);
  if (t === null) return null;
  for (const n of NIVEAUX_GEOMETRIE) if (FORMATS[n].test(t) || SANS_ZERO_INITIAL[n].test(t)) return n;
  return null;
}

/**
 * The level of a file from its codes: the one nine codes out of ten at least look like (2-3
 * characters: départements, 9 digits: EPCI, 5 characters: communes), or null.
 */
export function detecterNiveau(codes: unknown[]): NiveauGeometrie | null {
  const presents = codes.filter((c) => c !== null && c !== undefined && c !== "");
  if (presents.length === 0) return null;
  const comptes = new Map<NiveauGeometrie, number>();
  for (const c of presents) {
    const n = niveauDuCode(c);
    if (n) comptes.set(n, (comptes.get(n) ?? 0) + 1);
  }
  const [meilleur] = [...comptes].sort((a, b) => b[1] - a[1]);
  return meilleur && meilleur[1] >= 0.9 * presents.length ? meilleur[0] : null;
}

/** The level of a read document, from its features' codes. */
export function niveauDuDocument(document: DocumentGeometrie): NiveauGeometrie | null {
  return detecterNiveau(document.entites.map((e) => codeEtNom(e).code));
}

/** The code in the level's format (a lost leading zero put back), or why it is refused. */
export function normaliserCode(code: unknown, niveau: NiveauGeometrie): { ok: true; code: string; complete: boolean } | { ok: false; raison: string } {
  const t = texteDuCode(code);
  if (t === null) return { ok: false, raison: `Code illisible (${citer(code)}) : ${FORMATS_ATTENDUS[niveau]}.` };
  if (FORMATS[niveau].test(t)) return { ok: true, code: t, complete: false };
  if (SANS_ZERO_INITIAL[niveau].test(t)) return { ok: true, code: `0${t}`, complete: true };
  return { ok: false, raison: `Code « ${citer(t)} » : ${FORMATS_ATTENDUS[niveau]}.` };
}

/* ------------------------------------------------------------------------------------------------
 * Rings: dissolve, rounding, checks
 * --------------------------------------------------------------------------------------------- */

function pointsDeLArc(arcs: Array<Anneau | string>, ref: number): Anneau {
  const arc = arcs[ref < 0 ? ~ref : ref];
  if (typeof arc !== "object") return [];
  return ref < 0 ? [...arc].reverse() : arc;
}

/** A TopoJSON ring: its arcs end to end, each arc's first point being the previous one's last. */
export function anneauDesArcs(arcs: Array<Anneau | string>, refs: number[]): Anneau {
  const anneau: Anneau = [];
  for (const ref of refs) {
    const points = pointsDeLArc(arcs, ref);
    for (let i = anneau.length === 0 ? 0 : 1; i < points.length; i += 1) anneau.push(points[i] as Point);
  }
  return anneau;
}

/**
 * The dissolve of TopoJSON polygons: an arc used an even number of times within them lies between
 * two of them (an interior border) and is dropped; the others are chained end to start into
 * closed rings. Arcs are followed in either direction (the fill is even-odd, orientation does not
 * matter), so every vertex meets an even number of arc ends and each walk comes back to its start.
 * Null when the arcs do not chain (a broken topology): the caller then keeps the rings as they are.
 */
export function dissoudreArcs(arcs: Array<Anneau | string>, polygones: number[][][]): Anneau[] | null {
  const usages = new Map<number, number>();
  for (const polygone of polygones) for (const anneau of polygone) for (const ref of anneau) {
    const i = ref < 0 ? ~ref : ref;
    usages.set(i, (usages.get(i) ?? 0) + 1);
  }
  const gardes: Anneau[] = [];
  for (const [i, n] of usages) if (n % 2 === 1) gardes.push(pointsDeLArc(arcs, i));
  const cle = (p: Point) => `${p[0]},${p[1]}`;
  // At each vertex: the arcs that start there (sens 1) or end there (sens -1).
  const parSommet = new Map<string, Array<[number, 1 | -1]>>();
  const ajouter = (k: string, e: [number, 1 | -1]) => {
    const liste = parSommet.get(k);
    if (liste) liste.push(e);
    else parSommet.set(k, [e]);
  };
  gardes.forEach((arc, i) => {
    if (arc.length === 0) return;
    ajouter(cle(arc[0] as Point), [i, 1]);
    ajouter(cle(arc[arc.length - 1] as Point), [i, -1]);
  });
  const parcouru = new Uint8Array(gardes.length);
  const anneaux: Anneau[] = [];
  for (let depart = 0; depart < gardes.length; depart += 1) {
    const premier = gardes[depart] as Anneau;
    if (parcouru[depart] || premier.length === 0) continue;
    parcouru[depart] = 1;
    const anneau: Anneau = [...premier];
    const debut = cle(premier[0] as Point);
    let fin = cle(premier[premier.length - 1] as Point);
    while (fin !== debut) {
      const candidats = parSommet.get(fin);
      let suivant: [number, 1 | -1] | undefined;
      while (candidats && candidats.length > 0) {
        const c = candidats.pop() as [number, 1 | -1];
        if (!parcouru[c[0]]) {
          suivant = c;
          break;
        }
      }
      if (!suivant) return null;
      parcouru[suivant[0]] = 1;
      const arc = gardes[suivant[0]] as Anneau;
      if (suivant[1] === 1) for (let k = 1; k < arc.length; k += 1) anneau.push(arc[k] as Point);
      else for (let k = arc.length - 2; k >= 0; k -= 1) anneau.push(arc[k] as Point);
      fin = cle(anneau[anneau.length - 1] as Point);
    }
    anneaux.push(anneau);
  }
  return anneaux;
}

const arrondir = (v: number) => {
  const r = Math.round(v * 10 ** DECIMALES) / 10 ** DECIMALES;
  return r === 0 ? 0 : r;
};

/**
 * Rounds to 5 decimals (about a metre), drops repeated points, closes each ring, and leaves out
 * the rings of fewer than 4 points (an islet the simplification reduced to a line or a point).
 * The bounding box is the kept rings'; null when none is left.
 */
export function normaliserAnneaux(anneaux: Anneau[]): { anneaux: Anneau[]; boite: Boite | null; ignores: number } {
  const gardes: Anneau[] = [];
  let ignores = 0;
  let [ouest, sud, est, nord] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const anneau of anneaux) {
    const sortie: Anneau = [];
    for (const p of anneau) {
      const q: Point = [arrondir(p[0]), arrondir(p[1])];
      const dernier = sortie[sortie.length - 1];
      if (dernier && dernier[0] === q[0] && dernier[1] === q[1]) continue;
      sortie.push(q);
    }
    const premier = sortie[0];
    const dernier = sortie[sortie.length - 1];
    if (premier && dernier && sortie.length > 1 && (premier[0] !== dernier[0] || premier[1] !== dernier[1])) sortie.push([premier[0], premier[1]]);
    if (sortie.length < 4) {
      ignores += 1;
      continue;
    }
    for (const [lon, lat] of sortie) {
      if (lon < ouest) ouest = lon;
      if (lon > est) est = lon;
      if (lat < sud) sud = lat;
      if (lat > nord) nord = lat;
    }
    gardes.push(sortie);
  }
  return { anneaux: gardes, boite: gardes.length ? [ouest, sud, est, nord] : null, ignores };
}

/* ------------------------------------------------------------------------------------------------
 * From the features of a file to one shape per territory
 * --------------------------------------------------------------------------------------------- */

export interface FormeAssemblee {
  code: string;
  nom: string | null;
  anneaux: Anneau[];
  boite: Boite;
  /** The lines (features) it was made from. */
  lignes: number[];
}

/** How a code of the file leads to a territory of the reference (null: unknown). */
export type Resolution = { code: string; nom: string | null; via: string | null } | null;

const RAISONS_INCONNU: Record<NiveauGeometrie, string> = {
  departements: "Code inconnu du référentiel COG 2026 : aucun département ne porte ce code.",
  epci: "Code inconnu du référentiel COG 2026 : aucun EPCI ne porte ce SIREN (EPCI dissous ou fusionné depuis ?).",
  communes: "Code inconnu du référentiel COG 2026 : ni commune actuelle, ni arrondissement municipal, ni ancienne commune connue.",
};

/**
 * One shape per territory from a read document: each feature checked (code of the level, known
 * to the reference through `resoudre`, usable geometry), those leading to the same territory
 * merged, the rings rounded and checked. Every feature set aside or changed is in `problemes`,
 * numbered from `premiereLigne` (1 by default).
 */
export function assemblerFormes(
  document: DocumentGeometrie,
  p: { niveau: NiveauGeometrie; resoudre: (code: string) => Resolution; premiereLigne?: number },
): { formes: FormeAssemblee[]; problemes: ProblemeDeForme[] } {
  const premiere = p.premiereLigne ?? 1;
  const problemes: ProblemeDeForme[] = [];
  const groupes = new Map<string, { nom: string | null; membres: Array<{ ligne: number; contenu: Exclude<ContenuEntite, { type: "ignoree" }> }> }>();

  for (const entite of document.entites) {
    const ligne = premiere + entite.position;
    const { code, champ, nom } = codeEtNom(entite);
    if (entite.contenu.type === "ignoree") {
      problemes.push({ nature: "rejet", ligne, champ: entite.contenu.champ, valeur: entite.contenu.valeur, raison: entite.contenu.raison });
      continue;
    }
    if (code === null) {
      problemes.push({ nature: "rejet", ligne, champ: null, valeur: nom, raison: "Forme sans code : aucune propriété code (ni code_insee, INSEE_COM, DDEP_C_COD, siren…) ni identifiant." });
      continue;
    }
    const normal = normaliserCode(code, p.niveau);
    if (!normal.ok) {
      problemes.push({ nature: "rejet", ligne, champ, valeur: citer(code), raison: normal.raison });
      continue;
    }
    const cible = p.resoudre(normal.code);
    if (!cible) {
      problemes.push({ nature: "rejet", ligne, champ, valeur: normal.code, raison: RAISONS_INCONNU[p.niveau] });
      continue;
    }
    if (normal.complete) problemes.push({ nature: "correction", ligne, champ, valeur: citer(code), raison: `Zéro initial perdu : code lu comme ${normal.code}.` });
    if (cible.via) problemes.push({ nature: "correction", ligne, champ, valeur: normal.code, raison: cible.via });
    const groupe = groupes.get(cible.code);
    if (groupe) groupe.membres.push({ ligne, contenu: entite.contenu });
    else groupes.set(cible.code, { nom: cible.nom ?? nom, membres: [{ ligne, contenu: entite.contenu }] });
  }

  const formes: FormeAssemblee[] = [];
  for (const [code, groupe] of groupes) {
    const lignes = groupe.membres.map((m) => m.ligne);
    const premiereDuGroupe = lignes[0] as number;
    let bruts: Anneau[] = [];
    let raccord: "topologique" | "juxtaposition" | "seule" = groupe.membres.length > 1 ? "juxtaposition" : "seule";
    if (document.format === "TopoJSON") {
      const polygones = groupe.membres.flatMap((m) => (m.contenu.type === "arcs" ? m.contenu.polygones : []));
      const tel = () => polygones.flatMap((poly) => poly.map((refs) => anneauDesArcs(document.arcs, refs)));
      if (partageDesArcs(polygones)) {
        const dissous = dissoudreArcs(document.arcs, polygones);
        if (dissous) {
          bruts = dissous;
          raccord = "topologique";
        } else {
          bruts = tel();
          problemes.push({ nature: "correction", ligne: premiereDuGroupe, champ: "arcs", valeur: code, raison: "Contours qui ne se raccordent pas bout à bout : frontières intérieures laissées en place." });
        }
      } else bruts = tel();
    } else {
      for (const m of groupe.membres) if (m.contenu.type === "points") for (const poly of m.contenu.polygones) for (const a of poly) bruts.push(a);
    }
    const normal = normaliserAnneaux(bruts);
    if (!normal.boite) {
      for (const ligne of lignes) {
        problemes.push({ nature: "rejet", ligne, champ: document.format === "TopoJSON" ? "arcs" : "coordinates", valeur: code, raison: "Aucun anneau d'au moins 4 points distincts une fois arrondi à 5 décimales : rien à dessiner." });
      }
      continue;
    }
    if (groupe.membres.length > 1) {
      problemes.push({
        nature: "correction",
        ligne: premiereDuGroupe,
        champ: "code",
        valeur: code,
        raison: `${groupe.membres.length} formes réunies en une pour ce code (lignes ${lignes.slice(0, 10).join(", ")}${lignes.length > 10 ? "…" : ""}) : ${raccord === "topologique" ? "frontières intérieures effacées" : "contours juxtaposés"}.`,
      });
    }
    if (normal.ignores > 0) {
      problemes.push({
        nature: "correction",
        ligne: premiereDuGroupe,
        champ: document.format === "TopoJSON" ? "arcs" : "coordinates",
        valeur: code,
        raison: normal.ignores === 1 ? "1 anneau de moins de 4 points laissé de côté (îlot réduit à un trait ou à un point)." : `${normal.ignores} anneaux de moins de 4 points laissés de côté (îlots réduits à un trait ou à un point).`,
      });
    }
    formes.push({ code, nom: groupe.nom, anneaux: normal.anneaux, boite: normal.boite, lignes });
  }
  return { formes, problemes };
}

/** Whether an arc is used more than once (shapes sharing a border, or a shape touching itself). */
function partageDesArcs(polygones: number[][][]): boolean {
  const vus = new Set<number>();
  for (const polygone of polygones) for (const anneau of polygone) for (const ref of anneau) {
    const i = ref < 0 ? ~ref : ref;
    if (vus.has(i)) return true;
    vus.add(i);
  }
  return false;
}

/** Two shapes of one territory found in different files (no shared topology): rings side by side. */
export function reunirFormes(a: FormeAssemblee, b: FormeAssemblee): FormeAssemblee {
  const anneaux = [...a.anneaux];
  for (const x of b.anneaux) anneaux.push(x);
  return {
    code: a.code,
    nom: a.nom ?? b.nom,
    anneaux,
    boite: [Math.min(a.boite[0], b.boite[0]), Math.min(a.boite[1], b.boite[1]), Math.max(a.boite[2], b.boite[2]), Math.max(a.boite[3], b.boite[3])],
    lignes: [...a.lignes, ...b.lignes],
  };
}

export const libelleNiveau = (niveau: NiveauGeometrie, forme: "un" | "des" = "des") => LIBELLES_NIVEAUX[niveau][forme];
