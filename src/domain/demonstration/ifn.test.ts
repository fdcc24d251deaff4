import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoresDeDemonstration } from "./ifn";

describe("IFN de démonstration", () => {
  it("donne pour chaque code les mêmes cinq notes de 1 à 10, et leur moyenne", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5}$/), (code) => {
        const s = scoresDeDemonstration(code);
        expect(scoresDeDemonstration(code)).toEqual(s);
        const notes = [s.thd, s.quatreG, s.pauvrete, s.plus65, s.peuDiplomes] as number[];
        for (const n of notes) expect(n >= 1 && n <= 10).toBe(true);
        expect(s.score).toBeCloseTo(notes.reduce((a, b) => a + b, 0) / 5, 3);
      }),
    );
    expect(scoresDeDemonstration("58194")).not.toEqual(scoresDeDemonstration("58086"));
  });
});
