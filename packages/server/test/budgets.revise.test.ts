/**
 * 预算调整 of a department budget on both stores: an approved budget (seed 001, imported with its sections) is
 * adjusted into a new draft revision with the header and every section copied; the approved revision stays as
 * it was, approved and published; only the latest revision is adjusted, one adjustment at a time; the new
 * revision then goes through the same two-step review.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { type Client, createAccount, type TestApp, testApp } from "./support/app.ts";
import { type BudgetSeed, importSeed001 } from "./support/budget-seed.ts";
import { STORES } from "./support/stores.ts";

describe.each(STORES)("department budget adjustments (预算调整) on %s", (kind) => {
  let t: TestApp;
  let s: BudgetSeed;
  let reviewer: Client;
  let id: string;
  /** The approved revision 1 as the API showed it once approved. */
  let approved: Record<string, unknown> & { version: number; sections: unknown };
  let publicationId: string;
  let revisedId: string;
  beforeAll(async () => {
    t = await testApp(kind);
    s = await importSeed001(t);
    reviewer = await t.as("reviewer");
    id = s.deptBudgetId;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** Take a budget through submit → unit approval → approval; the approved budget as the API shows it. */
  const approve = async (budgetId: string) => {
    const v = (await s.filler.get(`/budgets/${budgetId}`)).body.version;
    const a = await s.filler.post(`/budgets/${budgetId}/submit`, { version: v });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const b = await s.approver.post(`/budgets/${budgetId}/unit-approve`, { version: a.body.version });
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    const c = await reviewer.post(`/budgets/${budgetId}/approve`, { version: b.body.version });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    return c.body;
  };

  it("refuses to adjust a draft: it is edited directly", async () => {
    const b = (await s.filler.get(`/budgets/${id}`)).body;
    expect(b.state).toBe("draft");
    const r = await s.filler.post(`/budgets/${id}/revise`, { version: b.version });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: "conflict",
      message: "只有已审核通过的部门预算才能调整；草稿或已退回的预算直接修改即可",
      messageEn: "Only an approved department budget is adjusted; edit a draft or returned one directly",
    });
  });

  it("adjusts an approved budget into a new draft revision with the same header and sections", async () => {
    approved = await approve(id);
    expect(approved.revision).toBe(1);
    expect(approved.sections).toMatchObject({ income: expect.any(Array), spending: expect.any(Array) });
    const published = await reviewer.post("/publications", { type: "budget", id });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    publicationId = published.body.id;

    // A stale version is refused with the current record.
    const stale = await s.filler.post(`/budgets/${id}/revise`, { version: approved.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");

    const r = await s.filler.post(`/budgets/${id}/revise`, { version: approved.version });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    revisedId = r.body.id;
    expect(revisedId).not.toBe(id);
    expect(r.body).toMatchObject({ revision: 2, state: "draft", submittedBy: null, orgId: s.dept.id, year: 2017 });
    for (const k of ["incomeTotal", "expenditureTotal", "operatingFunds", "notes", "sections", "problems"]) {
      expect(r.body[k], k).toEqual(approved[k]);
    }
    const sectionsOf = async (budgetId: string) => {
      const {
        budgetId: _b,
        version: _v,
        state: _s,
        ...rest
      } = (await s.filler.get(`/budgets/${budgetId}/sections`)).body;
      return rest;
    };
    const copied = await sectionsOf(revisedId);
    expect(copied).toEqual(await sectionsOf(id));
    expect(copied.spending.length).toBeGreaterThan(0);

    // The approved revision is as it was: same version, state and sections, still published.
    expect((await s.filler.get(`/budgets/${id}`)).body).toEqual(approved);
    const pub = await t.app.request(`/api/v1/public/publications/${publicationId}`);
    expect(pub.status).toBe(200);

    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "budget.revise"), eq(auditEvents.entityId, revisedId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toEqual({ supersedes: id, revision: 1 });
  });

  it("lists both revisions of the year; the adjustment is the latest", async () => {
    const list = (await s.filler.get(`/budgets?orgId=${s.dept.id}&year=2017`)).body.items.filter(
      (b: { orgId: string }) => b.orgId === s.dept.id,
    );
    expect(list.map((b: { id: string; revision: number }) => [b.id, b.revision])).toEqual([
      [id, 1],
      [revisedId, 2],
    ]);
  });

  it("refuses a second adjustment while one is open, and an adjustment of the older revision", async () => {
    const again = await s.filler.post(`/budgets/${id}/revise`, { version: approved.version });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "conflict",
      message: "该部门预算已有一个进行中的调整（第 2 版），请在该版本上修改",
      messageEn: "An adjustment of this budget is already under way (revision 2); edit that one",
    });
  });

  it("lets only a writer of the organisation adjust: a viewer 403, another unit's filler 404, the reviewer 403", async () => {
    await createAccount(t.deps.db, { username: "deptViewer", roles: [{ role: "viewer", orgId: s.dept.id }] });
    const viewer = await t.as("deptViewer");
    const foreign = await t.as("foreignFiller");
    expect((await viewer.post(`/budgets/${id}/revise`, { version: approved.version })).status).toBe(403);
    expect((await foreign.post(`/budgets/${id}/revise`, { version: approved.version })).status).toBe(404);
    expect((await reviewer.post(`/budgets/${id}/revise`, { version: approved.version })).status).toBe(403);
  });

  it("the adjustment is edited and goes through both approvals; then only it, the latest, can be adjusted", async () => {
    const draft = (await s.filler.get(`/budgets/${revisedId}`)).body;
    const edited = await s.filler.patch(`/budgets/${revisedId}`, { version: draft.version, notes: "年中调整" });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const done = await approve(revisedId);
    expect(done).toMatchObject({ revision: 2, state: "approved", notes: "年中调整" });
    expect((await s.filler.get(`/budgets/${id}`)).body).toEqual(approved);

    const again = await s.filler.post(`/budgets/${id}/revise`, { version: approved.version });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "conflict",
      message: "该部门预算已调整为第 2 版并已审核通过；如需再次调整，请在第 2 版上调整",
      messageEn: "This budget was adjusted as revision 2, which is approved; adjust revision 2 instead",
    });
    // Two adjustments at once: one is written, the other is refused (409) and says one is under way.
    const both = await Promise.all([
      s.filler.post(`/budgets/${revisedId}/revise`, { version: done.version }),
      s.filler.post(`/budgets/${revisedId}/revise`, { version: done.version }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const third = both.find((r) => r.status === 201)!;
    expect(third.body).toMatchObject({ revision: 3, state: "draft", notes: "年中调整" });
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe("conflict");
  });
});
