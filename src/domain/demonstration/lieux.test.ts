import { describe, expect, it } from "vitest";
import { genererLieuxDeDemonstration, type CommunePourDemonstration } from "./lieux";

const communes: CommunePourDemonstration[] = [
  { code: "58194", nom: "Nevers", codeDepartement: "58", population: 33_085, codesPostaux: ["58000"] },
  { code: "58001", nom: "Alligny-Cosne", codeDepartement: "58", population: 900, codesPostaux: ["58200"] },
  { code: "2A004", nom: "Ajaccio", codeDepartement: "2A", population: 75_000, codesPostaux: ["20000", "20090"] },
];

describe("lieux de démonstration", () => {
  it("sont les mêmes à chaque génération", () => {
    expect(genererLieuxDeDemonstration(communes)).toEqual(genererLieuxDeDemonstration([...communes].reverse()));
  });

  it("disent tous qu'ils sont fictifs et se situent dans les communes données", () => {
    const lieux = genererLieuxDeDemonstration(communes);
    const codes = new Set(communes.map((c) => c.code));
    for (const lieu of lieux) {
      expect(lieu.nom).toMatch(/fictif/);
      expect(codes.has(lieu.codeCommune)).toBe(true);
    }
  });

  it("donnent au moins deux lieux par département et un lieu pour environ 25 000 habitants", () => {
    const lieux = genererLieuxDeDemonstration(communes);
    expect(lieux.filter((l) => l.identifiantSource.startsWith("demo-58-"))).toHaveLength(2);
    expect(lieux.filter((l) => l.identifiantSource.startsWith("demo-2A-"))).toHaveLength(3);
    expect(new Set(lieux.map((l) => l.identifiantSource)).size).toBe(lieux.length);
  });
});
