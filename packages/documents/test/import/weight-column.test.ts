/**
 * A grid header naming two points columns (河北's 2020 自评表: 指标分值, and 权重占比(%) under 自评得分): the
 * indicators' points are read from the one holding them (weight-column.ts). The whole form is read in
 * hebei-2020-form.test.ts.
 */
import { describe, expect, it } from "vitest";
import { weightColumnByRows } from "../../src/import/weight-column.ts";
import type { Table } from "../../src/model/table.ts";

describe("the points column of a grid naming two", () => {
  const table = (rows: string[][]): Table => ({
    rows: rows.map((r) => r.map((text) => ({ text }))),
    location: { file: "t.txt" },
  });
  const header = ["三级指标", "指标分值", "实际完成值", "得分", "权重占比(%)"];
  const columns = new Map([
    ["name", 0],
    ["weight", 1],
    ["actual", 2],
    ["score", 3],
  ] as const);

  it("is the second when the first holds no points and the second holds points in every row", () => {
    const t = table([
      header,
      ["覆盖率", "覆盖对象的比例", "100%", "25", "25"],
      ["满意度", "满意程度", "95%", "10", "10"],
    ]);
    const read = weightColumnByRows(t, header, { start: 1, end: 3 }, new Map(columns));
    expect(read.columns.get("weight")).toBe(4);
  });

  it("stays the first when it holds points, or the second does not in every row", () => {
    const first = table([header, ["覆盖率", "20", "100%", "25", "25"], ["满意度", "满意程度", "95%", "10", "10"]]);
    expect(weightColumnByRows(first, header, { start: 1, end: 3 }, new Map(columns)).columns.get("weight")).toBe(1);
    const second = table([header, ["覆盖率", "比例", "100%", "25", "25"], ["满意度", "满意程度", "95%", "10", "高"]]);
    expect(weightColumnByRows(second, header, { start: 1, end: 3 }, new Map(columns)).columns.get("weight")).toBe(1);
  });
});
