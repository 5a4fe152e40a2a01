/**
 * The demo's carried-forward year (seed-carry.ts, issue 17 point 4): 赵县's traffic brigade started 2025 from 2024.
 * Its filler finds the 2024 duties and the 经常性 设施维护 project as 2025 drafts, each said to come from its 2024
 * record, with last year's target and actual beside every indicator; the carried project is linked to 2024's
 * self-evaluation for its next-year recommendation; the run is in the audit trail under the filler's name; loading
 * that part of the demo again makes nothing twice.
 */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../src/accounts/repository.ts";
import { accounts } from "../src/accounts/schema.ts";
import { auditEvents } from "../src/audit/schema.ts";
import { carriedRecords } from "../src/carry/schema.ts";
import { DEMO_PASSWORD, loadDemo } from "../src/demo/seed.ts";
import {
  CARRY_DEMO_DUTIES,
  CARRY_DEMO_FROM,
  CARRY_DEMO_PROJECT,
  CARRY_DEMO_SOURCE_PROJECT,
  CARRY_DEMO_TO,
  CARRY_DEMO_UNIT,
  loadCarryDemo,
} from "../src/demo/seed-carry.ts";
import { duties } from "../src/duties/schema.ts";
import { createApp } from "../src/http/app.ts";
import { DEFAULT_SETTINGS, type Deps } from "../src/http/context.ts";
import { organisations } from "../src/orgs/schema.ts";
import { projects } from "../src/projects/schema.ts";
import { Client } from "./support/app.ts";
import { freshStore, type TestStore } from "./support/stores.ts";

interface Carried {
  kind: string;
  sourceId: string;
  targetId: string;
  name: string;
  indicators: { name: string; activity: string | null; previousTarget: string | null; previousActual: string | null }[];
}

describe("the demo's carried-forward year (PGlite)", () => {
  let store: TestStore;
  let deps: Deps;
  let filler: Client;
  let unitId: string;
  const now = new Date("2026-03-02T08:00:00.000Z");

  beforeAll(async () => {
    store = await freshStore("pglite");
    deps = { db: store.handle.db, store: "pglite", settings: DEFAULT_SETTINGS, now: () => now, logError: () => {} };
    await loadDemo(deps.db, now);
    filler = new Client(createApp(deps));
    expect((await filler.login("demo-zhaoxian", DEMO_PASSWORD)).status).toBe(200);
    const [unit] = await deps.db.select().from(organisations).where(eq(organisations.name, CARRY_DEMO_UNIT));
    unitId = unit!.id;
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const carried = async () => {
    const r = await filler.get(`/carry-forward?orgId=${unitId}&year=${CARRY_DEMO_TO}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ fromYear: CARRY_DEMO_FROM, toYear: CARRY_DEMO_TO });
    return r.body.items as Carried[];
  };

  it("has the 经常性 project of 2024 as a 2025 draft, with last year's target and actual beside each indicator", async () => {
    const items = await carried();
    const project = items.find((i) => i.kind === "project")!;
    expect(project.name).toBe(CARRY_DEMO_SOURCE_PROJECT);
    const source = (await filler.get(`/projects/${project.sourceId}`)).body;
    expect(source).toMatchObject({ name: CARRY_DEMO_SOURCE_PROJECT, year: CARRY_DEMO_FROM, state: "approved" });
    const draft = await filler.get(`/projects/${project.targetId}`);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ name: CARRY_DEMO_PROJECT, year: CARRY_DEMO_TO, state: "draft" });
    // the actual values of 2024's self-evaluation (seed-orgs.ts), every indicator of it
    expect(project.indicators.map((i) => [i.name, i.previousTarget, i.previousActual])).toEqual([
      ["维护交通标志标线里程", "≥120公里", "126公里"],
      ["交通安全设施完好率", "≥95%", "96.5%"],
      ["维护工程完成时间", "2024年11月30日前", "2024年11月20日"],
      ["道路交通事故起数同比下降率", "≥5%", "4.1%"],
      ["群众满意度", "≥90%", "93%"],
    ]);
    // the draft's indicators are 2024's, targets as written
    const tree = (await filler.get(`/projects/${project.targetId}/indicators`)).body.items as {
      level: number;
      name: string;
      targetText: string | null;
    }[];
    expect(tree.filter((i) => i.level === 3).map((i) => [i.name, i.targetText])).toEqual(
      project.indicators.map((i) => [i.name, i.previousTarget]),
    );
  });

  it("has the 2024 duties as 2025 drafts, each activity's indicators with last year's actual", async () => {
    const items = (await carried()).filter((i) => i.kind === "duty");
    expect(items.map((i) => i.name)).toEqual(CARRY_DEMO_DUTIES.map((d) => d.name));
    for (const [n, d] of CARRY_DEMO_DUTIES.entries()) {
      const expected = d.activities.flatMap((a) =>
        a.indicators.map(([name, target, , , , , actual]) => [a.name, name, target, actual]),
      );
      expect(items[n]!.indicators.map((i) => [i.activity, i.name, i.previousTarget, i.previousActual])).toEqual(
        expected,
      );
    }
    const rows = await deps.db
      .select()
      .from(duties)
      .where(and(eq(duties.orgId, unitId), eq(duties.year, CARRY_DEMO_TO)));
    expect(rows.map((r) => r.name).sort()).toEqual(CARRY_DEMO_DUTIES.map((d) => d.name).sort());
    expect(rows.map((r) => r.id).sort()).toEqual(items.map((i) => i.targetId).sort());
  });

  it("links the carried draft to 2024's self-evaluation for its next-year recommendation", async () => {
    const r = await filler.get(`/results/recommendations?orgId=${unitId}&year=${CARRY_DEMO_TO}`);
    expect(r.status).toBe(200);
    const item = (
      r.body.items as { project: { name: string }; previous: { name: string; linkedBy: string } | null }[]
    ).find((i) => i.project.name === CARRY_DEMO_PROJECT)!;
    expect(item.previous).toMatchObject({ name: CARRY_DEMO_SOURCE_PROJECT, linkedBy: "carry_forward" });
  });

  it("records the run in the audit trail under the unit's filler", async () => {
    const runs = await deps.db
      .select({ details: auditEvents.details, actor: accounts.username })
      .from(auditEvents)
      .innerJoin(accounts, eq(accounts.id, auditEvents.actorId))
      .where(and(eq(auditEvents.action, "carry_forward.run"), eq(auditEvents.orgId, unitId)));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      actor: "demo-zhaoxian",
      details: { fromYear: CARRY_DEMO_FROM, toYear: CARRY_DEMO_TO, created: { duties: 2, projects: 1 } },
    });
  });

  it("makes nothing twice when that part of the demo is loaded again", async () => {
    const db = deps.db;
    const counts = async () => ({
      duties: (await db.select({ n: count() }).from(duties))[0]!.n,
      projects: (await db.select({ n: count() }).from(projects))[0]!.n,
      carried: (await db.select({ n: count() }).from(carriedRecords))[0]!.n,
    });
    const before = await counts();
    const [account] = await db.select().from(accounts).where(eq(accounts.username, "demo-zhaoxian"));
    const filler = await actorOf(db, account!, "");
    const [unit] = await db.select().from(organisations).where(eq(organisations.id, unitId));
    const again = await db.transaction((tx) => loadCarryDemo(tx, now, { filler }, { unit: unit! }));
    expect(again.items.map((i) => i.status)).toEqual(again.items.map(() => "already_carried"));
    expect(again.items.length).toBe(CARRY_DEMO_DUTIES.length + 1);
    expect(await counts()).toEqual(before);
  });
});
