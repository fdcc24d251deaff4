import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choisirEncodage, DecodeurDeFichier, detecterSeparateur, LecteurCsv, type EnregistrementCsv } from "./csv";

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

describe("décodage d'un fichier en flux", () => {
  const decoder = (octets: Uint8Array, coupures: number[]) => {
    const d = new DecodeurDeFichier();
    const points = [...new Set([0, ...coupures.filter((c) => c <= octets.length).sort((a, b) => a - b), octets.length])];
    let texte = "";
    for (let i = 1; i < points.length; i++) texte += d.decoder(octets.subarray(points[i - 1], points[i]));
    return { texte: texte + d.terminer(), encodage: d.encodage };
  };
  /** Windows-1252 bytes of a text made of characters that encoding has. */
  const windows1252 = (t: string) => Uint8Array.from([...t].map((c) => ({ "€": 0x80, "œ": 0x9c, "’": 0x92 })[c] ?? c.charCodeAt(0)));
  // Words as French writes them: in Windows-1252, a lone byte sequence such as "è€œ" happens to be
  // valid UTF-8 too — no reader can tell; real text puts letters around accents.
  const texteFrancais = fc.array(fc.constantFrom("a", "Z", " ", ",", "\n", "1", "café ", "près", "à ", "garçon", "hôtel", "Élodie", "œuvre", "10 € ", "l’été", "Noël"), { maxLength: 80 }).map((l) => l.join(""));

  it("UTF-8 ou Windows-1252, coupé n'importe où, se relit à l'identique", () => {
    fc.assert(
      fc.property(texteFrancais, fc.array(fc.nat({ max: 400 }), { maxLength: 8 }), fc.boolean(), (texte, coupures, utf8) => {
        const octets = utf8 ? new TextEncoder().encode(texte) : windows1252(texte);
        expect(decoder(octets, coupures).texte).toBe(texte);
      }),
      { numRuns: 500 },
    );
  });

  it("des octets quelconques, coupés n'importe où, se décodent sans exception", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat({ max: 300 }), { maxLength: 6 }), (octets, coupures) => {
        expect(() => decoder(octets, coupures)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it("un fichier Windows-1252 dont le premier accent vient après 64 Ko est bien lu", () => {
    const texte = `${"nom,commune\n".repeat(7000)}Médiathèque,Nevers\n`;
    const r = decoder(windows1252(texte), [65_536, 70_000]);
    expect(r.encodage).toBe("windows-1252");
    expect(r.texte).toBe(texte);
  });

  it("BOM UTF-8 retiré par la suite de la lecture ; octets invalides tard dans un fichier UTF-8 : caractère de remplacement", () => {
    expect(decoder(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]), [1]).encodage).toBe("utf-8");
    const octets = new Uint8Array([...new TextEncoder().encode("é,a\n"), 0x61, 0xe9, 0x0a]);
    expect(decoder(octets, [5]).texte).toBe("é,a\na\uFFFD\n");
    // A file ending in the middle of a UTF-8 character.
    expect(decoder(Uint8Array.from([194, 128, 194]), [1]).texte).toBe("\u0080\uFFFD");
  });
});
