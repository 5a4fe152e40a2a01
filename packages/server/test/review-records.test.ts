/**
 * Findings of the review API point to the stored rows they concern, on both stores, so that the UI can put each
 * beside its row whatever the rows' order: a vague target → that indicator; weights not summing and a missing
 * 满意度 group → the project itself; a missed target without a reason → that evaluation item; execution behind
 * the year at the latest monitoring figure → that figure; a duty table's findings → its activity rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

interface F {
  rule: string;
  severity: string;
  message: string;
  location: Record<string, unknown>;
  record?: { type: string; id: string; field?: string };
}

describe.each(STORES)("review findings point to stored rows on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);
  let projectId: string;
  const ids: Record<string, string> = {};
  let order = 1;

  async function indicator(parentId: string | undefined, level: number, name: string, extra = {}) {
    const r = await filler.post(`/projects/${projectId}/indicators`, {
      level,
      name,
      parentId,
      sortOrder: order++,
      ...extra,
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  }
  const findings = async (path: string): Promise<F[]> => {
    const r = await filler.get(path);
    expect(r.status).toBe(200);
    return r.body.findings;
  };

  beforeAll(async () => {
    projectId = (
      await filler.post("/projects", {
        orgId: t.world.unit.id,
        year: 2024,
        name: "交通设施维护",
        annualFunds: "1000000.00",
        fiscalFunds: "1000000.00",
        annualGoal: "维护道路交通设施，保障通行安全",
      })
    ).body.id;
    // 产出 and 效益, no 满意度; weights 40 + 30 + 10 = 80, not 100; one target that cannot be measured.
    const out = await indicator(undefined, 1, "产出指标");
    const qty = await indicator(out, 2, "数量指标");
    ids.signs = await indicator(qty, 3, "维修标志标牌数量", { targetText: "≥200块", weight: "40" });
    ids.vague = await indicator(qty, 3, "巡查次数", { targetText: "经常巡查", weight: "30" });
    const eff = await indicator(undefined, 1, "效益指标");
    const soc = await indicator(eff, 2, "社会效益指标");
    ids.safety = await indicator(soc, 3, "道路通行安全", { targetText: "有效保障", weight: "10" });
  });

  it("a vague target points to its indicator; weights not summing and the missing 满意度 to the project", async () => {
    const f = await findings(`/reviews/project/${projectId}`);
    const vague = f.filter((x) => x.rule === "indicator.qualitative-needs-number");
    expect(vague.map((x) => x.record)).toEqual([{ type: "indicator", id: ids.vague }]);
    expect(vague[0]!.message).toContain("经常巡查");
    const groups = f.find((x) => x.rule === "completeness.level1-groups");
    expect(groups?.message).toContain("满意度");
    expect(groups?.record).toEqual({ type: "project", id: projectId });
    const weights = f.find((x) => x.rule === "indicator.weights-sum");
    expect(weights?.message).toMatch(/80.*100/);
    expect(weights?.record).toEqual({ type: "project", id: projectId });
  });

  it("still points to the same row after the rows are re-ordered, and the finding goes once the target is fixed", async () => {
    const v = (await filler.get(`/projects/${projectId}/indicators`)).body.items.find(
      (i: { id: string }) => i.id === ids.vague,
    );
    const moved = await filler.patch(`/indicators/${ids.vague}`, { version: v.version, sortOrder: -1 });
    expect(moved.status).toBe(200);
    const f = await findings(`/reviews/project/${projectId}`);
    const vague = f.find((x) => x.rule === "indicator.qualitative-needs-number");
    expect(vague?.record).toEqual({ type: "indicator", id: ids.vague });
    // Row 1 is now 巡查次数 (it sorts first among its siblings).
    expect(vague?.location.row).toBe(1);
    await filler.patch(`/indicators/${ids.vague}`, { version: moved.body.version, targetText: "≥12次" });
    const after = await findings(`/reviews/project/${projectId}`);
    expect(after.filter((x) => x.rule === "indicator.qualitative-needs-number")).toEqual([]);
  });

  it("execution behind the year at the latest monitoring figure points to that figure", async () => {
    const add = (month: number, executed: string) =>
      filler.post("/execution", {
        orgId: t.world.unit.id,
        year: 2024,
        scope: "project",
        projectId,
        month,
        determinedBudget: "1000000.00",
        executed,
      });
    expect((await add(3, "200000.00")).status).toBe(201);
    const june = await add(6, "250000.00");
    expect(june.status).toBe(201);
    const f = await findings(`/reviews/project/${projectId}`);
    const behind = f.filter((x) => x.rule === "monitoring.execution-behind-schedule");
    // At 30 June 2024 (49.73% of the year) 25.00% executed: 24.73 points behind.
    expect(behind).toHaveLength(1);
    expect(behind[0]!.record).toEqual({ type: "budget_execution", id: june.body.id });
    expect(behind[0]!.message).toContain("2024-06-30");
    expect(behind[0]!.message).toContain("25.00%");
    // Caught up: 40% by the end of June is within 20 points.
    await filler.patch(`/execution/${june.body.id}`, { version: june.body.version, executed: "400000.00" });
    const later = await findings(`/reviews/project/${projectId}`);
    expect(later.filter((x) => x.rule === "monitoring.execution-behind-schedule")).toEqual([]);
  });

  it("a missed target without a deviation reason points to its evaluation item; the funds to the evaluation", async () => {
    const e = (
      await filler.post("/evaluations", {
        kind: "project",
        orgId: t.world.unit.id,
        year: 2024,
        projectId,
        initialBudget: "1000000.00",
        fullYearBudget: "1000000.00",
        executed: "600000.00",
      })
    ).body;
    const row = (name: string, actualText: string, deviationReason: string | null = null) => ({
      level1: "产出指标",
      level2: "数量指标",
      name,
      targetText: "≥200块",
      actualText,
      points: "10",
      statedScore: null,
      deviationReason,
    });
    const saved = await filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, {
      version: e.version,
      items: [row("维修标志标牌数量", "150块"), row("更换护栏数量", "120块", "资金延迟下达"), row("新增标线", "210块")],
    });
    expect(saved.status).toBe(200);
    const items = saved.body.items as { id: string; name: string }[];
    const f = await findings(`/reviews/evaluation/${e.id}`);
    const missed = f.filter((x) => x.rule === "selfeval.missed-without-reason");
    expect(missed.map((x) => x.record)).toEqual([
      { type: "evaluation_item", id: items.find((i) => i.name === "维修标志标牌数量")!.id },
    ]);
    const low = f.find((x) => x.rule === "selfeval.low-execution");
    expect(low?.record).toEqual({ type: "evaluation", id: e.id, field: "funds" });
  });

  it("a duty table's findings point to its activities and activity indicators; no decision is stored on it", async () => {
    const duty = (await filler.post("/duties", { orgId: t.world.unit.id, year: 2024, name: "道路交通管理" })).body;
    const saved = await filler.req("PUT", `/api/v1/duties/${duty.id}/activities`, {
      version: duty.version,
      activities: [
        { name: "交通秩序整治", indicators: [] },
        {
          name: "事故预防",
          indicators: [
            {
              name: "事故下降率",
              targetText: "**",
              standards: { 优: "10%以上", 良: "5%以上", 中: "0以上", 差: "0以下" },
            },
          ],
        },
      ],
    });
    expect(saved.status).toBe(200);
    const [order] = saved.body.activities as { id: string }[];
    const f = await findings(`/reviews/duty/${duty.id}`);
    const none = f.find((x) => x.rule === "completeness.no-indicators");
    expect(none?.record).toEqual({ type: "activity", id: order!.id });
    for (const x of f) expect(x.record, x.rule).toBeDefined();
    const approver = await t.as("approver");
    const d = await approver.post(`/reviews/duty/${duty.id}/decision`, { reviewerVerdict: "优" });
    expect(d.status).toBe(400);
  });
});
