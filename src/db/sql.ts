import { sql, type SQL } from "drizzle-orm";
import type { Executeur } from "./client";

/*
 * PGlite in-process returns count(*) and sum() as numbers; node-postgres returns bigint and numeric
 * as strings. Every aggregate goes through these helpers so both drivers give JavaScript numbers.
 */

export function enNombre(valeur: unknown): number {
  if (typeof valeur === "number") return valeur;
  if (typeof valeur === "bigint") return Number(valeur);
  if (typeof valeur === "string" && valeur.trim() !== "" && Number.isFinite(Number(valeur))) return Number(valeur);
  if (valeur === null || valeur === undefined) return 0;
  throw new TypeError(`Valeur numérique inattendue : ${String(valeur)}`);
}

export function compter(expression: SQL = sql`*`): SQL<number> {
  return sql<number>`count(${expression})`.mapWith(enNombre);
}

export function sommer(expression: SQL | unknown): SQL<number> {
  return sql<number>`coalesce(sum(${expression}), 0)`.mapWith(enNombre);
}

export function compterDistincts(expression: SQL | unknown): SQL<number> {
  return sql<number>`count(distinct ${expression})`.mapWith(enNombre);
}

/**
 * Refreshes the planner's statistics of tables a bulk write just changed. The embedded database has
 * no autovacuum daemon: without this, a table filled by an import keeps the statistics of an empty
 * one, and the planner picks nested loops that turn a 0.1 s join over 35,000 communes into minutes.
 * (On a PostgreSQL server autovacuum would get there too, later.)
 */
export async function analyserTables(db: Pick<Executeur, "execute">, tables: string[]): Promise<void> {
  for (const table of new Set(tables)) await db.execute(sql`analyze ${sql.identifier(table)}`);
}
