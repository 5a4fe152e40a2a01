/**
 * The project list's keyset pagination (issue 14): walking the pages with `nextCursor` gives every project once, in
 * the same order as one big page and as walking with `page` — for every sort, both directions, ties on the sort
 * key, keys that are missing (NULL, last either way) and times with microseconds; a token that is not one, or that
 * belongs to another sort, is refused.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_SORTS } from "../src/projects/repository.ts";
import { projects } from "../src/projects/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const COUNT = 23;

describe.each(STORES)("project list cursors on %s", (kind) => {
  const { t, reviewer } = appForSuite(kind, ["reviewer"]);

  beforeAll(async () => {
    const rows = Array.from({ length: COUNT }, (_, i) => ({
      orgId: i % 2 ? t.world.unit.id : t.world.sibling.id,
      year: 2025,
      name: `项目${String(i % 7).padStart(2, "0")}`,
      code: i % 5 === 0 ? null : `C${i % 4}`,
      annualFunds: i % 6 === 0 ? null : `${(i % 3) * 1000}.50`,
      workflowState: (["draft", "submitted", "approved"] as const)[i % 3],
    }));
    await t.deps.db.insert(projects).values(rows);
    // times with microseconds, several equal to the millisecond
    await t.deps.db.execute(
      sql`UPDATE projects SET updated_at = timestamptz '2025-03-01 08:00:00.123456+00' + (ascii(right(name, 1)) % 3) * interval '1 microsecond' * 7`,
    );
  });

  const list = async (q: string) => {
    const r = await reviewer.get(`/projects?orgId=${t.world.city.id}&year=2025&${q}`);
    expect(r.status).toBe(200);
    return r.body as { items: { id: string }[]; total: number; nextCursor: string | null };
  };

  it.each(PROJECT_SORTS.flatMap((s) => [`${s}:asc`, `${s}:desc`]))(
    "walks every page once by cursor (%s)",
    async (key) => {
      const [sort, order] = key.split(":");
      const all = await list(`sort=${sort}&order=${order}&pageSize=200`);
      expect(all.items).toHaveLength(COUNT);
      expect(all.nextCursor).toBeNull();

      const byCursor: string[] = [];
      const byPage: string[] = [];
      let cursor: string | null = null;
      for (let page = 1; page <= 10; page++) {
        const next = await list(
          `sort=${sort}&order=${order}&pageSize=4&page=${page}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        expect(next.total).toBe(COUNT);
        byCursor.push(...next.items.map((p) => p.id));
        const offset = await list(`sort=${sort}&order=${order}&pageSize=4&page=${page}`);
        byPage.push(...offset.items.map((p) => p.id));
        cursor = next.nextCursor;
        if (!cursor) break;
      }
      expect(byCursor).toEqual(all.items.map((p) => p.id));
      expect(byPage).toEqual(all.items.map((p) => p.id));
    },
  );

  it("refuses a token that is none, or one of another sort or order", async () => {
    const first = await list("sort=annualFunds&order=desc&pageSize=4");
    expect(first.nextCursor).toEqual(expect.any(String));
    const token = encodeURIComponent(first.nextCursor!);
    for (const q of [
      `sort=annualFunds&order=asc&cursor=${token}`,
      `sort=name&order=desc&cursor=${token}`,
      "sort=annualFunds&order=desc&cursor=not-a-token",
      `sort=annualFunds&order=desc&cursor=${Buffer.from('["annualFunds",1,"1; DROP",null]').toString("base64url")}`,
      // another filter (the count it carries would not be this list's)
      `sort=annualFunds&order=desc&state=draft&cursor=${token}`,
    ]) {
      const r = await reviewer.get(`/projects?orgId=${t.world.city.id}&year=2025&pageSize=4&${q}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("invalid_input");
      expect(r.body.error.message).toContain("cursor");
    }
  });
});
