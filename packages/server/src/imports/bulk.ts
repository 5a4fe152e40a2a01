/**
 * Bulk INSERT for large imports: `INSERT INTO t (…) SELECT u.c0::type, … FROM unnest($1::text[], …) AS u(…)` —
 * one parameter per column whatever the number of rows (a multi-row VALUES binds one per cell, and PostgreSQL
 * stops at 65,535), the same statement text on PGlite and PostgreSQL. Column names and types come from the
 * Drizzle table, so the statement follows the schema. Values travel as text and are cast back by PostgreSQL:
 * exact decimals stay exact, JSON as JSON text.
 */
import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { type Db, queryRows } from "../db/open.ts";

/** Rows per statement: keeps one statement's arrays to a few MB. */
export const BULK_ROWS = 5000;

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * Insert `rows` (all with the same keys, the table's property names) into `table`; returns the `returning`
 * columns of every row inserted, by property name (text as PostgreSQL prints it), in no promised order.
 */
export async function bulkInsert<T extends PgTable, K extends string & keyof T["$inferSelect"]>(
  db: Db,
  table: T,
  rows: Partial<T["$inferInsert"]>[],
  returning: K[] = [],
): Promise<Record<K, string>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!).filter((k) => columns[k] !== undefined);
  const cols = keys.map((k) => columns[k]!);
  const target = sql.join(
    cols.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const casts = sql.join(
    cols.map((c, i) => sql.raw(`u.c${i}::${c.getSQLType()}`)),
    sql`, `,
  );
  const names = sql.raw(cols.map((_, i) => `c${i}`).join(", "));
  const back: SQL | undefined = returning.length
    ? sql` RETURNING ${sql.join(
        returning.map((k) => sql`${sql.identifier(columns[k]!.name)}::text AS ${sql.identifier(k)}`),
        sql`, `,
      )}`
    : undefined;
  const out: Record<K, string>[] = [];
  for (let start = 0; start < rows.length; start += BULK_ROWS) {
    const part = rows.slice(start, start + BULK_ROWS) as Record<string, unknown>[];
    const arrays = sql.join(
      keys.map(
        (k) =>
          sql`${sql.param(
            part.map((r) => asText(r[k])),
            undefined,
          )}::text[]`,
      ),
      sql`, `,
    );
    const query = sql`INSERT INTO ${sql.identifier(getTableName(table))} (${target}) SELECT ${casts} FROM unnest(${arrays}) AS u(${names})${back ?? sql``}`;
    if (back) out.push(...(await queryRows<Record<K, string>>(db, query)));
    else await db.execute(query);
  }
  return out;
}
