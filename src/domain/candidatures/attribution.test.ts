import { describe, expect, it } from "vitest";
import { departementsDuCandidat, type ReferentielAttribution } from "./attribution";

/* A small reference: Bourgogne-Franche-Comté (27) with 21, 58, 89; an EPCI spanning 58 and 89. */
const referentiel: ReferentielAttribution = {
  departementsDeLaRegion: (r) => (r === "27" ? ["89", "21", "58"] : []),
  departementsDeLEpci: (e) => ({ "200067015": ["58", "89", "58"], "245804406": ["58"] })[e] ?? [],
  departementDeLaCommune: (c) => ({ "58194": "58", "89024": "89" })[c] ?? null,
  departementExiste: (d) => ["21", "58", "89"].includes(d),
};

describe("règle d'attribution d'une candidature aux départements", () => {
  it("une région compte dans chacun de ses départements", () => {
    expect(departementsDuCandidat({ type: "region", code: "27", codeDepartement: null }, referentiel)).toEqual(["21", "58", "89"]);
  });
  it("un EPCI à cheval sur deux départements compte dans les deux, une seule fois chacun", () => {
    expect(departementsDuCandidat({ type: "epci", code: "200067015", codeDepartement: null }, referentiel)).toEqual(["58", "89"]);
    expect(departementsDuCandidat({ type: "epci", code: "245804406", codeDepartement: null }, referentiel)).toEqual(["58"]);
  });
  it("un département compte pour lui-même, une commune pour son département, une structure pour le département qu'elle indique", () => {
    expect(departementsDuCandidat({ type: "departement", code: "58", codeDepartement: null }, referentiel)).toEqual(["58"]);
    expect(departementsDuCandidat({ type: "commune", code: "89024", codeDepartement: null }, referentiel)).toEqual(["89"]);
    expect(departementsDuCandidat({ type: "structure", code: "13002526500013", codeDepartement: "21" }, referentiel)).toEqual(["21"]);
  });
  it("un territoire inconnu ne compte nulle part", () => {
    expect(departementsDuCandidat({ type: "region", code: "99", codeDepartement: null }, referentiel)).toEqual([]);
    expect(departementsDuCandidat({ type: "departement", code: "99", codeDepartement: null }, referentiel)).toEqual([]);
    expect(departementsDuCandidat({ type: "commune", code: "00000", codeDepartement: null }, referentiel)).toEqual([]);
    expect(departementsDuCandidat({ type: "structure", code: null, codeDepartement: "99" }, referentiel)).toEqual([]);
    expect(departementsDuCandidat({ type: "epci", code: null, codeDepartement: null }, referentiel)).toEqual([]);
  });
});
