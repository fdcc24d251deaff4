import type { TypeCandidat } from "./personas";

/*
 * Candidates are organisations, not forms: one key per organisation, whatever the number of forms
 * and people. A collectivité is its official code; a structure its SIRET, else its normalised name
 * in its département (two associations of the same name in two départements stay two).
 */

/** Lower case, without accents, punctuation or repeated spaces: "  L'Association  É.-Connect " → "l association e connect". */
export function normaliserNom(nom: string): string {
  return nom
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function cleDuCandidat(candidat: { type: TypeCandidat; code: string | null; nom: string; codeDepartement: string | null }): string {
  if (candidat.type !== "structure") return `${candidat.type}:${candidat.code ?? ""}`;
  if (candidat.code) return `structure:siret:${candidat.code}`;
  return `structure:nom:${candidat.codeDepartement ?? ""}:${normaliserNom(candidat.nom)}`;
}
