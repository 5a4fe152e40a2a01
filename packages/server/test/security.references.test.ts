/**
 * Issue 15, finding 8 — a reference to another record is checked against the caller's scope: a department
 * budget's spending or procurement line naming another organisation's project, or a project that does not exist,
 * is 404 — the same answer as any foreign id, so a guess learns nothing — and nothing is saved. A reference to a
 * missing row that reaches the database is 404 too, never a 500. A self-evaluation's item naming another
 * organisation's indicator, or a missing one, is refused the same way.
 */
import { describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("references checked against the caller's scope on %s", (kind) => {
  const { t, filler, foreignFiller } = appForSuite(kind, ["filler", "foreignFiller"]);

  const spending = (projectId: string) => ({
    income: [],
    spending: [{ kind: "project", name: "项目支出", amount: "100.00", projectId }],
    threePublic: null,
    procurement: [],
    assets: null,
  });

  it("refuses a budget line naming another organisation's project, or a missing one, with the same 404", async () => {
    const own = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "本单位项目" })).body;
    const foreign = (
      await foreignFiller.post("/projects", { orgId: t.world.foreign.id, year: 2024, name: "外单位项目" })
    ).body;
    const b = (await filler.post("/budgets", { orgId: t.world.unit.id, year: 2024 })).body;
    const put = (body: unknown) => filler.req("PUT", `/api/v1/budgets/${b.id}/sections`, body);

    const toForeign = await put({ version: 1, ...spending(foreign.id) });
    const toMissing = await put({ version: 1, ...spending("00000000-0000-4000-8000-000000000000") });
    expect(toForeign.status).toBe(404);
    expect(toMissing.status).toBe(404);
    expect(toForeign.body.error).toEqual(toMissing.body.error);
    expect(toForeign.body.error.location).toMatchObject({ field: "spending.0.projectId" });
    const procurement = await put({
      version: 1,
      ...spending(own.id),
      procurement: [
        {
          catalogCode: "A",
          itemName: "执法记录仪",
          category: "goods",
          quantity: "40",
          unitPrice: "1350.50",
          amount: "54000.00",
          projectId: foreign.id,
        },
      ],
    });
    expect(procurement.status).toBe(404);
    expect(procurement.body.error.location).toMatchObject({ field: "procurement.0.projectId" });
    // Nothing was saved; the budget's own project is accepted.
    expect((await filler.get(`/budgets/${b.id}/sections`)).body.spending).toEqual([]);
    const ok = await put({ version: 1, ...spending(own.id) });
    expect(ok.status).toBe(200);
    expect(t.errors).toEqual([]);
  });

  it("refuses a self-evaluation item naming another organisation's indicator, or a missing one, with the same 404", async () => {
    const own = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "本单位自评项目" })).body;
    const ownIndicator = (await filler.post(`/projects/${own.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const foreign = (
      await foreignFiller.post("/projects", { orgId: t.world.foreign.id, year: 2024, name: "外单位自评项目" })
    ).body;
    const foreignIndicator = (
      await foreignFiller.post(`/projects/${foreign.id}/indicators`, { level: 1, name: "产出指标" })
    ).body;
    const e = (
      await filler.post("/evaluations", { kind: "project", orgId: t.world.unit.id, year: 2024, projectId: own.id })
    ).body;
    const put = (indicatorId: string) =>
      filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, {
        version: e.version,
        items: [{ indicatorId, level1: "产出指标", name: "巡逻里程", targetText: "≥100公里", actualText: "120公里" }],
      });
    const toForeign = await put(foreignIndicator.id);
    const toMissing = await put("00000000-0000-4000-8000-000000000000");
    expect(toForeign.status).toBe(404);
    expect(toMissing.status).toBe(404);
    expect(toForeign.body.error).toEqual(toMissing.body.error);
    expect(toForeign.body.error.location).toMatchObject({ field: "items.0.indicatorId" });
    expect((await filler.get(`/evaluations/${e.id}`)).body.items ?? []).toEqual([]);
    expect((await put(ownIndicator.id)).status).toBe(200);
    expect(t.errors).toEqual([]);
  });
});
