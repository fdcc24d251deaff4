/*
 * The offline maps of the data pages (PRODUCT §9): the classes of the indice de fragilité
 * numérique, and the drawing of shapes stored as rings of [longitude, latitude] into SVG path data,
 * computed on the server. No tile server, no library: an equirectangular projection (longitudes
 * shortened by the cosine of the mean latitude, good enough at the scale of a département or of
 * metropolitan France), then a simplification in pixels so that the SVG of the largest département
 * (about 900 communes) stays small.
 *
 * The national map puts the overseas départements (codes starting with 97) in inset boxes beside
 * metropolitan France, each with its own scale.
 */

import type { Anneau } from "./geometrie";

/* ------------------------------------------------------------------------------------------------
 * IFN classes
 * --------------------------------------------------------------------------------------------- */

export const SCORE_IFN_MIN = 1;
export const SCORE_IFN_MAX = 10;
export const NOMBRE_CLASSES_IFN = 7;

/** From the least fragile (blue) to the most fragile (red): rgb(74,107,174) … rgb(217,92,94). */
const COULEURS_IFN = ["#4a6bae", "#5f8ec7", "#aac4e6", "#e6deee", "#ebb5bd", "#dd7480", "#d95c5e"] as const;

/** Grey of the zones without a score (rgb(206,206,206)). */
export const COULEUR_NON_DISPONIBLE = "#cecece";
export const LIBELLE_NON_DISPONIBLE = "Non disponible";

export interface ClasseIfn {
  /** 0 (least fragile) to 6 (most fragile). */
  index: number;
  couleur: string;
  borneBasse: number;
  borneHaute: number;
  /** The bounds in words, for the legend: "de 1 à 2,3". */
  libelle: string;
}

const UNE_DECIMALE = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const LARGEUR_CLASSE = (SCORE_IFN_MAX - SCORE_IFN_MIN) / NOMBRE_CLASSES_IFN;

/** The 7 classes of equal width over the scores 1 to 10. */
export const CLASSES_IFN: readonly ClasseIfn[] = COULEURS_IFN.map((couleur, index) => {
  const borneBasse = SCORE_IFN_MIN + index * LARGEUR_CLASSE;
  const borneHaute = index === NOMBRE_CLASSES_IFN - 1 ? SCORE_IFN_MAX : SCORE_IFN_MIN + (index + 1) * LARGEUR_CLASSE;
  return { index, couleur, borneBasse, borneHaute, libelle: `de ${UNE_DECIMALE.format(borneBasse)} à ${UNE_DECIMALE.format(borneHaute)}` };
});

/** The class of a score (0 to 6), or null when there is no score ("Non disponible"). */
export function classeIfn(score: number | null | undefined): number | null {
  if (score === null || score === undefined || !Number.isFinite(score) || score < SCORE_IFN_MIN) return null;
  return Math.min(NOMBRE_CLASSES_IFN - 1, Math.floor(((score - SCORE_IFN_MIN) * NOMBRE_CLASSES_IFN) / (SCORE_IFN_MAX - SCORE_IFN_MIN)));
}

/** The fill colour of a score: its class's, or grey. */
export function couleurIfn(score: number | null | undefined): string {
  const classe = classeIfn(score);
  return classe === null ? COULEUR_NON_DISPONIBLE : (CLASSES_IFN[classe] as ClasseIfn).couleur;
}

/* ------------------------------------------------------------------------------------------------
 * Projection
 * --------------------------------------------------------------------------------------------- */

/** [ouest, sud, est, nord] in degrees. */
export type Etendue = [number, number, number, number];

/** A rectangle of the drawing, in pixels (y downwards). */
export interface Cadre {
  x: number;
  y: number;
  largeur: number;
  hauteur: number;
}

export interface Projection {
  /** Pixels per degree of latitude. */
  echelle: number;
  /** cos(mean latitude): a degree of longitude is that much shorter. */
  facteurLongitude: number;
  /** The extent drawn and the rectangle it fills, centred in the frame it was fitted into. */
  etendue: Etendue;
  cadre: Cadre;
}

/** The extent of rings, or null when they hold no point. */
export function etendueDesAnneaux(anneaux: readonly Anneau[]): Etendue | null {
  let [ouest, sud, est, nord] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const anneau of anneaux) {
    for (const [lon, lat] of anneau) {
      if (lon < ouest) ouest = lon;
      if (lon > est) est = lon;
      if (lat < sud) sud = lat;
      if (lat > nord) nord = lat;
    }
  }
  return ouest === Infinity ? null : [ouest, sud, est, nord];
}

