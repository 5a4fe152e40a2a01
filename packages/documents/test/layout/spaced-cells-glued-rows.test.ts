/**
 * A docx preview that lost its rows' breaks but kept its cells' spaces (苏州's 市级财政支出项目绩效自评表): the header
 * spaced (项目 类别 指标名称 目标值 权重 实际完成 值 自评分), each row's last cell (a score) glued to the next row's
 * name, the 投入 / 产出 / 结果 sections (`投入目标(28 分)`) in the middle of the rows, a parent heading glued before
 * the first (`项目绩效实现情况(80 分)`), and page marks (`2、`) starting each page's text — the form's head on the
 * pages before the header's. Hand-checked cases, then generated grids of that family.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gluedRowEnds } from "../../src/layout/header-run.ts";
import { recoverLayout } from "../../src/layout/index.ts";
import { renderSpacedCellsGluedRows } from "./generate.ts";

const grids = (text: string) =>
  recoverLayout(text, "r.txt").document.blocks.flatMap((b) =>
    b.type === "table" ? [b.table.rows.map((r) => r.map((c) => c.text))] : [],
  );

/** The header's cells as printed: two wrapped, a space where the line broke. */
const HEADER_CELLS = ["项目 类别", "指标名称", "目标值", "权重", "实际完成 值", "自评分"];
const HEADER = HEADER_CELLS.join(" ");

