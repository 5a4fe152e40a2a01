/**
 * The head of a goal form whose funds labels carry a year word or name the project's amount and the level of
 * government paying its fiscal part (湖北 黄石 批复表: `项目金额 | 164万元 | 其中:当年市级财政资金 | 132万元`; 重庆 奉节
 * 审批表: `项目总预算 | 100`, `当年年度预算 | 100`, `其中:财政资金 | 100`): generated forms in pipe rows with such labels,
 * the amount's unit in the cell or in the head's note. The budget and the fiscal part come back exactly, in fen.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { fundsPart } from "../../src/vocabulary/funds-labels.ts";

const YEAR_WORDS = ["", "当年", "本年", "本年度"];
const BUDGET_LABELS = ["项目金额", "年度预算", "年度资金总额", "预算数"];
const LEVELS = ["市级", "县级", "区级", "省级", "中央", "市", "省", "县", "本级", "上级"];

/** Fen as the amount's text in 万元 (up to 6 decimals, trailing zeros dropped). */
function wan(fen: bigint): string {
  const s = fen.toString().padStart(7, "0");
  const frac = s.slice(-6).replace(/0+$/, "");
  return frac === "" ? s.slice(0, -6) : `${s.slice(0, -6)}.${frac}`;
}

function form(head: string[][], unitNote: boolean): string {
  const width = 6;
  const row = (cells: string[]) => `${[...cells, ...Array(Math.max(0, width - cells.length)).fill("")].join(" | ")} |`;
  return [
    row(["项目支出绩效目标批复表"]),
    row(["(2022年度)"]),
    ...(unitNote ? [row(["预算单位:", "某市委党校", "金额单位:万元"])] : []),
    row(["项目名称", "主体班", "项目负责人", ""]),
    ...head.map(row),
    row(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]),
    row(["产出指标", "数量指标", "主体班培训人次", "280人次"]),
    row(["质量指标", "培训完成率", "100%"]),
    row(["满意度指标", "服务对象满意度指标", "培训学员满意度", "≥95%"]),
  ].join("\n");
}

const read = (text: string) => importDocument(readExtractedText(text, "goal.txt")).document.projects[0]!;

describe("funds labels with a year word, 项目金额 and a fiscal part named by its level", () => {
  it("reads the 黄石 head (项目金额 164万元, 其中:当年市级财政资金 132万元)", () => {
    const p = read(form([["项目金额", "164万元", "其中:当年市级财政资金", "132万元"]], false));
    expect(p.budget?.yuan).toBe("1640000.00");
    expect(p.funding?.fiscal?.yuan).toBe("1320000.00");
  });

  it("reads the 奉节 head (当年年度预算 under 项目总预算, the unit in the head's note)", () => {
    const p = read(
      form(
        [
          ["项目总预算", "300", "财政资金预算分类", "一般公共预算"],
          ["当年年度预算", "100"],
          ["其中:财政资金", "100"],
          ["其中:其它资金", "0"],
        ],
        true,
      ),
    );
    expect(p.budget?.yuan).toBe("1000000.00");
  });

  it("knows a label with or without its year word as the same part", () => {
    for (const year of YEAR_WORDS) {
      for (const level of LEVELS) expect(fundsPart(`其中:${year}${level}财政资金`)).toBe("fiscal");
      expect(fundsPart(`${year}项目金额`)).toBe("budget");
      expect(fundsPart(`${year}上年结转`)).toBe("carryOver");
    }
    // a year word alone, or before one character, is no label
    expect(fundsPart("当年")).toBeUndefined();
  });

  it("for any such head, the budget and its fiscal part come back exactly", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...YEAR_WORDS),
        fc.constantFrom(...BUDGET_LABELS),
        fc.constantFrom(...YEAR_WORDS),
        fc.constantFrom(...LEVELS),
        fc.bigInt({ min: 1n, max: 9_999_999_99n }),
        fc.bigInt({ min: 0n, max: 100n }),
        fc.boolean(),
        fc.boolean(),
        (year, label, fiscalYear, level, fen, share, unitInCell, oneRow) => {
          const fiscal = (fen * share) / 100n;
          const amount = (f: bigint) => (unitInCell ? `${wan(f)}万元` : wan(f));
          const budgetPair = [`${year}${label}`, amount(fen)];
          const fiscalPair = [`其中:${fiscalYear}${level}财政资金`, amount(fiscal)];
          const head = oneRow ? [[...budgetPair, ...fiscalPair]] : [budgetPair, fiscalPair];
          const p = read(form(head, !unitInCell));
          expect(p.budget?.fen).toBe(fen.toString());
          expect(p.funding?.fiscal?.fen).toBe(fiscal.toString());
        },
      ),
      { numRuns: 80 },
    );
  });

  it("does not take a multi-year or last year's amount for the year's budget, whatever its year word", () => {
    for (const label of ["当年中期预算", "本年上年结转资金"]) {
      const p = read(form([[label, "193.8"]], true));
      expect(p.budget).toBeUndefined();
    }
  });
});
