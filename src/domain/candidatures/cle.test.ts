import { describe, expect, it } from "vitest";
import { cleDuCandidat, normaliserNom } from "./cle";

describe("clé d'un candidat", () => {
  it("une collectivité est son code officiel", () => {
    expect(cleDuCandidat({ type: "commune", code: "58194", nom: "Nevers", codeDepartement: null })).toBe("commune:58194");
    expect(cleDuCandidat({ type: "epci", code: "245804406", nom: "Nevers Agglomération", codeDepartement: null })).toBe("epci:245804406");
  });
  it("une structure est son SIRET, à défaut son nom normalisé dans son département", () => {
    expect(cleDuCandidat({ type: "structure", code: "13002526500013", nom: "DINUM", codeDepartement: "75" })).toBe("structure:siret:13002526500013");
    const a = cleDuCandidat({ type: "structure", code: null, nom: "  L'Association  Émaüs-Connect ", codeDepartement: "58" });
    const b = cleDuCandidat({ type: "structure", code: null, nom: "l association emaus connect", codeDepartement: "58" });
    expect(a).toBe(b);
    expect(a).not.toBe(cleDuCandidat({ type: "structure", code: null, nom: "L'Association Emaüs-Connect", codeDepartement: "89" }));
  });
  it("normalise les noms sans perdre les chiffres", () => {
    expect(normaliserNom("Tiers-Lieu  n°3 — Château-Chinon")).toBe("tiers lieu n 3 chateau chinon");
  });
});
