/**
 * A goal form's funds line that gives the total under a word of its own, with its unit, before its parts
 * (湖南 申报表: 年度资金总额及构成 | 总额10606.7522万元 财政拨款:6923.3552万元 … 其他:3683.3970万元), as cells and
 * as run-together text, over generated amounts and units.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

/** A decimal with up to four places, as text, and its value in fen for 万元 (×1 000 000) or 元 (×100). */
const amountArb = fc
  .record({ whole: fc.integer({ min: 1, max: 99999 }), frac: fc.integer({ min: 0, max: 9999 }), places: fc.nat(4) })
  .map(({ whole, frac, places }) => {
    const f = places === 0 ? "" : String(frac % 10 ** places).padStart(places, "0");
    return { text: places === 0 ? String(whole) : `${whole}.${f}`, whole: BigInt(whole), f };
  });
const fenOf = (a: { whole: bigint; f: string }, unit: string) => {
  const scale = unit === "万元" ? 1_000_000n : 100n;
  const places = BigInt(a.f.length);
  return ((a.whole * 10n ** places + BigInt(a.f === "" ? 0 : a.f)) * scale) / 10n ** places;
};

describe("a funds line: 年度资金总额及构成, the total first with its unit, then its parts", () => {
  it("the total is the project's budget, in the unit written after it", () => {
    fc.assert(
      fc.property(
        amountArb.filter((a) => a.f.length <= 2),
        amountArb,
        fc.constantFrom("万元", "元"),
        fc.constantFrom("总额", "合计", "总额:"),
        fc.boolean(),
        (total, part, unit, word, glued) => {
          const value = `${word}${total.text}${unit}财政拨款:${part.text}${unit}其他:0${unit}`;
          const text = glued
            ? `项目绩效目标表(2021年度)项目名称某基础设施建设主管部门某镇年度资金总额及构成${value}项目概况某概况一级指标二级指标三级指标指标值产出指标数量指标巡逻次数≥300次`
            : [
                "项目绩效目标表(2021年度)",
                "| 项目名称 | 某基础设施建设 |",
                "| 主管部门 | 某镇 |",
                `| 年度资金总额及构成 | ${value} |`,
              ].join("\n");
          const p = importDocument(readExtractedText(text, "g.txt")).document.projects![0]!;
          expect(p.budget?.fen).toBe(fenOf(total, unit).toString());
        },
      ),
      { numRuns: 40 },
    );
  });
});
