import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migrerPglite } from "drizzle-orm/pglite/migrator";
import { migrate as migrerPostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { Connexion, Executeur } from "./client";
import { enNombre } from "./sql";

export function dossierMigrations(): string {
  return resolve(process.cwd(), "src/db/migrations");
}

/** Applies the committed SQL migrations that are not applied yet. Safe with several app instances. */
export async function migrer(connexion: Connexion): Promise<number> {
  const migrationsFolder = dossierMigrations();
  await connexion.sousVerrouExclusif(async () => {
    if (connexion.type === "pglite") {
      await migrerPglite(connexion.db as unknown as PgliteDatabase, { migrationsFolder });
    } else {
      await migrerPostgres(connexion.db as unknown as NodePgDatabase, { migrationsFolder });
    }
  });
  return nombreDeMigrations(connexion.db);
}

export async function nombreDeMigrations(db: Executeur): Promise<number> {
  const resultat = await db.execute(sql`select count(*) as nombre from drizzle.__drizzle_migrations`);
  const lignes = (resultat as unknown as { rows: { nombre: unknown }[] }).rows;
  return enNombre(lignes[0]?.nombre);
}
