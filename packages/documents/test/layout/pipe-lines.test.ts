/**
 * A web table copied one cell a line with each cell's `|` on a line of its own and every row closed by a second lone
 * `|` (安徽 亳州's goal form), labels printed vertically one character a line (总 / 体 / 目 / 标) and header names
 * wrapped (一级 / 指标). Generated at random: the table comes back cell for cell, as the pipe-cells form it is.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";
import type { Line } from "../../src/layout/lines.ts";
import { gatherPipeLines, joinPieces } from "../../src/layout/pipe-lines.ts";
import { type GenTable, tableArb } from "./generate.ts";

/** The rendering: a cell's lines then `|`, a row's end a second `|`; 一级 vertical when `vertical`, headers wrapped. */
function renderPipeLines(t: GenTable, vertical: boolean): string {
  const out: string[] = [];
  const cell = (lines: string[]) => out.push(...lines, "|");
  for (const h of t.header) cell([...h].length >= 4 ? [h.slice(0, 2), h.slice(2)] : [h]);
  out.push("|");
  for (const r of t.rows) {
    r.forEach((c, i) => {
      if (c === "") return;
      cell(vertical && t.fields[i] === "level1" && [...c].length <= 5 ? [...c] : [c]);
    });
    out.push("|");
  }
  return out.join("\n");
}

const lines = (texts: string[]): Line[] => texts.map((text, i) => ({ no: i + 1, text, page: 1 }));

describe("cells a line with their | on lines of their own", () => {
  it("joins a cell's pieces: short ones glued, long ones with a space", () => {
    expect(joinPieces(["总", "体", "目", "标"])).toBe("总体目标");
    expect(joinPieces(["项目资金", "(万元)"])).toBe("项目资金(万元)");
    expect(joinPieces(["目标1:拥有1架租用作业飞机", "目标2:建立市级人影业务技术体系"])).toBe(
      "目标1:拥有1架租用作业飞机 目标2:建立市级人影业务技术体系",
    );
  });

  it("gathers each cell onto its first line with its |, a row's second | kept, prose after left alone", () => {
    const given = ["项目名称", "|", "某项目", "|", "|", "一级", "指标", "|", "二级指标", "|", "三级指标", "|"];
    const more = [
      "指标值",
      "|",
      "|",
      "产出指标",
      "|",
      "数量指标",
      "|",
      "2.部门绩效评价结果。",
      "本部门按要求开展自评。",
    ];
    const got = gatherPipeLines(lines([...given, ...more]));
    const live = got.filter((l) => !l.gone).map((l) => l.text);
    expect(live).toEqual([
      "项目名称 |",
      "某项目 |",
      "|",
      "一级指标 |",
      "二级指标 |",
      "三级指标 |",
      "指标值 |",
      "|",
      "产出指标 |",
      "数量指标 |",
      "2.部门绩效评价结果。",
      "本部门按要求开展自评。",
    ]);
    // line numbers stay the text's: a cell is on its first line
    expect(got.find((l) => l.text === "一级指标 |")?.no).toBe(6);
  });

  it("leaves text with few such cells, and lines that hold their own |, as they are", () => {
    const few = lines(["标题", "|", "正文一行", "|", "另一段"]);
    expect(gatherPipeLines(few).map((l) => l.text)).toEqual(few.map((l) => l.text));
    const own = lines(["项目名称 |", "某项目 |", "|", "主管部门 |", "某局 |", "|", "a |", "b |", "|"]);
    expect(gatherPipeLines(own).map((l) => l.text)).toEqual(own.map((l) => l.text));
  });

  it("for any generated table so written, the table comes back cell for cell", () => {
    fc.assert(
      fc.property(tableArb, fc.boolean(), (t, vertical) => {
        const { document } = recoverLayout(`项目支出绩效目标表\n|\n|\n${renderPipeLines(t, vertical)}\n`, "g.txt");
        const grids = document.blocks.flatMap((b) =>
          b.type === "table" ? [b.table.rows.map((r) => r.map((c) => c.text))] : [],
        );
        expect(grids).toEqual([[t.header, ...t.rows]]);
      }),
      { numRuns: 40 },
    );
  });
});
