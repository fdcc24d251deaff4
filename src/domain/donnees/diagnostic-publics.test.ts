import { describe, expect, it } from "vitest";
import { arrondirEstimation, libelleTranche, populationDeLaTranche, texteMethode } from "./diagnostic-publics";
import { classeInsee, lireEntetePopulationAge, seChevauchent } from "./population-par-age";

const quinquennales = [
  { ageMin: 0, ageMax: 4, population: 500 },
  { ageMin: 5, ageMax: 9, population: 500 },
  { ageMin: 10, ageMax: 14, population: 1000 },
  { ageMin: 15, ageMax: 79, population: 6500 },
  { ageMin: 80, ageMax: null, population: 800 },
];

describe("population d'une tranche d'âge", () => {
  it("additionne les classes entières, sans prorata", () => {
    expect(populationDeLaTranche(quinquennales, 0, 9)).toEqual({ ok: true, population: 1000, prorata: [] });
    expect(populationDeLaTranche(quinquennales, 15, null)).toEqual({ ok: true, population: 7300, prorata: [] });
    expect(populationDeLaTranche(quinquennales, 80, null)).toEqual({ ok: true, population: 800, prorata: [] });
  });

  it("répartit une classe coupée au prorata de ses années d'âge, et le dit", () => {
    // 12-14: 3 of the 5 years of 10-14 → 600; 15-79 whole → 6500.
    expect(populationDeLaTranche(quinquennales, 12, 79)).toEqual({ ok: true, population: 7100, prorata: [{ ageMin: 10, ageMax: 14 }] });
    // Within one class: 11 → 1/5 of 1000.
    expect(populationDeLaTranche(quinquennales, 11, 11)).toEqual({ ok: true, population: 200, prorata: [{ ageMin: 10, ageMax: 14 }] });
  });

  it("ne coupe pas une classe ouverte et ne comble pas les âges manquants", () => {
    expect(populationDeLaTranche(quinquennales, 85, null)).toMatchObject({ ok: false, raison: "La population par âge importée s'arrête à la classe « 80 ans et plus » : elle ne permet pas d'isoler les 85 ans et plus." });
    const trouees = quinquennales.filter((c) => c.ageMin !== 10);
    expect(populationDeLaTranche(trouees, 0, 20)).toMatchObject({ ok: false, raison: "La population par âge importée ne donne pas les 10 à 14 ans." });
    expect(populationDeLaTranche(quinquennales.slice(0, 4), 60, null)).toMatchObject({ ok: false, raison: "La population par âge importée ne donne pas les 80 ans et plus." });
    expect(populationDeLaTranche([], 0, null)).toMatchObject({ ok: false });
  });
});

describe("présentation d'une estimation", () => {
  it("arrondit à trois chiffres significatifs, au moins à la dizaine", () => {
    expect(arrondirEstimation(30_457)).toBe(30_500);
    expect(arrondirEstimation(487)).toBe(490);
    expect(arrondirEstimation(4)).toBe(0);
    expect(arrondirEstimation(8_512_345)).toBe(8_510_000);
    expect(arrondirEstimation(0)).toBe(0);
  });

  it("nomme les tranches et écrit la méthode en français", () => {
    expect(libelleTranche(null, null)).toBe("Toute la population");
    expect(libelleTranche(60, null)).toBe("60 ans et plus");
    expect(libelleTranche(15, 29)).toBe("15 à 29 ans");
    expect(libelleTranche(0, 17)).toBe("Moins de 18 ans");
    expect(texteMethode({ taux: 15, population: 203_456, tranche: "60 ans et plus", sourcePopulation: "INSEE, recensement 2021", estimation: 30_500, prorata: [] }).replace(/\u202f/g, " ")).toBe(
      "15 % × 203 456 habitants de 60 ans et plus (INSEE, recensement 2021) = environ 30 500 personnes",
    );
  });
});

describe("fichiers de population par âge", () => {
  it("reconnaît les deux formats à leur en-tête, et dit ce qui manque", () => {
    expect(lireEntetePopulationAge(["CODGEO", "SEXE", "AGED100", "NB"])).toMatchObject({ ok: true, positions: { format: "insee", variableAge: "AGED100", sexe: 1 } });
    expect(lireEntetePopulationAge(["code_departement", "age_min", "age_max", "population", "annee"])).toMatchObject({ ok: true, positions: { format: "modele" } });
    expect(lireEntetePopulationAge(["CODGEO", "NB"])).toEqual({ ok: false, manquantes: ["AGED100 ou AGEQ80_17"] });
  });

  it("lit les âges INSEE : années détaillées jusqu'à « 100 ans et plus », classes quinquennales jusqu'à « 80 ans et plus »", () => {
    expect(classeInsee("AGED100", "007")).toEqual({ ageMin: 7, ageMax: 7 });
    expect(classeInsee("AGED100", "100")).toEqual({ ageMin: 100, ageMax: null });
    expect(classeInsee("AGED100", "101")).toBeNull();
    expect(classeInsee("AGEQ80_17", "05")).toEqual({ ageMin: 5, ageMax: 9 });
    expect(classeInsee("AGEQ80_17", "80")).toEqual({ ageMin: 80, ageMax: null });
    expect(classeInsee("AGEQ80_17", "17")).toBeNull();
    expect(seChevauchent({ ageMin: 0, ageMax: 59 }, { ageMin: 60, ageMax: null })).toBe(false);
    expect(seChevauchent({ ageMin: 50, ageMax: 70 }, { ageMin: 60, ageMax: null })).toBe(true);
  });
});
