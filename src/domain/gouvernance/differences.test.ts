import { describe, expect, it } from "vitest";
import { AUCUNE_DIFFERENCE_VISIBLE, PREMIERE_SAISIE, decrireModification, nomDuMembre } from "./differences";
import type { ContenusSections, FeuilleDeRoute, Membre } from "./formulaire";
import type { DocumentNote } from "./note";
import type { ReferentielPerimetre } from "./perimetres";

const NEVERS = "collectivite:commune:58194";
const NIEVRE = "collectivite:departement:58";
const ACHUN = "candidat:0b6a4c1e-2f1d-4d7a-9c43-1b2a3c4d5e6f";
const NOMS = new Map([
  [NEVERS, "Nevers"],
  [NIEVRE, "Nièvre"],
  [ACHUN, "Commune d'Achun"],
]);
const REFERENTIEL: ReferentielPerimetre = {
  communes: [
    { code: "58001", nom: "Achun" },
    { code: "58002", nom: "Alligny-Cosne" },
  ],
  epci: [
    { code: "200067", nom: "CC Amognes", communes: ["58001"] },
    { code: "245804", nom: "CC Loire et Allier", communes: ["58002"] },
  ],
};

const membre = (cle: string, nom: string): Membre => ({ cle, nom, type: "commune", origine: "prefecture" });
const feuille = (f: Partial<FeuilleDeRoute> = {}): FeuilleDeRoute => ({ id: "f1", nom: "Nièvre numérique", porteur: NIEVRE, perimetre: { type: "departemental" }, contrat: { existe: false }, ...f });
const note = (...paragraphes: string[]): DocumentNote => ({ type: "doc", content: paragraphes.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });

