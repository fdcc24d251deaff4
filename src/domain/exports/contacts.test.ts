import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { celluleCsv, COLONNES_CONTACTS, dateDeDepot, heureMurale, ligneCsv, neutraliser, nomDuFichier, typeDeContact, valeursDeContact } from "./contacts";

const contact = {
  deposeLe: new Date("2026-07-14T22:30:00Z"),
  organisation: "Communauté de communes Cœur de Loire",
  typologie: "epci",
  manifestation: "partenaire",
  nomPorteur: "Nièvre",
  nom: "Lefèvre",
  prenom: "Anaïs",
  fonction: "Présidente",
  role: "partenaire",
  email: "anais.lefevre@coeurdeloire.fr",
  codeSiret: null,
  codeInsee: "200067213",
};

describe("export des contacts", () => {
  it("a les 11 colonnes de la spécification, en français", () => {
    expect(COLONNES_CONTACTS).toHaveLength(11);
    expect(valeursDeContact(contact)).toEqual([
      "15/07/2026 00:30",
      "Communauté de communes Cœur de Loire",
      "EPCI",
      "Partenaire suggéré par un porteur",
      "Nièvre",
      "LEFÈVRE Anaïs",
      "Présidente",
      "",
      "anais.lefevre@coeurdeloire.fr",
      "",
      "200067213",
    ]);
  });

  it("donne le type de contact : rôle du déclarant, « Politique » pour un département partenaire, rien pour les autres partenaires", () => {
    expect(typeDeContact({ role: "technique", typologie: "commune" })).toBe("Technique");
    expect(typeDeContact({ role: "structure", typologie: "structure" })).toBe("Structure");
    expect(typeDeContact({ role: "partenaire", typologie: "departement" })).toBe("Politique");
    expect(typeDeContact({ role: "partenaire", typologie: "commune" })).toBe("");
  });

  it("écrit les dates à l'heure de Paris (été comme hiver)", () => {
    expect(dateDeDepot(new Date("2026-01-15T08:05:00Z"))).toBe("15/01/2026 09:05");
    expect(heureMurale(new Date("2026-07-14T22:30:00Z")).toISOString()).toBe("2026-07-15T00:30:00.000Z");
  });

  it("neutralise les formules et garde le texte intact", () => {
    for (const debut of ["=", "+", "-", "@", "\t", "\r"]) expect(neutraliser(`${debut}1+1`)).toBe(`'${debut}1+1`);
    expect(neutraliser("Saint-Denis")).toBe("Saint-Denis");
    expect(celluleCsv('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(ligneCsv(["a;b", "c"], "point-virgule")).toBe('"a;b";"c"\r\n');
    expect(ligneCsv(["a", "b"], "virgule")).toBe('"a","b"\r\n');
  });

  it("une cellule relue par un lecteur CSV redonne la valeur, sans formule active", () => {
    fc.assert(
      fc.property(fc.string(), (v) => {
        const cellule = celluleCsv(v);
        // Read back: strip the quotes, undouble the inner ones.
        const relue = cellule.slice(1, -1).replace(/""/g, '"');
        expect(relue === v || relue === `'${v}`).toBe(true);
        expect(/^[=+\-@\t\r]/.test(relue)).toBe(false);
      }),
    );
  });

  it("nomme le fichier avec la portée et la date", () => {
    const le = new Date("2026-11-29T13:05:00Z");
    expect(nomDuFichier({ type: "departement", code: "58" }, le, "csv")).toBe("france-numerique-ensemble_contacts_departement-58_2026-11-29-14-05.csv");
    expect(nomDuFichier({ type: "region", code: "27" }, le, "xlsx")).toBe("france-numerique-ensemble_contacts_region-27_2026-11-29-14-05.xlsx");
    expect(nomDuFichier({ type: "national", code: null }, le, "csv")).toBe("france-numerique-ensemble_contacts_national_2026-11-29-14-05.csv");
  });
});
