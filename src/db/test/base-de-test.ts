import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { afterAll, beforeAll, inject } from "vitest";
import { ouvrirPostgresql, type BaseDeDonnees, type Connexion, type Transaction } from "../client";
import * as schema from "../schema";

/*
 * The integration tests' database: the one prepared by the global setup of the project (PGlite or
 * the PostgreSQL server). `dansUneTransaction` runs a scenario in a transaction rolled back at the
 * end, so tests never see each other's writes.
 */

class Annulation extends Error {}

export function utiliserBaseDeTest(): { connexion: () => Connexion } {
  let connexion: Connexion | undefined;
  beforeAll(async () => {
    const base = inject("efneBase");
    if (base.type === "pglite") {
      const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(base.archive)]) });
      const db = drizzlePglite(client, { schema }) as unknown as BaseDeDonnees;
      connexion = { type: "pglite", db, dossier: null, verrou: null, sousVerrouExclusif: (t) => t(), fermer: () => client.close() };
    } else {
      connexion = await ouvrirPostgresql(base.url, { max: 4 });
    }
  });
  afterAll(async () => connexion?.fermer());
  return {
    connexion: () => {
      if (!connexion) throw new Error("Base de test non ouverte");
      return connexion;
    },
  };
}

/** A connection whose every query runs inside the given transaction (services see it as their database). */
export function connexionSur(transaction: Transaction, type: Connexion["type"]): Connexion {
  return {
    type,
    db: transaction as unknown as BaseDeDonnees,
    dossier: null,
    verrou: null,
    sousVerrouExclusif: (travail) => travail(),
    fermer: async () => undefined,
  };
}

export async function dansUneTransaction(connexion: Connexion, scenario: (c: Connexion) => Promise<void>): Promise<void> {
  try {
    await connexion.db.transaction(async (tx) => {
      await scenario(connexionSur(tx as Transaction, connexion.type));
      throw new Annulation();
    });
  } catch (erreur) {
    if (!(erreur instanceof Annulation)) throw erreur;
  }
}
