import { describe, expect, it } from "vitest";
import { lireEnteteIfn, lireLigneIfn, moyennePonderee } from "./ifn";

const entete = lireEnteteIfn(["name", "division", "code", "no_thd_coverage_rate", "no_4g_coverage_rate", "poverty_rate", "older_65_rate", "nscol15p_rate", "total"]);
const positions = entete.ok ? entete.positions : (null as never);
const scores = (v: number) => ({ thd: v, quatreG: v, pauvrete: v, plus65: v, peuDiplomes: v, score: v });

describe("indice de fragilité numérique", () => {
  it("lit l'en-tête dans n'importe quel ordre et nomme les colonnes manquantes", () => {
    expect(lireEnteteIfn(["code", "name", "division", "total", "no_thd_coverage_rate", "no_4g_coverage_rate", "poverty_rate", "older_65_rate", "nscol15p_rate"]).ok).toBe(true);
    expect(lireEnteteIfn(["name", "code"])).toEqual({ ok: false, manquantes: ["division", "no_thd_coverage_rate", "no_4g_coverage_rate", "poverty_rate", "older_65_rate", "nscol15p_rate", "total"] });
  });

  it("une ligne toute à 0 est « Non disponible » ; une virgule décimale est acceptée", () => {
    expect(lireLigneIfn(["X", "city", "55039", "0", "0", "0", "0", "0", "0"], positions, "communes")).toMatchObject({ ok: true, ligne: { nonDisponible: true, scores: { score: null } } });
    expect(lireLigneIfn(["X", "city", "58194", "1,5", "2", "3", "4", "5", "3,1"], positions, "communes")).toMatchObject({ ok: true, ligne: { scores: { thd: 1.5, score: 3.1 } } });
    expect(lireLigneIfn(["X", "epci", "200000172", "1", "2", "3", "4", "5", "3"], positions, "epci").ok).toBe(true);
  });

  it("fait la moyenne pondérée par la population des lignes qui ont des données", () => {
    expect(moyennePonderee([{ scores: scores(2), population: 100 }, { scores: scores(8), population: 300 }]).score).toBe(6.5);
    // A row without data does not count; a row of unknown population weighs as the mean of the others.
    expect(moyennePonderee([{ scores: { ...scores(0), score: null }, population: 1000 }, { scores: scores(4), population: 10 }]).score).toBe(4);
    expect(moyennePonderee([{ scores: scores(2), population: null }, { scores: scores(8), population: 100 }]).score).toBe(5);
    expect(moyennePonderee([{ scores: { ...scores(0), score: null }, population: 1 }]).score).toBeNull();
  });
});
