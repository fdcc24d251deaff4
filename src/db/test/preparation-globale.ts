import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ouvrirPglite, ouvrirPostgresql } from "../client";
import { creerBasePostgresqlDeTest } from "./postgresql-de-test";
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

  const base = await creerBasePostgresqlDeTest("efne_test");
  const connexion = await ouvrirPostgresql(base.url);
  try {
    await preparerBase({ connexion, maintenant, chargerDemonstrationAuPremierDemarrage: false });
  } finally {
    await connexion.fermer();
  }
  projet.provide("efneBase", { type: "postgresql", url: base.url });
  return () => base.supprimer();
}
