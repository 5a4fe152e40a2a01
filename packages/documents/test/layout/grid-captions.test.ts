/**
 * Two grids of one goal form glued one after the other, each under its caption (长期绩效指标 …, 年度绩效指标 …): the
 * caption's 年度 / 长期 / 中期 is the header's (layout/header-run.ts withCaption), not the end of the row before it
 * (`100年` | `度…`), and the second header inside the table is no indicator (import/indicators.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const NAMES = ["道路硬化里程", "验收合格率", "按期完工率", "受益群众满意度", "新建桥梁数量"];
const VALUES = ["100", "95", "12", "3", "≥90%"];
const LEVELS: [string, string][] = [
  ["产出指标", "数量指标"],
  ["产出指标", "质量指标"],
  ["效益指标", "社会效益指标"],
  ["满意度指标", "服务对象满意度指标"],
];

function grid(caption: string, rows: [number, number][]): string {
  let level1 = "";
  const body = rows
    .map(([n, v], i) => {
      const [l1, l2] = LEVELS[i % LEVELS.length]!;
      const head = l1 === level1 ? "" : l1;
      level1 = l1;
      return `${head}${l2}${NAMES[n]}${VALUES[v]}`;
    })
    .join("");
  return `${caption}一级指标二级指标三级指标指标值${body}`;
}

describe("two captioned grids of a goal form, run together", () => {
  it("reads both grids' rows, the caption's word left to the header", () => {
    const row = fc.tuple(fc.integer({ min: 0, max: NAMES.length - 1 }), fc.integer({ min: 0, max: VALUES.length - 1 }));
    fc.assert(
      fc.property(
        fc.constantFrom("长期", "中期"),
        fc.array(row, { minLength: 1, maxLength: 4 }),
        fc.array(row, { minLength: 1, maxLength: 4 }),
        (first, long, annual) => {
          const text = `项目绩效目标表项目名称村道修缮工程主管部门某镇人民政府${grid(`${first}绩效指标`, long)}${grid("年度绩效指标", annual)}`;
          const p = importDocument(readExtractedText(text, "g.txt")).document.projects[0]!;
          const want = [...long, ...annual].map(([n, v]) => [NAMES[n], VALUES[v]]);
          expect(p.indicators.map((i) => [i.name, i.target?.text])).toEqual(want);
        },
      ),
      { numRuns: 30 },
    );
  });
});