/**
 * The projection of an extent fitted into a frame, aspect kept, centred. A degenerate extent
 * (a single point, a line) gets a small size so that the scale stays finite.
 */
export function ajusterProjection(etendue: Etendue, cadre: Cadre): Projection {
  const [ouest, sud, est, nord] = etendue;
  const facteurLongitude = Math.cos((((sud + nord) / 2) * Math.PI) / 180);
  const largeurGeo = Math.max((est - ouest) * facteurLongitude, 1e-6);
  const hauteurGeo = Math.max(nord - sud, 1e-6);
  const echelle = Math.min(cadre.largeur / largeurGeo, cadre.hauteur / hauteurGeo);
  const largeur = largeurGeo * echelle;
  const hauteur = hauteurGeo * echelle;
  return {
    echelle,
    facteurLongitude,
    etendue,
    cadre: { x: cadre.x + (cadre.largeur - largeur) / 2, y: cadre.y + (cadre.hauteur - hauteur) / 2, largeur, hauteur },
  };
}

/** A point's position in pixels (y downwards). */
export function projeter(p: Projection, longitude: number, latitude: number): [number, number] {
  return [p.cadre.x + (longitude - p.etendue[0]) * p.facteurLongitude * p.echelle, p.cadre.y + (p.etendue[3] - latitude) * p.echelle];
}

/* ------------------------------------------------------------------------------------------------
 * Simplification and path data
 * --------------------------------------------------------------------------------------------- */

/** Douglas–Peucker tolerance, in pixels. */
export const TOLERANCE_PX = 0.4;
/** Rings of a smaller area (px²) are left out, unless the zone would lose its last one or they are holes. */
export const AIRE_MIN_PX2 = 1;
/** A zone too small to see is drawn as a diamond of this half-diagonal (px), so that it stays visible and focusable. */
export const DEMI_DIAGONALE_MIN_PX = 1.5;

/** Coordinates are kept in tenths of a pixel, as integers, so the relative path data adds up exactly. */
type PointDixiemes = [number, number];

