/**
 * A department's goal list — several projects in one grid (单位名称 | 项目名称 | 预算数 | 年度目标 | 一级 | 二级 | 三级 |
 * 指标性质 | 指标值 | 度量单位 | 权重) — generated at random and written as a web page copies it: pipe rows padded to
 * the header's width, a project's merged cells left out of its further rows (so they shift left), a merged 一级
 * sometimes left out too, a department total line above. Every project comes back with its budget and each
 * indicator under its own fields.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const GROUPS: [string, string[]][] = [
  ["产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
  ["效益指标", ["社会效益指标", "经济效益指标", "可持续影响指标"]],
  ["满意度指标", ["服务对象满意度指标"]],
];
const NAMES = ["设备维护点位", "案件办结率", "项目完成及时率", "群众满意度", "道路通行效率", "培训人次", "系统在线率"];
const PROJECTS = ["村组干部报酬", "基层组织活动经费", "交通安全宣传", "道路监控运维", "执法办案费"];

interface Indicator {
  level1: string;
  level2: string;
  name: string;
  op: string;
  value: number;
  unit: string;
  weight: number;
}
interface ListProject {
  name: string;
  fen: number;
  goal: string;
  indicators: Indicator[];
}

const indicatorArb: fc.Arbitrary<Indicator> = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 3 }),
    fc.constantFrom(...NAMES),
    fc.constantFrom("≥", "≤", "="),
    fc.integer({ min: 1, max: 9999 }),
    fc.constantFrom("个", "%", "人次", "次"),
    fc.integer({ min: 1, max: 30 }),
  )
  .map(([g, s, name, op, value, unit, weight]) => {
    const [level1, subs] = GROUPS[g]!;
    return { level1, level2: subs[s % subs.length]!, name, op, value, unit, weight };
  });

const projectArb: fc.Arbitrary<ListProject> = fc
  .tuple(
    fc.constantFrom(...PROJECTS),
    fc.integer({ min: 100, max: 9_999_999_99 }),
    fc.constantFrom("按时发放报酬", "保障正常运转", "提升通行效率"),
    fc.array(indicatorArb, { minLength: 1, maxLength: 8 }),
  )
  .map(([name, fen, goal, indicators]) => ({ name, fen, goal, indicators }));

/** 3,309,840.00 from fen. */
function money(fen: number): string {
  const yuan = Math.floor(fen / 100).toLocaleString("en-US");
  return `${yuan}.${String(fen % 100).padStart(2, "0")}`;
}

const HEADER = [
  "单位名称",
  "项目名称",
  "预算数",
  "年度目标",
  "一级指标",
  "二级指标",
  "三级指标",
  "指标性质",
  "指标值",
  "度量单位",
  "权重",
];

function render(projects: ListProject[], dropLevel1: boolean): string {
  const pad = (cells: string[]) => `| ${[...cells, ...new Array(HEADER.length - cells.length).fill("")].join(" | ")} |`;
  const lines = ["| 部门预算项目绩效目标申报表(2023年度) |", "| 金额单位:元 |", pad(HEADER)];
  const total = projects.reduce((n, p) => n + p.fen, 0);
  lines.push(pad(["820-某镇部门", money(total)]));
  projects.forEach((p, k) => {
    p.indicators.forEach((ind, i) => {
      const indicator = [ind.level1, ind.level2, ind.name, ind.op, String(ind.value), ind.unit, String(ind.weight)];
      if (i === 0) {
        // the unit's cell only on the first project (merged over the rest of the department's)
        lines.push(
          pad(
            [k === 0 ? "820001-某镇人民政府" : "", p.name, money(p.fen), p.goal, ...indicator].filter(
              (_c, j) => k === 0 || j > 0,
            ),
          ),
        );
      } else {
        // merged cells left out; a 一级 equal to the row above's may be left out as well
        const same = p.indicators[i - 1]!.level1 === ind.level1;
        lines.push(pad(dropLevel1 && same ? indicator.slice(1) : indicator));
      }
    });
  });
  return lines.join("\n");
}

describe("a department's goal list: several projects in one grid", () => {
  it("reads every project, its budget and each indicator, whatever cells the copy left out", () => {
    fc.assert(
      fc.property(fc.array(projectArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (projects, dropLevel1) => {
        const r = importDocument(readExtractedText(render(projects, dropLevel1), "list.txt"));
        expect(r.kinds).toContain("project-goals");
        const read = r.document.projects;
        expect(read.map((p) => p.name)).toEqual(projects.map((p) => p.name));
        read.forEach((p, k) => {
          const want = projects[k]!;
          expect(p.budget?.fen).toBe(String(want.fen));
          expect(p.goal).toBe(want.goal);
          expect(p.indicators.map((i) => [i.level1, i.level2, i.name, i.weight?.value])).toEqual(
            want.indicators.map((i) => [i.level1, i.level2, i.name, String(i.weight)]),
          );
          expect(p.indicators.map((i) => [i.target?.parsed?.op, i.target?.parsed?.unit])).toEqual(
            want.indicators.map((i) => [i.op, i.unit]),
          );
        });
        expect(read[0]!.organisation?.name).toBe("某镇人民政府");
      }),
      { numRuns: 60 },
    );
  });
});
