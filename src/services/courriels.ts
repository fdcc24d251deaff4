import { desc } from "drizzle-orm";
import type { Executeur } from "@/db/client";
import { courriels } from "@/db/schema";
import type { Acteur } from "@/domain/identite/roles";
import { echec, succes, type Resultat } from "@/domain/resultat";
import { peutAdministrer } from "./espaces";

export interface Courriel {
  id: string;
  destinataire: string;
  sujet: string;
  texte: string;
  creeLe: Date;
  envoyeLe: Date | null;
}

/** The outbox, newest first (administrators only: it holds login links). */
export async function listerCourriels(params: { db: Executeur; acteur: Acteur | null; limite?: number }): Promise<Resultat<Courriel[], "nonConnecte" | "nonAutorise">> {
  const decision = peutAdministrer(params.acteur);
  if (!decision.autorise) return echec(decision.raison);
  const lignes = await params.db.select().from(courriels).orderBy(desc(courriels.creeLe)).limit(params.limite ?? 100);
  return succes(lignes);
}
