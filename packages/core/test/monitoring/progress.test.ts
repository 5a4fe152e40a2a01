import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import { fen } from "../../src/money/money.ts";
import {
  type ExecutionFigure,
  executionAtCutoff,
  paceIndex,
  pointsBehind,
  projectExecution,
  timeProgress,
} from "../../src/monitoring/progress.ts";
import { cmp, fromInt, mul, ratio, toDecimalString } from "../../src/numbers/decimal.ts";

describe("time progress at a month's end", () => {
  it("is months ÷ 12, exact", () => {
    expect(timeProgress(6)).toMatchObject({ month: 6, text: "50.00" });
    expect(timeProgress(6).ratio).toEqual(ratio(1n, 2n));
    // 7 ÷ 12 = 0.58333…: kept as 7/12, shown as 58.33
    expect(timeProgress(7).ratio).toEqual(ratio(7n, 12n));
    expect(timeProgress(7).text).toBe("58.33");
    expect(timeProgress(9).text).toBe("75.00");
    expect(timeProgress(12).text).toBe("100.00");
  });

  it("refuses a month outside 1–12 with a bilingual message at the field", () => {
    for (const m of [0, 13, 6.5]) {
      try {
        timeProgress(m);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).location).toEqual({ field: "cutoffMonth" });
        expect((e as DomainError).text.en).toMatch(/1 to 12/);
      }
    }
  });

  it("× 12 gives the month back, and grows with the month (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (a, b) => {
        expect(mul(timeProgress(a).ratio, fromInt(12))).toEqual(fromInt(a));
        if (a < b) expect(cmp(timeProgress(a).percent, timeProgress(b).percent)).toBe(-1);
      }),
    );
  });
});

describe("execution to the cut-off from cumulative monthly rows", () => {
  const rows: ExecutionFigure[] = [
    { month: null, determinedBudget: fen(1_000_000n), executed: fen(990_000n), id: "year" },
    { month: 3, executed: fen(100_000n), id: "m3" },
    { month: 6, executed: fen(250_000n), id: "m6" },
    { month: 9, executed: fen(400_000n), determinedBudget: fen(800_000n), id: "m9" },
  ];

  it("reads the latest month at or before the cut-off, the budget from the full-year row", () => {
    // 250,000 ÷ 1,000,000 fen = 25%
    const at6 = executionAtCutoff(rows, 6);
    expect(at6).toMatchObject({ month: 6, sourceId: "m6", executed: 250_000n, budget: 1_000_000n, text: "25.00" });
    // no July or August figure: June's stands
    expect(executionAtCutoff(rows, 8)).toMatchObject({ month: 6, text: "25.00" });
    // September's row carries its own (adjusted) budget: 400,000 ÷ 800,000 = 50%
    expect(executionAtCutoff(rows, 12)).toMatchObject({ month: 9, budget: 800_000n, text: "50.00" });
  });

  it("has no figure before the first month reported (the full-year row is not a 1–N月 figure)", () => {
    const at2 = executionAtCutoff(rows, 2);
    expect(at2.executed).toBeUndefined();
    expect(at2.percent).toBeUndefined();
    expect(at2.budget).toBe(1_000_000n);
  });

  it("falls back to the given budget (年初 + 调整 before that), and gives no rate on a zero budget", () => {
    expect(executionAtCutoff([{ month: 6, executed: fen(30n) }], 6, fen(120n)).text).toBe("25.00");
    const viaInitial = executionAtCutoff(
      [{ month: 6, executed: fen(50n), initialBudget: fen(90n), adjustment: fen(10n) }],
      6,
    );
    expect(viaInitial).toMatchObject({ budget: 100n, text: "50.00" });
    expect(executionAtCutoff([{ month: 6, executed: fen(30n) }], 6, fen(0n)).percent).toBeUndefined();
  });

  it("always reads the largest month ≤ the cut-off (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (months, cutoff) => {
          const rs = months.map((m) => ({ month: m, executed: fen(BigInt(m) * 100n), determinedBudget: fen(1200n) }));
          const got = executionAtCutoff(rs, cutoff);
          const want = months.filter((m) => m <= cutoff);
          expect(got.month).toBe(want.length ? Math.max(...want) : undefined);
          if (got.month !== undefined) expect(got.executed).toBe(BigInt(got.month) * 100n);
        },
      ),
    );
  });
});

describe("projected execution and the gap", () => {
  it("projects the pace to the year, to the fen (half away from zero)", () => {
    expect(projectExecution(fen(250_000n), 6)).toBe(500_000n);
    // 100 × 12 ÷ 7 = 171.43 → 171
    expect(projectExecution(fen(100n), 7)).toBe(171n);
    // 7 × 12 ÷ 8 = 10.5 → 11
    expect(projectExecution(fen(7n), 8)).toBe(11n);
  });

  it("gives points behind and the pace index exactly", () => {
    const t = timeProgress(6);
    expect(toDecimalString(pointsBehind(t, fromInt(35)))).toBe("15");
    expect(toDecimalString(paceIndex(t, fromInt(35)))).toBe("70");
  });
});
