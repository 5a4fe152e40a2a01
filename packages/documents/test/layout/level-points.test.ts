/**
 * A grid with points at every level (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分), one cell a paragraph or a
 * line with its merged cells left out: each group head comes with its points, each indicator with its points and
 * score; the rows come back with a group's names and points on its first row only.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";
import { LEVEL_POINTS_HEADER, levelPointsArb, levelPointsRows } from "./generate.ts";

describe("a grid with points at every level, one cell a paragraph or a line", () => {
  it("comes back row by row, a group's names and points on its first row", () => {
    fc.assert(
      fc.property(levelPointsArb, fc.constantFrom("\n\n", "\n"), (groups, sep) => {
        const rows = levelPointsRows(groups);
        const text = [
          "某项目绩效自评表",
          "二、绩效评价指标评分",
          ...LEVEL_POINTS_HEADER,
          ...rows.flatMap((r) => r.filter((c) => c !== "")),
        ].join(sep);
        const tables = recoverLayout(text, "g.txt")
          .document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []))
          .map((t) => t.rows.map((r) => r.map((c) => c.text)));
        expect(tables).toHaveLength(1);
        const g = tables[0]!;
        const h = g.findIndex((r) => r.join("|").includes(LEVEL_POINTS_HEADER.join("|")));
        expect(h).toBeGreaterThanOrEqual(0);
        const off = g[h]!.indexOf("一级指标");
        expect(g.slice(h + 1).map((r) => r.slice(off, off + LEVEL_POINTS_HEADER.length))).toEqual(rows);
      }),
      { numRuns: 60 },
    );
  });
});
