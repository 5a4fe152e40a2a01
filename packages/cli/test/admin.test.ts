/**
 * `jixiao admin recover` on an embedded database folder (the server side is tested on both stores in
 * packages/server/test/security.recovery.test.ts): the locked security administrator gets a printed initial password
 * that signs in, the row is audited with the OS user; a business account and bad usage are refused.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@jixiao/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInitialAdmins } from "../../server/src/accounts/bootstrap.ts";
import { verifyPassword } from "../../server/src/accounts/password.ts";
import { accounts } from "../../server/src/accounts/schema.ts";
import { auditEvents } from "../../server/src/audit/schema.ts";
import { main } from "../src/commands/admin.ts";
import { captureIo } from "./io.ts";

const dir = mkdtempSync(join(tmpdir(), "jixiao-admin-"));
const previous = process.env.DATA_DIR;
const previousUrl = process.env.DATABASE_URL;

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> {
  const h = await openDatabase({ dataDir: dir });
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

async function admin(...args: string[]) {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe("jixiao admin recover", () => {
  beforeAll(async () => {
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    await withDb(async (db) => {
      await createInitialAdmins(db);
      await db
        .update(accounts)
        .set({ failedAttempts: 5, lockedUntil: sql`now() + interval '15 minutes'` })
        .where(eq(accounts.username, "secadmin"));
    });
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
    if (previousUrl !== undefined) process.env.DATABASE_URL = previousUrl;
    rmSync(dir, { recursive: true, force: true });
  });

  it("recovers the locked security administrator with a printed initial password, audited", async () => {
    const r = await admin("recover", "secadmin");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("已恢复管理员账户 secadmin（安全管理员 secadmin）");
    expect(r.out).toContain("已解除锁定");
    const password = r.out.split("\n").find((l) => /^Jx-/.test(l))!;
    await withDb(async (db) => {
      const [row] = await db.select().from(accounts).where(eq(accounts.username, "secadmin"));
      expect(row).toMatchObject({ lockedUntil: null, failedAttempts: 0, mustChangePassword: true, disabled: false });
      expect(await verifyPassword(row!.passwordHash, password)).toBe(true);
      const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "account.recover"));
      expect(audit!.details).toMatchObject({ username: "secadmin", osUser: userInfo().username });
    });
  });

  it("refuses a business account (exit 1) and bad usage (exit 2)", async () => {
    await withDb(async (db) => {
      await db.insert(accounts).values({ username: "zhang", displayName: "张三", passwordHash: "x" });
    });
    const business = await admin("recover", "zhang");
    expect(business.code).toBe(1);
    expect(business.err).toContain("不是管理员账户");
    expect((await admin("recover")).code).toBe(2);
    expect((await admin("reset", "secadmin")).code).toBe(2);
    expect((await admin("--help")).code).toBe(0);
  });
});
