/** Self-evaluation scores by core's rules, stored on save and served beside the stated ones, on both stores. */
import { describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("self-evaluation scores on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);

  it("computes the suggested score per item, group sums, total and grade when the items are saved and on read", async () => {
    const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "培训项目" })).body;
    const created = await filler.post("/evaluations", {
      kind: "project",
      projectId: p.id,
      orgId: t.world.unit.id,
      year: 2024,
      fullYearBudget: "1000000.00",
      executed: "900000.00",
      executionPoints: "10",
      statedTotal: "95",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const e = created.body;
    const saved = await filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, {
      version: 1,
      items: [
        {
          level1: "产出指标",
          level2: "数量指标",
          name: "培训人次",
          targetText: "≥100人次",
          actualText: "80人次",
          points: "50",
          statedScore: "50",
        },
        {
          level1: "效益指标",
          level2: "社会效益指标",
          name: "事故下降",
          targetText: "≥5%",
          actualText: "6%",
          points: "30",
          statedScore: "30",
        },
        {
          level1: "满意度指标",
          level2: "服务对象满意度指标",
          name: "群众满意度",
          targetText: "≥90%",
          actualText: "95%",
          points: "10",
          statedScore: "10",
        },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.computedTotal).not.toBeNull();
    const items = saved.body.items as { name: string; computedScore: string | null; statedScore: string }[];
    expect(items[0]!.computedScore).toBe("40.0000"); // 80 of 100: 80% of 50 points, stated 50
    expect(items[1]!.computedScore).toBe("30.0000");

    const s = await filler.get(`/evaluations/${e.id}/scores`);
    expect(s.status).toBe(200);
    expect(s.body.computable).toBe(true);
    const r = s.body.result;
    expect(r.indicators[0]).toMatchObject({ name: "培训人次", score: 40, statedScore: 50, difference: 10 });
    expect(r.executionRate).toBe("90.00");
    expect(r.groups.length).toBeGreaterThanOrEqual(3);
    expect(r.total).toBe(Number(saved.body.computedTotal));
    expect(r.statedTotal).toBe(95);
    expect(typeof r.grade).toBe("string");
    expect(s.body.itemIds).toEqual(items.map((_, i) => (saved.body.items[i] as { id: string }).id));
  });

  it("says plainly when nothing can be scored yet", async () => {
    const e = (await filler.post("/evaluations", { kind: "department", orgId: t.world.unit.id, year: 2024 })).body;
    const s = await filler.get(`/evaluations/${e.id}/scores`);
    expect(s.status).toBe(200);
    expect(s.body.computable).toBe(false);
    expect(s.body.problems.length).toBeGreaterThan(0);
  });

  it("leaves a record whose rows hold no actual value or score unscored (未评分), not 0 and 差, until one is entered", async () => {
    const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "未填项目" })).body;
    const e = (
      await filler.post("/evaluations", {
        kind: "project",
        projectId: p.id,
        orgId: t.world.unit.id,
        year: 2024,
        fullYearBudget: "1000000.00",
        executed: "0.00",
        executionPoints: "10",
      })
    ).body;
    const row = { level1: "产出指标", level2: "数量指标", name: "培训人次", targetText: "≥100人次", points: "90" };
    const empty = await filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, { version: 1, items: [row] });
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.body.computedTotal).toBeNull();
    expect(empty.body.computedGrade).toBeNull();
    const listed = await filler.get(`/evaluations?orgId=${t.world.unit.id}&year=2024`);
    const mine = (listed.body.items ?? listed.body).find((x: { id: string }) => x.id === e.id);
    expect(mine.computedGrade).toBeNull();
    const s = await filler.get(`/evaluations/${e.id}/scores`);
    expect(s.body.computable).toBe(false);
    expect(s.body.problems.map((x: { message: string }) => x.message).join()).toContain("未评分");
    // one actual value entered: scored
    const filled = await filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, {
      version: empty.body.version,
      items: [{ ...row, actualText: "120人次" }],
    });
    expect(filled.status, JSON.stringify(filled.body)).toBe(200);
    expect(filled.body.computedTotal).not.toBeNull();
    expect(filled.body.computedGrade).not.toBeNull();
  });
});
