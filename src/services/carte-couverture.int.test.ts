import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dansUneTransaction, utiliserBaseDeTest } from "@/db/test/base-de-test";
import { dessinCommunesDuDepartement } from "./carte-couverture";
import { referentielPerimetre } from "./gouvernance";
import { importerGeometrie } from "./import-geometrie";

/*
 * The communes drawn for the coverage map, from shapes imported inside a rolled-back transaction:
 * small files of our own, and the real Nièvre of ../shared/data/geo (EFNE_DONNEES_REELLES to point
 * elsewhere) when it is there.
 */

const base = utiliserBaseDeTest();
const EXIGER = process.env.CI === "true";
const maintenant = new Date("2026-11-29T09:00:00Z");
const NIEVRE = join(resolve(process.env.EFNE_DONNEES_REELLES ?? join(process.cwd(), "../shared/data")), "geo/communes/58.topo.json");

const temporaire = mkdtempSync(join(tmpdir(), "efne-couverture-"));
afterAll(() => rmSync(temporaire, { recursive: true, force: true }));
let compteur = 0;
function ecrire(features: unknown[]): string {
  compteur += 1;
  const chemin = join(temporaire, `${compteur}-communes.geojson.json`);
  writeFileSync(chemin, JSON.stringify({ type: "FeatureCollection", features }));
  return chemin;
}
const carre = (x: number, y: number, cote = 0.1) => [[[x, y], [x + cote, y], [x + cote, y + cote], [x, y + cote], [x, y]]];
const commune = (code: string, x: number, y: number) => ({ type: "Feature", properties: { code }, geometry: { type: "Polygon", coordinates: carre(x, y) } });

describe("dessin des communes d'un département pour la carte de couverture", () => {
  it("sans contour de commune importé, alors il n'y a pas de dessin (la couverture sera dite en texte)", async () => {
    await dansUneTransaction(base.connexion(), async ({ db }) => {
      expect(await dessinCommunesDuDepartement(db, "58")).toBeNull();
    });
  });

  it("étant donné des contours importés, alors les communes du département seules sont dessinées, nommées, avec la source ; le dessin est gardé par jeu", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const r = await importerGeometrie({
        connexion,
        chemin: ecrire([commune("58194", 3.1, 46.98), commune("58086", 3.5, 47.1), commune("18033", 2.4, 47)]),
        niveau: "communes",
        maintenant,
      });
      expect(r.ok).toBe(true);
      const dessin = await dessinCommunesDuDepartement(connexion.db, "58");
      expect(dessin).not.toBeNull();
      if (!dessin) return;
      expect(dessin.largeur).toBe(600);
      expect(dessin.hauteur).toBeGreaterThan(0);
      expect(dessin.communes.map((c) => c.code)).toEqual(["58086", "58194"]);
      expect(dessin.communes.find((c) => c.code === "58194")?.nom).toBe("Nevers");
      for (const c of dessin.communes) expect(c.d).toMatch(/^M[\d.]+ [\d.]+l[-\d. ]+z$/);
      expect(dessin.source).not.toBe("");
      expect(dessin.dateMiseAJour).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // The same set: the drawing kept; another département without shapes: none.
      expect((await dessinCommunesDuDepartement(connexion.db, "58"))?.communes).toBe(dessin.communes);
      expect(await dessinCommunesDuDepartement(connexion.db, "89")).toBeNull();
      // A new set: drawn again.
      await importerGeometrie({ connexion, chemin: ecrire([commune("58194", 3.1, 46.98)]), niveau: "communes", maintenant });
      expect((await dessinCommunesDuDepartement(connexion.db, "58"))?.communes.map((c) => c.code)).toEqual(["58194"]);
    });
  });

  it.runIf(existsSync(NIEVRE) || EXIGER)("le fichier réel de la Nièvre : chaque commune du référentiel des périmètres a son tracé", async () => {
    await dansUneTransaction(base.connexion(), async (connexion) => {
      const r = await importerGeometrie({ connexion, chemin: NIEVRE, niveau: "communes", maintenant });
      expect(r.ok).toBe(true);
      const dessin = await dessinCommunesDuDepartement(connexion.db, "58");
      const referentiel = await referentielPerimetre(connexion.db, "58");
      expect(dessin?.communes.map((c) => c.code).sort()).toEqual(referentiel.communes.map((c) => c.code).sort());
      // Light enough to be sent to the browser with the form: about 300 communes.
      const taille = dessin?.communes.reduce((n, c) => n + c.d.length, 0) ?? 0;
      expect(taille).toBeGreaterThan(10_000);
      expect(taille).toBeLessThan(400_000);
    });
  });
});
