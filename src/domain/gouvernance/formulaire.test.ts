import { describe, expect, it } from "vitest";
import { erreursPerimetresBloquantes, lireSection, membresRetiresProteges, verifierGouvernance, type ContenusGouvernance, type Membre } from "./formulaire";
import type { Perimetre, ReferentielPerimetre } from "./perimetres";

const REFERENTIEL: ReferentielPerimetre = {
  communes: [
    { code: "58001", nom: "Achun" },
    { code: "58002", nom: "Alligny-Cosne" },
  ],
  epci: [{ code: "200067", nom: "CC Amognes", communes: ["58001", "58002"] }],
};
const NIEVRE = "collectivite:departement:58";
const COMMUNE = "candidat:0b6a4c1e-2f1d-4d7a-9c43-1b2a3c4d5e6f";
const MEMBRES: Membre[] = [
  { cle: NIEVRE, nom: "Conseil départemental de la Nièvre", type: "departement", origine: "prefecture" },
  { cle: COMMUNE, nom: "Achun", type: "commune", origine: "candidat" },
];
const NOTE = { type: "doc" as const, content: [{ type: "paragraph" as const, content: [{ type: "text" as const, text: "Contexte." }] }] };

function complete(): ContenusGouvernance {
  return {
    sousPrefet: { prenom: "Claire", nom: "Dupont", email: "claire.dupont@nievre.gouv.fr" },
    coPorteurs: { sansCoPorteur: false, coPorteurs: [NIEVRE] },
    membres: { membres: MEMBRES },
    comitologie: { comites: [] },
    feuillesDeRoute: { feuilles: [{ id: "f1", nom: "Nièvre numérique", porteur: NIEVRE, perimetre: { type: "departemental" }, contrat: { existe: false } }] },
    coordination: { recruteurs: [{ cle: NIEVRE, nom: "Conseil départemental de la Nièvre" }] },
    noteDeContexte: { note: NOTE },
  };
}

