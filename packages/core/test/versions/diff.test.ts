import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyVersionDiff,
  diffVersions,
  isEmptyDiff,
  normalizeVersionValue,
  type VersionRow,
  type VersionSnapshot,
} from "../../src/versions/diff.ts";

/** Seed 004's 2024年度教育训练 as a filler first submits it (a few of its indicator rows). */
function submitted(): VersionSnapshot {
  return {
    fields: { name: "2024年度教育训练", annualFunds: "500000.00", annualGoal: "组织全体民警辅警开展培训" },
    rows: [
      {
        id: "r1",
        level1: "产出指标",
        level2: "数量指标",
        name: "组织培训人数",
        values: { targetText: "≥100人", points: "10.0000" },
      },
      {
        id: "r2",
        level1: "产出指标",
        level2: "成本指标",
        name: "培训费",
        values: { targetText: "≤500元/人/天", points: "10.0000" },
      },
      {
        id: "r3",
        level1: "满意度指标",
        level2: "服务对象满意度指标",
        name: "学员满意度",
        values: { targetText: "≥90百分比", points: null },
      },
    ],
  };
}

describe("diffVersions on a returned project and its fix", () => {
  it("lists the changed target with its values before and after, and nothing else", () => {
    const before = submitted();
    const after = submitted();
    after.rows[0]!.values.targetText = "≥132人";
    const d = diffVersions(before, after);
    expect(d.fields).toEqual([]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]!.after.name).toBe("组织培训人数");
    expect(d.changed[0]!.changes).toEqual([{ field: "targetText", before: "≥100人", after: "≥132人" }]);
  });

  it("lists project fields that changed, and a field that appears or disappears", () => {
    const before = submitted();
    const after = submitted();
    after.fields.annualFunds = "450000.00";
    after.fields.midTermGoal = "三年内全员轮训";
    delete after.fields.annualGoal;
    expect(diffVersions(before, after).fields).toEqual([
      { field: "annualFunds", before: "500000.00", after: "450000.00" },
      { field: "annualGoal", before: "组织全体民警辅警开展培训", after: undefined },
      { field: "midTermGoal", before: undefined, after: "三年内全员轮训" },
    ]);
  });

  it("matches rows by id even when renamed and moved, and reports the rename", () => {
    const before = submitted();
    const after = submitted();
    const [r1, r2, r3] = after.rows as [VersionRow, VersionRow, VersionRow];
    r2.name = "培训费用标准";
    after.rows = [r3, r2, r1];
    const d = diffVersions(before, after);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed.map((c) => [c.beforeIndex, c.afterIndex, c.changes])).toEqual([
      [1, 1, [{ field: "name", before: "培训费", after: "培训费用标准" }]],
    ]);
  });

  it("matches rows without ids (or with new ids) by level1/level2/name", () => {
    const before = submitted();
    const after = submitted();
    for (const r of before.rows) r.id = null;
    after.rows = after.rows.map((r, i) => ({ ...r, id: `new-${i}`, values: { ...r.values } }));
    after.rows[2]!.values.points = "5";
    const d = diffVersions(before, after);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed.map((c) => [c.after.name, c.changes])).toEqual([
      ["学员满意度", [{ field: "points", before: null, after: "5" }]],
    ]);
  });

  it("lists rows added and removed, with their indexes", () => {
    const before = submitted();
    const after = submitted();
    const removed = after.rows.splice(1, 1)[0]!;
    const added: VersionRow = {
      id: "r9",
      level1: "产出指标",
      level2: "数量指标",
      name: "专题讲座次数",
      values: { targetText: "每季度1次", points: "5" },
    };
    after.rows.push(added);
    const d = diffVersions(before, after);
    expect(d.removed).toEqual([{ beforeIndex: 1, row: removed }]);
    expect(d.added).toEqual([{ afterIndex: 2, row: added }]);
    expect(d.changed).toEqual([]);
  });

  it("pairs two rows of the same names in order", () => {
    const row = (target: string): VersionRow => ({
      level1: "产出指标",
      level2: "质量指标",
      name: "合格率",
      values: { targetText: target },
    });
    const d = diffVersions(
      { fields: {}, rows: [row("≥90%"), row("≥95%")] },
      { fields: {}, rows: [row("≥90%"), row("≥98%")] },
    );
    expect(d.changed.map((c) => [c.beforeIndex, c.afterIndex, c.changes[0]?.after])).toEqual([[1, 1, "≥98%"]]);
  });

  it("takes empty values as one, decimals by value, and never compares ids", () => {
    expect(normalizeVersionValue(null)).toBe("");
    expect(normalizeVersionValue(undefined)).toBe("");
    expect(normalizeVersionValue("  ")).toBe("");
    expect(normalizeVersionValue("10.0000")).toBe("10");
    expect(normalizeVersionValue("007.50")).toBe("7.5");
    expect(normalizeVersionValue("-0.00")).toBe("0");
    expect(normalizeVersionValue("+3")).toBe("3");
    expect(normalizeVersionValue(12)).toBe("12");
    expect(normalizeVersionValue("≥100人")).toBe("≥100人");
    const before = submitted();
    const after = submitted();
    after.fields.id = "another";
    after.rows[0]!.values.points = "10";
    after.rows[2]!.values.points = "";
    expect(isEmptyDiff(diffVersions(before, after))).toBe(true);
  });
});

