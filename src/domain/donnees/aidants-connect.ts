import { verifierSiret } from "@/domain/candidatures/siret";
import type { ProblemeDeLigne } from "./ifn";

/*
 * The Aidants Connect structures file (public statistics export): name, UUID, active flag, INSEE
 * code, address, postal code, SIRET (sometimes written as a float, "13002603200016.0"), France
 * Services label, city, number of aidants, unique users, démarches in all and by theme.
 */

export const COLONNES_AIDANTS_CONNECT = {
  nom: "Name",
  identifiant: "UUID",
  active: "Is Active",
  codeInsee: "City Insee Code",
  codePostal: "Zip Code",
  siret: "Siret",
  franceServices: "France Services Label",
  ville: "City",
  aidants: "Nombre d'aidants",
  usagersUniques: "Question 110 → Nombre D'usagers Uniques",
  demarches: "Question 109 → Nombre De Demarche Par Structure",
} as const;

export const THEMES_DEMARCHES = ["argent", "etranger", "famille", "justice", "loisirs", "papier", "social", "transport", "travail", "logement"] as const;
const COLONNES_THEMES: Record<(typeof THEMES_DEMARCHES)[number], string> = {
  argent: "Nombre Demarche Argent",
  etranger: "Nombre Demarche Etranger",
  famille: "Nombre Demarche Famille",
  justice: "Nombre Demarche Justice",
  loisirs: "Nombre Demarche Loisirs",
  papier: "Nombre Demarche Papier",
  social: "Nombre Demarche Social",
  transport: "Nombre Demarche Transport",
  travail: "Nombre Demarche Travail",
  logement: "Nombre Demarche Logement",
};

export type PositionsAidantsConnect = Record<keyof typeof COLONNES_AIDANTS_CONNECT, number> & { themes: Record<(typeof THEMES_DEMARCHES)[number], number | undefined> };

/** The columns' positions; the theme columns are found by their end ("… → Nombre Demarche Argent") and optional. */
export function lireEnteteAidantsConnect(entete: string[]): { ok: true; positions: PositionsAidantsConnect } | { ok: false; manquantes: string[] } {
  const noms = entete.map((c) => c.trim());
  const manquantes: string[] = [];
  const positions = { themes: {} } as PositionsAidantsConnect;
  for (const [cle, colonne] of Object.entries(COLONNES_AIDANTS_CONNECT) as Array<[keyof typeof COLONNES_AIDANTS_CONNECT, string]>) {
    const i = noms.indexOf(colonne);
    if (i < 0) manquantes.push(colonne);
    else positions[cle] = i;
  }
  for (const theme of THEMES_DEMARCHES) {
    const i = noms.findIndex((n) => n.endsWith(COLONNES_THEMES[theme]));
    positions.themes[theme] = i < 0 ? undefined : i;
  }
  return manquantes.length ? { ok: false, manquantes } : { ok: true, positions };
}

export interface StructureAidantsConnect {
  identifiant: string;
  nom: string;
  active: boolean;
  codeInsee: string;
  codePostal: string;
  ville: string;
  siret: string | null;
  franceServices: boolean;
  aidants: number | null;
  usagersUniques: number | null;
  demarches: number | null;
  demarchesParTheme: Partial<Record<(typeof THEMES_DEMARCHES)[number], number>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function entier(brut: string): number | null | "invalide" {
  const v = brut.trim();
  if (v === "") return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n < 10_000_000 ? n : "invalide";
}

function booleen(brut: string): boolean | "invalide" {
  const v = brut.trim().toLowerCase();
  if (v === "true" || v === "vrai" || v === "1" || v === "oui") return true;
  if (v === "false" || v === "faux" || v === "0" || v === "non" || v === "") return false;
  return "invalide";
}

/** One row: the structure and the corrections made, or the problems that reject it. */
export function lireLigneAidantsConnect(
  champs: string[],
  positions: PositionsAidantsConnect,
): { ok: true; structure: StructureAidantsConnect; corrections: ProblemeDeLigne[] } | { ok: false; problemes: ProblemeDeLigne[] } {
  const valeur = (i: number | undefined) => (i === undefined ? "" : (champs[i] ?? "").trim());
  const problemes: ProblemeDeLigne[] = [];
  const corrections: ProblemeDeLigne[] = [];
  const nom = valeur(positions.nom);
  if (!nom) problemes.push({ champ: COLONNES_AIDANTS_CONNECT.nom, valeur: "", raison: "Nom de la structure manquant." });
  const identifiant = valeur(positions.identifiant).toLowerCase();
  if (!UUID.test(identifiant)) problemes.push({ champ: COLONNES_AIDANTS_CONNECT.identifiant, valeur: identifiant, raison: "Identifiant UUID attendu (exemple : 76813e41-71c9-4696-b743-ba2e44ba5f8b)." });
  const active = booleen(valeur(positions.active));
  const franceServices = booleen(valeur(positions.franceServices));
  if (active === "invalide") problemes.push({ champ: COLONNES_AIDANTS_CONNECT.active, valeur: valeur(positions.active), raison: "« true » ou « false » attendu." });
  if (franceServices === "invalide") problemes.push({ champ: COLONNES_AIDANTS_CONNECT.franceServices, valeur: valeur(positions.franceServices), raison: "« true » ou « false » attendu." });
  const nombres = { aidants: entier(valeur(positions.aidants)), usagersUniques: entier(valeur(positions.usagersUniques)), demarches: entier(valeur(positions.demarches)) };
  for (const [cle, n] of Object.entries(nombres) as Array<[keyof typeof nombres, number | null | "invalide"]>) {
    if (n === "invalide") problemes.push({ champ: COLONNES_AIDANTS_CONNECT[cle], valeur: valeur(positions[cle]), raison: "Nombre entier positif attendu." });
  }
  const demarchesParTheme: StructureAidantsConnect["demarchesParTheme"] = {};
  for (const theme of THEMES_DEMARCHES) {
    const n = entier(valeur(positions.themes[theme]));
    if (n === "invalide") problemes.push({ champ: COLONNES_THEMES[theme], valeur: valeur(positions.themes[theme]), raison: "Nombre entier positif attendu." });
    else if (n !== null) demarchesParTheme[theme] = n;
  }
  // "13002603200016.0": the export writes the SIRET as a float.
  const siretBrut = valeur(positions.siret).replace(/\.0+$/, "");
  let siret: string | null = null;
  if (siretBrut) {
    const verifie = verifierSiret(siretBrut.padStart(14, "0"));
    if (verifie.ok) siret = verifie.valeur;
    else corrections.push({ champ: COLONNES_AIDANTS_CONNECT.siret, valeur: valeur(positions.siret), raison: "SIRET invalide : la structure est gardée sans SIRET." });
  }
  if (problemes.length || active === "invalide" || franceServices === "invalide") return { ok: false, problemes };
  return {
    ok: true,
    corrections,
    structure: {
      identifiant,
      nom,
      active,
      codeInsee: valeur(positions.codeInsee),
      codePostal: valeur(positions.codePostal),
      ville: valeur(positions.ville),
      siret,
      franceServices,
      aidants: nombres.aidants as number | null,
      usagersUniques: nombres.usagersUniques as number | null,
      demarches: nombres.demarches as number | null,
      demarchesParTheme,
    },
  };
}
