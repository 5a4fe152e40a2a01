/**
 * A grid with points at every level (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分), one cell a paragraph or a
 * line with its merged cells left out: each group head comes with its points, each indicator with its points and
 * score; the rows come back with a group's names and points on its first row only.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";

const HEADER = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"];
const L1 = ["项目决策", "项目管理", "项目绩效", "决策", "管理"];
const L2 = ["项目目标", "决策过程", "资金分配", "资金到位", "资金管理", "组织实施", "项目产出", "业务管理"];
const NAMES = [
  "目标内容",
  "决策依据",
  "分配办法",
  "到位率",
  "到位时效",
  "资金使用",
  "财务管理",
  "管理制度",
  "产出数量",
];

const points = fc.integer({ min: 1, max: 30 });
const grid = fc.array(
  fc.tuple(
    fc.constantFrom(...L1),
    points,
    fc.array(
      fc.tuple(
        fc.constantFrom(...L2),
        points,
        fc.array(fc.tuple(fc.constantFrom(...NAMES), points, fc.integer({ min: 0, max: 30 })), {
          minLength: 1,
          maxLength: 3,
        }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  ),
  { minLength: 1, maxLength: 3 },
);

describe("a grid with points at every level, one cell a paragraph or a line", () => {
  it("comes back row by row, a group's names and points on its first row", () => {
    fc.assert(
      fc.property(grid, fc.constantFrom("\n\n", "\n"), (groups, sep) => {
        const rows: string[][] = [];
        let k = 0;
        for (const [l1, p1, subs] of groups) {
          subs.forEach(([l2, p2, inds], si) => {
            inds.forEach(([n, w, s], ii) => {
              k += 1;
              rows.push([
                si === 0 && ii === 0 ? l1 : "",
                si === 0 && ii === 0 ? String(p1) : "",
                ii === 0 ? l2 : "",
                ii === 0 ? String(p2) : "",
                `${n}${k}`,
                String(w),
                String(Math.min(s, w)),
              ]);
            });
          });
        }
        const text = [
          "某项目绩效自评表",
          "二、绩效评价指标评分",
          ...HEADER,
          ...rows.flatMap((r) => r.filter((c) => c !== "")),
        ].join(sep);
        const tables = recoverLayout(text, "g.txt")
          .document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []))
          .map((t) => t.rows.map((r) => r.map((c) => c.text)));
        expect(tables).toHaveLength(1);
        const g = tables[0]!;
        const h = g.findIndex((r) => r.join("|").includes(HEADER.join("|")));
        expect(h).toBeGreaterThanOrEqual(0);
        const off = g[h]!.indexOf("一级指标");
        expect(g.slice(h + 1).map((r) => r.slice(off, off + HEADER.length))).toEqual(rows);
      }),
      { numRuns: 60 },
    );
  });
});
