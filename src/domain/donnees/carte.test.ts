import { describe, expect, it } from "vitest";
import type { Anneau } from "./geometrie";
import {
  CLASSES_IFN,
  COULEUR_NON_DISPONIBLE,
  DEMI_DIAGONALE_MIN_PX,
  MARGE_PX,
  ajusterProjection,
  classeIfn,
  couleurIfn,
  dessinerCarte,
  donneesDeChemin,
  projeter,
  simplifierAnneau,
} from "./carte";

/** A square ring of side `cote` degrees whose south-west corner is (lon, lat), closed. */
const carre = (lon: number, lat: number, cote: number): Anneau => [
  [lon, lat],
  [lon + cote, lat],
  [lon + cote, lat + cote],
  [lon, lat + cote],
  [lon, lat],
];

/** Absolute points of path data made of M/m then l…z, in pixels, one list per ring. */
function lireChemin(d: string): Array<Array<[number, number]>> {
  const jetons = d.match(/[MmLlZz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  const anneaux: Array<Array<[number, number]>> = [];
  let commande = "";
  let courant: [number, number] = [0, 0];
  let debut: [number, number] = [0, 0];
  let nombres: number[] = [];
  for (const j of jetons) {
    if (/[A-Za-z]/.test(j)) {
      commande = j;
      if (j === "z" || j === "Z") courant = debut;
      continue;
    }
    nombres.push(Number(j));
    if (nombres.length < 2) continue;
    const [a, b] = nombres as [number, number];
    nombres = [];
    if (commande === "M" || commande === "m") {
      courant = commande === "M" ? [a, b] : [courant[0] + a, courant[1] + b];
      debut = courant;
      anneaux.push([courant]);
      commande = commande === "M" ? "L" : "l";
    } else {
      courant = commande === "L" ? [a, b] : [courant[0] + a, courant[1] + b];
      anneaux[anneaux.length - 1]?.push(courant);
    }
  }
  return anneaux.map((a) => a.map(([x, y]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10]));
}

describe("classes de l'indice de fragilité numérique", () => {
  it("étant donné les bornes de l'échelle, alors 1 est dans la première classe et 10 dans la dernière", () => {
    expect(classeIfn(1)).toBe(0);
    expect(classeIfn(10)).toBe(6);
    expect(classeIfn(12)).toBe(6);
  });

  it("quand il n'y a pas de score (null, 0, moins de 1, NaN), alors la classe est « Non disponible »", () => {
    expect(classeIfn(null)).toBeNull();
    expect(classeIfn(undefined)).toBeNull();
    expect(classeIfn(0)).toBeNull();
    expect(classeIfn(0.99)).toBeNull();
    expect(classeIfn(Number.NaN)).toBeNull();
    expect(couleurIfn(null)).toBe(COULEUR_NON_DISPONIBLE);
  });

  it("étant donné 7 classes de même largeur (9/7), alors 5,5 tombe dans la 4e (index 3) et les bornes tombent dans la classe supérieure", () => {
    expect(classeIfn(5.5)).toBe(3);
    expect(classeIfn(1 + 9 / 7 - 1e-9)).toBe(0);
    expect(classeIfn(1 + 9 / 7)).toBe(1);
    expect(classeIfn(9.99)).toBe(6);
    expect(classeIfn(8.7)).toBe(5);
    expect(classeIfn(8.72)).toBe(6);
  });

  it("alors la légende donne les bornes en texte, du bleu au rouge", () => {
    expect(CLASSES_IFN).toHaveLength(7);
    expect(CLASSES_IFN.map((c) => c.libelle)).toEqual(["de 1 à 2,3", "de 2,3 à 3,6", "de 3,6 à 4,9", "de 4,9 à 6,1", "de 6,1 à 7,4", "de 7,4 à 8,7", "de 8,7 à 10"]);
    expect(CLASSES_IFN[0]?.couleur).toBe("#4a6bae");
    expect(CLASSES_IFN[6]?.couleur).toBe("#d95c5e");
    expect(new Set(CLASSES_IFN.map((c) => c.couleur)).size).toBe(7);
    for (const c of CLASSES_IFN) expect(classeIfn((c.borneBasse + c.borneHaute) / 2)).toBe(c.index);
  });
});

describe("projection", () => {
  it("étant donné une étendue deux fois plus large que haute en kilomètres, alors le dessin garde ce rapport et tient dans le cadre", () => {
    // At 60° of latitude a degree of longitude is half a degree of latitude: 4° × 1° is 2 × 1.
    const p = ajusterProjection([0, 59.5, 4, 60.5], { x: 0, y: 0, largeur: 600, hauteur: 600 });
    expect(p.cadre.largeur).toBeCloseTo(600, 0);
    expect(p.cadre.hauteur / p.cadre.largeur).toBeCloseTo(0.5, 2);
    const [x0, y0] = projeter(p, 0, 60.5);
    const [x1, y1] = projeter(p, 4, 59.5);
    expect(x0).toBeCloseTo(0, 6);
    expect(x1).toBeCloseTo(600, 6);
    expect(y1 - y0).toBeCloseTo(300, 3);
    expect(y0).toBeCloseTo(150, 3);
  });

  it("quand on dessine un carré, alors la hauteur suit la forme et le nord est en haut", () => {
    // Centred on the equator: a degree of longitude is a degree of latitude.
    const carte = dessinerCarte({ zones: [{ code: "A", anneaux: [carre(0, -0.5, 1)] }], largeur: 200 });
    expect(carte.largeur).toBe(200);
    expect(carte.hauteur).toBe(200);
    const [anneau] = lireChemin(carte.zones[0]?.d ?? "");
    expect(anneau).toBeDefined();
    const xs = (anneau ?? []).map((p) => p[0]);
    const ys = (anneau ?? []).map((p) => p[1]);
    expect(Math.min(...xs)).toBe(MARGE_PX);
    expect(Math.max(...xs)).toBe(200 - MARGE_PX);
    expect(Math.min(...ys)).toBe(MARGE_PX);
    expect(Math.max(...ys)).toBe(200 - MARGE_PX);
    // The first point is the south-west corner: at the bottom left.
    expect(anneau?.[0]).toEqual([MARGE_PX, 200 - MARGE_PX]);
  });
});

describe("tracés", () => {
  it("étant donné un anneau carré, alors le tracé est fermé : M, trois segments relatifs, z", () => {
    const carte = dessinerCarte({ zones: [{ code: "A", anneaux: [carre(0, 0, 1)] }], largeur: 108 });
    expect(carte.zones[0]?.d).toBe("M4 104l100 0 0-100-100 0z");
  });

  it("quand une zone a un trou, alors ses deux anneaux sont dans le même tracé", () => {
    const carte = dessinerCarte({ zones: [{ code: "A", anneaux: [carre(0, 0, 1), carre(0.25, 0.25, 0.5)] }], largeur: 108 });
    const d = carte.zones[0]?.d ?? "";
    expect(d.match(/z/g)).toHaveLength(2);
    expect(d).toMatch(/^M4 104l100 0 0-100-100 0zm25-25l50 0 0-50-50 0z$/);
    expect(lireChemin(d)[1]?.[0]).toEqual([29, 79]);
  });

  it("alors les nombres s'écrivent au plus court : décimale sans zéro, pas d'espace devant un signe moins", () => {
    expect(
      donneesDeChemin([
        [
          [5, 5],
          [17, 2],
          [12, 7],
        ],
      ]),
    ).toBe("M.5.5l1.2-.3-.5.5z");
  });

  it("étant donné des points répétés et des points presque alignés, alors la simplification les retire", () => {
    const points: Array<[number, number]> = [
      [0, 0],
      [0, 0],
      [5, 0.01],
      [10, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    expect(simplifierAnneau(points)).toEqual([
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
    ]);
  });

  it("quand deux points distincts tombent sur le même dixième de pixel, alors un seul reste, même sans tolérance", () => {
    const points: Array<[number, number]> = [
      [0, 0],
      [5, 5],
      [5.01, 5.02],
      [10, 0],
      [5, -5],
    ];
    expect(simplifierAnneau(points, 0)).toEqual([
      [0, 0],
      [50, 50],
      [100, 0],
      [50, -50],
    ]);
  });

  it("alors un détail plus grand que la tolérance est gardé", () => {
    const points: Array<[number, number]> = [
      [0, 0],
      [5, 2],
      [10, 0],
      [10, 10],
      [0, 10],
    ];
    expect(simplifierAnneau(points)).toContainEqual([50, 20]);
  });

  it("quand une zone est trop petite pour être vue, alors elle n'est jamais retirée : un petit losange la remplace", () => {
    const grande = { code: "G", anneaux: [carre(0, 0, 1)] };
    const minuscule = { code: "P", anneaux: [carre(0.5, 0.5, 0.0001)] };
    const carte = dessinerCarte({ zones: [grande, minuscule], largeur: 108 });
    const d = carte.zones[1]?.d ?? "";
    expect(d).not.toBe("");
    const [anneau] = lireChemin(d);
    expect(anneau).toHaveLength(4);
    const xs = (anneau ?? []).map((p) => p[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(2 * DEMI_DIAGONALE_MIN_PX, 5);
    expect(Math.min(...xs)).toBeGreaterThan(50);
    expect(Math.max(...xs)).toBeLessThan(58);
  });

  it("quand un îlot minuscule accompagne une grande forme, alors il est retiré, mais un petit trou est gardé", () => {
    // About 0.7 px of side at this scale: above the tolerance, under 1 px².
    const ilotDehors = carre(2, 0, 0.005);
    const trouDedans = carre(0.5, 0.5, 0.005);
    const carte = dessinerCarte({ zones: [{ code: "A", anneaux: [carre(0, 0, 1), ilotDehors, trouDedans] }, { code: "B", anneaux: [carre(2, 0, 0.005)] }], largeur: 300 });
    const anneaux = lireChemin(carte.zones[0]?.d ?? "");
    expect(anneaux).toHaveLength(2);
    expect(anneaux[1]?.[0]?.[0]).toBeLessThan(100);
  });

  it("quand une zone n'a aucun anneau, alors elle est rendue avec un tracé vide, sans faire échouer les autres", () => {
    const carte = dessinerCarte({ zones: [{ code: "A", anneaux: [carre(0, 0, 1)] }, { code: "V", anneaux: [] }] });
    expect(carte.zones.map((z) => z.code)).toEqual(["A", "V"]);
    expect(carte.zones[1]?.d).toBe("");
    expect(carte.zones[0]?.d).not.toBe("");
  });

  it("alors le dessin est déterministe, octet pour octet", () => {
    const zones = [
      { code: "A", anneaux: [carre(2.123456, 46.1, 0.37), carre(2.6, 46.2, 0.05)] },
      { code: "971", nom: "Guadeloupe", anneaux: [carre(-61.8, 15.9, 0.6)] },
      { code: "B", anneaux: [carre(2.5, 46.5, 0.2)] },
    ];
    const points = [{ id: "l1", longitude: 2.2, latitude: 46.3 }];
    const a = dessinerCarte({ zones, points, encartsOutreMer: true });
    const b = dessinerCarte({ zones: zones.map((z) => ({ ...z, anneaux: z.anneaux.map((r) => r.map((p) => [...p] as [number, number])) })), points, encartsOutreMer: true });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe("encarts d'outre-mer", () => {
  const metropole = [
    { code: "29", nom: "Finistère", anneaux: [carre(-5, 48, 1)] },
    { code: "67", nom: "Bas-Rhin", anneaux: [carre(7, 48, 1)] },
    { code: "2A", nom: "Corse-du-Sud", anneaux: [carre(8.5, 41.5, 0.8)] },
  ];
  const guadeloupe = { code: "971", nom: "Guadeloupe", anneaux: [carre(-61.8, 15.9, 0.6)] };
  const reunion = { code: "974", nom: "La Réunion", anneaux: [carre(55.2, -21.4, 0.6)] };

  const boite = (d: string) => {
    const pts = lireChemin(d).flat();
    return { x0: Math.min(...pts.map((p) => p[0])), x1: Math.max(...pts.map((p) => p[0])), y0: Math.min(...pts.map((p) => p[1])), y1: Math.max(...pts.map((p) => p[1])) };
  };

  it("étant donné la carte nationale, quand les encarts sont demandés, alors « 971 » est dessiné dans son encart, nommé", () => {
    const carte = dessinerCarte({ zones: [reunion, ...metropole, guadeloupe], encartsOutreMer: true });
    expect(carte.encarts.map((e) => e.libelle)).toEqual(["Guadeloupe", "La Réunion"]);
    const encart = carte.encarts[0];
    const b = boite(carte.zones.find((z) => z.code === "971")?.d ?? "");
    expect(encart).toBeDefined();
    if (!encart) return;
    expect(b.x0).toBeGreaterThanOrEqual(encart.x);
    expect(b.x1).toBeLessThanOrEqual(encart.x + encart.largeur);
    expect(b.y0).toBeGreaterThanOrEqual(encart.y);
    expect(b.y1).toBeLessThanOrEqual(encart.y + encart.hauteur);
    // The inset column is on the left; metropolitan France is drawn to its right.
    const finistere = boite(carte.zones.find((z) => z.code === "29")?.d ?? "");
    expect(finistere.x0).toBeGreaterThan(encart.x + encart.largeur);
  });

  it("alors l'étendue de la métropole est calculée sans l'outre-mer : elle occupe toute la hauteur", () => {
    const carte = dessinerCarte({ zones: [...metropole, guadeloupe, reunion], encartsOutreMer: true });
    const toutes = metropole.map((z) => boite(carte.zones.find((y) => y.code === z.code)?.d ?? ""));
    expect(Math.min(...toutes.map((b) => b.y0))).toBeLessThanOrEqual(MARGE_PX + 1);
    expect(Math.max(...toutes.map((b) => b.y1))).toBeGreaterThanOrEqual(carte.hauteur - MARGE_PX - 1);
    expect(Math.max(...toutes.map((b) => b.x1))).toBeCloseTo(600 - MARGE_PX, 0);
  });

  it("quand les encarts sont en bas, alors ils sont sous la métropole", () => {
    const carte = dessinerCarte({ zones: [...metropole, guadeloupe, reunion], encartsOutreMer: true, positionEncarts: "bas" });
    const metro = boite(carte.zones.find((z) => z.code === "2A")?.d ?? "");
    for (const e of carte.encarts) expect(e.y).toBeGreaterThan(metro.y1);
    expect(carte.encarts[1]?.x).toBeGreaterThan((carte.encarts[0]?.x ?? 0) + (carte.encarts[0]?.largeur ?? 0));
  });

  it("sans encarts, alors il n'y en a aucun et tout est dans le même cadre", () => {
    const carte = dessinerCarte({ zones: [...metropole, guadeloupe] });
    expect(carte.encarts).toEqual([]);
    expect(boite(carte.zones.find((z) => z.code === "971")?.d ?? "").x0).toBeCloseTo(MARGE_PX, 0);
  });

  it("quand un lieu est en Guadeloupe, alors il est placé dans l'encart de la Guadeloupe", () => {
    const carte = dessinerCarte({ zones: [...metropole, guadeloupe], points: [{ id: "g", longitude: -61.5, latitude: 16.2 }], encartsOutreMer: true });
    const encart = carte.encarts[0];
    const point = carte.points[0];
    expect(point?.id).toBe("g");
    if (!encart || !point) throw new Error("encart ou point absent");
    expect(point.x).toBeGreaterThan(encart.x);
    expect(point.x).toBeLessThan(encart.x + encart.largeur);
    expect(point.y).toBeGreaterThan(encart.y);
    expect(point.y).toBeLessThan(encart.y + encart.hauteur);
  });
});

describe("lieux", () => {
  it("étant donné un lieu au centre d'un carré, alors il tombe au pixel du centre", () => {
    const carte = dessinerCarte({ zones: [{ code: "A", anneaux: [carre(0, 0, 1)] }], points: [{ id: "c", longitude: 0.5, latitude: 0.5 }, { id: "coin", longitude: 0.25, latitude: 0.75 }], largeur: 108 });
    expect(carte.points).toEqual([
      { id: "c", x: 54, y: 54 },
      { id: "coin", x: 29, y: 29 },
    ]);
  });

  it("quand un lieu est hors du cadre ou sans coordonnées valables, alors il est laissé de côté", () => {
    const carte = dessinerCarte({
      zones: [{ code: "A", anneaux: [carre(0, 0, 1)] }],
      points: [
        { id: "dehors", longitude: 3, latitude: 0.5 },
        { id: "nan", longitude: Number.NaN, latitude: 0.5 },
        { id: "dedans", longitude: 0.1, latitude: 0.9 },
      ],
      largeur: 108,
    });
    expect(carte.points.map((p) => p.id)).toEqual(["dedans"]);
  });
});
