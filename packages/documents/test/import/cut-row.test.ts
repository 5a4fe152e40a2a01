/**
 * A text that stops inside a row: the half row is not read as an indicator (it would be scored as if its actual
 * value or score were missing), and a warning says where the text stops. Forms generated at random, written as
 * pipe rows and cut at any point inside the last indicator row; a whole text keeps every row.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const NAMES = ["设备维护点位", "案件办结率", "项目完成及时率", "群众满意度", "道路通行效率", "培训人次", "系统在线率"];

const rowArb = fc
  .tuple(fc.constantFrom(...NAMES), fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 30 }))
  .map(([name, n, points]) => ({
    name,
    target: `≥${n}个`,
    actual: `${n}个`,
    weight: String(points),
    score: String(points),
  }));

function form(rows: { name: string; target: string; actual: string; weight: string; score: string }[]): string {
  const lines = [
    "| 项目支出绩效自评表 |",
    "| 项目名称 | 道路监控运维 | | |",
    "| 主管部门 | 某市公安局 | 实施单位 | 某交警支队 |",
    "| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
    "| 年度资金总额 | 120.5 | 120.5 | 108.45 | 10 | 90% | 9 |",
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
    ...rows.map((r) => `| 产出指标 | 数量指标 | ${r.name} | ${r.target} | ${r.actual} | ${r.weight} | ${r.score} | |`),
  ];
  return lines.join("\n");
}

describe("a text that stops inside a row", () => {
  it("reads every complete row and leaves the cut one out, with a warning", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 2, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rows, at) => {
          const whole = form(rows);
          const lastLine = whole.slice(whole.lastIndexOf("\n") + 1);
          // cut after the name and before the score: somewhere in `| 目标 | 实际 | 分值 |`
          const from = lastLine.indexOf(rows[rows.length - 1]!.name) + rows[rows.length - 1]!.name.length;
          const to = lastLine.lastIndexOf(rows[rows.length - 1]!.score);
          const cut = whole.length - lastLine.length + from + Math.floor(at * (to - from));
          const r = importDocument(readExtractedText(whole.slice(0, cut), "cut.txt"));
          const [p] = r.document.projectSelfEvaluations;
          expect(p!.indicators.map((i) => i.name)).toEqual(rows.slice(0, -1).map((x) => x.name));
          expect(r.problems.some((x) => x.code === "text_cut")).toBe(true);

          const full = importDocument(readExtractedText(whole, "whole.txt"));
          expect(full.document.projectSelfEvaluations[0]!.indicators).toHaveLength(rows.length);
          expect(full.problems.some((x) => x.code === "text_cut")).toBe(false);
        },
      ),
      { numRuns: 50 },
    );
  });
});
