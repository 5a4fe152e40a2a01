/**
 * A goal form on one line of words in a sheet's cell order (src/layout/drawn-grid.ts): the grid's header
 * interleaved with its rows' level names and a vertical label, the rows as name / value pairs with level names,
 * repeated header names and wrapped text between them, the last name cut by the text's end; the head (项目名称,
 * 主管部门, the funds with their unit note after the amounts, a one-year project's 实施期 total with the year's
 * left empty) as words before it. Generated forms read back with every row, the name and the budget; the corpus
 * document sx-yongji-wlj-2023-pg-1 is one example.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { recoverLayout } from "../../src/layout/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { CORPUS } from "../corpus/corpus.ts";

const NAMES = [
  "永安真武庙戏台",
  "文物安全巡查",
  "文物宣传教育短信",
  "文保单位抢险维修",
  "巡查覆盖范围",
  "古建筑修缮工程",
];
const VALUES = ["1处", "416处", "≥3万条", "100%", "59万元", "≥95%", "12次"];
const LEVEL2 = ["数量指标", "质量指标", "时效指标", "成本指标"];
const JUNK = ["主要用于文物修缮、宣传、文创", "护人员经费、办公经费"];

interface Pair {
  name: string;
  value: string;
  /** A 二级 name drawn right before the row. */
  level?: string;
  /** Wrapped text drawn before it (and before its level). */
  junk: boolean;
}

const pairArb = fc
  .record({
    name: fc.constantFrom(...NAMES),
    value: fc.constantFrom(...VALUES, "same"),
    level: fc.option(fc.constantFrom(...LEVEL2), { nil: undefined }),
    junk: fc.boolean(),
  })
  .map((p): Pair => ({ ...p, value: p.value === "same" ? p.name : p.value }));

const formArb = fc.record({
  pairs: fc.array(pairArb, { minLength: 1, maxLength: 8 }),
  yuan: fc.integer({ min: 1, max: 99_999_999 }),
  cut: fc.boolean(),
});

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function render(f: { pairs: Pair[]; yuan: number; cut: boolean }): string {
  const rows = f.pairs.flatMap((p) => [
    ...(p.junk ? [...JUNK, "二级指标", "产出指标"] : []),
    ...(p.level ? [p.level] : []),
    p.name,
    p.value,
  ]);
  return [
    "某项目绩效目标表.xls\n某市县(区)级预算部门(单位)项目支出绩效目标申报表 (2023年度) 项目名称 2023年某保护经费",
    "主管部门及代码 404-某市文化和旅游局 实施单位 项目属性 一次性项目(1年结束) 项目期",
    `实施期资金总额: ${grouped(f.yuan)} 其中:中央财政资金 0 项目资金 (元) 年度资金总额: 市县(区)财政资金 其他资金`,
    "一级指标 二级指标 数量指标 产出指标 绩 效 指 标 质量指标 三级指标 指标值",
    ...rows,
    ...(f.cut ? ["成本指标", "永安真武庙戏台"] : []),
  ].join(" ");
}

describe("a goal grid on one line with an interleaved header", () => {
  it("for any such form, the rows, the levels drawn right before them, the name and the budget are read", () => {
    fc.assert(
      fc.property(formArb, (f) => {
        const text = render(f);
        const layout = recoverLayout(text, "goals.txt");
        const table = layout.document.blocks.find((b) => b.type === "table");
        expect(table?.type).toBe("table");
        if (table?.type !== "table") return;
        expect(table.table.rows[0]!.map((c) => c.text)).toEqual(["一级指标", "二级指标", "三级指标", "指标值"]);
        expect(table.table.rows.slice(1).map((r) => r.map((c) => c.text))).toEqual(
          // the framework name right before a row is its level: the 二级 given, else the wrapped text's 产出指标
          f.pairs.map((p) => [!p.level && p.junk ? "产出指标" : "", p.level ?? "", p.name, p.value]),
        );
        const r = importDocument(readExtractedText(text, "goals.txt"));
        expect(r.kinds).toContain("project-goals");
        const p = r.document.projects[0]!;
        expect(p.name).toBe("2023年某保护经费");
        expect(p.budget?.fen).toBe(String(BigInt(f.yuan) * 100n));
        expect(p.indicators.map((i) => i.name)).toEqual(f.pairs.map((x) => x.name));
      }),
      { numRuns: 80 },
    );
  });

  it("a plain header (no level name inside it) is left to the tokens reading", () => {
    const text = "一级指标 二级指标 三级指标 指标值 产出指标 数量指标 巡查次数 12次 质量指标 合格率 100%";
    const r = recoverLayout(text, "plain.txt", { candidates: ["drawn-grid"] });
    expect(r.document.blocks.some((b) => b.type === "table")).toBe(false);
  });

  it("the corpus example: sx-yongji-wlj-2023-pg-1", () => {
    const id = "sx-yongji-wlj-2023-pg-1";
    const r = importDocument(readExtractedText(readFileSync(join(CORPUS, "docs", `${id}.txt`), "utf8"), `${id}.txt`));
    const p = r.document.projects[0]!;
    expect(p.name).toBe("2023年文物保护经费");
    expect(p.budget?.yuan).toBe("1000000.00");
    expect(p.indicators.map((i) => [i.name, i.target?.text])).toEqual([
      ["永安真武庙戏台", "1处"],
      ["文物安全巡查", "416处"],
      ["文物宣传教育短信", "≥3万条"],
      ["文保单位抢险维修", "100%"],
      ["文物安全巡查覆盖率", "100%"],
      ["按期完工", "按期完工"],
      ["文物保护单位方案编制费、古建筑日常养护及抢险加固费、文物安全巡查费、宣传教育费、文物保", "59万元"],
    ]);
  });
});
