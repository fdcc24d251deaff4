import { BOM, ligneCsv, type Separateur } from "../exports/contacts";
import { sourceDuTaux, type DiagnosticDesPublics } from "./diagnostic-publics";
import type { ScoresIfn } from "./ifn";
import type { CategorieLieu } from "./lieux-standard";

/*
 * The public dashboard ("tableau de bord FNE") of a département and of France, as the pages, the
 * open API and the CSV downloads share it.
 */

/** One figure of the dashboard and of the open API. `valeur` null: "Non disponible". */
export interface Indicateur {
  valeur: number | null;
  source: string;
  dateMiseAJour: string | null;
  demonstration: boolean;
  /** Our calculation from the sources (a mean, a ratio), said so on the page. */
  calcule?: true;
}

export const CLES_TYPOLOGIE = {
  "public-commune": "publicCommune",
  "public-epci": "publicEpci",
  "public-departement": "publicDepartement",
  "public-autre": "publicAutre",
  association: "associations",
  prive: "autresActeursPrives",
  "non-defini": "nonDefini",
} as const satisfies Record<CategorieLieu, string>;
export type CleTypologie = (typeof CLES_TYPOLOGIE)[CategorieLieu];

export interface Lieux {
  total: number | null;
  parTypologie: Record<CleTypologie, number> | null;
  parDispositif: Record<string, number> | null;
  qpv: number | null;
  frr: number | null;
  source: string;
  dateMiseAJour: string | null;
  demonstration: boolean;
}

export interface IfnCommune extends ScoresIfn {
  code: string;
  nom: string;
  population: number | null;
  calcule: boolean;
}

export interface IfnTerritoire extends ScoresIfn {
  code: string;
  nom: string;
  calcule: boolean;
}

export interface Provenance {
  source: string;
  dateMiseAJour: string | null;
  demonstration: boolean;
}

export interface TableauDeBord {
  territoire: { type: "departement"; code: string; nom: string; codeRegion: string } | { type: "national" };
  /** Identifies the data the figures come from (for caches of what is derived from them). */
  versionDonnees: string;
  millesimeCog: string | null;
  indicateurs: {
    population: Indicateur;
    communes: Indicateur;
    epci: Indicateur;
    lieux: Indicateur;
    lieuxPour10000Habitants: Indicateur;
    lieuxQpv: Indicateur;
    lieuxFrr: Indicateur;
    aidantsConnect: Indicateur;
    structuresAidantsConnect: Indicateur;
    conseillersNumeriques: Indicateur;
    coordinateursConseillersNumeriques: Indicateur;
    ifn: Indicateur;
  };
  lieux: Lieux;
  /** Sub-scores of the territory (population-weighted mean of its communes): relative indicators 1-10. */
  ifnTerritoire: (ScoresIfn & Provenance) | null;
}

export interface TableauDeBordDepartement extends TableauDeBord {
  territoire: { type: "departement"; code: string; nom: string; codeRegion: string };
  ifn: Provenance & { communes: IfnCommune[]; epci: IfnTerritoire[] };
}

export interface TableauDeBordNational extends TableauDeBord {
  territoire: { type: "national" };
  departements: Array<{
    code: string;
    nom: string;
    codeRegion: string;
    population: number;
    lieux: number | null;
    lieuxPour10000Habitants: number | null;
    aidantsConnect: number | null;
    conseillersNumeriques: number | null;
    ifn: ScoresIfn | null;
  }>;
  ifn: Provenance & { departements: IfnTerritoire[] };
}

/** Places per 10,000 inhabitants, one decimal. */
export function pour10000(nombre: number | null, population: number): number | null {
  if (nombre === null || population <= 0) return null;
  return Math.round((nombre / population) * 100_000) / 10;
}


/** The labels of the figures, in the order of the page. */
export const LIBELLES_INDICATEURS: Record<keyof TableauDeBord["indicateurs"], string> = {
  population: "Population",
  communes: "Communes",
  epci: "EPCI à fiscalité propre",
  lieux: "Lieux d'inclusion numérique",
  lieuxPour10000Habitants: "Lieux d'inclusion numérique pour 10 000 habitants",
  lieuxQpv: "Lieux en quartier prioritaire de la politique de la ville (QPV)",
  lieuxFrr: "Lieux en zone France Ruralités Revitalisation (FRR, ex-ZRR)",
  aidantsConnect: "Aidants habilités Aidants Connect",
  structuresAidantsConnect: "Structures habilitées Aidants Connect",
  conseillersNumeriques: "Conseillers numériques",
  coordinateursConseillersNumeriques: "Coordinateurs de conseillers numériques",
  ifn: "Indice de fragilité numérique (1 à 10)",
};

