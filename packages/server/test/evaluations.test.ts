import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { recordSnapshots } from "../src/workflow/schema.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("self-evaluations on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);
  // One department self-evaluation per organisation and year: each test that makes one has a year of its own
  // (2024, 2025 of the test world and two more).
  beforeAll(async () => {
    await t.deps.db.insert(fiscalYears).values([{ year: 2022 }, { year: 2023 }]);
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

  it("takes only a scoring scheme core knows, and names the field when it is not one", async () => {
    const bad = await filler.post("/evaluations", {
      kind: "department",
      orgId: t.world.unit.id,
      year: 2023,
      scheme: "department-20-80",
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain("scheme");
    const ok = await filler.post("/evaluations", {
      kind: "department",
      orgId: t.world.unit.id,
      year: 2023,
      scheme: "department-2080",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.scheme).toBe("department-2080");
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

  it("runs the two-step workflow (returned at each stage): frozen once approved, snapshots with items; not reviewed by its submitter", async () => {
    const approver = await t.as("approver");
    const reviewer = await t.as("reviewer");
    // Complete enough to submit (budget, narratives, reasons for the missed target and the adjusted score).
    const e = (
      await filler.post("/evaluations", {
        kind: "department",
        orgId: t.world.unit.id,
        year: 2025,
        fullYearBudget: "100.00",
        executed: "95.00",
        conclusion: "基本完成年度目标",
        improvements: "加强办案力量",
      })
    ).body;
    const item = {
      level1: "产出指标",
      level2: "数量指标",
      name: "一般程序事故办理",
      targetText: "≥30起",
      deviationReason: "案件数量下降",
      overrideReason: "按办案质量酌情扣分",
    };
    const put = (version: number, actualText: string) =>
      filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, {
        version,
        items: [{ ...item, actualText, points: "5", statedScore: "4" }],
      });
    expect((await put(1, "28起")).status).toBe(200);
    expect((await filler.post(`/evaluations/${e.id}/submit`, { version: 2 })).body.state).toBe("submitted");
    expect((await filler.patch(`/evaluations/${e.id}`, { version: 3, problems: "x" })).status).toBe(409);
    expect((await filler.post(`/evaluations/${e.id}/unit-approve`, { version: 3 })).status).toBe(403);
    expect((await filler.post(`/evaluations/${e.id}/approve`, { version: 3 })).status).toBe(403);
    expect((await approver.post(`/evaluations/${e.id}/return`, { version: 3, comment: "实际值有误" })).body.state).toBe(
      "returned",
    );
    expect((await put(4, "31起")).status).toBe(200);
    expect((await filler.post(`/evaluations/${e.id}/submit`, { version: 5 })).body.state).toBe("submitted");
    expect((await approver.post(`/evaluations/${e.id}/unit-approve`, { version: 6 })).body.state).toBe("unit_approved");
    expect((await reviewer.post(`/evaluations/${e.id}/return`, { version: 7, comment: "请附佐证" })).body.state).toBe(
      "returned",
    );
    expect((await filler.post(`/evaluations/${e.id}/submit`, { version: 8 })).body.state).toBe("submitted");
    expect((await approver.post(`/evaluations/${e.id}/unit-approve`, { version: 9 })).body.state).toBe("unit_approved");
    const approved = await reviewer.post(`/evaluations/${e.id}/approve`, { version: 10 });
    expect(approved.body).toMatchObject({ state: "approved", version: 11 });
    const frozen = await put(11, "40起");
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.code).toBe("not_editable");
    expect((await filler.del(`/evaluations/${e.id}?version=11`)).status).toBe(409);

    const history = (await filler.get(`/evaluations/${e.id}/transitions`)).body.items as Record<string, unknown>[];
    expect(history.map((h) => `${h.action}:${h.actorName}`)).toEqual([
      "submit:filler",
      "return:approver",
      "submit:filler",
      "unit_approve:approver",
      "return:reviewer",
      "submit:filler",
      "unit_approve:approver",
      "approve:reviewer",
    ]);
    const snaps = (await filler.get(`/evaluations/${e.id}/snapshots`)).body.items as { id: string; state: string }[];
    expect(snaps.map((s) => s.state)).toEqual(["submitted", "submitted", "submitted", "approved"]);
    const actual = async (id: string) =>
      (await filler.get(`/evaluations/${e.id}/snapshots/${id}`)).body.snapshot.items.map(
        (i: { actualText: string }) => i.actualText,
      );
    expect(await actual(snaps[0]!.id)).toEqual(["28起"]);
    expect(await actual(snaps[3]!.id)).toEqual(["31起"]);
    const stored = await t.deps.db.select().from(recordSnapshots).where(eq(recordSnapshots.entityId, e.id));
    expect(stored).toHaveLength(4);
    const foreign = await t.as("foreignFiller");
    expect((await foreign.get(`/evaluations/${e.id}/snapshots/${snaps[0]!.id}`)).status).toBe(404);
  });

  it("deletes a draft (its year is then free for another); a foreign organisation's self-evaluation is 404", async () => {
    const create = () => filler.post("/evaluations", { kind: "department", orgId: t.world.unit.id, year: 2022 });
    const e = (await create()).body;
    expect((await filler.del(`/evaluations/${e.id}?version=1`)).status).toBe(204);
    expect((await filler.get(`/evaluations/${e.id}`)).status).toBe(404);
    expect((await create()).status).toBe(201);
    const foreign = await t.as("foreignFiller");
    const theirs = (await foreign.post("/evaluations", { kind: "department", orgId: t.world.foreign.id, year: 2024 }))
      .body;
    const r = await filler.get(`/evaluations/${theirs.id}`);
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe("记录不存在或无权查看");
  });
});
