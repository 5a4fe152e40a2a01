/**
 * The demo's records for 赵县 and 曲靖 (issue 13, seed-orgs.ts; 青山 and the latest year: seed-latest.ts): on the embedded store, after loadDemo, each of the two
 * units has 2024 projects with their goals, a department-overall goal with indicators and a self-evaluation scored by
 * core; the execution roll-up has figures for them (and for 天津's unit), as the dashboard reads it, for 2024 and
 * 2025; their own accounts read them. Loading again adds nothing.
 */
import { and, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/accounts/password.ts";
import { actorOf } from "../src/accounts/repository.ts";
import { accounts } from "../src/accounts/schema.ts";
import { budgetExecution } from "../src/budgets/schema.ts";
import { DEMO_PASSWORD, loadDemo } from "../src/demo/seed.ts";
import { LATEST_DEMO_YEAR, loadLatestDemo, QINGSHAN_DEMO_UNIT } from "../src/demo/seed-latest.ts";
import { loadOrgsDemo, monthlyExecution, ORGS_DEMO_YEAR } from "../src/demo/seed-orgs.ts";
import { selfEvaluations } from "../src/evaluations/schema.ts";
import { departmentGoals, indicators } from "../src/indicators/schema.ts";
import { organisations } from "../src/orgs/schema.ts";
import { projects } from "../src/projects/schema.ts";
import { executionRollup } from "../src/rollups/rollups.service.ts";
import { freshStore, type TestStore } from "./support/stores.ts";

const UNITS = ["河北省赵县公安交通警察大队", "曲靖市公安局交通警察支队"];

describe("demo: 赵县 and 曲靖 have records and monthly execution", () => {
  let store: TestStore;
  const now = new Date("2026-03-02T08:00:00.000Z");
  const deps = () => ({ db: store.handle.db, now: () => now });
  const orgNamed = async (name: string) =>
    (await store.handle.db.select().from(organisations).where(eq(organisations.name, name)))[0]!;
  const actorNamed = async (username: string) => {
    const [a] = await store.handle.db.select().from(accounts).where(eq(accounts.username, username));
    return actorOf(store.handle.db, a!, "");
  };

  beforeAll(async () => {
    store = await freshStore("pglite");
    await loadDemo(store.handle.db, now);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("each unit has projects with indicator trees, a goal with indicators and a scored self-evaluation", async () => {
    const db = store.handle.db;
    for (const name of UNITS) {
      const org = await orgNamed(name);
      const ps = await db
        .select()
        .from(projects)
        .where(and(eq(projects.orgId, org.id), eq(projects.year, ORGS_DEMO_YEAR)));
      expect(ps.length).toBeGreaterThanOrEqual(2);
      expect(ps.some((p) => p.workflowState === "approved")).toBe(true);
      for (const p of ps) {
        expect(p.annualGoal).toBeTruthy();
        const [n] = await db.select({ n: count() }).from(indicators).where(eq(indicators.projectId, p.id));
        expect(n!.n).toBeGreaterThan(0);
      }
      const [goal] = await db.select().from(departmentGoals).where(eq(departmentGoals.orgId, org.id));
      const [gi] = await db
        .select({ n: count() })
        .from(indicators)
        .where(and(eq(indicators.departmentGoalId, goal!.id), eq(indicators.level, 3)));
      expect(gi!.n).toBeGreaterThan(0);
      const evaluations = await db.select().from(selfEvaluations).where(eq(selfEvaluations.orgId, org.id));
      expect(evaluations.length).toBe(1);
      const e = evaluations[0]!;
      // scored by core when loaded: a grade and a total within 0–100 (not an empty record's 0)
      expect(e.scoreGrade).toMatch(/^[优良中差]$/);
      expect(Number(e.scoreTotal)).toBeGreaterThan(0);
      expect(Number(e.scoreTotal)).toBeLessThanOrEqual(100);
    }
  });

  it("the execution roll-up (the dashboard's chart) has figures for 赵县, 曲靖 and 天津's unit in 2024 and 2025", async () => {
    const reviewer = await actorNamed("demo-reviewer");
    for (const root of ["赵县公安局", "曲靖市公安局交通警察支队", "天津市公安交通管理局"]) {
      const org = await orgNamed(root);
      for (const year of [2024, 2025]) {
        const r = await executionRollup(deps() as never, reviewer, org.id, year);
        expect(r.items.length, `${root} ${year}`).toBeGreaterThan(0);
        for (const item of r.items) {
          expect(Number(item.budget)).toBeGreaterThan(0);
          expect(Number(item.spent)).toBeGreaterThan(0);
        }
      }
    }
    // cumulative: never decreasing from month to month, and below the budget
    const rows = monthlyExecution("18650000.00", 2024);
    expect(rows.map((r) => r.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (let i = 1; i < rows.length; i++) {
      expect(Number(rows[i]!.executed)).toBeGreaterThanOrEqual(Number(rows[i - 1]!.executed));
    }
    expect(Number(rows[11]!.executed)).toBeLessThanOrEqual(18650000);
  });

  it("every root the reviewer may choose has projects and execution in the latest year; 青山 a 2024 self-evaluation", async () => {
    const db = store.handle.db;
    const reviewer = await actorNamed("demo-reviewer");
    for (const root of ["赵县公安局", "曲靖市公安局交通警察支队", "天津市公安交通管理局", QINGSHAN_DEMO_UNIT]) {
      const org = await orgNamed(root);
      const [n] = await db
        .select({ n: count() })
        .from(projects)
        .innerJoin(organisations, eq(organisations.id, projects.orgId))
        .where(and(like(organisations.path, `${org.path}%`), eq(projects.year, LATEST_DEMO_YEAR)));
      expect(n!.n, root).toBeGreaterThan(0);
      for (const year of [2024, LATEST_DEMO_YEAR]) {
        const r = await executionRollup(deps() as never, reviewer, org.id, year);
        expect(r.items.length, `${root} ${year}`).toBeGreaterThan(0);
      }
    }
    const qingshan = await orgNamed(QINGSHAN_DEMO_UNIT);
    const scored = (await db.select().from(selfEvaluations).where(eq(selfEvaluations.orgId, qingshan.id))).filter(
      (e) => e.year === 2024,
    );
    expect(scored).toHaveLength(1);
    expect(scored[0]!.scoreGrade).toMatch(/^[优良中差]$/);
    expect(Number(scored[0]!.scoreTotal)).toBeGreaterThan(0);
    for (const year of [2024, LATEST_DEMO_YEAR]) {
      const [g] = await db
        .select({ n: count() })
        .from(departmentGoals)
        .where(and(eq(departmentGoals.orgId, qingshan.id), eq(departmentGoals.year, year)));
      expect(g!.n).toBe(1);
    }
    const filler = await actorNamed("demo-qingshan");
    expect(filler.memberships.map((m) => [m.role, m.orgId])).toEqual([["filler", qingshan.id]]);
  });

  it("holds at most one department self-evaluation per organisation and year (the rule of every path that makes one)", async () => {
    const db = store.handle.db;
    const departmentOnes = await db
      .select({ orgId: selfEvaluations.orgId, year: selfEvaluations.year, n: count() })
      .from(selfEvaluations)
      .where(eq(selfEvaluations.kind, "department"))
      .groupBy(selfEvaluations.orgId, selfEvaluations.year);
    expect(departmentOnes.length).toBeGreaterThan(0);
    expect(departmentOnes.filter((r) => r.n > 1)).toEqual([]);
  });

  it("the units' own filler reads its unit's records, not 天津's", async () => {
    const filler = await actorNamed("demo-zhaoxian");
    expect(filler.memberships.map((m) => m.role)).toEqual(["filler"]);
    const zhaoxian = await orgNamed("河北省赵县公安交通警察大队");
    expect(filler.memberships[0]!.orgId).toBe(zhaoxian.id);
  });

  it("loading the units' part again adds nothing", async () => {
    const db = store.handle.db;
    const counts = async () => ({
      projects: (await db.select({ n: count() }).from(projects))[0]!.n,
      goals: (await db.select({ n: count() }).from(departmentGoals))[0]!.n,
      evaluations: (await db.select({ n: count() }).from(selfEvaluations))[0]!.n,
      execution: (await db.select({ n: count() }).from(budgetExecution))[0]!.n,
      accounts: (await db.select({ n: count() }).from(accounts))[0]!.n,
    });
    const before = await counts();
    const reviewer = await actorNamed("demo-reviewer");
    // everything read before the transaction: the embedded store has one connection, which the transaction holds
    const input = {
      passwordHash: await hashPassword(DEMO_PASSWORD),
      password: DEMO_PASSWORD,
      reviewer: { accountId: reviewer.accountId, username: "demo-reviewer" },
      zhaoxian: await orgNamed("河北省赵县公安交通警察大队"),
      qujing: await orgNamed("曲靖市公安局交通警察支队"),
      tianjinUnit: await orgNamed("天津市公安交通管理局警务保障处"),
    };
    const qingshanOrg = await orgNamed(QINGSHAN_DEMO_UNIT);
    await db.transaction((tx) => loadOrgsDemo(tx, now, input));
    expect(await counts()).toEqual(before);
    await db.transaction((tx) =>
      loadLatestDemo(tx, now, {
        ...input,
        reviewer,
        qingshan: qingshanOrg,
      }),
    );
    expect(await counts()).toEqual(before);
  });
});
