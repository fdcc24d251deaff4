import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assemblerFormes,
  codeEtNom,
  detecterNiveau,
  dissoudreArcs,
  lireDocumentGeometrie,
  lireGeometrieJson,
  normaliserAnneaux,
  normaliserCode,
  type Anneau,
  type DocumentGeometrie,
  type NiveauGeometrie,
  type Resolution,
} from "./geometrie";

/*
 * Small topologies built here: a grid of unit squares whose edges are the arcs (each edge one arc,
 * shared by the two squares on either side), quantized and delta-encoded like a real TopoJSON.
 */

interface Carre {
  i: number;
  j: number;
  proprietes: Record<string, unknown>;
}

function grille(carres: Carre[], options: { taille?: number; echelle?: number; origine?: [number, number] } = {}) {
  const n = options.taille ?? 4;
  const arcs: number[][][] = [];
  const horizontal = new Map<string, number>();
  const vertical = new Map<string, number>();
  // Quantized positions: the first absolute, the next as differences.
  for (let j = 0; j <= n; j += 1) for (let i = 0; i < n; i += 1) horizontal.set(`${i},${j}`, arcs.push([[i, j], [1, 0]]) - 1);
  for (let i = 0; i <= n; i += 1) for (let j = 0; j < n; j += 1) vertical.set(`${i},${j}`, arcs.push([[i, j], [0, 1]]) - 1);
  const h = (i: number, j: number) => horizontal.get(`${i},${j}`) as number;
  const v = (i: number, j: number) => vertical.get(`${i},${j}`) as number;
  return {
    type: "Topology",
    transform: { scale: [options.echelle ?? 0.5, options.echelle ?? 0.5], translate: options.origine ?? [3, 46] },
    objects: {
      communes: {
        type: "GeometryCollection",
        geometries: carres.map((c) => ({ type: "Polygon", arcs: [[h(c.i, c.j), v(c.i + 1, c.j), ~h(c.i, c.j + 1), ~v(c.i, c.j)]], properties: c.proprietes })),
      },
    },
    arcs,
  };
}

/** Even-odd rule: whether the point is inside the rings. */
function dedans(anneaux: Anneau[], [x, y]: [number, number]): boolean {
  let croisements = 0;
  for (const a of anneaux) {
    for (let k = 0; k + 1 < a.length; k += 1) {
      const [x1, y1] = a[k] as [number, number];
      const [x2, y2] = a[k + 1] as [number, number];
      if (y1 > y !== y2 > y && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) croisements += 1;
    }
  }
  return croisements % 2 === 1;
}

const tous: (code: string) => Resolution = (code) => ({ code, nom: null, via: null });

function lire(json: unknown, niveau?: NiveauGeometrie): DocumentGeometrie {
  const lu = lireGeometrieJson(json, { niveau });
  if (!lu.ok) throw new Error(lu.raison);
  return lu.document;
}

