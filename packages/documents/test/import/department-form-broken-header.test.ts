/**
 * A 部门整体支出绩效自评表 as a county page copies it (安徽 金寨): pipe rows padded with `|` to the page's width, the
 * title and the year as rows of the table, the department under a `部门` label, the funds header's row label broken
 * onto its own line (`预算资金 (万元) |`), and the indicator header broken over lines where its cells wrap (`年度 指标值
 * |`, `实际 完成值 |`), with the project form's column names (年度指标值 / 实际完成值 / 分值 / 得分). Generated at random:
 * the form is read as a department self-evaluation with its funds and every indicator, spending above the budget
 * included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const WIDTH = 13;
const row = (cells: string[]) => `${cells.join(" | ")} |${"|".repeat(Math.max(0, WIDTH - cells.length))}`;

/** 万元 text of an amount in fen with 2 decimals of 万元 (fen a multiple of 100 元). */
const wan = (hundredYuan: number) => `${Math.floor(hundredYuan / 100)}.${String(hundredYuan % 100).padStart(2, "0")}`;
const yuan = (hundredYuan: number) => `${hundredYuan * 100}.00`;

const indicatorArb = fc.record({
  name: fc.constantFrom(
    "开展精品示范村建设数量",
    "建设美丽宜居自然村庄数量",
    "户用卫生厕所改造验收通过率",
    "完成验收时间",
  ),
  target: fc.constantFrom("≥200", "≤4", "≥95%", "9月前"),
  actual: fc.constantFrom("202", "4", "100%", "7月"),
  weight: fc.integer({ min: 1, max: 10 }),
});

describe("a department-wide self-evaluation in pipe rows with headers broken over lines", () => {
  it("for any such form, the funds and every indicator are read", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10_000, max: 999_999 }),
        fc.integer({ min: 10_000, max: 999_999 }),
        fc.array(indicatorArb, { minLength: 1, maxLength: 6 }),
        (budget, executed, indicators) => {
          // the rate as the form prints it: executed / budget, half up to 2 decimals (integer arithmetic)
          const bp = BigInt(executed) * 100_000n;
          const q = (bp / BigInt(budget) + 5n) / 10n;
          const rate = `${q / 100n}.${String(q % 100n).padStart(2, "0")}`;
          const lines = [
            row(["部门整体支出绩效自评表"]),
            row(["(2023年度)"]),
            row(["部门", "某县美丽乡村建设服务中心"]),
            "预算资金 (万元) |",
            row(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]).replace(/\|$/, ""),
            row(["年度资金总额", wan(budget), wan(budget), wan(executed), "10", `${rate}%`]),
            "绩 效 指 标 |",
            "一级指标 | 二级指标 | 三级指标 | 年度 指标值 |",
            "实际 完成值 |",
            row(["分值", "得分", "偏差原因分析及改进措施"]),
            ...indicators.map((x, i) =>
              row([
                ...(i === 0 ? ["产出指标", "数量指标"] : []),
                `指标${i + 1}:${x.name}`,
                x.target,
                x.actual,
                String(x.weight),
                String(x.weight),
              ]),
            ),
          ];
          const r = importDocument(readExtractedText(lines.join("\n"), "dept.txt"));
          expect(r.kinds).toContain("department-self-evaluation");
          const e = r.document.departmentSelfEvaluation!;
          expect(e.organisation).toBe("某县美丽乡村建设服务中心");
          expect(e.budget?.initial?.yuan).toBe(yuan(budget));
          expect(e.budget?.budget?.yuan).toBe(yuan(budget));
          expect(e.budget?.executed?.yuan).toBe(yuan(executed));
          expect(e.budget?.rate?.percent).toBe(rate);
          expect(e.budgetPoints?.value).toBe("10");
          expect(e.indicators.map((i) => [i.name, i.target?.text, i.actual?.text, i.weight?.value])).toEqual(
            indicators.map((x, i) => [`指标${i + 1}:${x.name}`, x.target, x.actual, String(x.weight)]),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
