import { randomBytes } from "node:crypto";
import pg from "pg";

/*
 * A fresh database on the PostgreSQL server for a test run, dropped at the end. An unreachable
 * server is an error with what to do, never a skip.
 */

export const URL_ADMIN_POSTGRESQL_PAR_DEFAUT = "postgresql://postgres@127.0.0.1:5432/postgres";

export async function creerBasePostgresqlDeTest(prefixe: string): Promise<{ url: string; supprimer(): Promise<void> }> {
  const urlAdmin = process.env.TEST_DATABASE_URL || URL_ADMIN_POSTGRESQL_PAR_DEFAUT;
  const admin = new pg.Client({ connectionString: urlAdmin, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (erreur) {
    throw new Error(
      `Serveur PostgreSQL injoignable pour les tests (${urlAdmin}) : ${(erreur as Error).message}. ` +
        "Démarrez-le ou indiquez TEST_DATABASE_URL (une base d'administration où l'utilisateur peut créer des bases).",
    );
  }
  const nom = `${prefixe}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await admin.query(`create database ${nom}`);
  const url = new URL(urlAdmin);
  url.pathname = `/${nom}`;
  return {
    url: url.toString(),
    async supprimer() {
      await admin.query(`drop database if exists ${nom} with (force)`);
      await admin.end();
    },
  };
}
