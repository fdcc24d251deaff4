import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enumerer, verifierPerimetres, type FeuilleDeRouteAVerifier, type Perimetre, type ReferentielPerimetre } from "./perimetres";

/*
 * A small département: 3 EPCI (the third also has communes elsewhere, not listed here) and one
 * commune without EPCI.
 */
const REFERENTIEL: ReferentielPerimetre = {
  communes: [
    { code: "58001", nom: "Achun" },
    { code: "58002", nom: "Alligny-Cosne" },
    { code: "58003", nom: "Alligny-en-Morvan" },
    { code: "58004", nom: "Alluy" },
    { code: "58005", nom: "Amazy" },
    { code: "58006", nom: "Anlezy" },
    { code: "58007", nom: "Annay" },
  ],
  epci: [
    { code: "200067", nom: "CC Amognes Cœur du Nivernais", communes: ["58001", "58004", "58006"] },
    { code: "200068", nom: "CC Cœur de Loire", communes: ["58002", "58007"] },
    { code: "200069", nom: "CC Morvan Sommets et Grands Lacs", communes: ["58003", "58005"] },
  ],
};

const feuille = (id: string, perimetre: Perimetre, nom = `Feuille ${id}`): FeuilleDeRouteAVerifier => ({ id, nom, perimetre });
const epci = (...codes: string[]): Perimetre => ({ type: "epci", epci: codes });
const communes = (...codes: string[]): Perimetre => ({ type: "communes", communes: codes });

