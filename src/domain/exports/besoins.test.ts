import { describe, expect, it } from "vitest";
import type { BesoinsDUnDepartement } from "../besoins/synthese";
import { cellulesParBesoin, cellulesXlsxBesoin, COLONNES_BESOINS, csvBesoins, lignesDExportBesoins, nomDuFichierBesoins, valeursCsvBesoin } from "./besoins";

const LE = new Date("2026-11-29T13:05:00Z");

const COTE_D_OR: BesoinsDUnDepartement = {
  code: "21",
  nom: "Côte-d'Or",
  besoins: [
    { categorie: "formation", item: "agentsPublics", personnes: 1200, rang: 3 },
    { categorie: "outillage", item: "autre", precision: "=HYPERLINK(\"http://x\")", etp: 0.5, rang: null },
    { categorie: "formalisation", item: "redaction", etp: 1, prestation: true, rang: 2 },
  ],
  rangRessourceHumaine: 1,
  classementEnregistreLe: LE,
  demonstration: false,
};

const YONNE: BesoinsDUnDepartement = {
  code: "89",
  nom: "Yonne",
  besoins: [{ categorie: "financement", item: "fondsLocal", prestation: true, rang: 1 }],
  rangRessourceHumaine: null,
  classementEnregistreLe: null,
  demonstration: true,
};

describe("export national des besoins", () => {
  it("étant donné deux départements, alors une ligne par département et par besoin, dans l'ordre du catalogue, avec les rangs du classement enregistré seulement", () => {
    const lignes = lignesDExportBesoins([COTE_D_OR, YONNE]);
    expect(lignes.map((l) => [l.code, l.besoin, l.prestation, l.rang, l.rangRessourceHumaine])).toEqual([
      ["21", "Rédiger la feuille de route", "Oui", 2, 1],
      ["21", "Autre", "Non", null, 1],
      ["21", "Former les agents publics à l'inclusion numérique (ex : secrétaires de mairie, travailleurs sociaux..)", "", 3, null],
      // Not ranked yet: the provisional rank stays out of the file.
      ["89", "Structurer un fonds local pour l'inclusion numérique", "Oui", null, null],
    ]);
    expect(lignes[1]).toMatchObject({ categorie: "Outils des acteurs du territoire", precision: '=HYPERLINK("http://x")', etp: 0.5 });
  });

  it("en CSV : les valeurs en texte français (virgule décimale, date de Paris), la formule neutralisée, le BOM et l'en-tête", () => {
    const lignes = lignesDExportBesoins([COTE_D_OR]);
    expect(valeursCsvBesoin(lignes[0] as (typeof lignes)[0])).toEqual(["21", "Côte-d'Or", "Formaliser les feuilles de route", "Rédiger la feuille de route", "", "1", "Oui", "", "2", "1", "29/11/2026 14:05"]);
    const csv = csvBesoins(lignes, "point-virgule");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [entete, , autre, formation] = csv.slice(1).split("\r\n");
    expect(entete).toBe(COLONNES_BESOINS.map((c) => `"${c}"`).join(";"));
    expect(autre).toContain(`;"'=HYPERLINK(""http://x"")";"0,5";"Non";`);
    expect(formation).toContain(`;"1200";`);
    expect(csvBesoins(lignes, "virgule").split("\r\n")[0]).toContain('"Code département","Département"');
  });

  it("en XLSX : des cellules typées, le texte neutralisé, la date à l'heure de Paris", () => {
    const [redaction, autre] = lignesDExportBesoins([COTE_D_OR]);
    expect(cellulesXlsxBesoin(redaction as NonNullable<typeof redaction>)).toEqual([
      "21",
      "Côte-d'Or",
      "Formaliser les feuilles de route",
      "Rédiger la feuille de route",
      null,
      1,
      "Oui",
      null,
      2,
      1,
      new Date(Date.UTC(2026, 10, 29, 14, 5)),
    ]);
    expect(cellulesXlsxBesoin(autre as NonNullable<typeof autre>)[4]).toBe(`'=HYPERLINK("http://x")`);
    expect(
      cellulesParBesoin({
        categorie: "formalisation",
        libelleCategorie: "Formaliser les feuilles de route",
        item: "redaction",
        libelle: "Rédiger la feuille de route",
        departements: 2,
        totalEtp: 1.5,
        departementsAvecPrestation: 1,
        personnesAFormer: 0,
        departementsAyantClasse: 1,
        rangMoyen: null,
      }),
    ).toEqual(["Formaliser les feuilles de route", "Rédiger la feuille de route", 2, 1.5, 1, 0, 1, null]);
  });

  it("nomme le fichier avec la date et l'heure de Paris", () => {
    expect(nomDuFichierBesoins(LE, "csv")).toBe("france-numerique-ensemble_besoins_national_2026-11-29-14-05.csv");
    expect(nomDuFichierBesoins(new Date("2026-07-14T22:30:00Z"), "xlsx")).toBe("france-numerique-ensemble_besoins_national_2026-07-15-00-30.xlsx");
  });
});