describe("applyVersionDiff", () => {
  it("rebuilds the fixed version from the returned one and leaves the returned one as it was", () => {
    const before = submitted();
    const copy = structuredClone(before);
    const after = submitted();
    after.rows[0]!.values.targetText = "≥132人";
    after.rows.splice(2, 1);
    after.fields.annualFunds = "450000.00";
    const rebuilt = applyVersionDiff(before, diffVersions(before, after));
    expect(rebuilt).toEqual(after);
    expect(before).toEqual(copy);
  });
});

const text = fc.oneof(fc.constantFrom("", " ", "≥100人", "10", "10.00", "培训费"), fc.string({ maxLength: 4 }));
const value = fc.oneof(text, fc.constant(null), fc.constant(undefined), fc.integer({ min: -3, max: 3 }), fc.boolean());
const values = fc.dictionary(fc.constantFrom("targetText", "points", "unit", "description"), value, { maxKeys: 4 });
const row: fc.Arbitrary<VersionRow> = fc.record({
  id: fc.option(fc.constantFrom("a", "b", "c", "d", "e"), { nil: null }),
  level1: fc.option(fc.constantFrom("产出指标", "效益指标"), { nil: null }),
  level2: fc.option(fc.constantFrom("数量指标", "质量指标"), { nil: undefined }),
  name: fc.constantFrom("组织培训人数", "培训费", "学员满意度", " 培训费"),
  values,
});
/** Stored rows have unique ids within a version: a repeated id is dropped (the row is then matched by names). */
function uniqueIds(rows: VersionRow[]): VersionRow[] {
  const seen = new Set<string>();
  return rows.map((r) => {
    if (!r.id || !seen.has(r.id)) {
      if (r.id) seen.add(r.id);
      return r;
    }
    return { ...r, id: null };
  });
}
const snapshot: fc.Arbitrary<VersionSnapshot> = fc.record({
  fields: fc.dictionary(fc.constantFrom("name", "annualFunds", "annualGoal", "id"), value, { maxKeys: 4 }),
  rows: fc.array(row, { maxLength: 7 }).map(uniqueIds),
});

describe("diffVersions properties", () => {
  it("a version does not differ from itself", () => {
    fc.assert(
      fc.property(snapshot, (a) => isEmptyDiff(diffVersions(a, structuredClone(a)))),
      { numRuns: 500 },
    );
  });

  it("applying diff(a, b) to a describes b: nothing differs from b, and the rows are as many", () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const rebuilt = applyVersionDiff(a, diffVersions(a, b));
        expect(diffVersions(rebuilt, b)).toEqual({ fields: [], added: [], removed: [], changed: [] });
        expect(rebuilt.rows).toHaveLength(b.rows.length);
      }),
      { numRuns: 500 },
    );
  });

  it("every row is accounted for once: added + paired = rows after, removed + paired = rows before", () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const d = diffVersions(a, b);
        const unchangedPairs = a.rows.length - d.removed.length - d.changed.length;
        expect(b.rows.length - d.added.length - d.changed.length).toBe(unchangedPairs);
        expect(unchangedPairs).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
