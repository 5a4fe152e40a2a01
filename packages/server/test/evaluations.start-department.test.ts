/**
 * Starting a 部门整体 self-evaluation (issue 13, POST /evaluations/department), on both stores: the rows are the
 * level-3 indicators of the year's department goal (its latest revision) with their level-1/2 names, targets and
 * points, the scheme's proposal where the goal states none; one request, one transaction, audited; one per
 * organisation and year (a second start, also two at once, is refused); only a filler of the organisation starts it;
 * without a goal (or without its indicators) it says so.
 */
import { BUILTIN_SCHEMES, suggestPoints } from "@jixiao/core";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import type { Client } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("starting the department self-evaluation on %s", (kind) => {
  const { t, filler, filler2, approver, reviewer, foreignFiller } = appForSuite(kind, [
    "filler",
    "filler2",
    "approver",
    "reviewer",
    "foreignFiller",
  ]);

  /** A department goal of the unit for the year with rows (一级, 二级, 三级, 指标值, 分值 or none). */
  async function goal(c: Client, orgId: string, year: number, rows: [string, string, string, string, string?][]) {
    const g = await c.post("/goals", { orgId, year, annualGoal: "保障各项工作正常运转。" });
    expect(g.status).toBe(201);
    const ids = new Map<string, string>();
    // in the order written, as the goal's grid sends them
    let sortOrder = 0;
    for (const [l1, l2, name, targetText, weight] of rows) {
      if (!ids.has(l1)) {
        const r = await c.post(`/goals/${g.body.id}/indicators`, {
          level: 1,
          parentId: null,
          name: l1,
          sortOrder: sortOrder++,
        });
        ids.set(l1, r.body.id);
      }
      if (!ids.has(`${l1}/${l2}`)) {
        const r = await c.post(`/goals/${g.body.id}/indicators`, {
          level: 2,
          parentId: ids.get(l1),
          name: l2,
          sortOrder: sortOrder++,
        });
        ids.set(`${l1}/${l2}`, r.body.id);
      }
      const r = await c.post(`/goals/${g.body.id}/indicators`, {
        level: 3,
        parentId: ids.get(`${l1}/${l2}`),
        name,
        targetText,
        sortOrder: sortOrder++,
        ...(weight ? { weight } : {}),
      });
      expect(r.status).toBe(201);
    }
    return g.body.id as string;
  }

  let unit: string;
  beforeAll(() => {
    unit = t.world.unit.id;
  });

  it("without a goal, or with one without indicators, it says what to write first", async () => {
    const none = await filler.post("/evaluations/department", { orgId: unit, year: 2025 });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain("尚无部门整体绩效目标");
    await filler.post("/goals", { orgId: unit, year: 2025, annualGoal: "目标" });
    const empty = await filler.post("/evaluations/department", { orgId: unit, year: 2025 });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain("尚无三级指标");
    expect((await filler.get("/evaluations?year=2025&kind=department")).body.items).toEqual([]);
  });

  it("a filler starts it from the goal's indicators: rows, points (proposed where none), scheme, audit; once", async () => {
    await goal(filler, unit, 2024, [
      ["产出指标", "数量指标", "保障执勤车辆数", "≥60辆", "40"],
      ["效益指标", "社会效益指标", "警务保障响应及时率", "≥95%"],
      ["满意度指标", "服务对象满意度指标", "民警满意度", "≥90%", "10"],
    ]);
    // only a filler of the organisation: refused to its approver and reviewer, not found for another's filler
    for (const c of [approver, reviewer]) {
      expect((await c.post("/evaluations/department", { orgId: unit, year: 2024 })).status).toBe(403);
    }
    expect((await foreignFiller.post("/evaluations/department", { orgId: unit, year: 2024 })).status).toBe(404);
    const r = await filler.post("/evaluations/department", { orgId: unit, year: 2024 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: "department", orgId: unit, year: 2024, scheme: "department-2080" });
    expect(r.body.state).toBe("draft");
    const items = r.body.items as {
      name: string;
      level1: string;
      level2: string;
      targetText: string;
      points: string;
    }[];
    expect(items.map((i) => [i.level1, i.level2, i.name, i.targetText])).toEqual([
      ["产出指标", "数量指标", "保障执勤车辆数", "≥60辆"],
      ["效益指标", "社会效益指标", "警务保障响应及时率", "≥95%"],
      ["满意度指标", "服务对象满意度指标", "民警满意度", "≥90%"],
    ]);
    // the goal's points as written; the scheme's proposal (core's) for the row without
    const proposed = suggestPoints(BUILTIN_SCHEMES["department-2080"]!, ["产出指标", "效益指标", "满意度指标"]);
    expect(items.map((i) => Number(i.points))).toEqual([40, Number(proposed[1]), 10]);
    // the stored record reads the same, and the create is audited with its rows
    const read = await filler.get(`/evaluations/${r.body.id}`);
    expect(read.body.items.map((i: { name: string }) => i.name)).toEqual(items.map((i) => i.name));
    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.entityId, r.body.id));
    expect(audit.map((a) => a.action)).toEqual(["evaluation.create"]);
    expect(JSON.stringify(audit[0]!.after)).toContain("保障执勤车辆数");

    // a second start (another filler of the unit) is refused, and nothing more is made
    const again = await filler2.post("/evaluations/department", { orgId: unit, year: 2024 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("已有部门整体自评");
    const list = await filler.get(`/evaluations?orgId=${unit}&year=2024&kind=department`);
    expect(list.body.items).toHaveLength(1);
  });

  it("two starts at once make one self-evaluation", async () => {
    const other = await t.as("foreignFiller");
    const foreign = t.world.foreign.id;
    await goal(other, foreign, 2024, [["产出指标", "数量指标", "新增监控点位", "≥40个", "20"]]);
    const both = await Promise.all([
      other.post("/evaluations/department", { orgId: foreign, year: 2024 }),
      foreignFiller.post("/evaluations/department", { orgId: foreign, year: 2024 }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const list = await other.get(`/evaluations?orgId=${foreign}&year=2024&kind=department`);
    expect(list.body.items).toHaveLength(1);
  });
});