describe("moteur des périmètres des feuilles de route", () => {
  it("scénario 1 : une feuille de route départementale (ou régionale) couvre tout le département", () => {
    const r = verifierPerimetres(REFERENTIEL, [feuille("a", { type: "departemental" })]);
    expect(r.ok && r.couverture.scenario).toBe(1);
    expect(r.couverture?.communesParFeuille.get("a")).toHaveLength(7);
    const regionale = verifierPerimetres(REFERENTIEL, [feuille("r", { type: "regional" })]);
    expect(regionale.ok && regionale.couverture.scenario).toBe(1);
  });

  it("scénario 2 : une départementale et des infra-départementales qui ne se chevauchent pas", () => {
    const r = verifierPerimetres(REFERENTIEL, [feuille("d", { type: "departemental" }), feuille("e", epci("200067")), feuille("c", communes("58002"))]);
    expect(r.ok).toBe(true);
    expect(r.couverture?.scenario).toBe(2);
    expect(r.couverture?.feuillesParCommune.get("58001")).toEqual(["d", "e"]);
    expect(r.couverture?.feuillesParCommune.get("58003")).toEqual(["d"]);
    // A régional and a départemental together: allowed, one of each.
    const deux = verifierPerimetres(REFERENTIEL, [feuille("r", { type: "regional" }), feuille("d", { type: "departemental" })]);
    expect(deux.ok).toBe(true);
    expect(deux.couverture?.feuillesParCommune.get("58001")).toEqual(["d", "r"]);
  });

  it("scénario 3 : des infra-départementales qui couvrent tout le département", () => {
    const r = verifierPerimetres(REFERENTIEL, [feuille("a", epci("200067", "200068")), feuille("b", epci("200069")), feuille("c", communes("58007"))]);
    // 58007 is in 200068 too: an overlap, named.
    expect(r.ok).toBe(false);
    const complet = verifierPerimetres(REFERENTIEL, [feuille("a", epci("200067", "200068")), feuille("b", epci("200069"))]);
    expect(complet.ok).toBe(true);
    expect(complet.couverture?.scenario).toBe(3);
  });

  it("refuse une deuxième départementale et une deuxième régionale, en les nommant", () => {
    const r = verifierPerimetres(REFERENTIEL, [feuille("a", { type: "departemental" }, "Nièvre numérique"), feuille("b", { type: "departemental" }, "Nièvre inclusive"), feuille("c", { type: "regional" }), feuille("d", { type: "regional" })]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.erreurs.map((e) => e.code)).toEqual(["plusieursRegionales", "plusieursDepartementales"]);
    expect(r.erreurs[1]?.message).toBe("Une gouvernance compte au plus une feuille de route départementale : « Nièvre numérique » et « Nièvre inclusive » le sont toutes.");
  });

  it("refuse deux infra-départementales qui partagent des communes, en nommant les communes", () => {
    const r = verifierPerimetres(REFERENTIEL, [feuille("a", epci("200067"), "Amognes"), feuille("b", communes("58006", "58001", "58003"), "Sud"), feuille("d", { type: "departemental" })]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.erreurs).toHaveLength(1);
    expect(r.erreurs[0]).toMatchObject({ code: "chevauchement", feuilles: ["a", "b"], communes: [{ code: "58001", nom: "Achun" }, { code: "58006", nom: "Anlezy" }] });
    expect(r.erreurs[0]?.message).toBe(
      "Les feuilles de route « Amognes » et « Sud » couvrent toutes deux 2 communes : Achun et Anlezy. Deux feuilles de route infra-départementales ne peuvent pas couvrir un même territoire.",
    );
  });

  it("scénario 3 incomplet : nomme les communes non couvertes, par EPCI", () => {
    const r = verifierPerimetres(REFERENTIEL, [feuille("a", epci("200067")), feuille("b", communes("58003"))]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const erreur = r.erreurs[0];
    expect(erreur?.code).toBe("communesNonCouvertes");
    expect(erreur?.parEpci?.map((g) => [g.nom, g.communes.map((c) => c.code), g.total])).toEqual([
      ["CC Cœur de Loire", ["58002", "58007"], 2],
      ["CC Morvan Sommets et Grands Lacs", ["58005"], 2],
    ]);
    expect(erreur?.message).toBe(
      "Sans feuille de route départementale ni régionale, les feuilles de route doivent couvrir tout le département. 3 communes ne sont couvertes par aucune : CC Cœur de Loire (toutes ses communes : Alligny-Cosne et Annay) ; CC Morvan Sommets et Grands Lacs (1 sur 2 : Amazy).",
    );
  });

  it("refuse un périmètre vide, un EPCI ou une commune hors du département, et l'absence de feuille de route", () => {
    expect(verifierPerimetres(REFERENTIEL, [])).toMatchObject({ ok: false, erreurs: [{ code: "aucuneFeuilleDeRoute", message: "Veuillez renseigner au moins une feuille de route." }] });
    const r = verifierPerimetres(REFERENTIEL, [feuille("d", { type: "departemental" }), feuille("a", epci(), "Vide"), feuille("b", epci("243500139"), "Ailleurs"), feuille("c", communes("21231"), "Dijon")]);
    if (r.ok) throw new Error("accepté");
    expect(r.erreurs.map((e) => [e.code, e.feuilles])).toEqual([
      ["perimetreVide", ["a"]],
      ["epciHorsDepartement", ["b"]],
      ["communeHorsDepartement", ["c"]],
    ]);
    expect(r.erreurs[0]?.message).toBe("La feuille de route « Vide » n'a pas de périmètre : choisissez au moins un EPCI.");
    expect(r.erreurs[1]?.message).toBe("La feuille de route « Ailleurs » désigne des EPCI sans commune dans le département : 243500139.");
    expect(r.erreurs[2]?.message).toBe("La feuille de route « Dijon » désigne des communes hors du département : 21231.");
  });

  it("enumerer : une, deux, plusieurs, et au-delà du maximum", () => {
    expect(enumerer(["Nevers"])).toBe("Nevers");
    expect(enumerer(["Nevers", "Imphy"])).toBe("Nevers et Imphy");
    expect(enumerer(["a", "b", "c"])).toBe("a, b et c");
    expect(enumerer(["a", "b", "c", "d"], 2)).toBe("a, b et 2 autres");
    expect(enumerer(["a", "b", "c"], 2)).toBe("a, b et 1 autre");
  });
});

/*
 * Property-based: random départements (communes partitioned into EPCI, some communes without one)
 * and random feuilles de route; what the engine says is checked against sets computed here.
 */
const departementAleatoire = fc
  .record({ nombreCommunes: fc.integer({ min: 1, max: 60 }), nombreEpci: fc.integer({ min: 1, max: 8 }), graine: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }) })
  .map(({ nombreCommunes, nombreEpci, graine }): ReferentielPerimetre => {
    const codes = Array.from({ length: nombreCommunes }, (_, i) => `99${String(i).padStart(3, "0")}`);
    const epciListe = Array.from({ length: nombreEpci }, (_, i) => ({ code: `2000000${i}`, nom: `EPCI ${i}`, communes: [] as string[] }));
    // graine % (nombreEpci + 1): the last value leaves the commune without EPCI.
    codes.forEach((c, i) => {
      const choix = (graine[i] as number) % (nombreEpci + 1);
      if (choix < nombreEpci) epciListe[choix]?.communes.push(c);
    });
    return { communes: codes.map((code) => ({ code, nom: `Commune ${code}` })), epci: epciListe.filter((e) => e.communes.length > 0) };
  });

function perimetreAleatoire(ref: ReferentielPerimetre) {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Perimetre>({ type: "departemental" }) },
    { weight: 1, arbitrary: fc.constant<Perimetre>({ type: "regional" }) },
    ...(ref.epci.length ? [{ weight: 4, arbitrary: fc.subarray(ref.epci.map((e) => e.code), { minLength: 1 }).map((epci): Perimetre => ({ type: "epci", epci })) }] : []),
    { weight: 4, arbitrary: fc.subarray(ref.communes.map((c) => c.code), { minLength: 1 }).map((c): Perimetre => ({ type: "communes", communes: c })) },
  );
}

const casAleatoire = departementAleatoire.chain((ref) =>
  fc.tuple(fc.constant(ref), fc.array(perimetreAleatoire(ref), { minLength: 1, maxLength: 6 }).map((ps) => ps.map((p, i) => feuille(`f${i}`, p)))),
);

