/**
 * A grid continued from the page before: the text opens inside the table, one cell a line with its `|` (on the same
 * line or on a line of its own: 四川 大英's 决算 page), no header — the rows start with a 一级 and a 二级 name and are
 * all as wide. Generated at random: four cells a row come back under a goal table's header; five under the older
 * Sichuan 一级 (项目完成指标) under its completion table's, and the import reads them as a project self-evaluation's
 * indicators, each with its target and actual value; the prose after the rows stays prose.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { continuedHeader, continuedRows } from "../../src/layout/continued-rows.ts";
import { recoverLayout } from "../../src/layout/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const GROUPS: [string, string[]][] = [
  ["项目完成指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
  ["效益指标", ["社会效益指标", "可持续影响指标"]],
  ["满意度指标", ["满意度指标", "服务对象满意度指标"]],
];
const NAMES = ["做好辖区内河道保洁", "完成年度任务", "美化环境", "按合同支付", "群众满意率"];
const PROSE = ["2.部门绩效评价结果。", "本部门按要求开展了部门整体支出绩效自评。", "第三部分", "名词解释"];

interface GenRow {
  group: number;
  sub: number;
  name: string;
  target: string;
  actual: string;
}
const rowArb: fc.Arbitrary<GenRow> = fc.record({
  group: fc.nat(2),
  sub: fc.nat(3),
  name: fc.constantFrom(...NAMES),
  target: fc.integer({ min: 1, max: 999 }).map((n) => `${n}万元。`),
  actual: fc.integer({ min: 1, max: 999 }).map((n) => `按合同${n}万元。`),
});

function cellsOf(r: GenRow, completion: boolean): string[] {
  const [l1, subs] = GROUPS[r.group]!;
  const cells = [l1, subs[r.sub % subs.length]!, r.name, r.target];
  return completion ? [...cells, r.actual] : cells;
}

/** Each cell then its `|`, on the same line (`inline`) or a line of its own; the prose after. */
function render(rows: GenRow[], completion: boolean, inline: boolean): string {
  const cells = rows.flatMap((r) => cellsOf(r, completion));
  const lines = cells.flatMap((c) => (inline ? [`${c} |`] : [c, "|"]));
  return [...lines, ...PROSE].join("\n");
}

// the first row opens with the Sichuan 一级, as its completion table's first rows do
const rowsArb = fc
  .array(rowArb, { minLength: 2, maxLength: 8 })
  .map(([first, ...rest]) => [{ ...first!, group: 0 }, ...rest]);

describe("a grid continued from the page before", () => {
  it("rows start at a 一级 name followed by a 二级 one; the header is the form's whose rows are so wide", () => {
    expect(
      continuedRows(["项目完成指标", "质量指标", "做好", "做好", "做好", "满意度指标", "满意度指标", "a", "b", "c"]),
    ).toEqual([0, 5]);
    expect(continuedHeader(5, ["项目完成指标", "效益指标"])).toEqual([
      "一级指标",
      "二级指标",
      "三级指标",
      "预期指标值",
      "实际完成指标值",
    ]);
    // five cells under the national 一级 alone could be a goal table's 描述 column as well: no header is guessed
    expect(continuedHeader(5, ["产出指标", "效益指标"])).toBeUndefined();
    expect(continuedHeader(4, ["产出指标"])).toEqual(["一级指标", "二级指标", "三级指标", "指标值"]);
    expect(continuedHeader(6, ["项目完成指标"])).toBeUndefined();
  });

  it("for any completion rows so written, the import reads each row's target and actual value", () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), (rows, inline) => {
        const r = importDocument(readExtractedText(render(rows, true, inline), "p.txt"));
        expect(r.kinds).toContain("project-self-evaluation");
        const got = r.document.projectSelfEvaluations[0]!.indicators;
        expect(got.map((i) => [i.level1, i.name, i.target?.text, i.actual?.text])).toEqual(
          rows.map((x) => [GROUPS[x.group]![0], x.name, x.target, x.actual]),
        );
      }),
      { numRuns: 40 },
    );
  });

  it("for any goal rows so written, the table comes back under the goal header, the prose as paragraphs", () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), (rows, inline) => {
        const { document } = recoverLayout(render(rows, false, inline), "p.txt");
        const tables = document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
        expect(tables.map((t) => t.rows.map((row) => row.map((c) => c.text)))).toEqual([
          [["一级指标", "二级指标", "三级指标", "指标值"], ...rows.map((x) => cellsOf(x, false))],
        ]);
        const paragraphs = document.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
        expect(paragraphs).toEqual(PROSE);
      }),
      { numRuns: 40 },
    );
  });
});
