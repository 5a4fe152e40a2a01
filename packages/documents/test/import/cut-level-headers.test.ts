/**
 * A goal table written one cell a line (each line ending ` |`), rows closed by lines of bare pipes, whose level
 * headers were cut to their first characters (安徽 淮北 绩效目标表: `绩 |` for the vertical 绩效指标, `一级 |` for
 * 一级指标; 江西's 一级 | 二级 | 三级): generated tables with the headers cut or whole. Every indicator row is read,
 * under its 一级, the last one too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { columnField } from "../../src/vocabulary/columns.ts";

interface Ind {
  level1: string;
  level2: string;
  name: string;
  value: string;
}

const pipes = (n: number) => "|".repeat(n);

/** The table's lines: each cell on a line ending ` |`, each row closed by a line of `close` pipes. */
function text(headers: [string, string, string], inds: Ind[], close: number): string {
  const lines: string[] = ["项目支出绩效目标表 |", pipes(6), "(2025年度) |", pipes(6)];
  const row = (cells: string[]) => {
    for (const c of cells) lines.push(`${c} |`);
    lines.push(pipes(close));
  };
  row(["项目名称", "农村文化建设配套补助经费"]);
  row(["主管部门及代码", "[077]淮北市文化旅游体育局", "实施单位", "淮北市文化旅游体育局"]);
  row(["项目资金", "年度资金总额:", "5.00"]);
  row(["其中:财政拨款", "5.00"]);
  row(["绩", headers[0], headers[1], headers[2], "指标值"]);
  let l1 = "";
  let l2 = "";
  for (const i of inds) {
    const cells = [...(i.level1 !== l1 ? [i.level1] : []), ...(i.level2 !== l2 || i.level1 !== l1 ? [i.level2] : [])];
    row([...cells, i.name, i.value]);
    l1 = i.level1;
    l2 = i.level2;
  }
  return lines.join("\n");
}

const GROUPS: [string, string[]][] = [
  ["产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
  ["效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]],
  ["满意度指标", ["满意度指标", "服务对象满意度指标"]],
];

const ind = (level1: string, level2s: string[]) =>
  fc.record({
    level1: fc.constant(level1),
    level2: fc.constantFrom(...level2s),
    name: fc.constantFrom("开展送戏进万村", "活动完成率", "项目完成时限", "受益人满意程度", "是否产生经济价值"),
    value: fc.constantFrom("≥70村", "≥95%", "2025年12月", "否", "影响程度明显", "长期"),
  });

const grid = fc
  .tuple(...GROUPS.map(([l1, l2s]) => fc.array(ind(l1, l2s), { minLength: 1, maxLength: 3 })))
  .map((gs) => gs.flatMap((g) => [...g].sort((a, b) => a.level2.localeCompare(b.level2))));

describe("level headers cut to their first characters", () => {
  it("names the level columns by the cut headers", () => {
    expect(columnField("一级")).toBe("level1");
    expect(columnField("二级")).toBe("level2");
    expect(columnField("三级")).toBe("name");
  });

  it("for any such table, every indicator is read under its 一级, the last row too", () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.constantFrom("一级", "一级指标"),
          fc.constantFrom("二级", "二级指标"),
          fc.constantFrom("三级", "三级指标"),
        ),
        grid,
        fc.integer({ min: 2, max: 6 }),
        (headers, inds, close) => {
          const p = importDocument(readExtractedText(text(headers, inds, close), "goal.txt")).document.projects[0]!;
          expect(p.indicators.map((i) => [i.level1, i.name, i.target?.text])).toEqual(
            inds.map((i) => [i.level1, i.name, i.value]),
          );
          expect(p.budget?.yuan).toBe("50000.00");
        },
      ),
      { numRuns: 60 },
    );
  });
});
