/**
 * Publishing a department budget's 部门预算信息公开 on both stores: only an approved budget, by the reviewer; the
 * frozen document and the files' hashes as for the other types; the public API and the public page show it —
 * and never a draft, returned or withdrawn one.
 */
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { readUpload } from "../src/imports/read.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { type BudgetSeed, importSeed001 } from "./support/budget-seed.ts";
import { STORES } from "./support/stores.ts";

describe.each(STORES)("budget publication on %s", (kind) => {
  let t: TestApp;
  let s: BudgetSeed;
  let reviewer: Client;
  let anonymous: Client;
  let publicationId: string;
  beforeAll(async () => {
    t = await testApp(kind);
    s = await importSeed001(t);
    reviewer = await t.as("reviewer");
    anonymous = t.client();
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const version = async (id = s.deptBudgetId) => (await s.filler.get(`/budgets/${id}`)).body.version as number;
  const publicTitles = async () =>
    (await anonymous.get("/public/publications?year=2017")).body.items.map((p: { entityId: string }) => p.entityId);

  it("refuses a draft, a submitted and a returned budget (409); nothing shows publicly", async () => {
    const id = s.deptBudgetId;
    expect((await reviewer.post("/publications", { type: "budget", id })).status).toBe(409);
    expect((await s.filler.post(`/budgets/${id}/submit`, { version: await version() })).status).toBe(200);
    expect((await reviewer.post("/publications", { type: "budget", id })).status).toBe(409);
    expect((await s.approver.post(`/budgets/${id}/unit-approve`, { version: await version() })).status).toBe(200);
    expect(
      (await reviewer.post(`/budgets/${id}/return`, { version: await version(), comment: "补充说明" })).status,
    ).toBe(200);
    const r = await reviewer.post("/publications", { type: "budget", id });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe("只有审核通过的版本才能公开");
    expect(await publicTitles()).toEqual([]);
  });

  it("publishes the approved budget (reviewer only) with its files' hashes; the public API and page show it", async () => {
    const id = s.deptBudgetId;
    expect((await s.filler.post(`/budgets/${id}/submit`, { version: await version() })).status).toBe(200);
    expect((await s.approver.post(`/budgets/${id}/unit-approve`, { version: await version() })).status).toBe(200);
    expect((await reviewer.post(`/budgets/${id}/approve`, { version: await version() })).status).toBe(200);
    expect((await s.filler.post("/publications", { type: "budget", id })).status).toBe(403);
    expect((await s.approver.post("/publications", { type: "budget", id })).status).toBe(403);
    expect((await (await t.as("foreignFiller")).post("/publications", { type: "budget", id })).status).toBe(404);
    const r = await reviewer.post("/publications", { type: "budget", id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    publicationId = r.body.id;
    expect(r.body).toMatchObject({ type: "budget", entityId: id, orgId: s.dept.id, year: 2017 });
    expect(r.body.title).toBe(`${s.dept.name}2017年部门预算信息公开`);
    expect((await reviewer.post("/publications", { type: "budget", id })).status).toBe(409);
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "publication.publish"), eq(auditEvents.entityId, id)));
    expect(audit).toHaveLength(1);

    expect(await publicTitles()).toEqual([id]);
    const one = await anonymous.get(`/public/publications/${publicationId}`);
    expect(one.status).toBe(200);
    expect(one.body.document.disclosure.units.map((u: { name: string }) => u.name)).toEqual([
      s.dept.name,
      s.child.name,
    ]);
    // The file served is the one whose hash the publication records, and it reads back as the disclosure.
    for (const format of ["docx", "xlsx"] as const) {
      const file = await t.app.request(`/api/v1/public/publications/${publicationId}/file?format=${format}`);
      expect(file.status).toBe(200);
      const bytes = new Uint8Array(await file.arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(r.body.files[format].sha256);
      const back = await readUpload(bytes, `p.${format}`);
      expect(back.kind).toBe("budget-disclosure");
      expect(back.document.disclosure?.procurement.map((p) => p.lines.length)).toEqual(
        one.body.document.disclosure.procurement.map((p: { lines: unknown[] }) => p.lines.length),
      );
    }
    // The public page shows the disclosure's sections and tables.
    const html = await (await t.app.request(`/public/${publicationId}`)).text();
    expect(html).toContain("二、部门预算安排总体情况");
    expect(html).toContain("四、财政拨款“三公”经费预算情况");
    expect(html).toContain(s.child.name);
    expect(await (await t.app.request("/public?year=2017")).text()).toContain(r.body.title);
  });

  it("a withdrawn publication no longer shows, by list, JSON, page or file", async () => {
    const w = await reviewer.post(`/publications/${publicationId}/withdraw`, { reason: "数据更正" });
    expect(w.status).toBe(200);
    expect(await publicTitles()).toEqual([]);
    expect((await anonymous.get(`/public/publications/${publicationId}`)).status).toBe(404);
    expect((await t.app.request(`/public/${publicationId}`)).status).toBe(404);
    expect((await t.app.request(`/api/v1/public/publications/${publicationId}/file?format=docx`)).status).toBe(404);
  });

  it("never shows the draft budget of the unit under the department", async () => {
    const r = await reviewer.post("/publications", { type: "budget", id: s.childBudgetId });
    expect(r.status).toBe(409);
    expect(await publicTitles()).toEqual([]);
  });
});
