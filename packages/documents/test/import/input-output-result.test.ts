/**
 * 苏州's 市级财政支出项目绩效自评表 and forms of its shape: funds in two lines of one budget (预算执行情况 with 年初 /
 * 调整 / 财政拨款 / 结余, then 资金使用情况 with 财政拨款 / 实际支付 / 结余 / 结转 / 收回), a grid of the 投入 / 产出 /
 * 结果 scheme whose sections stand mid-row with their points, an execution rate stated only as the 预算执行率
 * indicator's actual value, and names that are 二级 words of the national framework (社会效益). Generated forms of
 * that family, rendered as a docx preview gives them (spaced cells, glued rows, page marks), and the rules alone.
 */
import type { ProjectSelfEvaluation } from "@jixiao/core/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportContext } from "../../src/import/context.ts";
import { importDocument } from "../../src/import/index.ts";
import { joinSplitFunds, rateFromIndicator } from "../../src/import/split-funds.ts";
import { readExtractedText } from "../../src/text/index.ts";

const money = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
/** An amount in hundredths of 万元 as the form prints it (万元, two decimals), and in yuan. */
const wan = (hundredths: number) => money(hundredths);
const yuan = (hundredths: number) => money(hundredths * 10_000);

const NAMES = [
  "资金使用合规性",
  "财务制度健全性",
  "专款专用率",
  "招标过程规范性",
  "设施维护",
  "树木保存率",
  "绿地面积保有率",
  "社会效益",
  "整体景观效果",
  "生态效益",
];
const VALUES = ["合规", "健全", "=100%", "95%", "日产日清", "维护良好", "提升", "好"];
const WEIGHTS = ["2.8", "5.6", "4", "2"];

const indicator = fc.record({
  name: fc.constantFrom(...NAMES),
  target: fc.constantFrom(...VALUES),
  actual: fc.constantFrom(...VALUES),
  weight: fc.constantFrom(...WEIGHTS),
});
const form = fc.record({
  budget: fc.integer({ min: 10_000, max: 99_999_999 }),
  paidShare: fc.integer({ min: 50, max: 100 }),
  rate: fc.integer({ min: 60, max: 100 }),
  sections: fc.tuple(
    fc.array(indicator, { minLength: 2, maxLength: 5 }),
    fc.array(indicator, { minLength: 1, maxLength: 4 }),
    fc.array(indicator, { minLength: 1, maxLength: 4 }),
  ),
  pages: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 3 }),
});

/** The form as a docx preview gives it: spaced cells, each row's score glued to the next row's name, page marks. */
type Form = typeof form extends fc.Arbitrary<infer T> ? T : never;

function render(f: Form): { text: string; rows: { weight: string }[] } {
  const paid = Math.floor((f.budget * f.paidShare) / 100);
  const [input, output, result] = f.sections;
  const rateRow = { name: "预算执行率", target: "95%", actual: `=${f.rate}%`, weight: "2.8" };
  const groups: [string, typeof input][] = [
    ["投入目标", [input[0]!, rateRow, ...input.slice(1)]],
    ["产出目标", output],
    ["结果目标", result],
  ];
  const cells: string[] = [];
  const rows: { weight: string }[] = [];
  groups.forEach(([section, list], g) => {
    list.forEach((r, k) => {
      // the section's label in the middle of its rows, as the merged cell's text falls there
      const label =
        k === Math.floor(list.length / 2)
          ? `${g === 0 ? "项目绩效实现情况(80 分)" : ""}${section}(${g * 4 + 12} 分)`
          : "";
      cells.push(`${label}${r.name} ${r.target} ${r.weight} ${r.actual} ${r.weight}`);
      rows.push({ weight: r.weight });
    });
  });
  const head = [
    "某市级财政支出项目绩效自评表项目名称 绿地养护 项目主管部门(单位) 某市园林局",
    `年初预算数当年使用上年结余、结转及当年调整预算数 财政拨款数指标结余数市级预算执行情况(万元) ${wan(f.budget)} 0.00 ${wan(f.budget)} 0.00`,
    `其中:财政拨款数 实际支付数 资金结余、结转数 结转数 财政收回 数市级财政资金使用情况(万元) ${wan(f.budget)} ${wan(paid)} ${wan(f.budget - paid)} 0.00 0.00`,
    "项目 类别 指标名称 目标值 权重 实际完成 值 自评分",
  ].join("");
  // page marks between rows (a preview's pages), the first page's mark at the text's start
  let text = `1、${head}`;
  let page = 1;
  cells.forEach((c, i) => {
    text += c;
    if (f.pages.includes(i) && i < cells.length - 1) text += `\n${++page}、`;
  });
  return { text, rows };
}

