/**
 * Layouts of the eleventh held-out set, each as a general rule over generated forms:
 * - a national 10/50/30/10 self-evaluation in pipe rows whose funds rows put their label on a line of its own
 *   (`年度资金总额 |`) and their values on the next, an empty money cell dropped (`| 32.4 | 31.69 | 10 | 97.80% | 9 |`:
 *   临翔);
 * - a goal form's funds as a header of columns over a row of values (`专项资金情况 | 本年度预计投入(万元) | 财政资金(万元) |
 *   其他`, perhaps a row of sub-labels, then `| 7 | 0 | 7 | 0 | 0 | 0 |`) and a text cut inside its last row's number
 *   (`| 成本指标 | 补助标准 | 15`: 南岳).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

/** 万元 with two decimals from a whole number of hundredths: `34.64`. */
const wan = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;

// ---- 临翔: a funds row's label on a line of its own, its values on the next ----

const OUTPUTS: [string, string, string, string][] = [
  ["数量指标", "野生动物收容所", "≥200平方米", "204平方米"],
  ["数量指标", "钢结构圈养围栏", "≥120米", "121米"],
  ["时效指标", "项目完工时限", "2023年12月", "2023年10月"],
  ["质量指标", "项目竣工验收率", "100%", "100%"],
];

/**
 * 临翔's rendering: pipe rows; each funds row its label alone (`年度资金总额 |`), then `| budget | executed | points |
 * rate | score |` with the empty 年初预算数 dropped — or kept as an empty cell — and the grid after.
 */
function renderLabelAbove(
  budget: number,
  executed: number,
  rate: string,
  outputs: typeof OUTPUTS,
  keepEmpty: boolean,
  lines: readonly string[],
): string {
  const values = `| ${keepEmpty ? " | " : ""}${wan(budget)} | ${wan(executed)} | 10 | ${rate} | 9 |`;
  const out = [
    "项目支出绩效自评表 |",
    "| ( 2023年度) |",
    "项目名称 | 某某建设项目 |",
    "主管部门 | 某区林业和草原局 | 实施单位 | 某区林业和草原局 |",
    "项目资金 (万元) |",
    "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
    ...lines.flatMap((l) => [`${l} |`, values]),
    "年度 总体 目标 | 预期目标 | 实际完成情况 |",
    "完成建设。 | 完成建设。 |",
    "|",
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
    "|",
  ];
  outputs.forEach(([l2, name, target, actual], k) => {
    out.push(`${k === 0 ? "产出指标 | " : ""}${l2} | ${name} | ${target} | ${actual} | 10 | 10 | 无 |`);
  });
  return out.join("\n");
}

