/**
 * 预算调整 as the web app reads it: a project names the revision that adjusts it (`supersededById`), in the record
 * and in the list, so the approved revision can point to its adjustment and a refused second adjustment can
 * point to the one under way.
 */
import { describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("project revisions (预算调整) on %s", (kind) => {
  const { t, filler, approver, reviewer, viewer } = appForSuite(kind, ["filler", "approver", "reviewer", "viewer"]);

  /** A project of the filler's unit taken through both approvals; its id and version (approved). */
  const approvedProject = async (name: string) => {
    const p = (await filler.post("/projects", { year: 2024, orgId: t.world.unit.id, name, annualFunds: "1200.00" }))
      .body;
    expect((await filler.post(`/projects/${p.id}/submit`, { version: p.version })).status).toBe(200);
    expect((await approver.post(`/projects/${p.id}/unit-approve`, { version: p.version + 1 })).status).toBe(200);
    const done = await reviewer.post(`/projects/${p.id}/approve`, { version: p.version + 2 });
    expect(done.status).toBe(200);
    return { id: p.id as string, version: done.body.version as number };
  };

  it("a project nobody adjusted has no later revision, in the record and in the list", async () => {
    const p = await approvedProject("未调整项目");
    expect((await viewer.get(`/projects/${p.id}`)).body).toMatchObject({ revision: 1, supersededById: null });
    const list = (await viewer.get(`/projects?q=${encodeURIComponent("未调整项目")}`)).body;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: p.id, supersededById: null });
  });

  it("the approved revision names its adjustment; the adjustment names the approved one; the list tells them apart", async () => {
    const p = await approvedProject("调整后的项目");
    const revised = await filler.post(`/projects/${p.id}/revise`, { version: p.version });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ revision: 2, supersedesId: p.id, supersededById: null, state: "draft" });

    const old = (await viewer.get(`/projects/${p.id}`)).body;
    expect(old).toMatchObject({ state: "approved", version: p.version, supersededById: revised.body.id });
    const adjusted = (await viewer.get(`/projects/${revised.body.id}`)).body;
    expect(adjusted).toMatchObject({ revision: 2, supersedesId: p.id, supersededById: null });

    const list = (await viewer.get(`/projects?q=${encodeURIComponent("调整后的项目")}`)).body;
    const byId = new Map(list.items.map((i: { id: string }) => [i.id, i]));
    expect(list.items).toHaveLength(2);
    expect(byId.get(p.id)).toMatchObject({ revision: 1, supersededById: revised.body.id });
    expect(byId.get(revised.body.id)).toMatchObject({ revision: 2, supersedesId: p.id, supersededById: null });

    // A second adjustment is refused (409, said in Chinese and English); the record then says which one is open.
    const again = await filler.post(`/projects/${p.id}/revise`, { version: p.version });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "conflict",
      message: "该项目已有一个进行中的调整",
      messageEn: "An adjustment of this project is already under way",
    });
    expect((await filler.get(`/projects/${p.id}`)).body.supersededById).toBe(revised.body.id);
  });

  it("the adjustment, once approved, is adjusted in turn: each revision names only the next one", async () => {
    const p = await approvedProject("两次调整");
    const r2 = (await filler.post(`/projects/${p.id}/revise`, { version: p.version })).body;
    await filler.post(`/projects/${r2.id}/submit`, { version: r2.version });
    await approver.post(`/projects/${r2.id}/unit-approve`, { version: r2.version + 1 });
    const approved2 = (await reviewer.post(`/projects/${r2.id}/approve`, { version: r2.version + 2 })).body;
    const r3 = await filler.post(`/projects/${r2.id}/revise`, { version: approved2.version });
    expect(r3.status).toBe(201);
    expect(r3.body).toMatchObject({ revision: 3, supersedesId: r2.id });
    expect((await viewer.get(`/projects/${p.id}`)).body.supersededById).toBe(r2.id);
    // The first revision, adjusted by an approved one, is not adjusted again: the answer names the revision to adjust.
    const stale = await filler.post(`/projects/${p.id}/revise`, { version: p.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: "conflict",
      message: `该项目已调整为第 ${r2.revision} 版并已审核通过；如需再次调整，请在第 ${r2.revision} 版上调整`,
      messageEn: `This project was adjusted as revision ${r2.revision}, which is approved; adjust revision ${r2.revision} instead`,
    });
    expect((await viewer.get(`/projects/${r2.id}`)).body).toMatchObject({
      state: "approved",
      supersedesId: p.id,
      supersededById: r3.body.id,
    });
  });
});
