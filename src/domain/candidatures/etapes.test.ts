import { describe, expect, it } from "vitest";
import { apresInformations, etapeAffichee, etapeCourante, etapesAccessibles, etapeTerminee, lireEtapes, titreEtape } from "./etapes";

const LE = "2026-11-29T10:00:00.000Z";

describe("étapes du formulaire « Porter »", () => {
  it("commence par l'étape 1 et avance avec ce qui est enregistré", () => {
    expect(etapeCourante({}, undefined)).toBe("informations");
    const apres1 = apresInformations({}, "58", LE);
    expect(etapeCourante(apres1, "58")).toBe("perimetre");
    expect(etapeCourante({ ...apres1, perimetre: LE }, "58")).toBe("contacts");
    expect(etapeCourante({ ...apres1, perimetre: LE, contacts: LE }, "58")).toBe("structures");
    expect(etapeCourante({ ...apres1, perimetre: LE, contacts: LE, structures: LE }, "58")).toBe("recapitulatif");
  });

  it("revient à l'étape 1 quand la collectivité choisie n'est plus celle qui a été vérifiée", () => {
    const toutes = { ...apresInformations({}, "58", LE), perimetre: LE, contacts: LE, structures: LE };
    expect(etapeCourante(toutes, "89")).toBe("informations");
    expect(etapeCourante(toutes, undefined)).toBe("informations");
    expect(etapeTerminee("perimetre", toutes, "89")).toBe(false);
  });

  it("une autre collectivité validée à l'étape 1 fait confirmer de nouveau les étapes suivantes ; la même les garde", () => {
    const toutes = { ...apresInformations({}, "58", LE), perimetre: LE, contacts: LE, structures: LE };
    expect(apresInformations(toutes, "58", "2026-11-30T00:00:00.000Z")).toEqual({ ...toutes, informations: "2026-11-30T00:00:00.000Z" });
    expect(apresInformations(toutes, "89", LE)).toEqual({ informations: LE, codeValide: "89" });
  });

  it("donne accès aux étapes précédentes, pas aux suivantes", () => {
    const deux = { ...apresInformations({}, "58", LE), perimetre: LE };
    expect(etapesAccessibles(deux, "58")).toEqual(["informations", "perimetre", "contacts"]);
    expect(etapeAffichee("informations", deux, "58")).toBe("informations");
    expect(etapeAffichee("recapitulatif", deux, "58")).toBe("contacts");
    expect(etapeAffichee("n'importe quoi", deux, "58")).toBe("contacts");
    expect(etapeAffichee(undefined, deux, "58")).toBe("contacts");
  });

  it("lit la valeur enregistrée sans lui faire confiance", () => {
    expect(lireEtapes(null)).toEqual({});
    expect(lireEtapes({ informations: 3, perimetre: "", contacts: LE, autre: LE })).toEqual({ contacts: LE });
  });

  it("porte les titres du formulaire", () => {
    expect(titreEtape("informations", "EPCI")).toBe("Renseignez votre EPCI");
    expect(titreEtape("perimetre", "région")).toBe("Périmètre de votre feuille de route");
    expect(titreEtape("contacts", "région")).toBe("Contacts des collectivités partenaires");
    expect(titreEtape("structures", "région")).toBe("Autres structures impliquées");
    expect(titreEtape("recapitulatif", "région")).toBe("Récapitulatif");
  });
});
