import { eq, sql } from "drizzle-orm";
import type { Connexion, Executeur } from "@/db/client";
import { taches } from "@/db/schema";

/*
 * Scheduled work. A due task is claimed in one statement (FOR UPDATE SKIP LOCKED): two app
 * instances, or an instance and the command line, never take the same task. Its work and its
 * "faite" mark are committed together: a crash in between leaves it to be taken again, whole.
 */

export type LigneTache = typeof taches.$inferSelect;

/** What a kind of task does, inside the transaction that marks it done; it may schedule the next one. */
export type Executant = (p: { db: Executeur; tache: LigneTache; maintenant: Date }) => Promise<void>;

export const TENTATIVES_TACHE = 5;
/** A task claimed by an instance that died is taken again after this delay. */
const DELAI_REPRISE_MINUTES = 10;

/** Schedules a task once: a second call with the same key changes nothing. */
export async function planifier(p: { db: Executeur; type: string; cle: string; executerApres: Date; donnees?: Record<string, unknown> }) {
  await p.db
    .insert(taches)
    .values({ type: p.type, cle: p.cle, executerApres: p.executerApres, donnees: p.donnees ?? {} })
    .onConflictDoNothing({ target: taches.cle });
}

/** Claims up to `limite` due tasks for this runner. */
export async function reclamerTaches(p: { db: Executeur; maintenant: Date; limite?: number }): Promise<LigneTache[]> {
  const reprise = new Date(p.maintenant.getTime() - DELAI_REPRISE_MINUTES * 60_000);
  const dues = p.db
    .select({ id: taches.id })
    .from(taches)
    .where(
      sql`(${taches.etat} = 'a_faire' and ${taches.executerApres} <= ${p.maintenant}) or (${taches.etat} = 'en_cours' and ${taches.priseLe} < ${reprise})`,
    )
    .orderBy(taches.executerApres)
    .limit(p.limite ?? 10)
    .for("update", { skipLocked: true });
  return p.db
    .update(taches)
    .set({ etat: "en_cours", priseLe: p.maintenant, tentatives: sql`${taches.tentatives} + 1` })
    .where(sql`${taches.id} in (${dues})`)
    .returning();
}

export interface BilanTaches {
  faites: number;
  echouees: number;
}

/** Runs the due tasks once (the app every minute; `taches:executer` on demand). */
export async function executerTachesDues(p: { connexion: Connexion; executants: Record<string, Executant>; maintenant: Date }): Promise<BilanTaches> {
  const bilan: BilanTaches = { faites: 0, echouees: 0 };
  const reclamees = await reclamerTaches({ db: p.connexion.db, maintenant: p.maintenant });
  for (const tache of reclamees) {
    const executant = p.executants[tache.type];
    try {
      if (!executant) throw new Error(`type de tâche inconnu : ${tache.type}`);
      await p.connexion.db.transaction(async (tx) => {
        await executant({ db: tx, tache, maintenant: p.maintenant });
        await tx.update(taches).set({ etat: "faite", termineeLe: new Date(), erreur: null }).where(eq(taches.id, tache.id));
      });
      bilan.faites += 1;
    } catch (erreur) {
      await p.connexion.db
        .update(taches)
        .set({ etat: tache.tentatives >= TENTATIVES_TACHE ? "echec" : "a_faire", erreur: erreur instanceof Error ? erreur.message.slice(0, 300) : "erreur inconnue" })
        .where(eq(taches.id, tache.id));
      bilan.echouees += 1;
    }
  }
  return bilan;
}
