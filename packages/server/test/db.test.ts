import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DomainError } from "@jixiao/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { pgError } from "../src/db/errors.ts";
import { openDatabase, queryRows } from "../src/db/open.ts";
import { transact } from "../src/db/transaction.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { freshStore, STORES, type TestStore } from "./support/stores.ts";

describe.each(STORES)("storage on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("is migrated and keeps money exact as numeric strings", async () => {
    const { db } = store.handle;
    expect(store.handle.kind).toBe(kind);
    await db.insert(fiscalYears).values({ year: 2024 });
    const rows = await queryRows<{ v: string }>(db, sql`SELECT 0.1::numeric(18,2) + 0.2::numeric(18,2) AS v`);
    expect(rows[0]?.v).toBe("0.30");
  });

  it("retries a transaction that hit a serialisation failure or deadlock, not other errors", async () => {
    const { db } = store.handle;
    let calls = 0;
    const value = await transact(db, async (tx) => {
      calls++;
      await tx.insert(fiscalYears).values({ year: 2030 + calls });
      if (calls < 3)
        throw Object.assign(new Error("could not serialize access"), { code: calls === 1 ? "40001" : "40P01" });
      return "done";
    });
    expect(value).toBe("done");
    expect(calls).toBe(3);
    // The failed attempts were rolled back: only the third insert is there.
    const years = (await db.select().from(fiscalYears)).map((y) => y.year).filter((y) => y > 2030);
    expect(years).toEqual([2033]);
    let other = 0;
    await expect(
      transact(db, async () => {
        other++;
        throw new Error("not retryable");
      }),
    ).rejects.toThrow("not retryable");
    expect(other).toBe(1);
  });

  it("refuses UPDATE and DELETE on the audit trail", async () => {
    const { db } = store.handle;
    await db.insert(auditEvents).values({ action: "test.event" });
    for (const statement of [
      sql`UPDATE audit_events SET action = 'changed'`,
      sql`DELETE FROM audit_events`,
      sql`TRUNCATE audit_events`,
    ]) {
      const error = await db.execute(statement).then(
        () => undefined,
        (e: unknown) => pgError(e),
      );
      expect(error?.code).toBe("42501");
      expect(error?.message).toMatch(/append-only/);
    }
    const left = await db.select().from(auditEvents);
    expect(left.map((r) => r.action)).toEqual(["test.event"]);
  });
});

describe("PGlite data folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-db-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is owned by one process: a second open fails with a bilingual message; a stale lock is taken over", async () => {
    const first = await openDatabase({ dataDir: dir });
    try {
      await first.db.insert(fiscalYears).values({ year: 2025 });
      const second = openDatabase({ dataDir: dir });
      await expect(second).rejects.toBeInstanceOf(DomainError);
      await expect(second).rejects.toMatchObject({ code: "conflict" });
      await expect(second).rejects.toThrow(/已被另一个进程占用/);
      await second.catch((e: DomainError) => expect(e.text.en).toMatch(/in use by another process/));
    } finally {
      await first.close();
    }
    // A lock left by a dead process (a pid that does not exist) is taken over.
    const lock = join(dir, "jixiao.lock");
    const host = (await import("node:os")).hostname();
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host, startedAt: "then" }));
    const again = await openDatabase({ dataDir: dir });
    try {
      expect(JSON.parse(readFileSync(lock, "utf8")).pid).toBe(process.pid);
      const years = await again.db.select().from(fiscalYears);
      expect(years.map((y) => y.year)).toEqual([2025]);
    } finally {
      await again.close();
    }
  });
});
