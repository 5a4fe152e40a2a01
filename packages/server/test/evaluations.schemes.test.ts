/**
 * A finance bureau's own scoring scheme (issue 12): the reviewer at the top of a tree defines one for its subtree
 * and year (validated by core, a new version each time, audited); the evaluations below are scored with it the
 * next time they are saved, and their stored result names the scheme and version; others keep theirs.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

/** 四川 style: 执行率 10, then 产出 40, 效益 40, 满意度 10 (within the 90 indicator points). */
const SICHUAN = {
  id: "sichuan-2024",
  name: { zh: "四川（执行率10、产出40、效益40、满意度10）", en: "Sichuan 10/40/40/10" },
  extends: "national-project",
  execution: { points: 10 },
  groups: [
    { level1: "output", points: 40 },
    { level1: "effect", points: 40 },
    { level1: "satisfaction", points: 10 },
  ],
};

describe.each(STORES)("scoring schemes of a subtree on %s", (kind) => {
  const { t, filler, reviewer } = appForSuite(kind, ["filler", "reviewer"]);

  /** Saves the record's rows (all met), as the grid does: the record is scored again. */
  const save = async (id: string) => {
    const { version } = (await filler.get(`/evaluations/${id}`)).body;
    const put = await filler.req("PUT", `/api/v1/evaluations/${id}/items`, {
      version,
      items: [
        { level1: "产出指标", name: "产出", targetText: "≥10次", actualText: "10次", points: "50" },
        { level1: "效益指标", name: "效益", targetText: "≥10次", actualText: "10次", points: "30" },
        { level1: "满意度指标", name: "满意度", targetText: "≥90%", actualText: "90%", points: "10" },
      ],
    });
    expect(put.status).toBe(200);
  };
  const evaluation = async (orgId: string) => {
    const e = (
      await filler.post("/evaluations", {
        kind: "department",
        orgId,
        year: 2024,
        fullYearBudget: "100.00",
        executed: "100.00",
      })
    ).body;
    await save(e.id);
    return e.id as string;
  };

  it("refuses a scheme that does not add up, from anyone but the reviewer at the top, listing the problems", async () => {
    const bad = await reviewer.post("/scoring-schemes", {
      orgId: t.world.city.id,
      year: 2024,
      definition: { ...SICHUAN, groups: [{ level1: "output", points: 40 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("scheme_invalid");
    expect(bad.body.error.details.fields.length).toBeGreaterThan(0);
    for (const f of bad.body.error.details.fields) expect(f.path).toMatch(/^definition/);
    // A whole scheme (no `extends`): core's scheme JSON check says what is missing and what does not add up.
    const whole = await reviewer.post("/scoring-schemes", {
      orgId: t.world.city.id,
      year: 2024,
      definition: {
        id: "whole-2024",
        name: { zh: "整套方案", en: "whole" },
        execution: { points: 10, capAt100: true },
        groups: [{ level1: "output", points: 50 }],
      },
    });
    expect(whole.status).toBe(400);
    expect(whole.body.error.details.fields.length).toBeGreaterThan(0);
    for (const f of whole.body.error.details.fields) {
      expect(f.path).toMatch(/^definition/);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const noId = await reviewer.post("/scoring-schemes", {
      orgId: t.world.city.id,
      year: 2024,
      definition: { ...SICHUAN, id: undefined },
    });
    expect(noId.status).toBe(400);
    expect(noId.body.error.details.fields[0].path).toBe("definition.id");
    // a filler, and the reviewer below the top of their tree (the unit) may not
    expect(
      (await filler.post("/scoring-schemes", { orgId: t.world.unit.id, year: 2024, definition: SICHUAN })).status,
    ).toBe(403);
    expect(
      (await reviewer.post("/scoring-schemes", { orgId: t.world.unit.id, year: 2024, definition: SICHUAN })).status,
    ).toBe(403);
  });

  it("defines the scheme for the subtree: evaluations below are scored with it, named with its version, audited", async () => {
    const before = await evaluation(t.world.unit.id);
    const stored0 = (await filler.get(`/evaluations/${before}/scores`)).body;
    expect(stored0.scheme).toMatchObject({ id: "department-2080", version: 0 });

    const r = await reviewer.post("/scoring-schemes", { orgId: t.world.city.id, year: 2024, definition: SICHUAN });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ schemeId: "sichuan-2024", version: 1, orgId: t.world.city.id });
    const again = await reviewer.post("/scoring-schemes", { orgId: t.world.city.id, year: 2024, definition: SICHUAN });
    expect(again.body.version).toBe(2);
    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "scoring_scheme.define"), eq(auditEvents.entityId, r.body.id)));
    expect(audit).toHaveLength(1);

    // The stored result of the older record is what it was until it is saved again (the unit's one department
    // self-evaluation of the year: saved again, not a second one made).
    expect((await filler.get(`/evaluations/${before}/scores`)).body.scheme).toMatchObject({ id: "department-2080" });
    await save(before);
    const s = (await filler.get(`/evaluations/${before}/scores`)).body;
    expect(s.scheme).toMatchObject({ id: "sichuan-2024", version: 2, orgId: t.world.city.id });
    const points = Object.fromEntries(
      s.result.groups.map((g: { level1: string; points: number }) => [g.level1, g.points]),
    );
    expect(points).toEqual({ output: 40, effect: 40, satisfaction: 10 });
    expect(s.result.executionPoints).toBe(10);
    // all met, full execution: the whole 100
    expect(s.result.total).toBe(100);

    const list = await filler.get(`/scoring-schemes?orgId=${t.world.unit.id}&year=2024`);
    expect(list.status).toBe(200);
    expect(list.body.inForce).toMatchObject({ schemeId: "sichuan-2024", version: 2 });
    // another tree keeps its own
    const foreign = await reviewer.get(`/scoring-schemes?orgId=${t.world.foreign.id}&year=2024`);
    expect(foreign.status).toBe(404);
  });
});
