import * as bibliotheque from "@gouvfr-anct/lieux-de-mediation-numerique";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detecterVersion, lireLieu, normaliserTelephone } from "./lieux";
import {
  categorieDesTypologies,
  COLONNES_V1,
  DISPOSITIFS_PROGRAMMES_NATIONAUX,
  FORMATIONS_LABELS,
  FRAIS_A_CHARGE,
  ITINERANCES,
  MODALITES_ACCES,
  MODALITES_ACCOMPAGNEMENT,
  PRISES_EN_CHARGE_SPECIFIQUES,
  PUBLICS_SPECIFIQUEMENT_ADRESSES,
  SERVICES,
  TYPOLOGIES,
} from "./lieux-standard";

const V1 = {
  id: "mediatheque-nevers-1",
  pivot: "21580194800015",
  nom: "Médiathèque  Jean Jaurès",
  commune: "Nevers",
  code_postal: "58000",
  code_insee: "58194",
  adresse: "1 rue de la Préfecture",
  latitude: "46.9896",
  longitude: "3.159",
  typologie: "BIB|MUNI",
  telephone: "+33386000000",
  courriels: "accueil@mediatheque.example|pas-une-adresse",
  site_web: "https://mediatheque.example",
  date_maj: "2024-06-01",
  services: "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien|Réparer les vélos",
  frais_a_charge: "Gratuit",
  dispositif_programmes_nationaux: "Conseillers numériques|France Services",
  formations_labels: "Étapes numériques(La Poste)",
  autres_formations_labels: "QPV|Label local",
  modalites_accompagnement: "Dans un atelier collectif|En autonomie",
};

describe("la version du standard se lit dans les colonnes", () => {
  it("v1.0.x, v0.1, ou rien qui la dise", () => {
    expect(detecterVersion(COLONNES_V1)).toBe("v1");
    expect(detecterVersion(["id", "nom", "courriel", "services", "publics_accueillis", "conditions_acces"])).toBe("v0");
    expect(detecterVersion(["ID", " Courriels "])).toBe("v1");
    expect(detecterVersion(["id", "nom", "commune"])).toBeNull();
  });
});

describe("une ligne v1", () => {
  it("est gardée, ses valeurs hors liste retirées et signalées, ses catégories dérivées", () => {
    const r = lireLieu(V1, "v1");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lieu.nom).toBe("Médiathèque Jean Jaurès");
    expect(r.lieu.latitude).toBeCloseTo(46.9896);
    expect(r.lieu.typologie).toEqual(["BIB", "MUNI"]);
    expect(r.lieu.courriels).toEqual(["accueil@mediatheque.example"]);
    expect(r.lieu.services).toEqual(["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]);
    expect(r.lieu.formations_labels).toEqual(["Étapes numériques (La Poste)"]);
    expect(r.lieu.dispositif_programmes_nationaux).toEqual(["Conseillers numériques", "France Services"]);
    expect(r.derivees).toEqual({ categorie: "public-commune", qpv: true, frr: false });
    expect(r.corrections.map((c) => [c.champ, c.valeur])).toEqual([
      ["courriels", "pas-une-adresse"],
      ["services", "Réparer les vélos"],
    ]);
    for (const c of r.corrections) expect(c.raison).toMatch(/ignorée/);
  });

  it("corrige ce qui peut l'être et le dit : téléphone, code postal à 4 chiffres, coordonnées, ancienne typologie, résumé trop long", () => {
    const r = lireLieu({ ...V1, telephone: "03 86 00 00 00", code_postal: "8000", latitude: "146", typologie: "PE|XYZ", presentation_resume: "x".repeat(400) }, "v1");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lieu.telephone).toBe("+33386000000");
    expect(r.lieu.code_postal).toBe("08000");
    expect(r.lieu.latitude).toBeNull();
    expect(r.lieu.longitude).toBeNull();
    expect(r.lieu.typologie).toEqual(["FT"]);
    expect(r.derivees.categorie).toBe("public-autre");
    expect(r.lieu.presentation_resume).toHaveLength(280);
    expect(r.lieu.presentation_detail).toBe("x".repeat(400));
    expect(r.corrections.map((c) => c.champ).sort()).toEqual(["code_postal", "courriels", "latitude", "presentation_resume", "services", "telephone", "typologie"]);
    expect(r.corrections.find((c) => c.champ === "typologie")?.valeur).toBe("XYZ");
  });

  it("perd les caractères NUL et remplace les demi-paires UTF-16 (possibles dans un JSON) que la base ne peut garder", () => {
    const r = lireLieu({ ...V1, nom: "Média\u0000thèque \ud800 \udfff ok 😀" }, "v1");
    expect(r.ok && r.lieu.nom).toBe("Médiathèque \uFFFD \uFFFD ok 😀");
  });

  it("est rejetée sans identifiant, sans nom, ou sans rien pour la situer", () => {
    const sansId = lireLieu({ ...V1, id: "" }, "v1");
    expect(sansId.ok).toBe(false);
    if (!sansId.ok) expect(sansId.problemes[0]?.champ).toBe("id");
    const sansNom = lireLieu({ ...V1, nom: "  " }, "v1");
    expect(!sansNom.ok && sansNom.problemes[0]?.raison).toMatch(/Nom du lieu manquant/);
    const nulle = lireLieu({ id: "a", nom: "b" }, "v1");
    expect(!nulle.ok && nulle.problemes[0]?.raison).toMatch(/ne peut être situé/);
  });
});

