/*
 * The contacts export of the préfectures (PRODUCT §5): the 11 columns, their French values, the
 * CSV cells (quoted, and neutralised against formula injection) and the file names.
 */

export const COLONNES_CONTACTS = [
  "Date de dépôt",
  "Collectivités/structures",
  "Typologie",
  "Manifestation d'intérêt",
  "Nom du porteur",
  "Nom/Prénom du contact",
  "Fonction du contact",
  "Type de contact",
  "Email",
  "Code SIRET",
  "Code INSEE",
] as const;

export const LIBELLES_TYPOLOGIE: Record<string, string> = {
  region: "Région",
  departement: "Département",
  epci: "EPCI",
  commune: "Commune",
  structure: "Structure",
};

export const LIBELLES_MANIFESTATION: Record<string, string> = {
  porteur: "Porteur d'une feuille de route",
  participant: "Souhaite participer",
  partenaire: "Partenaire suggéré par un porteur",
};

const LIBELLES_ROLE: Record<string, string> = { politique: "Politique", technique: "Technique", structure: "Structure" };

export interface ContactAExporter {
  deposeLe: Date;
  organisation: string;
  typologie: string;
  manifestation: string;
  nomPorteur: string | null;
  nom: string;
  prenom: string;
  fonction: string;
  role: string;
  email: string;
  codeSiret: string | null;
  codeInsee: string | null;
}

/** "Type de contact": the filler's role; a partner département is "Politique", other partners have none. */
export function typeDeContact(c: Pick<ContactAExporter, "role" | "typologie">): string {
  if (c.role === "partenaire") return c.typologie === "departement" ? "Politique" : "";
  return LIBELLES_ROLE[c.role] ?? "";
}

const HEURE_DE_PARIS = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function partiesDeParis(d: Date) {
  const p = Object.fromEntries(HEURE_DE_PARIS.formatToParts(d).map((x) => [x.type, x.value]));
  return { annee: p.year ?? "", mois: p.month ?? "", jour: p.day ?? "", heure: p.hour ?? "", minute: p.minute ?? "" };
}

/** "29/11/2026 14:05", Paris time. */
export function dateDeDepot(d: Date): string {
  const p = partiesDeParis(d);
  return `${p.jour}/${p.mois}/${p.annee} ${p.heure}:${p.minute}`;
}

/** The same instant as a date whose UTC fields are the Paris wall clock (what a spreadsheet shows). */
export function heureMurale(d: Date): Date {
  const p = partiesDeParis(d);
  return new Date(Date.UTC(Number(p.annee), Number(p.mois) - 1, Number(p.jour), Number(p.heure), Number(p.minute)));
}

/** The 11 values of a line, as text (the date in Paris time). */
export function valeursDeContact(c: ContactAExporter): string[] {
  return [
    dateDeDepot(c.deposeLe),
    c.organisation,
    LIBELLES_TYPOLOGIE[c.typologie] ?? c.typologie,
    LIBELLES_MANIFESTATION[c.manifestation] ?? c.manifestation,
    c.nomPorteur ?? "",
    `${c.nom.toLocaleUpperCase("fr-FR")} ${c.prenom}`.trim(),
    c.fonction,
    typeDeContact(c),
    c.email,
    c.codeSiret ?? "",
    c.codeInsee ?? "",
  ];
}

export const SEPARATEURS = { "point-virgule": ";", virgule: "," } as const;
export type Separateur = keyof typeof SEPARATEURS;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before them):
 * such a cell gets a leading apostrophe, so that it stays text.
 */
export function neutraliser(valeur: string): string {
  return /^[=+\-@\t\r]/.test(valeur) ? `'${valeur}` : valeur;
}

export function celluleCsv(valeur: string): string {
  return `"${neutraliser(valeur).replace(/"/g, '""')}"`;
}

export function ligneCsv(valeurs: readonly string[], separateur: Separateur): string {
  return `${valeurs.map(celluleCsv).join(SEPARATEURS[separateur])}\r\n`;
}

/** The byte order mark: Excel then reads the file as UTF-8 (accents intact). */
export const BOM = "\uFEFF";

/** "france-numerique-ensemble_contacts_departement-58_2026-11-29-14-05.csv" (Paris time). */
export function nomDuFichier(territoire: { type: "departement" | "region" | "national"; code: string | null }, le: Date, extension: "csv" | "xlsx"): string {
  const p = partiesDeParis(le);
  const portee = territoire.type === "national" ? "national" : `${territoire.type}-${territoire.code}`;
  return `france-numerique-ensemble_contacts_${portee}_${p.annee}-${p.mois}-${p.jour}-${p.heure}-${p.minute}.${extension}`;
}
