/**
 * Layouts of the fourth held-out set, each as a general rule over generated tables (issue 11):
 * - rows of words under a header with a column of the province's own (指标方向, 是否核心指标) between known ones;
 * - a sentence on a line of its own between rows (a long cell's 得分计算方法 printed apart) and lines of dashes;
 * - one cell a line ending with `|` where a row's last cell carries the pipes of the cells merged after it;
 * - a grid whose header names no 一级 / 二级 (指标类型 | 指标名称 | 指标值 | 指标描述) and whose names column holds
 *   the framework's 二级 names (no 三级);
 * - a number above 100 (a date serial 44,561) is no points; a budget label and its amount on one line of words.
 */
import { INDICATOR_FRAMEWORK } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { recoverLayout } from "../../src/layout/index.ts";
import type { SourceDocument, Table } from "../../src/model/table.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { type GenTable, tableArb } from "./generate.ts";

const TITLE = "2024年度项目支出绩效自评表";

const grids = (doc: SourceDocument): string[][][] =>
  doc.blocks
    .flatMap((b) => (b.type === "table" ? [b.table] : []))
    .map((t: Table) => t.rows.map((r) => r.map((c) => c.text)));

const nonEmpty = (r: string[]) => r.filter((c) => c !== "");

/** The table with a column of the province's own after its names, holding one of `values` in every row. */
function withOwnColumn(t: GenTable, header: string, values: readonly string[]): GenTable {
  const at = t.fields.indexOf("name") + 1;
  const ins = <T>(r: T[], x: T) => [...r.slice(0, at), x, ...r.slice(at)];
  return {
    header: ins(t.header, header),
    fields: t.fields,
    rows: t.rows.map((r, i) => ins(r, values[i % values.length]!)),
  };
}

describe("rows of words under a header with a column of the province's own", () => {
  it("the own column is a column: every row comes back cell for cell", () => {
    fc.assert(
      fc.property(
        tableArb.filter((t) => t.fields.includes("target") && !t.fields.includes("operatorCode")),
        fc.constantFrom("指标方向", "是否核心指标", "评分标准"),
        fc.constantFrom(["正向"], ["是", "否"], ["定量"]),
        (t0, header, values) => {
          const t = withOwnColumn(t0, header, values);
          const text = `${TITLE}\n\n${[t.header, ...t.rows.map(nonEmpty)].map((r) => r.join(" ")).join("\n")}\n`;
          expect(grids(recoverLayout(text, "g.txt").document)).toEqual([[t.header, ...t.rows]]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("a sentence on its own line between rows, and lines of dashes", () => {
  const SENTENCES = [
    "定量指标计算:完成值达到指标值,记满分;未达到指标值,按B/A或A/B*该指标分值记分。",
    "定性指标计算:根据“三档”原则分别按照指标分值的100-80%(含80%)、80-50%(含50%)、50-0%来记分。",
  ];
  it("the table goes on past them; the sentence is kept as a note", () => {
    fc.assert(
      fc.property(
        tableArb.filter((t) => t.rows.length >= 2),
        fc.nat(),
        fc.constantFrom("-", "- -", "—"),
        (t, where, dash) => {
          const lines = [t.header, ...t.rows.map(nonEmpty)].map((r) => r.join(" "));
          // between two rows (after the last one it is a paragraph after the table)
          const after = 1 + (where % (t.rows.length - 1));
          lines.splice(after + 1, 0, ...SENTENCES, dash);
          const r = recoverLayout(`${TITLE}\n\n${lines.join("\n")}\n`, "g.txt");
          expect(grids(r.document)).toEqual([[t.header, ...t.rows]]);
          expect((r.document.notes ?? []).some((n) => n.text.zh.includes("单独成行的一段文字"))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("one cell a line where a row's last cell carries the pipes of its merged cells", () => {
  /** Each row opened by a lone `|`, every cell ending with `|`, the row's last cell followed by its missing cells' pipes. */
  const render = (t: GenTable) =>
    [t.header, ...t.rows.map(nonEmpty)]
      .map((r) => {
        const missing = t.header.length + 1 - r.length;
        const cells = r.map((c, i) => (i === r.length - 1 && missing > 0 ? `${c} |${" |".repeat(missing)}` : `${c} |`));
        return ["|", ...cells].join("\n");
      })
      .join("\n");
  it("no pipe is read as a cell's text and the rows come back", () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const g = grids(recoverLayout(`${TITLE}\n\n${render(t)}\n`, "g.txt").document);
        expect(g).toEqual([[t.header, ...t.rows]]);
      }),
      { numRuns: 40 },
    );
  });
});

describe("a goal grid whose header names no 一级 / 二级 and whose names are the 二级", () => {
  const groups = INDICATOR_FRAMEWORK.slice(0, 3);
  it("reads one indicator a row, named by its 二级, under its 一级", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            l1: fc.nat(groups.length - 1),
            l2s: fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 4 }),
          }),
          { minLength: 2, maxLength: 3, selector: (g) => g.l1 },
        ),
        fc.array(fc.constantFrom("≥95%", "100%", "全年", "是", "375万平方米", "≤30天"), {
          minLength: 12,
          maxLength: 12,
        }),
        (gs, values) => {
          const rows: string[] = [];
          const want: { level1: string; level2: string; target: string }[] = [];
          let v = 0;
          for (const g of gs) {
            const l1 = groups[g.l1]!;
            const l2s = [...new Set(g.l2s.map((k) => k % l1.children.length))];
            l2s.forEach((k, i) => {
              const l2 = l1.children[k]!.name;
              const target = values[v++ % values.length]!;
              rows.push(`${i === 0 ? `${l1.name} | ` : ""}${l2} | ${target} | 说明${v}`);
              want.push({ level1: l1.name, level2: l2, target });
            });
          }
          const text = [
            "项目名称: | 某项目 |",
            "项目绩效目标 | 绩效目标 总体描述 | 完成某项工作 |",
            "指标类型 | 指标名称 | 指标值 | 指标描述 |",
            ...rows.map((r) => `${r} |`),
          ].join("\n");
          const r = importDocument(readExtractedText(text, "g.txt"));
          const got = r.document.projects[0]!.indicators.map((i) => ({
            level1: i.level1,
            level2: i.level2,
            target: i.target?.text ?? "",
          }));
          expect(got).toEqual(want);
          for (const i of r.document.projects[0]!.indicators) expect(i.name).toBe(i.level2);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("points and the budget on a line of words", () => {
  const text = [
    "某经费项目绩效目标表",
    "项目名称 某经费",
    "投入目标 (万元) 资金来源 年初安排金额(万元)",
    "资金总额 3",
    "其他资金 0",
    "一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 备注",
    "产出指标 数量指标 出差人数 正向 = 8 人 4",
    "产出指标 时效指标 资金到位时间 正向 = 44,561 44,561 10",
    "产出指标 成本指标 出差总成本 反向 = 1 万元 6",
  ].join("\n");
  it("a number above 100 is no points, and 资金总额 3 is the budget in the form's 万元", () => {
    const r = importDocument(readExtractedText(text, "g.txt"));
    const p = r.document.projects[0]!;
    expect(p.indicators.map((i) => i.weight?.value)).toEqual(["4", "10", "6"]);
    expect(p.budget?.fen).toBe("3000000");
  });
});
