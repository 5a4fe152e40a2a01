/**
 * A goal form's budget written as a label and its value in the middle of a head row, beside other label / value
 * pairs (天津 宁河: `主管预算部门 | 天津市宁河区教育局 | 项目预算金额(万元) | 193.8 |`): generated forms in pipe rows
 * with the budget label spelled in the ways forms name the project's budget amount (项目预算金额, 预算金额, 项目预算总额…),
 * its unit in the label, at any place in the row. The budget comes back exactly, in fen.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const BUDGET_LABELS = ["项目预算金额", "预算金额", "项目预算总额", "预算资金金额", "项目预算资金总额", "预算总额"];
const OTHER_PAIRS: [string, string][] = [
  ["主管预算部门", "天津市宁河区教育局"],
  ["实施单位", "宁河区幼儿园管理中心"],
  ["项目属性", "经常性项目"],
];

/** Fen as the amount's text in 万元 (up to 6 decimals, trailing zeros dropped) or 元 (2 decimals). */
function written(fen: bigint, unit: "万元" | "元"): string {
  const digits = unit === "万元" ? 6 : 2;
  const s = fen.toString().padStart(digits + 1, "0");
  const frac = s.slice(-digits).replace(/0+$/, "");
  return frac === "" ? s.slice(0, -digits) : `${s.slice(0, -digits)}.${frac}`;
}

const yuanText = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;

function form(head: string[], name: string): string {
  const width = 5;
  const row = (cells: string[]) => `${[...cells, ...Array(Math.max(0, width - cells.length)).fill("")].join(" | ")} |`;
  return [
    row(["项目绩效目标表"]),
    row(["(2020年度)"]),
    row(["项目名称", name]),
    row(head),
    row(["绩 效 指 标", "一级指标", "二级指标", "三级指标", "指标值"]),
    row(["产出指标", "数量指标", "补贴幼儿园数量", "20个"]),
    row(["质量指标", "补贴发放合规率", "≥95%"]),
    row(["满意度指标", "服务对象满意度指标", "受益租户满意度", "≥95%"]),
  ].join("\n");
}

describe("a budget label with its value inside a head row", () => {
  it("reads the 宁河 head row (项目预算金额(万元) | 193.8 after the department)", () => {
    const text = form(
      ["主管预算部门", "天津市宁河区教育局", "项目预算金额(万元)", "193.8"],
      "2020年非营利性民办园房租补贴",
    );
    const p = importDocument(readExtractedText(text, "goal.txt")).document.projects[0]!;
    expect(p.budget?.yuan).toBe("1938000.00");
    expect(p.organisation?.name).toBe("天津市宁河区教育局");
  });

  it("for any head row holding a budget label and its amount among other pairs, the budget comes back exactly", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUDGET_LABELS),
        fc.constantFrom<"万元" | "元">("万元", "元"),
        fc.bigInt({ min: 1n, max: 99_999_999_99n }),
        fc.subarray(OTHER_PAIRS, { maxLength: 1 }),
        fc.boolean(),
        (label, unit, fen, others, budgetFirst) => {
          // a 万元 amount is written to the 分 (at most 6 decimals); 元 to 2
          const pair = [`${label}(${unit})`, written(fen, unit)];
          const rest = others.flat();
          const head = budgetFirst ? [...pair, ...rest] : [...rest, ...pair];
          const p = importDocument(readExtractedText(form(head, "学前教育补助"), "goal.txt")).document.projects[0]!;
          expect(p.budget?.fen).toBe(fen.toString());
          expect(p.budget?.yuan).toBe(yuanText(fen));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("does not take a multi-year or last year's amount for the year's budget", () => {
    for (const label of ["中期预算金额(万元)", "上年预算金额(万元)"]) {
      const text = form(["主管预算部门", "天津市宁河区教育局", label, "193.8"], "学前教育补助");
      const p = importDocument(readExtractedText(text, "goal.txt")).document.projects[0]!;
      expect(p.budget).toBeUndefined();
    }
  });
});
