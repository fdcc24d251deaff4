import type { ProblemeDeLigne } from "./ifn";

/*
 * Conseillers numériques and their coordinateurs per département. No open file gives these
 * figures, so the project defines a small CSV template (docs/modeles/conseillers-numeriques.csv):
 *
 *   code_departement,conseillers_numeriques,coordinateurs,date_des_donnees,source
 *   58,42,3,2026-10-31,Tableau de suivi régional
 *
 * code_departement, conseillers_numeriques (whole number ≥ 0) and date_des_donnees (AAAA-MM-JJ)
 * are required; coordinateurs (whole number ≥ 0) and source are optional. Without this file the
 * dashboard says "Non disponible", never an invented number.
 */

export const COLONNES_CONSEILLERS = ["code_departement", "conseillers_numeriques", "coordinateurs", "date_des_donnees", "source"] as const;
const OBLIGATOIRES = ["code_departement", "conseillers_numeriques", "date_des_donnees"] as const;

export type PositionsConseillers = Record<(typeof COLONNES_CONSEILLERS)[number], number | undefined>;

export interface EffectifsDepartement {
  codeDepartement: string;
  conseillers: number;
  coordinateurs: number | null;
  dateDonnees: string;
  source: string | null;
}

export function lireEnteteConseillers(entete: string[]): { ok: true; positions: PositionsConseillers } | { ok: false; manquantes: string[] } {
  const noms = entete.map((c) => c.trim().toLowerCase());
  const positions = Object.fromEntries(COLONNES_CONSEILLERS.map((c) => [c, noms.indexOf(c) < 0 ? undefined : noms.indexOf(c)])) as PositionsConseillers;
  const manquantes = OBLIGATOIRES.filter((c) => positions[c] === undefined);
  return manquantes.length ? { ok: false, manquantes } : { ok: true, positions };
}

function entier(v: string): number | null | "invalide" {
  if (v === "") return null;
  if (!/^\d{1,7}$/.test(v)) return "invalide";
  return Number(v);
}

/** One row, checked; `departements` are the codes of the reference. */
export function lireLigneConseillers(champs: string[], positions: PositionsConseillers, departements: ReadonlySet<string>): { ok: true; effectifs: EffectifsDepartement } | { ok: false; problemes: ProblemeDeLigne[] } {
  const valeur = (c: (typeof COLONNES_CONSEILLERS)[number]) => {
    const i = positions[c];
    return i === undefined ? "" : (champs[i] ?? "").trim();
  };
  const problemes: ProblemeDeLigne[] = [];
  let code = valeur("code_departement").toUpperCase();
  if (/^\d$/.test(code)) code = `0${code}`;
  if (!departements.has(code)) problemes.push({ champ: "code_departement", valeur: valeur("code_departement"), raison: "Code de département inconnu (exemples : 01, 2A, 971)." });
  const conseillers = entier(valeur("conseillers_numeriques"));
  if (conseillers === null || conseillers === "invalide") problemes.push({ champ: "conseillers_numeriques", valeur: valeur("conseillers_numeriques"), raison: "Nombre entier positif ou nul attendu." });
  const coordinateurs = entier(valeur("coordinateurs"));
  if (coordinateurs === "invalide") problemes.push({ champ: "coordinateurs", valeur: valeur("coordinateurs"), raison: "Nombre entier positif ou nul attendu (ou vide)." });
  const date = valeur("date_des_donnees");
  const jour = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!jour || Number.isNaN(jour.getTime()) || jour.toISOString().slice(0, 10) !== date) problemes.push({ champ: "date_des_donnees", valeur: date, raison: "Date AAAA-MM-JJ attendue." });
  if (problemes.length || conseillers === null || conseillers === "invalide" || coordinateurs === "invalide") return { ok: false, problemes };
  return { ok: true, effectifs: { codeDepartement: code, conseillers, coordinateurs, dateDonnees: date, source: valeur("source").slice(0, 300) || null } };
}