function estFrancais(raison: string) {
  expect(raison.length).toBeGreaterThan(10);
  expect(raison).toMatch(/[a-zéèàç]{3,}/);
  expect(raison).not.toMatch(/undefined|\[object|TypeError|Cannot read/);
}

describe("lecture d'un TopoJSON", () => {
  it("décode les arcs quantifiés (différences, transform) et inversés (~i)", () => {
    const doc = lire(grille([{ i: 1, j: 2, proprietes: { code: "58194", nom: "Nevers" } }]));
    const { formes, problemes } = assemblerFormes(doc, { niveau: "communes", resoudre: tous });
    expect(problemes).toEqual([]);
    // Square (1,2)-(2,3) at scale 0.5 from (3, 46).
    expect(formes).toEqual([{ code: "58194", nom: "Nevers", lignes: [1], boite: [3.5, 47, 4, 47.5], anneaux: [[[3.5, 47], [4, 47], [4, 47.5], [3.5, 47.5], [3.5, 47]]] }]);
  });

  it("lit des arcs non quantifiés, un MultiPolygon et une GeometryCollection", () => {
    const topo = {
      type: "Topology",
      objects: {
        deps: {
          type: "GeometryCollection",
          geometries: [
            { type: "MultiPolygon", arcs: [[[0]], [[1]]], properties: { DDEP_C_COD: "2A", NOM: "Corse-du-Sud" } },
            { type: "GeometryCollection", geometries: [{ type: "Polygon", arcs: [[~1]] }, { type: "Point", coordinates: [0, 0] }], properties: { code: "58" } },
          ],
        },
      },
      arcs: [
        [[8.5, 41.5], [9, 41.5], [9, 42], [8.5, 41.5]],
        [[3, 47], [4, 47], [4, 46.5], [3, 47]],
      ],
    };
    const doc = lire(topo);
    expect(doc.objet).toBe("deps");
    const { formes } = assemblerFormes(doc, { niveau: "departements", resoudre: tous });
    expect(formes.map((f) => [f.code, f.nom, f.anneaux.length])).toEqual([
      ["2A", "Corse-du-Sud", 2],
      ["58", null, 1],
    ]);
    expect(formes[1]?.anneaux[0]).toEqual([[3, 47], [4, 46.5], [4, 47], [3, 47]]);
    expect(formes[0]?.boite).toEqual([3, 41.5, 9, 47]);
  });

  it("choisit l'objet : le seul, ou celui du niveau ; refuse un choix ambigu", () => {
    const objet = { type: "GeometryCollection", geometries: [] };
    const topo = (objects: Record<string, unknown>) => ({ type: "Topology", objects, arcs: [] });
    expect(lireGeometrieJson(topo({ a: { ...objet, geometries: [{ type: null }] } }))).toMatchObject({ ok: true, document: { objet: "a" } });
    expect(lireGeometrieJson(topo({ autre: objet, epci: { ...objet, geometries: [{ type: null }] } }))).toMatchObject({ ok: true, document: { objet: "epci" } });
    expect(lireGeometrieJson(topo({ deps: objet, communes: { ...objet, geometries: [{ type: null }] } }), { niveau: "communes" })).toMatchObject({ ok: true, document: { objet: "communes" } });
    const ambigu = lireGeometrieJson(topo({ deps: objet, communes: objet }));
    expect(ambigu).toMatchObject({ ok: false, erreur: "enteteInvalide" });
    expect(!ambigu.ok && ambigu.raison).toBe("Plusieurs objets de niveaux différents dans ce TopoJSON (deps, communes) : précisez le niveau (--niveau departements, epci ou communes).");
    const inconnus = lireGeometrieJson(topo({ x: objet, y: objet }));
    expect(inconnus).toMatchObject({ ok: false, erreur: "enteteInvalide" });
    expect(!inconnus.ok && inconnus.raison).toMatch(/^Plusieurs objets dans ce TopoJSON \(x, y\) et aucun ne s'appelle departements, deps/);
    expect(lireGeometrieJson(topo({ deps: objet }))).toMatchObject({ ok: false, erreur: "fichierVide" });
  });
});

describe("fusion des formes d'un même code", () => {
  it("efface les frontières intérieures : 4 carrés en 2×2 donnent un seul anneau, le contour extérieur", () => {
    const carres = [0, 1].flatMap((i) => [0, 1].map((j) => ({ i, j, proprietes: { code: "49092", code2018: `4900${i}${j}` } })));
    const { formes, problemes } = assemblerFormes(lire(grille(carres, { echelle: 1, origine: [0, 0] })), { niveau: "communes", resoudre: tous });
    expect(formes).toHaveLength(1);
    const [forme] = formes;
    expect(forme?.anneaux).toHaveLength(1);
    // The 8 boundary vertices and the closing point; the centre (1,1) is gone.
    expect(forme?.anneaux[0]).toHaveLength(9);
    expect(forme?.anneaux[0]?.some(([x, y]) => x === 1 && y === 1)).toBe(false);
    expect(forme?.lignes).toEqual([1, 2, 3, 4]);
    expect(problemes).toEqual([{ nature: "correction", ligne: 1, champ: "code", valeur: "49092", raison: "4 formes réunies en une pour ce code (lignes 1, 2, 3, 4) : frontières intérieures effacées." }]);
  });

  it("garde un trou : une couronne de 8 carrés autour d'un vide donne deux anneaux, vide au centre (règle pair-impair)", () => {
    const carres = [0, 1, 2].flatMap((i) => [0, 1, 2].filter((j) => !(i === 1 && j === 1)).map((j) => ({ i, j, proprietes: { code: "01185" } })));
    const { formes } = assemblerFormes(lire(grille(carres, { echelle: 1, origine: [0, 0] })), { niveau: "communes", resoudre: tous });
    expect(formes[0]?.anneaux).toHaveLength(2);
    expect(dedans(formes[0]?.anneaux ?? [], [1.5, 1.5])).toBe(false);
    expect(dedans(formes[0]?.anneaux ?? [], [0.5, 0.5])).toBe(true);
  });

  it("pour tout ensemble de carrés d'une grille, la fusion couvre exactement ces carrés et ne garde aucune arête intérieure", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.nat({ max: 4 }), fc.nat({ max: 4 })), { minLength: 1, maxLength: 25, selector: ([i, j]) => `${i},${j}` }), (cellules) => {
        const pris = new Set(cellules.map(([i, j]) => `${i},${j}`));
        const doc = lire(grille(cellules.map(([i, j]) => ({ i, j, proprietes: { code: "58194" } })), { taille: 5, echelle: 1, origine: [0, 0] }));
        const { formes } = assemblerFormes(doc, { niveau: "communes", resoudre: tous });
        expect(formes).toHaveLength(1);
        const anneaux = formes[0]?.anneaux ?? [];
        for (let i = 0; i < 5; i += 1) for (let j = 0; j < 5; j += 1) expect(dedans(anneaux, [i + 0.5, j + 0.5])).toBe(pris.has(`${i},${j}`));
        // Boundary edges only: each side of a taken cell facing a cell not taken.
        let bord = 0;
        for (const [i, j] of cellules) for (const [di, dj] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) if (!pris.has(`${i + di},${j + dj}`)) bord += 1;
        expect(anneaux.reduce((n, a) => n + a.length - 1, 0)).toBe(bord);
        for (const a of anneaux) expect(a[0]).toEqual(a[a.length - 1]);
      }),
      { numRuns: 200 },
    );
  });

  it("des arcs qui ne se raccordent pas : null, et l'assemblage garde les anneaux tels quels en le signalant", () => {
    const arcs: Anneau[] = [
      [[0, 0], [1, 0], [1, 1]],
      [[5, 5], [6, 5]],
    ];
    expect(dissoudreArcs(arcs, [[[0, 1]]])).toBeNull();
    const topo = {
      type: "Topology",
      objects: { communes: { type: "GeometryCollection", geometries: [{ type: "Polygon", arcs: [[0, 1, 0]], properties: { code: "58194" } }] } },
      arcs: [
        [[0, 0], [1, 0], [1, 1]],
        [[1, 1], [0, 1], [0, 0]],
      ],
    };
    const { formes, problemes } = assemblerFormes(lire(topo), { niveau: "communes", resoudre: tous });
    expect(formes).toHaveLength(1);
    expect(problemes.map((p) => p.raison)).toContain("Contours qui ne se raccordent pas bout à bout : frontières intérieures laissées en place.");
  });

  it("en GeoJSON, juxtapose les anneaux des formes d'un même code", () => {
    const carre = (x: number) => ({ type: "Polygon", coordinates: [[[x, 45], [x + 1, 45], [x + 1, 46], [x, 46], [x, 45]]] });
    const geo = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { INSEE_COM: "58194", NOM_COM: "Nevers" }, geometry: carre(3) },
        { type: "Feature", properties: { INSEE_COM: "58194" }, geometry: { type: "MultiPolygon", coordinates: [carre(4).coordinates] } },
        { type: "Feature", properties: { INSEE_COM: "58001" }, geometry: { type: "Point", coordinates: [3, 45] } },
        { type: "Feature", properties: { INSEE_COM: "58002" }, geometry: null },
      ],
    };
    const { formes, problemes } = assemblerFormes(lire(geo), { niveau: "communes", resoudre: tous });
    expect(formes.map((f) => [f.code, f.nom, f.anneaux.length, f.boite])).toEqual([["58194", "Nevers", 2, [3, 45, 5, 46]]]);
    expect(problemes.map((p) => `${p.nature}:${p.ligne}:${p.champ}:${p.raison}`)).toEqual([
      "rejet:3:geometry:Géométrie de type Point ignorée : seuls les polygones (Polygon, MultiPolygon) dessinent un contour.",
      "rejet:4:geometry:Forme sans géométrie : rien à dessiner.",
      "correction:1:code:2 formes réunies en une pour ce code (lignes 1, 2) : contours juxtaposés.",
    ]);
  });
});

