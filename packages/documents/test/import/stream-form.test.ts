/**
 * The stream reader of project self-evaluations: forms generated at random, written the ways web pages and PDF
 * text lose their rows (one cell per paragraph with blank lines between, one cell per line), read back with every
 * indicator, fund and label in place.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

interface Row {
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: string;
  weight: string;
  score: string;
  deviation: string;
}

const GROUPS: [string, string[]][] = [
  ["产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
  ["效益指标", ["社会效益指标", "可持续影响指标"]],
  ["满意度指标", ["服务对象满意度指标"]],
];
const NAMES = ["设备维护点位", "案件办结率", "项目完成及时率", "群众满意度", "道路通行效率", "培训人次", "系统在线率"];

const rowArb = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 3 }),
    fc.constantFrom(...NAMES),
    fc.integer({ min: 1, max: 9999 }),
    fc.constantFrom("个", "%", "人次", "次"),
    fc.integer({ min: 1, max: 30 }),
    fc.boolean(),
  )
  .map(([g, s, name, n, unit, points, missed]): Row => {
    const [level1, subs] = GROUPS[g]!;
    return {
      level1,
      level2: subs[s % subs.length]!,
      name,
      target: `≥${n}${unit}`,
      actual: `${missed ? Math.max(0, n - 1) : n}${unit}`,
      weight: String(points),
      score: String(missed ? points - 1 : points),
      deviation: missed ? "受疫情影响部分工作延后" : "",
    };
  });

/** The form's cells in reading order, merged 一级/二级 written once (their first row), empty cells left out. */
function cells(name: string, rows: Row[]): string[] {
  const out = [
    "项目支出绩效自评表",
    "项目名称",
    name,
    "主管部门",
    "某市公安局",
    "实施单位",
    "某交警支队",
    "项目资金",
    "(万元)",
    "年初",
    "预算数",
    "全年",
    "预算数",
    "全年",
    "执行数",
    "分值",
    "执行率",
    "得分",
    "年度资金总额",
    "120.5",
    "120.5",
    "108.45",
    "10",
    "90%",
    "9",
    "其中:当年财政拨款",
    "120.5",
    "120.5",
    "108.45",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
  ];
  let l1 = "";
  let l2 = "";
  for (const r of rows) {
    if (r.level1 !== l1) {
      out.push(r.level1);
      l1 = r.level1;
      l2 = "";
    }
    if (r.level2 !== l2) {
      out.push(r.level2);
      l2 = r.level2;
    }
    out.push(r.name, r.target, r.actual, r.weight, r.score);
    if (r.deviation) out.push(r.deviation);
  }
  return out;
}

const sorted = (rows: Row[]) =>
  [...rows].sort((a, b) => GROUPS.findIndex((g) => g[0] === a.level1) - GROUPS.findIndex((g) => g[0] === b.level1));

describe("the stream reader of project self-evaluations", () => {
  for (const [layout, join] of [
    ["one cell per paragraph, blank lines between", (c: string[]) => c.join("\n\n")],
    ["one cell per line", (c: string[]) => c.join("\n")],
  ] as const) {
    it(`reads every indicator, the funds and the labels: ${layout}`, () => {
      fc.assert(
        fc.property(fc.array(rowArb, { minLength: 1, maxLength: 12 }), (raw) => {
          const rows = sorted(raw);
          const r = importDocument(readExtractedText(join(cells("道路监控运维", rows)), "s.txt"));
          expect(r.kinds).toContain("project-self-evaluation");
          const [p] = r.document.projectSelfEvaluations;
          expect(p!.name).toBe("道路监控运维");
          expect(p!.department).toBe("某市公安局");
          const total = p!.funds[0]!;
          expect([
            total.initial?.yuan,
            total.budget?.yuan,
            total.executed?.yuan,
            total.rate?.text,
            total.score?.text,
          ]).toEqual(["1205000.00", "1205000.00", "1084500.00", "90%", "9"]);
          expect(
            p!.indicators.map((i) => ({
              level1: i.level1,
              level2: i.level2,
              name: i.name,
              target: i.target?.text,
              actual: i.actual?.text,
              weight: i.weight?.text,
              score: i.score?.text,
              deviation: i.deviation ?? "",
            })),
          ).toEqual(rows);
        }),
        { numRuns: 60 },
      );
    });
  }
});
