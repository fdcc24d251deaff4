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

/**
 * Inserts rows (objects keyed like the table's properties) in one statement whose only parameter
 * is their JSON text, read back by `jsonb_to_recordset`: far less work than binding every value
 * for both drivers, and far less garbage on large imports. Array and JSON columns take JSON
 * arrays and objects; missing properties take null (not the column default: omit the property
 * from every row for that).
 */
export async function insererEnJson(db: { execute: (requete: SQL) => Promise<unknown> }, table: PgTable, lignes: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const [premiere] = lignes;
  if (!premiere) return;
  const colonnes = getTableColumns(table);
  const proprietes = Object.keys(premiere).filter((p) => colonnes[p]);
  const colonne = (p: string) => colonnes[p] as (typeof colonnes)[string];
  const noms = sql.join(
    proprietes.map((p) => sql.identifier(colonne(p).name)),
    sql`, `,
  );
  const definitions = sql.raw(proprietes.map((p) => `"${colonne(p).name}" ${colonne(p).getSQLType()}`).join(", "));
  const donnees = JSON.stringify(lignes.map((l) => Object.fromEntries(proprietes.map((p) => [colonne(p).name, l[p] ?? null]))));
  await db.execute(sql`insert into ${table} (${noms}) select ${noms} from jsonb_to_recordset(${donnees}::jsonb) as x(${definitions})`);
}