describe("codes, noms et niveau", () => {
  it("trouve le code et le nom sous leurs noms usuels, sans tenir compte de la casse", () => {
    expect(codeEtNom({ proprietes: { INSEE_COM: "58194", NOM: "Nevers" }, id: undefined })).toEqual({ code: "58194", champ: "INSEE_COM", nom: "Nevers" });
    expect(codeEtNom({ proprietes: { code2018: "01015", nom2018: "Arbignieu", code: "01015" }, id: undefined })).toEqual({ code: "01015", champ: "code", nom: "Arbignieu" });
    expect(codeEtNom({ proprietes: { SIREN: 200067213, name: "Grand Reims" }, id: undefined })).toMatchObject({ code: 200067213, champ: "SIREN" });
    expect(codeEtNom({ proprietes: { autre: "x" }, id: "2B" })).toEqual({ code: "2B", champ: "id", nom: null });
    expect(codeEtNom({ proprietes: {}, id: { x: 1 } })).toEqual({ code: null, champ: null, nom: null });
  });

  it("détecte le niveau d'après les codes", () => {
    expect(detecterNiveau(["01", "2A", "2B", "58", "971", "976"])).toBe("departements");
    expect(detecterNiveau(["200067213", "243500139"])).toBe("epci");
    expect(detecterNiveau(["58194", "2A004", 1001])).toBe("communes");
    expect(detecterNiveau(["abc", "58194"])).toBeNull();
    expect(detecterNiveau([null, undefined, ""])).toBeNull();
    expect(detecterNiveau([])).toBeNull();
  });

  it("remet un zéro initial perdu et refuse un code hors format avec sa raison", () => {
    expect(normaliserCode(1001, "communes")).toEqual({ ok: true, code: "01001", complete: true });
    expect(normaliserCode(" 2a ", "departements")).toEqual({ ok: true, code: "2A", complete: false });
    expect(normaliserCode(5, "departements")).toEqual({ ok: true, code: "05", complete: true });
    const refus = normaliserCode("5819", "epci");
    expect(refus).toMatchObject({ ok: false });
    expect(!refus.ok && refus.raison).toContain("SIREN de 9 chiffres");
    expect(normaliserCode(1.5, "communes").ok).toBe(false);
    expect(normaliserCode({}, "communes").ok).toBe(false);
  });

  it("rejette un code inconnu du référentiel et signale une ancienne commune rattachée", () => {
    const geo = {
      type: "FeatureCollection",
      features: ["58194", "99999", "58001"].map((code) => ({ type: "Feature", properties: { code }, geometry: { type: "Polygon", coordinates: [[[3, 47], [3.1, 47], [3.1, 47.1], [3, 47]]] } })),
    };
    const resoudre = (code: string): Resolution => (code === "58194" ? { code, nom: "Nevers", via: null } : code === "58001" ? { code: "58194", nom: "Nevers", via: "Ancienne commune : contour réuni à celui de Nevers (58194)." } : null);
    const { formes, problemes } = assemblerFormes(lire(geo), { niveau: "communes", resoudre, premiereLigne: 101 });
    expect(formes.map((f) => [f.code, f.lignes])).toEqual([["58194", [101, 103]]]);
    expect(problemes.filter((p) => p.nature === "rejet")).toEqual([{ nature: "rejet", ligne: 102, champ: "code", valeur: "99999", raison: "Code inconnu du référentiel COG 2026 : ni commune actuelle, ni arrondissement municipal, ni ancienne commune connue." }]);
    expect(problemes.some((p) => p.nature === "correction" && p.ligne === 103 && p.raison.startsWith("Ancienne commune"))).toBe(true);
  });
});

