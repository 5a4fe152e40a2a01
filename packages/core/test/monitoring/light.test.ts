/**
 * One light for budget execution against time progress (monitoringLight): the rule of the warning list
 * (executionLight, warningOf) applied to an amount executed of a budget — what the dashboard lights its units by.
 * Expected values are worked out by hand from the definition: time progress = month ÷ 12; behind = time progress −
 * executed ÷ budget (percentage points); yellow from 10 behind, red from 20, unless the bureau's thresholds say
 * otherwise.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import { type Fen, parseYuan } from "../../src/money/money.ts";
import { monitoringLight, parseThresholds, warningOf } from "../../src/monitoring/index.ts";

const fen = (n: bigint) => n as Fen;
const B = parseYuan("100.00");

describe("monitoringLight: one rule for execution against time progress", () => {
  it.each([
    // executed of 100.00, month → rate, behind, light
    ["50.00", 6, "50.00", "0.00", "green"], // on pace
    ["40.00", 6, "40.00", "10.00", "yellow"], // exactly 10 behind: yellow
    ["40.01", 6, "40.01", "9.99", "green"],
    ["30.00", 6, "30.00", "20.00", "red"], // exactly 20 behind: red
    ["30.01", 6, "30.01", "19.99", "yellow"],
    ["30.00", 7, "30.00", "28.33", "red"], // 700/12 − 30 = 28.333…
    ["48.34", 7, "48.34", "9.99", "green"], // 58.333… − 48.34 = 9.9933…
    ["79.99", 12, "79.99", "20.01", "red"], // at year end red below 80
    ["90.00", 12, "90.00", "10.00", "yellow"],
    ["120.00", 3, "120.00", "-95.00", "green"], // ahead of time
  ] as const)("%s executed after month %i: rate %s, %s behind → %s", (executed, month, rate, behind, light) => {
    const l = monitoringLight(parseYuan(executed), B, month);
    expect([l.text, l.behindText, l.light]).toEqual([rate, behind, light]);
    expect(l.time.text).toBe(((month * 100) / 12).toFixed(2));
  });

  it("is exact, not judged on the rounded text: 9.996 behind shows 10.00 and is still green", () => {
    // 50% time progress, 40.004% executed: 9.996 points behind
    const l = monitoringLight(fen(40_004n), fen(100_000n), 6);
    expect(l).toMatchObject({ behindText: "10.00", light: "green" });
    expect(monitoringLight(fen(40_000n), fen(100_000n), 6).light).toBe("yellow");
  });

  it("takes the bureau's thresholds", () => {
    const t = parseThresholds("5", "15");
    expect(monitoringLight(parseYuan("45.00"), B, 6, t).light).toBe("yellow");
    expect(monitoringLight(parseYuan("35.00"), B, 6, t).light).toBe("red");
    expect(monitoringLight(parseYuan("45.01"), B, 6, t).light).toBe("green");
  });

  it("agrees with the warning list's execution light for every amount, month and threshold (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.bigInt({ min: 1n, max: 10_000_000n }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (executed, budget, month, yellow, extra) => {
          const t = parseThresholds(String(yellow), String(Math.min(100, yellow + extra)));
          const l = monitoringLight(fen(executed), fen(budget), month, t);
          const w = warningOf({ month, executionPercent: l.rate, thresholds: t, indicators: [] });
          expect(w.executionLight).toBe(l.light);
          expect(w.behindText).toBe(l.behindText);
        },
      ),
    );
  });

  it("refuses a month outside 1–12 and a zero budget", () => {
    expect(() => monitoringLight(B, B, 0)).toThrow(DomainError);
    expect(() => monitoringLight(B, B, 13)).toThrow(DomainError);
    expect(() => monitoringLight(B, B, 6.5)).toThrow(DomainError);
    expect(() => monitoringLight(B, fen(0n), 6)).toThrow(DomainError);
  });
});
