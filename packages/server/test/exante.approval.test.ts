/**
 * 事前绩效评估 before approval (issue 17 point 6), where the deployment requires it (settings.exanteRequired,
 * JIXIAO_EXANTE_REQUIRED=1; off by default, when the reviewer only sees it): the reviewer cannot approve a new project's goals (continuing no
 * project of last year: not carried, no same code or name) without its ex-ante assessment — 409 `exante_missing`,
 * in Chinese with English beside it — while a continuing project (延续项目, found by core's linking), an adjustment
 * and a project of a unit whose last year is not in Jixiao are approved as before. With an assessment the approval
 * goes through, 不予支持 included (the screen warns; the reviewer decides). The project's ex-ante view says which
 * applies (isNew, required).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { insertProject } from "../src/projects/repository.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const SCORES_LOW = { necessity: "10", economy: "8", goals: "9", feasibility: "10", compliance: "12" }; // 49 → 不予支持
const SCORES_HIGH = { necessity: "18", economy: "17", goals: "16", feasibility: "17", compliance: "18" }; // 86 → 予以支持

describe.each(STORES)("事前绩效评估 before approving a new project's goals on %s", (kind) => {
  const { t, reviewer } = appForSuite(kind, ["reviewer"]);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // this bureau requires the assessment before approval (JIXIAO_EXANTE_REQUIRED)
    t.deps.settings = { ...t.deps.settings, exanteRequired: true };
    const db = t.deps.db;
    const w = t.world;
    const ready = { workflowState: "unit_approved" as const };
    // last year (2024) of the unit is in Jixiao
    await insertProject(db, { orgId: w.unit.id, year: 2024, name: "2024年度道路交通安全宣传", annualFunds: "500000" });
    await insertProject(db, { orgId: w.unit.id, year: 2024, code: "ZX-07", name: "执法记录仪运维" });
    ids.newProject = (await insertProject(db, { orgId: w.unit.id, year: 2025, name: "智能信号灯新建", ...ready })).id;
    ids.byName = (
      await insertProject(db, { orgId: w.unit.id, year: 2025, name: "2025年度道路交通安全宣传", ...ready })
    ).id;
    ids.byCode = (
      await insertProject(db, { orgId: w.unit.id, year: 2025, code: "ZX-07", name: "执法记录仪运维（扩容）", ...ready })
    ).id;
    ids.lowScore = (await insertProject(db, { orgId: w.unit.id, year: 2025, name: "警用无人机购置", ...ready })).id;
    // the sibling unit has no projects of 2024 in Jixiao: its first year here
    ids.firstYear = (await insertProject(db, { orgId: w.sibling.id, year: 2025, name: "科技信息化建设", ...ready })).id;
  });

  const approve = (id: string) => reviewer.post(`/projects/${id}/approve`, { version: 1 });

  it("refuses to approve a new project without an ex-ante assessment: 409 exante_missing, Chinese and English", async () => {
    const view = await reviewer.get(`/projects/${ids.newProject}/exante`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ assessment: null, isNew: true, required: true });
    const r = await approve(ids.newProject!);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("exante_missing");
    expect(r.body.error.message).toContain("事前绩效评估");
    expect(r.body.error.messageEn).toContain("ex-ante assessment");
    // nothing changed
    expect((await reviewer.get(`/projects/${ids.newProject}`)).body.state).toBe("unit_approved");
  });

  it("approves a new project once assessed", async () => {
    const saved = await reviewer.req("PUT", `/api/v1/projects/${ids.newProject}/exante`, { scores: SCORES_HIGH });
    expect(saved.status).toBe(200);
    expect(saved.body.assessment).toMatchObject({ total: "86.00", conclusion: "予以支持" });
    const r = await approve(ids.newProject!);
    expect(r.status).toBe(200);
    expect(r.body.state).toBe("approved");
  });

  it("approves with 不予支持 too: the conclusion is shown, the reviewer decides", async () => {
    const saved = await reviewer.req("PUT", `/api/v1/projects/${ids.lowScore}/exante`, { scores: SCORES_LOW });
    expect(saved.body.assessment).toMatchObject({ total: "49.00", derived: "不予支持", conclusion: "不予支持" });
    expect((await approve(ids.lowScore!)).body.state).toBe("approved");
  });

  it("approves a continuing project (same name once the year is set aside, or same code) without one", async () => {
    for (const id of [ids.byName!, ids.byCode!]) {
      const view = await reviewer.get(`/projects/${id}/exante`);
      expect(view.body).toMatchObject({ isNew: false, required: false });
      const r = await approve(id);
      expect(r.status).toBe(200);
      expect(r.body.state).toBe("approved");
    }
  });

  it("does not refuse in a unit's first year in Jixiao (new or continuing cannot be told), yet calls it new", async () => {
    const view = await reviewer.get(`/projects/${ids.firstYear}/exante`);
    expect(view.body).toMatchObject({ isNew: true, required: false });
    expect((await approve(ids.firstYear!)).body.state).toBe("approved");
  });
});
