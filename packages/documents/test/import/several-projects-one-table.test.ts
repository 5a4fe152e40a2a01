/**
 * Several projects' goal forms printed one after another in one table (天津 河北区人民法院's page: each project opens
 * with its unit line `207101… | 单位:万元`, then 项目名称, 预算数 | 20.00 | 其中:财政资金 | 20.00, the use, 绩效目标 and
 * its grid, with no break before the next project's head). Generated at random as pipe rows (a merged 一级 left out
 * so the row starts with its 二级 and ends with an extra `|`, or kept as an empty cell): every project comes back on
 * its own, with its name, budget and exactly its own indicators — none of the next project's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { projectStarts } from "../../src/import/project-heads.ts";
import { readExtractedText } from "../../src/text/index.ts";

const GROUPS: [string, string[]][] = [
  ["产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
  ["效益指标", ["社会效益指标", "可持续影响指标"]],
  ["满意度指标", ["服务对象满意度指标"]],
];
const NAMES = ["维修面积", "验收合格率", "资金支付及时率", "案件调解率", "补助发放及时率", "干警满意度"];
const PROJECTS = ["安全隐患维修", "办案业务费", "执法装备购置", "审判辅助事务外包", "信息化运维"];
const HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"];

interface GenIndicator {
  group: number;
  sub: number;
  name: string;
  value: string;
}
interface GenProject {
  name: string;
  wan: string;
  indicators: GenIndicator[];
}

const indicatorArb: fc.Arbitrary<GenIndicator> = fc.record({
  group: fc.integer({ min: 0, max: 2 }),
  sub: fc.integer({ min: 0, max: 3 }),
  name: fc.constantFrom(...NAMES),
  value: fc.oneof(
    fc.integer({ min: 1, max: 100 }).map((n) => `≥${n}百分比`),
    fc.integer({ min: 1, max: 999 }).map((n) => `${n}件`),
    fc.constant("持续影响"),
  ),
});

const projectArb: fc.Arbitrary<GenProject> = fc.record({
  name: fc.constantFrom(...PROJECTS),
  wan: fc
    .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 99 }))
    .map(([w, f]) => `${w}.${String(f).padStart(2, "0")}`),
  indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 7 }),
});

/** 0.01 万元 = 100 元: the 元 amount of a `w.ff` 万元 text, exactly. */
const yuanOf = (wan: string) => {
  const [w, f] = wan.split(".");
  return `${BigInt(w!) * 10000n + BigInt(f!) * 100n}.00`;
};

/** How each project's head opens above its 项目名称: the unit line, the form's title as a row, or nothing. */
type Head = "unit" | "title" | "none";
const HEADS: Record<Head, string[]> = {
  unit: ["207101天津市河北区人民法院 | 单位:万元 | |||||"],
  title: ["项目支出绩效目标表 | ||||||", "207101天津市河北区人民法院 | 单位:万元 | |||||"],
  none: [],
};

function render(projects: GenProject[], dropMerged: boolean, head: Head = "unit"): string {
  const lines = ["天津市河北区人民法院", "项目支出绩效目标表", "(2023年)"];
  for (const p of projects) {
    lines.push(...HEADS[head]);
    lines.push(`项目名称 | ${p.name} | |||||`);
    lines.push(`预算规模及资金用途 | 预算数 | ${p.wan} | 其中:财政 资金 | ${p.wan} | 其他资金 | |`);
    lines.push("用于维修审判楼玻璃幕墙等 | ||||||");
    lines.push("绩效目标 | 1.维修审判大楼玻璃幕墙等,消除安全隐患。 |");
    lines.push(`${HEADER.join(" | ")} |`);
    let last = "";
    for (const ind of p.indicators) {
      const [l1, subs] = GROUPS[ind.group]!;
      const l2 = subs[ind.sub % subs.length]!;
      const cells = [ind.name, ind.name, ind.value];
      if (l1 !== last) lines.push(`${[l1, l2, ...cells].join(" | ")} |`);
      else if (dropMerged) lines.push(`${[l2, ...cells].join(" | ")} | |`);
      else lines.push(`${["", l2, ...cells].join(" | ")} |`);
      last = l1;
    }
  }
  return lines.join("\n");
}

describe("several projects' goal forms in one table", () => {
  it("the page of two projects (the second's head under the first's grid) reads as two projects", () => {
    const text = render(
      [
        {
          name: "安全隐患维修",
          wan: "20.00",
          indicators: [
            { group: 0, sub: 0, name: "维修面积", value: "≥400平方米" },
            { group: 0, sub: 1, name: "验收合格率", value: "≥98百分比" },
            { group: 2, sub: 0, name: "干警满意度", value: "≥95百分比" },
          ],
        },
        {
          name: "办案业务费",
          wan: "24.00",
          indicators: [{ group: 0, sub: 0, name: "案件调解率", value: "≥90百分比" }],
        },
      ],
      true,
    );
    const r = importDocument(readExtractedText(text, "page.txt"));
    expect(r.kinds).toContain("project-goals");
    const ps = r.document.projects;
    expect(ps.map((p) => p.name)).toEqual(["安全隐患维修", "办案业务费"]);
    expect(ps.map((p) => p.budget?.yuan)).toEqual(["200000.00", "240000.00"]);
    expect(ps.map((p) => p.indicators.map((i) => i.name))).toEqual([
      ["维修面积", "验收合格率", "干警满意度"],
      ["案件调解率"],
    ]);
    // 百分比 after the number is a percentage
    expect(ps[0]!.indicators[1]!.target?.parsed).toMatchObject({ op: ">=", value: 98, unit: "%" });
    // the use on its own row under 预算规模及资金用途
    expect(ps[0]!.purpose).toBe("用于维修审判楼玻璃幕墙等");
  });

  it("a 项目名称 with no grid above it starts no project; one after a grid does, with its unit line", () => {
    const one = readExtractedText(render([{ name: "信息化运维", wan: "1.00", indicators: [] }], true), "p.txt");
    const two = readExtractedText(
      render(
        [
          { name: "信息化运维", wan: "1.00", indicators: [{ group: 0, sub: 0, name: "维修面积", value: "5件" }] },
          { name: "办案业务费", wan: "2.00", indicators: [{ group: 0, sub: 0, name: "维修面积", value: "6件" }] },
        ],
        false,
      ),
      "p.txt",
    );
    const tableOf = (d: typeof one) => d.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []))[0]!;
    expect(projectStarts(tableOf(one))).toEqual([]);
    const t = tableOf(two);
    const starts = projectStarts(t);
    expect(starts).toHaveLength(1);
    // the second project starts at its unit line, the row right above its 项目名称
    expect(t.rows[starts[0]!]!.map((c) => c.text)).toContain("单位:万元");
    expect(t.rows[starts[0]! + 1]!.map((c) => c.text)).toContain("办案业务费");
  });

  it("generated pages of two or three projects: each project keeps its own name, budget and indicators", () => {
    fc.assert(
      fc.property(
        fc.array(projectArb, { minLength: 2, maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom<Head>("unit", "title", "none"),
        (projects, dropMerged, head) => {
          const r = importDocument(readExtractedText(render(projects, dropMerged, head), "page.txt"));
          const ps = r.document.projects;
          expect(ps.map((p) => p.name)).toEqual(projects.map((p) => p.name));
          expect(ps.map((p) => p.budget?.yuan)).toEqual(projects.map((p) => yuanOf(p.wan)));
          expect(ps.map((p) => p.indicators.map((i) => [i.name, i.target?.text]))).toEqual(
            projects.map((p) => p.indicators.map((i) => [i.name, i.value])),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