export const LIBELLES_TYPOLOGIE: Record<CleTypologie, string> = {
  publicCommune: "Public : commune",
  publicEpci: "Public : EPCI",
  publicDepartement: "Public : département",
  publicAutre: "Public : autre",
  associations: "Associations",
  autresActeursPrives: "Autres acteurs privés",
  nonDefini: "Non défini",
};

/** The five sub-indicators of the IFN (1 to 10, 10 = highest risk): relative indicators, not shares. */
export const SOUS_INDICATEURS_IFN = [
  { cle: "thd", libelle: "Non-couverture très haut débit" },
  { cle: "quatreG", libelle: "Non-couverture 4G" },
  { cle: "pauvrete", libelle: "Pauvreté" },
  { cle: "plus65", libelle: "Part des 65 ans et plus" },
  { cle: "peuDiplomes", libelle: "Part des pas ou peu diplômés" },
] as const satisfies ReadonlyArray<{ cle: keyof ScoresIfn; libelle: string }>;

/*
 * The tables of the dashboard: the page shows them and offers each as a CSV file, from the same
 * definition. A cell is text, a number, or null ("Non disponible").
 */
export type Cellule = string | number | null;

export interface TableauDeDonnees {
  /** Also the file name: `{id}.csv`. */
  id: string;
  titre: string;
  colonnes: string[];
  lignes: Cellule[][];
}

const ouiNon = (b: boolean | undefined) => (b ? "oui" : "non");

function tableauIndicateurs(t: TableauDeBord): TableauDeDonnees {
  return {
    id: "chiffres-cles",
    titre: "Chiffres clés, avec leur source et leur date",
    colonnes: ["Indicateur", "Valeur", "Source", "Date de mise à jour", "Notre calcul", "Données de démonstration"],
    lignes: (Object.keys(LIBELLES_INDICATEURS) as Array<keyof TableauDeBord["indicateurs"]>).map((cle) => {
      const i = t.indicateurs[cle];
      return [LIBELLES_INDICATEURS[cle], i.valeur, i.source, i.dateMiseAJour, ouiNon(i.calcule), ouiNon(i.demonstration)];
    }),
  };
}

function tableauTypologie(t: TableauDeBord): TableauDeDonnees {
  return {
    id: "lieux-par-typologie",
    titre: "Lieux d'inclusion numérique par typologie",
    colonnes: ["Typologie", "Lieux"],
    lignes: (Object.keys(LIBELLES_TYPOLOGIE) as CleTypologie[]).map((cle) => [LIBELLES_TYPOLOGIE[cle], t.lieux.parTypologie?.[cle] ?? null]),
  };
}

