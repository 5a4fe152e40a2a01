/**
 * A new embedded data folder with the demo starts as a copy of the day's demo (src/demo/template.ts, issue 14: first
 * start): the copy holds what loading the demo makes, table by table; each folder is its own database; a template
 * of another day (or other sources) is not used and goes when the new one is made; the server started on an empty
 * folder says which demo accounts it has, with the audit trail's chain whole.
 */
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase, queryRows } from "../src/db/open.ts";
import { loadDemo } from "../src/demo/seed.ts";
import { demoTemplatePath, seedDemoFromTemplate } from "../src/demo/template.ts";
import { startServer } from "../src/server.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { temporaryCacheDir } from "./support/cache-dir.ts";

/** Every table of the schema with its number of rows. */
async function rowCounts(h: DatabaseHandle): Promise<Record<string, number>> {
  const tables = await queryRows<{ t: string }>(
    h.db,
    sql`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { t } of tables) {
    counts[t] = (await queryRows<{ n: number }>(h.db, sql.raw(`SELECT count(*)::int AS n FROM "${t}"`)))[0]!.n;
  }
  return counts;
}

describe("the demo template for new data folders", () => {
  const dir = temporaryCacheDir("jixiao-demo-template-");
  const now = new Date();

  it("copies what loading the demo makes, into folders that are each their own database", async () => {
    const template = demoTemplatePath(now)!;
    expect(template.startsWith(join(dir, "cache"))).toBe(true);
    // A template of another day goes when today's is made.
    const yesterday = demoTemplatePath(new Date(now.getTime() - 86_400_000))!;
    expect(yesterday).not.toBe(template);
    mkdirSync(join(yesterday, "pglite"), { recursive: true });

    const accounts = await seedDemoFromTemplate(join(dir, "a", "pglite"), now);
    expect(existsSync(join(template, "pglite", "PG_VERSION"))).toBe(true);
    expect(readdirSync(join(dir, "cache")).filter((n) => n.startsWith("demo-"))).toEqual([basename(template)]);

    const direct = await openDatabase({ dataDir: join(dir, "direct") });
    let loaded: Awaited<ReturnType<typeof loadDemo>>;
    let expected: Record<string, number>;
    try {
      loaded = await loadDemo(direct.db, now);
      expected = await rowCounts(direct);
    } finally {
      await direct.close();
    }
    expect(accounts).toEqual(loaded);
    expect(expected.projects).toBeGreaterThan(0);

    const a = await openDatabase({ dataDir: join(dir, "a") });
    try {
      expect(await rowCounts(a)).toEqual(expected);
      await a.db.insert(fiscalYears).values({ year: 2031 });
    } finally {
      await a.close();
    }
    // A second folder is a copy of the template, not of the first folder.
    expect(await seedDemoFromTemplate(join(dir, "b", "pglite"), now)).toEqual(loaded);
    const b = await openDatabase({ dataDir: join(dir, "b") });
    try {
      expect((await b.db.select().from(fiscalYears)).map((y) => y.year)).not.toContain(2031);
    } finally {
      await b.close();
    }
    // A folder that holds a database is left as it is.
    expect(await seedDemoFromTemplate(join(dir, "a", "pglite"), now)).toBeUndefined();
  });

  it("the server started on an empty folder has the demo's accounts and a whole audit chain", async () => {
    const errors: unknown[] = [];
    const server = await startServer({
      port: 0,
      host: "127.0.0.1",
      dataDir: join(dir, "served"),
      logError: (e) => errors.push(e),
    });
    try {
      expect(server.created?.kind).toBe("demo");
      expect(server.created?.accounts.map((a) => a.username)).toContain("demo-filler");
      const health = await fetch(`${server.url}/api/v1/health`);
      expect(health.status).toBe(200);
    } finally {
      await server.close();
    }
    expect(errors).toEqual([]);
  });
});
