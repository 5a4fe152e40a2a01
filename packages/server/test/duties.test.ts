import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";

// Seed 000 (451交警大队): 道路交通管理 349.00 万元 → 道路交通秩序管理, with three indicators and four tiers each.
const TIERS = { 优: "95%以上", 良: "90%以上", 中: "85%以上", 差: "85%以下" };
const ACTIVITIES = [
  {
    name: "道路交通秩序管理",
    budget: "3490000.00",
    content: "实施新型城镇化建设畅通工程，制定城市道路中长期发展规划",
    goal: "维护全县良好的道路交通秩序，缓解城市交通拥堵",
    indicators: [
      { name: "常发拥堵路段数降低率", standards: TIERS },
      { name: "交通拥堵持续时间减低率", standards: TIERS },
      { name: "占位指标", standards: { 优: "**", 良: "**", 中: "**", 差: "**" } },
    ],
  },
  { name: "道路交通事故处理与预防", indicators: [] },
];

describe.each(STORES)("duties and activities on %s", (kind) => {
  let t: TestApp;
  let filler: Client;
  beforeAll(async () => {
    t = await testApp(kind);
    filler = await t.as("filler");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("holds seed 000's duty table as written, with core's reading of the four tiers", async () => {
    const duty = await filler.post("/duties", {
      orgId: t.world.unit.id,
      year: 2024,
      name: "道路交通管理",
      statedBudget: "3490000.00",
    });
    expect(duty.status).toBe(201);
    expect(duty.body).toMatchObject({ name: "道路交通管理", statedBudget: "3490000.00", activities: [], version: 1 });
    const saved = await filler.req("PUT", `/api/v1/duties/${duty.body.id}/activities`, {
      version: 1,
      activities: ACTIVITIES,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const [order, accidents] = saved.body.activities;
    expect(order).toMatchObject({ name: "道路交通秩序管理", budget: "3490000.00" });
    expect(order.indicators.map((i: { name: string }) => i.name)).toEqual([
      "常发拥堵路段数降低率",
      "交通拥堵持续时间减低率",
      "占位指标",
    ]);
    expect(order.indicators[0].standards).toEqual(TIERS);
    expect(order.indicators[0].standardsParsed).toBeTruthy();
    const placeholder = order.indicators[2];
    expect(placeholder.standards.优).toBe("**");
    expect(placeholder.problems.map((p: { code: string }) => p.code)).toContain("placeholder");
    expect(accidents.indicators).toEqual([]);
    const list = await filler.get(`/duties?orgId=${t.world.unit.id}&year=2024`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].activities).toHaveLength(2);
    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.entityId, duty.body.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["duty.activities", "duty.create"]);
  });

  it("updates with the version (409 with the current duty when stale) and deletes with its activities", async () => {
    const duty = (await filler.post("/duties", { orgId: t.world.unit.id, year: 2024, name: "车辆和驾驶人管理" })).body;
    expect((await filler.patch(`/duties/${duty.id}`, { version: 1, statedBudget: "100.00" })).status).toBe(200);
    const stale = await filler.req("PUT", `/api/v1/duties/${duty.id}/activities`, { version: 1, activities: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ statedBudget: "100.00", version: 2 });
    await filler.req("PUT", `/api/v1/duties/${duty.id}/activities`, { version: 2, activities: ACTIVITIES });
    expect((await filler.del(`/duties/${duty.id}?version=3`)).status).toBe(204);
    expect((await filler.get(`/duties/${duty.id}`)).status).toBe(404);
  });

  it("refuses read-only roles (403) and foreign organisations (404)", async () => {
    const viewer = await t.as("viewer");
    const r = await viewer.post("/duties", { orgId: t.world.unit.id, year: 2024, name: "x" });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe("您的角色无权执行此操作");
    expect((await filler.post("/duties", { orgId: t.world.foreign.id, year: 2024, name: "x" })).status).toBe(404);
    expect((await filler.get(`/duties?orgId=${t.world.foreign.id}`)).status).toBe(404);
  });
});
