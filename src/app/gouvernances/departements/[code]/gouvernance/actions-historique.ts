"use server";

import { connexionApplication } from "@/db/connexion-application";
import { historiqueDeLaSection } from "@/services/historique-gouvernance";
import { messageErreur } from "@/ui/messages-erreur";
import { sessionCourante } from "../../../../session";

/*
 * "Historique des modifications" of a section: the person comes from the session, the service
 * checks the permission policy. The answer is plain JSON (dates as ISO strings).
 */

export interface EntreeHistoriqueTransmise {
  version: number;
  /** ISO date. */
  modifieLe: string;
  auteur: string;
  lignes: string[];
}

export type ReponseHistorique = { ok: true; entrees: EntreeHistoriqueTransmise[]; suite: number | null } | { ok: false; message: string };

/** One page of the history of a section, newest first; `avantLaVersion`: the `suite` of the previous page. */
export async function lireHistoriqueDeSection(code: string, section: string, avantLaVersion?: number): Promise<ReponseHistorique> {
  if (typeof code !== "string" || typeof section !== "string" || (avantLaVersion !== undefined && !Number.isInteger(avantLaVersion))) {
    return { ok: false, message: messageErreur("formulaireInvalide") };
  }
  const session = await sessionCourante();
  const { db } = await connexionApplication();
  const resultat = await historiqueDeLaSection({ db, acteur: session?.acteur ?? null, code, section, avantLaVersion });
  if (!resultat.ok) return { ok: false, message: messageErreur(resultat.erreur, resultat.details ?? {}) };
  return {
    ok: true,
    entrees: resultat.valeur.entrees.map((e) => ({ version: e.version, modifieLe: e.modifieLe.toISOString(), auteur: e.auteur, lignes: e.lignes })),
    suite: resultat.valeur.suite,
  };
}
