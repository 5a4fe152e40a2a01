/**
 * The score roll-ups a dashboard reads: the summary (per direct child unit and in all: count, count per grade,
 * exact mean and minimum, in SQL) checked against an independent computation from the full list, and the full
 * list a page at a time.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/open.ts";
import { selfEvaluations } from "../src/evaluations/schema.ts";
import { insertOrganisation } from "../src/orgs/repository.ts";
import type { OrganisationRow } from "../src/orgs/schema.ts";
import { projects } from "../src/projects/schema.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const YEAR = 2022;

interface Item {
  id: string;
  name: string;
  orgName: string;
  total: string;
  grade: string;
}
interface Figures {
  count: number;
  grades: Record<string, number>;
  mean: string | null;
  min: string | null;
}

/** A decimal text with at most 4 decimals as an integer of 0.0001 units (the test's own arithmetic). */
function units(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(text);
  if (!m) throw new Error(`not a decimal with at most 4 decimals: ${text}`);
  const v = BigInt(m[2]!) * 10000n + BigInt((m[3] ?? "").padEnd(4, "0"));
  return m[1] ? -v : v;
}
/** 0.0001 units back to the shortest decimal text. */
function text(u: bigint): string {
  const neg = u < 0n;
  const abs = neg ? -u : u;
  const frac = (abs % 10000n).toString().padStart(4, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${abs / 10000n}${frac ? `.${frac}` : ""}`;
}
/** What the summary should say of these list rows, computed here from the list's own totals and grades. */
function expected(items: Item[]): Figures {
  const grades: Record<string, number> = { 优: 0, 良: 0, 中: 0, 差: 0 };
  for (const i of items) grades[i.grade] = (grades[i.grade] ?? 0) + 1;
  if (items.length === 0) return { count: 0, grades, mean: null, min: null };
  const values = items.map((i) => units(i.total));
  const sum = values.reduce((a, b) => a + b, 0n);
  const n = BigInt(items.length);
  // mean in 0.0001 units, rounded half away from zero (all totals here are ≥ 0)
  const mean = (sum * 2n + n) / (2n * n);
  const min = values.reduce((a, b) => (b < a ? b : a));
  return { count: items.length, grades, mean: text(mean), min: text(min) };
}

/** The standard grade of a total, by the bands of 财预〔2020〕10号 (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差), written here. */
function band(total: string): string {
  const u = units(total);
  return u >= 900000n ? "优" : u >= 800000n ? "良" : u >= 600000n ? "中" : "差";
}
/** A stored score as core's result carries it (total, grade): what the roll-ups read. */
const scored = (total: string) => ({ computedTotal: total, scoreResult: { total: Number(total), grade: band(total) } });

type Evaluation = Omit<typeof selfEvaluations.$inferInsert, "kind">;

/**
 * Inserts the self-evaluations, in order: the first of an organisation and year is its 部门整体 one (one per
 * organisation and year), each other one a project's, of a project of its own made here — the roll-ups count both.
 */
async function insertEvaluations(db: Db, rows: Evaluation[]): Promise<void> {
  const seen = new Set<string>();
  const made: (typeof projects.$inferInsert)[] = [];
  const values = rows.map((r): typeof selfEvaluations.$inferInsert => {
    const key = `${r.orgId}:${r.year}`;
    if (!seen.has(key)) {
      seen.add(key);
      return { ...r, kind: "department" };
    }
    const projectId = randomUUID();
    made.push({ id: projectId, orgId: r.orgId, year: r.year, name: `项目${made.length + 1}` });
    return { ...r, kind: "project", projectId };
  });
  if (made.length > 0) await db.insert(projects).values(made);
  await db.insert(selfEvaluations).values(values);
}

/** A fixed pseudo-random sequence, so the totals are many and varied but the same on every run. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe.each(STORES)("score roll-up summary and pages on %s", (kind) => {
  const { t } = appForSuite(kind);
  let county: OrganisationRow;
  beforeAll(async () => {
    const { city, unit, sibling, foreign } = t.world;
    await t.deps.db.insert(fiscalYears).values({ year: YEAR });
    // A unit below 赵县公安局交警大队: its evaluations count for the 交警大队 at city level.
    county = await insertOrganisation(t.deps.db, { parentId: unit.id, code: "31200701", name: "赵县交警一中队" }, unit);
    const next = sequence(20221);
    const rows: Evaluation[] = [];
    // The grade bounds themselves and just below them, then varied totals with up to 4 decimals.
    const edges = ["90", "89.9999", "80", "79.9999", "60", "59.9999", "0", "100"];
    const orgs = [unit, sibling, county, city];
    edges.forEach((total, i) => {
      rows.push({ orgId: orgs[i % orgs.length]!.id, year: YEAR, ...scored(total) });
    });
    for (let i = 0; i < 40; i++) {
      const org = orgs[Math.floor(next() * orgs.length)]!;
      const total = (Math.floor(next() * 1_000_001) / 10000).toFixed(4); // 0–100, 4 decimals
      // two thirds with a stated total that differs: only the stored (computed) score counts
      rows.push(
        i % 3 === 0
          ? { orgId: org.id, year: YEAR, ...scored(total) }
          : { orgId: org.id, year: YEAR, statedTotal: "1", ...scored(total) },
      );
    }
    rows.push(
      // no stored score (a stated total only): in neither the list nor the summary
      { orgId: unit.id, year: YEAR, statedTotal: "95" },
      // another year, another organisation's subtree
      { orgId: unit.id, year: 2023, ...scored("10") },
      { orgId: foreign.id, year: YEAR, ...scored("10") },
    );
    await t.deps.db.insert(fiscalYears).values({ year: 2023 });
    await insertEvaluations(t.deps.db, rows);
  });

  const all = async (who: string, orgId: string): Promise<Item[]> => {
    const r = await (await t.as(who)).get(`/rollups/scores?orgId=${orgId}&year=${YEAR}&pageSize=500`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(r.body.items.length);
    expect(r.body.nextCursor).toBeNull();
    return r.body.items;
  };

  it("equals, per direct child unit and in all, what the full list says", async () => {
    const { city, unit, sibling } = t.world;
    const items = await all("reviewer", city.id);
    expect(items).toHaveLength(48);
    const r = await (await t.as("reviewer")).get(`/rollups/scores/summary?orgId=${city.id}&year=${YEAR}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ orgId: city.id, orgName: city.name, year: YEAR });
    expect(r.body.grades.map((g: { grade: string }) => g.grade)).toEqual(["优", "良", "中", "差"]);
    expect(r.body.total).toEqual(expected(items));
    // The city's own evaluations first, then its two units; the 中队 below the 交警大队 counts for it.
    const byOrg = (...names: string[]) => items.filter((i) => names.includes(i.orgName));
    expect(r.body.units).toEqual([
      { orgId: city.id, orgName: city.name, own: true, ...expected(byOrg(city.name)) },
      ...[unit, sibling]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((o) => ({
          orgId: o.id,
          orgName: o.name,
          own: false,
          ...expected(o.id === unit.id ? byOrg(unit.name, county.name) : byOrg(o.name)),
        })),
    ]);
    // The edges fall where core's grades put them.
    expect(r.body.total.count).toBe(r.body.units.reduce((s: number, u: Figures) => s + u.count, 0));
    expect(items.find((i) => i.total === "90")?.grade).toBe("优");
    expect(items.find((i) => i.total === "89.9999")?.grade).toBe("良");
  });

  it("lists every direct child unit, with nothing where there are no evaluations", async () => {
    const { city } = t.world;
    // At the 交警大队: its own evaluations and the 中队's.
    const items = await all("viewer", t.world.unit.id);
    const r = await (await t.as("viewer")).get(`/rollups/scores/summary?orgId=${t.world.unit.id}&year=${YEAR}`);
    expect(r.status).toBe(200);
    expect(r.body.units.map((u: { orgName: string; own: boolean }) => [u.orgName, u.own])).toEqual([
      [t.world.unit.name, true],
      [county.name, false],
    ]);
    expect(r.body.total).toEqual(expected(items));
    // A year without evaluations: every child listed with zero counts and no mean or minimum.
    const empty = await (await t.as("reviewer")).get(`/rollups/scores/summary?orgId=${city.id}&year=2021`);
    expect(empty.status).toBe(200);
    expect(empty.body.total).toEqual({ count: 0, grades: { 优: 0, 良: 0, 中: 0, 差: 0 }, mean: null, min: null });
    expect(empty.body.units.map((u: { orgName: string; count: number }) => [u.orgName, u.count])).toEqual(
      [t.world.unit, t.world.sibling].sort((a, b) => a.code.localeCompare(b.code)).map((o) => [o.name, 0]),
    );
  });

  it("answers 404 for a foreign organisation, above the actor's unit, and for an administrator; 400 without a year", async () => {
    const filler = await t.as("filler");
    const foreign = await filler.get(`/rollups/scores/summary?orgId=${t.world.foreign.id}&year=${YEAR}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    expect((await filler.get(`/rollups/scores/summary?orgId=${t.world.city.id}&year=${YEAR}`)).status).toBe(404);
    const sysadmin = await t.as("sysadmin");
    expect((await sysadmin.get(`/rollups/scores/summary?orgId=${t.world.unit.id}&year=${YEAR}`)).status).toBe(404);
    expect((await filler.get(`/rollups/scores/summary?orgId=${t.world.unit.id}`)).status).toBe(400);
    expect((await t.client().get(`/rollups/scores/summary?orgId=${t.world.unit.id}&year=${YEAR}`)).status).toBe(401);
  });

  it("pages the full list: the pages put together are the list, each with the count of all", async () => {
    const reviewer = await t.as("reviewer");
    const whole = await all("reviewer", t.world.city.id);
    const pages: Item[] = [];
    for (let page = 1; ; page++) {
      const r = await reviewer.get(`/rollups/scores?orgId=${t.world.city.id}&year=${YEAR}&page=${page}&pageSize=7`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ total: whole.length, page, pageSize: 7 });
      if (r.body.items.length === 0) break;
      expect(r.body.items.length).toBeLessThanOrEqual(7);
      pages.push(...r.body.items);
    }
    expect(pages).toEqual(whole);
    expect(Math.ceil(whole.length / 7)).toBe(7);
    expect((await reviewer.get(`/rollups/scores?orgId=${t.world.city.id}&year=${YEAR}&pageSize=0`)).status).toBe(400);
  });

  it("walks the list by cursor: the same pages as by page, the first page's count on each, null after the last", async () => {
    const reviewer = await t.as("reviewer");
    const whole = await all("reviewer", t.world.city.id);
    for (const [size, grade] of [
      [5, ""],
      [3, "中,差"],
      [48, ""],
    ] as const) {
      const want = grade ? whole.filter((i) => grade.split(",").includes(i.grade)) : whole;
      const base = `/rollups/scores?orgId=${t.world.city.id}&year=${YEAR}&pageSize=${size}${grade ? `&grade=${encodeURIComponent(grade)}` : ""}`;
      const walked: Item[] = [];
      let cursor: string | null = null;
      for (let page = 1; page <= 100; page++) {
        const path: string = `${base}&page=${page}${cursor ? `&cursor=${cursor}` : ""}`;
        const r = await reviewer.get(path);
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ total: want.length, page, pageSize: size });
        expect(r.body.items).toEqual(want.slice((page - 1) * size, page * size));
        walked.push(...r.body.items);
        cursor = r.body.nextCursor;
        if (!cursor) break;
      }
      expect(walked).toEqual(want);
    }
  });

  it("pages by default (100), and refuses a cursor that is not one or belongs to another filter", async () => {
    const reviewer = await t.as("reviewer");
    const { unit, city } = t.world;
    // 120 more evaluations of one unit (its department's and 119 projects'), in another year: more than a page
    const year = YEAR - 3;
    await t.deps.db.insert(fiscalYears).values({ year }).onConflictDoNothing();
    await insertEvaluations(
      t.deps.db,
      Array.from({ length: 120 }, (_, i) => ({ orgId: unit.id, year, ...scored(`${i % 100}`) })),
    );
    const first = await reviewer.get(`/rollups/scores?orgId=${city.id}&year=${year}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 120, page: 1, pageSize: 100 });
    expect(first.body.items).toHaveLength(100);
    const rest = await reviewer.get(
      `/rollups/scores?orgId=${city.id}&year=${year}&page=2&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body).toMatchObject({ total: 120, page: 2, pageSize: 100, nextCursor: null });
    expect(rest.body.items).toHaveLength(20);
    const ids = new Set([...first.body.items, ...rest.body.items].map((i: Item) => i.id));
    expect(ids.size).toBe(120);
    const token = first.body.nextCursor as string;
    for (const q of [
      `orgId=${unit.id}&year=${year}&cursor=${token}`, // another organisation
      `orgId=${city.id}&year=${YEAR}&cursor=${token}`, // another year
      `orgId=${city.id}&year=${year}&grade=${encodeURIComponent("优")}&cursor=${token}`, // another grade filter
      `orgId=${city.id}&year=${year}&cursor=notatoken`,
      `orgId=${city.id}&year=${year}&cursor=${Buffer.from("[1,2]").toString("base64url")}`,
    ]) {
      const r = await reviewer.get(`/rollups/scores?${q}`);
      expect(r.status).toBe(400);
    }
  });

  it("filters the list by grade (the dashboard's list of a chart slice), with the count of those", async () => {
    const reviewer = await t.as("reviewer");
    const whole = await all("reviewer", t.world.city.id);
    const r = await reviewer.get(
      `/rollups/scores?orgId=${t.world.city.id}&year=${YEAR}&grade=${encodeURIComponent("中,差")}`,
    );
    expect(r.status).toBe(200);
    const want = whole.filter((i) => i.grade === "中" || i.grade === "差");
    expect(want.length).toBeGreaterThan(2);
    expect(r.body.items).toEqual(want);
    expect(r.body.total).toBe(want.length);
    const page2 = await reviewer.get(
      `/rollups/scores?orgId=${t.world.city.id}&year=${YEAR}&grade=${encodeURIComponent("优")}&page=2&pageSize=2`,
    );
    expect(page2.body.items).toEqual(whole.filter((i) => i.grade === "优").slice(2, 4));
    expect(page2.body.total).toBe(whole.filter((i) => i.grade === "优").length);
    const bad = await reviewer.get(
      `/rollups/scores?orgId=${t.world.city.id}&year=${YEAR}&grade=${encodeURIComponent("甲")}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("甲");
  });
});
