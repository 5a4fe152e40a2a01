import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYears } from "../src/years/schema.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";

// Seed 001 (赵县公安局 2017): 三公 203.77 万元 = 出国 0 + 购置 0 + 运行 202.46 + 接待 1.31 (比去年 +7.37 / −0.09).
const SECTIONS = {
  income: [{ category: "一般公共预算拨款", amount: "59090000.00", priorAmount: "58849900.00" }],
  spending: [
    { kind: "basic", subkind: "personnel", name: "人员经费", amount: "27660000.00", priorAmount: "22020000.00" },
    { kind: "basic", subkind: "public", name: "日常公用经费", amount: "11529000.00" },
    { kind: "project", name: "交警项目支出", amount: "6880000.00" },
  ],
  threePublic: {
    abroad: "0.00",
    vehiclePurchase: "0.00",
    vehicleOperation: "2024600.00",
    reception: "13100.00",
    priorVehicleOperation: "1950900.00",
    priorReception: "14000.00",
    statedTotal: "2037700.00",
    changeReason: "车辆老旧，维修费用增加；公务接待节省开支",
  },
  procurement: [
    {
      catalogCode: "C0206",
      itemName: "车辆维修",
      category: "services",
      quantity: "1",
      unitPrice: "300000.00",
      amount: "300000.00",
      fundingSource: "一般公共预算",
    },
    {
      catalogCode: "A",
      itemName: "执法记录仪",
      category: "goods",
      quantity: "40",
      unitPrice: "1350.50",
      amount: "54000.00",
    },
  ],
  assets: {
    buildings: "10000000.00",
    vehicles: "2500000.00",
    other: "1200000.00",
    statedTotal: "13700000.00",
    vehicleCount: 31,
  },
};

describe.each(STORES)("department budgets on %s", (kind) => {
  let t: TestApp;
  let filler: Client;
  beforeAll(async () => {
    t = await testApp(kind);
    await t.deps.db.insert(fiscalYears).values({ year: 2017 });
    filler = await t.as("filler");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("holds seed 001's budget as written and says exactly what does not add up", async () => {
    const b = await filler.post("/budgets", {
      orgId: t.world.unit.id,
      year: 2017,
      incomeTotal: "59090000.00",
      expenditureTotal: "46069000.00",
      operatingFunds: "11529000.00",
    });
    expect(b.status).toBe(201);
    const saved = await filler.req("PUT", `/api/v1/budgets/${b.body.id}/sections`, { version: 1, ...SECTIONS });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.sections.threePublic).toMatchObject({
      vehicleOperation: "2024600.00",
      statedTotal: "2037700.00",
    });
    expect(saved.body.sections.procurement[1]).toMatchObject({
      quantity: "40.0000",
      unitPrice: "1350.50",
      amount: "54000.00",
    });
    // 40 × 1,350.50 = 54,020.00 ≠ 54,000.00; 人员 + 公用 + 项目 = 46,069,000.00 holds; 三公 and assets hold.
    expect(saved.body.problems).toEqual([
      expect.objectContaining({ code: "procurement_amount", path: "procurement[1]" }),
    ]);
    expect(saved.body.problems[0].message).toContain("54020.00");
    const dup = await filler.post("/budgets", { orgId: t.world.unit.id, year: 2017 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe("该单位该年度已有部门预算");
  });

  it("answers the sections alone with the budget's version, and saves them back with it", async () => {
    const [b] = (await filler.get(`/budgets?orgId=${t.world.unit.id}&year=2017`)).body.items;
    const got = await filler.get(`/budgets/${b.id}/sections`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ budgetId: b.id, version: b.version, state: "draft" });
    for (const k of ["income", "spending", "threePublic", "procurement", "assets", "problems"]) {
      expect(got.body[k]).toEqual(b.sections[k] ?? b[k]);
    }
    // The filler corrects the procurement line (40 × 1,350.50 = 54,020.00) and saves what GET gave back.
    const { budgetId: _id, state: _s, problems: _p, ...body } = got.body;
    body.procurement[1].amount = "54020.00";
    const saved = await filler.req("PUT", `/api/v1/budgets/${b.id}/sections`, body);
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toEqual([]);
    expect((await filler.get(`/budgets/${b.id}/sections`)).body.version).toBe(got.body.version + 1);
    const viewer = await t.as("viewer");
    expect((await viewer.get(`/budgets/${b.id}/sections`)).status).toBe(200);
    expect(
      (await viewer.req("PUT", `/api/v1/budgets/${b.id}/sections`, { ...body, version: b.version + 1 })).status,
    ).toBe(403);
  });

  it("updates the header with the version (409 stale), lists by organisation and deletes", async () => {
    const [b] = (await filler.get(`/budgets?orgId=${t.world.unit.id}&year=2017`)).body.items;
    const upd = await filler.patch(`/budgets/${b.id}`, { version: b.version, incomeTotal: "1.00" });
    expect(upd.status).toBe(200);
    expect(upd.body.problems.map((p: { path: string }) => p.path)).toContain("incomeTotal");
    const stale = await filler.patch(`/budgets/${b.id}`, { version: b.version, notes: "x" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.incomeTotal).toBe("1.00");
    const bad = await filler.req("PUT", `/api/v1/budgets/${b.id}/sections`, {
      version: upd.body.version,
      income: [{ category: "x", amount: 12.5 }],
    });
    expect(bad.status).toBe(400);
    const viewer = await t.as("viewer");
    expect((await viewer.del(`/budgets/${b.id}?version=${upd.body.version}`)).status).toBe(403);
    expect((await filler.del(`/budgets/${b.id}?version=${upd.body.version}`)).status).toBe(204);
    expect((await filler.get(`/budgets/${b.id}`)).status).toBe(404);
  });
});
