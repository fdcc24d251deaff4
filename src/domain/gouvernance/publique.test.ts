import { describe, expect, it } from "vitest";
import type { ContenusGouvernance, Membre } from "./formulaire";
import type { ReferentielPerimetre } from "./perimetres";
import { compterParEtat, contenuPublic, decrireContrat, decrirePerimetre, estPublique, lireEtat, prefecturesAyantRemonte, ETATS_GOUVERNANCE } from "./publique";

const REFERENTIEL: ReferentielPerimetre = {
  communes: [
    { code: "58001", nom: "Achun" },
    { code: "58002", nom: "Alligny-Cosne" },
    { code: "58003", nom: "Alluy" },
  ],
  epci: [
    { code: "200067", nom: "CC Amognes", communes: ["58001", "58002"] },
    { code: "200068", nom: "CC Bazois", communes: ["58002", "58003"] },
  ],
};
const NIEVRE = "collectivite:departement:58";
const ACHUN = "candidat:0b6a4c1e-2f1d-4d7a-9c43-1b2a3c4d5e6f";
const ASSOCIATION = "siret:13002526500013";
const MEMBRES: Membre[] = [
  { cle: NIEVRE, nom: "Nièvre", type: "departement", origine: "prefecture" },
  { cle: ACHUN, nom: "Commune d'Achun", type: "commune", origine: "candidat" },
  { cle: ASSOCIATION, nom: "Association Numérique", type: "structure", origine: "prefecture", siret: "13002526500013" },
];

