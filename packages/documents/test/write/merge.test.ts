/**
 * The writer's own merge (xlsx.ts `mergeCells`): the same merges exceljs would make, the same refusal of an overlap,
 * without exceljs's check of every earlier merge. Checked against exceljs's own merges on random non-overlapping
 * rectangles, and through a written and re-read workbook.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeCells } from "../../src/write/xlsx.ts";

type Rect = { top: number; left: number; bottom: number; right: number };

/** Rectangles on a grid of bands, so none overlaps: band k spans rows 3k+1..3k+3. */
const rects = fc
  .array(
    fc.record({
      rows: fc.integer({ min: 1, max: 3 }),
      left: fc.integer({ min: 1, max: 6 }),
      cols: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((bands) =>
    bands
      .map((b, k): Rect => ({ top: 3 * k + 1, left: b.left, bottom: 3 * k + b.rows, right: b.left + b.cols - 1 }))
      .filter((r) => r.bottom > r.top || r.right > r.left),
  );

function mergesOf(ws: ExcelJS.Worksheet): string[] {
  return [...(ws.model as { merges: string[] }).merges].sort();
}

describe("xlsx mergeCells", () => {
  it("makes exactly the merges exceljs makes", () => {
    fc.assert(
      fc.property(rects, (list) => {
        const ours = new ExcelJS.Workbook().addWorksheet("a");
        const theirs = new ExcelJS.Workbook().addWorksheet("a");
        for (const r of list) {
          mergeCells(ours, r.top, r.left, r.bottom, r.right);
          theirs.mergeCells(r.top, r.left, r.bottom, r.right);
        }
        expect(mergesOf(ours)).toEqual(mergesOf(theirs));
        expect(mergesOf(ours)).toHaveLength(list.length);
      }),
      { numRuns: 50 },
    );
  });

  it("refuses a merge over cells already merged, naming the cell", () => {
    const ws = new ExcelJS.Workbook().addWorksheet("a");
    mergeCells(ws, 2, 2, 4, 3);
    expect(() => mergeCells(ws, 4, 3, 5, 5)).toThrow(/row 4, column 3/);
    expect(() => mergeCells(ws, 1, 1, 2, 2)).toThrow(/row 2, column 2/);
    // The refused merges left nothing behind: the cells around are still free.
    mergeCells(ws, 5, 4, 6, 5);
    expect(mergesOf(ws)).toEqual(["B2:C4", "D5:E6"]);
  });

  it("keeps every merge of a large sheet through a write and a read", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("a");
    const rows = 3000;
    for (let top = 1; top <= rows; top += 3) {
      ws.getCell(top, 1).value = `一级${top}`;
      mergeCells(ws, top, 1, top + 2, 1);
      mergeCells(ws, top, 2, top, 4);
    }
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(await wb.xlsx.writeBuffer()) as unknown as ExcelJS.Buffer);
    const read = mergesOf(back.worksheets[0]!);
    expect(read).toHaveLength((rows / 3) * 2);
    expect(read).toContain(`A${rows - 2}:A${rows}`);
    expect(back.worksheets[0]!.getCell(rows - 2, 1).value).toBe(`一级${rows - 2}`);
  });
});