function tableauDispositifs(t: TableauDeBord): TableauDeDonnees {
  const dispositifs = Object.entries(t.lieux.parDispositif ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr"));
  return {
    id: "lieux-par-dispositif",
    titre: "Lieux d'inclusion numérique par label ou programme national",
    colonnes: ["Label ou programme national", "Lieux"],
    lignes: t.lieux.parDispositif === null ? [] : dispositifs.map(([nom, n]) => [nom, n]),
  };
}

const colonnesIfn = ["Indice de fragilité numérique", ...SOUS_INDICATEURS_IFN.map((s) => s.libelle)];
const valeursIfn = (s: ScoresIfn | null): Cellule[] => [s?.score ?? null, ...SOUS_INDICATEURS_IFN.map((x) => s?.[x.cle] ?? null)];

export function tableauxDepartement(t: TableauDeBordDepartement): TableauDeDonnees[] {
  return [
    tableauIndicateurs(t),
    tableauTypologie(t),
    tableauDispositifs(t),
    {
      id: "ifn-communes",
      titre: `Indice de fragilité numérique des communes (${t.territoire.nom})`,
      colonnes: ["Code INSEE", "Commune", "Population", ...colonnesIfn, "Moyenne de plusieurs lignes du fichier"],
      lignes: t.ifn.communes.map((c) => [c.code, c.nom, c.population, ...valeursIfn(c.score === null ? null : c), ouiNon(c.calcule)]),
    },
    {
      id: "ifn-epci",
      titre: `Indice de fragilité numérique des EPCI (${t.territoire.nom})`,
      colonnes: ["Code SIREN", "EPCI", ...colonnesIfn],
      lignes: t.ifn.epci.map((e) => [e.code, e.nom, ...valeursIfn(e.score === null ? null : e)]),
    },
  ];
}

export function tableauxNational(t: TableauDeBordNational): TableauDeDonnees[] {
  return [
    tableauIndicateurs(t),
    tableauTypologie(t),
    tableauDispositifs(t),
    {
      id: "departements",
      titre: "Les 101 départements",
      colonnes: ["Code", "Département", "Population", "Lieux d'inclusion numérique", "Lieux pour 10 000 habitants", "Aidants habilités Aidants Connect", "Conseillers numériques", ...colonnesIfn],
      lignes: t.departements.map((d) => [d.code, d.nom, d.population, d.lieux, d.lieuxPour10000Habitants, d.aidantsConnect, d.conseillersNumeriques, ...valeursIfn(d.ifn?.score == null ? null : d.ifn)]),
    },
  ];
}

/**
 * A table as a CSV file for a spreadsheet: UTF-8 with its byte order mark; with semicolons (the
 * default) decimals take a comma, as a French spreadsheet expects; with commas, a point. An
 * unavailable figure is an empty cell.
 */
export function csvDuTableau(tableau: TableauDeDonnees, separateur: Separateur): string {
  const cellule = (c: Cellule) => (c === null ? "" : typeof c === "number" ? (separateur === "point-virgule" ? String(c).replace(".", ",") : String(c)) : c);
  return BOM + ligneCsv(tableau.colonnes, separateur) + tableau.lignes.map((l) => ligneCsv(l.map(cellule), separateur)).join("");
}

const scoresApi = (s: ScoresIfn) => ({ score: s.score, thd: s.thd, quatreG: s.quatreG, pauvrete: s.pauvrete, plus65: s.plus65, peuDiplomes: s.peuDiplomes });

function communApi(t: TableauDeBord) {
  const { source, dateMiseAJour, demonstration, total, parTypologie, parDispositif, qpv, frr } = t.lieux;
  return {
    millesimeCog: t.millesimeCog,
    indicateurs: t.indicateurs,
    lieux: { total, parTypologie, parDispositif, qpv, frr, source, dateMiseAJour, demonstration },
    ifnDuTerritoire: t.ifnTerritoire
      ? { ...scoresApi(t.ifnTerritoire), calcule: true, source: t.ifnTerritoire.source, dateMiseAJour: t.ifnTerritoire.dateMiseAJour, demonstration: t.ifnTerritoire.demonstration }
      : null,
  };
}

/** `GET /api/v1/donnees/departements/{code}` (PRODUCT §12). */
export function versApiDepartement(t: TableauDeBordDepartement) {
  const { source, dateMiseAJour, demonstration } = t.ifn;
  return {
    code: t.territoire.code,
    nom: t.territoire.nom,
    codeRegion: t.territoire.codeRegion,
    ...communApi(t),
    ifn: {
      source,
      dateMiseAJour,
      demonstration,
      communes: t.ifn.communes.map((c) => ({ code: c.code, nom: c.nom, ...scoresApi(c), calcule: c.calcule })),
      epci: t.ifn.epci.map((e) => ({ code: e.code, nom: e.nom, ...scoresApi(e), calcule: e.calcule })),
    },
  };
}

/** `GET /api/v1/donnees/national` (PRODUCT §12). */
export function versApiNational(t: TableauDeBordNational) {
  const { source, dateMiseAJour, demonstration } = t.ifn;
  return {
    ...communApi(t),
    ifn: { source, dateMiseAJour, demonstration, departements: t.ifn.departements.map((d) => ({ code: d.code, nom: d.nom, ...scoresApi(d), calcule: true })) },
    departements: t.departements.map((d) => ({ ...d, ifn: d.ifn ? scoresApi(d.ifn) : null })),
  };
}

/** The diagnostic des publics as a table (its CSV download). */
export function tableauDiagnostic(d: DiagnosticDesPublics): TableauDeDonnees {
  return {
    id: "diagnostic-des-publics",
    titre: "Diagnostic des publics : estimations à partir de taux nationaux",
    colonnes: ["Public", "Tranche d'âge", "Taux national (%)", "Estimation (personnes, arrondie)", "Méthode ou raison de l'absence", "Source du taux", "Données de démonstration"],
    lignes: d.estimations.map((e) => [e.taux.libelle, e.tranche, e.taux.taux, e.estimation, e.methode ?? e.raison, sourceDuTaux(e.taux), ouiNon(e.demonstration)]),
  };
}