function gouvernance(): ContenusGouvernance {
  return {
    sousPrefet: { prenom: "Claire", nom: "Dupont", email: "claire.dupont@nievre.gouv.fr" },
    coPorteurs: { sansCoPorteur: false, coPorteurs: [NIEVRE, ACHUN] },
    membres: { membres: MEMBRES },
    comitologie: {
      comites: [
        { id: "c1", type: "strategique", frequence: "trimestrielle" },
        { id: "c2", type: "autre", precision: "Comité des usagers", frequence: "annuelle", commentaire: "Ouvert au public." },
      ],
    },
    feuillesDeRoute: {
      feuilles: [
        { id: "f1", nom: "Nièvre numérique", porteur: NIEVRE, perimetre: { type: "departemental" }, contrat: { existe: true, type: "CRTE" } },
        { id: "f2", nom: "Amognes et Bazois", porteur: ACHUN, perimetre: { type: "epci", epci: ["200067", "200068"] }, contrat: { existe: true, type: "Autre", precision: "Contrat local" } },
      ],
    },
    coordination: { recruteurs: [{ cle: NIEVRE, nom: "Nièvre" }, { cle: ASSOCIATION, nom: "Association Numérique", siret: "13002526500013" }] },
    noteDeContexte: { note: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Note confidentielle du préfet." }] }] } },
  };
}

describe("vue publique d'une gouvernance", () => {
  it("étant donné une gouvernance complète, alors la vue publique ne contient ni le sous-préfet, ni la note, ni la clé d'un candidat", () => {
    const vue = contenuPublic(gouvernance(), REFERENTIEL);
    const json = JSON.stringify(vue);
    expect(json).not.toContain("claire.dupont");
    expect(json).not.toContain("Dupont");
    expect(json).not.toContain("Note confidentielle");
    expect(json).not.toContain("0b6a4c1e");
    expect(json).not.toContain("candidat:");
    expect(Object.keys(vue).sort()).toEqual(["comites", "coordination", "coPorteurs", "feuillesDeRoute", "membres"].sort());
  });

  it("les membres : nom, type en français, code officiel d'une collectivité, SIRET d'une structure", () => {
    expect(contenuPublic(gouvernance(), REFERENTIEL).membres).toEqual([
      { nom: "Nièvre", type: "departement", libelleType: "Département", code: "58" },
      { nom: "Commune d'Achun", type: "commune", libelleType: "Commune" },
      { nom: "Association Numérique", type: "structure", libelleType: "Structure", siret: "13002526500013" },
    ]);
  });

  it("les co-porteurs par leur nom, ou « Pas de co-porteur », ou « Non renseigné »", () => {
    expect(contenuPublic(gouvernance(), REFERENTIEL).coPorteurs).toEqual({ sansCoPorteur: false, noms: ["Nièvre", "Commune d'Achun"], libelle: "Nièvre, Commune d'Achun" });
    expect(contenuPublic({ ...gouvernance(), coPorteurs: { sansCoPorteur: true, coPorteurs: [] } }, REFERENTIEL).coPorteurs).toEqual({ sansCoPorteur: true, noms: [], libelle: "Pas de co-porteur" });
    expect(contenuPublic({}, REFERENTIEL).coPorteurs.libelle).toBe("Non renseigné");
  });

  it("un co-porteur absent des membres est « Membre non renseigné », jamais sa clé", () => {
    const vue = contenuPublic({ coPorteurs: { sansCoPorteur: false, coPorteurs: [ACHUN] } }, REFERENTIEL);
    expect(vue.coPorteurs.noms).toEqual(["Membre non renseigné"]);
  });

  it("la comitologie en français, avec la précision d'un comité « Autre » et son commentaire", () => {
    expect(contenuPublic(gouvernance(), REFERENTIEL).comites).toEqual([
      { type: "strategique", libelleType: "Comité stratégique", frequence: "trimestrielle", libelleFrequence: "Trimestrielle" },
      { type: "autre", libelleType: "Autre : Comité des usagers", frequence: "annuelle", libelleFrequence: "Annuelle", commentaire: "Ouvert au public." },
    ]);
  });

  it("les feuilles de route : porteur nommé ou « Porté seulement par la préfecture », périmètre décrit, contrat", () => {
    const [departementale, infra] = contenuPublic(gouvernance(), REFERENTIEL).feuillesDeRoute;
    expect(departementale).toEqual({
      nom: "Nièvre numérique",
      porteur: "Nièvre",
      libellePorteur: "Nièvre",
      perimetre: { type: "departemental", libelle: "Départemental", communes: 3 },
      contrat: { existe: true, type: "CRTE", libelle: "CRTE" },
    });
    expect(infra?.perimetre).toEqual({
      type: "epci",
      libelle: "EPCI : CC Amognes, CC Bazois (3 communes)",
      epci: [
        { code: "200067", nom: "CC Amognes" },
        { code: "200068", nom: "CC Bazois" },
      ],
      communes: 3,
    });
    expect(infra?.contrat).toEqual({ existe: true, type: "Autre", precision: "Contrat local", libelle: "Autre : Contrat local" });
    const prefecture = contenuPublic({ feuillesDeRoute: { feuilles: [{ id: "f", nom: "F", porteur: null, perimetre: { type: "regional" }, contrat: { existe: false } }] } }, REFERENTIEL).feuillesDeRoute[0];
    expect(prefecture).toMatchObject({ porteur: null, libellePorteur: "Porté seulement par la préfecture", contrat: { existe: false, libelle: "Non" } });
  });

  it("un périmètre de communes se décrit par leur nombre ; un EPCI inconnu garde son code", () => {
    expect(decrirePerimetre({ type: "communes", communes: ["58001"] }, REFERENTIEL)).toEqual({ type: "communes", libelle: "Sélection de 1 commune", communes: 1 });
    expect(decrirePerimetre({ type: "communes", communes: ["58001", "58003"] }, REFERENTIEL).libelle).toBe("Sélection de 2 communes");
    expect(decrirePerimetre({ type: "epci", epci: ["999999"] }, REFERENTIEL)).toMatchObject({ libelle: "EPCI : EPCI 999999 (0 commune)", communes: 0 });
    expect(decrireContrat({ existe: true, type: "SDIN" }).libelle).toBe("SDIN");
  });

  it("la coordination : noms des structures recruteuses et SIRET", () => {
    expect(contenuPublic(gouvernance(), REFERENTIEL).coordination).toEqual([{ nom: "Nièvre" }, { nom: "Association Numérique", siret: "13002526500013" }]);
  });
});

describe("états de la gouvernance", () => {
  it("seules les gouvernances déposées et validées sont publiques", () => {
    expect(ETATS_GOUVERNANCE.filter(estPublique)).toEqual(["deposee", "validee"]);
  });

  it("sans ligne : « aucune » ; une valeur inconnue n'est jamais publique", () => {
    expect(lireEtat(null)).toBe("aucune");
    expect(lireEtat(undefined)).toBe("aucune");
    expect(lireEtat("validee")).toBe("validee");
    expect(lireEtat("publiee")).toBe("brouillon");
    expect(lireEtat("aucune")).toBe("brouillon");
  });

  it("compte les départements par état ; les préfectures ayant remonté leur gouvernance comptent déposées, validées et à compléter", () => {
    const parEtat = compterParEtat(["aucune", "aucune", "brouillon", "deposee", "validee", "aCompleter"]);
    expect(parEtat).toEqual({ aucune: 2, brouillon: 1, deposee: 1, validee: 1, aCompleter: 1 });
    expect(prefecturesAyantRemonte(parEtat)).toBe(3);
  });
});
