/** A share's `≥` read as `2` by OCR (`290%` for `≥90%`): generated shares, and what stays as written. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isShareName, parseTarget } from "../../src/index.ts";

const percentArb = fc.oneof(
  fc.integer({ min: 10, max: 100 }).map(String),
  fc.tuple(fc.integer({ min: 10, max: 99 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${b}`),
);
const shareName = fc
  .tuple(
    fc.constantFrom("服务对象", "群众", "设备", "资金", "项目", "市民"),
    fc.constantFrom("满意度", "覆盖率", "合格率", "完好率", "到位率", "占比", "比例", "满意度调查", "满意程度"),
  )
  .map(([a, b]) => a + b);

describe("a share's ≥ read as 2 by OCR", () => {
  it("reads 2 + a percentage of 10–100 under a share as ≥ that percentage, with a note", () => {
    fc.assert(
      fc.property(shareName, percentArb, (name, p) => {
        expect(isShareName(name)).toBe(true);
        const v = parseTarget(`2${p}%`, { share: isShareName(name) });
        expect([v.kind, v.op, v.value, v.unit]).toEqual(["numeric", ">=", Number(p), "%"]);
        expect(v.note).toContain("≥");
      }),
    );
  });

  it("leaves as written: a value of 100% or less, an operator written, another first digit, a change or no share", () => {
    fc.assert(
      fc.property(percentArb, fc.integer({ min: 0, max: 100 }), (p, small) => {
        expect(parseTarget(`${small}%`, { share: true }).value).toBe(small);
        expect(parseTarget(`=2${p}%`, { share: true }).value).toBe(Number(`2${p}`));
        expect(parseTarget(`3${p}%`, { share: true }).value).toBe(Number(`3${p}`));
        expect(parseTarget(`2${p}%`).value).toBe(Number(`2${p}`));
        expect(parseTarget(`2${p}%以上`, { share: true }).value).toBe(Number(`2${p}`));
      }),
    );
    for (const name of ["收入增长率", "费用变动率", "投资回报率", "绿化面积", "宣传次数"])
      expect([name, isShareName(name)]).toEqual([name, false]);
  });
});
