import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ouvrirPglite, ouvrirPostgresql } from "../client";
import { preparerBase } from "@/services/demarrage";

/*
 * Prepares one database per integration project, once: migrations and the reference territories.
 * PGlite: an in-memory instance dumped to a file that each test file loads. PostgreSQL: a fresh
 * database on the server, dropped at the end. In CI an unreachable server fails the run.
 */

declare module "vitest" {
  export interface ProvidedContext {
    efneBase: { type: "pglite"; archive: string } | { type: "postgresql"; url: string };
  }
}

export const URL_ADMIN_POSTGRESQL_PAR_DEFAUT = "postgresql://postgres@127.0.0.1:5432/postgres";

export default async function preparer(projet: TestProject) {
  const type = projet.config.env?.EFNE_BASE_DE_TEST;
  const maintenant = () => new Date();

  if (type === "pglite") {
    const connexion = await ouvrirPglite({ dossier: null });
    await preparerBase({ connexion, maintenant, chargerDemonstrationAuPremierDemarrage: false });
    const client = (connexion.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
    const archive = join(tmpdir(), `efne-test-${process.pid}-${randomBytes(4).toString("hex")}.tar`);
    writeFileSync(archive, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
    await connexion.fermer();
    projet.provide("efneBase", { type: "pglite", archive });
    return () => rmSync(archive, { force: true });
  }

  const urlAdmin = process.env.TEST_DATABASE_URL || URL_ADMIN_POSTGRESQL_PAR_DEFAUT;
  const admin = new pg.Client({ connectionString: urlAdmin, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (erreur) {
    throw new Error(
      `Serveur PostgreSQL injoignable pour les tests d'intégration (${urlAdmin}) : ${(erreur as Error).message}. ` +
        "Démarrez-le ou indiquez TEST_DATABASE_URL (une base d'administration où l'utilisateur peut créer des bases).",
    );
  }
  const nom = `efne_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await admin.query(`create database ${nom}`);
  const url = new URL(urlAdmin);
  url.pathname = `/${nom}`;
  const connexion = await ouvrirPostgresql(url.toString());
  try {
    await preparerBase({ connexion, maintenant, chargerDemonstrationAuPremierDemarrage: false });
  } finally {
    await connexion.fermer();
  }
  projet.provide("efneBase", { type: "postgresql", url: url.toString() });
  return async () => {
    await admin.query(`drop database if exists ${nom} with (force)`);
    await admin.end();
  };
}

