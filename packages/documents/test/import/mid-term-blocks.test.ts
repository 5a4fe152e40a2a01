/**
 * A goal form with the 中期 (multi-year) and the 年度 (annual) funds and indicator blocks side by side (安徽 亳州's
 * 项目支出绩效目标表: 中期资金总额 449.8万 beside 年度资金总额 189.8万, then 一级指标 | 二级指标 | 三级指标 | 指标值 |
 * 二级指标 | 三级指标 | 指标值, each row the 中期 cells then the year's), written one cell a line with each cell's `|`
 * on a line of its own. Generated at random: the budget is the year's, the indicators are the year's block's, each
 * once; and when the text's end cuts the last cell (its `|` missing), that row is no indicator.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { annualBlock } from "../../src/import/project-goals.ts";
import { readExtractedText } from "../../src/text/index.ts";

const LEVEL2 = ["数量指标", "质量指标", "时效指标", "成本指标"];
const NAMES = ["飞机增雨作业航时", "作业覆盖面积", "作业及时率", "租机费用"];

interface Row {
  level2: number;
  name: number;
  mid: number;
  year: number;
}
const rowArb: fc.Arbitrary<Row> = fc.record({
  level2: fc.nat(3),
  name: fc.nat(3),
  mid: fc.integer({ min: 1, max: 999 }),
  year: fc.integer({ min: 1, max: 999 }),
});

const wan = (tenths: number) => `${Math.floor(tenths / 10)}.${tenths % 10}万`;

/** Cells a line, each followed by `|`, rows closed by a second `|`; the last cell cut (no `|`) when `cut`. */
function render(midFunds: number, yearFunds: number, rows: Row[], cut: boolean): string {
  const out: string[] = [];
  const row = (...cells: string[][]) => {
    for (const c of cells) out.push(...c, "|");
    out.push("|");
  };
  row(["项目支出绩效目标表"]);
  row(["项目名称"], ["人工增雨作业项目"]);
  row(["项目资金", "(万元)"], ["中期资金总额:"], [wan(midFunds)], ["年度资金总额:"], [wan(yearFunds)]);
  row(["其中:财政拨款"], [wan(midFunds)], ["其中:财政拨款"], [wan(yearFunds)]);
  row(["总", "体", "目", "标"], ["中期目标(2023年—2025年)"], ["年度目标"]);
  row(
    ["绩", "效", "指", "标"],
    ["一级", "指标"],
    ["二级指标"],
    ["三级指标"],
    ["指标值"],
    ["二级指标"],
    ["三级指标"],
    ["指标值"],
  );
  rows.forEach((r, i) => {
    const l2 = LEVEL2[r.level2]!;
    const name = NAMES[r.name]!;
    const first = i === 0 ? [["产", "出", "指", "标"]] : [];
    row(...first, [l2], [name], [`${r.mid}小时`], [l2], [name], [`${r.year}小时`]);
  });
  if (cut) {
    // the text stops inside the last row's annual value: its `|` and the row's end are missing
    out.splice(out.length - 2, 2);
    out[out.length - 1] = out[out.length - 1]!.slice(0, 1);
  }
  return out.join("\n");
}

describe("中期 and 年度 blocks side by side", () => {
  it("the header's second block of 二级 / 三级 / 指标值 is the year's", () => {
    const header = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"];
    expect([...annualBlock(header)]).toEqual([
      ["level2", 5],
      ["name", 6],
      ["target", 7],
    ]);
    expect(annualBlock(["一级指标", "二级指标", "三级指标", "指标值"]).size).toBe(0);
  });

  it("the form of 亳州: the year's budget and the year's indicators; the row the text's end cut is left out", () => {
    const rows = [
      { level2: 0, name: 0, mid: 90, year: 30 },
      { level2: 1, name: 1, mid: 8522, year: 8000 },
    ];
    const whole = importDocument(readExtractedText(render(4498, 1898, rows, false), "f.txt"));
    expect(whole.kinds).toContain("project-goals");
    const p = whole.document.projects[0]!;
    expect(p.budget?.yuan).toBe("1898000.00");
    expect(p.indicators.map((i) => [i.level2, i.name, i.target?.text])).toEqual([
      ["数量指标", "飞机增雨作业航时", "30小时"],
      ["质量指标", "作业覆盖面积", "8000小时"],
    ]);
    const cut = importDocument(readExtractedText(render(4498, 1898, rows, true), "f.txt"));
    expect(cut.document.projects[0]!.indicators.map((i) => i.name)).toEqual(["飞机增雨作业航时"]);
    expect(cut.problems.some((x) => x.code === "text_cut")).toBe(true);
  });

  it("for any such form, the budget and indicators are the year's, and a cut last row is left out", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 99999 }),
        fc.integer({ min: 10, max: 99999 }),
        fc.array(rowArb, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (midFunds, yearFunds, rows, cut) => {
          const r = importDocument(readExtractedText(render(midFunds, yearFunds, rows, cut), "f.txt"));
          const p = r.document.projects[0]!;
          expect(p.budget?.fen).toBe(String(yearFunds * 100000));
          const kept = cut ? rows.slice(0, -1) : rows;
          expect(p.indicators.map((i) => [i.level2, i.name, i.target?.text])).toEqual(
            kept.map((x) => [LEVEL2[x.level2], NAMES[x.name], `${x.year}小时`]),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
