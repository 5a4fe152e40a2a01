/**
 * A header broken over lines in pipe rows (安徽 金寨: `一级指标 | 二级指标 | 三级指标 | 年度 指标值 |`, `实际 完成值 |`,
 * `分值 | 得分 | 偏差原因分析及改进措施 | |||||`): random tables of the vocabulary, their header cut at random places
 * (each piece ending its line with `|`), rows padded with pipes to the page's width, come back with the header as
 * one row; a funds header's row label broken onto a line of its own (`预算资金 (万元) |`) heads its label column.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinBrokenHeaders } from "../../src/layout/broken-header.ts";
import { recoverLayout } from "../../src/layout/index.ts";
import type { Table } from "../../src/model/table.ts";
import { tableArb } from "./generate.ts";

const filled = (cells: string[]) => cells.filter((c) => c !== "");
const pad = (cells: string[], width: number) =>
  `${cells.join(" | ")} |${"|".repeat(Math.max(0, width - cells.length))}`;

function tablesOf(text: string): Table[] {
  return recoverLayout(text, "g.txt").document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
}

describe("a header broken over lines in pipe rows", () => {
  it("for any table whose header is cut into pieces a line each, the header comes back as one row", () => {
    fc.assert(
      fc.property(
        tableArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 5 }),
        (t, cutsRaw, extra) => {
          const n = t.header.length;
          const cuts = [...new Set(cutsRaw.map((c) => 1 + (c % (n - 1))))].sort((a, b) => a - b);
          const width = n + extra;
          const pieces: string[][] = [];
          let from = 0;
          for (const c of [...cuts, n]) {
            pieces.push(t.header.slice(from, c));
            from = c;
          }
          const lines = [
            pad(["部门整体支出绩效自评表"], width),
            // every piece ends its line with one `|`; the last carries the row's padding
            ...pieces.map((p, i) => (i === pieces.length - 1 ? pad(p, width) : `${p.join(" | ")} |`)),
            ...t.rows.map((r) => pad(r, width)),
          ];
          const heads = tablesOf(lines.join("\n")).flatMap((tb) =>
            tb.rows.map((r) => filled(r.map((c) => c.text))).filter((r) => r.join("|") === t.header.join("|")),
          );
          expect(heads.length).toBe(1);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("leaves a header of two real rows (a meaning named in both) as two rows", () => {
    const upper = { cells: ["绩效指标", "年度指标值", "实际完成值", "分值", "得分"], line: 1 };
    const lower = { cells: ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"], line: 2 };
    expect(joinBrokenHeaders([upper, lower])).toHaveLength(2);
  });

  it("puts a funds header's row label broken onto its own line at the head of its label column", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("预算资金 (万元)", "项目资金(万元)", "资金情况 (万元)", "资金来源"),
        fc.subarray(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], { minLength: 3 }),
        fc.integer({ min: 0, max: 4 }),
        (label, header, extra) => {
          fc.pre(header[0] !== "分值" && header[0] !== "执行率" && header[0] !== "得分");
          const width = header.length + 1 + extra;
          const values = header.map((h) => (h === "执行率" ? "102.59%" : h === "得分" ? "" : "329.77"));
          const text = [
            pad(["部门", "某县服务中心"], width),
            // the label's line broke off the header's: the header's line is one cell short of the page's width
            `${label} |`,
            pad(header, width - 1),
            pad(["年度资金总额", ...values], width),
            pad(["其中:当年财政拨款", ...values], width),
          ].join("\n");
          const rows = tablesOf(text).flatMap((tb) => tb.rows.map((r) => r.map((c) => c.text)));
          const head = rows.find((r) => r.includes(header[0]!))!;
          expect(head.slice(0, header.length + 1)).toEqual([label, ...header]);
          const total = rows.find((r) => r[0] === "年度资金总额")!;
          expect(total.slice(1, header.length + 1)).toEqual(values);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("leaves a lone line before a header that is no funds header alone", () => {
    const rows = [
      { cells: ["附表一"], line: 1 },
      { cells: ["一级指标", "二级指标", "三级指标", "指标值"], line: 2 },
      { cells: ["产出指标", "数量指标", "培训人次", "≥50人"], line: 3 },
    ];
    expect(joinBrokenHeaders(rows)).toHaveLength(3);
  });
});
