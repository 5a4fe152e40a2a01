import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { backup, restore } from "../src/backup/backup.ts";
import { type Db, openDatabase, queryRows } from "../src/db/open.ts";
import * as schema from "../src/db/schema.ts";
import { insertProject } from "../src/projects/repository.ts";
import { seedWorld } from "./support/app.ts";
import { freshStore, TEST_DATABASE_URL } from "./support/stores.ts";

const TABLES = (Object.values(schema) as unknown[])
  .filter((t): t is PgTable => t instanceof PgTable)
  .map((t) => getTableName(t))
  .sort();

/** Every table's rows as canonical JSON text. */
async function contents(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await queryRows<{ j: string }>(
      db,
      sql`SELECT coalesce(json_agg(t ORDER BY t::text), '[]')::text AS j FROM ${sql.identifier(table)} t`,
    );
    out[table] = row!.j;
  }
  return out;
}

async function fill(db: Db) {
  const world = await seedWorld(db);
  await insertProject(db, { orgId: world.unit.id, year: 2024, name: "备份", annualFunds: "4850.00" });
  await db.execute(sql`INSERT INTO audit_events (action) VALUES ('backup.test')`);
}

describe("backup and restore", () => {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-backup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("round-trips the embedded database", async () => {
    const source = join(dir, "source");
    const h = await openDatabase({ dataDir: source });
    await fill(h.db);
    expect(TABLES.length).toBeGreaterThan(15);
    const before = await contents(h.db);
    await expect(backup({ dataDir: source }, join(dir, "x.tar.gz"))).rejects.toThrow(/已被另一个进程占用/);
    await h.close();
    await backup({ dataDir: source }, join(dir, "db.tar.gz"));
    await restore({ dataDir: join(dir, "restored") }, join(dir, "db.tar.gz"));
    await expect(restore({ dataDir: join(dir, "restored") }, join(dir, "db.tar.gz"))).rejects.toThrow(/空目录/);
    const r = await openDatabase({ dataDir: join(dir, "restored") });
    try {
      expect(await contents(r.db)).toEqual(before);
      expect(before.projects).toContain("4850.00");
    } finally {
      await r.close();
    }
  });

  it("round-trips a PostgreSQL database (pg_dump / pg_restore), audit trigger included", async () => {
    const source = await freshStore("postgres");
    const target = `jixiao_restore_${process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await fill(source.handle.db);
      const before = await contents(source.handle.db);
      await backup({ url: source.url! }, join(dir, "pg.dump"));
      await admin.query(`DROP DATABASE IF EXISTS ${target}`);
      await admin.query(`CREATE DATABASE ${target}`);
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${target}`;
      await restore({ url: url.toString() }, join(dir, "pg.dump"));
      const r = await openDatabase({ url: url.toString(), migrate: true, poolSize: 1 });
      try {
        expect(await contents(r.db)).toEqual(before);
        await expect(r.db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
      } finally {
        await r.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
      await admin.end();
      await source.dispose();
    }
  });
});
