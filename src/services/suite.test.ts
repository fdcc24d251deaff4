import { describe, expect, it } from "vitest";
import { suiteValide } from "./identite";

describe("page ouverte après la connexion (suite)", () => {
  it("n'accepte qu'un chemin de ce site", () => {
    expect(suiteValide("/gouvernance/formulaire?persona=commune")).toBe("/gouvernance/formulaire?persona=commune");
    expect(suiteValide("/profil")).toBe("/profil");
  });
  it("refuse toute autre destination, y compris déguisée", () => {
    for (const suite of ["https://ailleurs.example", "//ailleurs.example", "/\\ailleurs.example", "/\t/ailleurs.example", "/\n/ailleurs.example", " /profil", "profil", "/" + "a".repeat(300), "javascript:alert(1)", 42, null, undefined]) {
      expect(suiteValide(suite), String(suite)).toBeNull();
    }
  });
});
