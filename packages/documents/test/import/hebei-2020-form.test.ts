/**
 * 河北's 2020 预算项目绩效自评表 printed as words a line, as a rule over generated forms: the funds as section names
 * (预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)) over label / value pairs (section-funds.ts), and the
 * indicator grid under a header whose second line names the parts of 预期指标值 and 自评得分 (layout/
 * part-columns.ts), its points in 权重占比 when 指标分值 holds each indicator's definition (weight-column.ts).
 * Other amounts, rates, units, indicators and levels each time; the figures come out exactly.
 */
import { INDICATOR_FRAMEWORK } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const SECTIONS = "二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)";
const HEADER =
  "四、年度绩效指标完成情况 一级指标 二级指标 三级指标 指标分值 预期指标值 单项指标实际完成值 单项指标完成情况 自评得分";
const PARTS = "符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分";

const SUBJECTS = ["补贴发放", "对象审批", "走访慰问", "档案整理", "资金拨付", "政策宣传"];
const MEASURES = ["覆盖率", "完成率", "及时率", "人数"];
const LEVEL1 = INDICATOR_FRAMEWORK.slice(0, 3);

/** Yuan of `w` 万元 written with two decimals (6.84 → 68400.00). */
const yuanOf = (fen100: number) => `${fen100 * 100}.00`;
const wan = (fen100: number) => (fen100 / 100).toFixed(2);

const formArb = fc.record({
  budget: fc.integer({ min: 1, max: 99_999 }),
  arrived: fc.integer({ min: 0, max: 99_999 }),
  executed: fc.integer({ min: 0, max: 99_999 }),
  rate: fc.integer({ min: 0, max: 10_000 }),
  definitions: fc.boolean(),
  rows: fc.array(
    fc.record({
      l1: fc.nat(LEVEL1.length - 1),
      l2: fc.nat(),
      s: fc.nat(SUBJECTS.length - 1),
      m: fc.nat(MEASURES.length - 1),
      v: fc.integer({ min: 1, max: 999 }),
      weight: fc.integer({ min: 1, max: 40 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

function text(f: Form) {
  const lines = [
    "某县民政局2020年度预算项目绩效自评表",
    "一、基本情况 项目名称: 高龄津贴 是否为专项资金: 实施(主管)单位 314002-某县民政局机关 金额单位: 万元",
    SECTIONS,
    `预算数 ${wan(f.budget)} 到位数 ${wan(f.arrived)} 执行数 ${wan(f.executed)} ${(f.rate / 100).toFixed(2)}`,
    `其中:财政资金 ${wan(f.budget)} 其中:财政资金 ${wan(f.arrived)} 其中:财政资金 ${wan(f.executed)}`,
    HEADER,
    PARTS,
  ];
  let last: [string, string] = ["", ""];
  f.rows.forEach((r, i) => {
    const l1 = LEVEL1[r.l1]!;
    const l2 = l1.children[r.l2 % l1.children.length]!.name;
    const levels = [last[0] === l1.name ? "" : l1.name, last[0] === l1.name && last[1] === l2 ? "" : l2];
    last = [l1.name, l2];
    const points = `${r.weight}.00`;
    lines.push(
      [
        ...levels,
        `${SUBJECTS[r.s]}${MEASURES[r.m]}${i}`,
        f.definitions ? `反映${SUBJECTS[r.s]}情况的比例` : points,
        ">=",
        String(r.v),
        "%(百分比)",
        "100%",
        "完成",
        points,
        points,
        ((r.weight * r.weight) / 100).toFixed(2),
      ]
        .filter((c) => c !== "")
        .join(" "),
    );
  });
  return `${lines.join("\n")}\n`;
}

type Form = typeof formArb extends fc.Arbitrary<infer T> ? T : never;

describe("河北's 2020 self-evaluation form as words a line", () => {
  it("reads the funds, the indicators and their points of generated forms exactly", () => {
    fc.assert(
      fc.property(formArb, (f) => {
        const r = importDocument(readExtractedText(text(f), "h.txt"));
        expect(r.kinds).toContain("project-self-evaluation");
        const p = r.document.projectSelfEvaluations![0]!;
        const line = p.funds[0]!;
        expect(line.budget?.yuan).toBe(yuanOf(f.budget));
        expect(line.executed?.yuan).toBe(yuanOf(f.executed));
        expect(Number(line.rate?.percent)).toBe(f.rate / 100);
        expect(p.indicators).toHaveLength(f.rows.length);
        expect(p.indicators.map((i) => Number(i.weight?.value))).toEqual(f.rows.map((x) => x.weight));
      }),
      { numRuns: 25 },
    );
  });

  it("reads no funds from pairs that do not match the sections one a section", () => {
    const row = { l1: 0, l2: 0, s: 0, m: 0, v: 98, weight: 25 };
    const base = text({ budget: 684, arrived: 684, executed: 684, rate: 10_000, definitions: true, rows: [row] });
    // as written, the form and its funds are read
    const whole = importDocument(readExtractedText(base, "h.txt")).document.projectSelfEvaluations?.[0];
    expect(whole?.funds[0]?.budget?.yuan).toBe("68400.00");
    // a section's amount missing: four sections, three groups
    const short = base.replace(/预算数 6\.84 到位数 6\.84 执行数 6\.84 100\.00/, "预算数 6.84 到位数 6.84 执行数 6.84");
    // an execution named under the budget's section
    const crossed = base.replace(/预算数 6\.84 到位数 6\.84 执行数 6\.84/, "执行数 6.84 到位数 6.84 预算数 6.84");
    for (const t of [short, crossed]) {
      const r = importDocument(readExtractedText(t, "h.txt"));
      const funds = r.document.projectSelfEvaluations?.[0]?.funds ?? [];
      expect(funds.some((l) => l.budget !== undefined || l.executed !== undefined)).toBe(false);
    }
  });
});