describe("historique d'une section : ce qui a changé, en français", () => {
  it("étant donné une section jamais enregistrée, quand elle l'est, alors la première ligne le dit, puis ce qui a été renseigné", () => {
    expect(decrireModification("sousPrefet", null, { prenom: "Claire", nom: "Dupont", email: "claire.dupont@nievre.gouv.fr" })).toEqual([
      PREMIERE_SAISIE,
      "Prénom : Claire",
      "Nom : Dupont",
      "Adresse e-mail : claire.dupont@nievre.gouv.fr",
    ]);
    expect(decrireModification("membres", null, { membres: [membre(NEVERS, "Nevers")] })).toEqual([PREMIERE_SAISIE, "Membre ajouté : Nevers"]);
    expect(decrireModification("comitologie", null, { comites: [] })).toEqual([PREMIERE_SAISIE]);
    expect(decrireModification("noteDeContexte", null, { note: note("Contexte.") })).toEqual([PREMIERE_SAISIE, "Note de contexte rédigée (9 caractères)"]);
  });

  it("étant donné le contact du sous-préfet, quand le prénom et l'adresse changent, alors chaque champ dit son ancienne et sa nouvelle valeur", () => {
    const avant = { prenom: "Claire", nom: "Dupont", email: "claire.dupont@nievre.gouv.fr" };
    expect(decrireModification("sousPrefet", avant, { ...avant, prenom: "Anne", email: "anne.dupont@nievre.gouv.fr" })).toEqual([
      "Prénom : Claire → Anne",
      "Adresse e-mail : claire.dupont@nievre.gouv.fr → anne.dupont@nievre.gouv.fr",
    ]);
  });

  it("étant donné des co-porteurs, quand on en ajoute, en retire ou coche « Pas de co-porteur », alors les noms viennent des membres connus", () => {
    const avant: ContenusSections["coPorteurs"] = { sansCoPorteur: false, coPorteurs: [ACHUN] };
    expect(decrireModification("coPorteurs", avant, { sansCoPorteur: false, coPorteurs: [ACHUN, NEVERS] }, { membres: NOMS })).toEqual(["Co-porteur ajouté : Nevers"]);
    expect(decrireModification("coPorteurs", avant, { sansCoPorteur: true, coPorteurs: [] }, { membres: NOMS })).toEqual([
      "Co-porteur retiré : Commune d'Achun",
      "Pas de co-porteur de la gouvernance : coché",
    ]);
    expect(decrireModification("coPorteurs", { sansCoPorteur: true, coPorteurs: [] }, { sansCoPorteur: false, coPorteurs: [NIEVRE] }, { membres: NOMS })).toEqual([
      "Co-porteur ajouté : Nièvre",
      "Pas de co-porteur de la gouvernance : décoché",
    ]);
  });

  it("étant donné une clé que les noms connus ne résolvent pas, alors la clé se lit en mots, jamais un identifiant technique", () => {
    expect(decrireModification("coPorteurs", { sansCoPorteur: false, coPorteurs: [] }, { sansCoPorteur: false, coPorteurs: [NEVERS, "siret:13002526500013", ACHUN] })).toEqual([
      "Co-porteur ajouté : Commune 58194",
      "Co-porteur ajouté : SIRET 13002526500013",
      "Co-porteur ajouté : Candidat dont le nom n'est plus connu",
    ]);
    expect(nomDuMembre("collectivite:epci:200067", undefined)).toBe("EPCI 200067");
  });

  it("étant donné des membres, quand on en ajoute, en retire et qu'un nom change, alors chaque membre est nommé par son contenu ; l'ordre ne compte pas", () => {
    const avant = { membres: [membre(NEVERS, "Nevers"), membre(ACHUN, "Achun")] };
    expect(decrireModification("membres", avant, { membres: [membre(ACHUN, "Commune d'Achun"), membre(NIEVRE, "Nièvre")] })).toEqual([
      "Membre ajouté : Nièvre",
      "Membre retiré : Nevers",
      "Membre renommé : Achun → Commune d'Achun",
    ]);
    expect(decrireModification("membres", avant, { membres: [...avant.membres].reverse() })).toEqual([AUCUNE_DIFFERENCE_VISIBLE]);
  });

  it("étant donné une comitologie, quand un comité est ajouté, retiré ou modifié, alors il est nommé par son type (ou sa précision) et sa fréquence", () => {
    const strategique = { id: "c1", type: "strategique" as const, frequence: "trimestrielle" as const };
    const autre = { id: "c2", type: "autre" as const, precision: "Comité des usagers", frequence: "annuelle" as const };
    expect(decrireModification("comitologie", { comites: [autre] }, { comites: [strategique] })).toEqual([
      "Comité ajouté : Comité stratégique (Trimestrielle)",
      "Comité retiré : Comité des usagers (Annuelle)",
    ]);
    expect(decrireModification("comitologie", { comites: [strategique] }, { comites: [{ ...strategique, frequence: "mensuelle", commentaire: "Avec les EPCI" }] })).toEqual([
      "Comité modifié : Comité stratégique (fréquence : Trimestrielle → Mensuelle, commentaire ajouté)",
    ]);
    expect(decrireModification("comitologie", { comites: [strategique] }, { comites: [{ ...strategique, type: "technique" }] })).toEqual([
      "Comité modifié : Comité stratégique (type : Comité stratégique → Comité technique)",
    ]);
  });

  it("étant donné des feuilles de route, quand on en ajoute, en retire, la renomme, change son porteur, son périmètre ou son contrat, alors une ligne par changement", () => {
    expect(decrireModification("feuillesDeRoute", { feuilles: [feuille()] }, { feuilles: [feuille(), feuille({ id: "f2", nom: "Amognes" })] })).toEqual(["Feuille de route ajoutée : « Amognes »"]);
    expect(decrireModification("feuillesDeRoute", { feuilles: [feuille()] }, { feuilles: [] })).toEqual(["Feuille de route retirée : « Nièvre numérique »"]);
    const modifiee = feuille({ nom: "Nièvre inclusive", porteur: null, perimetre: { type: "epci", epci: ["200067", "245804"] }, contrat: { existe: true, type: "CRTE" } });
    expect(decrireModification("feuillesDeRoute", { feuilles: [feuille()] }, { feuilles: [modifiee] }, { membres: NOMS, referentiel: REFERENTIEL })).toEqual([
      "Feuille de route « Nièvre numérique » renommée « Nièvre inclusive »",
      "Feuille de route « Nièvre inclusive » : porteur modifié (Nièvre → Porté seulement par la préfecture)",
      "Feuille de route « Nièvre inclusive » : périmètre modifié (Départemental → EPCI : CC Amognes et CC Loire et Allier)",
      "Feuille de route « Nièvre inclusive » : contrat préexistant modifié (Non → CRTE)",
    ]);
    // The same EPCI in another order: the same périmètre.
    expect(decrireModification("feuillesDeRoute", { feuilles: [modifiee] }, { feuilles: [{ ...modifiee, perimetre: { type: "epci", epci: ["245804", "200067"] } }] })).toEqual([AUCUNE_DIFFERENCE_VISIBLE]);
    // Without the référentiel, the codes are shown.
    expect(decrireModification("feuillesDeRoute", { feuilles: [modifiee] }, { feuilles: [{ ...modifiee, perimetre: { type: "communes", communes: ["58001"] }, contrat: { existe: true, type: "Autre", precision: "Contrat local" } }] })).toEqual([
      "Feuille de route « Nièvre inclusive » : périmètre modifié (EPCI : 200067 et 245804 → Communes : 58001)",
      "Feuille de route « Nièvre inclusive » : contrat préexistant modifié (CRTE → Autre (Contrat local))",
    ]);
  });

  it("étant donné la coordination, quand une structure recruteuse est ajoutée ou retirée, alors elle est nommée", () => {
    const avant = { recruteurs: [{ cle: NEVERS, nom: "Nevers" }] };
    expect(decrireModification("coordination", avant, { recruteurs: [{ cle: "siret:13002526500013", nom: "Association Numérique", siret: "13002526500013" }] })).toEqual([
      "Collectivité ou structure recruteuse ajoutée : Association Numérique",
      "Collectivité ou structure recruteuse retirée : Nevers",
    ]);
  });

  it("étant donné la note de contexte, quand son texte change, alors sa longueur avant et après ; quand seule la mise en forme change, alors elle le dit", () => {
    const avant = { note: note("Contexte.") };
    expect(decrireModification("noteDeContexte", avant, { note: note("Contexte.", "Deuxième paragraphe.") })).toEqual(["Note de contexte modifiée (9 caractères → 30)"]);
    const gras: DocumentNote = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Contexte.", marks: [{ type: "bold" }] }] }] };
    expect(decrireModification("noteDeContexte", avant, { note: gras })).toEqual(["Note de contexte : mise en forme modifiée"]);
    expect(decrireModification("noteDeContexte", { note: note("x".repeat(1500)) }, { note: note("x") })).toEqual([`Note de contexte modifiée (1${"\u202f"}500 caractères → 1)`]);
  });

  it("étant donné deux contenus identiques, alors une seule ligne dit qu'aucune différence n'est visible", () => {
    const contenu = { sansCoPorteur: true, coPorteurs: [] };
    expect(decrireModification("coPorteurs", contenu, { ...contenu })).toEqual([AUCUNE_DIFFERENCE_VISIBLE]);
  });
});
