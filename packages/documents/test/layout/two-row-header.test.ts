/**
 * The national form's indicator header on two rows — `绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差…` over
 * `一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位` — read in order as one run of header cells (a cell a
 * line, or glued `|` lines): the columns come out as the lower row's, then the upper row's right of 年度指标值, and
 * every generated row stands under them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";
import { composeHeaderRows, findHeaderRun } from "../../src/layout/proposal.ts";

const UPPER = ["绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
const LOWER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"];
const COMPOSED = [...LOWER, "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];

const rowArb = fc
  .tuple(
    fc.constantFrom("产出指标", "效益指标", "满意度指标"),
    fc.constantFrom("数量指标", "质量指标", "社会效益指标", "服务对象满意度指标"),
    fc.constantFrom("培训人次", "案件办结率", "群众满意度", "设备在线率"),
    fc.constantFrom("≥", "≤", "="),
    fc.integer({ min: 1, max: 999 }),
    fc.constantFrom("%", "人次", "个"),
    fc.integer({ min: 1, max: 20 }),
  )
  .map(([l1, l2, name, op, v, unit, points]) => [
    l1,
    l2,
    name,
    op,
    String(v),
    unit,
    `${v}${unit}`,
    String(points),
    String(points),
    "",
  ]);

describe("a two-row header read as one run", () => {
  it("composes the columns: the lower row, then the upper row right of the field they share", () => {
    const run = findHeaderRun([...UPPER, ...LOWER], 3)!;
    expect(composeHeaderRows(run).columns.map((c) => c.header)).toEqual(COMPOSED);
    // a header naming no field twice is kept as it is
    const plain = findHeaderRun(COMPOSED, 3)!;
    expect(composeHeaderRows(plain)).toBe(plain);
  });

  it("reads the rows under the composed header, a cell a line", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 6 }), (rows) => {
        const cells = [...UPPER, ...LOWER, ...rows.flatMap((r) => r.filter((c) => c !== ""))];
        const { document } = recoverLayout(`项目支出绩效自评表\n\n${cells.join("\n")}\n`, "h.txt");
        const tables = document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
        expect(tables).toHaveLength(1);
        const grid = tables[0]!.rows.map((r) => r.map((c) => c.text));
        expect(grid[0]).toEqual(COMPOSED);
        expect(grid.slice(1)).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });
});
