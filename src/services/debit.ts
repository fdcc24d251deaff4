import { createHash } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { compteursDeDebit } from "@/db/schema";
import { enNombre } from "@/db/sql";

/*
 * Rate limits kept in the database, so that several app instances share them: a counter per key
 * and fixed time window, incremented atomically.
 */

export interface Quota {
  limite: number;
  fenetreMs: number;
}

/** Counts one more request for `cle`; false when the window's limit is already reached. */
export async function consommerQuota(params: { db: Executeur; cle: string; quota: Quota; maintenant: Date }): Promise<boolean> {
  const debut = Math.floor(params.maintenant.getTime() / params.quota.fenetreMs) * params.quota.fenetreMs;
  const [ligne] = await params.db
    .insert(compteursDeDebit)
    .values({ cle: params.cle, fenetre: new Date(debut), compte: 1 })
    .onConflictDoUpdate({ target: [compteursDeDebit.cle, compteursDeDebit.fenetre], set: { compte: sql`${compteursDeDebit.compte} + 1` } })
    .returning({ compte: compteursDeDebit.compte });
  return enNombre(ligne?.compte) <= params.quota.limite;
}

/** Keys are hashed: the table never holds an e-mail address or an IP address in clear. */
export function cleDeQuota(nature: string, valeur: string): string {
  return `${nature}:${createHash("sha256").update(valeur).digest("hex").slice(0, 32)}`;
}

export async function purgerCompteurs(params: { db: Executeur; avant: Date }) {
  await params.db.delete(compteursDeDebit).where(lt(compteursDeDebit.fenetre, params.avant));
}