describe("arrondi et contrôle des anneaux", () => {
  it("arrondit à 5 décimales, ôte les points répétés, ferme l'anneau, laisse de côté ceux de moins de 4 points", () => {
    const r = normaliserAnneaux([
      [[3.123456789, 47.000001], [3.123459, 47.000004], [3.2, 47], [3.2, 47.1]],
      [[1, 1], [2, 2], [1, 1]],
      [],
    ]);
    expect(r.anneaux).toEqual([[[3.12346, 47], [3.2, 47], [3.2, 47.1], [3.12346, 47]]]);
    expect(r.boite).toEqual([3.12346, 47, 3.2, 47.1]);
    expect(r.ignores).toBe(2);
    expect(normaliserAnneaux([[[0, 0], [0.000001, 0], [0, 0.000001], [0, 0]]])).toEqual({ anneaux: [], boite: null, ignores: 1 });
  });

  it("rejette coordonnées non finies, hors limites ou en mètres, avec la raison", () => {
    const feature = (coordonnees: unknown) => ({ type: "Feature", properties: { code: "58" }, geometry: { type: "Polygon", coordinates: [coordonnees] } });
    const geo = {
      type: "FeatureCollection",
      features: [
        feature([[700000, 6600000], [700100, 6600000], [700100, 6600100], [700000, 6600000]]),
        feature([[3, 95], [4, 95], [4, 96], [3, 95]]),
        feature([[NaN, 1], [2, 2], [3, 3], [NaN, 1]]),
        feature([["3", 47], [4, 47], [4, 48], ["3", 47]]),
        feature([[3], [4, 47]]),
        feature("pas un anneau"),
      ],
    };
    const { formes, problemes } = assemblerFormes(lire(geo), { niveau: "departements", resoudre: tous });
    expect(formes).toEqual([]);
    expect(problemes.map((p) => [p.ligne, p.nature])).toEqual([1, 2, 3, 4, 5, 6].map((l) => [l, "rejet"]));
    expect(problemes[0]?.raison).toBe("Longitude 700000 hors de [-180, 180] : des degrés WGS 84 sont attendus, pas des mètres (Lambert 93, Web Mercator).");
    expect(problemes[1]?.raison).toContain("Latitude 95 hors de [-90, 90]");
    expect(problemes[2]?.raison).toContain("n'est pas un nombre fini");
    for (const p of problemes) estFrancais(p.raison);
  });

  it("un arc énorme, vide, absent ou illisible rejette les seules formes qui l'utilisent", () => {
    const topo = {
      type: "Topology",
      objects: {
        deps: {
          type: "GeometryCollection",
          geometries: [
            { type: "Polygon", arcs: [[0]], properties: { code: "58" } },
            { type: "Polygon", arcs: [[1]], properties: { code: "18" } },
            { type: "Polygon", arcs: [[2]], properties: { code: "89" } },
            { type: "Polygon", arcs: [[7]], properties: { code: "21" } },
            { type: "Polygon", arcs: [[0.5]], properties: { code: "71" } },
            { type: "Polygon", arcs: [[3]], properties: { code: "03" } },
            { type: "LineString", arcs: [3], properties: { code: "45" } },
          ],
        },
      },
      arcs: [[[3, 47], [4, 47], [4, 48], [3, 47]], [[1e308, 47], [1e308, 47]], [], [[2, 46], [3, 46], [3, 47], [2, 46]]],
    };
    const { formes, problemes } = assemblerFormes(lire(topo), { niveau: "departements", resoudre: tous });
    expect(formes.map((f) => f.code)).toEqual(["58", "03"]);
    expect(problemes.map((p) => `${p.ligne}:${p.raison}`)).toEqual([
      "2:Arc n° 1 : Longitude 1e+308 hors de [-180, 180] : des degrés WGS 84 sont attendus, pas des mètres (Lambert 93, Web Mercator).",
      "3:Arc n° 2 vide ou illisible dans la topologie.",
      "4:Arc n° 7 absent de la topologie (elle en compte 4).",
      "5:Référence d'arc qui n'est pas un nombre entier.",
      "7:Géométrie de type LineString ignorée : seuls les polygones (Polygon, MultiPolygon) dessinent un contour.",
    ]);
  });

  it("refuse un « transform » illisible, et des coordonnées quantifiées qui débordent deviennent des rejets", () => {
    const base = { type: "Topology", objects: { deps: { type: "Polygon", arcs: [[0]], properties: { code: "58" } } }, arcs: [[[0, 0], [1, 0], [0, 1], [-1, -1]]] };
    expect(lireGeometrieJson({ ...base, transform: { scale: [1, "x"], translate: [0, 0] } })).toMatchObject({ ok: false, erreur: "enteteInvalide" });
    expect(lireGeometrieJson({ ...base, transform: { scale: [NaN, 1], translate: [0, 0] } })).toMatchObject({ ok: false, erreur: "enteteInvalide" });
    // 2 × 1e308 is Infinity.
    const deborde = lire({ ...base, arcs: [[[2, 0], [1, 0]]], transform: { scale: [1e308, 1e308], translate: [0, 0] } });
    expect(assemblerFormes(deborde, { niveau: "departements", resoudre: tous }).problemes[0]?.raison).toContain("n'est pas un nombre fini");
  });
});

