/**
 * The review API on both stores: core's review of a stored project, goal, self-evaluation or import preview,
 * findings pointing to the stored rows, and the reviewer's decision (accept / overrule with a comment), audited.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";
import { uploadRaw } from "./support/upload.ts";

const SEED_004 = join(import.meta.dirname, "../../../fixtures/seeds/004_8649601bbeaed617.txt");

describe.each(STORES)("review on %s", (kind) => {
  const { t, filler, approver } = appForSuite(kind, ["filler", "approver"]);
  let projectId: string;
  let rateId: string;
  beforeAll(async () => {
    const p = (
      await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "审核样例", annualFunds: "100.00" })
    ).body;
    projectId = p.id;
    const l1 = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const l2 = (await filler.post(`/projects/${p.id}/indicators`, { level: 2, name: "质量指标", parentId: l1.id }))
      .body;
    rateId = (
      await filler.post(`/projects/${p.id}/indicators`, {
        level: 3,
        name: "验收合格率",
        parentId: l2.id,
        targetText: "≥120%",
      })
    ).body.id;
  });

  it("reviews a stored project: findings with rule, severity, message, location and the row they point to", async () => {
    const r = await filler.get(`/reviews/project/${projectId}`);
    expect(r.status).toBe(200);
    expect(r.body.target).toMatchObject({ type: "project", id: projectId, version: 1 });
    const rules = r.body.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain("completeness.level1-groups"); // no 效益 / 满意度 indicators
    const over = r.body.findings.find((f: { rule: string }) => f.rule === "indicator.percent-over-cap");
    expect(over).toMatchObject({ severity: expect.any(String), record: { type: "indicator", id: rateId } });
    expect(over.location).toMatchObject({ file: `project/${projectId}`, row: 1 });
    expect(over.message).toMatch(/120/);
    expect(["优", "良", "中", "差"]).toContain(r.body.verdict);
    expect(r.body.decision).toBeNull();
  });

  it("reviews an import preview with the importer's locations", async () => {
    const up = await uploadRaw(t, filler, new Uint8Array(readFileSync(SEED_004)), {
      orgId: t.world.unit.id,
      year: 2024,
      fileName: "004.txt",
    });
    const r = await filler.get(`/reviews/import/${up.body.id}`);
    expect(r.status).toBe(200);
    expect(r.body.findings.length).toBeGreaterThan(0);
    for (const f of r.body.findings) {
      expect(f).toMatchObject({ rule: expect.any(String), severity: expect.any(String), message: expect.any(String) });
      expect(f.location.file).toBe("004.txt");
    }
  });

  it("points that do not match the scheme: an error with its one-click fix, each change naming its indicator", async () => {
    const p = (
      await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "分值不合方案", annualFunds: "10.00" })
    ).body;
    const ids: Record<string, string> = {};
    for (const [l1, l2, name, weight] of [
      ["产出指标", "数量指标", "巡逻里程", "60"],
      ["效益指标", "社会效益指标", "事故下降", "20"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "20"],
    ] as const) {
      const a = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: l1 })).body;
      const b = (await filler.post(`/projects/${p.id}/indicators`, { level: 2, name: l2, parentId: a.id })).body;
      ids[name] = (
        await filler.post(`/projects/${p.id}/indicators`, {
          level: 3,
          name,
          parentId: b.id,
          targetText: "≥90%",
          weight,
        })
      ).body.id;
    }
    const r = await filler.get(`/reviews/project/${p.id}`);
    expect(r.status).toBe(200);
    const f = r.body.findings.find((x: { rule: string }) => x.rule === "scoring.points-match-scheme");
    expect(f, "the scheme rule flags 60/20/20").toBeDefined();
    expect(f.severity).toBe("error");
    const changes = f.fix.changes as {
      name: string;
      from: string;
      to: string;
      record?: { type: string; id: string };
    }[];
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) expect(c.record).toEqual({ type: "indicator", id: ids[c.name] });
    // the fix's points follow the scheme's proportions: 产出 : 效益 : 满意度 = 50 : 30 : 10
    const to = Object.fromEntries(changes.map((c) => [c.name, Number(c.to)]));
    const all = { 巡逻里程: 60, 事故下降: 20, 群众满意度: 20, ...to };
    expect(all.巡逻里程 / all.群众满意度).toBeCloseTo(5, 1);
    expect(all.事故下降 / all.群众满意度).toBeCloseTo(3, 1);
  });

  it("an import preview of which too little was read is not judged: 未能判断, no verdict, no points; its coverage is in the preview", async () => {
    // a project goal table whose every figure is a placeholder: recognised, but no figure read
    const text = [
      "项目支出绩效目标表",
      "项目名称\t**\t\t",
      "一级指标\t二级指标\t三级指标\t指标值",
      "产出指标\t数量指标\t**\t**",
    ].join("\n");
    const up = await uploadRaw(t, filler, new TextEncoder().encode(text), {
      orgId: t.world.unit.id,
      year: 2024,
      fileName: "空表.txt",
    });
    expect(up.status).toBeLessThan(300);
    expect(up.body.kinds).toContain("project-goals");
    expect(up.body.coverage).toMatchObject({ sufficient: false, figures: 0 });
    expect(up.body.recognition[0]).toMatchObject({ kind: "project-goals", recognised: true });
    const r = await filler.get(`/reviews/import/${up.body.id}`);
    expect(r.status).toBe(200);
    expect(r.body.verdict).toBeNull();
    expect(r.body.verdictPoints).toBeNull();
    expect(r.body.reasons[0].zh).toMatch(/^未能判断/);
  });

  it("stores the reviewer's decision: accept, or overrule with a comment (required), audited; the filler may not", async () => {
    const engine = (await approver.get(`/reviews/project/${projectId}`)).body.verdict;
    const other = engine === "优" ? "良" : "优";
    expect((await filler.post(`/reviews/project/${projectId}/decision`, { reviewerVerdict: engine })).status).toBe(403);
    const noComment = await approver.post(`/reviews/project/${projectId}/decision`, { reviewerVerdict: other });
    expect(noComment.status).toBe(400);
    const accepted = await approver.post(`/reviews/project/${projectId}/decision`, { reviewerVerdict: engine });
    expect(accepted.status).toBe(200);
    expect(accepted.body.decision).toMatchObject({ verdict: engine, reviewerVerdict: engine, current: true });
    const overruled = await approver.post(`/reviews/project/${projectId}/decision`, {
      reviewerVerdict: other,
      comment: "目标值偏高，按意见修改后执行",
    });
    expect(overruled.body.decision).toMatchObject({ reviewerVerdict: other, comment: "目标值偏高，按意见修改后执行" });
    const read = await filler.get(`/reviews/project/${projectId}`);
    expect(read.body.decision).toMatchObject({ reviewerVerdict: other, current: true });
    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.entityId, projectId));
    expect(audit.map((a) => a.action).filter((a) => a.startsWith("review."))).toEqual([
      "review.accept",
      "review.overrule",
    ]);
    // The record changes: the decision is about an older version.
    await filler.patch(`/projects/${projectId}`, { version: 1, purpose: "保障" });
    expect((await filler.get(`/reviews/project/${projectId}`)).body.decision.current).toBe(false);
  });

  it("reviews a self-evaluation (score rules) and a department goal; foreign records are 404", async () => {
    const e = (await filler.post("/evaluations", { kind: "department", orgId: t.world.unit.id, year: 2024 })).body;
    await filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, {
      version: e.version,
      items: [
        {
          level1: "产出指标",
          level2: "数量指标",
          name: "培训人次",
          targetText: "≥100人次",
          actualText: "80人次",
          points: "10",
          statedScore: "10",
        },
      ],
    });
    const r = await filler.get(`/reviews/evaluation/${e.id}`);
    expect(r.status).toBe(200);
    const missed = r.body.findings.find((f: { rule: string }) => f.rule === "selfeval.missed-without-reason");
    expect(missed?.record?.type).toBe("evaluation_item");
    const g = (await filler.post("/goals", { orgId: t.world.unit.id, year: 2024, annualGoal: "保障道路交通安全" }))
      .body;
    expect((await filler.get(`/reviews/goal/${g.id}`)).status).toBe(200);
    const foreign = await t.as("foreignFiller");
    expect((await foreign.get(`/reviews/project/${projectId}`)).status).toBe(404);
  });
});
