/**
 * In-year monitoring end to end: a reviewer opens a round for the city, records appear for every current project
 * in the subtree, the unit fills one (execution from the monthly rows), the warning list lights and sorts them, the
 * forecast is core's score of the expected values, and the record goes through the two-step workflow.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { insertExecution } from "../src/budgets/execution.repository.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { insertProject } from "../src/projects/repository.ts";
import type { Client } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("in-year monitoring on %s", (kind) => {
  const { t, filler, reviewer, approver } = appForSuite(kind, ["filler", "reviewer", "approver"]);
  const ids: Record<string, string> = {};
  let roundId = "";

  async function project(orgId: string, name: string, executedByMonth: Record<number, string>, supersedesId?: string) {
    const db = t.deps.db;
    const p = await insertProject(db, {
      orgId,
      year: 2024,
      name,
      annualFunds: "1000000.00",
      ...(supersedesId ? { supersedesId } : {}),
    });
    const tree: [string, string, string, string, string][] = [
      ["产出指标", "数量指标", "培训人数", "≥100人", "50"],
      ["效益指标", "社会效益指标", "事故下降率", "≥10%", "30"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10"],
    ];
    for (const [i, [l1, l2, name3, target, weight]] of tree.entries()) {
      const a = await insertIndicator(db, { projectId: p.id, level: 1, name: l1, sortOrder: i });
      const b = await insertIndicator(db, { projectId: p.id, level: 2, name: l2, parentId: a.id });
      await insertIndicator(db, { projectId: p.id, level: 3, name: name3, parentId: b.id, targetText: target, weight });
    }
    await insertExecution(db, { orgId, year: 2024, scope: "project", projectId: p.id, determinedBudget: "1000000.00" });
    for (const [m, executed] of Object.entries(executedByMonth)) {
      await insertExecution(db, { orgId, year: 2024, scope: "project", projectId: p.id, month: Number(m), executed });
    }
    return p;
  }

  beforeAll(async () => {
    const w = t.world;
    const old = await project(w.unit.id, "交通安全宣传（原）", { 6: "1.00" });
    ids.p1 = (await project(w.unit.id, "交通安全宣传", { 3: "200000.00", 6: "450000.00" }, old.id)).id;
    ids.p2 = (await project(w.unit.id, "道路设施维护", { 6: "350000.00" })).id;
    // July's figure is after the cut-off: the round reads June's
    ids.p3 = (await project(w.sibling.id, "执法装备购置", { 6: "100000.00", 7: "900000.00" })).id;
    await project(w.foreign.id, "外省项目", { 6: "0.00" });
  });

  it("lets only the subtree's reviewer open a round, with valid month, deadline and thresholds", async () => {
    const body = { orgId: t.world.city.id, year: 2024, cutoffMonth: 6, deadline: "2024-07-15", title: "2024年1–6月" };
    // a filler may not open one on their own unit (403); the city above them is not theirs to see (404)
    expect((await filler.post("/monitoring/rounds", { ...body, orgId: t.world.unit.id })).status).toBe(403);
    expect((await filler.post("/monitoring/rounds", body)).status).toBe(404);
    expect((await reviewer.post("/monitoring/rounds", { ...body, orgId: t.world.foreign.id })).status).toBe(404);
    expect((await reviewer.post("/monitoring/rounds", { ...body, cutoffMonth: 13 })).status).toBe(400);
    const badDeadline = await reviewer.post("/monitoring/rounds", { ...body, deadline: "15/07/2024" });
    expect(badDeadline.status).toBe(400);
    expect(badDeadline.body.error.location).toEqual({ field: "deadline" });
    const badThresholds = await reviewer.post("/monitoring/rounds", { ...body, yellowBehind: "20", redBehind: "10" });
    expect(badThresholds.status).toBe(400);
    expect(badThresholds.body.error.location).toEqual({ field: "redBehind" });

    const r = await reviewer.post("/monitoring/rounds", body);
    expect(r.status).toBe(201);
    // three current projects in the city's subtree: the superseded revision and the foreign project get none
    expect(r.body).toMatchObject({
      cutoffMonth: 6,
      timeProgress: "50.00",
      yellowBehind: "10",
      redBehind: "20",
      records: 3,
    });
    roundId = r.body.id;
    expect((await reviewer.post("/monitoring/rounds", body)).status).toBe(409);
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "monitoring.round.open"), eq(auditEvents.entityId, roundId)));
    expect(audit).toHaveLength(1);
  });

  it("shows the round to the unit below it, not to another province", async () => {
    const list = await filler.get("/monitoring/rounds?year=2024");
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([roundId]);
    const foreign = await t.as("foreignFiller");
    expect((await foreign.get(`/monitoring/rounds/${roundId}`)).status).toBe(404);
    expect((await foreign.get("/monitoring/rounds")).body.items).toEqual([]);
  });

  it("lights every record from the June figures (time progress 50%): green 5 behind, yellow 15, red 40", async () => {
    const w = await reviewer.get(`/monitoring/rounds/${roundId}/warnings`);
    expect(w.status).toBe(200);
    const byProject = Object.fromEntries(w.body.items.map((i: { projectId: string }) => [i.projectId, i])) as Record<
      string,
      { light: string; behind: string; execution: { rate: string; month: number } }
    >;
    expect(byProject[ids.p1!]).toMatchObject({
      light: "green",
      behind: "5.00",
      execution: { rate: "45.00", month: 6 },
    });
    expect(byProject[ids.p2!]).toMatchObject({ light: "yellow", behind: "15.00", execution: { rate: "35.00" } });
    expect(byProject[ids.p3!]).toMatchObject({ light: "red", behind: "40.00", execution: { rate: "10.00", month: 6 } });
    expect(w.body.counts).toEqual({ red: 1, yellow: 1, green: 1 });
    // per unit, worst first: the sibling (one red), the unit (one yellow, one green)
    expect(
      w.body.units.map((u: { orgId: string; light: string; red: number; yellow: number; green: number }) => [
        u.orgId,
        u.light,
        u.red,
        u.yellow,
        u.green,
      ]),
    ).toEqual([
      [t.world.sibling.id, "red", 1, 0, 0],
      [t.world.unit.id, "yellow", 0, 1, 1],
    ]);
    // the test clock is 2 March 2026: the deadline of 15 July 2024 is 365 + 230 days behind, every draft overdue
    expect(w.body.round.daysLeft).toBe(-595);
    expect(w.body.items.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, true, true]);
    // worst first by default; by rate ascending on request; filtered by light
    expect(w.body.items.map((i: { light: string }) => i.light)).toEqual(["red", "yellow", "green"]);
    const byRate = await reviewer.get(`/monitoring/rounds/${roundId}/warnings?sort=rate&order=desc`);
    expect(byRate.body.items.map((i: { execution: { rate: string } }) => i.execution.rate)).toEqual([
      "45.00",
      "35.00",
      "10.00",
    ]);
    const reds = await reviewer.get(`/monitoring/rounds/${roundId}/warnings?light=red`);
    expect(reds.body.items.map((i: { projectId: string }) => i.projectId)).toEqual([ids.p3]);
    expect((await reviewer.get(`/monitoring/rounds/${roundId}/warnings?light=blue`)).status).toBe(400);
    // the unit sees its own two records only
    const own = await filler.get(`/monitoring/rounds/${roundId}/warnings`);
    expect(own.body.items.map((i: { projectId: string }) => i.projectId).sort()).toEqual([ids.p1, ids.p2].sort());
  });

  async function recordOf(c: Client, projectId: string) {
    const w = await c.get(`/monitoring/rounds/${roundId}/warnings`);
    const row = w.body.items.find((i: { projectId: string }) => i.projectId === projectId);
    return (await c.get(`/monitoring/records/${row.id}`)).body;
  }

  it("lets the unit fill a record; a short forecast turns it yellow and submission asks for the cause and 纠偏", async () => {
    const rec = await recordOf(filler, ids.p1!);
    expect(
      rec.indicators.map((i: { name: string; target: string; points: string }) => [i.name, i.target, i.points]),
    ).toEqual([
      ["培训人数", "≥100人", "50"],
      ["事故下降率", "≥10%", "30"],
      ["群众满意度", "≥90%", "10"],
    ]);
    const [a, b, c] = rec.indicators as { id: string }[];
    expect((await (await t.as("viewer")).patch(`/monitoring/records/${rec.id}`, { version: 1 })).status).toBe(403);
    const bad = await filler.patch(`/monitoring/records/${rec.id}`, {
      version: 1,
      indicators: [{ id: a!.id, likelihood: "大概能" }],
    });
    expect(bad.status).toBe(400);
    // a row of another record is refused at its place in the body, and nothing is written
    const other = await recordOf(filler, ids.p2!);
    const foreignRow = await filler.patch(`/monitoring/records/${rec.id}`, {
      version: 1,
      indicators: [{ id: other.indicators[0].id, progress: "1" }],
    });
    expect(foreignRow.status).toBe(400);
    expect(foreignRow.body.error.location).toEqual({ path: "indicators[0].id" });
    expect((await filler.get(`/monitoring/records/${other.id}`)).body.indicators[0].progress).toBeNull();
    const saved = await filler.patch(`/monitoring/records/${rec.id}`, {
      version: 1,
      indicators: [
        { id: a!.id, progress: "40人", forecast: "80人", likelihood: "有可能" },
        { id: b!.id, progress: "6%", forecast: "12%", likelihood: "确定能" },
        { id: c!.id, progress: "91%", forecast: "90%", likelihood: "确定能" },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, light: "yellow", executionLight: "green" });
    expect(
      saved.body.indicators.map((i: { forecastMet: boolean; needsCorrection: boolean }) => [
        i.forecastMet,
        i.needsCorrection,
      ]),
    ).toEqual([
      [false, true],
      [true, false],
      [true, false],
    ]);
    expect(saved.body.reasons.map((r: { code: string }) => r.code)).toEqual([
      "indicator_possible",
      "indicator_forecast_short",
    ]);

    const refused = await filler.post(`/monitoring/records/${rec.id}/submit`, { version: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("submission_incomplete");
    expect(refused.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      "indicators[0].deviationCategory",
      "indicators[0].correctiveMeasures",
    ]);
    expect(refused.body.error.messageEn).toMatch(/corrective measures are required/);

    const fixed = await filler.patch(`/monitoring/records/${rec.id}`, {
      version: 2,
      indicators: [{ id: a!.id, deviationCategory: "人员保障", correctiveMeasures: "增派讲师，下半年加开培训班" }],
    });
    expect(fixed.body.problems).toEqual([]);
    const submitted = await filler.post(`/monitoring/records/${rec.id}/submit`, { version: 3 });
    expect(submitted.status).toBe(200);
    expect(submitted.body.workflowState).toBe("submitted");
    expect((await filler.patch(`/monitoring/records/${rec.id}`, { version: 4 })).status).toBe(409);
    const unit = await approver.post(`/monitoring/records/${rec.id}/unit-approve`, { version: 4 });
    expect(unit.status).toBe(200);
    const approved = await reviewer.post(`/monitoring/records/${rec.id}/approve`, { version: 5 });
    expect(approved.body.workflowState).toBe("approved");
    const history = await reviewer.get(`/monitoring/records/${rec.id}/transitions`);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(["submit", "unit_approve", "approve"]);
    const snaps = await reviewer.get(`/monitoring/records/${rec.id}/snapshots`);
    expect(snaps.body.items.map((s: { state: string }) => s.state)).toEqual(["submitted", "approved"]);
    const audit = await t.deps.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "monitoring_record"), eq(auditEvents.entityId, rec.id)));
    expect(audit.map((x) => x.action)).toEqual([
      "monitoring.record.update",
      "monitoring.record.update",
      "workflow.submit",
      "workflow.unit_approve",
      "workflow.approve",
    ]);
  });

  it("forecasts the year-end score with core's scoring: 10 × 90% + 50 × 80/100 + 30 + 10 = 89 → 良", async () => {
    const rec = await recordOf(reviewer, ids.p1!);
    const f = await reviewer.get(`/monitoring/records/${rec.id}/forecast`);
    expect(f.status).toBe(200);
    // no 全年预计执行数 typed: the pace 450,000 × 12 ÷ 6 = 900,000 of 1,000,000
    expect(rec.execution).toMatchObject({ projected: "900000.00", projectedBasis: "pace" });
    expect(f.body).toMatchObject({ computable: true, scheme: { id: "national-project" } });
    expect(f.body.forecast).toMatchObject({ total: 89, grade: "良", executionRate: "90.00", executionScore: 9 });
    expect(f.body.forecast.reasons.map((r: { name: string; lost: string }) => [r.name, r.lost])).toEqual([
      ["培训人数", "10"],
      ["预算执行率", "1"],
    ]);
  });

  it("moves the forecast with the unit's own 全年预计执行数 (95% → 9.5; every target met: 99.5 → 优)", async () => {
    const rec = await recordOf(filler, ids.p2!);
    const saved = await filler.patch(`/monitoring/records/${rec.id}`, {
      version: rec.version,
      projectedExecuted: "950000.00",
      indicators: rec.indicators.map((i: { id: string; target: string }) => ({
        id: i.id,
        forecast: i.target.replace(/^≥/, ""),
      })),
    });
    expect(saved.body.execution).toMatchObject({ projected: "950000.00", projectedBasis: "unit" });
    const f = await filler.get(`/monitoring/records/${rec.id}/forecast`);
    expect(f.body.forecast).toMatchObject({ total: 99.5, grade: "优" });
    expect(f.body.forecast.reasons.map((r: { kind: string; lost: string }) => [r.kind, r.lost])).toEqual([
      ["execution", "0.5"],
    ]);
    // execution 15 points behind: submission also asks for the execution cause and measures
    expect(saved.body.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(["executionReason", "executionMeasures"]),
    );
  });
});
