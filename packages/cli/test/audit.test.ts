/**
 * `jixiao audit verify` on an embedded database folder: exit 0 and the latest anchor when intact; exit 1 naming
 * the row when one was rewritten behind the append-only trigger; an earlier anchor catches a recomputed chain.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, startServer } from "@jixiao/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/commands/audit.ts";
import { captureIo } from "./io.ts";

const dir = mkdtempSync(join(tmpdir(), "jixiao-audit-"));
const previous = process.env.DATA_DIR;
const previousUrl = process.env.DATABASE_URL;

async function withDb(fn: (exec: (q: ReturnType<typeof sql>) => Promise<unknown>) => Promise<void>) {
  const h = await openDatabase({ dataDir: dir });
  try {
    await fn((q) => h.db.execute(q));
  } finally {
    await h.close();
  }
}

async function verify(...args: string[]) {
  const io = captureIo();
  const code = await main(["verify", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("jixiao audit verify", () => {
  beforeAll(async () => {
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    await withDb(async (exec) => {
      for (const action of ["auth.login", "project.create", "project.update"]) {
        await exec(sql`INSERT INTO audit_events (action, actor_name) VALUES (${action}, '张三')`);
      }
    });
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
    if (previousUrl !== undefined) process.env.DATABASE_URL = previousUrl;
    rmSync(dir, { recursive: true, force: true });
  });

  let anchor = "";
  it("says the chain is intact and prints the latest anchor", async () => {
    const r = await verify();
    expect(r.code).toBe(0);
    expect(r.out).toContain("审计记录 3 条");
    expect(r.out).toMatch(/哈希链完整/);
    anchor = /^(3:[0-9a-f]{64})$/m.exec(r.out)![1]!;
  });

  it("refuses a malformed anchor (exit 2, saying where)", async () => {
    const file = join(dir, "anchors.txt");
    writeFileSync(file, `# anchors\n${anchor} 2026-03-02\nnot-an-anchor\n`);
    const r = await verify("--anchors", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("第 3 行");
  });

  it("names a rewritten row (exit 1), and an anchor catches the chain recomputed to hide it", async () => {
    await withDb(async (exec) => {
      await exec(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
      await exec(sql`UPDATE audit_events SET actor_name = '李四' WHERE chain_seq = 2`);
      await exec(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    });
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("审计记录第 2 条");
    await withDb(async (exec) => {
      await exec(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
      await exec(sql`DO $$ DECLARE r audit_events; prev text := repeat('0', 64); BEGIN
        FOR r IN SELECT * FROM audit_events ORDER BY chain_seq LOOP
          r.hash := jixiao_audit_hash(prev, r);
          UPDATE audit_events SET hash = r.hash WHERE id = r.id;
          prev := r.hash;
        END LOOP; END $$`);
      await exec(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    });
    expect((await verify()).code).toBe(0);
    const anchored = await verify("--anchor", anchor, "--json");
    expect(anchored.code).toBe(1);
    expect(JSON.parse(anchored.out).breaks.map((b: { problem: string }) => b.problem)).toEqual(["anchor_mismatch"]);
  });

  it("reports the broken chain when the server starts", async () => {
    await withDb(async (exec) => {
      await exec(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
      await exec(sql`DELETE FROM audit_events WHERE chain_seq = 2`);
      await exec(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    });
    const logged: unknown[] = [];
    const server = await startServer({
      port: 0,
      host: "127.0.0.1",
      dataDir: dir,
      demo: false,
      logError: (e) => logged.push(e),
    });
    await server.close();
    expect(String(logged[0])).toMatch(/审计哈希链已断开[\s\S]*第 2 条处断开/);
  });
});