describe("the 投入 / 产出 / 结果 form: two funds lines, sections mid-row, the rate as an indicator", () => {
  it("reads the budget, the amount paid, the rate the indicator states and every indicator with its points", () => {
    fc.assert(
      fc.property(form, (f) => {
        const { text, rows } = render(f);
        const r = importDocument(readExtractedText(text, "sz.txt"));
        expect(r.kind).toBe("project-self-evaluation");
        const p = r.document.projectSelfEvaluations[0]!;
        const paid = Math.floor((f.budget * f.paidShare) / 100);
        expect(p.funds[0]?.budget?.yuan).toBe(yuan(f.budget));
        expect(p.funds[0]?.initial?.yuan).toBe(yuan(f.budget));
        expect(p.funds[0]?.executed?.yuan).toBe(yuan(paid));
        expect(p.funds[0]?.rate?.percent).toBe(String(f.rate));
        expect(p.indicators.map((i) => i.weight?.text)).toEqual(rows.map((x) => x.weight));
      }),
      { numRuns: 25 },
    );
  });
});

describe("the rules alone", () => {
  const ctx = () => new ImportContext({ file: "t", format: "pdf-text", blocks: [] });
  const amount = (c: ImportContext, yuan: string) => c.amount(yuan, "万元", { file: "t" });
  const form = (c: ImportContext, lines: [string | undefined, string | undefined][]): ProjectSelfEvaluation => ({
    name: "x",
    indicators: [],
    location: { file: "t" },
    funds: lines.map(([budget, executed], i) => ({
      label: `line ${i}`,
      location: { file: "t" },
      ...(budget ? { budget: amount(c, budget) } : {}),
      ...(executed ? { executed: amount(c, executed) } : {}),
    })),
  });

  it("completes a line with the executed amount of the line after it only when that line repeats its budget", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 1, max: 9_999_999 }), (a, b) => {
        const c = ctx();
        const p = form(c, [
          [money(a), undefined],
          [money(b), money(Math.floor(b / 2))],
        ]);
        joinSplitFunds(c, p);
        expect(p.funds[0]!.executed?.text).toBe(a === b ? money(Math.floor(b / 2)) : undefined);
        expect(p.funds).toHaveLength(2);
      }),
    );
  });

  it("takes the rate from the execution-rate indicator only when the funds state none", () => {
    const c = ctx();
    const p = form(c, [["100.00", "90.00"]]);
    p.indicators = [{ name: "预算执行率", location: { file: "t" }, actual: { text: "=98%" } }];
    rateFromIndicator(c, p);
    expect(p.funds[0]!.rate?.percent).toBe("98");
    p.funds[0]!.rate = { text: "90%", percent: "90" };
    rateFromIndicator(c, p);
    expect(p.funds[0]!.rate?.percent).toBe("90");
    const q = form(c, [["100.00", "90.00"]]);
    q.indicators = [{ name: "专款专用率", location: { file: "t" }, actual: { text: "=100%" } }];
    rateFromIndicator(c, q);
    expect(q.funds[0]!.rate).toBeUndefined();
  });
});
