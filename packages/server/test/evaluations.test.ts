import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { recordSnapshots } from "../src/workflow/schema.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";

describe.each(STORES)("self-evaluations on %s", (kind) => {
  let t: TestApp;
  let filler: Client;
  beforeAll(async () => {
    t = await testApp(kind);
    filler = await t.as("filler");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("creates a department self-evaluation, saves its indicator rows, and audits both", async () => {
    const created = await filler.post("/evaluations", {
      kind: "department",
      orgId: t.world.unit.id,
      year: 2024,
      initialBudget: "29533300.00",
      fullYearBudget: "29533300.00",
      executed: "26091400.00",
      executionPoints: "20",
      statedTotal: "92",
      conclusion: "总体完成年度目标",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: "department",
      executed: "26091400.00",
      statedTotal: "92.0000",
      version: 1,
    });
    const id = created.body.id;
    const saved = await filler.req("PUT", `/api/v1/evaluations/${id}/items`, {
      version: 1,
      items: [
        {
          level1: "产出指标",
          level2: "数量指标",
          name: "一般程序事故办理",
          targetText: "≥30起",
          actualText: "28起",
          points: "5",
          statedScore: "4.5",
          deviationReason: "案件数量下降",
          deviationCause: "其他",
        },
        {
          level1: "满意度指标",
          level2: "服务对象满意度",
          name: "群众满意度",
          targetText: "≥90%",
          actualText: "95%",
          points: "10",
          statedScore: "10",
        },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.items.map((i: { name: string }) => i.name)).toEqual(["一般程序事故办理", "群众满意度"]);
    expect(saved.body.items[0].actualParsed).toMatchObject({ kind: "numeric", value: 28, unit: "起" });
    const stale = await filler.req("PUT", `/api/v1/evaluations/${id}/items`, { version: 1, items: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.version).toBe(2);
    const badCause = await filler.req("PUT", `/api/v1/evaluations/${id}/items`, {
      version: 2,
      items: [{ name: "x", deviationCause: "天气" }],
    });
    expect(badCause.status).toBe(400);
    const read = await filler.get(`/evaluations/${id}`);
    expect(read.body.items).toHaveLength(2);
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, id))
      .orderBy(auditEvents.id);
    expect(audit.map((a) => a.action)).toEqual(["evaluation.create", "evaluation.items"]);
  });

  it("requires a project of the same organisation for a project self-evaluation", async () => {
    const bad = await filler.post("/evaluations", { kind: "project", orgId: t.world.unit.id, year: 2024 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe("项目自评须指定本单位的项目");
    const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "评价对象" })).body;
    const ok = await filler.post("/evaluations", {
      kind: "project",
      orgId: t.world.unit.id,
      year: 2024,
      projectId: p.id,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.projectName).toBe("评价对象");
    const list = await filler.get("/evaluations?kind=project&year=2024");
    expect(list.body.items.map((e: { projectName: string }) => e.projectName)).toEqual(["评价对象"]);
  });

  it("runs the workflow: frozen once approved, snapshot with items kept; not reviewed by its submitter", async () => {
    const e = (await filler.post("/evaluations", { kind: "department", orgId: t.world.unit.id, year: 2025 })).body;
    expect((await filler.post(`/evaluations/${e.id}/submit`, { version: 1 })).body.state).toBe("submitted");
    expect((await filler.patch(`/evaluations/${e.id}`, { version: 2, problems: "x" })).status).toBe(409);
    expect((await filler.post(`/evaluations/${e.id}/approve`, { version: 2 })).status).toBe(403);
    const approver = await t.as("approver");
    const approved = await approver.post(`/evaluations/${e.id}/approve`, { version: 2 });
    expect(approved.body).toMatchObject({ state: "approved", version: 3 });
    const frozen = await filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, { version: 3, items: [] });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.code).toBe("not_editable");
    expect((await filler.del(`/evaluations/${e.id}?version=3`)).status).toBe(409);
    const snaps = await t.deps.db.select().from(recordSnapshots).where(eq(recordSnapshots.entityId, e.id));
    expect(snaps).toHaveLength(1);
  });

  it("deletes a draft; a foreign organisation's self-evaluation is 404", async () => {
    const e = (await filler.post("/evaluations", { kind: "department", orgId: t.world.unit.id, year: 2024 })).body;
    expect((await filler.del(`/evaluations/${e.id}?version=1`)).status).toBe(204);
    expect((await filler.get(`/evaluations/${e.id}`)).status).toBe(404);
    const foreign = await t.as("foreignFiller");
    const theirs = (await foreign.post("/evaluations", { kind: "department", orgId: t.world.foreign.id, year: 2024 }))
      .body;
    const r = await filler.get(`/evaluations/${theirs.id}`);
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe("记录不存在或无权查看");
  });
});
