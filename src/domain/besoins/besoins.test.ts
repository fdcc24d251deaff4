import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CARTE_RESSOURCE_HUMAINE, CATEGORIES_BESOINS, cartesAClasser, deplacer, libelleBesoin, lireClassement, lireSelection, reclasser, totalEtp } from "./besoins";

describe("besoins en ingénierie financière : la sélection", () => {
  it("le catalogue porte les libellés du séminaire, quatre catégories", () => {
    expect(CATEGORIES_BESOINS.map((c) => c.libelle)).toEqual([
      "Formaliser les feuilles de route",
      "Financer le déploiement de la feuille de route",
      "Outils des acteurs du territoire",
      "Former les professionnels à l'inclusion numérique",
    ]);
    expect(CATEGORIES_BESOINS.flatMap((c) => c.items).map((i) => i.libelle)).toContain("Créer un véhicule juridique dédié à la gouvernance");
  });

  it("étant donné un besoin sans type, un ETP nul, un « Autre » sans précision, une formation sans nombre, alors chaque champ a son message", () => {
    const lu = lireSelection({
      besoins: [
        { categorie: "formalisation", item: "diagnostic" },
        { categorie: "financement", item: "fondsLocal", etp: 0 },
        { categorie: "outillage", item: "autre", prestation: true, precision: " " },
        { categorie: "formation", item: "agentsPublics" },
        { categorie: "formation", item: "qualiopi" },
      ],
    });
    expect(lu).toEqual({
      ok: false,
      erreurs: {
        "formalisation.diagnostic.type": "Veuillez préciser le type de besoin : ressource humaine et/ou prestation de service.",
        "financement.fondsLocal.etp": "Veuillez indiquer le nombre d'ETP : un nombre supérieur à 0.",
        "outillage.autre.precision": "Veuillez préciser votre besoin.",
        "formation.agentsPublics.personnes": "Combien de personnes estimez-vous devoir former ? Un nombre entier supérieur à 0.",
      },
    });
  });

  it("un besoin inconnu, un doublon ou autre chose qu'une liste sont refusés", () => {
    expect(lireSelection({ besoins: [{ categorie: "formalisation", item: "inconnu", prestation: true }] })).toEqual({ ok: false, erreurs: { besoins: "Besoin inconnu : rechargez la page." } });
    expect(lireSelection({ besoins: "tout" })).toEqual({ ok: false, erreurs: { besoins: "Liste des besoins attendue." } });
    const double = { categorie: "formalisation", item: "redaction", prestation: true };
    expect(lireSelection({ besoins: [double, double] })).toEqual({ ok: false, erreurs: { "formalisation.redaction": "Ce besoin est déjà dans la liste." } });
  });

  it("une sélection valide est rangée dans l'ordre du catalogue ; les ETP s'additionnent", () => {
    const lu = lireSelection({
      besoins: [
        { categorie: "formation", item: "salariesAssociatifs", personnes: "12" },
        { categorie: "formalisation", item: "redaction", etp: "0,5", prestation: true },
        { categorie: "formalisation", item: "autre", precision: "Cartographier les acteurs", etp: 1 },
      ],
    });
    if (!lu.ok) throw new Error(JSON.stringify(lu.erreurs));
    expect(lu.besoins).toEqual([
      { categorie: "formalisation", item: "redaction", etp: 0.5, prestation: true },
      { categorie: "formalisation", item: "autre", precision: "Cartographier les acteurs", etp: 1 },
      { categorie: "formation", item: "salariesAssociatifs", personnes: 12 },
    ]);
    expect(totalEtp(lu.besoins)).toBe(1.5);
    expect(libelleBesoin(lu.besoins[1] as never)).toBe("Formaliser les feuilles de route — Autre : Cartographier les acteurs");
  });
});

describe("besoins en ingénierie financière : le classement", () => {
  const besoins = [
    { categorie: "formalisation", item: "redaction", etp: 0.5, prestation: true },
    { categorie: "financement", item: "animation", etp: 1 },
    { categorie: "outillage", item: "donnees", prestation: true },
    { categorie: "formation", item: "agentsPublics", personnes: 40 },
    { categorie: "formation", item: "qualiopi" },
  ];

  it("les cartes : chaque prestation, chaque formation, et une seule carte « Ressource humaine (N ETP) »", () => {
    const cartes = cartesAClasser(besoins);
    expect(cartes.map((c) => [c.cle, c.titre])).toEqual([
      ["prestation:formalisation.redaction", "Prestation de service"],
      ["prestation:outillage.donnees", "Prestation de service"],
      ["formation:formation.agentsPublics", "Former les agents publics à l'inclusion numérique (ex : secrétaires de mairie, travailleurs sociaux..)"],
      ["formation:formation.qualiopi", "Appuyer la certification Qualiopi de structures privées portant des formations inclusion numérique"],
      [CARTE_RESSOURCE_HUMAINE, "Ressource humaine (1,5 ETP)"],
    ]);
    expect(cartes[2]?.texte).toBe("Estimation du nombre de personnes à former : 40");
  });

  it("changer la sélection garde les rangs existants et ajoute les nouveaux besoins à la fin", () => {
    expect(reclasser(["c", "a", "b"], ["a", "b", "c", "d"])).toEqual(["c", "a", "b", "d"]);
    expect(reclasser(["c", "a", "b"], ["a", "d"])).toEqual(["a", "d"]);
  });

  it("propriétés : le reclassement est une permutation des cartes, stable pour celles qui restent", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 12 }), fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 12 }), (precedent, cartes) => {
        const r = reclasser(precedent, cartes);
        expect([...r].sort()).toEqual([...cartes].sort());
        const gardees = precedent.filter((c) => cartes.includes(c));
        expect(r.slice(0, gardees.length)).toEqual(gardees);
      }),
    );
  });

  it("propriétés : monter ou descendre une carte garde une permutation, et l'inverse ramène au départ", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 }), fc.nat(), fc.constantFrom(-1 as const, 1 as const), (classement, n, sens) => {
        const cle = classement[n % classement.length] as string;
        const apres = deplacer(classement, cle, sens);
        expect([...apres].sort()).toEqual([...classement].sort());
        const i = classement.indexOf(cle);
        if (i + sens >= 0 && i + sens < classement.length) expect(deplacer(apres, cle, sens === 1 ? -1 : 1)).toEqual(classement);
        else expect(apres).toEqual(classement);
      }),
    );
  });

  it("un classement reçu doit être exactement les cartes à classer", () => {
    expect(lireClassement(["b", "a"], ["a", "b"])).toEqual({ ok: true, classement: ["b", "a"] });
    expect(lireClassement(["a"], ["a", "b"])).toMatchObject({ ok: false });
    expect(lireClassement(["a", "a"], ["a", "b"])).toMatchObject({ ok: false });
    expect(lireClassement(["a", "c"], ["a", "b"])).toMatchObject({ ok: false });
    expect(lireClassement("a,b", ["a", "b"])).toEqual({ ok: false, message: "Classement invalide : rechargez la page." });
  });
});
