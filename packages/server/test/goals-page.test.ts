/**
 * What the web's goals page relies on (pages/goals): the list of an organisation's subtree for a year with each
 * goal's state, the narrative saved with its version (409 with the current goal when stale, for the page to offer
 * keeping it or applying the edits again), and nothing editable for a viewer or once submitted.
 */
import { describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("the goals page's server side on %s", (kind) => {
  const { t, filler, filler2 } = appForSuite(kind, ["filler", "filler2"]);

  it("saves the narrative with the version; a stale save is 409 with the goal as it is now", async () => {
    const g = (await filler.post("/goals", { orgId: t.world.unit.id, year: 2025 })).body;
    const first = await filler2.patch(`/goals/${g.id}`, { version: 1, midTermGoal: "三年内事故率下降10%" });
    expect(first.status).toBe(200);
    const stale = await filler.patch(`/goals/${g.id}`, { version: 1, annualGoal: "全年事故率下降3%" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({
      version: 2,
      midTermGoal: "三年内事故率下降10%",
      annualGoal: null,
    });
    // Applying again over the current version keeps the other filler's field.
    const again = await filler.patch(`/goals/${g.id}`, { version: 2, annualGoal: "全年事故率下降3%" });
    expect(again.body).toMatchObject({
      version: 3,
      annualGoal: "全年事故率下降3%",
      midTermGoal: "三年内事故率下降10%",
    });
  });

  it("lists the subtree's goals of the year with their state for a reviewer, and a viewer may only read", async () => {
    const reviewer = await t.as("reviewer");
    const list = await reviewer.get(`/goals?orgId=${t.world.city.id}&year=2025`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((g: { orgName: string; state: string }) => [g.orgName, g.state])).toEqual([
      ["赵县公安局交警大队", "draft"],
    ]);
    expect((await reviewer.get(`/goals?orgId=${t.world.city.id}&year=2024`)).body.items).toEqual([]);
    const viewer = await t.as("viewer");
    const [g] = (await viewer.get(`/goals?orgId=${t.world.unit.id}&year=2025`)).body.items;
    expect(g.annualGoal).toBe("全年事故率下降3%");
    expect((await viewer.patch(`/goals/${g.id}`, { version: g.version, annualGoal: "x" })).status).toBe(403);
    expect((await viewer.post("/goals", { orgId: t.world.unit.id, year: 2024 })).status).toBe(403);
    expect((await viewer.post(`/goals/${g.id}/indicators`, { level: 1, name: "产出指标" })).status).toBe(403);
  });

  it("once submitted, neither the narrative nor the indicators change (409 not_editable)", async () => {
    const [g] = (await filler.get(`/goals?orgId=${t.world.unit.id}&year=2025`)).body.items;
    const l1 = (await filler.post(`/goals/${g.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const submitted = await filler.post(`/goals/${g.id}/submit`, { version: g.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe("submitted");
    const text = await filler.patch(`/goals/${g.id}`, { version: submitted.body.version, annualGoal: "改" });
    expect(text.status).toBe(409);
    expect(text.body.error.code).toBe("not_editable");
    const ind = await filler.patch(`/indicators/${l1.id}`, { version: l1.version, name: "效益指标" });
    expect(ind.status).toBe(409);
    expect((await filler.post(`/goals/${g.id}/indicators`, { level: 1, name: "满意度指标" })).status).toBe(409);
    expect((await filler.get(`/goals/${g.id}`)).body).toMatchObject({
      annualGoal: "全年事故率下降3%",
      state: "submitted",
    });
  });
});
