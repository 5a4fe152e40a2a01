/**
 * 结果应用 (issue 17 point 2): 2024's self-evaluations carried into 2025's budget through the bureau's rules — the
 * default rules, then the city's own (set by its reviewer, audited, 409 on a stale version, 400 at a wrong field);
 * who may read and set them; the recommendation of each 2025 project linked by carry-forward, code or name; the
 * 结果应用情况 summary and its xlsx (audited); the cross-year trends.
 */
import { DEFAULT_RESULT_RULES, type ResultRules, recommendBudgets } from "@jixiao/core/results";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { budgetExecution } from "../src/budgets/schema.ts";
import { carriedRecords } from "../src/carry/schema.ts";
import { insertEvaluation } from "../src/evaluations/repository.ts";
import { insertProject } from "../src/projects/repository.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("results into the budget on %s", (kind) => {
  const { t, filler, reviewer, viewer, foreignFiller } = appForSuite(kind, [
    "filler",
    "reviewer",
    "viewer",
    "foreignFiller",
  ]);
  const ids: Record<string, string> = {};
  /** The facts each 2024 project's evaluation is inserted with (the stored score as core would have stored it). */
  const EVALUATED = {
    车辆维护: { total: "55", grade: "差", budget: "450000.00", executed: "400000.00", state: "approved" },
    信息系统运维: { total: "72", grade: "中", budget: "800000.00", executed: "400000.00", state: "approved" },
    教育训练: { total: "93", grade: "优", budget: "500000.00", executed: "495000.00", state: "submitted" },
  } as const;

  beforeAll(async () => {
    const db = t.deps.db;
    const orgId = t.world.unit.id;
    const p24 = async (name: string, code: string | null = null) =>
      (await insertProject(db, { orgId, year: 2024, name, code, workflowState: "approved", annualFunds: "100000.00" }))
        .id;
    ids.a = await p24("2024年度车辆维护");
    ids.b = await p24("信息系统运维", "XT-01");
    ids.c = await p24("2024年度教育训练");
    ids.d = await p24("2024年度宣传");
    for (const [name, e] of Object.entries(EVALUATED)) {
      const projectId = name === "车辆维护" ? ids.a : name === "信息系统运维" ? ids.b : ids.c;
      await insertEvaluation(db, {
        kind: "project",
        orgId,
        year: 2024,
        projectId,
        fullYearBudget: e.budget,
        executed: e.executed,
        workflowState: e.state,
        scoreResult: { total: e.total, grade: e.grade },
      });
    }
    const p25 = async (name: string, code: string | null, funds: string | null) =>
      (await insertProject(db, { orgId, year: 2025, name, code, annualFunds: funds })).id;
    ids.a2 = await p25("车辆维修保养（更名）", null, "500000.00");
    ids.b2 = await p25("信息系统运维（二期）", "XT-01", "900000.00");
    ids.c2 = await p25("2025年度教育训练", null, "520000.00");
    ids.d2 = await p25("2025年度宣传", null, null);
    ids.e2 = await p25("2025年度新建项目", null, "300000.00");
    await db.insert(carriedRecords).values({
      orgId,
      fromYear: 2024,
      toYear: 2025,
      kind: "project",
      sourceId: ids.a!,
      targetId: ids.a2!,
    });
  });

  const recommendations = async (c = filler, q = "") => {
    const r = await c.get(`/results/recommendations?orgId=${t.world.unit.id}&year=2025${q}`);
    expect(r.status).toBe(200);
    return r.body.items as {
      projectId: string;
      status: string;
      action: string | null;
      previous: { projectId: string; linkedBy: string } | null;
      cutPercent: string | null;
      ceiling: string | null;
      reduction: string | null;
      rectificationRequired: boolean;
      reasons: { rule: string; zh: string }[];
      evaluation: { grade: string; approved: boolean; executionRate: string | null } | null;
      rulesFrom: { orgName: string } | null;
    }[];
  };

  /** What core gives for the same facts under `rules`: the server only gathers the facts. */
  const expected = (rules: ResultRules) => {
    const e = (k: keyof typeof EVALUATED, id: string) => ({
      id,
      total: EVALUATED[k].total,
      grade: EVALUATED[k].grade,
      budget: EVALUATED[k].budget,
      executed: EVALUATED[k].executed,
      approved: EVALUATED[k].state === "approved",
    });
    const orgId = t.world.unit.id;
    return recommendBudgets({
      rules,
      links: [{ sourceId: ids.a!, targetId: ids.a2! }],
      previous: [
        {
          id: ids.a!,
          orgId,
          code: null,
          name: "2024年度车辆维护",
          annualFunds: "100000.00",
          evaluation: e("车辆维护", "x"),
        },
        {
          id: ids.b!,
          orgId,
          code: "XT-01",
          name: "信息系统运维",
          annualFunds: "100000.00",
          evaluation: e("信息系统运维", "y"),
        },
        {
          id: ids.c!,
          orgId,
          code: null,
          name: "2024年度教育训练",
          annualFunds: "100000.00",
          evaluation: e("教育训练", "z"),
        },
        { id: ids.d!, orgId, code: null, name: "2024年度宣传", annualFunds: "100000.00", evaluation: null },
      ],
      projects: [
        { id: ids.a2!, orgId, code: null, name: "车辆维修保养（更名）", requested: "500000.00" },
        { id: ids.b2!, orgId, code: "XT-01", name: "信息系统运维（二期）", requested: "900000.00" },
        { id: ids.c2!, orgId, code: null, name: "2025年度教育训练", requested: "520000.00" },
        { id: ids.d2!, orgId, code: null, name: "2025年度宣传", requested: null },
        { id: ids.e2!, orgId, code: null, name: "2025年度新建项目", requested: "300000.00" },
      ],
    });
  };
  const comparable = (r: ReturnType<typeof expected>[number]) => ({
    projectId: r.projectId,
    status: r.status,
    action: r.action,
    cutPercent: r.cutPercent,
    ceiling: r.ceiling,
    reduction: r.reduction,
    rectificationRequired: r.rectificationRequired,
    reasons: r.reasons.map((x) => x.zh),
  });

  it("recommends with the default rules: linked by carry-forward, code and name; new and not evaluated said so", async () => {
    const items = await recommendations();
    const byId = new Map(items.map((i) => [i.projectId, i]));
    expect(byId.get(ids.a2!)).toMatchObject({
      previous: { projectId: ids.a, linkedBy: "carry_forward" },
      action: "cut",
      evaluation: { grade: "差", approved: true },
      rulesFrom: null,
    });
    expect(byId.get(ids.b2!)).toMatchObject({ previous: { linkedBy: "code" }, action: "cut" });
    expect(byId.get(ids.c2!)).toMatchObject({ previous: { linkedBy: "name" }, action: "prioritise" });
    expect(byId.get(ids.c2!)!.reasons.map((r) => r.rule)).toContain("not_approved");
    expect(byId.get(ids.d2!)).toMatchObject({ status: "not_evaluated", action: null });
    expect(byId.get(ids.e2!)).toMatchObject({ status: "new", previous: null });
    const want = expected(DEFAULT_RESULT_RULES).map(comparable);
    expect(
      items
        .map((i) => comparable({ ...i, reasons: i.reasons } as unknown as ReturnType<typeof expected>[number]))
        .sort((x, y) => x.projectId.localeCompare(y.projectId)),
    ).toEqual(want.sort((x, y) => x.projectId.localeCompare(y.projectId)));
    // one project's recommendation, for its page
    const one = await recommendations(viewer, `&projectId=${ids.c2}`);
    expect(one.map((i) => i.projectId)).toEqual([ids.c2]);
  });

  it("the rules are the reviewer's: read by the reviewer only, set at the bureau only, audited, versioned", async () => {
    const q = `/results/rules?orgId=${t.world.unit.id}&year=2025`;
    expect((await reviewer.get(q)).body).toMatchObject({ source: "default", rules: DEFAULT_RESULT_RULES });
    expect((await filler.get(q)).status).toBe(403);
    expect((await viewer.get(q)).status).toBe(403);
    expect((await foreignFiller.get(q)).status).toBe(404);

    const strict: ResultRules = {
      grades: DEFAULT_RESULT_RULES.grades.map((g) => (g.grade === "差" ? { ...g, cutPercent: "50" } : g)),
      execution: [{ below: "90", action: "adjust", cutPercent: "5", cutUnspent: false }],
    };
    const body = { orgId: t.world.city.id, year: 2025, rules: strict, version: 0 };
    expect((await filler.req("PUT", "/api/v1/results/rules", body)).status).toBe(404);
    // a reviewer sets the rules of their own organisation (the bureau), not of a unit below it
    const below = await reviewer.req("PUT", "/api/v1/results/rules", { ...body, orgId: t.world.unit.id });
    expect(below.status).toBe(403);
    const wrong = await reviewer.req("PUT", "/api/v1/results/rules", {
      ...body,
      rules: { ...strict, grades: [{ grade: "差", action: "cut", cutPercent: "120", rectification: true }] },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.location).toEqual({ field: "grades[0].cutPercent" });

    const put = await reviewer.req("PUT", "/api/v1/results/rules", body);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ source: "own", version: 1, rules: strict });
    expect((await reviewer.req("PUT", "/api/v1/results/rules", body)).status).toBe(409);
    // the unit inherits the city's rules
    expect((await reviewer.get(q)).body).toMatchObject({
      source: "inherited",
      definedAt: { orgId: t.world.city.id },
      rules: strict,
      version: null,
    });
    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "results.rules.update"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: "result_rules", orgId: t.world.city.id, before: null });
    expect((audit[0]!.after as { rules: ResultRules }).rules).toEqual(strict);

    // the recommendations follow the city's rules
    const items = await recommendations();
    const want = expected(strict).map(comparable);
    expect(items.map((i) => i.rulesFrom?.orgName)).toEqual(items.map(() => t.world.city.name));
    expect(
      items
        .map((i) => comparable(i as unknown as ReturnType<typeof expected>[number]))
        .sort((x, y) => x.projectId.localeCompare(y.projectId)),
    ).toEqual(want.sort((x, y) => x.projectId.localeCompare(y.projectId)));
    expect(items.find((i) => i.projectId === ids.a2)!.cutPercent).toBe("50");
  });

  it("sums the 结果应用情况 by unit and writes it as xlsx (万元), docx and PDF, audited", async () => {
    const r = await viewer.get(`/results/summary?orgId=${t.world.unit.id}&year=2025`);
    expect(r.status).toBe(200);
    const items = await recommendations();
    const unit = r.body.units[0];
    expect(r.body.units).toHaveLength(1);
    expect(unit).toMatchObject({
      orgId: t.world.unit.id,
      projects: items.length,
      newProjects: 1,
      notEvaluated: 1,
      recommended: 3,
      grades: { 优: 1, 良: 0, 中: 1, 差: 1 },
    });
    for (const a of ["cut", "prioritise"]) {
      expect(unit.actions[a]).toBe(items.filter((i) => i.action === a).length);
    }
    const sum = (xs: (string | null)[]) =>
      (xs.reduce((n, x) => n + (x ? BigInt(x.replace(".", "")) : 0n), 0n) as bigint).toString();
    const fen = (s: string) => BigInt(s.replace(".", "")).toString();
    expect(fen(unit.reduction)).toBe(sum(items.map((i) => i.reduction)));
    expect(r.body.total).toMatchObject({ projects: unit.projects, reduction: unit.reduction });

    const res = await t.app.request(`/api/v1/results/summary/export?orgId=${t.world.unit.id}&year=2025`, {
      headers: { Cookie: viewer.cookie! },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value ?? ""))));
    expect(cells).toEqual(expect.arrayContaining([t.world.unit.name, "合计", "压减", "涉及压减金额（万元）"]));
    // 合计: every figure a SUM over the unit's row above it, caching the total; 建议压减额 in 万元 (#,##0.00)
    const ws = wb.worksheets[0]!;
    let totalRow = 0;
    let reductionCol = 0;
    ws.eachRow((row, r) =>
      row.eachCell((c, col) => {
        if (c.value === "合计") totalRow = r;
        if (c.value === "建议压减额（万元）") reductionCol = col;
      }),
    );
    const unitRow = totalRow - 1;
    expect(ws.getCell(unitRow, 1).value).toBe(t.world.unit.name);
    const projectsCell = ws.getCell(totalRow, 2);
    expect(projectsCell.value).toEqual({ formula: `SUM(B${unitRow})`, result: items.length });
    expect(ws.getCell(unitRow, 2).value).toBe(items.length);
    const reduction = ws.getCell(totalRow, reductionCol);
    expect(reduction.numFmt).toBe("#,##0.00");
    expect(reduction.formula).toBe(`SUM(${ws.getCell(unitRow, reductionCol).address})`);
    // exact: the reductions' fen ÷ 1,000,000 in 万元
    expect(BigInt(Math.round(Number(reduction.result) * 1_000_000))).toBe(BigInt(sum(items.map((i) => i.reduction))));
    const details: string[] = [];
    wb.worksheets[1]!.eachRow((row) => row.eachCell((c) => void details.push(String(c.value ?? ""))));
    expect(details).toEqual(expect.arrayContaining(["2025年度教育训练", "新增项目", "优先保障"]));
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "export.results_summary"), eq(auditEvents.orgId, t.world.unit.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ year: 2025, size: expect.any(Number) });
    // the same summary as docx and PDF, each audited with its file
    for (const [format, type, magic] of [
      ["docx", "wordprocessingml", "PK"],
      ["pdf", "application/pdf", "%PDF"],
    ] as const) {
      const f = await t.app.request(
        `/api/v1/results/summary/export?orgId=${t.world.unit.id}&year=2025&format=${format}`,
        {
          headers: { Cookie: viewer.cookie! },
        },
      );
      expect(f.status).toBe(200);
      expect(f.headers.get("content-type")).toContain(type);
      expect(decodeURIComponent(f.headers.get("content-disposition") ?? "")).toContain(`结果应用情况表.${format}`);
      expect(
        Buffer.from(await f.arrayBuffer())
          .subarray(0, magic.length)
          .toString("latin1"),
      ).toBe(magic);
    }
    const audited = await t.deps.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "export.results_summary"), eq(auditEvents.orgId, t.world.unit.id)));
    expect(
      audited
        .map((a) =>
          String((a.details as { fileName: string }).fileName)
            .split(".")
            .pop(),
        )
        .sort(),
    ).toEqual(["docx", "pdf", "xlsx"]);

    expect((await foreignFiller.get(`/results/summary?orgId=${t.world.unit.id}&year=2025`)).status).toBe(404);
  });

  it("gives the cross-year trends per unit: mean score, grades and execution of the project evaluations", async () => {
    const r = await reviewer.get(`/rollups/trends?orgId=${t.world.city.id}&from=2024&to=2025`);
    expect(r.status).toBe(200);
    expect(r.body.years).toEqual([2024, 2025]);
    const unit = r.body.units.find((u: { orgId: string }) => u.orgId === t.world.unit.id);
    const all = Object.values(EVALUATED);
    const [p2024, p2025] = unit.points;
    expect(p2024).toMatchObject({
      year: 2024,
      evaluations: all.length,
      grades: { 优: 1, 良: 0, 中: 1, 差: 1 },
      executionSource: "projects",
    });
    // exact: Σ totals ÷ n and Σ executed ÷ Σ budget, to 2 decimals
    const mean = all.reduce((n, e) => n + Number(e.total), 0) / all.length;
    expect(Number(p2024.meanScore)).toBeCloseTo(mean, 2);
    const rate =
      (all.reduce((n, e) => n + Number(e.executed), 0) / all.reduce((n, e) => n + Number(e.budget), 0)) * 100;
    expect(Number(p2024.executionRate)).toBeCloseTo(rate, 2);
    expect(p2025).toMatchObject({ evaluations: 0, meanScore: null, executionRate: null });
    // the department's figures when the unit has them: its latest 1–N月 during the year, the full year after it
    const figures = (month: number | null, executed: string) => ({
      orgId: t.world.unit.id,
      year: 2025,
      scope: "total",
      month,
      determinedBudget: "1000000.00",
      executed,
    });
    await t.deps.db.insert(budgetExecution).values([figures(5, "300000.00"), figures(6, "450000.00")]);
    const during = (await reviewer.get(`/rollups/trends?orgId=${t.world.city.id}&from=2024&to=2025`)).body;
    const unit2025 = (b: typeof during) =>
      b.units.find((u: { orgId: string }) => u.orgId === t.world.unit.id).points[1];
    expect(unit2025(during)).toMatchObject({ executionRate: "45.00", executionSource: "department" });
    await t.deps.db.insert(budgetExecution).values(figures(null, "980000.00"));
    const after = (await reviewer.get(`/rollups/trends?orgId=${t.world.city.id}&from=2024&to=2025`)).body;
    expect(unit2025(after)).toMatchObject({ executionRate: "98.00", executionSource: "department" });
    expect(r.body.total[0]).toMatchObject({ year: 2024, evaluations: all.length });
    expect((await reviewer.get(`/rollups/trends?orgId=${t.world.city.id}&from=2025&to=2024`)).status).toBe(400);
    expect((await foreignFiller.get(`/rollups/trends?orgId=${t.world.city.id}&from=2024&to=2025`)).status).toBe(404);
  });
});
