/**
 * A header over two lines whose lower line names the parts of some upper columns, in text of words a line (河北's
 * 2020 预算项目绩效自评表: 预期指标值 over 符号 | 单位(文字描述), 自评得分 over 单项指标得分 | 权重占比(%) |
 * 单项指标折算得分), as a rule over generated grids: either column split or both, other indicators, levels left
 * out under the same 一级 / 二级 (merged cells), the 指标分值 column holding points or a definition. part-columns.ts.
 */
import { INDICATOR_FRAMEWORK } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";
import { placeByParts, withPartColumns } from "../../src/layout/part-columns.ts";
import { findHeaderRun, tableColumns } from "../../src/layout/proposal.ts";
import { renderWords } from "./generate.ts";

const UPPER = [
  "一级指标",
  "二级指标",
  "三级指标",
  "指标分值",
  "预期指标值",
  "单项指标实际完成值",
  "单项指标完成情况",
  "自评得分",
];
const TARGET_PARTS = ["符号", "单位(文字描述)"];
const SCORE_PARTS = ["单项指标得分", "权重占比(%)", "单项指标折算得分"];

/** The columns the parts make: the target's value between its sign and unit, the score replaced by its parts. */
function composed(target: boolean, score: boolean): string[] {
  return UPPER.flatMap((h) =>
    h === "预期指标值" && target ? ["符号", h, "单位(文字描述)"] : h === "自评得分" && score ? SCORE_PARTS : [h],
  );
}

const SUBJECTS = ["补贴发放", "对象审批", "走访慰问", "档案整理", "资金拨付", "政策宣传"];
const MEASURES = ["覆盖率", "完成率", "及时率", "人数", "次数"];
const LEADS = ["享受补贴政策人数占", "按照要求每月完成", "反映"];
const UNITS = ["%(百分比)", "人", "次", "户"];

const indicatorArb = fc.record({
  s: fc.nat(SUBJECTS.length - 1),
  m: fc.nat(MEASURES.length - 1),
  lead: fc.nat(LEADS.length - 1),
  definition: fc.boolean(),
  op: fc.constantFrom(">=", "<=", "="),
  v: fc.integer({ min: 1, max: 999 }),
  unit: fc.nat(UNITS.length - 1),
  done: fc.constantFrom("完成", "未完成"),
  weight: fc.integer({ min: 1, max: 40 }),
  lost: fc.integer({ min: 0, max: 40 }),
});

const LEVEL1 = INDICATOR_FRAMEWORK.slice(0, 3);

/** Groups: a 一级, its 二级 groups, their indicators; each level written on its group's first row only. */
const gridArb = fc
  .array(
    fc.record({
      l1: fc.nat(LEVEL1.length - 1),
      subs: fc.array(fc.record({ l2: fc.nat(), items: fc.array(indicatorArb, { minLength: 1, maxLength: 2 }) }), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((groups) => {
    const rows: { levels: [string, string]; cells: string[] }[] = [];
    for (const g of groups) {
      const l1 = LEVEL1[g.l1]!;
      g.subs.forEach((sub, si) => {
        const l2 = l1.children[sub.l2 % l1.children.length]!.name;
        sub.items.forEach((it, ii) => {
          const name = `${SUBJECTS[it.s]}${MEASURES[it.m]}`;
          const points = `${it.weight}.00`;
          const score = `${Math.max(0, it.weight - (it.lost % (it.weight + 1)))}.00`;
          rows.push({
            levels: [si === 0 && ii === 0 ? l1.name : "", ii === 0 ? l2 : ""],
            cells: [
              name,
              it.definition ? `${LEADS[it.lead]}${SUBJECTS[it.s]}的比例` : points,
              it.op,
              String(it.v),
              UNITS[it.unit]!,
              `${it.v}${UNITS[it.unit] === "%(百分比)" ? "%" : UNITS[it.unit]}`,
              it.done,
              score,
              points,
              `${(it.weight * Number(score)) / 100}`,
            ],
          });
        });
      });
    }
    return rows;
  });

/** A generated row's cells under the composed header (the parts a header does not split are one cell). */
function expected(row: { levels: [string, string]; cells: string[] }, target: boolean, score: boolean): string[] {
  const [name, points, op, v, unit, actual, done, got, weight, weighted] = row.cells as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return [
    ...row.levels,
    name,
    points,
    ...(target ? [op, v, unit] : [`${op}${v}${unit}`]),
    actual,
    done,
    ...(score ? [got, weight, weighted] : [got]),
  ];
}

describe("a header's second line naming the parts of its columns", () => {
  const run = findHeaderRun(UPPER, 3)!;
  const cols = tableColumns("", run);

  it("puts each part under its column: a target's sign and unit round its value, a score's parts in its place", () => {
    const both = withPartColumns(cols, [...TARGET_PARTS, ...SCORE_PARTS], 12)!;
    expect(both.filter((c) => c.header !== "").map((c) => c.header)).toEqual(composed(true, true));
    const score = withPartColumns(cols, SCORE_PARTS, 10)!;
    expect(score.filter((c) => c.header !== "").map((c) => c.header)).toEqual(composed(false, true));
  });

  it("is no reading when the rows are not as wide, or a part is no part of any column", () => {
    expect(withPartColumns(cols, [...TARGET_PARTS, ...SCORE_PARTS], 11)).toBeUndefined();
    expect(withPartColumns(cols, [...TARGET_PARTS, ...SCORE_PARTS], 13)).toBeUndefined();
    // 指标名称 is a column's name, no part of one; a header with no target has nowhere for 符号
    expect(withPartColumns(cols, ["符号", "指标名称"], 9)).toBeUndefined();
    const noTarget = tableColumns("", findHeaderRun(["一级指标", "二级指标", "三级指标", "自评得分"], 3)!);
    expect(withPartColumns(noTarget, ["符号", "单位"], 6)).toBeUndefined();
  });

  it("places a shorter row from the right, leaving only level columns empty", () => {
    const both = withPartColumns(cols, [...TARGET_PARTS, ...SCORE_PARTS], 12)!;
    const words = ["时效指标", "完成率", "按月审批", ">=", "99", "%", "100%", "完成", "25", "25", "6.25"];
    const placed = placeByParts(words, both)!;
    expect(placed.cells.filter((c) => c !== "")).toEqual(words);
    expect(placed.cells[both.findIndex((c) => c.field === "level1")]).toBe("");
    // three words short would leave the names column empty: no such row
    expect(placeByParts(words.slice(2), both)).toBeUndefined();
  });

  it("reads generated grids, words a line, under the composed header", () => {
    fc.assert(
      fc.property(gridArb, fc.boolean(), fc.boolean(), fc.boolean(), (rows, target, score, label) => {
        fc.pre(target || score);
        const parts = [...(target ? TARGET_PARTS : []), ...(score ? SCORE_PARTS : [])];
        const table = { header: composed(target, score), rows: rows.map((r) => expected(r, target, score)) };
        const upper = [...(label ? ["四、年度绩效指标完成情况"] : []), ...UPPER];
        const text = `某县民政局2020年度预算项目绩效自评表\n${renderWords(table, [upper, parts])}\n`;
        const { document } = recoverLayout(text, "h.txt");
        const tables = document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
        expect(tables).toHaveLength(1);
        const grid = tables[0]!.rows.map((r) => r.map((c) => c.text));
        expect(grid[0]).toEqual(composed(target, score));
        expect(grid.slice(1)).toEqual(rows.map((r) => expected(r, target, score)));
      }),
      { numRuns: 60 },
    );
  });
});
