import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  add,
  cmp,
  div,
  fromNumber,
  mul,
  parseDecimal,
  ratio,
  toDecimalString,
  toFixed,
} from "../src/numbers/decimal.ts";

describe("exact decimals", () => {
  it("rounds half away from zero where binary floats do not", () => {
    expect(toFixed(parseDecimal("1.005")!, 2)).toBe("1.01");
    expect(toFixed(parseDecimal("-1.005")!, 2)).toBe("-1.01");
    expect(toFixed(parseDecimal("2.675")!, 2)).toBe("2.68");
  });

  it("computes 2609.14 / 2953.33 as 88.35%", () => {
    const rate = mul(div(parseDecimal("2609.14")!, parseDecimal("2953.33")!), ratio(100n));
    expect(toFixed(rate, 2)).toBe("88.35");
  });

  it("keeps sums exact: 0.1 + 0.2 = 0.3", () => {
    expect(toDecimalString(add(parseDecimal("0.1")!, parseDecimal("0.2")!))).toBe("0.3");
  });

  it("rejects text that is not a plain decimal", () => {
    for (const s of ["", "1,000", "1e3", "abc", "1.2.3", "--1"]) expect(parseDecimal(s)).toBeUndefined();
  });

  it("round-trips any decimal text through parse and print", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 6 }),
        (units, scale) => {
          const r = ratio(units, 10n ** BigInt(scale));
          expect(cmp(parseDecimal(toFixed(r, scale))!, r)).toBe(0);
        },
      ),
    );
  });

  it("converts JS numbers through their decimal text", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        const v = units / 10 ** scale;
        expect(Number(toDecimalString(fromNumber(v), 12))).toBe(v);
        expect(toDecimalString(fromNumber(v), 12)).toBe(String(v));
      }),
    );
  });
});
