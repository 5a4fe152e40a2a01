import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { recordSnapshots } from "../src/workflow/schema.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { type Client, createTwoRoleAccount } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const NEW_PROJECT = {
  year: 2024,
  code: "374101-01",
  name: "警务保障装备购置",
  annualFunds: "4850.00",
  fiscalFunds: "4850.00",
  purpose: "保障一线执勤装备",
  annualGoal: "按期完成装备采购",
};

describe.each(STORES)("projects, indicators and workflow on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);
  const create = (c: Client, over: Record<string, unknown> = {}) =>
    c.post("/projects", { ...NEW_PROJECT, orgId: t.world.unit.id, ...over });
  const auditFor = (entityId: string) =>
    t.deps.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(auditEvents.id);

  it("creates a project (201), money stays exact text, and one audit row is written", async () => {
    const r = await create(filler);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: NEW_PROJECT.name, annualFunds: "4850.00", state: "draft", version: 1 });
    expect(r.body.orgName).toBe("赵县公安局交警大队");
    const audit = await auditFor(r.body.id);
    expect(audit.map((a) => a.action)).toEqual(["project.create"]);
    expect(audit[0]!.after).toMatchObject({ annualFunds: "4850.00" });
    expect(audit[0]!.actorName).toBe("filler");
  });

  it("rejects a float-like or malformed amount and an unknown year with 400", async () => {
    const bad = await create(filler, { annualFunds: "12.345" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    const num = await create(filler, { annualFunds: 12.5 });
    expect(num.status).toBe(400);
    const year = await create(filler, { year: 2031 });
    expect(year.status).toBe(400);
    expect(year.body.error.message).toBe("预算年度 2031 不存在");
  });

  it("updates with the version; a stale write gets 409 with the current record; audit has before and after", async () => {
    const p = (await create(filler, { name: "版本测试" })).body;
    const first = await filler.patch(`/projects/${p.id}`, { version: 1, annualFunds: "5000.10" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, annualFunds: "5000.10" });
    const stale = await filler.patch(`/projects/${p.id}`, { version: 1, annualFunds: "1.00" });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: "stale_version",
      message: "记录已被他人修改，请在最新版本上重新编辑",
    });
    expect(stale.body.error.current).toMatchObject({ version: 2, annualFunds: "5000.10" });
    const audit = await auditFor(p.id);
    expect(audit.map((a) => a.action)).toEqual(["project.create", "project.update"]);
    expect(audit[1]!.before).toMatchObject({ annualFunds: "4850.00", version: 1 });
    expect(audit[1]!.after).toMatchObject({ annualFunds: "5000.10", version: 2 });
  });

  it("lists with filter, sort and pages, inside the reader's scope only", async () => {
    for (const name of ["甲项目", "乙项目", "丙项目"])
      expect((await create(filler, { name, year: 2025 })).status).toBe(201);
    const page1 = await filler.get("/projects?year=2025&sort=name&order=desc&pageSize=2&page=1");
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(3);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await filler.get("/projects?year=2025&sort=name&order=desc&pageSize=2&page=2");
    expect(page2.body.items).toHaveLength(1);
    const names = [...page1.body.items, ...page2.body.items].map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : -1)));
    const q = await filler.get(`/projects?q=${encodeURIComponent("乙")}`);
    expect(q.body.items.map((p: { name: string }) => p.name)).toEqual(["乙项目"]);
    const foreign = await t.as("foreignFiller");
    const none = await foreign.get("/projects");
    expect(none.status).toBe(200);
    expect(none.body.total).toBe(0);
    const reviewer = await t.as("reviewer");
    expect((await reviewer.get(`/projects?orgId=${t.world.city.id}&year=2025`)).body.total).toBe(3);
    const outside = await filler.get(`/projects?orgId=${t.world.foreign.id}`);
    expect(outside.status).toBe(404);
    const badSort = await filler.get("/projects?sort=password");
    expect(badSort.status).toBe(400);
  });

  it("manages the indicator tree; levels and weights are checked", async () => {
    const p = (await create(filler, { name: "指标树" })).body;
    const l1 = await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标", weight: "50" });
    expect(l1.status).toBe(201);
    const l2 = await filler.post(`/projects/${p.id}/indicators`, { level: 2, name: "数量指标", parentId: l1.body.id });
    expect(l2.status).toBe(201);
    const l3 = await filler.post(`/projects/${p.id}/indicators`, {
      level: 3,
      name: "培训人数",
      parentId: l2.body.id,
      targetText: "≥100人",
      weight: "10.5",
    });
    expect(l3.status).toBe(201);
    expect(l3.body).toMatchObject({ level: 3, targetText: "≥100人", weight: "10.5000" });
    expect(l3.body.targetParsed).toMatchObject({ kind: "numeric", op: ">=", value: 100, unit: "人", text: "≥100人" });
    const orphan = await filler.post(`/projects/${p.id}/indicators`, { level: 3, name: "孤儿", parentId: l1.body.id });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.message).toBe("3 级指标的上级须为 2 级");
    const zero = await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "零分", weight: "0" });
    expect(zero.status).toBe(400);
    const list = await filler.get(`/projects/${p.id}/indicators`);
    expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(["产出指标", "数量指标", "培训人数"]);
    const upd = await filler.patch(`/indicators/${l3.body.id}`, { version: 1, targetText: "≥120人" });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ version: 2, targetText: "≥120人" });
    expect(upd.body.targetParsed).toMatchObject({ op: ">=", value: 120 });
    const stale = await filler.patch(`/indicators/${l3.body.id}`, { version: 1, name: "x" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.targetText).toBe("≥120人");
    expect((await filler.get(`/indicators/${l3.body.id}`)).status).toBe(200);
    const del = await filler.del(`/indicators/${l1.body.id}?version=1`);
    expect(del.status).toBe(204);
    expect((await filler.get(`/projects/${p.id}/indicators`)).body.items).toHaveLength(0);
    expect((await filler.get(`/indicators/${l3.body.id}`)).status).toBe(404);
  });

  it("runs the two-step workflow: submit → unit approver returns → fix → submit → unit-approve → reviewer returns → fix → submit → unit-approve → approve; approved is frozen", async () => {
    const approver = await t.as("approver");
    const reviewer = await t.as("reviewer");
    const p = (await create(filler, { name: "流程" })).body;
    const ind = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const submitted = await filler.post(`/projects/${p.id}/submit`, { version: 1 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: "submitted", version: 2 });

    const edit = await filler.patch(`/projects/${p.id}`, { version: 2, name: "改" });
    expect(edit.status).toBe(409);
    expect(edit.body.error).toMatchObject({ code: "not_editable" });
    expect(edit.body.error.message).toMatch(/已提交/);
    expect((await filler.patch(`/indicators/${ind.id}`, { version: 1, name: "改" })).status).toBe(409);
    expect((await filler.del(`/projects/${p.id}?version=2`)).status).toBe(409);

    // Stage 1 belongs to the unit approver: the filler and the reviewer may not act on it (403).
    expect((await filler.post(`/projects/${p.id}/unit-approve`, { version: 2 })).status).toBe(403);
    expect((await reviewer.post(`/projects/${p.id}/unit-approve`, { version: 2 })).status).toBe(403);
    expect((await reviewer.post(`/projects/${p.id}/return`, { version: 2, comment: "越级" })).status).toBe(403);
    // The unit approver may not skip to the final approval (403: that is the reviewer's), and the reviewer's
    // approval of a record not yet unit-approved is refused as a wrong state (409), naming state and action.
    expect((await approver.post(`/projects/${p.id}/approve`, { version: 2 })).status).toBe(403);
    const early = await reviewer.post(`/projects/${p.id}/approve`, { version: 2 });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: "not_editable",
      details: { state: "submitted", action: "approve" },
    });
    expect(early.body.error.message).toBe("状态为「已提交，待单位审核」的记录不能「审核通过」");

    const noComment = await approver.post(`/projects/${p.id}/return`, { version: 2 });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.message).toBe("退回时须填写意见");
    const returned1 = await approver.post(`/projects/${p.id}/return`, { version: 2, comment: "目标不够具体" });
    expect(returned1.body).toMatchObject({ state: "returned", version: 3 });
    expect((await filler.patch(`/projects/${p.id}`, { version: 3, annualGoal: "完成 100 台装备采购" })).status).toBe(
      200,
    );
    expect((await filler.post(`/projects/${p.id}/submit`, { version: 4 })).body.state).toBe("submitted");
    const staleUnit = await approver.post(`/projects/${p.id}/unit-approve`, { version: 4 });
    expect(staleUnit.status).toBe(409);
    expect(staleUnit.body.error.current.version).toBe(5);
    const unitApproved = await approver.post(`/projects/${p.id}/unit-approve`, { version: 5 });
    expect(unitApproved.status).toBe(200);
    expect(unitApproved.body).toMatchObject({ state: "unit_approved", version: 6 });
    expect((await filler.patch(`/projects/${p.id}`, { version: 6, name: "改" })).status).toBe(409);
    // Stage 2 belongs to the reviewer: the unit approver can neither approve nor return it any more.
    expect((await approver.post(`/projects/${p.id}/return`, { version: 6, comment: "再看看" })).status).toBe(403);
    const twice = await approver.post(`/projects/${p.id}/unit-approve`, { version: 6 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/单位已审核，待主管\/财政审核/);

    const returned2 = await reviewer.post(`/projects/${p.id}/return`, { version: 6, comment: "请补充成本指标" });
    expect(returned2.body).toMatchObject({ state: "returned", version: 7 });
    expect((await filler.patch(`/projects/${p.id}`, { version: 7, purpose: "保障一线执勤装备（补充）" })).status).toBe(
      200,
    );
    expect((await filler.post(`/projects/${p.id}/submit`, { version: 8 })).body.state).toBe("submitted");
    expect((await approver.post(`/projects/${p.id}/unit-approve`, { version: 9 })).body.state).toBe("unit_approved");
    const approved = await reviewer.post(`/projects/${p.id}/approve`, { version: 10 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: "approved", version: 11 });
    const again = await reviewer.post(`/projects/${p.id}/approve`, { version: 11 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/审核通过/);
    expect((await filler.patch(`/projects/${p.id}`, { version: 11, name: "改" })).status).toBe(409);
    expect((await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "效益指标" })).status).toBe(409);
    // No return leaves an approved record: either reviewing role is told the state, the filler the role.
    for (const c of [reviewer, approver]) {
      const r = await c.post(`/projects/${p.id}/return`, { version: 11, comment: "晚了" });
      expect(r.status).toBe(409);
      expect(r.body.error.message).toBe("状态为「审核通过」的记录不能「退回」");
    }
    expect((await filler.post(`/projects/${p.id}/return`, { version: 11, comment: "晚了" })).status).toBe(403);

    const history = (await filler.get(`/projects/${p.id}/transitions`)).body.items as Record<string, unknown>[];
    expect(history.map((h) => [h.action, h.fromState, h.toState, h.actorName, h.entityVersion])).toEqual([
      ["submit", "draft", "submitted", "filler", 2],
      ["return", "submitted", "returned", "approver", 3],
      ["submit", "returned", "submitted", "filler", 5],
      ["unit_approve", "submitted", "unit_approved", "approver", 6],
      ["return", "unit_approved", "returned", "reviewer", 7],
      ["submit", "returned", "submitted", "filler", 9],
      ["unit_approve", "submitted", "unit_approved", "approver", 10],
      ["approve", "unit_approved", "approved", "reviewer", 11],
    ]);
    expect(history.map((h) => h.comment)).toEqual([
      null,
      "目标不够具体",
      null,
      null,
      "请补充成本指标",
      null,
      null,
      null,
    ]);
    const fillerId = (await filler.get("/auth/session")).body.user.id;
    expect(history[0]!.actorId).toBe(fillerId);
    for (const h of history) {
      expect([h.from, h.to, h.version, h.createdAt]).toEqual([h.fromState, h.toState, h.entityVersion, h.at]);
      expect(Number.isNaN(Date.parse(h.at as string))).toBe(false);
    }
    const audit = (await auditFor(p.id)).map((a) => a.action);
    expect(audit).toEqual([
      "project.create",
      "workflow.submit",
      "workflow.return",
      "project.update",
      "workflow.submit",
      "workflow.unit_approve",
      "workflow.return",
      "project.update",
      "workflow.submit",
      "workflow.unit_approve",
      "workflow.approve",
    ]);
  });

  it("keeps a snapshot of every submitted and approved version, with the indicator rows, to compare versions", async () => {
    const approver = await t.as("approver");
    const reviewer = await t.as("reviewer");
    const viewer = await t.as("viewer");
    const p = (await create(filler, { name: "快照" })).body;
    const l1 = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const l2 = (await filler.post(`/projects/${p.id}/indicators`, { level: 2, name: "数量指标", parentId: l1.id }))
      .body;
    const l3 = (
      await filler.post(`/projects/${p.id}/indicators`, {
        level: 3,
        name: "采购台数",
        parentId: l2.id,
        targetText: "≥100台",
        weight: "20",
      })
    ).body;
    await filler.post(`/projects/${p.id}/submit`, { version: 1 });
    await approver.post(`/projects/${p.id}/return`, { version: 2, comment: "台数偏少" });
    expect(
      (await filler.patch(`/indicators/${l3.id}`, { version: l3.version, targetText: "≥120台", weight: "25" })).status,
    ).toBe(200);
    await filler.patch(`/projects/${p.id}`, { version: 3, annualFunds: "5000.00" });
    await filler.post(`/projects/${p.id}/submit`, { version: 4 });
    await approver.post(`/projects/${p.id}/unit-approve`, { version: 5 });
    await reviewer.post(`/projects/${p.id}/approve`, { version: 6 });

    const list = await viewer.get(`/projects/${p.id}/snapshots`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: Record<string, unknown>) => [s.version, s.state, s.actorName])).toEqual([
      [2, "submitted", "filler"],
      [5, "submitted", "filler"],
      [7, "approved", "reviewer"],
    ]);
    const [first, second, last] = list.body.items as { id: string }[];
    const a = (await viewer.get(`/projects/${p.id}/snapshots/${first!.id}`)).body;
    const b = (await viewer.get(`/projects/${p.id}/snapshots/${second!.id}`)).body;
    expect(a).toMatchObject({ id: first!.id, version: 2, state: "submitted" });
    expect(a.snapshot).toMatchObject({ id: p.id, annualFunds: "4850.00", state: "submitted", version: 2 });
    expect(b.snapshot).toMatchObject({ annualFunds: "5000.00", state: "submitted", version: 5 });
    const rows = (s: { indicators: Record<string, unknown>[] }) =>
      s.indicators.map((i) => [i.level, i.name, i.targetText, i.weight]);
    expect(rows(a.snapshot)).toEqual([
      [1, "产出指标", null, null],
      [2, "数量指标", null, null],
      [3, "采购台数", "≥100台", "20.0000"],
    ]);
    expect(rows(b.snapshot)).toEqual([
      [1, "产出指标", null, null],
      [2, "数量指标", null, null],
      [3, "采购台数", "≥120台", "25.0000"],
    ]);
    const c = (await viewer.get(`/projects/${p.id}/snapshots/${last!.id}`)).body;
    expect(c.snapshot).toMatchObject({ state: "approved", version: 7 });
    expect(rows(c.snapshot)).toEqual(rows(b.snapshot));
    // Stored as such too (one row per version and state).
    const stored = await t.deps.db.select().from(recordSnapshots).where(eq(recordSnapshots.entityId, p.id));
    expect(stored.map((s) => `${s.entityVersion}:${s.state}`).sort()).toEqual([
      "2:submitted",
      "5:submitted",
      "7:approved",
    ]);

    // Same authorisation as reading the record: foreign 404; a snapshot of another record 404.
    const foreign = await t.as("foreignFiller");
    expect((await foreign.get(`/projects/${p.id}/snapshots`)).status).toBe(404);
    expect((await foreign.get(`/projects/${p.id}/snapshots/${first!.id}`)).status).toBe(404);
    expect((await foreign.get(`/projects/${p.id}/transitions`)).status).toBe(404);
    const other = (await create(filler, { name: "另一个" })).body;
    expect((await viewer.get(`/projects/${other.id}/snapshots/${first!.id}`)).status).toBe(404);
    expect((await viewer.get(`/projects/${other.id}/snapshots`)).body.items).toEqual([]);
  });

  it("adjusts an approved project as a new draft revision with its indicators; the approved one stays frozen", async () => {
    const approver = await t.as("approver");
    const reviewer = await t.as("reviewer");
    const p = (await create(filler, { name: "调整" })).body;
    const l1 = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标", weight: "50" })).body;
    await filler.post(`/projects/${p.id}/indicators`, { level: 2, name: "数量指标", parentId: l1.id });
    const draftRevise = await filler.post(`/projects/${p.id}/revise`, { version: 1 });
    expect(draftRevise.status).toBe(409);
    expect(draftRevise.body.error.message).toMatch(/只有已审核通过的项目才能调整/);
    await filler.post(`/projects/${p.id}/submit`, { version: 1 });
    await approver.post(`/projects/${p.id}/unit-approve`, { version: 2 });
    expect((await filler.post(`/projects/${p.id}/revise`, { version: 3 })).status).toBe(409);
    expect((await reviewer.post(`/projects/${p.id}/approve`, { version: 3 })).status).toBe(200);
    const revised = await filler.post(`/projects/${p.id}/revise`, { version: 4 });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ state: "draft", revision: 2, supersedesId: p.id, version: 1, name: "调整" });
    const copied = (await filler.get(`/projects/${revised.body.id}/indicators`)).body.items;
    expect(copied.map((i: { name: string }) => i.name)).toEqual(["产出指标", "数量指标"]);
    expect(copied[1].parentId).toBe(copied[0].id);
    expect((await filler.get(`/projects/${p.id}`)).body).toMatchObject({ state: "approved", version: 4 });
    expect((await filler.post(`/projects/${p.id}/revise`, { version: 4 })).status).toBe(409);
    expect((await filler.patch(`/projects/${revised.body.id}`, { version: 1, annualFunds: "5000.00" })).status).toBe(
      200,
    );
  });

  it("nobody reviews their own submission, and the reviewer is not the one who unit-approved", async () => {
    await createTwoRoleAccount(t.deps.db, t.world, "both");
    await createTwoRoleAccount(t.deps.db, t.world, "dual");
    const both = await t.as("both");
    const dual = await t.as("dual");
    const p = (await create(both, { name: "自审" })).body;
    expect((await both.post(`/projects/${p.id}/submit`, { version: 1 })).status).toBe(200);
    const self = await both.post(`/projects/${p.id}/unit-approve`, { version: 2 });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe("不能审核自己提交的记录");
    expect((await both.post(`/projects/${p.id}/return`, { version: 2, comment: "x" })).status).toBe(403);
    expect((await dual.post(`/projects/${p.id}/unit-approve`, { version: 2 })).status).toBe(200);
    const own = await dual.post(`/projects/${p.id}/approve`, { version: 3 });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe("单位审核人不能再作主管/财政审核");
    expect((await dual.post(`/projects/${p.id}/return`, { version: 3, comment: "x" })).status).toBe(403);
    const reviewer = await t.as("reviewer");
    expect((await reviewer.post(`/projects/${p.id}/approve`, { version: 3 })).status).toBe(200);
  });

  it("refuses every change in a closed fiscal year (409), and accepts them again once it is reopened", async () => {
    await t.deps.db.insert(fiscalYears).values({ year: 2026 });
    const p = (await create(filler, { year: 2026, name: "年度关闭" })).body;
    const sysadmin = await t.as("sysadmin");
    expect((await sysadmin.patch("/years/2026", { status: "closed", version: 1 })).status).toBe(200);
    const upd = await filler.patch(`/projects/${p.id}`, { version: 1, name: "改" });
    expect(upd.status).toBe(409);
    expect(upd.body.error).toMatchObject({ code: "not_editable", message: "预算年度 2026 已关闭，不能再修改" });
    expect((await create(filler, { year: 2026 })).status).toBe(409);
    expect((await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).status).toBe(409);
    expect((await filler.post(`/projects/${p.id}/submit`, { version: 1 })).status).toBe(409);
    const evaluation = await filler.post("/evaluations", { kind: "department", orgId: t.world.unit.id, year: 2026 });
    expect(evaluation.status).toBe(409);
    expect((await filler.get(`/projects/${p.id}`)).status).toBe(200);
    expect((await sysadmin.patch("/years/2026", { status: "open", version: 2 })).status).toBe(200);
    expect((await filler.patch(`/projects/${p.id}`, { version: 1, name: "改" })).status).toBe(200);
  });

  it("deletes a draft with its version (204), audited; then it is 404", async () => {
    const p = (await create(filler, { name: "删除" })).body;
    expect((await filler.del(`/projects/${p.id}?version=9`)).status).toBe(409);
    expect((await filler.del(`/projects/${p.id}?version=1`)).status).toBe(204);
    expect((await filler.get(`/projects/${p.id}`)).status).toBe(404);
    expect((await auditFor(p.id)).map((a) => a.action)).toEqual(["project.create", "project.delete"]);
  });
});
