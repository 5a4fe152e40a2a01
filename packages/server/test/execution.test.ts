import { beforeAll, describe, expect, it } from "vitest";
import { fiscalYears } from "../src/years/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("budget execution figures on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);
  beforeAll(async () => {
    await t.deps.db.insert(fiscalYears).values({ year: 2023 });
  });

  it("keeps seed 003's figures exactly and reports core's execution rate", async () => {
    const r = await filler.post("/execution", {
      orgId: t.world.unit.id,
      year: 2023,
      scope: "total",
      initialBudget: "170294599.63",
      adjustment: "-3361340.55",
      determinedBudget: "166933259.08",
      executed: "165794459.08",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ determinedBudget: "166933259.08", rate: "99.32", problems: [] });
    const rollup = await (await t.as("reviewer")).get(`/rollups/execution?orgId=${t.world.city.id}&year=2023`);
    expect(rollup.body.items).toEqual([
      expect.objectContaining({ orgName: "赵县公安局交警大队", budget: "166933259.08", spent: "165794459.08" }),
    ]);
  });

  it("keeps figures that do not add up as written, and says what is wrong", async () => {
    const r = await filler.post("/execution", {
      orgId: t.world.unit.id,
      year: 2023,
      scope: "basic",
      initialBudget: "100.00",
      adjustment: "10.00",
      determinedBudget: "120.00",
      executed: "130.00",
    });
    expect(r.status).toBe(201);
    expect(r.body.determinedBudget).toBe("120.00");
    expect(r.body.problems.map((p: { code: string }) => p.code).sort()).toEqual([
      "executed_over_budget",
      "final_mismatch",
    ]);
    const fixed = await filler.patch(`/execution/${r.body.id}`, {
      version: 1,
      determinedBudget: "110.00",
      executed: "99.00",
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ version: 2, rate: "90.00", problems: [] });
    const stale = await filler.patch(`/execution/${r.body.id}`, { version: 1, executed: "1.00" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.executed).toBe("99.00");
  });

  it("refuses a second row for the same organisation, year, scope and month (409); months are separate rows", async () => {
    const body = { orgId: t.world.unit.id, year: 2023, scope: "project_spending", month: 7, executed: "1.00" };
    expect((await filler.post("/execution", body)).status).toBe(201);
    const dup = await filler.post("/execution", body);
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/已存在/);
    expect((await filler.post("/execution", { ...body, month: 8 })).status).toBe(201);
    const july = await filler.get(`/execution?orgId=${t.world.unit.id}&year=2023&month=7`);
    expect(july.body.items).toHaveLength(1);
    const fullYear = await filler.get(`/execution?orgId=${t.world.unit.id}&year=2023&month=0`);
    expect(fullYear.body.items.map((i: { scope: string }) => i.scope).sort()).toEqual(["basic", "total"]);
  });

  it("checks the scope/project pairing, read-only roles and foreign organisations", async () => {
    const noProject = await filler.post("/execution", { orgId: t.world.unit.id, year: 2023, scope: "project" });
    expect(noProject.status).toBe(400);
    const viewer = await t.as("viewer");
    expect((await viewer.post("/execution", { orgId: t.world.unit.id, year: 2023, scope: "total" })).status).toBe(403);
    const foreign = await filler.post("/execution", { orgId: t.world.foreign.id, year: 2023, scope: "total" });
    expect(foreign.status).toBe(404);
    const row = (await filler.get(`/execution?orgId=${t.world.unit.id}&year=2023&scope=total`)).body.items[0];
    expect((await filler.del(`/execution/${row.id}?version=${row.version}`)).status).toBe(204);
    expect((await filler.get(`/execution/${row.id}`)).status).toBe(404);
  });
});
