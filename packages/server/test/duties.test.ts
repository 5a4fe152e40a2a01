import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

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
  const { t, filler } = appForSuite(kind, ["filler"]);

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

  it("checks the duty's stated budget against the sum of its activities, as core's exact money says", async () => {
    const duty = (
      await filler.post("/duties", {
        orgId: t.world.unit.id,
        year: 2024,
        name: "交通设施管理",
        statedBudget: "1000000.00",
      })
    ).body;
    expect(duty).toMatchObject({
      activitiesBudget: "0.00",
      problems: [expect.objectContaining({ code: "budget_mismatch" })],
    });
    const acts = [
      { name: "信号灯维护", budget: "600000.10", indicators: [] },
      { name: "标志标线", budget: "399999.90", indicators: [] },
      { name: "未列预算", indicators: [] },
    ];
    const even = await filler.req("PUT", `/api/v1/duties/${duty.id}/activities`, { version: 1, activities: acts });
    expect(even.body).toMatchObject({ activitiesBudget: "1000000.00", problems: [] });
    const uneven = await filler.req("PUT", `/api/v1/duties/${duty.id}/activities`, {
      version: 2,
      activities: [{ ...acts[0], budget: "600000.11" }, acts[1]],
    });
    expect(uneven.body.activitiesBudget).toBe("1000000.01");
    expect(uneven.body.problems).toHaveLength(1);
    expect(uneven.body.problems[0].message).toContain("相差 -0.01");
    await filler.del(`/duties/${duty.id}?version=3`);
  });

  it("reorders the duties of an organisation and year as a whole, with each version (409 with the list when stale)", async () => {
    const year = 2025;
    const made = [];
    for (const name of ["甲", "乙", "丙"]) {
      made.push((await filler.post("/duties", { orgId: t.world.unit.id, year, name })).body);
    }
    const [a, b, c] = made;
    const r = await filler.post("/duties/reorder", {
      orgId: t.world.unit.id,
      year,
      items: [c, a, b].map((d) => ({ id: d.id, version: d.version })),
    });
    expect(r.status).toBe(200);
    expect(r.body.items.map((d: { name: string }) => d.name)).toEqual(["丙", "甲", "乙"]);
    expect(r.body.items.map((d: { sortOrder: number }) => d.sortOrder)).toEqual([0, 1, 2]);
    const listed = (await filler.get(`/duties?orgId=${t.world.unit.id}&year=${year}`)).body.items;
    expect(listed.map((d: { name: string }) => d.name)).toEqual(["丙", "甲", "乙"]);

    // The versions read before the first reorder are stale now: nothing moves, and the answer holds the list.
    const stale = await filler.post("/duties/reorder", {
      orgId: t.world.unit.id,
      year,
      items: [a, b, c].map((d) => ({ id: d.id, version: d.version })),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.items.map((d: { name: string }) => d.name)).toEqual(["丙", "甲", "乙"]);
    // Leaving one out is refused the same way (someone else may have added it).
    const partial = await filler.post("/duties/reorder", {
      orgId: t.world.unit.id,
      year,
      items: listed.slice(0, 2).map((d: { id: string; version: number }) => ({ id: d.id, version: d.version })),
    });
    expect(partial.status).toBe(409);
    const twice = await filler.post("/duties/reorder", {
      orgId: t.world.unit.id,
      year,
      items: [listed[0], listed[0], listed[1]].map((d: { id: string; version: number }) => ({
        id: d.id,
        version: d.version,
      })),
    });
    expect(twice.status).toBe(400);
    const again = (await filler.get(`/duties?orgId=${t.world.unit.id}&year=${year}`)).body.items;
    expect(again.map((d: { name: string; version: number }) => [d.name, d.version])).toEqual(
      listed.map((d: { name: string; version: number }) => [d.name, d.version]),
    );
    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "duty.reorder"));
    // New duties all had order 0: 丙 stays at 0, 甲 goes to 1 and 乙 to 2, one event for each that moved.
    expect(audit.map((e) => e.entityId).sort()).toEqual([a.id, b.id].sort());

    const viewer = await t.as("viewer");
    const denied = await viewer.post("/duties/reorder", {
      orgId: t.world.unit.id,
      year,
      items: again.map((d: { id: string; version: number }) => ({ id: d.id, version: d.version })),
    });
    expect(denied.status).toBe(403);
    const foreign = await filler.post("/duties/reorder", {
      orgId: t.world.foreign.id,
      year,
      items: again.map((d: { id: string; version: number }) => ({ id: d.id, version: d.version })),
    });
    expect(foreign.status).toBe(404);
  });

  it("refuses every change to a closed year's duties (409 not_editable) and still shows them", async () => {
    await t.deps.db.insert(fiscalYears).values({ year: 2027 });
    const duty = (await filler.post("/duties", { orgId: t.world.unit.id, year: 2027, name: "关闭年度职责" })).body;
    const sysadmin = await t.as("sysadmin");
    expect((await sysadmin.patch("/years/2027", { status: "closed", version: 1 })).status).toBe(200);
    const refused = [
      await filler.patch(`/duties/${duty.id}`, { version: 1, name: "改" }),
      await filler.req("PUT", `/api/v1/duties/${duty.id}/activities`, { version: 1, activities: ACTIVITIES }),
      await filler.post("/duties/reorder", {
        orgId: t.world.unit.id,
        year: 2027,
        items: [{ id: duty.id, version: 1 }],
      }),
      await filler.post("/duties", { orgId: t.world.unit.id, year: 2027, name: "新" }),
      await filler.del(`/duties/${duty.id}?version=1`),
    ];
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: "not_editable", message: "预算年度 2027 已关闭，不能再修改" });
    }
    expect((await filler.get(`/duties/${duty.id}`)).body).toMatchObject({ name: "关闭年度职责", version: 1 });
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
