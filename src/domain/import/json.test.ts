import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LecteurTableauJson, type ElementJson } from "./json";

function lire(morceaux: string[]) {
  const lecteur = new LecteurTableauJson();
  const elements: ElementJson[] = [];
  for (const m of morceaux) elements.push(...lecteur.pousser(m));
  elements.push(...lecteur.terminer());
  return { elements, pasUnTableau: lecteur.pasUnTableau, finInattendue: lecteur.finInattendue };
}

/** Cuts a text at random places. */
const decoupe = (texte: string) =>
  fc.array(fc.nat({ max: texte.length }), { maxLength: 10 }).map((coupures) => {
    const points = [...new Set([0, ...coupures.sort((a, b) => a - b), texte.length])];
    return points.slice(1).map((fin, i) => texte.slice(points[i], fin));
  });

describe("lecteur de tableau JSON en flux", () => {
  it("rend chaque objet, avec crochets, accolades et guillemets échappés dans les chaînes", () => {
    const texte = '\uFEFF [ {"nom": "Espace \\"[numérique]\\" {centre}", "n": [1, {"a": "}"}]}, {"nom":"Médiathèque"} ]\n';
    const { elements, finInattendue } = lire([texte]);
    expect(elements).toEqual([
      { numero: 1, valeur: { nom: 'Espace "[numérique]" {centre}', n: [1, { a: "}" }] } },
      { numero: 2, valeur: { nom: "Médiathèque" } },
    ]);
    expect(finInattendue).toBe(false);
  });

  it("lit aussi des éléments qui ne sont pas des objets (l'appelant les refuse)", () => {
    expect(lire(['[1, "a,]", null, [2, 3], {"x": 1}]']).elements.map((e) => ("valeur" in e ? e.valeur : e.erreur))).toEqual([1, "a,]", null, [2, 3], { x: 1 }]);
  });

  it("un élément cassé au milieu n'empêche pas de lire les suivants", () => {
    const { elements } = lire(['[{"a": 1}, {"a": tru}, {"a": 3}]']);
    expect(elements).toEqual([{ numero: 1, valeur: { a: 1 } }, { numero: 2, erreur: "elementInvalide" }, { numero: 3, valeur: { a: 3 } }]);
  });

  it("signale un texte qui n'est pas un tableau, un tableau non fermé, un élément géant", () => {
    expect(lire(['{"a": 1}']).pasUnTableau).toBe(true);
    expect(lire(["nom,commune\n"]).pasUnTableau).toBe(true);
    const coupe = lire(['[{"a": 1}, {"a": ']);
    expect(coupe.finInattendue).toBe(true);
    expect(coupe.elements.at(-1)).toEqual({ numero: 2, erreur: "elementInvalide" });
    expect(lire(["[]"]).elements).toEqual([]);
    const geant = lire([`[{"a": "${"x".repeat(1_100_000)}"}, {"b": 2}]`]);
    expect(geant.elements).toEqual([{ numero: 1, erreur: "elementTropLong" }, { numero: 2, valeur: { b: 2 } }]);
  });

  it("donne les mêmes éléments quel que soit le découpage du texte en morceaux", () => {
    const objet = fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 })), { maxKeys: 5 });
    fc.assert(
      fc.property(
        fc.array(objet, { maxLength: 12 }).chain((tableau) => {
          const texte = JSON.stringify(tableau, null, tableau.length % 2 ? 2 : undefined);
          return decoupe(texte).map((morceaux) => ({ tableau, morceaux }));
        }),
        ({ tableau, morceaux }) => {
          const { elements, finInattendue, pasUnTableau } = lire(morceaux);
          expect(pasUnTableau).toBe(false);
          expect(finInattendue).toBe(false);
          expect(elements.map((e) => ("valeur" in e ? e.valeur : e))).toEqual(tableau);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("ne lève jamais d'exception sur un texte quelconque", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (texte) => {
        expect(() => lire(["[", texte])).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