describe("formulaire de la gouvernance : chaque section lue avec ses messages", () => {
  it("sous-préfet référent : prénom, nom, email requis ; email valide", () => {
    expect(lireSection("sousPrefet", {})).toEqual({
      ok: false,
      erreurs: {
        prenom: "Veuillez renseigner le prénom du sous-préfet référent.",
        nom: "Veuillez renseigner le nom du sous-préfet référent.",
        email: "Veuillez renseigner l'email du sous-préfet référent.",
      },
    });
    expect(lireSection("sousPrefet", { prenom: "Claire", nom: "Dupont", email: "claire@" })).toEqual({ ok: false, erreurs: { email: "Veuillez renseigner un email valide." } });
    expect(lireSection("sousPrefet", { prenom: " Claire ", nom: "Dupont", email: "Claire.Dupont@Nievre.gouv.fr", extra: "<script>" })).toEqual({
      ok: true,
      contenu: { prenom: "Claire", nom: "Dupont", email: "claire.dupont@nievre.gouv.fr" },
    });
    expect(lireSection("sousPrefet", { prenom: "x".repeat(201), nom: "D", email: "a@b.fr" })).toEqual({ ok: false, erreurs: { prenom: "200 caractères au plus." } });
  });

  it("co-porteurs : des membres ou « Pas de co-porteur », pas les deux", () => {
    expect(lireSection("coPorteurs", { sansCoPorteur: true, coPorteurs: [NIEVRE] })).toEqual({
      ok: false,
      erreurs: { sansCoPorteur: "« Pas de co-porteur de la gouvernance » ne peut pas être coché avec des co-porteurs." },
    });
    expect(lireSection("coPorteurs", { coPorteurs: ["n'importe quoi"] })).toEqual({ ok: false, erreurs: { "coPorteurs.0": "Membre invalide." } });
    expect(lireSection("coPorteurs", { sansCoPorteur: true })).toEqual({ ok: true, contenu: { sansCoPorteur: true, coPorteurs: [] } });
  });

  it("membres : clé, nom, type ; pas de doublon ; un SIRET valide", () => {
    const r = lireSection("membres", {
      membres: [
        { cle: NIEVRE, nom: "CD 58", type: "departement" },
        { cle: NIEVRE, nom: "CD 58", type: "departement" },
        { cle: "siret:12345678901234", nom: "Asso", type: "structure" },
        { cle: COMMUNE, nom: "", type: "ville" },
      ],
    });
    expect(r).toEqual({
      ok: false,
      erreurs: {
        "membres.1": "Ce membre est déjà dans la liste.",
        "membres.2": "Le numéro SIRET de cette structure n'est pas valide.",
        "membres.3.nom": "Veuillez renseigner le nom du membre.",
        "membres.3.type": "Type de membre invalide.",
      },
    });
    const ok = lireSection("membres", { membres: [{ cle: COMMUNE, nom: "Achun", type: "commune", origine: "prefecture" }] });
    // The origin comes from the key, never from what the browser says.
    expect(ok).toEqual({ ok: true, contenu: { membres: [{ cle: COMMUNE, nom: "Achun", type: "commune", origine: "candidat" }] } });
  });

  it("comitologie : type, « Précisez » pour Autre, fréquence ; commentaire facultatif ; aucun comité permis", () => {
    expect(lireSection("comitologie", { comites: [{ id: "c1" }, { id: "c2", type: "autre", frequence: "hebdomadaire" }] })).toEqual({
      ok: false,
      erreurs: {
        "comites.0.type": "Veuillez choisir le type de comité.",
        "comites.0.frequence": "Veuillez choisir la fréquence du comité.",
        "comites.1.precision": "Veuillez préciser le type de comité.",
        "comites.1.frequence": "Veuillez choisir la fréquence du comité.",
      },
    });
    expect(lireSection("comitologie", {})).toEqual({ ok: true, contenu: { comites: [] } });
    expect(lireSection("comitologie", { comites: [{ id: "c1", type: "technique", frequence: "annuelle", commentaire: "  " }] })).toEqual({
      ok: true,
      contenu: { comites: [{ id: "c1", type: "technique", frequence: "annuelle" }] },
    });
  });

  it("feuilles de route : nom, porteur, périmètre, contrat préexistant et son type", () => {
    expect(lireSection("feuillesDeRoute", { feuilles: [{ id: "f1", contrat: { existe: true, type: "Autre" } }, { id: "f 2", nom: "x", porteur: null, perimetre: { type: "epci", epci: [] } }] })).toEqual({
      ok: false,
      erreurs: {
        "feuilles.0.nom": "Veuillez renseigner le nom de la feuille de route.",
        "feuilles.0.porteur": "Veuillez renseigner le porteur de la feuille de route.",
        "feuilles.0.perimetre": "Veuillez choisir le périmètre géographique de la feuille de route.",
        "feuilles.0.contrat.precision": "Veuillez préciser le contrat.",
        "feuilles.1.perimetre.epci": "Veuillez préciser l'EPCI ou les EPCI de la feuille de route.",
        "feuilles.1.contrat": "Veuillez indiquer si la feuille de route s'appuie sur un contrat préexistant.",
        "feuilles.1.id": "Identifiant invalide.",
      },
    });
    expect(lireSection("feuillesDeRoute", { feuilles: [{ id: "f1", nom: "x", porteur: null, perimetre: { type: "communes", communes: ["58001", "58001"] }, contrat: { existe: true, type: "PLU" } }] })).toEqual({
      ok: false,
      erreurs: { "feuilles.0.contrat.type": "Veuillez sélectionner le type de contrat." },
    });
    const base = { id: "f1", nom: "x", porteur: null, contrat: { existe: false } };
    expect(lireSection("feuillesDeRoute", { feuilles: [{ ...base, perimetre: { type: "communes", communes: [] } }] })).toEqual({
      ok: false,
      erreurs: { "feuilles.0.perimetre.communes": "Veuillez choisir au moins une commune." },
    });
    expect(lireSection("feuillesDeRoute", { feuilles: [{ ...base, perimetre: { type: "communes", communes: ["58001", "<script>"] } }] })).toEqual({
      ok: false,
      erreurs: { "feuilles.0.perimetre.communes": "Code invalide." },
    });
    expect(lireSection("feuillesDeRoute", { feuilles: [{ ...base, perimetre: { type: "epci", epci: "200067" } }] })).toEqual({
      ok: false,
      erreurs: { "feuilles.0.perimetre.epci": "Liste attendue." },
    });
    expect(lireSection("feuillesDeRoute", { feuilles: Array.from({ length: 501 }, (_, i) => ({ ...base, id: `f${i}` })) })).toEqual({ ok: false, erreurs: { feuilles: "500 éléments au plus." } });
    const ok = lireSection("feuillesDeRoute", { feuilles: [{ id: "f1", nom: "Sud", porteur: null, perimetre: { type: "communes", communes: ["58001", "58001"] }, contrat: { existe: true, type: "CRTE" } }] });
    expect(ok.ok && ok.contenu.feuilles[0]?.perimetre).toEqual({ type: "communes", communes: ["58001"] });
  });

  it("coordination : des collectivités ou structures, sans doublon", () => {
    expect(lireSection("coordination", { recruteurs: [{ cle: NIEVRE, nom: "CD" }, { cle: NIEVRE, nom: "CD" }, { cle: "x", nom: "" }] })).toEqual({
      ok: false,
      erreurs: {
        "recruteurs.1": "Cette collectivité ou structure est déjà dans la liste.",
        "recruteurs.2": "Collectivité ou structure invalide.",
        "recruteurs.2.nom": "Veuillez renseigner le nom de la collectivité ou de la structure.",
      },
    });
  });

  it("note de contexte : un document de la liste fermée, sinon la raison", () => {
    expect(lireSection("noteDeContexte", { note: { type: "doc", content: [{ type: "html", content: "<b>" }] } })).toEqual({ ok: false, erreurs: { note: "La note n'a pas pu être lue : élément refusé : html." } });
    expect(lireSection("noteDeContexte", { note: NOTE })).toEqual({ ok: true, contenu: { note: NOTE } });
  });
});