describe("spaced cells, glued rows", () => {
  it("counts a points-shaped number glued to a name as a row's end, not a value's unit (4人, 757万, 2017年)", () => {
    expect(gluedRowEnds("好 2.8财务制度健全性 健全 2.8 好 2.8专款专用率 =100% 4 =100% 4结果")).toBe(3);
    expect(gluedRowEnds("养护面积 757万平方米 2017年 4人 12次 3个")).toBe(0);
  });

  it("reads the grid with its sections mid-row and the form's head on the page before", () => {
    const text = [
      "1、某市级财政支出项目绩效自评表项目名称 绿地养护 主管部门 某市园林局",
      `2、${HEADER}资金使用合规性 合规 2.8 好 2.8财务制度健全性 健全 2.8 好 2.8预算执行率 95% 2.8 =`,
      "3、98% 2.8项目绩效实现情况(80 分)投入目标(28 分)资金节约率 15% 2.8 15% 2.8设施维护 维护良好 5.6 维护良好 5.6产出目标(28 分)树木保存率 98% 4 98% 4",
    ].join("\n");
    const [grid] = grids(text);
    expect(grid).toBeDefined();
    expect(grid!.slice(0, 2).map((r) => r.slice(0, 2))).toEqual([
      ["项目名称", "绿地养护"],
      ["主管部门", "某市园林局"],
    ]);
    const at = grid!.findIndex((r) => r.includes("指标名称"));
    expect(grid![at]).toEqual(["项目类别", "指标名称", "目标值", "权重", "实际完成值", "自评分"]);
    expect(grid!.slice(at + 1)).toEqual([
      ["", "资金使用合规性", "合规", "2.8", "好", "2.8"],
      ["", "财务制度健全性", "健全", "2.8", "好", "2.8"],
      // the page mark `3、` fell between `=` and `98%`: the cell comes back whole
      ["", "预算执行率", "95%", "2.8", "=98%", "2.8"],
      ["项目绩效实现情况(80 分)投入目标(28 分)", "资金节约率", "15%", "2.8", "15%", "2.8"],
      ["", "设施维护", "维护良好", "5.6", "维护良好", "5.6"],
      ["产出目标(28 分)", "树木保存率", "98%", "4", "98%", "4"],
    ]);
  });

  it("reads no table where a spaced header's rows are not glued (one row a line is another layout's)", () => {
    const text = `${HEADER}\n资金使用合规性 合规 2.8 好 2.8\n财务制度健全性 健全 2.8 好 2.8`;
    const { explain } = recoverLayout(text, "r.txt");
    expect(explain.some((e) => e.candidate === "run-together" && e.chosen)).toBe(false);
  });

  // generated grids of the family: rows of name, target, weight, actual, score; sections before some rows; page
  // marks between rows
  const NAMES = [
    "资金使用合规性",
    "财务制度健全性",
    "资产产权明确性",
    "配套资金到位率",
    "专款专用率",
    "招标过程规范性",
    "设施维护",
    "安全防范",
    "树木保存率",
    "养护垃圾清运及时",
    "绿地面积保有率",
    "相关投诉处理率",
    "整体景观效果",
  ];
  const VALUES = ["合规", "健全", "=100%", "95%", "15%", "日产日清", "维护良好", "提升", "好", "98%"];
  const WEIGHTS = ["2.8", "5.6", "4", "2", "3"];
  const SECTIONS = ["投入目标", "产出目标", "结果目标"];
  const row = fc.record({
    name: fc.constantFrom(...NAMES),
    target: fc.constantFrom(...VALUES),
    weight: fc.constantFrom(...WEIGHTS),
    actual: fc.constantFrom(...VALUES),
    section: fc.option(fc.tuple(fc.constantFrom(...SECTIONS), fc.integer({ min: 4, max: 40 })), { freq: 4 }),
    pageAfter: fc.boolean(),
  });

  it("reads every generated row's name, values and points, whatever sections and page marks fall between", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 3, maxLength: 12 }), (rows) => {
        const text = renderSpacedCellsGluedRows(
          {
            header: HEADER_CELLS,
            rows: rows.map((r) => [
              r.section ? `${r.section[0]}(${r.section[1]} 分)` : "",
              r.name,
              r.target,
              r.weight,
              r.actual,
              r.weight,
            ]),
          },
          "某市级财政支出项目绩效自评表",
          rows.map((r) => r.pageAfter),
        );
        const [grid] = grids(text);
        expect(grid).toBeDefined();
        const at = grid!.findIndex((g) => g.includes("指标名称"));
        const body = grid!.slice(at + 1).filter((g) => g.some((c) => c !== ""));
        expect(body.map((g) => g.slice(1))).toEqual(rows.map((r) => [r.name, r.target, r.weight, r.actual, r.weight]));
        expect(body.map((g) => g[0]!.replace(/\s/g, ""))).toEqual(
          rows.map((r) => (r.section ? `${r.section[0]}(${r.section[1]}分)` : "")),
        );
      }),
      { numRuns: 60 },
    );
  });

  // A grid of three rows has only two glued row ends (one fewer than the layout asks of a text): the header glued to
  // its first row — to the name, or to a section's label before it — is the third junction.
  it("reads a grid of three rows, its first section glued to the header's last name", () => {
    const text = `1、某市级财政支出项目绩效自评表${HEADER}投入目标(4 分)资金使用合规性 合规 2.8 合规 2.8财务制度健全性 健全 2.8 合规 2.8预算执行率 95% 2.8 合规 2.8`;
    const [grid] = grids(text);
    const at = grid!.findIndex((g) => g.includes("指标名称"));
    const body = grid!.slice(at + 1).filter((g) => g.some((c) => c !== ""));
    expect(body.map((g) => g.slice(1))).toEqual([
      ["资金使用合规性", "合规", "2.8", "合规", "2.8"],
      ["财务制度健全性", "健全", "2.8", "合规", "2.8"],
      ["预算执行率", "95%", "2.8", "合规", "2.8"],
    ]);
    expect(body.map((g) => g[0])).toEqual(["投入目标(4 分)", "", ""]);
    // the header on a line of its own: two glued ends are not enough
    const apart = `${HEADER}\n资金使用合规性 合规 2.8 合规 2.8财务制度健全性 健全 2.8 合规 2.8预算执行率 95% 2.8 合规 2.8`;
    const { explain } = recoverLayout(apart, "r.txt");
    expect(explain.some((e) => e.candidate === "run-together" && e.chosen)).toBe(false);
  });
});
