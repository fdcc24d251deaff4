import { and, asc, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { courriels } from "@/db/schema";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { expediteurSmtp, raisonDEchec, type Expediteur } from "@/integrations/courrier/smtp";
import { peutAdministrer } from "./espaces";

/*
 * Mail. Every message is first written to the `courriels` table (nothing is lost if the mail server
 * is down), then handed to the SMTP server when SMTP_URL is set. Without it (embedded demonstration)
 * messages stay in the table, readable by administrators at /administration/courriels.
 */

export interface Courriel {
  id: string;
  destinataire: string;
  sujet: string;
  texte: string;
  creeLe: Date;
  envoyeLe: Date | null;
  tentatives: number;
  erreur: string | null;
}

/** After this many failed attempts a message is left for the administrators to see. */
export const TENTATIVES_MAXIMUM = 5;
/** An attempt claimed by an instance that died is taken over after this delay. */
const DELAI_REPRISE_MS = 2 * 60 * 1000;

const CLE = Symbol.for("efne.expediteur");
const memoire = globalThis as unknown as Record<symbol, { url: string; expediteur: Expediteur } | undefined>;

/** The SMTP sender configured by SMTP_URL (and SMTP_EXPEDITEUR for the From address), or null. */
export function expediteurConfigure(env: Record<string, string | undefined> = process.env): Expediteur | null {
  const url = env.SMTP_URL;
  if (!url) return null;
  const cle = `${url}\n${env.SMTP_EXPEDITEUR ?? ""}`;
  if (memoire[CLE]?.url !== cle) memoire[CLE] = { url: cle, expediteur: expediteurSmtp({ url, de: env.SMTP_EXPEDITEUR }) };
  return memoire[CLE].expediteur;
}

/**
 * Writes a message to the outbox. Sending happens after the answer to the request
 * (envoyerCourrielsEnAttente), so that how long a request takes says nothing about whether a
 * message was written (the login form must not reveal who has an account).
 */
export async function ecrireCourriel(params: { db: Executeur; destinataire: string; sujet: string; texte: string; maintenant: Date }): Promise<string> {
  const [ligne] = await params.db
    .insert(courriels)
    .values({ destinataire: params.destinataire, sujet: params.sujet, texte: params.texte, creeLe: params.maintenant })
    .returning({ id: courriels.id });
  return (ligne as { id: string }).id;
}

/**
 * One sending attempt. The row is claimed first (one instance at a time sends it); a failure is
 * recorded with its reason (never the content) and retried later by envoyerCourrielsEnAttente.
 */
export async function envoyerCourriel(params: { db: Executeur; id: string; expediteur: Expediteur; maintenant: Date }): Promise<boolean> {
  const reprise = new Date(params.maintenant.getTime() - DELAI_REPRISE_MS);
  const [reclame] = await params.db
    .update(courriels)
    .set({ tenteLe: params.maintenant, tentatives: sql`${courriels.tentatives} + 1` })
    .where(
      and(
        eq(courriels.id, params.id),
        isNull(courriels.envoyeLe),
        lt(courriels.tentatives, TENTATIVES_MAXIMUM),
        or(isNull(courriels.tenteLe), lt(courriels.tenteLe, reprise)),
      ),
    )
    .returning();
  if (!reclame) return false;
  try {
    await params.expediteur.envoyer({ a: reclame.destinataire, sujet: reclame.sujet, texte: reclame.texte });
  } catch (erreur) {
    await params.db.update(courriels).set({ erreur: raisonDEchec(erreur) }).where(eq(courriels.id, params.id));
    return false;
  }
  await params.db.update(courriels).set({ envoyeLe: new Date(), erreur: null }).where(eq(courriels.id, params.id));
  return true;
}

/** Retries the messages not sent yet (oldest first). Returns how many left. */
export async function envoyerCourrielsEnAttente(params: { db: Executeur; expediteur: Expediteur; maintenant: Date; limite?: number }): Promise<number> {
  const reprise = new Date(params.maintenant.getTime() - DELAI_REPRISE_MS);
  const enAttente = await params.db
    .select({ id: courriels.id })
    .from(courriels)
    .where(and(isNull(courriels.envoyeLe), lt(courriels.tentatives, TENTATIVES_MAXIMUM), or(isNull(courriels.tenteLe), lt(courriels.tenteLe, reprise))))
    .orderBy(asc(courriels.creeLe))
    .limit(params.limite ?? 50);
  let envoyes = 0;
  for (const { id } of enAttente) {
    if (await envoyerCourriel({ db: params.db, id, expediteur: params.expediteur, maintenant: params.maintenant })) envoyes += 1;
  }
  return envoyes;
}

/** The outbox, newest first (administrators only: it holds login links). */
export async function listerCourriels(params: { db: Executeur; acteur: Acteur | null; limite?: number }): Promise<Resultat<Courriel[], "nonConnecte" | "nonAutorise">> {
  const decision = peutAdministrer(params.acteur);
  if (!decision.autorise) return echec(decision.raison);
  const lignes = await params.db.select().from(courriels).orderBy(desc(courriels.creeLe)).limit(params.limite ?? 100);
  return succes(lignes);
}
