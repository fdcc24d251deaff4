import { CARTE_RESSOURCE_HUMAINE, categorieDe, ITEM_AUTRE, LIBELLE_AUTRE } from "../besoins/besoins";
import { besoinsDansLOrdre, classementDuDepartement, type BesoinsDUnDepartement, type SyntheseItem } from "../besoins/synthese";
import { BOM, dateDeDepot, heureMurale, ligneCsv, neutraliser, type Separateur } from "./contacts";

/*
 * The national export of the besoins en ingénierie financière (PRODUCT §7): one line per
 * département × need, and (XLSX) a second sheet with the synthesis per item of the catalogue. The
 * conventions are the contacts export's: CSV in UTF-8 with a BOM and the separator chosen, every
 * text cell neutralised against formula injection, typed XLSX cells, Paris time.
 */

export const COLONNES_BESOINS = [
  "Code département",
  "Département",
  "Catégorie",
  "Besoin",
  "Précision",
  "Ressource humaine (ETP)",
  "Prestation de service",
  "Personnes à former",
  "Rang",
  "Rang de la ressource humaine",
  "Classement enregistré le",
] as const;

export const COLONNES_PAR_BESOIN = [
  "Catégorie",
  "Besoin",
  "Départements",
  "Ressource humaine (ETP)",
  "Départements avec prestation de service",
  "Personnes à former",
  "Départements l'ayant classé",
  "Rang moyen",
] as const;

/** A typed cell: text, number, date or nothing (the shape the XLSX writer takes). */
export type CelluleExport = string | number | Date | null;

export interface LigneExportBesoin {
  code: string;
  departement: string;
  categorie: string;
  besoin: string;
  precision: string;
  etp: number | null;
  /** "Oui" / "Non" for the first three categories; the training needs are not asked. */
  prestation: "Oui" | "Non" | "";
  personnes: number | null;
  /** The rank of the need's own card (prestation or training need) in the saved ranking. */
  rang: number | null;
  /** The rank of the "Ressource humaine" card, on the lines whose ETP it sums. */
  rangRessourceHumaine: number | null;
  classementEnregistreLe: Date | null;
}

/** One line per département × need, départements in the order given, needs in the catalogue's. */
export function lignesDExportBesoins(departements: readonly BesoinsDUnDepartement[]): LigneExportBesoin[] {
  return departements.flatMap((d) => {
    const rangs = new Map(classementDuDepartement(d).map((c) => [c.cle, c.rang]));
    return besoinsDansLOrdre(d.besoins).map((b) => {
      const categorie = categorieDe(b.categorie);
      const standard = categorie?.type === "standard";
      const cle = `${b.categorie}.${b.item}`;
      const carte = standard ? (b.prestation ? `prestation:${cle}` : null) : `formation:${cle}`;
      return {
        code: d.code,
        departement: d.nom,
        categorie: categorie?.libelle ?? b.categorie,
        besoin: b.item === ITEM_AUTRE ? LIBELLE_AUTRE : (categorie?.items.find((i) => i.id === b.item)?.libelle ?? b.item),
        precision: b.precision ?? "",
        etp: b.etp ?? null,
        prestation: standard ? (b.prestation ? "Oui" : "Non") : "",
        personnes: b.personnes ?? null,
        rang: carte ? (rangs.get(carte) ?? null) : null,
        rangRessourceHumaine: b.etp ? (rangs.get(CARTE_RESSOURCE_HUMAINE) ?? null) : null,
        classementEnregistreLe: d.classementEnregistreLe,
      };
    });
  });
}

/** A number as a French spreadsheet reads it: "1,5", no thousands separator. */
const nombreCsv = (n: number | null) => (n === null ? "" : String(n).replace(".", ","));

/** The values of a line as CSV text (decimal comma, date in Paris time). */
export function valeursCsvBesoin(l: LigneExportBesoin): string[] {
  return [
    l.code,
    l.departement,
    l.categorie,
    l.besoin,
    l.precision,
    nombreCsv(l.etp),
    l.prestation,
    nombreCsv(l.personnes),
    nombreCsv(l.rang),
    nombreCsv(l.rangRessourceHumaine),
    l.classementEnregistreLe ? dateDeDepot(l.classementEnregistreLe) : "",
  ];
}

const texte = (v: string): CelluleExport => (v === "" ? null : neutraliser(v));

/** The typed cells of a line: text neutralised like the CSV's, numbers as numbers, the date as a date. */
export function cellulesXlsxBesoin(l: LigneExportBesoin): CelluleExport[] {
  return [
    texte(l.code),
    texte(l.departement),
    texte(l.categorie),
    texte(l.besoin),
    texte(l.precision),
    l.etp,
    texte(l.prestation),
    l.personnes,
    l.rang,
    l.rangRessourceHumaine,
    l.classementEnregistreLe ? heureMurale(l.classementEnregistreLe) : null,
  ];
}

/** The cells of a line of the sheet "Par besoin". */
export function cellulesParBesoin(i: SyntheseItem): CelluleExport[] {
  return [
    texte(i.libelleCategorie),
    texte(i.libelle),
    i.departements,
    i.totalEtp,
    i.departementsAvecPrestation,
    i.personnesAFormer,
    i.departementsAyantClasse,
    i.rangMoyen,
  ];
}

/** The whole CSV file: the BOM, the header, a line per département × need. */
export function csvBesoins(lignes: readonly LigneExportBesoin[], separateur: Separateur): string {
  return BOM + ligneCsv(COLONNES_BESOINS, separateur) + lignes.map((l) => ligneCsv(valeursCsvBesoin(l), separateur)).join("");
}

/** "france-numerique-ensemble_besoins_national_2026-11-29-14-05.csv" (Paris time). */
export function nomDuFichierBesoins(le: Date, extension: "csv" | "xlsx"): string {
  const iso = heureMurale(le).toISOString();
  return `france-numerique-ensemble_besoins_national_${iso.slice(0, 10)}-${iso.slice(11, 13)}-${iso.slice(14, 16)}.${extension}`;
}
