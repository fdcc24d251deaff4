import { describe, expect, it } from "vitest";
import { enNombre } from "./sql";

describe("normalisation des agrégats", () => {
  it("rend un nombre quel que soit le pilote : nombre (PGlite), chaîne (node-postgres), bigint", () => {
    expect(enNombre(42)).toBe(42);
    expect(enNombre("68350798")).toBe(68_350_798);
    expect(enNombre(12n)).toBe(12);
    expect(enNombre(null)).toBe(0);
  });
  it("refuse une valeur qui n'est pas un nombre plutôt que de la changer en NaN", () => {
    expect(() => enNombre("douze")).toThrow(TypeError);
    expect(() => enNombre("")).toThrow(TypeError);
  });
});