describe("une ligne v0.1 est convertie en v1 selon la correspondance officielle", () => {
  it("services, publics, conditions d'accès, accompagnement, labels", () => {
    const r = lireLieu(
      {
        id: "0",
        nom: "MAISON DE SERVICES AU PUBLIC",
        commune: "ABONDANCE",
        code_postal: "74360",
        adresse: "PLACE DU CHAMP DE FOIRE",
        services: "Accéder à une connexion internet;Accéder à du matériel;Accompagner les démarches de santé;Créer avec le numérique",
        publics_accueillis: "Adultes;Seniors (+ 65 ans);Handicaps mentaux : déficiences limitant les activités d'une personne;Public langues étrangères",
        conditions_acces: "Gratuit : Je peux accéder gratuitement au lieu et à ses services;Adhésion : L'accès au lieu nécessite une adhésion",
        modalites_accompagnement: "Avec de l'aide : je suis accompagné seul dans l'usage du numérique;Seul : j'ai accès à du matériel",
        labels_nationaux: "CNFS;France Services;APTIC;Fabriques de Territoire",
        labels_autres: "QPV",
        courriel: "Contact@Msap.example",
        pivot: "00000000000000",
        date_maj: "2021-05-05",
        horaires: "Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00",
      },
      "v0",
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lieu.services).toEqual(["Accès internet et matériel informatique", "Aide aux démarches administratives", "Loisirs et créations numériques"]);
    expect(r.lieu.publics_specifiquement_adresses).toEqual(["Seniors"]);
    expect(r.lieu.prise_en_charge_specifique).toEqual(["Handicaps mentaux", "Langues étrangères (autres)"]);
    expect(r.lieu.frais_a_charge).toEqual(["Gratuit", "Payant"]);
    expect(r.lieu.modalites_accompagnement).toEqual(["Accompagnement individuel", "En autonomie"]);
    expect(r.lieu.dispositif_programmes_nationaux).toEqual(["Conseillers numériques", "France Services"]);
    expect(r.lieu.formations_labels).toEqual(["Fabriques de Territoire"]);
    expect(r.lieu.autres_formations_labels).toEqual(["QPV", "APTIC"]);
    expect(r.lieu.courriels).toEqual(["contact@msap.example"]);
    expect(r.lieu.pivot).toBeNull();
    // The opening hours keep their own ";" (not a list).
    expect(r.lieu.horaires).toBe("Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00");
    expect(r.derivees.qpv).toBe(true);
    expect(r.corrections).toEqual([]);
  });
});

