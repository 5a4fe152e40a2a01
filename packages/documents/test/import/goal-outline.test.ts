/**
 * Project goals written as an outline of paragraphs (a goal disclosure whose table a web page flattened): a
 * department's and unit's lines with their amounts, then each project's name and amount, its overview and goal,
 * and its indicator tree as headings and lines — either `一级` / `二级(必填)` headings with each indicator's name and
 * value on lines of their own, or `【一级-二级】` headings with `指标1:名称(值)`. Generated at random; every project
 * comes back with its budget and indicators, under their 一级 and 二级.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const TREE: [string, string[]][] = [
  ["产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
  ["效益指标", ["社会效益指标", "可持续影响指标"]],
  ["满意度指标", ["服务对象满意度指标"]],
];
const NAMES = ["疫苗提供及时率", "机柜数量", "视频监控在线率", "维护及时性", "群众安全感", "办案数量"];
const VALUES = ["100%", "≥77台", "≥90%", "<24小时", "≥0.97", "40%", "2024年12月前"];

interface Gen {
  name: string;
  amount: number;
  groups: { level1: string; level2: string; indicators: { name: string; value: string }[] }[];
}

const projectArb: fc.Arbitrary<Gen> = fc
  .tuple(
    fc.constantFrom("雪亮工程机房租赁", "执法办案费", "狂犬、乙肝等疫苗及美沙酮药物", "交通安全宣传"),
    fc.integer({ min: 1000, max: 99_999_999 }),
    fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 2 }),
        fc.nat(3),
        fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES)), { minLength: 1, maxLength: 3 }),
      ),
      // three headings at least: an outline is recognised from three indicators under the framework's names
      { minLength: 3, maxLength: 5 },
    ),
  )
  .map(([name, amount, gs]) => ({
    name,
    amount,
    groups: gs.map(([g, s, inds]) => ({
      level1: TREE[g]![0],
      level2: TREE[g]![1][s % TREE[g]![1].length]!,
      indicators: inds.map(([n, v]) => ({ name: n, value: v })),
    })),
  }));

function render(projects: Gen[], brackets: boolean): string {
  const out = [
    "某市公安局2025年项目绩效目标和指标",
    "",
    "单位:元",
    "",
    "某市公安局",
    "",
    String(projects.reduce((n, p) => n + p.amount, 0)),
    "",
  ];
  for (const p of projects) {
    out.push(
      "  037001",
      "",
      `  ${p.name}`,
      "",
      String(p.amount),
      "",
      "【项目概况】:该项目为保障业务运转。",
      "",
      "【总体目标】",
      "",
      "保障业务正常运转",
      "",
    );
    for (const g of p.groups) {
      if (brackets) {
        out.push(`【${g.level1}-${g.level2}】`, "");
        g.indicators.forEach((i, k) => {
          out.push(`指标${k + 1}:${i.name}(${i.value})`, "");
        });
      } else {
        out.push(`   ${g.level1}`, "", `    ${g.level2}(必填)`, "");
        for (const i of g.indicators) out.push(`     ${i.name}`, "", i.value, "");
      }
    }
  }
  return out.join("\n");
}

describe("project goals written as an outline", () => {
  it("reads every project's budget and indicators, headings of either style", () => {
    fc.assert(
      fc.property(fc.array(projectArb, { minLength: 1, maxLength: 3 }), fc.boolean(), (projects, brackets) => {
        const r = importDocument(readExtractedText(render(projects, brackets), "outline.txt"));
        expect(r.kinds).toContain("project-goals");
        const read = r.document.projects;
        expect(read.map((p) => [p.name, p.budget?.fen])).toEqual(projects.map((p) => [p.name, String(p.amount * 100)]));
        read.forEach((p, k) => {
          const want = projects[k]!.groups.flatMap((g) =>
            g.indicators.map((i) => [g.level1, g.level2, i.name, i.value]),
          );
          expect(p.indicators.map((i) => [i.level1, i.level2, i.name, i.target?.text])).toEqual(want);
          expect(p.goal).toBe("保障业务正常运转");
        });
      }),
      { numRuns: 60 },
    );
  });
});
