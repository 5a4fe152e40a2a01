/**
 * A new PGlite data folder starts as a copy of the migrated template (src/db/template.ts, issue 14: first start):
 * the template is made once per migrations and PGlite version, the copy is a whole migrated database, and each
 * folder is its own database afterwards.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase, queryRows } from "../src/db/open.ts";
import { templatePath } from "../src/db/template.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { temporaryCacheDir } from "./support/cache-dir.ts";

describe("PGlite template for new data folders", () => {
  const dir = temporaryCacheDir("jixiao-template-");

  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  const applied = async (h: Awaited<ReturnType<typeof openDatabase>>) =>
    (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`))[0]?.n;

  it("is made on the first open of an empty folder, and every new folder is a separate migrated database", async () => {
    const template = templatePath();
    expect(template.startsWith(join(dir, "cache"))).toBe(true);
    expect(existsSync(template)).toBe(false);
    // An older template (another PGlite version) goes when the new one is made; one being made by someone else stays.
    const cache = join(dir, "cache");
    const older = join(cache, "pglite-0.0.1-aaaaaaaaaaaa");
    const building = `${template}.building-1-abcdef12`;
    mkdirSync(older, { recursive: true });
    mkdirSync(building, { recursive: true });

    const a = await openDatabase({ dataDir: join(dir, "a") });
    try {
      expect(existsSync(join(template, "PG_VERSION"))).toBe(true);
      expect(await applied(a)).toBe(journal.entries.length);
      await a.db.insert(fiscalYears).values({ year: 2031 });
    } finally {
      await a.close();
    }
    // Nothing of its own half-made is left beside it, the older one is gone.
    expect(readdirSync(cache).sort()).toEqual([basename(template), basename(building)].sort());

    const b = await openDatabase({ dataDir: join(dir, "b") });
    try {
      expect(await applied(b)).toBe(journal.entries.length);
      expect((await b.db.select().from(fiscalYears)).map((y) => y.year)).not.toContain(2031);
    } finally {
      await b.close();
    }
    // A folder that holds a database is opened as it is, never overwritten by the template.
    const again = await openDatabase({ dataDir: join(dir, "a") });
    try {
      expect((await again.db.select().from(fiscalYears)).map((y) => y.year)).toContain(2031);
    } finally {
      await again.close();
    }
  });
});
