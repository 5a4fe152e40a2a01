/**
 * Many rows into one table by `COPY … FROM STDIN` (text format), on the connection of the caller's transaction:
 * PGlite reads the rows from a Blob (`COPY … FROM '/dev/blob'`), PostgreSQL from CopyData messages sent on the
 * pg client the transaction holds. The cheapest way PostgreSQL has to take rows in — no array parameter to build,
 * serialise and unnest, one statement whatever the number of rows — with the table's defaults, keys, foreign keys,
 * checks and triggers as for an INSERT. Values are converted by the Drizzle column (JSON as JSON text, dates as ISO
 * text), so the rows are the ones an INSERT of the same values would write. A driver neither of these (none today)
 * falls back to the `unnest` INSERT (imports/bulk.ts).
 */
import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { bulkInsert } from "../imports/bulk.ts";
import type { Db } from "./open.ts";

/** The driver's connection behind a Drizzle database or transaction (Drizzle keeps it on its session). */
function connectionOf(db: Db): unknown {
  return (db as unknown as { session?: { client?: unknown } }).session?.client;
}

interface PgliteLike {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
  exec(text: string): Promise<unknown>;
}
const isPglite = (c: unknown): c is PgliteLike =>
  typeof c === "object" &&
  c !== null &&
  typeof (c as PgliteLike).query === "function" &&
  typeof (c as PgliteLike).exec === "function";

/** One field in COPY's text format: `\N` for NULL, backslash, newline, carriage return and tab escaped. */
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
export function copyField(text: string | null): string {
  if (text === null) return "\\N";
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : text;
}
const field = (column: PgColumn, v: unknown): string =>
  copyField(v === null || v === undefined ? null : String(column.mapToDriverValue(v)));

/**
 * The rows as COPY text: one line per row, fields in `keys` order. A column's last value and its text are kept:
 * imported rows repeat them (the same timestamp, project, parent, level) and converting a Date is not free.
 */
export function copyLines(columns: PgColumn[], keys: string[], rows: Record<string, unknown>[]): string {
  const lastValue: unknown[] = keys.map(() => Symbol());
  const lastText: string[] = keys.map(() => "");
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let line = "";
    for (let i = 0; i < keys.length; i++) {
      const v = row[keys[i]!];
      if (v !== lastValue[i]) {
        lastValue[i] = v;
        lastText[i] = field(columns[i]!, v);
      }
      line += i ? `\t${lastText[i]}` : lastText[i];
    }
    lines[r] = line;
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/** Sends COPY … FROM STDIN on a pg client and the data once the server asks for it (pg's "submittable" query). */
class CopyIn {
  callback?: (e: Error | null) => void;
  private done = false;
  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {}
  private finish(e: Error | null) {
    if (this.done) return;
    this.done = true;
    this.callback?.(e);
  }
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
    const CHUNK = 1 << 20;
    for (let at = 0; at < this.data.length; at += CHUNK)
      connection.sendCopyFromChunk(this.data.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }
  handleError(e: Error) {
    this.finish(e);
  }
  handleReadyForQuery() {
    this.finish(null);
  }
  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handleCopyData() {}
}

function copyOnPg(client: pg.ClientBase, statement: string, data: string): Promise<void> {
  const q = new CopyIn(statement, Buffer.from(data, "utf8"));
  return new Promise((resolve, reject) => {
    q.callback = (e) => (e ? reject(e) : resolve());
    client.query(q as unknown as pg.QueryConfig);
  });
}

/**
 * `COPY table (columns) FROM STDIN` with `data` in COPY's text format, in the transaction `db` is (or, given the
 * pool, on a connection of its own). False when the driver is neither PGlite nor pg (nothing done).
 */
export async function copyFrom(db: Db, table: string, columns: string[], data: string): Promise<boolean> {
  const client = connectionOf(db);
  const statement = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`;
  if (client instanceof pg.Pool) {
    const c = await client.connect();
    try {
      await copyOnPg(c, statement, data);
    } finally {
      c.release();
    }
  } else if (client instanceof pg.Client) {
    await copyOnPg(client, statement, data);
  } else if (isPglite(client)) {
    await client.query(statement.replace(/FROM STDIN$/, "FROM '/dev/blob'"), [], { blob: new Blob([data]) });
  } else return false;
  return true;
}

/**
 * Insert `rows` (all with the same keys, the table's property names) into `table` by COPY, in the transaction
 * `db` is (or, given the pool, on a connection of its own). Nothing is returned: callers give the ids.
 */
export async function copyInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: Partial<T["$inferInsert"]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!).filter((k) => all[k] !== undefined);
  const columns = keys.map((k) => all[k]!);
  const data = copyLines(columns, keys, rows as Record<string, unknown>[]);
  const names = columns.map((c) => c.name);
  if (!(await copyFrom(db, getTableName(table), names, data))) await bulkInsert(db, table, rows);
}
