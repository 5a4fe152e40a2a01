/**
 * A fresh migrated database per test file, on both stores.
 * - PGlite: creating and migrating one takes seconds, so a migrated template is dumped once to
 *   `.tmp/` (keyed by a hash of the migrations, shared by all workers) and each test loads a copy in memory.
 * - PostgreSQL: `CREATE DATABASE … TEMPLATE <migrated template>` from TEST_DATABASE_URL, dropped afterwards.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type DatabaseHandle, MIGRATIONS_FOLDER, openDatabase } from "../../src/db/open.ts";

export type StoreKind = "pglite" | "postgres";
export const STORES: StoreKind[] = ["pglite", "postgres"];

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const TMP = resolve(MIGRATIONS_FOLDER, "../../../.tmp");

function migrationsHash(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, name.name);
      if (name.isDirectory()) walk(p);
      else h.update(name.name).update(readFileSync(p));
    }
  };
  walk(MIGRATIONS_FOLDER);
  return h.digest("hex").slice(0, 12);
}

async function pgliteTemplate(): Promise<Blob> {
  const file = join(TMP, `pglite-template-${migrationsHash()}.tar`);
  if (!existsSync(file)) {
    mkdirSync(TMP, { recursive: true });
    const handle = await openDatabase({ pglite: await PGlite.create() });
    const dump = await handle.pglite!.dumpDataDir("none");
    await handle.close();
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
    for (const old of readdirSync(TMP)) {
      if (/^pglite-template-[0-9a-f]+\.tar$/.test(old) && join(TMP, old) !== file)
        rmSync(join(TMP, old), { force: true });
    }
  }
  return new Blob([readFileSync(file)]);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function postgresTemplate(): Promise<string> {
  const name = `jixiao_tpl_${migrationsHash()}`;
  await adminQuery(async (c) => {
    // Workers race to build the template: one builds it under an advisory lock, the others wait.
    await c.query("SELECT pg_advisory_lock(730002)");
    try {
      const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (found.rowCount === 0) {
        const building = `${name}_building`;
        await c.query(`DROP DATABASE IF EXISTS ${building}`);
        await c.query(`CREATE DATABASE ${building}`);
        const handle = await openDatabase({ url: withDatabase(TEST_DATABASE_URL, building), poolSize: 1 });
        await handle.close();
        await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
        // Templates of older migration sets are no longer needed (skip any still in use).
        const old = await c.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE datname LIKE 'jixiao\\_tpl\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_building'",
          [name],
        );
        for (const { datname } of old.rows) await c.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => {});
      }
    } finally {
      await c.query("SELECT pg_advisory_unlock(730002)");
    }
  });
  return name;
}

export interface TestStore {
  kind: StoreKind;
  handle: DatabaseHandle;
  /** Close and (PostgreSQL) drop the database. */
  dispose(): Promise<void>;
  /** The URL of this test database (PostgreSQL only), e.g. for a second app process. */
  url?: string;
}

export async function freshStore(kind: StoreKind, options: { poolSize?: number } = {}): Promise<TestStore> {
  if (kind === "pglite") {
    const client = await PGlite.create({ loadDataDir: await pgliteTemplate() });
    const handle = await openDatabase({ pglite: client, migrate: false });
    return { kind, handle, dispose: () => handle.close() };
  }
  const template = await postgresTemplate();
  const name = `jixiao_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (e) {
        // "source database is being accessed by other users" while another worker copies it: retry.
        if (attempt > 20 || (e as { code?: string }).code !== "55006") throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const url = withDatabase(TEST_DATABASE_URL, name);
  const handle = await openDatabase({ url, migrate: false, poolSize: options.poolSize ?? 5 });
  return {
    kind,
    handle,
    url,
    async dispose() {
      await handle.close();
      await adminQuery((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