describe("fichiers hostiles", () => {
  it("refuse ce qui n'est ni TopoJSON ni GeoJSON, avec une raison en français", () => {
    const cas: Array<[string, string]> = [
      ["", "fichierVide"],
      ["   \n", "fichierVide"],
      ["nom;code\nNevers;58194", "enteteInvalide"],
      ["{", "enteteInvalide"],
      ["[1, 2]", "enteteInvalide"],
      ['"Topology"', "enteteInvalide"],
      ['{"type": "Topology"}', "enteteInvalide"],
      ['{"type": "Topology", "objects": {"a": {"type": "GeometryCollection", "geometries": []}}, "arcs": {}}', "enteteInvalide"],
      ['{"type": "Topology", "objects": {}, "arcs": []}', "fichierVide"],
      ['{"type": "FeatureCollection"}', "enteteInvalide"],
      ['{"type": "FeatureCollection", "features": []}', "fichierVide"],
      ['{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}, "features": [{}]}', "enteteInvalide"],
      ['{"type": "Polygon", "coordinates": []}', "enteteInvalide"],
    ];
    for (const [texte, erreur] of cas) {
      const lu = lireDocumentGeometrie(texte);
      expect(lu, texte).toMatchObject({ ok: false, erreur });
      if (!lu.ok) estFrancais(lu.raison);
    }
    expect(lireDocumentGeometrie('\uFEFF{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "58"}, "geometry": null}]}').ok).toBe(true);
    // 1e999 is read as Infinity: a rejected feature, not a crash.
    const infini = lireDocumentGeometrie('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "58"}, "geometry": {"type": "Polygon", "coordinates": [[[1e999, 1], [2, 2], [3, 1], [1e999, 1]]]}}]}');
    expect(infini.ok && assemblerFormes(infini.document, { niveau: "departements", resoudre: tous }).problemes[0]?.raison).toContain("n'est pas un nombre fini");
  });

  const nombreHostile = fc.oneof(fc.double(), fc.integer({ min: -200, max: 200 }), fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -0, 180, -90));
  const position = fc.oneof({ weight: 5, arbitrary: fc.tuple(nombreHostile, nombreHostile) }, { weight: 1, arbitrary: fc.anything() });
  const valeur = fc.oneof(fc.anything(), fc.constantFrom("58194", "2A", "200067213", 58, "971", "", null));
  const proprietes = fc.oneof(fc.record({ code: valeur, nom: valeur }, { requiredKeys: [] }), fc.anything());
  const geometrieTopo = fc.record(
    {
      type: fc.constantFrom("Polygon", "MultiPolygon", "GeometryCollection", "Point", "LineString", null, 3),
      arcs: fc.oneof(fc.array(fc.array(fc.integer({ min: -8, max: 8 }), { maxLength: 4 }), { maxLength: 3 }), fc.array(fc.array(fc.array(fc.integer({ min: -8, max: 8 }), { maxLength: 4 }), { maxLength: 2 }), { maxLength: 3 }), fc.anything()),
      properties: proprietes,
      geometries: fc.anything(),
    },
    { requiredKeys: ["type"] },
  );
  const topologie = fc.record(
    {
      type: fc.constant("Topology"),
      transform: fc.oneof(fc.constant(undefined), fc.record({ scale: fc.tuple(nombreHostile, nombreHostile), translate: fc.tuple(nombreHostile, nombreHostile) }), fc.anything()),
      objects: fc.oneof(fc.record({ communes: fc.record({ type: fc.constant("GeometryCollection"), geometries: fc.array(geometrieTopo, { maxLength: 6 }) }) }), fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 })),
      arcs: fc.oneof(fc.array(fc.array(position, { maxLength: 6 }), { maxLength: 8 }), fc.anything()),
    },
    { requiredKeys: ["type", "objects"] },
  );
  const anneauGeo = fc.oneof(fc.array(position, { maxLength: 6 }), fc.anything());
  const geoJson = fc.record({
    type: fc.constant("FeatureCollection"),
    features: fc.oneof(
      fc.array(
        fc.record(
          {
            type: fc.constant("Feature"),
            properties: proprietes,
            id: fc.anything(),
            geometry: fc.oneof(
              fc.record({ type: fc.constant("Polygon"), coordinates: fc.array(anneauGeo, { maxLength: 3 }) }),
              fc.record({ type: fc.constant("MultiPolygon"), coordinates: fc.array(fc.array(anneauGeo, { maxLength: 2 }), { maxLength: 3 }) }),
              fc.anything(),
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 6 },
      ),
      fc.anything(),
    ),
  });

  it("quoi qu'on lui donne : jamais d'exception ; chaque forme est assemblée ou rejetée avec sa raison ; les contours gardés sont valables", () => {
    fc.assert(
      fc.property(fc.oneof(topologie, geoJson, fc.anything()), fc.constantFrom<NiveauGeometrie>("departements", "epci", "communes"), (json, niveau) => {
        const lu = lireGeometrieJson(json, { niveau });
        if (!lu.ok) {
          estFrancais(lu.raison);
          return;
        }
        const { formes, problemes } = assemblerFormes(lu.document, { niveau, resoudre: tous });
        for (const p of problemes) estFrancais(p.raison);
        const rejetees = new Set(problemes.filter((p) => p.nature === "rejet").map((p) => p.ligne));
        const gardees = new Set(formes.flatMap((f) => f.lignes));
        for (const e of lu.document.entites) expect(rejetees.has(e.position + 1) !== gardees.has(e.position + 1)).toBe(true);
        for (const f of formes) {
          expect(f.anneaux.length).toBeGreaterThan(0);
          for (const a of f.anneaux) {
            expect(a.length).toBeGreaterThanOrEqual(4);
            expect(a[0]).toEqual(a[a.length - 1]);
            for (const [lon, lat] of a) {
              expect(Number.isFinite(lon) && lon >= -180 && lon <= 180 && lon >= f.boite[0] && lon <= f.boite[2]).toBe(true);
              expect(Number.isFinite(lat) && lat >= -90 && lat <= 90 && lat >= f.boite[1] && lat <= f.boite[3]).toBe(true);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("quelque texte que ce soit : jamais d'exception", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ type: "Topology", objects: { deps: v }, arcs: [] }))), (texte) => {
        const lu = lireDocumentGeometrie(texte);
        if (!lu.ok) estFrancais(lu.raison);
        else assemblerFormes(lu.document, { niveau: "communes", resoudre: tous });
      }),
      { numRuns: 300 },
    );
  });

  it("une GeometryCollection imbriquée sans fin est refusée sans dépasser la pile", () => {
    let g: Record<string, unknown> = { type: "Polygon", arcs: [[0]] };
    for (let i = 0; i < 10_000; i += 1) g = { type: "GeometryCollection", geometries: [g] };
    const doc = lire({ type: "Topology", objects: { deps: { type: "GeometryCollection", geometries: [{ ...g, properties: { code: "58" } }] } }, arcs: [[[3, 47], [4, 47], [4, 48], [3, 47]]] });
    const { problemes } = assemblerFormes(doc, { niveau: "departements", resoudre: tous });
    expect(problemes[0]?.raison).toContain("imbriquée");
  });
});
