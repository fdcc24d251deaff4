import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparer, dedoublonner, similarite, typologiesCompatibles, type LieuAComparer } from "./dedoublonnage";

const lieu = (l: Partial<LieuAComparer> & { cle: string }): LieuAComparer => ({
  source: "a",
  codeCommune: "58194",
  typologies: [],
  latitude: 46.9896,
  longitude: 3.159,
  nom: "Médiathèque Jean Jaurès",
  adresse: "1 rue de la Préfecture",
  dateMaj: "2024-01-01",
  ...l,
});

describe("similarité de deux textes", () => {
  it("100 pour le même texte à la casse, aux accents et à la ponctuation près ; 0 sans rien de commun", () => {
    expect(similarite("Médiathèque Jean-Jaurès", "MEDIATHEQUE JEAN JAURES")).toBe(100);
    expect(similarite("abc", "xyz")).toBe(0);
    expect(similarite("France Services de Nevers", "Espace France Services Nevers")).toBeGreaterThan(80);
  });

  it("symétrique et entre 0 et 100", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (a, b) => {
        const s = similarite(a, b);
        expect(s).toBe(similarite(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe("comparaison de deux lieux", () => {
  it("même lieu vu par deux sources : retenu, avec ses trois notes", () => {
    const p = comparer(lieu({ cle: "1" }), lieu({ cle: "2", source: "b", latitude: 46.98962, nom: "Mediatheque J. Jaurès", adresse: "1, rue de la Prefecture" }));
    expect(p).not.toBeNull();
    expect(p?.distance).toBe(100);
    expect(p?.score).toBeGreaterThan(83);
  });

  it("jamais deux lieux d'une même source, de deux communes, ou de typologies incompatibles", () => {
    expect(comparer(lieu({ cle: "1" }), lieu({ cle: "2" }))).toBeNull();
    expect(comparer(lieu({ cle: "1" }), lieu({ cle: "2", source: "b", codeCommune: "58086" }))).toBeNull();
    expect(comparer(lieu({ cle: "1", typologies: ["BIB"] }), lieu({ cle: "2", source: "b", typologies: ["CCAS"] }))).toBeNull();
    expect(typologiesCompatibles(["RFS"], ["PIMMS"])).toBe(true);
    expect(typologiesCompatibles([], ["PIMMS"])).toBe(true);
  });

  it("loin l'un de l'autre (plus d'un kilomètre) : deux lieux distincts malgré le même nom", () => {
    expect(comparer(lieu({ cle: "1" }), lieu({ cle: "2", source: "b", latitude: 47.01 }))).toBeNull();
  });

  it("sans coordonnées : le nom et l'adresse doivent être presque identiques", () => {
    const sans = { latitude: null, longitude: null };
    expect(comparer(lieu({ cle: "1", ...sans }), lieu({ cle: "2", source: "b", ...sans }))?.score).toBe(100);
    expect(comparer(lieu({ cle: "1", ...sans }), lieu({ cle: "2", source: "b", ...sans, nom: "Centre social des Bords de Loire" }))).toBeNull();
  });
});

describe("groupes de doublons", () => {
  const a = lieu({ cle: "a", source: "s1", dateMaj: "2023-01-01" });
  const b = lieu({ cle: "b", source: "s2", dateMaj: "2024-05-01", latitude: 46.98961 });
  const c = lieu({ cle: "c", source: "s3", dateMaj: null, longitude: 3.15901 });
  const autre = lieu({ cle: "d", source: "s2", nom: "Centre social", adresse: "8 avenue Colbert", latitude: 46.99, longitude: 3.17 });

  it("regroupe de proche en proche ; le plus récemment mis à jour représente le groupe", () => {
    const { groupes } = dedoublonner([a, b, c, autre]);
    expect(groupes).toHaveLength(1);
    expect(groupes[0]?.representant).toBe("b");
    expect(groupes[0]?.membres.map((m) => m.cle).sort()).toEqual(["a", "c"]);
  });

  it("le résultat ne dépend pas de l'ordre des lieux", () => {
    const reference = dedoublonner([a, b, c, autre]).groupes;
    fc.assert(
      fc.property(fc.shuffledSubarray([a, b, c, autre], { minLength: 4, maxLength: 4 }), (ordre) => {
        const groupes = dedoublonner(ordre).groupes.map((g) => ({ ...g, membres: [...g.membres].sort((x, y) => x.cle.localeCompare(y.cle)) }));
        expect(groupes).toEqual(reference.map((g) => ({ ...g, membres: [...g.membres].sort((x, y) => x.cle.localeCompare(y.cle)) })));
      }),
    );
  });

  it("une seule source : rien n'est fusionné", () => {
    expect(dedoublonner([a, { ...b, source: "s1" }]).groupes).toEqual([]);
  });
});
