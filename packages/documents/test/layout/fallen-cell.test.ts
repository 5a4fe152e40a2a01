/**
 * fallenCellColumn: a lone number on the line under a row goes back to the row's one open number column, and only
 * then (`… 定性 高中低` / `10` under … 度量单位 | 权重(%)).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fallenCellColumn } from "../../src/layout/fallen-cell.ts";
import { type Column, columnOf } from "../../src/layout/shapes.ts";
import { columnField } from "../../src/vocabulary/columns.ts";

const cols = (headers: string[]): Column[] => headers.map((h) => columnOf(h, columnField(h)));
const SICHUAN = cols(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重(%)"]);
const SCORED = cols(["一级指标", "二级指标", "三级指标", "指标值", "分值", "得分"]);

describe("fallenCellColumn", () => {
  it("puts a weight that fell to the next line in the row's empty weight column, for any row that ends before it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 100 }), fc.boolean(), (last, w, first) => {
        const above = ["效益指标", "社会效益指标", "食品安全整体状况", "定性", "高中低", "", ""].map((c, j) =>
          j <= last ? c || "x" : "",
        );
        const earlier = first ? [] : [["产出指标", "数量指标", "培训", "", "2", "", "15"]];
        expect(fallenCellColumn(String(w), above, earlier, SICHUAN)).toBe(6);
      }),
    );
  });

  it("leaves a word that is no number, a row with no open number column, or two open ones alone", () => {
    const above = ["效益指标", "社会效益指标", "食品安全整体状况", "定性", "高中低", "", ""];
    expect(fallenCellColumn("高", above, [], SICHUAN)).toBeUndefined();
    expect(fallenCellColumn("10", [...above.slice(0, 6), "5"], [], SICHUAN)).toBeUndefined();
    // 分值 and 得分 both open: which one is a guess
    expect(fallenCellColumn("10", ["产出指标", "数量指标", "培训", "2", "", ""], [], SCORED)).toBeUndefined();
  });

  it("leaves a column the rows above never fill (a 得分 a goal table leaves blank) alone", () => {
    const earlier = [["产出指标", "数量指标", "培训", "2", "10", ""]];
    expect(fallenCellColumn("3", ["产出指标", "数量指标", "会议", "1", "10", ""], earlier, SCORED)).toBeUndefined();
  });
});