describe("les listes du standard", () => {
  it("sont celles de la bibliothèque de référence 2.3 (@gouvfr-anct/lieux-de-mediation-numerique)", () => {
    const valeurs = (e: object) => Object.values(e).sort();
    expect([...SERVICES].sort()).toEqual(valeurs(bibliotheque.Service));
    expect([...PUBLICS_SPECIFIQUEMENT_ADRESSES].sort()).toEqual(valeurs(bibliotheque.PublicSpecifiquementAdresse));
    expect([...PRISES_EN_CHARGE_SPECIFIQUES].sort()).toEqual(valeurs(bibliotheque.PriseEnChargeSpecifique));
    expect([...FRAIS_A_CHARGE].sort()).toEqual(valeurs(bibliotheque.Frais));
    expect([...MODALITES_ACCES].sort()).toEqual(valeurs(bibliotheque.ModaliteAcces));
    expect([...MODALITES_ACCOMPAGNEMENT].sort()).toEqual(valeurs(bibliotheque.ModaliteAccompagnement));
    expect([...ITINERANCES].sort()).toEqual(valeurs(bibliotheque.Itinerance));
    expect([...DISPOSITIFS_PROGRAMMES_NATIONAUX].sort()).toEqual(valeurs(bibliotheque.DispositifProgrammeNational));
    expect([...FORMATIONS_LABELS].sort()).toEqual(valeurs(bibliotheque.FormationLabel));
    expect(Object.keys(TYPOLOGIES).sort()).toEqual(valeurs(bibliotheque.Typologie));
  });

  it("chaque code de typologie compte dans une catégorie du tableau de bord ; sans typologie : « Non défini »", () => {
    for (const code of Object.keys(TYPOLOGIES)) expect(categorieDesTypologies([code])).not.toBe("non-defini");
    expect(categorieDesTypologies([])).toBe("non-defini");
    expect(categorieDesTypologies(["INCONNU", "CCAS"])).toBe("public-commune");
    expect(categorieDesTypologies(["CC"])).toBe("public-epci");
    expect(categorieDesTypologies(["MDPH"])).toBe("public-departement");
    expect(categorieDesTypologies(["ASSO"])).toBe("association");
    expect(categorieDesTypologies(["TIERS_LIEUX"])).toBe("prive");
  });

  it("téléphones : formats français ramenés au format international, le reste refusé", () => {
    expect(normaliserTelephone("01.23.45.67.89")).toBe("+33123456789");
    expect(normaliserTelephone("+262 262 00 00 00")).toBe("+262262000000");
    expect(normaliserTelephone("0033 1 23 45 67 89")).toBe("+33123456789");
    expect(normaliserTelephone("12345")).toBeNull();
  });
});

describe("une ligne hostile", () => {
  const hostile = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom("=HYPERLINK(\"http://x\")", "+33;DROP TABLE lieux;--", "<script>alert(1)</script>", "\u0000\uFFFF\uD800", "", "   ", "|||", ";;;", "NaN", "Infinity", "-1e400"),
    fc.string({ minLength: 3000, maxLength: 5000 }),
  );
  it("ne fait jamais lever d'exception ; gardée, elle garde le texte tel quel ; rejetée, elle dit pourquoi en français", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...COLONNES_V1, "courriel", "publics_accueillis", "labels_nationaux"), hostile), fc.constantFrom("v0" as const, "v1" as const), (brut, version) => {
        const r = lireLieu(brut, version);
        if (r.ok) {
          expect(r.lieu.nom.length).toBeGreaterThan(0);
          expect(r.lieu.nom.length).toBeLessThanOrEqual(250);
          // The text as written, less what no database keeps: NUL removed, a lone surrogate made U+FFFD.
          const ecrit = String(brut.nom)
            .replace(/\u0000/g, "")
            .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
            .replace(/\s+/g, " ")
            .trim();
          expect(ecrit).toBe(r.lieu.nom);
          if (r.lieu.latitude !== null) expect(Math.abs(r.lieu.latitude)).toBeLessThanOrEqual(90);
          for (const c of r.corrections) expect(c.raison).toMatch(/[a-zé]/);
        } else {
          expect(r.problemes.length).toBeGreaterThan(0);
          for (const p of r.problemes) expect(p.raison).toMatch(/\.$/);
        }
      }),
      { numRuns: 400 },
    );
  });
});