function communesDe(ref: ReferentielPerimetre, p: Perimetre): Set<string> {
  if (p.type === "regional" || p.type === "departemental") return new Set(ref.communes.map((c) => c.code));
  if (p.type === "communes") return new Set(p.communes);
  return new Set(ref.epci.filter((e) => p.epci.includes(e.code)).flatMap((e) => e.communes));
}

describe("moteur des périmètres : propriétés", () => {
  it("accepte exactement les jeux qui respectent les règles, et nomme exactement les communes en faute", () => {
    fc.assert(
      fc.property(casAleatoire, ([ref, feuilles]) => {
        const r = verifierPerimetres(ref, feuilles);
        const larges = feuilles.filter((f) => f.perimetre.type === "regional" || f.perimetre.type === "departemental");
        const infra = feuilles.filter((f) => !larges.includes(f));
        const compte = new Map<string, number>();
        for (const f of infra) for (const c of communesDe(ref, f.perimetre)) compte.set(c, (compte.get(c) ?? 0) + 1);
        const partagees = [...compte.entries()].filter(([, n]) => n > 1).map(([c]) => c).sort();
        const couvertes = new Set(feuilles.flatMap((f) => [...communesDe(ref, f.perimetre)]));
        const nonCouvertes = ref.communes.map((c) => c.code).filter((c) => !couvertes.has(c)).sort();
        const doublonsLarges = ["regional", "departemental"].some((t) => feuilles.filter((f) => f.perimetre.type === t).length > 1);
        const valide = !doublonsLarges && partagees.length === 0 && (larges.length > 0 || nonCouvertes.length === 0);

        expect(r.ok).toBe(valide);
        expect(r.couverture?.scenario).toBe(larges.length === 0 ? 3 : infra.length === 0 ? 1 : 2);
        const signalees = r.ok ? [] : [...new Set(r.erreurs.filter((e) => e.code === "chevauchement").flatMap((e) => e.communes.map((c) => c.code)))].sort();
        expect(signalees).toEqual(partagees);
        const oubliees = r.ok ? [] : r.erreurs.filter((e) => e.code === "communesNonCouvertes").flatMap((e) => e.communes.map((c) => c.code)).sort();
        expect(oubliees).toEqual(larges.length === 0 ? nonCouvertes : []);
        // Every commune is listed with exactly the feuilles de route covering it.
        for (const c of ref.communes) {
          const attendues = feuilles.filter((f) => communesDe(ref, f.perimetre).has(c.code)).map((f) => f.id).sort();
          expect([...(r.couverture?.feuillesParCommune.get(c.code) ?? [])].sort()).toEqual(attendues);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("le résultat ne dépend pas de l'ordre des feuilles de route", () => {
    fc.assert(
      fc.property(casAleatoire.chain(([ref, feuilles]) => fc.tuple(fc.constant(ref), fc.constant(feuilles), fc.shuffledSubarray(feuilles, { minLength: feuilles.length }))), ([ref, feuilles, melangees]) => {
        const a = verifierPerimetres(ref, feuilles);
        const b = verifierPerimetres(ref, melangees);
        expect(b.ok).toBe(a.ok);
        expect(b.couverture?.scenario).toBe(a.couverture?.scenario);
        expect([...(b.couverture?.feuillesParCommune.entries() ?? [])]).toEqual([...(a.couverture?.feuillesParCommune.entries() ?? [])]);
        const erreurs = (r: typeof a) => (r.ok ? [] : r.erreurs.map((e) => `${e.code}|${[...e.feuilles].sort().join(",")}|${e.communes.map((c) => c.code).join(",")}`).sort());
        expect(erreurs(b)).toEqual(erreurs(a));
      }),
      { numRuns: 300 },
    );
  });

  it("une partition des EPCI en feuilles de route est toujours un scénario 3 valide quand chaque commune a un EPCI", () => {
    fc.assert(
      fc.property(
        departementAleatoire
          .map((ref) => ({ ...ref, epci: ref.epci.length ? ref.epci : [] }))
          .filter((ref) => ref.epci.reduce((n, e) => n + e.communes.length, 0) === ref.communes.length && ref.epci.length > 0)
          .chain((ref) => fc.tuple(fc.constant(ref), fc.array(fc.nat({ max: 5 }), { minLength: ref.epci.length, maxLength: ref.epci.length }))),
        ([ref, groupes]) => {
          const parGroupe = new Map<number, string[]>();
          ref.epci.forEach((e, i) => parGroupe.set(groupes[i] as number, [...(parGroupe.get(groupes[i] as number) ?? []), e.code]));
          const feuilles = [...parGroupe.entries()].map(([g, codes]) => feuille(`g${g}`, epci(...codes)));
          const r = verifierPerimetres(ref, feuilles);
          expect(r.ok).toBe(true);
          expect(r.couverture?.scenario).toBe(3);
        },
      ),
      { numRuns: 200 },
    );
  });
});
