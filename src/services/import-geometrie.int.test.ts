import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Connexion } from "@/db/client";
import { anciennesCommunes, communes, departements, geometries, jeuxDeDonnees } from "@/db/schema";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { importerGeometrie, NATURES_GEOMETRIE } from "./import-geometrie";
import { rapportDImport } from "./import-ifn";

/*
 * The shapes import on the real files of ../shared/data/geo (EFNE_DONNEES_REELLES to point
 * elsewhere), and on small files of our own for the cases the real ones do not show.
 */

const base = utiliserBaseDeTest();
/** In CI the real files must be there: a missing file fails instead of skipping. */
const EXIGER = process.env.CI === "true";
const maintenant = new Date("2026-11-29T09:00:00Z");
const DOSSIER = resolve(process.env.EFNE_DONNEES_REELLES ?? join(process.cwd(), "../shared/data"));
const DEPARTEMENTS = join(DOSSIER, "geo/departements.topo.json");
const EPCI = join(DOSSIER, "geo/epci-2026.topo.json");
const COMMUNES = join(DOSSIER, "geo/communes");

const temporaire = mkdtempSync(join(tmpdir(), "efne-geometrie-"));
afterAll(() => rmSync(temporaire, { recursive: true, force: true }));
let compteur = 0;
/** Writes files of our own (a name → content map gives a folder). */
function ecrire(contenu: string | Record<string, string>, nom = "essai.json"): string {
  compteur += 1;
  if (typeof contenu === "string") {
    const chemin = join(temporaire, `${compteur}-${nom}`);
    writeFileSync(chemin, contenu);
    return chemin;
  }
  const dossier = join(temporaire, `dossier-${compteur}`);
  mkdirSync(dossier);
  for (const [n, c] of Object.entries(contenu)) writeFileSync(join(dossier, n), c);
  return dossier;
}

async function actifs(connexion: Connexion, nature: string) {
  return connexion.db.select().from(jeuxDeDonnees).where(and(eq(jeuxDeDonnees.nature, nature), eq(jeuxDeDonnees.etat, "actif")));
}
async function lignesDuJeu(connexion: Connexion, jeu: string | null) {
  return connexion.db.select().from(geometries).where(eq(geometries.jeuDeDonneesId, jeu as string));
}

function carre(x: number, y: number, cote = 0.1): number[][][] {
  return [[[x, y], [x + cote, y], [x + cote, y + cote], [x, y + cote], [x, y]]];
}
function feature(proprietes: Record<string, unknown>, geometry: unknown) {
  return { type: "Feature", properties: proprietes, geometry };
}
const collection = (features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });

/** Every ring closed, of 4 points at least, in degrees and inside the row's box. */
function verifierLigne(l: { code: string; anneaux: Array<Array<[number, number]>>; boite: number[] }) {
  const [ouest, sud, est, nord] = l.boite as [number, number, number, number];
  expect(ouest, l.code).toBeLessThan(est);
  expect(sud, l.code).toBeLessThan(nord);
  expect(l.anneaux.length, l.code).toBeGreaterThan(0);
  for (const a of l.anneaux) {
    expect(a.length, l.code).toBeGreaterThanOrEqual(4);
    expect(a[0], l.code).toEqual(a[a.length - 1]);
    for (const [lon, lat] of a) {
      if (!(lon >= ouest && lon <= est && lat >= sud && lat <= nord)) throw new Error(`${l.code} : point ${lon},${lat} hors de sa boîte ${l.boite.join(",")}`);
      expect(Math.round(lon * 1e5) / 1e5).toBe(lon);
    }
  }
}

