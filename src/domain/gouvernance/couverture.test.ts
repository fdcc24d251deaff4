import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COULEUR_DEPARTEMENTALE,
  COULEUR_REGIONALE,
  MESSAGE_PERIMETRES_INVALIDES,
  PALETTE_INFRA,
  compter,
  libellePerimetre,
  resumerCouverture,
  styleInfra,
  type FeuilleAResumer,
} from "./couverture";
import { verifierPerimetres, type Perimetre, type ReferentielPerimetre } from "./perimetres";

/* A small département: 3 EPCI and one commune without EPCI. */
const REFERENTIEL: ReferentielPerimetre = {
  communes: [
    { code: "58001", nom: "Achun" },
    { code: "58002", nom: "Alligny-Cosne" },
    { code: "58003", nom: "Alligny-en-Morvan" },
    { code: "58004", nom: "Alluy" },
    { code: "58005", nom: "Amazy" },
    { code: "58006", nom: "Anlezy" },
    { code: "58007", nom: "Annay" },
    { code: "58008", nom: "Anthien" },
  ],
  epci: [
    { code: "200067", nom: "CC Amognes Cœur du Nivernais", communes: ["58001", "58004", "58006"] },
    { code: "200068", nom: "CC Cœur de Loire", communes: ["58002", "58007"] },
    { code: "200069", nom: "CC Morvan Sommets et Grands Lacs", communes: ["58003", "58005"] },
  ],
};

const feuille = (id: string, perimetre: Perimetre, nom = `Feuille ${id}`): FeuilleAResumer => ({ id, nom, perimetre });
const epci = (...codes: string[]): Perimetre => ({ type: "epci", epci: codes });
const communes = (...codes: string[]): Perimetre => ({ type: "communes", communes: codes });
const resumer = (feuilles: FeuilleAResumer[]) => resumerCouverture(REFERENTIEL, feuilles, verifierPerimetres(REFERENTIEL, feuilles));

