import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choisirEncodage, detecterSeparateur, LecteurCsv, type EnregistrementCsv } from "./csv";

function lire(morceaux: string[], options?: ConstructorParameters<typeof LecteurCsv>[0]): EnregistrementCsv[] {
  const lecteur = new LecteurCsv(options);
  const sortie: EnregistrementCsv[] = [];
  for (const m of morceaux) sortie.push(...lecteur.pousser(m));
  sortie.push(...lecteur.terminer());
  return sortie;
}

function ecrire(enregistrements: string[][], sep: string, fin: string): string {
  const cellule = (v: string) => (/[",;|\t\r\n]/.test(v) || v === "" ? `"${v.replace(/"/g, '""')}"` : v);
  return enregistrements.map((r) => r.map(cellule).join(sep)).join(fin) + fin;
}

/** Cuts a text at random places. */
const decoupe = (texte: string) => fc.array(fc.nat({ max: texte.length }), { maxLength: 8 }).map((coupures) => {
  const points = [...new Set([0, ...coupures.sort((a, b) => a - b), texte.length])];
  return points.slice(1).map((fin, i) => texte.slice(points[i], fin));
});

describe("lecteur CSV en flux", () => {
  it("lit champs entre guillemets, guillemets doublés, séparateurs et sauts de ligne dans un champ, BOM, CRLF", () => {
    const texte = '\uFEFFnom;commune;note\r\n"Espace ""Cœur"" ; numérique";"Saint-Denis\r\nBP 3";1\r\nMédiathèque;Nevers;\r\n';
    expect(lire([texte])).toEqual([
      { ligne: 1, champs: ["nom", "commune", "note"] },
      { ligne: 2, champs: ['Espace "Cœur" ; numérique', "Saint-Denis\nBP 3", "1"] },
      { ligne: 4, champs: ["Médiathèque", "Nevers", ""] },
    ]);
  });

  it("détecte le séparateur de l'en-tête", () => {
    expect(detecterSeparateur("a,b,c")).toBe(",");
    expect(detecterSeparateur("a;b;c")).toBe(";");
    expect(detecterSeparateur('"a;b",c,d')).toBe(",");
    expect(detecterSeparateur("a\tb")).toBe("\t");
    expect(detecterSeparateur("seul")).toBe(",");
  });

  it("quel que soit le découpage en morceaux, relit exactement ce qui a été écrit", () => {
    const valeur = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('"', '""', "\r\n", "\n", "\r", ";", ",", "=1+1", "<script>", "é", "\u0000"));
    fc.assert(
      fc.property(
        fc.array(fc.array(valeur, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 10 }).chain((lignes) => {
          const largeur = lignes[0]?.length ?? 2;
          const egales = lignes.map((l) => Array.from({ length: largeur }, (_, i) => l[i] ?? "x"));
          return fc.tuple(fc.constant(egales), fc.constantFrom(",", ";"), fc.constantFrom("\n", "\r\n", "\r"));
        }).chain(([lignes, sep, fin]) => {
          // The header is plain, so that the separator can be detected.
          const avecEntete = [Array.from({ length: lignes[0]?.length ?? 2 }, (_, i) => `col${i}`), ...lignes];
          return fc.tuple(fc.constant(avecEntete), decoupe(ecrire(avecEntete, sep, fin)));
        }),
        ([lignes, morceaux]) => {
          const lus = lire(morceaux);
          const normalise = (v: string) => v.replace(/\r\n|\r/g, "\n");
          expect(lus.map((e) => ("champs" in e ? e.champs : e.erreur))).toEqual(lignes.map((l) => l.map(normalise)));
        },
      ),
    );
  });

  it("signale un champ trop long et un guillemet jamais fermé, sans garder le champ", () => {
    const enorme = `a,b\n${"x".repeat(50)},2\nok,3\n`;
    expect(lire([enorme], { tailleMaximaleChamp: 10 })).toEqual([
      { ligne: 1, champs: ["a", "b"] },
      { ligne: 2, erreur: "champTropLong" },
      { ligne: 3, champs: ["ok", "3"] },
    ]);
    expect(lire(['a,b\n1,"jamais fermé\n2,3\n'])).toEqual([{ ligne: 1, champs: ["a", "b"] }, { ligne: 2, erreur: "guillemetNonFerme" }]);
  });

  it("lit en UTF-8, ou en Windows-1252 quand le début du fichier n'est pas de l'UTF-8", () => {
    expect(choisirEncodage(new TextEncoder().encode("nom,commune\nÉpinal,88160"))).toBe("utf-8");
    expect(choisirEncodage(Uint8Array.from([0x45, 0x70, 0xe9, 0x6e, 0x61, 0x6c]))).toBe("windows-1252");
    // A character cut at the end of the sample is still UTF-8.
    expect(choisirEncodage(new TextEncoder().encode("abcé").subarray(0, 4))).toBe("utf-8");
  });
});
