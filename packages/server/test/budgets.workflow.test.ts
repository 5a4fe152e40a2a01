/**
 * The department budget's two-step review on both stores, the same workflow as projects, goals and
 * self-evaluations: the filler submits, the unit approver approves or returns a submitted budget, the reviewer
 * approves or returns a unit-approved one; only draft and returned budgets (header, sections, delete) can be
 * changed; every step writes its transition (with names), a snapshot with the sections at submission and
 * approval, and its audit row.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { sectionsOf } from "../src/budgets/department.repository.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { type BudgetSeed, importSeed001 } from "./support/budget-seed.ts";
import { STORES } from "./support/stores.ts";

describe.each(STORES)("department budget review on %s", (kind) => {
  let t: TestApp;
  let s: BudgetSeed;
  let reviewer: Client;
  let id: string;
  beforeAll(async () => {
    t = await testApp(kind);
    s = await importSeed001(t);
    reviewer = await t.as("reviewer");
    id = s.deptBudgetId;
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const current = async () => (await s.filler.get(`/budgets/${id}`)).body;

  it("starts as a draft; the filler submits it, and then nothing of it can be changed", async () => {
    const b = await current();
    expect(b.state).toBe("draft");
    const r = await s.filler.post(`/budgets/${id}/submit`, { version: b.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe("submitted");
    expect(r.body.version).toBe(b.version + 1);
    const v = r.body.version;
    const sections = (await s.filler.get(`/budgets/${id}/sections`)).body;
    const edits = [
      await s.filler.patch(`/budgets/${id}`, { version: v, notes: "改" }),
      await s.filler.req("PUT", `/api/v1/budgets/${id}/sections`, { ...sections, version: v }),
      await s.filler.req("DELETE", `/api/v1/budgets/${id}?version=${v}`),
    ];
    for (const e of edits) {
      expect(e.status).toBe(409);
      expect(e.body.error.code).toBe("not_editable");
      expect(e.body.error.message).toContain("只有草稿或已退回的记录可以修改");
    }
    // A second submit is not a step from `submitted`.
    expect((await s.filler.post(`/budgets/${id}/submit`, { version: v })).status).toBe(409);
  });

  it("the unit approver alone takes the first step; the submitter may not review their own budget", async () => {
    const v = (await current()).version;
    expect((await s.filler.post(`/budgets/${id}/unit-approve`, { version: v })).status).toBe(403);
    expect((await reviewer.post(`/budgets/${id}/approve`, { version: v })).status).toBe(409);
    expect((await s.approver.post(`/budgets/${id}/unit-approve`, { version: v - 1 })).status).toBe(409);
    const r = await s.approver.post(`/budgets/${id}/unit-approve`, { version: v });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe("unit_approved");
  });

  it("the reviewer returns it with a comment (400 without); returned, it can be edited and submitted again", async () => {
    let v = (await current()).version;
    const noComment = await reviewer.post(`/budgets/${id}/return`, { version: v });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.location?.field ?? noComment.body.error.field).toBe("comment");
    const r = await reviewer.post(`/budgets/${id}/return`, { version: v, comment: "请核对三公经费上年数" });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe("returned");
    v = r.body.version;
    const sections = (await s.filler.get(`/budgets/${id}/sections`)).body;
    const { budgetId: _b, state: _s, problems: _p, version: _v, ...input } = sections;
    const tp = { ...input.threePublic, priorReception: "15000.00" };
    const saved = await s.filler.req("PUT", `/api/v1/budgets/${id}/sections`, {
      ...input,
      threePublic: tp,
      version: v,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.sections.threePublic.priorReception).toBe("15000.00");
    v = saved.body.version;
    expect((await s.filler.post(`/budgets/${id}/submit`, { version: v })).status).toBe(200);
    v = (await current()).version;
    expect((await s.approver.post(`/budgets/${id}/unit-approve`, { version: v })).status).toBe(200);
    // The unit approver may not also take the reviewer's step.
    v = (await current()).version;
    expect((await s.approver.post(`/budgets/${id}/approve`, { version: v })).status).toBe(403);
    const ok = await reviewer.post(`/budgets/${id}/approve`, { version: v });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.state).toBe("approved");
    // Approved is frozen.
    expect((await s.filler.patch(`/budgets/${id}`, { version: ok.body.version, notes: "改" })).status).toBe(409);
    expect((await reviewer.post(`/budgets/${id}/return`, { version: ok.body.version, comment: "x" })).status).toBe(409);
  });

  it("keeps the history with names and the snapshots with the sections; each step is audited", async () => {
    const h = await s.filler.get(`/budgets/${id}/transitions`);
    expect(h.status).toBe(200);
    expect(h.body.items.map((x: { action: string }) => x.action)).toEqual([
      "submit",
      "unit_approve",
      "return",
      "submit",
      "unit_approve",
      "approve",
    ]);
    expect(h.body.items.map((x: { actorName: string }) => x.actorName)).toEqual([
      "deptFiller",
      "deptApprover",
      "reviewer",
      "deptFiller",
      "deptApprover",
      "reviewer",
    ]);
    expect(h.body.items[2].comment).toBe("请核对三公经费上年数");
    const list = await s.filler.get(`/budgets/${id}/snapshots`);
    expect(list.body.items.map((x: { state: string }) => x.state)).toEqual(["submitted", "submitted", "approved"]);
    const approved = list.body.items[2];
    const one = await s.filler.get(`/budgets/${id}/snapshots/${approved.id}`);
    expect(one.status).toBe(200);
    const stored = await sectionsOf(t.deps.db, id);
    expect(one.body.snapshot.state).toBe("approved");
    expect(one.body.snapshot.sections.procurement).toHaveLength(stored.procurement.length);
    expect(one.body.snapshot.sections.income.map((l: { amount: string }) => l.amount)).toEqual(
      stored.income.map((l) => l.amount),
    );
    expect(one.body.snapshot.sections.threePublic.priorReception).toBe("15000.00");
    // The first submission's snapshot still has the prior year as imported.
    const first = await s.filler.get(`/budgets/${id}/snapshots/${list.body.items[0].id}`);
    expect(first.body.snapshot.sections.threePublic.priorReception).not.toBe("15000.00");
    // A snapshot of another record is not found through this one.
    const other = await s.filler.get(`/budgets/${s.childBudgetId}/snapshots/${approved.id}`);
    expect(other.status).toBe(404);
    const audits = await t.deps.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "department_budget"), eq(auditEvents.entityId, id)));
    const actions = audits.map((a) => a.action);
    expect(actions.filter((a) => a === "workflow.submit")).toHaveLength(2);
    expect(actions.filter((a) => a === "workflow.unit_approve")).toHaveLength(2);
    expect(actions.filter((a) => a === "workflow.return")).toHaveLength(1);
    expect(actions.filter((a) => a === "workflow.approve")).toHaveLength(1);
    expect(actions).toContain("budget.sections");
  });

  it("hides the history of a foreign budget (404) and refuses the steps outside the scope", async () => {
    const foreign = await t.as("foreignFiller");
    expect((await foreign.get(`/budgets/${id}/transitions`)).status).toBe(404);
    expect((await foreign.post(`/budgets/${s.childBudgetId}/submit`, { version: 1 })).status).toBe(404);
    const unitApprover = await t.as("approver");
    expect((await unitApprover.post(`/budgets/${s.childBudgetId}/unit-approve`, { version: 1 })).status).toBe(404);
  });
});
