import { describe, expect, it } from "vitest";
import { dedoublonner } from "@/domain/donnees/dedoublonnage";
import { genererLieuxDeDemonstration, SOURCES_DEMONSTRATION, type CommunePourDemonstration } from "./lieux";

const communes: CommunePourDemonstration[] = [
  { code: "58194", nom: "Nevers", codeDepartement: "58", population: 33_085, codesPostaux: ["58000"] },
  { code: "58001", nom: "Alligny-Cosne", codeDepartement: "58", population: 900, codesPostaux: ["58200"] },
  { code: "2A004", nom: "Ajaccio", codeDepartement: "2A", population: 75_000, codesPostaux: ["20000", "20090"] },
];

/** Many communes, for the properties that need a few hundred places. */
const beaucoup: CommunePourDemonstration[] = Array.from({ length: 200 }, (_, i) => ({ code: `58${String(i).padStart(3, "0")}`, nom: `Commune ${i}`, codeDepartement: "58", population: 10_000 + i * 500, codesPostaux: ["58000"] }));

describe("lieux de démonstration", () => {
  it("sont les mêmes à chaque génération", () => {
    expect(genererLieuxDeDemonstration(communes)).toEqual(genererLieuxDeDemonstration([...communes].reverse()));
  });

  it("disent tous qu'ils sont fictifs, viennent d'une source fictive et se situent dans les communes données, sans coordonnées inventées", () => {
    const lieux = genererLieuxDeDemonstration(communes);
    const codes = new Set(communes.map((c) => c.code));
    for (const { lieu, codeCommune } of lieux) {
      expect(lieu.nom).toMatch(/fictif/i);
      expect(SOURCES_DEMONSTRATION).toContain(lieu.source);
      expect(codes.has(codeCommune)).toBe(true);
      expect(lieu.latitude).toBeNull();
    }
  });

  it("donnent au moins deux lieux par département et un lieu pour environ 25 000 habitants", () => {
    const lieux = genererLieuxDeDemonstration(communes).filter((l) => l.lieu.source === SOURCES_DEMONSTRATION[0]);
    expect(lieux.filter((l) => l.lieu.id.startsWith("demo-58-"))).toHaveLength(2);
    expect(lieux.filter((l) => l.lieu.id.startsWith("demo-2A-"))).toHaveLength(3);
    expect(new Set(lieux.map((l) => l.lieu.id)).size).toBe(lieux.length);
  });

  it("la seconde source fictive décrit à nouveau quelques lieux, que le dédoublonnage retrouve", () => {
    const lieux = genererLieuxDeDemonstration(beaucoup);
    const bis = lieux.filter((l) => l.lieu.source === SOURCES_DEMONSTRATION[1]);
    expect(bis.length).toBeGreaterThan(5);
    const { groupes } = dedoublonner(lieux.map((l) => ({ cle: l.lieu.id, source: l.lieu.source as string, codeCommune: l.codeCommune, typologies: l.lieu.typologie, latitude: null, longitude: null, nom: l.lieu.nom, adresse: l.lieu.adresse, dateMaj: l.lieu.date_maj })));
    expect(groupes.map((g) => g.membres.map((m) => m.cle)).flat().sort()).toEqual(bis.map((b) => b.lieu.id).sort());
    for (const g of groupes) expect(g.representant).toMatch(/^demo-58-/);
  });
});
