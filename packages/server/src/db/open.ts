/**
 * Open the storage: PGlite in a data folder (the embedded default) or PostgreSQL through a pg Pool.
 * Both give a Drizzle instance typed as the common `PgDatabase`, so repositories do not care which.
 * Migrations (committed SQL in packages/server/drizzle) run on open unless `migrate: false`.
 */
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type pg from "pg";
import { traceStart } from "../start-trace.ts";
import { acquireFolderLock, type FolderLock } from "./lock.ts";
import * as schema from "./schema.ts";
import { seedFromTemplate } from "./template.ts";

export type Schema = typeof schema;
/** The database as every repository sees it (also the type of a transaction). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");

export interface DatabaseHandle {
  kind: "pglite" | "postgres";
  db: Db;
  /** Where the data is: the data folder, or the URL without its password. */
  where: string;
  /** The PGlite instance (embedded mode only), e.g. for `dumpDataDir` backups. */
  pglite?: PGlite;
  /** The pg pool (PostgreSQL mode only). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export type OpenOptions =
  | {
      dataDir: string;
      migrate?: boolean;
      pglite?: PGlite;
      /** A new folder starts as a copy of the migrated template (template.ts) rather than PGlite's initdb: default yes. */
      fromTemplate?: boolean;
      /**
       * Fills the new, empty PGlite folder first (under the folder's lock), e.g. with the demo (demo/template.ts):
       * true when it did, with a database made at the present migrations (they are then not checked again).
       */
      seed?: (pgliteDir: string) => Promise<boolean>;
    }
  | { url: string; migrate?: boolean; poolSize?: number }
  | { pglite: PGlite; migrate?: boolean };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const runMigrations = options.migrate !== false;
  if ("url" in options) return openPostgres(options.url, runMigrations, options.poolSize);
  if ("dataDir" in options) {
    const dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    const lock = acquireFolderLock(dataDir);
    try {
      const pgliteDir = join(dataDir, "pglite");
      // PGlite's WebAssembly is compiled while the folder is copied (V8 compiles on its own threads).
      const wasm = pgliteWasm();
      let copied = options.seed ? await options.seed(pgliteDir) : false;
      if (!copied && options.fromTemplate !== false) copied = await seedFromTemplate(pgliteDir);
      const pgliteWasmModule = await wasm;
      const client = await PGlite.create({ dataDir: pgliteDir, ...(pgliteWasmModule ? { pgliteWasmModule } : {}) });
      traceStart("PGlite open");
      // A copy of a template is at the present migrations (the templates are keyed by their hash): nothing to check.
      return await wrapPglite(client, dataDir, runMigrations && !copied, lock);
    } catch (e) {
      lock.release();
      throw e;
    }
  }
  return wrapPglite(options.pglite, "memory", runMigrations, undefined);
}

/**
 * PGlite's compiled WebAssembly (9 MB), once per process: every database opened after the first (the tests open
 * hundreds) instantiates it instead of compiling it again. Undefined when it cannot be had: PGlite loads its own.
 */
type WasmModule = NonNullable<PGliteOptions["pgliteWasmModule"]>;
/** Node's global WebAssembly (the project's TypeScript libraries do not declare it). */
const { WebAssembly: wasmApi } = globalThis as unknown as {
  WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> };
};
let compiled: Promise<WasmModule | undefined> | undefined;
function pgliteWasm(): Promise<WasmModule | undefined> {
  compiled ??= (async () => {
    try {
      const dist = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
      return await wasmApi.compile(await readFile(join(dist, "pglite.wasm")));
    } catch {
      return undefined;
    }
  })();
  return compiled;
}

async function wrapPglite(
  client: PGlite,
  where: string,
  runMigrations: boolean,
  lock: FolderLock | undefined,
): Promise<DatabaseHandle> {
  const db = drizzlePglite(client, { schema });
  try {
    if (runMigrations) await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (e) {
    await client.close();
    throw e;
  }
  let closed = false;
  return {
    kind: "pglite",
    db: db as unknown as Db,
    where,
    pglite: client,
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Migrations take a session advisory lock so that several app instances starting together do not race. */
const MIGRATION_LOCK_KEY = 730_001;

async function openPostgres(url: string, runMigrations: boolean, poolSize = 10): Promise<DatabaseHandle> {
  // The PostgreSQL driver is loaded only here: the embedded store's start does not pay for it (issue 14).
  const [{ default: pgModule }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const pool = new pgModule.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (the server restarting) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  try {
    if (runMigrations) {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        try {
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    } else {
      await pool.query("SELECT 1");
    }
  } catch (e) {
    await pool.end();
    throw e;
  }
  const db = drizzlePg(pool, { schema });
  let closed = false;
  return {
    kind: "postgres",
    db: db as unknown as Db,
    where: redactUrl(url),
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

/** A cheap liveness query for /health. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`SELECT 1`);
}

/** Run raw SQL and return its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
