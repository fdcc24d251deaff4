import { sql, type SQL } from "drizzle-orm";

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