describe("formulaire de la gouvernance : règles entre sections et complétude", () => {
  it("une gouvernance complète l'est, scénario reconnu", () => {
    const v = verifierGouvernance(complete(), REFERENTIEL);
    expect(v.complete).toBe(true);
    expect(v.scenario).toBe(1);
    expect([...v.membresProteges.entries()]).toEqual([[NIEVRE, "coPorteur et porteur"]]);
  });

  it("vide : chaque section dit ce qui manque, sauf la comitologie qui peut rester vide", () => {
    const v = verifierGouvernance({}, REFERENTIEL);
    expect(v.complete).toBe(false);
    expect(Object.fromEntries(Object.entries(v.sections).map(([s, e]) => [s, e.erreurs]))).toEqual({
      sousPrefet: ["Veuillez renseigner le contact du sous-préfet référent."],
      coPorteurs: ["Veuillez renseigner les co-porteurs de la gouvernance."],
      membres: ["Veuillez renseigner les membres de la gouvernance."],
      comitologie: [],
      feuillesDeRoute: ["Veuillez renseigner au moins une feuille de route."],
      coordination: ["Veuillez renseigner au moins une collectivité/structure."],
      noteDeContexte: ["Veuillez renseigner la note de contexte."],
    });
  });

  it("un co-porteur ou un porteur non membre, « Porté seulement par la préfecture » avec des co-porteurs, une note vide, des périmètres qui se chevauchent", () => {
    const g = complete();
    g.coPorteurs = { sansCoPorteur: false, coPorteurs: ["siret:73282932000074"] };
    g.feuillesDeRoute = {
      feuilles: [
        { id: "f1", nom: "Est", porteur: null, perimetre: { type: "epci", epci: ["200067"] }, contrat: { existe: false } },
        { id: "f2", nom: "Ouest", porteur: "collectivite:commune:58002", perimetre: { type: "communes", communes: ["58001"] }, contrat: { existe: false } },
      ],
    };
    g.noteDeContexte = { note: { type: "doc", content: [{ type: "paragraph" }] } };
    const v = verifierGouvernance(g, REFERENTIEL);
    expect(v.sections.coPorteurs.erreurs).toEqual(["Le co-porteur siret:73282932000074 doit être membre de la gouvernance."]);
    expect(v.sections.feuillesDeRoute.erreurs).toEqual([
      "La feuille de route « Est » ne peut être portée seulement par la préfecture que si la gouvernance n'a pas de co-porteur.",
      "Le porteur de la feuille de route « Ouest » doit être membre de la gouvernance.",
      "Les feuilles de route « Est » et « Ouest » couvrent toutes deux la commune : Achun. Deux feuilles de route infra-départementales ne peuvent pas couvrir un même territoire.",
    ]);
    expect(v.erreursPerimetres.map((e) => e.code)).toEqual(["chevauchement"]);
    expect(v.sections.noteDeContexte.erreurs).toEqual(["Veuillez renseigner la note de contexte."]);
  });

  it("retirer un membre qui tient un rôle est refusé, en le nommant avec son rôle", () => {
    const g = complete();
    g.feuillesDeRoute = { feuilles: [{ id: "f1", nom: "Nièvre", porteur: COMMUNE, perimetre: { type: "departemental" }, contrat: { existe: false } }] };
    expect(membresRetiresProteges(g, [], REFERENTIEL)).toEqual([
      { cle: NIEVRE, nom: "Conseil départemental de la Nièvre", role: "co-porteur de la gouvernance" },
      { cle: COMMUNE, nom: "Achun", role: "porteur d'une feuille de route" },
    ]);
    expect(membresRetiresProteges(g, MEMBRES, REFERENTIEL)).toEqual([]);
  });

  describe("périmètres qui empêchent l'enregistrement des feuilles de route", () => {
    const feuille = (id: string, perimetre: Perimetre) => ({
      id,
      nom: `Feuille ${id}`,
      porteur: null,
      perimetre,
      contrat: { existe: false as const },
    });
    it("étant donné deux feuilles infra-départementales sur la même commune, alors l'enregistrement est refusé en nommant la commune", () => {
      const erreurs = erreursPerimetresBloquantes(REFERENTIEL, [feuille("a", { type: "communes", communes: ["58001"] }), feuille("b", { type: "epci", epci: ["200067"] })]);
      expect(Object.values(erreurs)).toEqual([
        "Les feuilles de route « Feuille a » et « Feuille b » couvrent toutes deux la commune : Achun. Deux feuilles de route infra-départementales ne peuvent pas couvrir un même territoire.",
      ]);
    });
    it("étant donné deux feuilles départementales, alors l'enregistrement est refusé", () => {
      expect(Object.values(erreursPerimetresBloquantes(REFERENTIEL, [feuille("a", { type: "departemental" }), feuille("b", { type: "departemental" })]))).toHaveLength(1);
    });
    it("étant donné une couverture encore incomplète (scénario 3 en cours), alors l'enregistrement reste possible", () => {
      expect(erreursPerimetresBloquantes(REFERENTIEL, [feuille("a", { type: "communes", communes: ["58001"] })])).toEqual({});
      expect(erreursPerimetresBloquantes(REFERENTIEL, [])).toEqual({});
    });
  });
});
