import { describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("department-overall goals on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);

  it("creates the year's goals (one per organisation and year) with an indicator tree", async () => {
    const g = await filler.post("/goals", {
      orgId: t.world.unit.id,
      year: 2024,
      annualGoal: "办理一般程序道路交通事故不低于30起",
    });
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ state: "draft", version: 1, orgName: "赵县公安局交警大队" });
    const dup = await filler.post("/goals", { orgId: t.world.unit.id, year: 2024 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe("该单位该年度已有部门整体绩效目标");
    const l1 = await filler.post(`/goals/${g.body.id}/indicators`, { level: 1, name: "产出指标", weight: "40" });
    const l2 = await filler.post(`/goals/${g.body.id}/indicators`, {
      level: 2,
      name: "数量指标",
      parentId: l1.body.id,
    });
    const l3 = await filler.post(`/goals/${g.body.id}/indicators`, {
      level: 3,
      name: "一般程序案件",
      parentId: l2.body.id,
      targetText: "不低于30起",
      natureCode: "004",
    });
    expect(l3.status).toBe(201);
    expect(l3.body).toMatchObject({ projectId: null, natureCode: "004" });
    expect(l3.body.targetParsed).toMatchObject({ op: ">=", value: 30 });
    const list = await filler.get(`/goals/${g.body.id}/indicators`);
    expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(["产出指标", "数量指标", "一般程序案件"]);
    // The generic indicator routes work on a goal's indicators too.
    expect((await filler.patch(`/indicators/${l3.body.id}`, { version: 1, targetText: "≥32起" })).status).toBe(200);
    // A project's indicator cannot be the parent of a goal's.
    const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "项目" })).body;
    const pl1 = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const cross = await filler.post(`/goals/${g.body.id}/indicators`, { level: 2, name: "x", parentId: pl1.id });
    expect(cross.status).toBe(400);
    expect(cross.body.error.message).toBe("上级指标不属于同一项目或目标");
  });

  it("runs the two-step workflow (returned at each stage), freezes the goal and its indicators once approved", async () => {
    const approver = await t.as("approver");
    const reviewer = await t.as("reviewer");
    const g = (await filler.post("/goals", { orgId: t.world.unit.id, year: 2025, annualGoal: "目标甲" })).body;
    const ind = (await filler.post(`/goals/${g.id}/indicators`, { level: 1, name: "效益指标" })).body;
    expect((await filler.post(`/goals/${g.id}/submit`, { version: 1 })).body.state).toBe("submitted");
    expect((await approver.post(`/goals/${g.id}/return`, { version: 2 })).status).toBe(400);
    expect((await reviewer.post(`/goals/${g.id}/unit-approve`, { version: 2 })).status).toBe(403);
    expect((await approver.post(`/goals/${g.id}/return`, { version: 2, comment: "请细化" })).body.state).toBe(
      "returned",
    );
    expect((await filler.patch(`/goals/${g.id}`, { version: 3, annualGoal: "目标乙" })).status).toBe(200);
    expect((await filler.post(`/goals/${g.id}/submit`, { version: 4 })).body.state).toBe("submitted");
    expect((await reviewer.post(`/goals/${g.id}/approve`, { version: 5 })).status).toBe(409);
    expect((await approver.post(`/goals/${g.id}/unit-approve`, { version: 5 })).body.state).toBe("unit_approved");
    expect((await filler.patch(`/goals/${g.id}`, { version: 6, annualGoal: "改" })).status).toBe(409);
    expect((await approver.post(`/goals/${g.id}/approve`, { version: 6 })).status).toBe(403);
    expect((await reviewer.post(`/goals/${g.id}/return`, { version: 6, comment: "指标不全" })).body.state).toBe(
      "returned",
    );
    expect((await filler.post(`/goals/${g.id}/submit`, { version: 7 })).body.state).toBe("submitted");
    expect((await approver.post(`/goals/${g.id}/unit-approve`, { version: 8 })).body.state).toBe("unit_approved");
    expect((await reviewer.post(`/goals/${g.id}/approve`, { version: 9 })).body).toMatchObject({
      state: "approved",
      version: 10,
    });
    const frozen = await filler.patch(`/indicators/${ind.id}`, { version: 1, name: "改" });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.code).toBe("not_editable");
    expect((await filler.post(`/goals/${g.id}/indicators`, { level: 1, name: "新" })).status).toBe(409);
    expect((await filler.patch(`/goals/${g.id}`, { version: 10, annualGoal: "改" })).status).toBe(409);
    expect((await filler.del(`/goals/${g.id}?version=10`)).status).toBe(409);

    const history = (await filler.get(`/goals/${g.id}/transitions`)).body.items as Record<string, unknown>[];
    expect(history.map((h) => [h.action, h.toState, h.actorName, h.comment])).toEqual([
      ["submit", "submitted", "filler", null],
      ["return", "returned", "approver", "请细化"],
      ["submit", "submitted", "filler", null],
      ["unit_approve", "unit_approved", "approver", null],
      ["return", "returned", "reviewer", "指标不全"],
      ["submit", "submitted", "filler", null],
      ["unit_approve", "unit_approved", "approver", null],
      ["approve", "approved", "reviewer", null],
    ]);
    const snaps = (await filler.get(`/goals/${g.id}/snapshots`)).body.items as { id: string; version: number }[];
    expect(snaps.map((s) => s.version)).toEqual([2, 5, 8, 10]);
    const first = (await filler.get(`/goals/${g.id}/snapshots/${snaps[0]!.id}`)).body;
    const last = (await filler.get(`/goals/${g.id}/snapshots/${snaps[3]!.id}`)).body;
    expect(first).toMatchObject({ version: 2, state: "submitted", snapshot: { annualGoal: "目标甲" } });
    expect(last).toMatchObject({ version: 10, state: "approved", snapshot: { annualGoal: "目标乙" } });
    expect(last.snapshot.indicators.map((i: { name: string }) => i.name)).toEqual(["效益指标"]);
    const foreign = await t.as("foreignFiller");
    expect((await foreign.get(`/goals/${g.id}/transitions`)).status).toBe(404);
    expect((await foreign.get(`/goals/${g.id}/snapshots`)).status).toBe(404);
    expect((await foreign.post(`/goals/${g.id}/unit-approve`, { version: 10 })).status).toBe(404);
  });

  it("lists in scope; a foreign organisation's goals are 404", async () => {
    const foreign = await t.as("foreignFiller");
    const theirs = (await foreign.post("/goals", { orgId: t.world.foreign.id, year: 2024 })).body;
    expect((await filler.get(`/goals/${theirs.id}`)).status).toBe(404);
    expect((await filler.get(`/goals/${theirs.id}/indicators`)).status).toBe(404);
    const mine = await filler.get("/goals?year=2024");
    expect(mine.body.items.map((g: { orgName: string }) => g.orgName)).toEqual(["赵县公安局交警大队"]);
  });
});
