/**
 * Publishing and the public disclosure site on both stores: only an approved version can be published, by an
 * approver or reviewer; the published snapshot stays as it was; withdrawing is audited; the public site (no
 * sign-in) shows nothing unpublished — every kind of draft, submitted, returned and withdrawn item is tried.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";

/**
 * Approve a submitted project whichever review the server runs: two steps (the unit approver's unit-approve,
 * then the reviewer's approve) or one (the approver's approve).
 */
async function approveProject(approver: Client, reviewer: Client, id: string): Promise<void> {
  const version = (await approver.get(`/projects/${id}`)).body.version;
  const unit = await approver.post(`/projects/${id}/unit-approve`, { version });
  const done =
    unit.status === 200
      ? await reviewer.post(`/projects/${id}/approve`, { version: unit.body.version })
      : await approver.post(`/projects/${id}/approve`, { version });
  if (done.status !== 200) throw new Error(`approve ${id}: ${done.status} ${JSON.stringify(done.body)}`);
}

describe.each(STORES)("publications and the public site on %s", (kind) => {
  let t: TestApp;
  let filler: Client;
  let approver: Client;
  /** Publishing is the reviewer's (business.review). */
  let reviewer: Client;
  let anonymous: Client;
  const ids: Record<string, string> = {};
  const NAMES = { draft: "草稿项目甲", submitted: "已提交项目乙", returned: "已退回项目丙", approved: "已审核项目丁" };

  beforeAll(async () => {
    t = await testApp(kind);
    filler = await t.as("filler");
    approver = await t.as("approver");
    reviewer = await t.as("reviewer");
    anonymous = t.client();
    for (const [state, name] of Object.entries(NAMES)) {
      const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name, annualFunds: "100.00" }))
        .body;
      const l1 = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
      const l2 = (await filler.post(`/projects/${p.id}/indicators`, { level: 2, name: "数量指标", parentId: l1.id }))
        .body;
      await filler.post(`/projects/${p.id}/indicators`, {
        level: 3,
        name: `${name}指标`,
        parentId: l2.id,
        targetText: "≥10次",
      });
      ids[state] = p.id;
      if (state === "draft") continue;
      await filler.post(`/projects/${p.id}/submit`, { version: 1 });
      if (state === "returned") await approver.post(`/projects/${p.id}/return`, { version: 2, comment: "请修改" });
      if (state === "approved") await approveProject(approver, reviewer, p.id);
    }
    ids.evaluation = (
      await filler.post("/evaluations", { kind: "department", orgId: t.world.unit.id, year: 2024 })
    ).body.id;
    ids.goal = (await filler.post("/goals", { orgId: t.world.unit.id, year: 2024, annualGoal: "草稿目标" })).body.id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const publicNames = async () => {
    const list = await anonymous.get("/public/publications");
    expect(list.status).toBe(200);
    const html = await (await t.app.request("/public")).text();
    return { titles: list.body.items.map((p: { title: string }) => p.title) as string[], html };
  };

  it("refuses to publish anything not approved (409) and lets only an approver or reviewer publish (403)", async () => {
    for (const s of ["draft", "submitted", "returned"]) {
      const r = await reviewer.post("/publications", { type: "project", id: ids[s] });
      expect(r.status, s).toBe(409);
    }
    expect((await reviewer.post("/publications", { type: "evaluation", id: ids.evaluation })).status).toBe(409);
    expect((await reviewer.post("/publications", { type: "goal", id: ids.goal })).status).toBe(409);
    expect((await filler.post("/publications", { type: "project", id: ids.approved })).status).toBe(403);
    const { titles, html } = await publicNames();
    expect(titles).toEqual([]);
    for (const name of Object.values(NAMES)) expect(html).not.toContain(name);
  });

  it("publishes the approved version as a frozen snapshot with the files' hashes; the public site shows it alone", async () => {
    const r = await reviewer.post("/publications", { type: "project", id: ids.approved });
    expect(r.status).toBe(201);
    expect(r.body.files.xlsx.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.files.docx.sha256).toMatch(/^[0-9a-f]{64}$/);
    ids.publication = r.body.id;
    expect((await reviewer.post("/publications", { type: "project", id: ids.approved })).status).toBe(409);

    const { titles, html } = await publicNames();
    expect(titles).toEqual([NAMES.approved]);
    expect(html).toContain(NAMES.approved);
    for (const s of ["draft", "submitted", "returned"] as const) expect(html).not.toContain(NAMES[s]);
    const byYear = await anonymous.get(`/public/publications?year=2024&orgId=${t.world.unit.id}`);
    expect(byYear.body.items).toHaveLength(1);
    expect((await anonymous.get("/public/publications?year=2025")).body.items).toHaveLength(0);
    expect((await anonymous.get(`/public/publications?q=${encodeURIComponent("交警")}`)).body.items).toHaveLength(1);

    const page = await t.app.request(`/public/${ids.publication}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`${NAMES.approved}指标`);
    const file = await t.app.request(`/api/v1/public/publications/${ids.publication}/file?format=docx`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("filename*=UTF-8''");

    // Later edits (an adjustment revision) do not change what is published.
    const version = (await filler.get(`/projects/${ids.approved}`)).body.version;
    const rev = (await filler.post(`/projects/${ids.approved}/revise`, { version })).body;
    await filler.patch(`/projects/${rev.id}`, { version: 1, name: "调整后的名称" });
    const one = await anonymous.get(`/public/publications/${ids.publication}`);
    expect(one.body.document.projects[0].name).toBe(NAMES.approved);
    expect((await publicNames()).html).not.toContain("调整后的名称");
  });

  it("withdraws (audited): the public site no longer shows it, by list, page, JSON or file", async () => {
    expect((await filler.post(`/publications/${ids.publication}/withdraw`, { reason: "x" })).status).toBe(403);
    const w = await reviewer.post(`/publications/${ids.publication}/withdraw`, { reason: "数据有误，更正后重新公开" });
    expect(w.status).toBe(200);
    expect(w.body.withdrawnAt).not.toBeNull();
    const { titles, html } = await publicNames();
    expect(titles).toEqual([]);
    expect(html).not.toContain(NAMES.approved);
    expect((await anonymous.get(`/public/publications/${ids.publication}`)).status).toBe(404);
    expect((await t.app.request(`/public/${ids.publication}`)).status).toBe(404);
    expect((await t.app.request(`/api/v1/public/publications/${ids.publication}/file?format=xlsx`)).status).toBe(404);
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.action, ["publication.publish", "publication.withdraw"]));
    expect(audit.map((a) => a.action)).toEqual(["publication.publish", "publication.withdraw"]);
    expect(audit[1]!.details).toMatchObject({ reason: "数据有误，更正后重新公开" });
    // It can be published again afterwards.
    expect((await reviewer.post("/publications", { type: "project", id: ids.approved })).status).toBe(201);
    const rows = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "publication.publish"));
    expect(rows).toHaveLength(2);
  });
});
