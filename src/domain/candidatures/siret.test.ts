import { describe, expect, it } from "vitest";
import { normaliserSiret, sirenDe, verifierSiret } from "./siret";

const DINUM = "13002526500013";
const AUTRE_SIRET_VALIDE = "11000201100044";
const SIEGE_LA_POSTE = "35600000000048";
/** A La Poste establishment whose digits sum to 15: valid under the La Poste rule only. */
const ETABLISSEMENT_LA_POSTE = "35600000000010";

/** Independent Luhn check, written differently from the code under test. */
function luhn(nombre: string): boolean {
  let somme = 0;
  for (let i = 0; i < nombre.length; i++) {
    let chiffre = Number(nombre[nombre.length - 1 - i]);
    if (i % 2 === 1) chiffre = chiffre * 2 > 9 ? chiffre * 2 - 9 : chiffre * 2;
    somme += chiffre;
  }
  return somme % 10 === 0;
}

const sommeDesChiffres = (nombre: string) => [...nombre].reduce((total, c) => total + Number(c), 0);

describe("normaliserSiret", () => {
  it("removes spaces, non-breaking spaces, dots and dashes", () => {
    expect(normaliserSiret(" 130 025\u00A0265.000-13\u202F")).toBe(DINUM);
  });
});

describe("verifierSiret", () => {
  it("accepts valid SIRETs and returns them normalised", () => {
    expect(luhn(DINUM) && luhn(AUTRE_SIRET_VALIDE)).toBe(true);
    expect(verifierSiret(DINUM)).toEqual({ ok: true, valeur: DINUM });
    expect(verifierSiret(AUTRE_SIRET_VALIDE)).toEqual({ ok: true, valeur: AUTRE_SIRET_VALIDE });
    expect(verifierSiret("130 025 265 00013")).toEqual({ ok: true, valeur: DINUM });
    expect(verifierSiret("130.025.265.00013")).toEqual({ ok: true, valeur: DINUM });
  });

  it("refuses an empty entry", () => {
    expect(verifierSiret("")).toEqual({ ok: false, erreur: "siretVide" });
    expect(verifierSiret(" . - ")).toEqual({ ok: false, erreur: "siretVide" });
  });

  it("refuses 13 or 15 digits and letters", () => {
    expect(verifierSiret(DINUM.slice(0, 13))).toEqual({ ok: false, erreur: "siretFormat" });
    expect(verifierSiret(`${DINUM}0`)).toEqual({ ok: false, erreur: "siretFormat" });
    expect(verifierSiret("1300252650001A")).toEqual({ ok: false, erreur: "siretFormat" });
  });

  it("refuses a SIRET with any single digit changed", () => {
    for (let position = 0; position < DINUM.length; position++) {
      for (let chiffre = 0; chiffre <= 9; chiffre++) {
        if (String(chiffre) === DINUM[position]) continue;
        const modifie = `${DINUM.slice(0, position)}${chiffre}${DINUM.slice(position + 1)}`;
        expect(verifierSiret(modifie)).toEqual({ ok: false, erreur: "siretCle" });
      }
    }
  });

  it("accepts La Poste's head office, which passes Luhn", () => {
    expect(luhn(SIEGE_LA_POSTE)).toBe(true);
    expect(verifierSiret(SIEGE_LA_POSTE)).toEqual({ ok: true, valeur: SIEGE_LA_POSTE });
  });

  it("accepts a La Poste establishment that fails Luhn when its digit sum is a multiple of 5", () => {
    expect(luhn(ETABLISSEMENT_LA_POSTE)).toBe(false);
    expect(sommeDesChiffres(ETABLISSEMENT_LA_POSTE) % 5).toBe(0);
    expect(verifierSiret(ETABLISSEMENT_LA_POSTE)).toEqual({ ok: true, valeur: ETABLISSEMENT_LA_POSTE });
  });

  it("refuses a La Poste number that fails both rules, and applies the La Poste rule to La Poste only", () => {
    const laPosteInvalide = "35600000012345";
    expect(luhn(laPosteInvalide) || sommeDesChiffres(laPosteInvalide) % 5 === 0).toBe(false);
    expect(verifierSiret(laPosteInvalide)).toEqual({ ok: false, erreur: "siretCle" });

    const autreSommeMultipleDe5 = "13002526500010";
    expect(luhn(autreSommeMultipleDe5)).toBe(false);
    expect(sommeDesChiffres(autreSommeMultipleDe5) % 5).toBe(0);
    expect(verifierSiret(autreSommeMultipleDe5)).toEqual({ ok: false, erreur: "siretCle" });
  });

  it("has exactly one check digit for any 13 digits outside La Poste", () => {
    // Deterministic pseudo-random generator, so a failure can be replayed.
    let graine = 20240601;
    const suivant = () => {
      graine = (Math.imul(graine, 1664525) + 1013904223) >>> 0;
      return graine >>> 8;
    };
    let essais = 0;
    while (essais < 2000) {
      const prefixe = Array.from({ length: 13 }, () => suivant() % 10).join("");
      if (prefixe.startsWith("356000000")) continue;
      essais++;
      const cles = [...Array(10).keys()].filter((cle) => verifierSiret(`${prefixe}${cle}`).ok);
      expect(cles, prefixe).toHaveLength(1);
    }
  });
});

describe("sirenDe", () => {
  it("returns the first 9 digits", () => {
    expect(sirenDe(DINUM)).toBe("130025265");
  });
});
