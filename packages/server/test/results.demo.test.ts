/**
 * The demo's 结果应用 (seed-results.ts): 2025年度交通管理信息系统运维 is recommended 压减 from 2024's evaluation (its
 * execution below the bureau's 60%, 整改 required by its grade) under 天津's own rules; after 结转上年 the 经常性
 * 警用车辆维护's 2025 draft is recommended through the carry-forward link; the new project is said to be new; the
 * rules change is in the audit trail.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { DEMO_PASSWORD, loadDemo } from "../src/demo/seed.ts";
import { RESULTS_DEMO_PROJECT, RESULTS_DEMO_YEAR } from "../src/demo/seed-results.ts";
import { createApp } from "../src/http/app.ts";
import { DEFAULT_SETTINGS, type Deps } from "../src/http/context.ts";
import { organisations } from "../src/orgs/schema.ts";
import { Client } from "./support/app.ts";
import { freshStore, type TestStore } from "./support/stores.ts";

describe("the demo's recommendation for 2025 (PGlite)", () => {
  let store: TestStore;
  let deps: Deps;
  let filler: Client;
  let reviewer: Client;
  let unitId: string;

  beforeAll(async () => {
    store = await freshStore("pglite");
    const now = new Date("2026-03-02T08:00:00.000Z");
    deps = { db: store.handle.db, store: "pglite", settings: DEFAULT_SETTINGS, now: () => now, logError: () => {} };
    await loadDemo(deps.db, now);
    const app = createApp(deps);
    filler = new Client(app);
    reviewer = new Client(app);
    expect((await filler.login("demo-filler", DEMO_PASSWORD)).status).toBe(200);
    expect((await reviewer.login("demo-reviewer", DEMO_PASSWORD)).status).toBe(200);
    const [unit] = await deps.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, "天津市公安交通管理局警务保障处"));
    unitId = unit!.id;
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const items = async () => {
    const r = await filler.get(`/results/recommendations?orgId=${unitId}&year=${RESULTS_DEMO_YEAR}`);
    expect(r.status).toBe(200);
    return r.body.items as {
      project: { name: string };
      status: string;
      action: string | null;
      rectificationRequired: boolean;
      previous: { name: string; linkedBy: string } | null;
      evaluation: { grade: string; executionRate: string; approved: boolean } | null;
      reasons: { rule: string; zh: string }[];
      rulesFrom: { orgName: string } | null;
    }[];
  };

  it("recommends 压减 for the continuation of 2024's 运维 project, under 天津's rules, with the reasons", async () => {
    const list = await items();
    const r = list.find((i) => i.project.name === RESULTS_DEMO_PROJECT)!;
    expect(r).toMatchObject({
      status: "recommended",
      action: "cut",
      rectificationRequired: true,
      previous: { name: "2024年度交通管理信息系统运维", linkedBy: "name" },
      evaluation: { executionRate: "52.00", approved: true },
      rulesFrom: { orgName: "天津市公安交通管理局" },
    });
    expect(r.reasons.map((x) => x.rule)).toEqual(expect.arrayContaining(["grade", "execution"]));
    expect(list.find((i) => i.project.name === "2025年度执法站点建设")).toMatchObject({ status: "new" });
    const audit = await deps.db.select().from(auditEvents).where(eq(auditEvents.action, "results.rules.update"));
    expect(audit).toHaveLength(1);
  });

  it("after 结转上年 the carried 警用车辆维护 draft gets its recommendation through the carry-forward link", async () => {
    const carried = await filler.post("/carry-forward", { orgId: unitId, year: RESULTS_DEMO_YEAR });
    expect(carried.status).toBe(200);
    const r = (await items()).find((i) => i.project.name === "2025年度警用车辆维护")!;
    expect(r).toMatchObject({
      status: "recommended",
      previous: { name: "2024年度警用车辆维护", linkedBy: "carry_forward" },
      evaluation: { approved: true },
    });
    expect(r.action).not.toBeNull();
  });
});