describe("couverture des feuilles de route (carte et alternative textuelle)", () => {
  it("étant donné aucune feuille de route, alors il n'y a rien à résumer", () => {
    expect(resumer([])).toBeNull();
  });

  it("étant donné une feuille départementale seule, alors toutes les communes ont sa couleur de fond et le scénario 1 est dit en mots", () => {
    const r = resumer([feuille("d", { type: "departemental" }, "Feuille de la Nièvre")]);
    expect(r?.valide).toBe(true);
    expect(r?.phrase).toBe("Scénario 1 : une feuille de route départementale.");
    expect(r?.feuilles).toEqual([
      { id: "d", nom: "Feuille de la Nièvre", perimetre: "Départemental", large: true, style: { couleur: COULEUR_DEPARTEMENTALE, rayee: false }, communes: 8, enChevauchement: 0, visibles: 8, recouverte: null },
    ]);
    expect([...(r?.etats.values() ?? [])].every((e) => e.type === "feuille" && e.feuille === "d")).toBe(true);
    expect(r?.nomAccessible).toBe("Couverture des feuilles de route : 1 feuille, toutes les communes couvertes, aucun chevauchement");
  });

  it("étant donné une régionale seule, ou une régionale et une départementale, alors la phrase les nomme et la départementale est dessinée par-dessus", () => {
    expect(resumer([feuille("r", { type: "regional" })])?.phrase).toBe("Scénario 1 : une feuille de route régionale.");
    const deux = resumer([feuille("r", { type: "regional" }), feuille("d", { type: "departemental" })]);
    expect(deux?.phrase).toBe("Scénario 1 : une feuille de route régionale et une départementale.");
    expect(deux?.feuilles.map((f) => [f.id, f.style.couleur, f.visibles, f.recouverte])).toEqual([
      ["d", COULEUR_DEPARTEMENTALE, 8, null],
      ["r", COULEUR_REGIONALE, 0, "recouverte sur la carte par la feuille de route départementale"],
    ]);
  });

  it("étant donné le scénario 2, alors les infra-départementales sont dessinées sur la départementale, chacune de sa couleur", () => {
    const r = resumer([feuille("e", epci("200067")), feuille("d", { type: "departemental" }), feuille("c", communes("58002"))]);
    expect(r?.phrase).toBe("Scénario 2 : une feuille de route départementale et 2 infra-départementales.");
    expect(r?.feuilles.map((f) => [f.id, f.style.couleur, f.communes, f.visibles])).toEqual([
      ["d", COULEUR_DEPARTEMENTALE, 8, 4],
      ["e", PALETTE_INFRA[0], 3, 3],
      ["c", PALETTE_INFRA[1], 1, 1],
    ]);
    expect(r?.etats.get("58001")).toEqual({ type: "feuille", feuille: "e" });
    expect(r?.etats.get("58002")).toEqual({ type: "feuille", feuille: "c" });
    expect(r?.etats.get("58003")).toEqual({ type: "feuille", feuille: "d" });
    expect(resumer([feuille("d", { type: "departemental" }), feuille("c", communes("58002"))])?.phrase).toBe("Scénario 2 : une feuille de route départementale et une infra-départementale.");
    // Infra-départementales covering everything: the départementale does not show, and the legend says why.
    const cachee = resumer([feuille("d", { type: "departemental" }), feuille("tout", communes(...REFERENTIEL.communes.map((c) => c.code)))]);
    expect(cachee?.feuilles[0]).toMatchObject({ visibles: 0, recouverte: "recouverte sur la carte par les feuilles de route infra-départementales" });
  });

  it("étant donné le scénario 3 complet, alors aucune commune n'est non couverte et la phrase le dit", () => {
    const r = resumer([feuille("a", epci("200067", "200068")), feuille("b", epci("200069")), feuille("c", communes("58008"))]);
    expect(r?.valide).toBe(true);
    expect(r?.phrase).toBe("Scénario 3 : des feuilles de route infra-départementales couvrant tout le département.");
    expect(r?.nonCouvertes).toEqual([]);
    const seule = resumer([feuille("tout", communes(...REFERENTIEL.communes.map((c) => c.code)))]);
    expect(seule?.phrase).toBe("Scénario 3 : une feuille de route infra-départementale couvrant tout le département.");
  });

  it("quand des communes ne sont pas couvertes, alors elles sont nommées par EPCI, comptées, et la phrase dit que les périmètres ne sont pas valides", () => {
    const r = resumer([feuille("a", epci("200067")), feuille("b", communes("58003"))]);
    expect(r?.valide).toBe(false);
    expect(r?.phrase).toBe(MESSAGE_PERIMETRES_INVALIDES);
    expect(r?.messages).toHaveLength(1);
    expect(r?.messages[0]).toMatch(/^Sans feuille de route départementale ni régionale/);
    expect(r?.nombreNonCouvertes).toBe(4);
    expect(r?.nonCouvertes.map((g) => [g.code, g.nom, g.communes.map((c) => c.nom), g.total])).toEqual([
      ["200068", "CC Cœur de Loire", ["Alligny-Cosne", "Annay"], 2],
      ["200069", "CC Morvan Sommets et Grands Lacs", ["Amazy"], 2],
      [null, "Communes sans EPCI", ["Anthien"], 1],
    ]);
    expect(r?.etats.get("58008")).toEqual({ type: "nonCouverte" });
    expect(r?.nomAccessible).toBe("Couverture des feuilles de route : 2 feuilles, 4 communes non couvertes, aucun chevauchement");
  });

  it("quand deux infra-départementales se chevauchent, alors chaque commune partagée est en chevauchement, nommée avec les deux feuilles", () => {
    const r = resumer([feuille("d", { type: "departemental" }), feuille("b", epci("200068"), "Cœur de Loire"), feuille("a", communes("58007", "58001"), "Annay et Achun")]);
    expect(r?.valide).toBe(false);
    expect(r?.messages[0]).toMatch(/couvrent toutes deux la commune : Annay/);
    expect(r?.etats.get("58007")).toEqual({ type: "chevauchement", feuilles: ["b", "a"] });
    expect(r?.chevauchements).toEqual([{ commune: { code: "58007", nom: "Annay" }, feuilles: ["Cœur de Loire", "Annay et Achun"] }]);
    expect(r?.chevauchementsParFeuilles).toEqual([{ feuilles: ["Cœur de Loire", "Annay et Achun"], communes: [{ code: "58007", nom: "Annay" }] }]);
    expect(r?.feuilles.map((f) => [f.id, f.communes, f.enChevauchement, f.visibles])).toEqual([
      ["d", 8, 0, 5],
      ["b", 2, 1, 1],
      ["a", 2, 1, 1],
    ]);
    expect(r?.nomAccessible).toBe("Couverture des feuilles de route : 3 feuilles, toutes les communes couvertes, 1 commune en chevauchement");
  });

  it("quand plusieurs paires de feuilles se chevauchent, alors les communes partagées sont groupées par paire, dans l'ordre des feuilles, par nom", () => {
    const r = resumer([
      feuille("x", communes("58005", "58001", "58002"), "X"),
      feuille("y", communes("58001", "58005"), "Y"),
      feuille("z", communes("58002", "58008"), "Z"),
      feuille("w", communes("58003", "58004", "58006", "58007"), "W"),
    ]);
    expect(r?.chevauchementsParFeuilles.map((g) => [g.feuilles, g.communes.map((c) => c.nom)])).toEqual([
      [["X", "Y"], ["Achun", "Amazy"]],
      [["X", "Z"], ["Alligny-Cosne"]],
    ]);
    expect(r?.chevauchements.map((c) => c.commune.nom)).toEqual(["Achun", "Alligny-Cosne", "Amazy"]);
    expect(r?.nombreNonCouvertes).toBe(0);
  });

  it("quand une feuille n'a pas encore de nom ni de périmètre, alors elle est désignée par son rang et compte aucune commune", () => {
    const r = resumer([feuille("d", { type: "departemental" }), feuille("x", communes(), "  ")]);
    expect(r?.feuilles[1]).toMatchObject({ nom: "Feuille de route n° 2 (sans nom)", perimetre: "Communes : aucune choisie", communes: 0 });
    expect(r?.messages[0]).toMatch(/n'a pas de périmètre/);
  });

  it("alors le périmètre est dit avec les noms du référentiel, abrégé au-delà de cinq", () => {
    expect(libellePerimetre(epci("200067", "200068"), REFERENTIEL)).toBe("EPCI : CC Amognes Cœur du Nivernais et CC Cœur de Loire");
    expect(libellePerimetre(communes("58001", "58002", "58003", "58004", "58005", "58006", "58007"), REFERENTIEL)).toBe(
      "Communes : Achun, Alligny-Cosne, Alligny-en-Morvan, Alluy, Amazy et 2 autres",
    );
    expect(libellePerimetre(communes("99999"), REFERENTIEL)).toBe("Communes : 99999");
    expect(libellePerimetre({ type: "regional" }, REFERENTIEL)).toBe("Régional");
  });

  it("alors les couleurs de la palette reviennent rayées une fois épuisées", () => {
    expect(styleInfra(0)).toEqual({ couleur: PALETTE_INFRA[0], rayee: false });
    expect(styleInfra(PALETTE_INFRA.length)).toEqual({ couleur: PALETTE_INFRA[0], rayee: true });
    expect(styleInfra(PALETTE_INFRA.length + 1)).toEqual({ couleur: PALETTE_INFRA[1], rayee: true });
    expect(new Set(PALETTE_INFRA).size).toBe(PALETTE_INFRA.length);
    expect(PALETTE_INFRA).not.toContain(COULEUR_DEPARTEMENTALE);
  });

  it("alors les nombres s'accordent en français", () => {
    expect(compter(1, "commune")).toBe("1 commune");
    expect(compter(1234, "commune")).toBe("1\u202f234 communes");
    expect(compter(0, "commune", "communes", "aucune commune")).toBe("aucune commune");
  });

  it("quelles que soient les feuilles, chaque commune a un seul état, cohérent avec le moteur", () => {
    const codes = REFERENTIEL.communes.map((c) => c.code);
    const perimetre = fc.oneof(
      fc.constant<Perimetre>({ type: "departemental" }),
      fc.constant<Perimetre>({ type: "regional" }),
      fc.subarray(["200067", "200068", "200069"]).map((l) => epci(...l)),
      fc.subarray(codes).map((l) => communes(...l)),
    );
    fc.assert(
      fc.property(fc.array(perimetre, { minLength: 1, maxLength: 5 }), (perimetres) => {
        const feuilles = perimetres.map((p, i) => feuille(`f${i}`, p));
        const verification = verifierPerimetres(REFERENTIEL, feuilles);
        const r = resumerCouverture(REFERENTIEL, feuilles, verification);
        expect(r).not.toBeNull();
        if (!r || !verification.couverture) return;
        expect(r.etats.size).toBe(codes.length);
        const visibles = r.feuilles.reduce((n, f) => n + f.visibles, 0);
        expect(visibles + r.chevauchements.length + r.nombreNonCouvertes).toBe(codes.length);
        expect(r.nonCouvertes.reduce((n, g) => n + g.communes.length, 0)).toBe(r.nombreNonCouvertes);
        expect(r.valide).toBe(verification.ok);
        expect(r.chevauchementsParFeuilles.reduce((n, g) => n + g.communes.length, 0)).toBe(r.chevauchements.length);
        for (const code of codes) {
          const couvrantes = verification.couverture.feuillesParCommune.get(code) ?? [];
          const etat = r.etats.get(code);
          if (couvrantes.length === 0) expect(etat).toEqual({ type: "nonCouverte" });
          else if (etat?.type === "feuille") expect(couvrantes).toContain(etat.feuille);
        }
      }),
    );
  });
});
