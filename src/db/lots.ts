import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** Lets timers and I/O run between batches: PGlite blocks the event loop while it works. */
export const ceder = () => new Promise<void>((resolve) => setImmediate(resolve));

export function* enLots<T>(elements: readonly T[], taille: number): Generator<T[]> {
  for (let i = 0; i < elements.length; i += taille) yield elements.slice(i, i + taille);
}

/** `set` clause of an upsert: every column but the given keys takes the proposed value. */
export function valeursProposees(table: PgTable, cles: string[]): Record<string, SQL> {
  const set: Record<string, SQL> = {};
  for (const [propriete, colonne] of Object.entries(getTableColumns(table))) {
    if (cles.includes(propriete)) continue;
    set[propriete] = sql.raw(`excluded."${colonne.name}"`);
  }
  return set;
}
