/**
 * copyInsert (db/copy.ts) on both stores: the rows COPY writes are the values given — any text (tabs, newlines,
 * backslashes, `\N`, quotes, CJK), JSON, exact decimals, timestamps, NULL — inside the caller's transaction (a
 * refused row writes nothing and leaves the connection usable) and outside one.
 */
import { randomUUID } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { type AnyPgColumn, jsonb, numeric, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyInsert } from "../src/db/copy.ts";
import { transact } from "../src/db/transaction.ts";
import { freshStore, STORES, type TestStore } from "./support/stores.ts";

const scratch = pgTable("copy_scratch", {
  id: uuid("id").primaryKey(),
  parentId: uuid("parent_id").references((): AnyPgColumn => scratch.id),
  name: text("name").notNull(),
  note: text("note"),
  data: jsonb("data"),
  amount: numeric("amount", { precision: 18, scale: 4 }),
  at: timestamp("at", { withTimezone: true }),
});

/** Text PostgreSQL can hold: any code point but NUL, no lone surrogates. */
const NUL = String.fromCharCode(0);
const pgText = fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => s.split(NUL).join(""));
const awkward = fc.constantFrom("", "\t", "\n", "\r\n", "\\", "\\N", "\\t", '"', "a\tb\\c\nd", "指标\t（1）", "NULL");
const anyText = fc.oneof(pgText, awkward);
const json = fc
  .jsonValue({ maxDepth: 2 })
  .filter((v) => !JSON.stringify(v).includes("\\u0000"))
  .map((v) => JSON.parse(JSON.stringify(v)));
const amount = fc
  .tuple(fc.bigInt({ min: -(10n ** 14n) + 1n, max: 10n ** 14n - 1n }), fc.integer({ min: 0, max: 9999 }))
  .map(([i, f]) => `${i}.${String(f).padStart(4, "0")}`);
const row = fc.record({
  name: anyText,
  note: fc.option(anyText, { nil: null }),
  data: fc.option(json, { nil: null }),
  amount: fc.option(amount, { nil: null }),
  at: fc.option(
    fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }),
    { nil: null },
  ),
});

describe.each(STORES)("copyInsert on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore(kind);
    await store.handle.db.execute(
      sql.raw(
        "CREATE TABLE copy_scratch (id uuid PRIMARY KEY, parent_id uuid REFERENCES copy_scratch (id), name text NOT NULL, note text, data jsonb, amount numeric(18,4), at timestamptz)",
      ),
    );
  });
  afterAll(async () => {
    await store?.dispose();
  });

  // JSON read back as text and parsed here: Drizzle's jsonb reader parses a JSON string's value once more ("0" → 0).
  const readBack = async (ids: string[]) =>
    (
      await store.handle.db
        .select({
          id: scratch.id,
          parentId: scratch.parentId,
          name: scratch.name,
          note: scratch.note,
          data: sql<string | null>`${scratch.data}::text`,
          amount: scratch.amount,
          at: scratch.at,
        })
        .from(scratch)
        .orderBy(asc(scratch.name), asc(scratch.id))
    ).filter((r) => ids.includes(r.id));

  it("writes the values given, whatever the text, JSON, decimals and times (in a transaction)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (given) => {
        const rows = given.map((r) => ({ id: randomUUID(), parentId: null, ...r }));
        await transact(store.handle.db, (tx) => copyInsert(tx, scratch, rows));
        const back = await readBack(rows.map((r) => r.id));
        const byId = new Map(back.map((r) => [r.id, r]));
        expect(back).toHaveLength(rows.length);
        for (const r of rows) {
          const b = byId.get(r.id)!;
          expect(b.name).toBe(r.name);
          expect(b.note).toBe(r.note);
          expect(b.data === null ? null : JSON.parse(b.data)).toEqual(r.data);
          expect(b.amount).toBe(r.amount);
          expect(b.at?.getTime() ?? null).toBe(r.at?.getTime() ?? null);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("takes children before or after their parents in one COPY (keys checked when it ends), outside a transaction too", async () => {
    const parent = randomUUID();
    const child = randomUUID();
    await copyInsert(store.handle.db, scratch, [
      { id: child, parentId: parent, name: "child" },
      { id: parent, parentId: null, name: "parent" },
    ]);
    const back = await readBack([parent, child]);
    expect(back.map((r) => [r.name, r.parentId])).toEqual([
      ["child", parent],
      ["parent", null],
    ]);
  });

  it("writes nothing when a row is refused, and the store answers afterwards", async () => {
    const ok = randomUUID();
    const orphan = randomUUID();
    await expect(
      transact(store.handle.db, async (tx) => {
        await copyInsert(tx, scratch, [{ id: ok, name: "ok" }]);
        await copyInsert(tx, scratch, [{ id: orphan, parentId: randomUUID(), name: "orphan" }]);
      }),
    ).rejects.toThrow(/foreign key/);
    expect(await readBack([ok, orphan])).toEqual([]);
    const after = randomUUID();
    await transact(store.handle.db, (tx) => copyInsert(tx, scratch, [{ id: after, name: "after" }]));
    expect((await readBack([after])).map((r) => r.name)).toEqual(["after"]);
  });
});
