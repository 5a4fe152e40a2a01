/**
 * 部门整体绩效自评表 of the 重庆 kind, generated: the department under 主管部门, 自评总分 in the form's head, the
 * funds header on its own row (年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分) and an
 * indicator grid with a 指标性质 column of 定量 / 定性 words, 得分系数, 指标权重 and 指标得分 — rendered as tab rows
 * (PDF text), as `|` rows and as words a line. A grid whose 指标性质 holds operators stays out of this reader.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText, readPdfText } from "../../src/text/index.ts";

const SYLLABLES = [..."宣传培训装备维护系统运行经费保障安全资产管理采购信息公开制度建设"];
const nameArb = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 4, maxLength: 9 }).map((c) => c.join(""));

interface Row {
  name: string;
  unit: string;
  kind: string;
  target: number;
  actual: number;
  weight: number;
  score: number;
  core: string;
}

const rowArb: fc.Arbitrary<Row> = fc
  .record({
    name: nameArb,
    unit: fc.constantFrom("%", "次", "份", "篇"),
    kind: fc.constantFrom("定量指标", "定性指标", "定量"),
    target: fc.integer({ min: 1, max: 100 }),
    actual: fc.integer({ min: 0, max: 100 }),
    weight: fc.integer({ min: 1, max: 10 }),
    core: fc.constantFrom("是", "否"),
  })
  .map((r) => ({ ...r, score: r.actual >= r.target ? r.weight : Math.max(0, r.weight - 1) }));

interface Form {
  department: string;
  rate: number;
  rateWeight: number;
  rows: Row[];
}

const formArb: fc.Arbitrary<Form> = fc.record({
  department: nameArb.map((n) => `${n}中心`),
  rate: fc.integer({ min: 50, max: 100 }),
  rateWeight: fc.constantFrom(10, 20),
  rows: fc.uniqueArray(rowArb, { minLength: 2, maxLength: 8, selector: (r) => r.name }),
});

const rateScore = (f: Form) => String((f.rate * f.rateWeight) / 100);
const total = (f: Form) =>
  String(Math.round((Number(rateScore(f)) + f.rows.reduce((a, r) => a + r.score, 0)) * 100) / 100);

function grid(f: Form, kinds = true): string[][] {
  const head = ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值"];
  return [
    [...head, "得分系数(%)", "指标权重(分)", "指标得分(分)", "是否核心指标"],
    ...f.rows.map((r) => [
      r.name,
      r.unit,
      kinds ? r.kind : "≥",
      `${r.target}${r.unit}`,
      "",
      `${r.actual}${r.unit}`,
      `${Math.round((r.score / r.weight) * 100)}%`,
      String(r.weight),
      String(r.score),
      r.core,
    ]),
  ];
}

function rows(f: Form, kinds = true): string[][] {
  return [
    ["主管部门", f.department],
    ["自评总分(分)", total(f)],
    ["部门联系人", "张三"],
    ["", "年初预算数", "全年预算数", "全年执行数", "执行率(%)", "执行率权重", "执行率得分(分)"],
    ["预算执行情况", "", "", "", `${f.rate}%`, String(f.rateWeight), rateScore(f)],
    ...grid(f, kinds),
  ];
}

const TITLE = "部门整体绩效自评表";
const renderings: [string, (f: Form, kinds?: boolean) => string, "pdf" | "text"][] = [
  ["tab rows", (f, k) => [TITLE, ...rows(f, k).map((r) => r.join("\t"))].join("\n"), "pdf"],
  ["| rows", (f, k) => [TITLE, ...rows(f, k).map((r) => `| ${r.join(" | ")} |`)].join("\n"), "text"],
];

describe("重庆 部门整体绩效自评表 (generated)", () => {
  for (const [layout, render, reader] of renderings) {
    it(`reads the department, rate, its weight and score, the indicators and the stated total (${layout})`, () => {
      fc.assert(
        fc.property(formArb, (f) => {
          const text = render(f);
          const doc = reader === "pdf" ? readPdfText(text, "d.txt") : readExtractedText(text, "d.txt");
          const r = importDocument(doc);
          expect(r.kind).toBe("department-self-evaluation");
          const d = r.document.departmentSelfEvaluation!;
          expect(d.organisation).toBe(f.department);
          expect(d.budget?.rate?.percent).toBe(String(f.rate));
          expect(d.budgetPoints?.value).toBe(String(f.rateWeight));
          expect(d.budget?.score?.value).toBe(rateScore(f));
          expect(d.totalScore?.value).toBe(total(f));
          expect(d.indicators.map((i) => [i.name, i.weight?.value, i.score?.value])).toEqual(
            f.rows.map((x) => [x.name, String(x.weight), String(x.score)]),
          );
        }),
        { numRuns: 30 },
      );
    });
  }

  it("leaves a grid whose 指标性质 holds operators to the 部门整体支出 reader", () => {
    fc.assert(
      fc.property(formArb, (f) => {
        const r = importDocument(readPdfText(renderings[0]![1](f, false), "d.txt"));
        expect(r.document.departmentSelfEvaluation).toBeUndefined();
      }),
      { numRuns: 20 },
    );
  });

  it("takes 主管部门 for the department only in a form titled 部门整体", () => {
    const f: Form = {
      department: "融媒体中心",
      rate: 76,
      rateWeight: 10,
      rows: [
        { name: "宣传活动", unit: "次", kind: "定量指标", target: 10, actual: 12, weight: 10, score: 10, core: "是" },
        { name: "制度建设", unit: "%", kind: "定性指标", target: 90, actual: 95, weight: 5, score: 5, core: "否" },
      ],
    };
    const text = rows(f)
      .map((r) => r.join("\t"))
      .join("\n");
    expect(importDocument(readPdfText(`${TITLE}\n${text}`, "d.txt")).kind).toBe("department-self-evaluation");
    expect(importDocument(readPdfText(`绩效自评表\n${text}`, "d.txt")).document.departmentSelfEvaluation).toBe(
      undefined,
    );
  });
});
