/**
 * The demo's expert review (seed-experts.ts): demo-expert signs in and finds two tasks (one submitted, one open
 * 事前绩效评估), and nothing else; the reviewer sees the two experts' scores on 2024年度交通安全宣传 side by side
 * with their average and the flagged 适当性, and that project's 事前绩效评估; the new 执勤装备购置 has none yet; the new
 * 2025 project waiting for approval cannot be approved before its 事前绩效评估.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, loadDemo } from "../src/demo/seed.ts";
import {
  DEMO_EXANTE_GATE_PROJECT,
  DEMO_EXANTE_GATE_YEAR,
  DEMO_EXANTE_PROJECT,
  DEMO_EXPERT_PROJECT,
} from "../src/demo/seed-experts.ts";
import { createApp } from "../src/http/app.ts";
import { DEFAULT_SETTINGS, type Deps } from "../src/http/context.ts";
import { Client } from "./support/app.ts";
import { freshStore, type TestStore } from "./support/stores.ts";

describe("the demo's expert review (PGlite)", () => {
  let store: TestStore;
  let expert: Client;
  let reviewer: Client;
  let accounts: { username: string; role: string }[];

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
    accounts = await loadDemo(deps.db, now);
    const app = createApp(deps);
    expert = new Client(app);
    reviewer = new Client(app);
    expect((await expert.login("demo-expert", DEMO_PASSWORD)).status).toBe(200);
    expect((await reviewer.login("demo-reviewer", DEMO_PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("prints the two expert accounts among the demo's people", () => {
    expect(accounts.filter((a) => a.role === "expert").map((a) => a.username)).toEqual(["demo-expert", "demo-expert2"]);
  });

  it("gives demo-expert its two tasks and nothing else", async () => {
    const tasks = (await expert.get("/expert/tasks")).body.items as { title: string; state: string }[];
    expect(tasks.map((t) => [t.title, t.state]).sort()).toEqual(
      [
        [DEMO_EXPERT_PROJECT, "submitted"],
        [`${DEMO_EXANTE_PROJECT}（事前绩效评估）`, "pending"],
      ].sort(),
    );
    expect((await expert.get("/projects?year=2024")).status).toBe(403);
  });

  it("shows the reviewer both experts' scores side by side, the divergence flagged, and the 事前绩效评估", async () => {
    const list = (await reviewer.get("/expert-assignments?year=2024")).body.items as {
      id: string;
      title: string;
      entityId: string;
      submitted: number;
    }[];
    const a = list.find((x) => x.title === DEMO_EXPERT_PROJECT)!;
    expect(a.submitted).toBe(2);
    const detail = (await reviewer.get(`/expert-assignments/${a.id}`)).body;
    expect(detail.state).toBe("open");
    expect(detail.comparison.experts).toHaveLength(2);
    expect(detail.comparison.diverging).toEqual(["suitable"]);
    const exante = (await reviewer.get(`/projects/${a.entityId}/exante`)).body;
    expect(exante.assessment).toMatchObject({ total: "79.00", conclusion: "部分支持", source: "reviewer" });
    const pending = list.find((x) => x.title.startsWith(DEMO_EXANTE_PROJECT))!;
    expect((await reviewer.get(`/projects/${pending.entityId}/exante`)).body).toMatchObject({
      assessment: null,
      isNew: true,
    });
  });

  it("waits with a new 2025 project for the reviewer, shown as new without its 事前绩效评估", async () => {
    const list = (await reviewer.get(`/projects?year=${DEMO_EXANTE_GATE_YEAR}&pageSize=100`)).body.items as {
      id: string;
      name: string;
      state: string;
      version: number;
    }[];
    const p = list.find((x) => x.name === DEMO_EXANTE_GATE_PROJECT)!;
    expect(p.state).toBe("unit_approved");
    // the demo's deployment does not require the assessment before approval (JIXIAO_EXANTE_REQUIRED unset): the
    // reviewer is told it is missing and decides (exante.approval.test.ts: the refusal where it is required)
    expect((await reviewer.get(`/projects/${p.id}/exante`)).body).toMatchObject({
      assessment: null,
      isNew: true,
      required: false,
    });
  });
});