function distanceAuSegment2(p: readonly number[], a: readonly number[], b: readonly number[]): number {
  const [px, py] = p as [number, number];
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const dx = bx - ax;
  const dy = by - ay;
  const longueur2 = dx * dx + dy * dy;
  let t = longueur2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / longueur2;
  t = Math.max(0, Math.min(1, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Marks the points of points[debut..fin] Douglas–Peucker keeps (the ends are kept by the caller). */
function douglasPeucker(points: ReadonlyArray<[number, number]>, debut: number, fin: number, tolerance2: number, garde: Uint8Array): void {
  const pile: Array<[number, number]> = [[debut, fin]];
  while (pile.length > 0) {
    const [i, j] = pile.pop() as [number, number];
    let loin = -1;
    let max = tolerance2;
    for (let k = i + 1; k < j; k += 1) {
      const d = distanceAuSegment2(points[k] as [number, number], points[i] as [number, number], points[j] as [number, number]);
      if (d > max) {
        max = d;
        loin = k;
      }
    }
    if (loin >= 0) {
      garde[loin] = 1;
      pile.push([i, loin], [loin, j]);
    }
  }
}

/**
 * A closed ring already in pixels, simplified (Douglas–Peucker split at the point farthest from
 * the first, so that a closed ring keeps a body), rounded to tenths of a pixel, without repeated
 * points nor the closing point.
 */
export function simplifierAnneau(points: ReadonlyArray<[number, number]>, tolerance = TOLERANCE_PX): PointDixiemes[] {
  let n = points.length;
  if (n > 1) {
    const premier = points[0] as [number, number];
    const dernier = points[n - 1] as [number, number];
    if (premier[0] === dernier[0] && premier[1] === dernier[1]) n -= 1;
  }
  if (n === 0) return [];
  const garde = new Uint8Array(n + 1);
  garde[0] = 1;
  garde[n] = 1;
  // The ring closed again on its first point (index n), split at the point farthest from it.
  const ferme = points.slice(0, n).concat([points[0] as [number, number]]);
  const origine = ferme[0] as [number, number];
  let loin = 0;
  let max = -1;
  for (let k = 1; k < n; k += 1) {
    const p = ferme[k] as [number, number];
    const d = (p[0] - origine[0]) ** 2 + (p[1] - origine[1]) ** 2;
    if (d > max) {
      max = d;
      loin = k;
    }
  }
  const tolerance2 = tolerance * tolerance;
  if (loin > 0) {
    garde[loin] = 1;
    douglasPeucker(ferme, 0, loin, tolerance2, garde);
    douglasPeucker(ferme, loin, n, tolerance2, garde);
  }
  const sortie: PointDixiemes[] = [];
  for (let k = 0; k < n; k += 1) {
    if (!garde[k]) continue;
    const p = ferme[k] as [number, number];
    const q: PointDixiemes = [Math.round(p[0] * 10), Math.round(p[1] * 10)];
    const precedent = sortie[sortie.length - 1];
    if (precedent && precedent[0] === q[0] && precedent[1] === q[1]) continue;
    sortie.push(q);
  }
  while (sortie.length > 1) {
    const a = sortie[0] as PointDixiemes;
    const z = sortie[sortie.length - 1] as PointDixiemes;
    if (a[0] !== z[0] || a[1] !== z[1]) break;
    sortie.pop();
  }
  return sortie;
}

/** Area in px² of a ring in tenths of a pixel. */
function aire(anneau: readonly PointDixiemes[]): number {
  let double = 0;
  for (let i = 0; i < anneau.length; i += 1) {
    const a = anneau[i] as PointDixiemes;
    const b = anneau[(i + 1) % anneau.length] as PointDixiemes;
    double += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(double) / 200;
}

/** Whether a point lies inside a ring (even-odd). */
function dansLAnneau(p: PointDixiemes, anneau: readonly PointDixiemes[]): boolean {
  let dedans = false;
  for (let i = 0, j = anneau.length - 1; i < anneau.length; j = i, i += 1) {
    const [xi, yi] = anneau[i] as PointDixiemes;
    const [xj, yj] = anneau[j] as PointDixiemes;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) dedans = !dedans;
  }
  return dedans;
}

/** A number of tenths of a pixel as short as SVG allows: 12 → "1.2", -3 → "-.3", 40 → "4". */
function dixiemes(n: number): string {
  if (n === 0) return "0";
  const signe = n < 0 ? "-" : "";
  const a = Math.abs(n);
  const entier = Math.floor(a / 10);
  const decimale = a % 10;
  if (decimale === 0) return `${signe}${entier}`;
  return `${signe}${entier === 0 ? "" : entier}.${decimale}`;
}

/** Numbers one after the other with a separator only where the grammar needs one. */
function suite(nombres: string[]): string {
  let sortie = "";
  let precedent = "";
  for (const n of nombres) {
    if (precedent !== "" && !n.startsWith("-") && !(n.startsWith(".") && precedent.includes("."))) sortie += " ";
    sortie += n;
    precedent = n;
  }
  return sortie;
}

/** SVG path data of rings (tenths of a pixel): "M" then relative "l" for each, "z" to close, "m" from one ring's start to the next. */
export function donneesDeChemin(anneaux: readonly PointDixiemes[][]): string {
  let d = "";
  let depart: PointDixiemes | null = null;
  for (const anneau of anneaux) {
    const premier = anneau[0];
    if (!premier || anneau.length < 2) continue;
    d += depart ? `m${suite([dixiemes(premier[0] - depart[0]), dixiemes(premier[1] - depart[1])])}` : `M${suite([dixiemes(premier[0]), dixiemes(premier[1])])}`;
    const relatifs: string[] = [];
    for (let i = 1; i < anneau.length; i += 1) {
      const p = anneau[i] as PointDixiemes;
      const q = anneau[i - 1] as PointDixiemes;
      relatifs.push(dixiemes(p[0] - q[0]), dixiemes(p[1] - q[1]));
    }
    d += `l${suite(relatifs)}z`;
    depart = premier;
  }
  return d;
}

/**
 * The rings of one zone, projected and simplified: rings under AIRE_MIN_PX2 are left out unless
 * they lie inside another ring of the zone (a hole, or an islet in a lake); the largest ring is
 * always kept, and a zone too small to see becomes a small diamond around its centre.
 */
export function anneauxDeZone(anneaux: readonly Anneau[], projection: Projection, tolerance = TOLERANCE_PX): PointDixiemes[][] {
  const simplifies = anneaux.map((anneau) => simplifierAnneau(anneau.map(([lon, lat]) => projeter(projection, lon, lat)), tolerance)).filter((a) => a.length > 0);
  if (simplifies.length === 0) return [];
  const aires = simplifies.map(aire);
  let plusGrand = 0;
  aires.forEach((a, i) => {
    if (a > (aires[plusGrand] as number)) plusGrand = i;
  });
  const grands = simplifies.filter((a, i) => i === plusGrand || (aires[i] as number) >= AIRE_MIN_PX2);
  const gardes = simplifies.filter((a, i) => {
    if (i === plusGrand || (aires[i] as number) >= AIRE_MIN_PX2) return true;
    return a.length >= 3 && grands.some((autre) => autre !== a && dansLAnneau(a[0] as PointDixiemes, autre));
  });
  if ((aires[plusGrand] as number) >= AIRE_MIN_PX2 && (simplifies[plusGrand] as PointDixiemes[]).length >= 3) return gardes;
  // Too small to see: a diamond around the centre of everything the zone holds.
  const tous = gardes.flat();
  const xs = tous.map((p) => p[0]);
  const ys = tous.map((p) => p[1]);
  const cx = Math.round((Math.min(...xs) + Math.max(...xs)) / 2);
  const cy = Math.round((Math.min(...ys) + Math.max(...ys)) / 2);
  const r = Math.round(DEMI_DIAGONALE_MIN_PX * 10);
  return [
    [
      [cx, cy - r],
      [cx + r, cy],
      [cx, cy + r],
      [cx - r, cy],
    ],
  ];
}

/* ------------------------------------------------------------------------------------------------
 * The whole map
 * --------------------------------------------------------------------------------------------- */

export interface ZoneADessiner {
  code: string;
  /** The name written above an inset (overseas). */
  nom?: string | null;
  anneaux: readonly Anneau[];
}

export interface LieuADessiner {
  id: string;
  longitude: number;
  latitude: number;
}

export interface OptionsCarte {
  zones: readonly ZoneADessiner[];
  points?: readonly LieuADessiner[];
  /** Width of the drawing in pixels (600 by default); the height follows the shape. */
  largeur?: number;
  /** Overseas départements (codes starting with 97) in inset boxes, for the national map. */
  encartsOutreMer?: boolean;
  /** Where the insets go: a column on the left (default) or a row at the bottom. */
  positionEncarts?: "gauche" | "bas";
}

export interface ZoneDessinee {
  code: string;
  /** Path data of all its rings, to fill with the even-odd rule; "" when it has no ring. */
  d: string;
}

export interface LieuDessine {
  id: string;
  x: number;
  y: number;
}

export interface EncartDessine extends Cadre {
  code: string;
  libelle: string;
}

export interface CarteDessinee {
  largeur: number;
  hauteur: number;
  /** In the order given. */
  zones: ZoneDessinee[];
  /** In the order given, those outside the drawn area left out. */
  points: LieuDessine[];
  encarts: EncartDessine[];
}

export const LARGEUR_PAR_DEFAUT = 600;
/** Blank around the drawing, in pixels. */
export const MARGE_PX = 4;
/** Between the metropolitan map and the insets, and between insets. */
const ECART_ENCARTS_PX = 8;
/** Room for the name at the top of an inset. */
export const HAUTEUR_LIBELLE_ENCART_PX = 14;
/** Blank inside an inset's frame. */
const RETRAIT_ENCART_PX = 4;
/** The inset column takes this share of the width. */
const PART_COLONNE_ENCARTS = 0.17;
/** An inset is never shorter than this. */
const HAUTEUR_MIN_ENCART_PX = 60;
/** A point this close to an overseas zone's extent (degrees) belongs to its inset. */
const MARGE_ENCART_DEGRES = 0.5;

export const estOutreMer = (code: string) => code.startsWith("97");

const unDixieme = (v: number) => Math.round(v * 10) / 10;

interface Groupe {
  projection: Projection;
  etendue: Etendue;
}

/**
 * Draws zones (and places) into path data fitted in `largeur` pixels. Pure and deterministic:
 * the same input gives the same output, byte for byte.
 */
export function dessinerCarte(options: OptionsCarte): CarteDessinee {
  const largeur = options.largeur ?? LARGEUR_PAR_DEFAUT;
  const avecEncarts = options.encartsOutreMer === true;
  const outreMer = avecEncarts ? options.zones.filter((z) => estOutreMer(z.code) && etendueDesAnneaux(z.anneaux) !== null) : [];
  const principales = avecEncarts ? options.zones.filter((z) => !outreMer.includes(z)) : options.zones;
  const etenduePrincipale = etendueDesAnneaux(principales.flatMap((z) => z.anneaux as Anneau[]));

  const interieur = largeur - 2 * MARGE_PX;
  const n = outreMer.length;
  const enColonne = n > 0 && (options.positionEncarts ?? "gauche") === "gauche";
  const colonne = enColonne ? Math.round(largeur * PART_COLONNE_ENCARTS) : 0;
  const largeurPrincipale = enColonne ? interieur - colonne - ECART_ENCARTS_PX : interieur;
  const xPrincipal = MARGE_PX + (enColonne ? colonne + ECART_ENCARTS_PX : 0);

  // The main frame's height follows its shape (a very tall shape is capped at twice the width).
  let hauteurPrincipale = 0;
  if (etenduePrincipale) {
    const essai = ajusterProjection(etenduePrincipale, { x: 0, y: 0, largeur: largeurPrincipale, hauteur: largeurPrincipale * 2 });
    hauteurPrincipale = essai.cadre.hauteur;
  }
  const cadres: Cadre[] = [];
  let hauteur: number;
  if (n === 0) hauteur = hauteurPrincipale + 2 * MARGE_PX;
  else if (enColonne) {
    const hauteurColonne = Math.max(hauteurPrincipale, n * HAUTEUR_MIN_ENCART_PX + (n - 1) * ECART_ENCARTS_PX);
    hauteurPrincipale = hauteurColonne;
    const h = (hauteurColonne - (n - 1) * ECART_ENCARTS_PX) / n;
    for (let i = 0; i < n; i += 1) cadres.push({ x: MARGE_PX, y: MARGE_PX + i * (h + ECART_ENCARTS_PX), largeur: colonne, hauteur: h });
    hauteur = hauteurColonne + 2 * MARGE_PX;
  } else {
    const l = (interieur - (n - 1) * ECART_ENCARTS_PX) / n;
    const h = Math.max(HAUTEUR_MIN_ENCART_PX, Math.min(l, largeur * 0.2));
    const y = MARGE_PX + (hauteurPrincipale > 0 ? hauteurPrincipale + ECART_ENCARTS_PX : 0);
    for (let i = 0; i < n; i += 1) cadres.push({ x: MARGE_PX + i * (l + ECART_ENCARTS_PX), y, largeur: l, hauteur: h });
    hauteur = y + h + MARGE_PX;
  }

  const groupes = new Map<ZoneADessiner, Groupe>();
  const principal: Groupe | null = etenduePrincipale
    ? { etendue: etenduePrincipale, projection: ajusterProjection(etenduePrincipale, { x: xPrincipal, y: MARGE_PX, largeur: largeurPrincipale, hauteur: hauteurPrincipale }) }
    : null;
  if (principal) for (const z of principales) groupes.set(z, principal);

  const encarts: EncartDessine[] = [];
  const groupesEncarts: Groupe[] = [];
  [...outreMer]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .forEach((zone, i) => {
      const cadre = cadres[i] as Cadre;
      const etendue = etendueDesAnneaux(zone.anneaux) as Etendue;
      const dedans: Cadre = {
        x: cadre.x + RETRAIT_ENCART_PX,
        y: cadre.y + HAUTEUR_LIBELLE_ENCART_PX + RETRAIT_ENCART_PX,
        largeur: Math.max(1, cadre.largeur - 2 * RETRAIT_ENCART_PX),
        hauteur: Math.max(1, cadre.hauteur - HAUTEUR_LIBELLE_ENCART_PX - 2 * RETRAIT_ENCART_PX),
      };
      const groupe = { etendue, projection: ajusterProjection(etendue, dedans) };
      groupes.set(zone, groupe);
      groupesEncarts.push(groupe);
      encarts.push({ code: zone.code, libelle: zone.nom ?? zone.code, x: unDixieme(cadre.x), y: unDixieme(cadre.y), largeur: unDixieme(cadre.largeur), hauteur: unDixieme(cadre.hauteur) });
    });

  const zones = options.zones.map((zone): ZoneDessinee => {
    const groupe = groupes.get(zone);
    return { code: zone.code, d: groupe ? donneesDeChemin(anneauxDeZone(zone.anneaux, groupe.projection)) : "" };
  });

  const points: LieuDessine[] = [];
  for (const lieu of options.points ?? []) {
    if (!Number.isFinite(lieu.longitude) || !Number.isFinite(lieu.latitude)) continue;
    const dans = (e: Etendue, marge: number) => lieu.longitude >= e[0] - marge && lieu.longitude <= e[2] + marge && lieu.latitude >= e[1] - marge && lieu.latitude <= e[3] + marge;
    const groupe = groupesEncarts.find((g) => dans(g.etendue, MARGE_ENCART_DEGRES)) ?? (principal && dans(principal.etendue, 0) ? principal : null);
    if (!groupe) continue;
    const [x, y] = projeter(groupe.projection, lieu.longitude, lieu.latitude);
    points.push({ id: lieu.id, x: unDixieme(x), y: unDixieme(y) });
  }

  return { largeur, hauteur: Math.ceil(hauteur - 1e-6), zones, points, encarts };
}
