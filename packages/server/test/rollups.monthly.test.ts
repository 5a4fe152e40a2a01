/**
 * /rollups/execution follows the latest figures (issue 16): during the year a unit's latest 1–N月 row wins over its
 * full-year row, its budget taken from the full-year row when the monthly row has none, and the roll-up is as of that
 * month's end. Once the year is over the full-year row (the final figures) is read again.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { insertExecution } from "../src/budgets/execution.repository.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("execution roll-up at the latest monthly figures on %s", (kind) => {
  const { t } = appForSuite(kind);
  beforeAll(async () => {
    const db = t.deps.db;
    await db.insert(fiscalYears).values({ year: 2026 });
    t.clock.now = new Date("2026-07-10T08:00:00.000Z");
    const { unit, sibling } = t.world;
    // the unit: full-year budget row typed at the start of the year, then March and June figures
    await insertExecution(db, {
      orgId: unit.id,
      year: 2026,
      scope: "total",
      determinedBudget: "1000.00",
      executed: "0.00",
    });
    await insertExecution(db, { orgId: unit.id, year: 2026, scope: "total", month: 3, executed: "100.00" });
    await insertExecution(db, { orgId: unit.id, year: 2026, scope: "total", month: 6, executed: "20.00" });
    // a month row without an executed figure is no figure
    await insertExecution(db, { orgId: unit.id, year: 2026, scope: "total", month: 7, determinedBudget: "900.00" });
    // the sibling: a full-year row only
    await insertExecution(db, {
      orgId: sibling.id,
      year: 2026,
      scope: "total",
      determinedBudget: "500.00",
      executed: "400.00",
    });
  });

  it("reads the June figure of the unit with the full-year budget, and is as of 30 June", async () => {
    const r = await (await t.as("reviewer")).get(`/rollups/execution?orgId=${t.world.city.id}&year=2026`);
    expect(r.status).toBe(200);
    expect(r.body.asOf).toBe("2026-06-30");
    const byName = Object.fromEntries(r.body.items.map((i: { orgName: string }) => [i.orgName, i]));
    expect(byName.赵县公安局交警大队).toMatchObject({ budget: "1000.00", spent: "20.00" });
    expect(byName.赵县公安局).toMatchObject({ budget: "500.00", spent: "400.00" });
    expect(r.body.items).toHaveLength(2);
  });

  it("reads the full-year rows again once the year is over", async () => {
    t.clock.now = new Date("2027-01-15T08:00:00.000Z"); // signed in again below: the clock jump ends sessions
    const r = await (await t.as("reviewer")).get(`/rollups/execution?orgId=${t.world.city.id}&year=2026`);
    // as of the full-year rows' last change (not a month's end)
    expect(r.body.asOf).not.toBe("2026-06-30");
    const unit = r.body.items.find((i: { orgName: string }) => i.orgName === "赵县公安局交警大队");
    expect(unit).toMatchObject({ budget: "1000.00", spent: "0.00" });
  });
});
