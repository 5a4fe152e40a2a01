/**
 * Carry-forward (结转上年, issue 17 point 4): a unit's filler starts 2025 from 2024 — duties with their activities
 * and indicators, continuing projects (经常性, 延续, or a period into the new year; the newest approved revision) with
 * their indicator trees, copied as drafts; last year's actual beside each target; idempotent, audited, one
 * transaction; only the unit's filler.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { insertDuty, replaceActivities } from "../src/duties/repository.ts";
import { activities, activityIndicators, duties } from "../src/duties/schema.ts";
import { insertEvaluation } from "../src/evaluations/repository.ts";
import { evaluationItems } from "../src/evaluations/schema.ts";
import { insertGoal } from "../src/goals/repository.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { departmentGoals, indicators } from "../src/indicators/schema.ts";
import { insertProject } from "../src/projects/repository.ts";
import { projects } from "../src/projects/schema.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("carry-forward on %s", (kind) => {
  const { t, filler, approver, viewer, foreignFiller } = appForSuite(kind, [
    "filler",
    "approver",
    "viewer",
    "foreignFiller",
  ]);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = t.deps.db;
    const orgId = t.world.unit.id;
    // duties of 2024 with activities and their indicators (actual values filled after the year)
    const duty = await insertDuty(db, { orgId, year: 2024, name: "道路交通安全管理", statedBudget: "100.00" });
    ids.duty = duty.id;
    await replaceActivities(db, duty.id, [
      {
        name: "交通安全宣传",
        budget: "60.00",
        goal: "提高群众交通安全意识",
        indicators: [
          {
            name: "宣传场次",
            targetText: "≥20场",
            standardExcellent: "20场以上",
            standardPoor: "10场以下",
            actualText: "26场",
            tierReached: "优",
          },
          { name: "宣传覆盖率", targetText: "≥90%", actualText: "93%" },
        ],
      },
    ]);
    await insertDuty(db, { orgId, year: 2024, name: "已手工新建的职责" });
    await insertDuty(db, { orgId, year: 2025, name: "已手工新建的职责" });

    const project = async (name: string, over: Partial<typeof projects.$inferInsert>) =>
      insertProject(db, { orgId, year: 2024, name, workflowState: "approved", annualFunds: "50.00", ...over });
    const regular = await project("交通秩序整治", { attribute: "经常性", totalFunds: "300.00", purpose: "整治秩序" });
    ids.regular = regular.id;
    const l1 = await insertIndicator(db, { projectId: regular.id, level: 1, name: "产出指标", weight: "50" });
    const l2 = await insertIndicator(db, { projectId: regular.id, level: 2, name: "数量指标", parentId: l1.id });
    const leaf = await insertIndicator(db, {
      projectId: regular.id,
      level: 3,
      name: "查处违法行为",
      parentId: l2.id,
      targetText: "≥5000起",
      unit: "起",
      weight: "20",
      sortOrder: 1,
    });
    const time = await insertIndicator(db, {
      projectId: regular.id,
      level: 3,
      name: "完成时限",
      parentId: l2.id,
      targetText: "年底前",
      sortOrder: 2,
    });
    const evaluation = await insertEvaluation(db, {
      kind: "project",
      orgId,
      year: 2024,
      projectId: regular.id,
      workflowState: "approved",
    });
    await db.insert(evaluationItems).values([
      {
        evaluationId: evaluation.id,
        indicatorId: leaf.id,
        name: "查处违法行为",
        targetText: "≥5000起",
        actualText: "6210起",
      },
      {
        evaluationId: evaluation.id,
        indicatorId: null,
        name: "完成时限",
        targetText: "年底前",
        actualText: "2024年12月20日",
      },
    ]);
    ids.time = time.id;
    const staged = await project("智慧交通二期", { attribute: "阶段性", endDate: "2026-06-30" });
    ids.staged = staged.id;
    const continued = await project("事故预防（延续）", { category: "延续项目" });
    ids.continued = continued.id;
    await project("一次性设备购置", { attribute: "一次性", endDate: "2024-12-31" });
    await project("2024年度执法记录仪运维", { attribute: "经常性" });
    await project("未批准的经常性项目", { attribute: "经常性", workflowState: "submitted" });
    const old = await project("调整过的项目", { attribute: "经常性", annualFunds: "10.00" });
    const adjusted = await project("调整过的项目", { attribute: "经常性", revision: 2, supersedesId: old.id });
    ids.adjusted = adjusted.id;
    ids.old = old.id;

    // the department-overall goal of 2024 (revision 2 approved) and its self-evaluation
    await insertGoal(db, { orgId, year: 2024, revision: 1, workflowState: "approved", annualGoal: "旧版" });
    const goal = await insertGoal(db, {
      orgId,
      year: 2024,
      revision: 2,
      workflowState: "approved",
      annualGoal: "保障道路交通安全畅通",
    });
    ids.goal = goal.id;
    const g1 = await insertIndicator(db, { departmentGoalId: goal.id, level: 1, name: "产出指标" });
    const g2 = await insertIndicator(db, { departmentGoalId: goal.id, level: 2, name: "数量指标", parentId: g1.id });
    const g3 = await insertIndicator(db, {
      departmentGoalId: goal.id,
      level: 3,
      name: "接处警数量",
      parentId: g2.id,
      targetText: "≥3000起",
    });
    const de = await insertEvaluation(db, { kind: "department", orgId, year: 2024, departmentGoalId: goal.id });
    await db
      .insert(evaluationItems)
      .values({ evaluationId: de.id, indicatorId: g3.id, name: "接处警数量", actualText: "3312起" });
  });

  it("refuses everyone but the unit's filler, a missing year and a closed one", async () => {
    const body = { orgId: t.world.unit.id, year: 2025 };
    expect((await approver.post("/carry-forward", body)).status).toBe(403);
    expect((await viewer.post("/carry-forward", body)).status).toBe(403);
    expect((await foreignFiller.post("/carry-forward", body)).status).toBe(404);
    const missing = await filler.post("/carry-forward", { ...body, year: 2031 });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "invalid_input", location: { field: "year" } });
    await t.deps.db.insert(fiscalYears).values({ year: 2026, status: "closed" });
    expect((await filler.post("/carry-forward", { ...body, year: 2026 })).body.error.code).toBe("not_editable");
    const none = await t.deps.db.select().from(projects).where(eq(projects.year, 2025));
    expect(none).toEqual([]);
  });

  it("copies duties and continuing projects as drafts of the new year, with their indicators", async () => {
    const r = await filler.post("/carry-forward", { orgId: t.world.unit.id, year: 2025 });
    expect(r.status).toBe(200);
    expect(r.body.created).toEqual({
      duties: 1,
      activities: 1,
      activityIndicators: 2,
      projects: 5,
      goals: 1,
      indicators: 7,
    });
    const status = Object.fromEntries(r.body.items.map((i: { name: string; status: string }) => [i.name, i.status]));
    expect(status).toEqual({
      道路交通安全管理: "created",
      已手工新建的职责: "same_name",
      交通秩序整治: "created",
      智慧交通二期: "created",
      "事故预防（延续）": "created",
      调整过的项目: "created",
      // the year in a name follows the new year
      "2025年度执法记录仪运维": "created",
      部门整体绩效目标: "created",
    });
    // the newest approved revision of the goal, as a draft with its tree
    const goalItem = r.body.items.find((i: { kind: string }) => i.kind === "goal");
    expect(goalItem.sourceId).toBe(ids.goal);
    const [newGoal] = await t.deps.db.select().from(departmentGoals).where(eq(departmentGoals.id, goalItem.targetId));
    expect(newGoal).toMatchObject({
      year: 2025,
      revision: 1,
      workflowState: "draft",
      annualGoal: "保障道路交通安全畅通",
    });
    const goalTree = await t.deps.db
      .select()
      .from(indicators)
      .where(eq(indicators.departmentGoalId, goalItem.targetId));
    expect(goalTree.map((i) => [i.level, i.name]).sort()).toEqual([
      [1, "产出指标"],
      [2, "数量指标"],
      [3, "接处警数量"],
    ]);
    const adjusted = r.body.items.find((i: { name: string }) => i.name === "调整过的项目");
    expect(adjusted.sourceId).toBe(ids.adjusted);

    const made = await t.deps.db
      .select()
      .from(projects)
      .where(and(eq(projects.orgId, t.world.unit.id), eq(projects.year, 2025)));
    expect(made.map((p) => [p.name, p.workflowState, p.annualFunds]).sort()).toEqual(
      [
        ["交通秩序整治", "draft", null],
        ["事故预防（延续）", "draft", null],
        ["智慧交通二期", "draft", null],
        ["调整过的项目", "draft", null],
        ["2025年度执法记录仪运维", "draft", null],
      ].sort(),
    );
    const regular = made.find((p) => p.name === "交通秩序整治")!;
    expect(regular).toMatchObject({ attribute: "经常性", totalFunds: "300.00", purpose: "整治秩序", revision: 1 });
    const tree = await t.deps.db.select().from(indicators).where(eq(indicators.projectId, regular.id));
    const byName = new Map(tree.map((i) => [i.name, i]));
    expect(byName.get("数量指标")!.parentId).toBe(byName.get("产出指标")!.id);
    expect(byName.get("查处违法行为")).toMatchObject({
      parentId: byName.get("数量指标")!.id,
      targetText: "≥5000起",
      unit: "起",
      weight: "20.0000",
    });
    // the deadline is read again for the new year
    expect(byName.get("完成时限")!.targetParsed).toMatchObject({ kind: "deadline", date: "2025-12-31" });

    const [duty] = await t.deps.db
      .select()
      .from(duties)
      .where(and(eq(duties.year, 2025), eq(duties.name, "道路交通安全管理")));
    expect(duty!.statedBudget).toBeNull();
    const acts = await t.deps.db.select().from(activities).where(eq(activities.dutyId, duty!.id));
    expect(acts.map((a) => [a.name, a.budget, a.goal])).toEqual([["交通安全宣传", null, "提高群众交通安全意识"]]);
    const inds = await t.deps.db
      .select()
      .from(activityIndicators)
      .where(
        inArray(
          activityIndicators.activityId,
          acts.map((a) => a.id),
        ),
      );
    expect(inds.map((i) => [i.name, i.targetText, i.standardExcellent, i.actualText, i.tierReached]).sort()).toEqual(
      [
        ["宣传场次", "≥20场", "20场以上", null, null],
        ["宣传覆盖率", "≥90%", null, null, null],
      ].sort(),
    );

    const audit = await t.deps.db
      .select({ action: auditEvents.action, entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(inArray(auditEvents.action, ["project.carry_forward", "duty.carry_forward", "carry_forward.run"]));
    expect(
      audit
        .filter((a) => a.action === "project.carry_forward")
        .map((a) => a.entityId)
        .sort(),
    ).toEqual(made.map((p) => p.id).sort());
    expect(audit.filter((a) => a.action === "duty.carry_forward").map((a) => a.entityId)).toEqual([duty!.id]);
    expect(audit.filter((a) => a.action === "carry_forward.run")).toHaveLength(1);
  });

  it("shows last year's target and actual beside each carried indicator", async () => {
    const r = await viewer.get(`/carry-forward?orgId=${t.world.unit.id}&year=2025`);
    expect(r.status).toBe(200);
    const regular = r.body.items.find((i: { name: string }) => i.name === "交通秩序整治");
    expect(regular.sourceId).toBe(ids.regular);
    expect(regular.indicators).toEqual([
      {
        key: "查处违法行为",
        name: "查处违法行为",
        level1: "产出指标",
        level2: "数量指标",
        activity: null,
        previousTarget: "≥5000起",
        previousActual: "6210起",
      },
      // evaluated without the indicator's id: matched by name
      {
        key: "完成时限",
        name: "完成时限",
        level1: "产出指标",
        level2: "数量指标",
        activity: null,
        previousTarget: "年底前",
        previousActual: "2024年12月20日",
      },
    ]);
    const duty = r.body.items.find((i: { kind: string }) => i.kind === "duty");
    expect(
      duty.indicators.map((i: { name: string; activity: string; previousActual: string }) => [
        i.name,
        i.activity,
        i.previousActual,
      ]),
    ).toEqual([
      ["宣传场次", "交通安全宣传", "26场"],
      ["宣传覆盖率", "交通安全宣传", "93%"],
    ]);
    const goal = r.body.items.find((i: { kind: string }) => i.kind === "goal");
    expect(
      goal.indicators.map((i: { name: string; previousTarget: string; previousActual: string }) => [
        i.name,
        i.previousTarget,
        i.previousActual,
      ]),
    ).toEqual([["接处警数量", "≥3000起", "3312起"]]);
    expect((await foreignFiller.get(`/carry-forward?orgId=${t.world.unit.id}&year=2025`)).status).toBe(404);
  });

  it("flags in the automatic review a carried target below last year's actual of the same project", async () => {
    const carried = await viewer.get(`/carry-forward?orgId=${t.world.unit.id}&year=2025`);
    const regular = carried.body.items.find((i: { name: string }) => i.name === "交通秩序整治");
    const r = await viewer.get(`/reviews/project/${regular.targetId}`);
    expect(r.status).toBe(200);
    const found = r.body.findings.filter((f: { rule: string }) => f.rule === "library.target-below-last-actual");
    // ≥5000起 against 6210起 reached in 2024; the deadline has no number to compare
    expect(
      found.map((f: { details: Record<string, string>; category: string }) => [
        f.details.stated,
        f.details.computed,
        f.category,
      ]),
    ).toEqual([["5000", "6210", "适当性"]]);
    expect(found[0].message).toBe(
      "指标「查处违法行为」的指标值 ≥5000起 低于本项目上年实际完成值 6210起，请说明理由或提高目标",
    );
  });

  it("does not duplicate when run again (even twice at once), and carries again a draft the unit deleted", async () => {
    const count = async () =>
      (
        await t.deps.db
          .select({ id: projects.id })
          .from(projects)
          .where(and(eq(projects.orgId, t.world.unit.id), eq(projects.year, 2025)))
      ).length;
    const before = await count();
    const [a, b] = await Promise.all([
      filler.post("/carry-forward", { orgId: t.world.unit.id, year: 2025 }),
      filler.post("/carry-forward", { orgId: t.world.unit.id, year: 2025 }),
    ]);
    for (const r of [a, b]) {
      expect(r.status).toBe(200);
      expect(r.body.created).toEqual({
        duties: 0,
        activities: 0,
        activityIndicators: 0,
        projects: 0,
        goals: 0,
        indicators: 0,
      });
    }
    expect(await count()).toBe(before);
    expect(new Set(a.body.items.map((i: { status: string }) => i.status))).toEqual(
      new Set(["already_carried", "same_name"]),
    );

    const staged = a.body.items.find((i: { name: string }) => i.name === "智慧交通二期");
    await t.deps.db.delete(projects).where(eq(projects.id, staged.targetId));
    const again = await filler.post("/carry-forward", { orgId: t.world.unit.id, year: 2025 });
    expect(again.body.created.projects).toBe(1);
    const redone = again.body.items.find((i: { name: string }) => i.name === "智慧交通二期");
    expect(redone.status).toBe("created");
    expect(redone.targetId).not.toBe(staged.targetId);
    expect(await count()).toBe(before);
  });
});
