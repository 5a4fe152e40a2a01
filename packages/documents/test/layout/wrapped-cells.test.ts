/**
 * Run-together text of a converted form whose narrow cells wrapped, each line break kept as a space (a docx
 * preview): `年度指标 值` in the header, `县级储备粮管理制 度严格执行率` in the rows, every cell glued to the next
 * without any separator and all rows on one line. Generated forms of 一级 | 二级 | 三级 | 年度指标值 | 全年完成值 |
 * 未完成原因 whose names wrap at random places, with the values such forms hold: `100%`, `0` beside `0` (比例00),
 * one-character answers beside their equal (高高), an enumeration inside a name (5000吨稻谷、500吨成品粮…).
 */
import { INDICATOR_FRAMEWORK } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";
import { columnField } from "../../src/vocabulary/columns.ts";

// no character that starts a unit (户, 本, 学时…): a name starting with one after a number (0户…) is no reader's to cut
const SYLLABLES = [..."储备粮管理专库存数量真实严格执行贷款付息及时应急保障收购价格成核算科资金使用"];
const ENDS = ["率", "率", "比例", "及安全性", "情况"];
const HAN = /[\u4e00-\u9fff]/;

const nameArb = fc
  .record({
    body: fc.array(fc.constantFrom(...SYLLABLES), { minLength: 4, maxLength: 10 }),
    end: fc.constantFrom(...ENDS),
    listed: fc.option(fc.tuple(fc.integer({ min: 100, max: 9000 }), fc.constantFrom("吨", "户", "个")), {
      nil: undefined,
    }),
  })
  .map(({ body, end, listed }) => (listed ? `${listed[0]}${listed[1]}稻谷、` : "") + body.join("") + end)
  // words repeated back to back (储储, 管理管理) read as a target and its equal actual: no name of a form has them
  .filter(
    (s) => columnField(s) === undefined && !/指标|项目|名称|单位|部门|总分|预算|执行数/.test(s) && !/(.+)\1/u.test(s),
  );

/** A value pair (target, actual) of the kinds these forms hold. */
const valuesArb = fc.oneof(
  fc.integer({ min: 60, max: 100 }).map((n) => [`${n}%`, "100%"] as const),
  fc.constant(["0", "0"] as const),
  fc.constantFrom("高", "好", "优").map((w) => [w, w] as const),
  fc.integer({ min: 1, max: 50 }).map((n) => [`${n}起`, `${n}起`] as const),
);

interface Row {
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: string;
  /** Where the name wrapped (a space inserted before this character), or undefined. */
  wrap: number | undefined;
}

const formArb = fc
  .array(
    fc.record({
      l1: fc.nat(INDICATOR_FRAMEWORK.length - 2),
      l2: fc.nat(),
      rows: fc.array(fc.record({ name: nameArb, values: valuesArb, wrap: fc.option(fc.nat(), { nil: undefined }) }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((groups) => {
    const rows: Row[] = [];
    const used = new Set<string>();
    for (const g of groups) {
      const l1 = INDICATOR_FRAMEWORK[g.l1]!;
      const l2 = l1.children[g.l2 % l1.children.length]!;
      if (used.has(l2.name)) continue;
      used.add(l2.name);
      g.rows.forEach((r, i) => {
        // a wrap falls between two Han characters of the name, never at its first or last
        const name = i === 0 ? r.name : r.name.replace(/^\d+.稻谷、/, "");
        const chars = [...name];
        const places = chars.flatMap((c, k) => (k > 0 && HAN.test(chars[k - 1]!) && HAN.test(c) ? [k] : []));
        const wrap = r.wrap === undefined || places.length === 0 ? undefined : places[r.wrap % places.length];
        rows.push({
          level1: rows.every((x) => x.level1 !== l1.name) && i === 0 ? l1.name : "",
          level2: i === 0 ? l2.name : "",
          // a name that starts with a number (5000吨稻谷、…) after another row's value is no reader's to cut
          // (100%5000吨 …): it stands first under its 二级, as in the forms
          name,
          target: r.values[0],
          actual: r.values[1],
          wrap,
        });
      });
    }
    return rows;
  });

const HEADER = "一级 指标二级 指标三级指标年度指标 值全年 完成值未完成原因和 改进措施";
const wrapped = (r: Row) => (r.wrap === undefined ? r.name : `${r.name.slice(0, r.wrap)} ${r.name.slice(r.wrap)}`);
const render = (rows: Row[]) =>
  `${HEADER}${rows.map((r) => `${r.level1}${r.level2}${wrapped(r)}${r.target}${r.actual}`).join("")}`;

const grid = (text: string) =>
  recoverLayout(text, "w.txt").document.blocks.flatMap((b) =>
    b.type === "table" ? [b.table.rows.map((r) => r.map((c) => c.text))] : [],
  );

describe("run-together rows whose cells wrapped (a space where a line broke)", () => {
  it("keeps a wrapped name whole, cuts 00 into 0 and 0 and 高高 into 高 and 高, and ends no cell at 、", () => {
    fc.assert(
      fc.property(formArb, (rows) => {
        const tables = grid(render(rows));
        expect(tables).toHaveLength(1);
        expect(tables[0]!.slice(1).map((r) => r.slice(0, 5))).toEqual(
          rows.map((r) => [r.level1, r.level2, wrapped(r), r.target, r.actual]),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("ends cells at spaces as before where the header's spaces fall between its names", () => {
    // 服务 质量 as two cells: the header's names are set apart by spaces, so a space may end a cell
    const text = "一级指标 二级指标 三级指标 指标值 完成值 产出指标 数量指标 巡逻次数 ≥300次 312次";
    expect(grid(text)[0]?.slice(1)).toEqual([["产出指标", "数量指标", "巡逻次数", "≥300次", "312次"]]);
  });
});
