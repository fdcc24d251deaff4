import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CARTE_RESSOURCE_HUMAINE, CATEGORIES_BESOINS } from "./besoins";
import { besoinsDansLOrdre, classementDuDepartement, syntheseDuDepartement, syntheseNationale, type BesoinsDUnDepartement } from "./synthese";

const LE = new Date("2026-11-29T10:00:00Z");

/* The Côte-d'Or ranked: the ressource humaine first, then the prestation, then the training need. */
const COTE_D_OR: BesoinsDUnDepartement = {
  code: "21",
  nom: "Côte-d'Or",
  // In the database's order, not the catalogue's.
  besoins: [
    { categorie: "formation", item: "agentsPublics", personnes: 40, rang: 3 },
    { categorie: "financement", item: "animation", etp: 1, rang: null },
    { categorie: "formalisation", item: "redaction", etp: 0.5, prestation: true, rang: 2 },
  ],
  rangRessourceHumaine: 1,
  classementEnregistreLe: LE,
  demonstration: false,
};

/* The Yonne selected without ranking yet: its stored ranks are only the catalogue's order. */
const YONNE: BesoinsDUnDepartement = {
  code: "89",
  nom: "Yonne",
  besoins: [
    { categorie: "formalisation", item: "redaction", prestation: true, rang: 1 },
    { categorie: "outillage", item: "autre", precision: "Outiller les tiers-lieux", prestation: true, etp: 2, rang: 2 },
    { categorie: "formation", item: "agentsPublics", personnes: 10, rang: 3 },
  ],
  rangRessourceHumaine: 4,
  classementEnregistreLe: null,
  demonstration: true,
};

/* The Nièvre ranked the prestation "Rédiger la feuille de route" first. */
const NIEVRE: BesoinsDUnDepartement = {
  code: "58",
  nom: "Nièvre",
  besoins: [
    { categorie: "formalisation", item: "redaction", prestation: true, rang: 1 },
    { categorie: "formation", item: "qualiopi", rang: 2 },
  ],
  rangRessourceHumaine: null,
  classementEnregistreLe: LE,
  demonstration: false,
};

const SANS_BESOIN: BesoinsDUnDepartement = { code: "2A", nom: "Corse-du-Sud", besoins: [], rangRessourceHumaine: null, classementEnregistreLe: null, demonstration: false };

describe("synthèse nationale des besoins : par département", () => {
  it("étant donné un département qui a classé ses besoins, quand on le résume, alors ses nombres et son classement en texte suivent les rangs", () => {
    expect(syntheseDuDepartement(COTE_D_OR)).toEqual({
      code: "21",
      nom: "Côte-d'Or",
      demonstration: false,
      nombreBesoins: 3,
      totalEtp: 1.5,
      prestations: 1,
      besoinsDeFormation: 1,
      personnesAFormer: 40,
      classementEnregistre: true,
      classementEnregistreLe: LE,
      classement: [
        { rang: 1, cle: CARTE_RESSOURCE_HUMAINE, libelle: "Ressource humaine (1,5 ETP)" },
        { rang: 2, cle: "prestation:formalisation.redaction", libelle: "Prestation de service — Rédiger la feuille de route" },
        {
          rang: 3,
          cle: "formation:formation.agentsPublics",
          libelle: "Former les agents publics à l'inclusion numérique (ex : secrétaires de mairie, travailleurs sociaux..) — Estimation du nombre de personnes à former : 40",
        },
      ],
      classementEnTexte:
        "1. Ressource humaine (1,5 ETP) ; 2. Prestation de service — Rédiger la feuille de route ; 3. Former les agents publics à l'inclusion numérique (ex : secrétaires de mairie, travailleurs sociaux..) — Estimation du nombre de personnes à former : 40",
    });
  });

  it("étant donné une sélection pas encore classée, quand on la résume, alors le classement est vide même si des rangs provisoires sont enregistrés", () => {
    const synthese = syntheseDuDepartement(YONNE);
    expect(synthese).toMatchObject({ nombreBesoins: 3, totalEtp: 2, prestations: 2, besoinsDeFormation: 1, personnesAFormer: 10, classementEnregistre: false, classement: [], classementEnTexte: "" });
  });

  it("étant donné une carte restée sans rang dans un classement enregistré, alors elle vient en dernier et les rangs restent contigus", () => {
    const classement = classementDuDepartement({ ...COTE_D_OR, rangRessourceHumaine: null });
    expect(classement.map((c) => [c.rang, c.cle])).toEqual([
      [1, "prestation:formalisation.redaction"],
      [2, "formation:formation.agentsPublics"],
      [3, CARTE_RESSOURCE_HUMAINE],
    ]);
  });

  it("quel que soit l'ordre des lignes, les besoins reviennent dans l'ordre du catalogue", () => {
    const tous = CATEGORIES_BESOINS.flatMap((c) => [...c.items.map((i) => ({ categorie: c.id, item: i.id })), { categorie: c.id, item: "autre" }]);
    fc.assert(
      fc.property(fc.shuffledSubarray(tous, { minLength: 0 }), (melange) => {
        const attendu = tous.filter((b) => melange.includes(b));
        expect(besoinsDansLOrdre(melange)).toEqual(attendu);
      }),
    );
  });
});

