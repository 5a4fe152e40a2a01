import { beforeAll, describe, expect, it } from "vitest";
import { budgetExecution, departmentBudgets } from "../src/budgets/schema.ts";
import { selfEvaluations } from "../src/evaluations/schema.ts";
import { departmentGoals } from "../src/indicators/schema.ts";
import { insertProject } from "../src/projects/repository.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { createTwoRoleAccount } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("roll-ups and the to-do count on %s", (kind) => {
  const { t } = appForSuite(kind);
  beforeAll(async () => {
    const { unit, sibling, foreign } = t.world;
    await t.deps.db.insert(fiscalYears).values({ year: 2023 });
    await t.deps.db.insert(budgetExecution).values([
      // Seed 003's figures (元): 年初 170,294,599.63, 调整 −3,361,340.55, 确定 166,933,259.08, 执行 165,794,459.08.
      {
        orgId: unit.id,
        year: 2023,
        scope: "total",
        initialBudget: "170294599.63",
        adjustment: "-3361340.55",
        determinedBudget: "166933259.08",
        executed: "165794459.08",
      },
      // Without 预算确定数: 年初 + 调整 is used.
      { orgId: sibling.id, year: 2023, scope: "total", initialBudget: "0.10", adjustment: "0.20", executed: "0.15" },
      { orgId: unit.id, year: 2023, scope: "total", month: 7, determinedBudget: "1.00", executed: "1.00" },
      { orgId: foreign.id, year: 2023, scope: "total", determinedBudget: "9.00", executed: "9.00" },
    ]);
    await t.deps.db.insert(selfEvaluations).values([
      // The stored score (core's result, as the service stores it) counts; the stated total is shown beside it.
      {
        kind: "department",
        orgId: unit.id,
        year: 2023,
        statedTotal: "92",
        computedTotal: "89.67",
        scoreResult: { total: 89.67, grade: "良" },
        scoredAt: new Date(),
      },
      {
        kind: "department",
        orgId: sibling.id,
        year: 2023,
        computedTotal: "79.995",
        scoreResult: { total: 79.995, grade: "中" },
        scoredAt: new Date(),
      },
      { kind: "department", orgId: foreign.id, year: 2023, statedTotal: "50", scoreResult: { total: 50, grade: "差" } },
    ]);
  });

  it("sums full-year execution per unit of the subtree, exactly, in 元", async () => {
    const reviewer = await t.as("reviewer");
    const r = await reviewer.get(`/rollups/execution?orgId=${t.world.city.id}&year=2023`);
    expect(r.status).toBe(200);
    expect(r.body.asOf).toMatch(/^2023-12-31$|^\d{4}-\d{2}-\d{2}$/);
    const byName = new Map(r.body.items.map((i: { orgName: string }) => [i.orgName, i]));
    expect(byName.get("赵县公安局交警大队")).toMatchObject({ budget: "166933259.08", spent: "165794459.08" });
    expect(byName.get("赵县公安局")).toMatchObject({ budget: "0.30", spent: "0.15" });
    expect(r.body.items).toHaveLength(2);
  });

  it("rolls up the stored score of each self-evaluation (core's total and grade), the stated total beside it", async () => {
    const reviewer = await t.as("reviewer");
    const r = await reviewer.get(`/rollups/scores?orgId=${t.world.city.id}&year=2023`);
    expect(r.status).toBe(200);
    const rows = r.body.items.map(
      (i: { orgName: string; total: string; grade: string; statedTotal: string | null }) => [
        i.orgName,
        i.total,
        i.grade,
        i.statedTotal,
      ],
    );
    expect(rows.sort()).toEqual([
      ["赵县公安局", "79.995", "中", null],
      ["赵县公安局交警大队", "89.67", "良", "92"],
    ]);
  });

  it("answers 404 for a foreign organisation and for an administrator (no business data), 400 without a year", async () => {
    const filler = await t.as("filler");
    const foreign = await filler.get(`/rollups/execution?orgId=${t.world.foreign.id}&year=2023`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe("记录不存在或无权查看");
    const sysadmin = await t.as("sysadmin");
    expect((await sysadmin.get(`/rollups/scores?orgId=${t.world.unit.id}&year=2023`)).status).toBe(404);
    expect((await filler.get(`/rollups/scores?orgId=${t.world.unit.id}`)).status).toBe(400);
  });

  it("counts what waits: submitted for the unit approver, unit-approved for the reviewer (not their own), returned for fillers", async () => {
    const fillerId = (await (await t.as("filler")).get("/auth/session")).body.user.id;
    const base = { orgId: t.world.unit.id, year: 2025, name: "待办" };
    await insertProject(t.deps.db, { ...base, workflowState: "submitted", submittedBy: fillerId });
    await insertProject(t.deps.db, { ...base, workflowState: "submitted", submittedBy: fillerId });
    await insertProject(t.deps.db, { ...base, workflowState: "unit_approved", submittedBy: fillerId });
    await insertProject(t.deps.db, { ...base, workflowState: "returned", submittedBy: fillerId });
    await insertProject(t.deps.db, { ...base, workflowState: "draft" });
    await insertProject(t.deps.db, { ...base, workflowState: "approved", submittedBy: fillerId });
    // A goal waiting for the reviewer and a self-evaluation waiting for the unit approver count too.
    await t.deps.db
      .insert(departmentGoals)
      .values({ orgId: t.world.unit.id, year: 2025, workflowState: "unit_approved", submittedBy: fillerId });
    await t.deps.db.insert(selfEvaluations).values({
      kind: "department",
      orgId: t.world.unit.id,
      year: 2025,
      workflowState: "submitted",
      submittedBy: fillerId,
    });
    // Department budgets too: the unit's returned one waits for the filler, the sibling unit's unit-approved one
    // for the city's reviewer (and not for the unit's approver, whose unit it is not).
    await t.deps.db.insert(departmentBudgets).values([
      { orgId: t.world.unit.id, year: 2025, workflowState: "returned", submittedBy: fillerId },
      { orgId: t.world.sibling.id, year: 2025, workflowState: "unit_approved", submittedBy: fillerId },
    ]);
    const todo = async (who: string, orgId = t.world.unit.id) =>
      (await (await t.as(who)).get(`/workflow/todo/count?orgId=${orgId}&year=2025`)).body;
    expect(await todo("approver")).toEqual({
      count: 3,
      projects: 2,
      goals: 0,
      evaluations: 1,
      budgets: 0,
      monitoring: 0,
      rectification: 0, // no 整改 item (rectification.test.ts counts them)
      rectificationOverdue: 0,
      deadlines: [], // none set for the year (notifications.test.ts)
    });
    expect(await todo("reviewer", t.world.city.id)).toEqual({
      count: 3,
      projects: 1,
      goals: 1,
      evaluations: 0,
      budgets: 1,
      monitoring: 0,
      rectification: 0, // no 整改 item (rectification.test.ts counts them)
      rectificationOverdue: 0,
      deadlines: [], // none set for the year (notifications.test.ts)
    });
    expect(await todo("filler")).toEqual({
      count: 2,
      projects: 1,
      goals: 0,
      evaluations: 0,
      budgets: 1,
      monitoring: 0,
      rectification: 0, // no 整改 item (rectification.test.ts counts them)
      rectificationOverdue: 0,
      deadlines: [], // none set for the year (notifications.test.ts)
    });
    expect((await todo("viewer")).count).toBe(0);
  });

  it("does not count for a reviewer who is also the unit approver the record they unit-approved themselves", async () => {
    await createTwoRoleAccount(t.deps.db, t.world, "dual");
    const filler = await t.as("filler");
    const dual = await t.as("dual");
    const approver = await t.as("approver");
    const count = async () =>
      (await dual.get(`/workflow/todo/count?orgId=${t.world.city.id}&year=2024`)).body as Record<string, number>;
    const before = await count();
    const mine = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "双角色甲" })).body;
    const theirs = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "双角色乙" })).body;
    await filler.post(`/projects/${mine.id}/submit`, { version: 1 });
    await filler.post(`/projects/${theirs.id}/submit`, { version: 1 });
    // Both submitted: both wait for the unit approval, which dual may give.
    expect((await count()).projects).toBe(before.projects! + 2);
    expect((await dual.post(`/projects/${mine.id}/unit-approve`, { version: 2 })).status).toBe(200);
    expect((await approver.post(`/projects/${theirs.id}/unit-approve`, { version: 2 })).status).toBe(200);
    // Now only the one someone else unit-approved waits for dual as a reviewer.
    expect((await count()).projects).toBe(before.projects! + 1);
    expect((await dual.post(`/projects/${mine.id}/approve`, { version: 3 })).status).toBe(403);
    expect((await dual.post(`/projects/${theirs.id}/approve`, { version: 3 })).status).toBe(200);
    expect((await count()).projects).toBe(before.projects!);
  });
});
