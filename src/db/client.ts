import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";
import { prendreVerrou, type ContenuVerrou, type Verrou } from "./verrou";

export type Schema = typeof schema;
/** Both drivers expose the same Drizzle PostgreSQL API. */
export type BaseDeDonnees = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What a query function accepts: the database or an open transaction. */
export type Executeur = BaseDeDonnees | Transaction;

export type TypeBase = "pglite" | "postgresql";

export interface Connexion {
  readonly type: TypeBase;
  readonly db: BaseDeDonnees;
  /** The embedded directory, when there is one. */
  readonly dossier: string | null;
  readonly verrou: Verrou | null;
  /** Runs `travail` while no other process sharing this database runs its own (migrations, imports). */
  sousVerrouExclusif<T>(travail: () => Promise<T>): Promise<T>;
  fermer(): Promise<void>;
}

/** Key of the PostgreSQL advisory lock that serialises migrations between app instances. */
const CLE_VERROU_EXCLUSIF = 4_726_301_118;

export const DOSSIER_PGLITE_PAR_DEFAUT = ".donnees/pglite";

export function dossierPglite(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR || DOSSIER_PGLITE_PAR_DEFAUT);
}

export const TAMPONS_PARTAGES_PGLITE = "16MB";

/** Opens the embedded database. `dossier: null` is an in-memory instance (tests). */
export async function ouvrirPglite(options: { dossier: string | null; role?: ContenuVerrou["role"] }): Promise<Connexion> {
  let verrou: Verrou | null = null;
  if (options.dossier) {
    mkdirSync(options.dossier, { recursive: true });
    verrou = prendreVerrou(options.dossier, options.role ?? "application");
  }
  try {
    // PostgreSQL's default 128 MB of shared buffers live in the WebAssembly memory of the process
    // (measured: 309 MB resident once opened, 180 MB with 16 MB); the files stay in the system's
    // own cache, so a smaller pool costs little.
    const reglages = { postgresqlconf: [`shared_buffers = ${TAMPONS_PARTAGES_PGLITE}`] };
    const client = options.dossier ? await PGlite.create({ dataDir: options.dossier, ...reglages }) : await PGlite.create(reglages);
    const db = drizzlePglite(client, { schema }) as unknown as BaseDeDonnees;
    return {
      type: "pglite",
      db,
      dossier: options.dossier,
      verrou,
      // Only this process has the directory open (the lock file sees to it).
      sousVerrouExclusif: (travail) => travail(),
      async fermer() {
        try {
          await client.close();
        } finally {
          verrou?.liberer();
        }
      },
    };
  } catch (erreur) {
    verrou?.liberer();
    throw erreur;
  }
}

export async function ouvrirPostgresql(url: string, options: { max?: number } = {}): Promise<Connexion> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // Fail now, with the server's message, rather than on the first page.
  const client = await pool.connect().catch(async (erreur: Error) => {
    await pool.end().catch(() => undefined);
    throw new Error(`Serveur PostgreSQL injoignable (${masquerMotDePasse(url)}) : ${erreur.message}`);
  });
  client.release();
  const db = drizzlePostgres(pool, { schema }) as unknown as BaseDeDonnees;
  return {
    type: "postgresql",
    db,
    dossier: null,
    verrou: null,
    async sousVerrouExclusif(travail) {
      const dedie = await pool.connect();
      try {
        await dedie.query("select pg_advisory_lock($1)", [CLE_VERROU_EXCLUSIF]);
        return await travail();
      } finally {
        await dedie.query("select pg_advisory_unlock($1)", [CLE_VERROU_EXCLUSIF]).catch(() => undefined);
        dedie.release();
      }
    },
    async fermer() {
      await pool.end();
    },
  };
}

export function masquerMotDePasse(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
