import { describe, expect, it } from "vitest";
import { comparerCodesDepartement, estCodeCommune, estCodeDepartement, estSiren } from "./codes";

describe("codes officiels", () => {
  it("reconnaît les formats de codes de département, y compris la Corse et l'outre-mer", () => {
    for (const code of ["01", "2A", "2B", "58", "95", "971", "976", "975", "988"]) expect(estCodeDepartement(code)).toBe(true);
    for (const code of ["1", "2C", "058", "abc", "", "9710", "58 "]) expect(estCodeDepartement(code)).toBe(false);
  });

  it("reconnaît les codes de commune et les SIREN", () => {
    expect(estCodeCommune("58194")).toBe(true);
    expect(estCodeCommune("2A004")).toBe(true);
    expect(estCodeCommune("97411")).toBe(true);
    expect(estCodeCommune("5819")).toBe(false);
    expect(estSiren("245804406")).toBe(true);
    expect(estSiren("24580440")).toBe(false);
  });

  it("trie les départements dans l'ordre du COG, la Corse entre 19 et 21", () => {
    expect(["21", "2B", "971", "19", "2A", "01"].sort(comparerCodesDepartement)).toEqual(["01", "19", "2A", "2B", "21", "971"]);
  });
});
