/**
 * A run-together goal form whose head glues its labels and values without a separator (甘肃 省级部门预算项目支出绩效
 * 目标表, OCR'd: `…项目总投资20万元中央补助安排0省级财政安排0其他资金20万元预算申报数20万元资金性质一般公共预算…`), the
 * grid glued after it, perhaps the next form's head after the grid: generated forms. The budget is the amount glued
 * after the budget label, exactly; the multi-year total and the other parts are passed over.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gluedBudget } from "../../src/import/form-budget.ts";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

/** Fen as the amount's text in 万元 (up to 6 decimals, trailing zeros dropped). */
function wan(fen: bigint): string {
  const s = fen.toString().padStart(7, "0");
  const frac = s.slice(-6).replace(/0+$/, "");
  return frac === "" ? s.slice(0, -6) : `${s.slice(0, -6)}.${frac}`;
}

const GRID =
  "一级指标二级指标三级指标指标目标值产出指标数量指标免费开放天数=300天质量指标考核指标完成率=100%满意度指标服务对象满意度指标服务对象满意度≥99%";

function text(label: string, budget: bigint, total: bigint, other: bigint, nextForm: boolean): string {
  const head =
    `省级部门预算项目支出绩效目标表(2023年度)一级项目名称文化事业发展专项资金项目类型新增项目项目主管部门嘉峪关市文化和旅游局` +
    `项目开始日期2023-01-01项目总投资${wan(total)}万元中央补助安排0省级财政安排0其他资金${wan(other)}万元` +
    `${label}${wan(budget)}万元资金性质一般公共预算基本情况保障博物馆正常运转`;
  const next = nextForm ? "省级部门预算项目支出绩效目标表2023年度项目名称博物馆提升改造项目项目总投资174.78万元" : "";
  return `文本内容:\n${head}${GRID}${next}`;
}

describe("a budget glued to its label in a run-together head", () => {
  it("finds the amount after the budget label, not after 项目总投资 or 其他资金", () => {
    expect(gluedBudget("项目总投资20万元中央补助安排0省级财政安排0其他资金20万元预算申报数18.5万元资金性质")).toEqual({
      amount: "18.5",
      unit: "万元",
    });
    expect(gluedBudget("项目总投资20万元其他资金20万元资金性质一般公共预算")).toBeUndefined();
  });

  it("for any such head, the budget comes back exactly", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("预算申报数", "年度资金总额", "预算数", "当年年度预算", "年度预算资金"),
        fc.bigInt({ min: 1n, max: 99_999_999n }),
        fc.bigInt({ min: 1n, max: 999_999_999n }),
        fc.bigInt({ min: 0n, max: 99_999_999n }),
        fc.boolean(),
        (label, budget, total, other, nextForm) => {
          const p = importDocument(readExtractedText(text(label, budget, total, other, nextForm), "goal.txt")).document
            .projects[0]!;
          expect(p.budget?.fen).toBe(budget.toString());
        },
      ),
      { numRuns: 40 },
    );
  });
});
