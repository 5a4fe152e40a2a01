/**
 * The demo's 整改 (seed-rectification.ts): 警务保障处 has an item in each state — 待整改 (one of them overdue, one from
 * the monitoring round's red light), 整改中 from core's proposal on the flawed self-evaluation, 已提交 with evidence,
 * 退回 with the reviewer's comment, 已验收 after a return — each with its history.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, loadDemo } from "../src/demo/seed.ts";
import { DEMO_RECTIFICATION_YEAR } from "../src/demo/seed-rectification.ts";
import { createApp } from "../src/http/app.ts";
import { DEFAULT_SETTINGS, type Deps } from "../src/http/context.ts";
import { organisations } from "../src/orgs/schema.ts";
import { Client } from "./support/app.ts";
import { freshStore, type TestStore } from "./support/stores.ts";

describe("the demo's rectification items (PGlite)", () => {
  let store: TestStore;
  let filler: Client;
  let unitId: string;

  beforeAll(async () => {
    store = await freshStore("pglite");
    const now = new Date("2026-03-02T08:00:00.000Z");
    const deps: Deps = {
      db: store.handle.db,
      store: "pglite",
      settings: DEFAULT_SETTINGS,
      now: () => now,
      logError: () => {},
    };
    await loadDemo(deps.db, now);
    filler = new Client(createApp(deps));
    expect((await filler.login("demo-filler", DEMO_PASSWORD)).status).toBe(200);
    const [unit] = await deps.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, "天津市公安交通管理局警务保障处"));
    unitId = unit!.id;
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("has an item in each state, one overdue, with their sources and histories", async () => {
    const r = await filler.get(`/rectification/items?orgId=${unitId}&year=${DEMO_RECTIFICATION_YEAR}`);
    expect(r.status).toBe(200);
    const { counts, items } = r.body;
    for (const s of ["pending", "in_progress", "submitted", "accepted", "returned"])
      expect(counts[s]).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThan(0);
    const kinds = new Set(items.map((i: { source: { kind: string } }) => i.source.kind));
    expect([...kinds].sort()).toEqual(["evaluation", "expert_opinion", "monitoring_warning", "review_finding"]);
    const monitoring = items.find((i: { source: { kind: string } }) => i.source.kind === "monitoring_warning");
    expect(monitoring.source.entityType).toBe("monitoring_record");
    const accepted = (
      await filler.get(`/rectification/items/${items.find((i: { state: string }) => i.state === "accepted").id}`)
    ).body;
    expect(accepted.steps.map((s: { action: string }) => s.action)).toEqual([
      "create",
      "submit",
      "return",
      "answer",
      "submit",
      "accept",
    ]);
    expect(accepted.attachmentList).toHaveLength(1);
    const returned = items.find((i: { state: string }) => i.state === "returned");
    expect(returned.reviewComment).toContain("佐证材料");
  });
});
