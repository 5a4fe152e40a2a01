/**
 * Layouts of the sixth held-out set, each as a general rule over generated forms:
 * - one cell a line ending with ` |` where a row's left-out cells are counted by the pipes after its last cell: a row
 *   with none left out has no pipes to close it, and ends where it is as wide as the rows closed before it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";
import { renderPipeCellsFull, tableArb } from "./generate.ts";

const filled = (r: string[]) => r.filter((c) => c !== "");

describe("one cell a line, left-out cells counted by the pipes after a row's last cell", () => {
  it("ends a full row, which no pipes close, where it is as wide as the rows before it", () => {
    fc.assert(
      fc.property(tableArb, fc.constantFrom("项目名称", "资金名称", "专项名称"), (t, label) => {
        // rows that leave no cell out (their last column filled) beside rows that do
        const rows = t.rows.map((r, k) => (k % 2 === 0 ? [...r.slice(0, -1), r[r.length - 1] || "按计划完成"] : r));
        const head = [["某项目区域绩效目标表"], [label, "农业发展专项资金"]];
        const text = `附件\n${renderPipeCellsFull({ ...t, rows }, head)}\n`;
        const grids = recoverLayout(text, "g.txt")
          .document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []))
          .map((tb) => tb.rows.map((r) => r.map((c) => c.text)));
        const grid = grids.find((g) => g.some((r) => r.join() === t.header.join()));
        expect(grid).toBeDefined();
        const at = grid!.findIndex((r) => r.join() === t.header.join());
        // each row of the page is a row of the grid, none glued to the next (where its cells stand is the
        // readers' business: a row padded to the header's width is kept as it stands)
        expect(grid!.slice(at).map(filled)).toEqual([t.header, ...rows].map(filled));
        expect(grid!.slice(at).every((r) => r.length === t.header.length)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
