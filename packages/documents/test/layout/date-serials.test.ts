/**
 * Dates printed as spreadsheet serial numbers in a grid's target / actual cells (乌海's `= 44,561 44,561`: a
 * 时效 indicator's 2021-12-31 whose cell lost its date format), read as the date where the indicator asks for
 * one — a 时效 indicator, or a name or unit saying 时间 / 日期 / 年月日 — and as numbers elsewhere, over
 * generated grids (other names, dates, column orders, the serial repeated in the unit column or not).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const DAY = 86_400_000;
/** The 1900 date system's serial (Lotus's 1900-02-29 counted): days since 1899-12-30 for any date after March 1900. */
const serialOf = (t: number) => (t - Date.UTC(1899, 11, 30)) / DAY;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const withComma = (n: number) => `${Math.floor(n / 1000)},${String(n % 1000).padStart(3, "0")}`;

const DATED = [
  { level2: "时效指标", name: "资金到位时间" },
  { level2: "时效指标", name: "项目完成时限" },
  { level2: "质量指标", name: "验收完成日期" },
  { level2: "数量指标", name: "设备安装完成时间" },
];
const COUNTS = [
  { level2: "数量指标", name: "服务人次", unit: "人次" },
  { level2: "成本指标", name: "设备购置成本", unit: "元" },
  { level2: "时效指标", name: "平均办结时长", unit: "天" },
];

describe("a date serial in a grid's cells", () => {
  it("is the date where the indicator asks for one, a number elsewhere; its text is kept", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.UTC(2015, 0, 1) / DAY, max: Date.UTC(2035, 11, 31) / DAY }), {
          minLength: DATED.length,
          maxLength: DATED.length,
        }),
        fc.array(fc.integer({ min: 36526, max: 55153 }), { minLength: COUNTS.length, maxLength: COUNTS.length }),
        fc.boolean(),
        fc.constantFrom("", "=", "≤"),
        fc.boolean(),
        (days, counts, repeat, op, comma) => {
          const rows: string[][] = [];
          const want: { name: string; date?: string; value?: number }[] = [];
          DATED.forEach((d, i) => {
            const t = days[i]! * DAY;
            const s = comma ? withComma(serialOf(t)) : String(serialOf(t));
            rows.push(["产出指标", d.level2, d.name, `${op}${s}`, repeat ? s : "", "10"]);
            want.push({ name: d.name, date: iso(t) });
          });
          COUNTS.forEach((c, i) => {
            rows.push(["效益指标", c.level2, c.name, `${op}${counts[i]}`, c.unit, "10"]);
            want.push({ name: c.name, value: counts[i]! });
          });
          const text = [
            "项目名称 | 某经费 |",
            "主管部门 | 某局 |",
            "一级指标 | 二级指标 | 三级指标 | 目标值 | 计量单位 | 分值 |",
            ...rows.map((r) => `${r.join(" | ")} |`),
          ].join("\n");
          const p = importDocument(readExtractedText(text, "g.txt")).document.projects![0]!;
          const got = p.indicators.map((i) => {
            const v = i.target!.parsed!;
            return v.kind === "deadline" ? { name: i.name, date: v.date } : { name: i.name, value: v.value };
          });
          expect(got).toEqual(want);
          for (const [k, i] of p.indicators.entries()) expect(i.target!.text).toBe(rows[k]![3]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
