import type { Connexion } from "@/db/client";
import { nombreDeMigrations } from "@/db/migrer";

export async function etatDeSante(connexion: Connexion) {
  return { statut: "ok" as const, baseDeDonnees: connexion.type, migrations: await nombreDeMigrations(connexion.db) };
}
