/**
 * The duties' activity indicators (部门职责 → 工作活动 → 活动指标) in the indicator library (issue 17 point 3: "…every
 * approved project and duty goal"): a unit's duties of a year count once its 部门整体绩效目标 of that year is approved
 * (they have no approval of their own), with source kind "duty", no 一级/二级, the target as written or the 优
 * standard; a duty's edit refreshes the kept library; another bureau's duties never appear; a goal is not reviewed
 * against its own unit's duties of the year.
 */

import { beforeAll, describe, expect, it } from "vitest";
import { insertDuty, replaceActivities } from "../src/duties/repository.ts";
import { insertGoal } from "../src/goals/repository.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { insertProject } from "../src/projects/repository.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

interface Use {
  kind: string;
  name: string;
  orgName: string | null;
  year: number;
  targetText: string | null;
}

describe.each(STORES)("duties in the indicator library on %s", (kind) => {
  const { t, filler, approver, reviewer, foreignFiller } = appForSuite(kind, [
    "filler",
    "approver",
    "reviewer",
    "foreignFiller",
  ]);
  const ids: Record<string, string> = {};
  const suggest = (orgId: string, q: string, as = filler) =>
    as.get(`/library/suggestions?orgId=${orgId}&q=${encodeURIComponent(q)}`);

  beforeAll(async () => {
    // the filler declares the unit's duties of 2025: three activities measured by 执法检查次数, one by 案件办结率
    // with only its four-tier standards written
    const duty = await filler.post("/duties", { orgId: t.world.unit.id, year: 2025, name: "道路交通执法" });
    expect(duty.status).toBe(201);
    ids.duty = duty.body.id;
    const saved = await filler.req("PUT", `/api/v1/duties/${ids.duty}/activities`, {
      version: duty.body.version,
      activities: [
        { name: "日常巡查", indicators: [{ name: "执法检查次数", targetText: "≥50次" }] },
        { name: "重点整治", indicators: [{ name: "执法检查次数", targetText: "≥50次" }] },
        { name: "夜查行动", indicators: [{ name: "执法检查次数", targetText: "≥50次" }] },
        {
          name: "案件办理",
          indicators: [{ name: "案件办结率", standards: { 优: "≥98%", 良: "≥95%", 中: "≥90%", 差: "<90%" } }],
        },
      ],
    });
    expect(saved.status).toBe(200);
    ids.dutyVersion = String(saved.body.version);
    // another bureau's duty under its approved goal: the same indicator, never in the city's library
    const foreign = await insertDuty(t.deps.db, { orgId: t.world.foreign.id, year: 2025, name: "外省职责" });
    await replaceActivities(t.deps.db, foreign.id, [
      { name: "外省活动", indicators: [{ name: "执法检查次数", targetText: "≥5次" }] },
    ]);
    await insertGoal(t.deps.db, { orgId: t.world.foreign.id, year: 2025, workflowState: "approved" });
  });

  it("adds a unit's activity indicators once its department goal of the year is approved, not before", async () => {
    expect((await suggest(t.world.unit.id, "执法检查")).body.items).toEqual([]);

    // the department goal of 2025, with its own 执法检查次数, through the two-step workflow
    const g = (await filler.post("/goals", { orgId: t.world.unit.id, year: 2025, annualGoal: "规范执法" })).body;
    ids.goal = g.id;
    const l1 = (await filler.post(`/goals/${g.id}/indicators`, { level: 1, name: "产出指标" })).body;
    const l2 = (await filler.post(`/goals/${g.id}/indicators`, { level: 2, name: "数量指标", parentId: l1.id })).body;
    const l3 = await filler.post(`/goals/${g.id}/indicators`, {
      level: 3,
      name: "执法检查次数",
      targetText: "≥20次",
      parentId: l2.id,
    });
    expect(l3.status).toBe(201);
    expect((await filler.post(`/goals/${g.id}/submit`, { version: 1 })).body.state).toBe("submitted");
    expect((await approver.post(`/goals/${g.id}/unit-approve`, { version: 2 })).body.state).toBe("unit_approved");
    // submitted and unit-approved is not approved: still nothing
    expect((await suggest(t.world.unit.id, "执法检查")).body.items).toEqual([]);
    expect((await reviewer.post(`/goals/${g.id}/approve`, { version: 3 })).body.state).toBe("approved");

    // 50, 50, 50 from the duties and 20 from the goal: the median is 50
    expect((await suggest(t.world.unit.id, "执法检查")).body.items).toEqual([
      {
        key: "执法检查次数",
        name: "执法检查次数",
        level1: "产出指标",
        level2: "数量指标",
        unit: "次",
        typicalTarget: "≥50次",
        uses: 4,
        match: "prefix",
      },
    ]);
    // no target written: the 优 standard; no 一级/二级 of its own
    expect((await suggest(t.world.unit.id, "案件办结")).body.items).toEqual([
      { key: "案件办结率", name: "案件办结率", unit: "%", typicalTarget: "≥98%", uses: 1, match: "prefix" },
    ]);

    const entries = await reviewer.get(`/library/entries?orgId=${t.world.city.id}&q=${encodeURIComponent("执法检查")}`);
    expect(entries.status).toBe(200);
    const [e] = entries.body.items;
    expect(e.level1).toEqual([{ value: "产出指标", count: 1 }]);
    const unitName = t.world.unit.name;
    expect(
      (e.usedIn as Use[])
        .map((u) => [u.kind, u.name, u.orgName, u.year, u.targetText])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual(
      [
        ["duty", `${unitName} 道路交通执法·日常巡查`, unitName, 2025, "≥50次"],
        ["duty", `${unitName} 道路交通执法·重点整治`, unitName, 2025, "≥50次"],
        ["duty", `${unitName} 道路交通执法·夜查行动`, unitName, 2025, "≥50次"],
        ["goal", `${unitName} 部门整体绩效目标`, unitName, 2025, "≥20次"],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
  });

  it("never shows another bureau's duties, and shows the city's to no other bureau", async () => {
    const foreign = await suggest(t.world.foreign.id, "执法检查", foreignFiller);
    expect(foreign.body.items.map((s: { typicalTarget: string; uses: number }) => [s.typicalTarget, s.uses])).toEqual([
      ["≥5次", 1],
    ]);
    const all = await reviewer.get(`/library/entries?orgId=${t.world.city.id}`);
    const targets = (all.body.items as { usedIn: Use[] }[]).flatMap((x) => x.usedIn.map((u) => u.targetText));
    expect(targets).not.toContain("≥5次");
  });

  it("reviews a project against the duties' history, but a department goal not against its own unit's duties", async () => {
    // ≥20次 against 50, 50, 50 (0.8 × 50 = 40): flagged in a new project of the bureau
    const p = await insertProject(t.deps.db, { orgId: t.world.sibling.id, year: 2025, name: "执法新项目" });
    const a = await insertIndicator(t.deps.db, { projectId: p.id, level: 1, name: "产出指标" });
    const b = await insertIndicator(t.deps.db, { projectId: p.id, level: 2, name: "数量指标", parentId: a.id });
    await insertIndicator(t.deps.db, {
      projectId: p.id,
      level: 3,
      name: "执法检查次数",
      targetText: "≥20次",
      parentId: b.id,
    });
    const project = await reviewer.get(`/reviews/project/${p.id}`);
    const flagged = project.body.findings.filter((f: { rule: string }) => f.rule === "library.target-below-history");
    expect(flagged.map((f: { details: Record<string, string> }) => [f.details.stated, f.details.computed])).toEqual([
      ["20", "50"],
    ]);
    // the goal's ≥20次 has only its own duties of 2025 beside it: no history, no finding
    const goal = await reviewer.get(`/reviews/goal/${ids.goal}`);
    expect(goal.status).toBe(200);
    expect(goal.body.findings.filter((f: { rule: string }) => f.rule === "library.target-below-history")).toEqual([]);
  });

  it("sees a duty's edit at the next question (the kept library refreshes)", async () => {
    const saved = await filler.req("PUT", `/api/v1/duties/${ids.duty}/activities`, {
      version: Number(ids.dutyVersion),
      activities: [
        { name: "日常巡查", indicators: [{ name: "执法检查次数", targetText: "≥80次" }] },
        { name: "案件办理", indicators: [{ name: "案件办结率", targetText: "100%" }] },
      ],
    });
    expect(saved.status).toBe(200);
    // 80 from the duty, 20 from the goal: median 50 — and 案件办结率 now reads its written target
    const checks = (await suggest(t.world.unit.id, "执法检查")).body.items;
    expect(checks.map((s: { uses: number; typicalTarget: string }) => [s.uses, s.typicalTarget])).toEqual([
      [2, "≥50次"],
    ]);
    expect((await suggest(t.world.unit.id, "案件办结")).body.items[0]).toMatchObject({ typicalTarget: "100%" });
  });
});
