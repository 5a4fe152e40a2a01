/**
 * The self-evaluation list's pages (issue 14: the page's ids first, the count apart): walking the pages gives
 * every evaluation in scope once, in the list's order (year newest first, then the organisation's path, then id)
 * — the order worked out here from the rows themselves — with the same total on every page, past the end too,
 * for page sizes that divide the count and ones that do not; filters and scope still apply.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { selfEvaluations } from "../src/evaluations/schema.ts";
import { projects } from "../src/projects/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const PER_ORG_AND_YEAR = 4;

describe.each(STORES)("self-evaluation list pages on %s", (kind) => {
  const { t, reviewer } = appForSuite(kind, ["reviewer"]);
  /** Every evaluation made here with what the order needs. */
  const made: { id: string; year: number; orgPath: string; orgId: string }[] = [];

  beforeAll(async () => {
    const orgs = [t.world.unit, t.world.sibling, t.world.city];
    for (const year of [2024, 2025]) {
      for (const org of orgs) {
        const ps = await t.deps.db
          .insert(projects)
          .values(
            Array.from({ length: PER_ORG_AND_YEAR }, (_, i) => ({ orgId: org.id, year, name: `评价项目${year}-${i}` })),
          )
          .returning({ id: projects.id });
        const rows = await t.deps.db
          .insert(selfEvaluations)
          .values(ps.map((p) => ({ kind: "project", orgId: org.id, year, projectId: p.id })))
          .returning({ id: selfEvaluations.id });
        for (const r of rows) made.push({ id: r.id, year, orgPath: org.path, orgId: org.id });
      }
    }
  });

  const inOrder = (rows: typeof made) =>
    [...rows]
      .sort(
        (a, b) =>
          b.year - a.year ||
          (a.orgPath < b.orgPath ? -1 : a.orgPath > b.orgPath ? 1 : 0) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .map((r) => r.id);

  const list = async (q: string) => {
    const r = await reviewer.get(`/evaluations?${q}`);
    expect(r.status).toBe(200);
    return r.body as { items: { id: string }[]; total: number; nextCursor: string | null };
  };

  it.each([1, 5, 6, 7, 24, 50])("walks every page once in the list's order (page size %i)", async (size) => {
    const want = inOrder(made);
    const seen: string[] = [];
    const pages = Math.ceil(want.length / size);
    for (let page = 1; page <= pages + 1; page++) {
      const r = await list(`orgId=${t.world.city.id}&pageSize=${size}&page=${page}`);
      expect(r.total).toBe(want.length);
      if (page > pages) expect(r.items).toEqual([]);
      seen.push(...r.items.map((e) => e.id));
    }
    expect(seen).toEqual(want);
  });

  it("a filter and an organisation below narrow the pages and their total alike", async () => {
    const want = inOrder(made.filter((r) => r.year === 2025 && r.orgId === t.world.unit.id));
    const first = await list(`orgId=${t.world.unit.id}&year=2025&pageSize=3&page=1`);
    const second = await list(`orgId=${t.world.unit.id}&year=2025&pageSize=3&page=2`);
    expect(first.total).toBe(want.length);
    expect(second.total).toBe(want.length);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(want);
  });

  it.each(["", "&year=2025", "&kind=project"])(
    "walks every page once by cursor, as by page (filter '%s')",
    async (filter) => {
      for (const size of [1, 5, 7]) {
        const byPage: string[] = [];
        const byCursor: string[] = [];
        const all = await list(`orgId=${t.world.city.id}${filter}&pageSize=200`);
        let cursor: string | null = null;
        for (let page = 1; page <= Math.ceil(all.total / size) + 1; page++) {
          const q = `orgId=${t.world.city.id}${filter}&pageSize=${size}&page=${page}`;
          byPage.push(...(await list(q)).items.map((e) => e.id));
          if (page > 1 && cursor === null) continue; // the last page had no next one
          const next = await list(`${q}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
          expect(next.total).toBe(all.total);
          byCursor.push(...next.items.map((e) => e.id));
          cursor = next.nextCursor;
        }
        expect(byPage).toEqual(all.items.map((e) => e.id));
        expect(byCursor).toEqual(byPage);
      }
    },
  );

  it("refuses a cursor made for another filter, or one that is not a token, saying which parameter", async () => {
    const first = await list(`orgId=${t.world.city.id}&year=2025&pageSize=2`);
    expect(first.nextCursor).not.toBeNull();
    const other = await reviewer.get(
      `/evaluations?orgId=${t.world.city.id}&year=2024&pageSize=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.error.message).toContain("cursor");
    const junk = await reviewer.get(`/evaluations?orgId=${t.world.city.id}&cursor=not-a-token`);
    expect(junk.status).toBe(400);
    expect(junk.body.error.messageEn).toContain("cursor");
  });
});