describe("synthèse nationale des besoins : par besoin et chiffres clés", () => {
  it("étant donné trois départements, quand on fait la synthèse, alors chaque besoin compte ses départements, ses ETP, ses prestations, ses personnes et son rang moyen là où il est classé", () => {
    const { items } = syntheseNationale([COTE_D_OR, YONNE, NIEVRE]);
    const item = (categorie: string, id: string) => items.find((i) => i.categorie === categorie && i.item === id);
    // Selected by all three; ranked (saved ranking) in the Côte-d'Or (2) and the Nièvre (1).
    expect(item("formalisation", "redaction")).toEqual({
      categorie: "formalisation",
      libelleCategorie: "Formaliser les feuilles de route",
      item: "redaction",
      libelle: "Rédiger la feuille de route",
      departements: 3,
      totalEtp: 0.5,
      departementsAvecPrestation: 3,
      personnesAFormer: 0,
      departementsAyantClasse: 2,
      rangMoyen: 1.5,
    });
    // A need served by a ressource humaine only has no card of its own.
    expect(item("financement", "animation")).toMatchObject({ departements: 1, totalEtp: 1, departementsAvecPrestation: 0, departementsAyantClasse: 0, rangMoyen: null });
    expect(item("formation", "agentsPublics")).toMatchObject({ departements: 2, personnesAFormer: 50, departementsAyantClasse: 1, rangMoyen: 3 });
    expect(item("formation", "qualiopi")).toMatchObject({ departements: 1, rangMoyen: 2 });
    expect(item("outillage", "autre")).toMatchObject({ libelle: "Autre", libelleCategorie: "Outils des acteurs du territoire", departements: 1, totalEtp: 2, departementsAvecPrestation: 1, rangMoyen: null });
    expect(item("formalisation", "diagnostic")).toMatchObject({ departements: 0, totalEtp: 0, rangMoyen: null });
  });

  it("la synthèse par besoin a une ligne par besoin du catalogue et une « Autre » par catégorie, dans l'ordre du catalogue", () => {
    const { items } = syntheseNationale([]);
    expect(items).toHaveLength(CATEGORIES_BESOINS.reduce((n, c) => n + c.items.length + 1, 0));
    expect(items.filter((i) => i.item === "autre").map((i) => i.categorie)).toEqual(CATEGORIES_BESOINS.map((c) => c.id));
    expect(items[0]).toMatchObject({ categorie: "formalisation", item: "diagnostic" });
  });

  it("étant donné des départements avec et sans besoins, alors les chiffres clés ne comptent que ceux qui en ont, et signalent la démonstration", () => {
    const { chiffres, departements } = syntheseNationale([SANS_BESOIN, COTE_D_OR, YONNE, NIEVRE]);
    expect(departements.map((d) => d.code)).toEqual(["21", "89", "58"]);
    expect(chiffres).toEqual({
      departementsAvecBesoins: 3,
      classementsEnregistres: 2,
      totalEtp: 3.5,
      prestations: 4,
      personnesAFormer: 50,
      rangMoyenRessourceHumaine: 1,
      demonstration: true,
    });
  });

  it("étant donné aucun département, alors tout est à zéro", () => {
    expect(syntheseNationale([SANS_BESOIN]).chiffres).toEqual({
      departementsAvecBesoins: 0,
      classementsEnregistres: 0,
      totalEtp: 0,
      prestations: 0,
      personnesAFormer: 0,
      rangMoyenRessourceHumaine: null,
      demonstration: false,
    });
  });
});