describe("import des contours", () => {
  it.runIf(existsSync(DEPARTEMENTS) || EXIGER)("le fichier réel des départements : 101 contours aux boîtes plausibles ; réimporter ne change rien", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const messages: string[] = [];
      const r = await importerGeometrie({ connexion, chemin: DEPARTEMENTS, maintenant, progression: (m) => messages.push(m) });
      if (!r.ok) throw new Error(`${r.erreur} ${JSON.stringify(r.details)}`);
      const b = r.valeur;
      expect(b).toMatchObject({ inchange: false, lignesLues: 101, acceptees: 101, rejetees: 0, enregistrees: 101, sansDonnees: 0 });
      const lignes = await lignesDuJeu(connexion, b.jeu);
      expect(lignes).toHaveLength(101);
      const parCode = new Map(lignes.map((l) => [l.code, l]));
      for (const l of lignes) {
        expect(l.niveau).toBe("departements");
        verifierLigne(l);
      }
      const nievre = parCode.get("58");
      expect(nievre?.nom).toBe("Nièvre");
      const [o, s, e, n] = nievre?.boite ?? [];
      expect([o! > 2.8, s! > 46.6, e! < 4.3, n! < 47.6, e! - o! > 1, n! - s! > 0.7]).toEqual([true, true, true, true, true, true]);
      // Metropolitan départements inside mainland France and Corsica; overseas ones far away.
      const metropole = lignes.filter((l) => !l.code.startsWith("97"));
      for (const l of metropole) expect(l.boite[0]! >= -5.3 && l.boite[2]! <= 9.6 && l.boite[1]! >= 41.3 && l.boite[3]! <= 51.1, l.code).toBe(true);
      expect(parCode.get("2A")?.boite[0]).toBeGreaterThan(8.5);
      expect(parCode.get("971")?.boite[2]).toBeLessThan(-60.9);
      expect(parCode.get("974")?.boite[1]).toBeLessThan(-20.8);
      // Islets reduced to a point by the file's simplification: left out, each reported.
      const rapport = await rapportDImport(connexion.db, b.jeu as string);
      expect(rapport.every((l) => l.nature === "correction" && l.raison.includes("moins de 4 points"))).toBe(true);
      expect(new Set(rapport.map((l) => l.ligne)).size).toBe(b.corrigees);
      expect(messages.at(-1)).toContain("101 territoires avec un contour, 0 sans");

      const encore = await importerGeometrie({ connexion, chemin: DEPARTEMENTS, maintenant });
      expect(encore).toMatchObject({ ok: true, valeur: { inchange: true, jeu: b.jeu, lignesLues: 101 } });
      const force = await importerGeometrie({ connexion, chemin: DEPARTEMENTS, niveau: "departements", maintenant, forcer: true });
      if (!force.ok) throw new Error(force.erreur);
      expect(force.valeur.jeu).not.toBe(b.jeu);
      expect((await actifs(connexion, NATURES_GEOMETRIE.departements)).map((j) => j.id)).toEqual([force.valeur.jeu]);
      expect(await lignesDuJeu(connexion, b.jeu)).toEqual([]);
      expect(await lignesDuJeu(connexion, force.valeur.jeu)).toHaveLength(101);
    });
  });

  it.runIf(existsSync(EPCI) || EXIGER)("le fichier réel des EPCI : 1 255 contours", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const r = await importerGeometrie({ connexion, chemin: EPCI, maintenant });
      if (!r.ok) throw new Error(`${r.erreur} ${JSON.stringify(r.details)}`);
      const rapport = await rapportDImport(connexion.db, r.valeur.jeu as string);
      // Anything rejected would be listed here with its reason.
      expect(rapport.filter((l) => l.nature === "rejet").map((l) => `${l.valeur} ${l.raison}`)).toEqual([]);
      expect(r.valeur).toMatchObject({ lignesLues: 1255, acceptees: 1255, enregistrees: 1255, sansDonnees: 0 });
      const lignes = await lignesDuJeu(connexion, r.valeur.jeu);
      for (const l of lignes) verifierLigne(l);
      const reims = lignes.find((l) => l.code === "200067213");
      expect(reims?.nom).toBe("CU du Grand Reims");
      const [o, s, e, n] = reims?.boite ?? [];
      expect(o! < 4.03 && e! > 4.03 && s! < 49.26 && n! > 49.26).toBe(true);
      expect((await actifs(connexion, NATURES_GEOMETRIE.epci)).map((j) => j.fichier)).toEqual(["epci-2026.topo.json"]);
    });
  });

  it.runIf(existsSync(COMMUNES) || EXIGER)("le dossier réel des communes : un contour par commune actuelle, les communes fusionnées dissoutes", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const fichiers = readdirSync(COMMUNES).filter((n) => n.endsWith(".json"));
      const formesDuDossier = fichiers.reduce((n, f) => n + (JSON.parse(readFileSync(join(COMMUNES, f), "utf8")) as { objects: { communes: { geometries: unknown[] } } }).objects.communes.geometries.length, 0);
      const debut = performance.now();
      const r = await importerGeometrie({ connexion, chemin: COMMUNES, maintenant });
      const duree = performance.now() - debut;
      console.info(`Contours des communes (${fichiers.length} fichiers, ${formesDuDossier} formes) importés en ${(duree / 1000).toFixed(1)} s (${connexion.type}).`);
      if (!r.ok) throw new Error(`${r.erreur} ${JSON.stringify(r.details)}`);
      const b = r.valeur;
      expect(b.lignesLues).toBe(formesDuDossier);
      expect(b.acceptees + b.rejetees).toBe(b.lignesLues);

      // Every current commune outside the collectivités d'outre-mer: a shape, or counted without one.
      const actuelles = await connexion.db
        .select({ code: communes.code })
        .from(communes)
        .innerJoin(departements, eq(departements.code, communes.codeDepartement))
        .where(and(eq(communes.type, "commune-actuelle"), eq(departements.collectiviteOutreMer, false)));
      expect(b.enregistrees + b.sansDonnees).toBe(actuelles.length);
      expect(b.enregistrees).toBeGreaterThan(actuelles.length - 50);
      const lignes = await lignesDuJeu(connexion, b.jeu);
      expect(lignes).toHaveLength(b.enregistrees);
      const codesActuels = new Set(actuelles.map((c) => c.code));
      expect(lignes.every((l) => codesActuels.has(l.code))).toBe(true);

      // Rejected: only shapes the file's simplification reduced to a line, each with its reason.
      const rapport = await rapportDImport(connexion.db, b.jeu as string);
      const rejets = rapport.filter((l) => l.nature === "rejet");
      expect(new Set(rejets.map((l) => l.ligne)).size).toBe(b.rejetees);
      expect(b.rejetees).toBeLessThan(50);
      expect(rejets.every((l) => l.raison.startsWith("Aucun anneau d'au moins 4 points"))).toBe(true);
      expect(Math.max(...rapport.map((l) => l.ligne))).toBeLessThanOrEqual(b.lignesLues);

      // Communes merged since 2018: their shapes dissolved, the interior borders gone.
      const fusions = rapport.filter((l) => l.raison.includes("formes réunies en une"));
      expect(fusions.length).toBeGreaterThan(100);
      const parCode = new Map(lignes.map((l) => [l.code, l]));
      const moinsDAnneaux = fusions.filter((f) => {
        const sources = Number(/^(\d+) formes/.exec(f.raison)?.[1]);
        return (parCode.get(f.valeur as string)?.anneaux.length ?? Infinity) < sources;
      });
      expect(moinsDAnneaux.length).toBeGreaterThan(0.9 * fusions.length);
      expect(fusions.every((f) => f.raison.endsWith("frontières intérieures effacées."))).toBe(true);
      // Deux-Grosnes (69135): seven communes of 2018, one shape without its six interior borders.
      const deuxGrosnes = parCode.get("69135");
      expect(deuxGrosnes?.nom).toBe("Deux-Grosnes");
      expect(deuxGrosnes?.anneaux).toHaveLength(1);
      expect(fusions.find((f) => f.valeur === "69135")?.raison).toMatch(/^7 formes réunies/);
      for (const l of lignes.slice(0, 3000)) verifierLigne(l);
      const nevers = parCode.get("58194");
      expect(nevers?.boite[0]).toBeGreaterThan(3.1);
      expect(nevers?.boite[2]).toBeLessThan(3.25);
      expect(duree).toBeLessThan(60_000);

      const debutEncore = performance.now();
      const encore = await importerGeometrie({ connexion, chemin: COMMUNES, maintenant });
      expect(encore).toMatchObject({ ok: true, valeur: { inchange: true, jeu: b.jeu, lignesLues: formesDuDossier } });
      console.info(`Même dossier réimporté : rien ne change, en ${((performance.now() - debutEncore) / 1000).toFixed(1)} s.`);
    });
  }, 120_000);

  it("un GeoJSON de nos soins : formes d'un même code réunies, code inconnu, point, arrondissement et ancienne commune rapportés ; niveau déduit", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const [ancienne] = await connexion.db.select({ code: anciennesCommunes.code, commune: anciennesCommunes.codeCommune }).from(anciennesCommunes).limit(1);
      if (!ancienne) throw new Error("aucune ancienne commune dans le référentiel");
      const chemin = ecrire(
        collection([
          feature({ INSEE_COM: "58194", NOM: "Nevers (nom du fichier)" }, { type: "Polygon", coordinates: carre(3.1, 46.98) }),
          feature({ INSEE_COM: "58194" }, { type: "MultiPolygon", coordinates: [carre(3.2, 46.98)] }),
          feature({ INSEE_COM: "99999" }, { type: "Polygon", coordinates: carre(3, 46) }),
          feature({ INSEE_COM: "58001" }, { type: "Point", coordinates: [3, 47] }),
          feature({ INSEE_COM: "75101" }, { type: "Polygon", coordinates: carre(2.33, 48.86, 0.01) }),
          feature({ INSEE_COM: ancienne.code }, { type: "Polygon", coordinates: carre(1, 45) }),
          feature({ INSEE_COM: 1001 }, { type: "Polygon", coordinates: [[[700000, 6600000], [700100, 6600000], [700100, 6600100], [700000, 6600000]]] }),
        ]),
        "communes.geojson.json",
      );
      const r = await importerGeometrie({ connexion, chemin, maintenant });
      if (!r.ok) throw new Error(`${r.erreur} ${JSON.stringify(r.details)}`);
      expect(r.valeur).toMatchObject({ lignesLues: 7, acceptees: 4, rejetees: 3, enregistrees: 3 });
      const lignes = await lignesDuJeu(connexion, r.valeur.jeu);
      expect(lignes.map((l) => [l.code, l.niveau, l.anneaux.length]).sort()).toEqual([
        ["58194", "communes", 2],
        ["75056", "communes", 1],
        [ancienne.commune, "communes", 1],
      ].sort());
      const nevers = lignes.find((l) => l.code === "58194");
      expect(nevers).toMatchObject({ nom: "Nevers", boite: [3.1, 46.98, 3.3, 47.08] });
      const rapport = (await rapportDImport(connexion.db, r.valeur.jeu as string)).map((l) => `${l.nature}:${l.ligne}:${l.raison}`);
      expect(rapport).toEqual([
        "correction:1:2 formes réunies en une pour ce code (lignes 1, 2) : contours juxtaposés.",
        "rejet:3:Code inconnu du référentiel COG 2026 : ni commune actuelle, ni arrondissement municipal, ni ancienne commune connue.",
        "rejet:4:Géométrie de type Point ignorée : seuls les polygones (Polygon, MultiPolygon) dessinent un contour.",
        "correction:5:Arrondissement municipal : contour réuni à celui de Paris (75056).",
        expect.stringMatching(/^correction:6:Ancienne commune : contour réuni à celui de .+ \(\d{5}\)\.$/) as unknown as string,
        "rejet:7:Longitude 700000 hors de [-180, 180] : des degrés WGS 84 sont attendus, pas des mètres (Lambert 93, Web Mercator).",
      ]);
      expect((await actifs(connexion, NATURES_GEOMETRIE.communes)).map((j) => [j.lignesAcceptees, j.lignesCorrigees, j.lignesRejetees])).toEqual([[4, 3, 3]]);
    });
  });

  it("un dossier : fichiers lus par ordre de nom, lignes numérotées de bout en bout, un territoire présent dans deux fichiers juxtaposé", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const topo = (code: string, x: number) =>
        JSON.stringify({ type: "Topology", objects: { communes: { type: "GeometryCollection", geometries: [{ type: "Polygon", arcs: [[0]], properties: { code } }] } }, arcs: [carre(x, 47)[0]] });
      const dossier = ecrire({
        "58.topo.json": collection([feature({ code: "58194" }, { type: "Polygon", coordinates: carre(3.1, 46.98) }), feature({ code: "58086" }, { type: "Polygon", coordinates: carre(3.5, 47) })]),
        "18.topo.json": topo("18033", 2.4),
        "lisez-moi.txt": "pas un contour",
        "89.topo.json": topo("58194", 3.3),
      });
      const r = await importerGeometrie({ connexion, chemin: dossier, maintenant });
      if (!r.ok) throw new Error(`${r.erreur} ${JSON.stringify(r.details)}`);
      expect(r.valeur).toMatchObject({ lignesLues: 4, rejetees: 0, enregistrees: 3 });
      expect(r.valeur.fichier).toMatch(/\/ \(3 fichiers\)$/);
      const rapport = (await rapportDImport(connexion.db, r.valeur.jeu as string)).map((l) => `${l.ligne}:${l.valeur}:${l.raison}`);
      // 18 first (line 1), then 58 (lines 2 and 3), then 89 (line 4).
      expect(rapport).toEqual(["4:58194:Territoire déjà présent dans 58.topo.json (ligne 2) : contours des fichiers juxtaposés."]);
      const nevers = (await lignesDuJeu(connexion, r.valeur.jeu)).find((l) => l.code === "58194");
      expect(nevers?.anneaux).toHaveLength(2);
      expect(nevers?.boite).toEqual([3.1, 46.98, 3.4, 47.1]);
      // The same folder again: nothing changes; a file changed: a new set.
      expect(await importerGeometrie({ connexion, chemin: dossier, maintenant })).toMatchObject({ ok: true, valeur: { inchange: true } });
      writeFileSync(join(dossier, "18.topo.json"), topo("18033", 2.5));
      expect(await importerGeometrie({ connexion, chemin: dossier, maintenant })).toMatchObject({ ok: true, valeur: { inchange: false } });
    });
  });

  it("refuse un fichier hostile avec une explication en français, sans rien changer aux contours en service", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const bon = ecrire(collection([feature({ code: "58" }, { type: "Polygon", coordinates: carre(3, 47) })]));
      const premier = await importerGeometrie({ connexion, chemin: bon, maintenant });
      expect(premier).toMatchObject({ ok: true, valeur: { enregistrees: 1 } });
      const polygone = { type: "Polygon", coordinates: carre(3, 47) };
      const cas: Array<{ chemin: string; niveau?: "departements"; erreur: string; detail: RegExp }> = [
        { chemin: ecrire("nom;code\nNevers;58194\n", "lieux.json"), erreur: "enteteInvalide", detail: /pas du JSON valide/ },
        { chemin: ecrire('{"type": "Topology", "objects": {"deps": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[0]]}]}}}'), erreur: "enteteInvalide", detail: /sans liste « arcs »/ },
        { chemin: ecrire('[{"code": "58"}]'), erreur: "enteteInvalide", detail: /TopoJSON/ },
        { chemin: ecrire('{"type": "FeatureCollection", "features": "aucune"}'), erreur: "enteteInvalide", detail: /sans liste « features »/ },
        { chemin: ecrire(""), erreur: "fichierVide", detail: /vide/ },
        { chemin: ecrire('{"type": "Feature"}'), erreur: "niveauInconnu", detail: /Précisez --niveau/ },
        { chemin: ecrire(collection([feature({ code: "abc" }, polygone)])), erreur: "niveauInconnu", detail: /« abc »/ },
        { chemin: ecrire(collection([feature({ code: "58194" }, polygone)])), niveau: "departements", erreur: "niveauInconnu", detail: /ceux des communes, pas des départements/ },
        { chemin: ecrire(collection([feature({ code: "99" }, polygone)])), niveau: "departements", erreur: "fichierVide", detail: /Aucune forme utilisable .* Code inconnu du référentiel COG 2026/ },
        { chemin: join(temporaire, "absent.json"), erreur: "fichierIntrouvable", detail: /introuvable/ },
        { chemin: ecrire({ "a.json": collection([feature({ code: "58" }, polygone)]), "b.json": "{ tronqué" }), erreur: "enteteInvalide", detail: /^b\.json : .*pas du JSON valide/ },
        { chemin: ecrire({ "a.json": collection([feature({ code: "58" }, polygone)]), "b.json": collection([feature({ code: "58194" }, polygone)]) }), erreur: "niveauInconnu", detail: /^b\.json : .*un dossier ne mêle pas les niveaux/ },
        { chemin: ecrire({ "notes.txt": "rien" }), erreur: "fichierVide", detail: /Aucun fichier \.json/ },
      ];
      for (const c of cas) {
        const r = await importerGeometrie({ connexion, chemin: c.chemin, niveau: c.niveau, maintenant });
        expect(r, c.chemin).toMatchObject({ ok: false, erreur: c.erreur });
        expect(String(!r.ok && r.details?.detail), c.chemin).toMatch(c.detail);
      }
      expect((await actifs(connexion, NATURES_GEOMETRIE.departements)).map((j) => j.id)).toEqual([premier.ok && premier.valeur.jeu]);
      expect(await actifs(connexion, NATURES_GEOMETRIE.communes)).toEqual([]);
    });
  });

  it("lit un fichier donné par son adresse http", async () => {
    const contenu = collection([feature({ code: "2A", nom: "Corse-du-Sud" }, { type: "Polygon", coordinates: carre(8.7, 41.9) })]);
    const serveur = createServer((req, res) => {
      if (req.url === "/contours/deps.geojson") res.writeHead(200, { "content-type": "application/geo+json" }).end(contenu);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => serveur.listen(0, "127.0.0.1", ok));
    const adresse = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
    try {
      await dansUneTransaction(base.connexion(), async (connexion) => {
        const r = await importerGeometrie({ connexion, chemin: `${adresse}/contours/deps.geojson`, maintenant });
        expect(r).toMatchObject({ ok: true, valeur: { fichier: "deps.geojson", enregistrees: 1 } });
        expect(await importerGeometrie({ connexion, chemin: `${adresse}/absent.json`, maintenant })).toMatchObject({ ok: false, erreur: "telechargementImpossible" });
      });
    } finally {
      await new Promise((ok) => serveur.close(ok));
    }
  });
});