describe("a funds row's label on a line of its own, its values on the next (临翔)", () => {
  it("reads the budget, the executed amount and the stated rate of any such form, anchored on the rate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 999_999 }),
        fc.integer({ min: 1, max: 100 }),
        fc.subarray(OUTPUTS, { minLength: 1 }),
        fc.boolean(),
        fc.constantFrom(
          ["年度资金总额"],
          ["年度资金总额", "其中:当年财政拨款"],
          ["年度资金总额", "其中:当年财政拨款", "其他资金"],
        ),
        (budget, pct, outputs, keepEmpty, lines) => {
          const executed = Math.floor((budget * pct) / 100);
          // the rate as printed, cut to two decimals (the document's own way)
          const hundredths = Math.floor((executed * 10_000) / budget);
          const rate = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}%`;
          const text = renderLabelAbove(budget, executed, rate, outputs, keepEmpty, lines);
          const p = importDocument(readExtractedText(text, "g.txt")).document.projectSelfEvaluations[0];
          expect(p).toBeDefined();
          expect(p!.funds.map((f) => f.label)).toEqual(lines);
          const line = p!.funds[0]!;
          expect(line.budget?.fen).toBe(String(budget * 10_000));
          expect(line.executed?.fen).toBe(String(executed * 10_000));
          expect(line.initial).toBeUndefined();
          expect(Number(line.rate?.percent)).toBe(hundredths / 100);
          expect(line.weight?.value).toBe("10");
          expect(line.score?.value).toBe("9");
          expect(p!.indicators.map((i) => i.name)).toEqual(outputs.map(([, n]) => n));
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ---- 南岳: the funds' header over a row of values; the last row cut open on a number ----

const GOAL_ROWS: [string, string, string][] = [
  ["数量指标", "年度申请就学补助户数", ">=101人/次"],
  ["质量指标", "补助发放准确率", ">=100%"],
  ["时效指标", "就学补助及时发放率", ">=100%"],
  ["数量指标", "受助学生人数", ">=40人"],
];

/** A 申报表 in pipe rows padded with runs of `|`; the text ends inside the 成本指标 row's number when `cut`. */
function renderHeadedFunds(
  caption: string,
  label: string,
  parts: number[] | undefined,
  budget: number,
  rows: typeof GOAL_ROWS,
  cut: string | undefined,
): string {
  const pad = (cells: string[]) => `| ${cells.join(" | ")} | ${"|".repeat(Math.max(1, 9 - cells.length))}`;
  const out = [
    pad(["某某计划绩效目标申报表"]),
    pad(["(2023年度)"]),
    pad(["专项基本情况", "专项名称", "2023年某某补助项目"]),
    pad(["主管部门", "某区乡村振兴局", "专项起止时间", "2023年1月至12月"]),
    pad(["专项概况", "对就读职业技术学校的学生发放就学补助"]),
    pad([caption, label, "财政资金(万元)", "其他"]),
    ...(parts ? [pad(["中央", "省级", "市级资金", "本级"])] : []),
    pad([String(budget), ...(parts ?? [budget, 0]).map(String)]),
    pad(["本年度绩效 目标", "1.对提供就读学籍证明的学生发放就学补助;"]),
    pad(["专项年度绩效指标", "一级指标", "二级指标", "三级指标内容", "指标值及单位"]),
  ];
  rows.forEach(([l2, name, target], k) => {
    out.push(pad([...(k === 0 ? ["产出 指标"] : []), l2, name, target]));
  });
  if (cut !== undefined) out.push(`| 成本指标 | 补助标准 | ${cut}`);
  return out.join("\n");
}

describe("a goal form's funds header over a row of values, its last row cut inside a number (南岳)", () => {
  it("reads the first value under the budget column, and leaves a row the text's end cut inside its number out", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("专项资金情况", "资金情况", "项目资金"),
        fc.constantFrom("本年度预计投入(万元)", "年度资金总额", "资金总额(万元)"),
        fc.integer({ min: 1, max: 99_999 }),
        fc.option(fc.integer({ min: 0, max: 3 })),
        fc.subarray(GOAL_ROWS, { minLength: 2 }),
        fc.option(fc.integer({ min: 1, max: 9999 }).map(String)),
        (caption, label, budget, split, rows, cut) => {
          // the budget split over 中央 / 省级 / 市级 / 本级 (all of it at one level) and 其他 0
          const parts = split === null ? undefined : [0, 1, 2, 3].map((k) => (k === split ? budget : 0)).concat(0);
          const text = renderHeadedFunds(caption, label, parts, budget, rows, cut ?? undefined);
          const doc = importDocument(readExtractedText(text, "g.txt")).document;
          const p = doc.projects[0];
          expect(p).toBeDefined();
          expect(p!.budget?.fen).toBe(String(budget * 1_000_000));
          expect(p!.indicators.map((i) => i.name)).toEqual(rows.map(([, n]) => n));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps a last row closed by its pipe, whatever number it ends with", () => {
    const text = `${renderHeadedFunds("专项资金情况", "年度资金总额", undefined, 7, GOAL_ROWS.slice(0, 2), undefined)}\n| 成本指标 | 补助标准 | 1500 | ||||||`;
    const p = importDocument(readExtractedText(text, "g.txt")).document.projects[0];
    expect(p!.indicators.map((i) => i.name)).toEqual([...GOAL_ROWS.slice(0, 2).map(([, n]) => n), "补助标准"]);
  });
});
