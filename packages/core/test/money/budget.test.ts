import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import {
  checkBudgetLine,
  checkProcurementLine,
  checkTotal,
  executionRate,
  parseStatedRate,
} from "../../src/money/budget.ts";
import { fen, parseAmount, parseWanYuan, parseYuan } from "../../src/money/money.ts";
import { parseDecimal, toDecimalString } from "../../src/numbers/decimal.ts";

const y = (t: string) => parseAmount(t, { unit: "元" });

/** Seed 003's budget table: 年初预算数, 预算调整数, 预算确定数, 执行数, 执行率(%) as printed. */
const SEED_003_ROWS: [string, string, string, string, string, string][] = [
  ["年度资金总额", "170,294,599.63", "-3,361,340.55", "166,933,259.08", "165,794,459.08", "99.32"],
  ["基本支出", "62,289,924.51", "-1,357,147.99", "60,932,776.52", "60,932,776.52", "100.00"],
  ["项目支出", "108,004,675.12", "-2,004,192.56", "106,000,482.56", "104,861,682.56", "98.93"],
  ["其中：财政拨款", "106,004,675.12", "-4,192.56", "106,000,482.56", "104,861,682.56", "98.93"],
];

describe("execution rate", () => {
  it("seed 002: 2609.14 ÷ 2953.33 万元 = 88.35% (the document prints 88.3%)", () => {
    const r = executionRate(parseWanYuan("2609.14"), parseWanYuan("2953.33"));
    expect(r.text).toBe("88.35");
    const line = checkBudgetLine({
      final: parseWanYuan("2953.33"),
      executed: parseWanYuan("2609.14"),
      statedRate: "88.3%",
    });
    expect(line.rate?.text).toBe("88.35");
    expect(line.rateComparison?.matches).toBe(true); // 88.3457… is 88.3 at one decimal
    expect(line.rateComparison?.computedAtStatedPrecision).toBe("88.3");
    expect(line.problems).toEqual([]);
  });

  it.each(SEED_003_ROWS)("seed 003 %s: 年初 + 调整 = 确定 and the printed rate", (_name, a, b, c, d, rate) => {
    const check = checkBudgetLine({ initial: y(a), adjustment: y(b), final: y(c), executed: y(d), statedRate: rate });
    expect(check.finalHolds).toBe(true);
    expect(check.computedFinal).toBe(y(c));
    expect(check.rate?.text).toBe(rate);
    expect(check.rateComparison?.matches).toBe(true);
    expect(check.problems).toEqual([]);
  });

  it("seed 003 其他资金: 2,000,000.00 − 2,000,000.00 = a blank 预算确定数 (0); no rate", () => {
    const check = checkBudgetLine({
      initial: y("2,000,000.00"),
      adjustment: y("-2,000,000.00"),
      final: y(""),
      executed: y(""),
    });
    expect(check.finalHolds).toBe(true);
    expect(check.computedFinal).toBe(0n);
    expect(check.rate).toBeUndefined();
    expect(check.problems).toEqual([]);
  });

  it("seed 003: basic + project = total in every column, 财政拨款 + 其他资金 = project", () => {
    for (const col of [1, 2, 3, 4] as const) {
      const [total, basic, project] = SEED_003_ROWS.map((r) => y(r[col])!);
      expect(checkTotal(total!, [basic, project]).holds).toBe(true);
    }
    expect(checkTotal(y("108,004,675.12")!, [y("106,004,675.12"), y("2,000,000.00")]).holds).toBe(true);
    expect(checkTotal(y("-2,004,192.56")!, [y("-4,192.56"), y("-2,000,000.00")]).holds).toBe(true);
  });

  it("seed 002: the six projects' budgets add up to 2953.33 万元, the executions to 2609.14", () => {
    const w = (t: string) => parseWanYuan(t);
    expect(checkTotal(w("2953.33"), ["1920", "136", "680.93", "163.3", "42.5", "10.6"].map(w)).holds).toBe(true);
    expect(checkTotal(w("2392.74"), ["1841.65", "62.54", "488.55"].map(w)).holds).toBe(true);
    expect(checkTotal(w("8347.85"), ["5576.54", "2771.31"].map(w)).holds).toBe(true);
  });

  it("reports a total that does not add up with its difference", () => {
    const c = checkTotal(parseYuan("100.00"), [parseYuan("60.00"), parseYuan("39.99")]);
    expect(c.holds).toBe(false);
    expect(c.difference).toBe(1n);
  });

  it("reports 年初 + 调整 ≠ 确定 with the difference", () => {
    const c = checkBudgetLine({
      initial: y("100.00"),
      adjustment: y("-10.00"),
      final: y("91.00"),
      executed: y("45.50"),
    });
    expect(c.finalHolds).toBe(false);
    expect(c.finalDifference).toBe(100n);
    expect(c.problems.map((p) => p.code)).toEqual(["final_mismatch"]);
    expect(c.problems[0]!.zh).toContain("相差 1.00");
    expect(c.rate?.text).toBe("50.00");
  });

  it("reports a stated rate that is not the computed one at its precision", () => {
    const c = checkBudgetLine({ final: y("3.00"), executed: y("2.00"), statedRate: "66.66" }); // 66.666… → 66.67
    expect(c.rateComparison?.matches).toBe(false);
    expect(toDecimalString(c.rateComparison!.difference)).toBe("-0.0066666667");
    expect(c.problems.map((p) => p.code)).toEqual(["rate_mismatch"]);
    expect(c.problems[0]!.en).toContain("66.67%");
    expect(checkBudgetLine({ final: y("3.00"), executed: y("2.00"), statedRate: "六成" }).problems[0]!.code).toBe(
      "stated_rate_unreadable",
    );
  });

  it("flags execution above the budget", () => {
    const c = checkBudgetLine({ final: y("100.00"), executed: y("120.00") });
    expect(c.rate?.text).toBe("120.00");
    expect(c.problems.map((p) => p.code)).toEqual(["executed_over_budget"]);
  });

  it("never divides by a zero budget", () => {
    try {
      executionRate(parseYuan("5.00"), fen(0n));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe("zero_budget");
      expect((e as DomainError).text.en).toContain("zero");
    }
    expect(checkBudgetLine({ final: fen(0n), executed: fen(0n) }).problems.map((p) => p.code)).toEqual(["zero_budget"]);
    expect(() => executionRate(fen(1n), fen(-1n))).toThrow(DomainError);
  });

  it("reads stated rates", () => {
    expect(parseStatedRate("88.3%")?.decimals).toBe(1);
    expect(parseStatedRate("88.3％")?.decimals).toBe(1);
    expect(parseStatedRate("100.00")?.decimals).toBe(2);
    expect(parseStatedRate(99)?.decimals).toBe(0);
    expect(parseStatedRate("abc")).toBeUndefined();
  });
});

describe("checkProcurementLine (政府采购: 数量 × 单价 = 金额)", () => {
  it("multiplies exactly, also off the fen, and holds only for an equal amount", () => {
    // 50 × 15,000.00 元 = 750,000.00 元
    const ok = checkProcurementLine(parseDecimal("50")!, parseYuan("15000"), parseYuan("750000"));
    expect(ok.holds).toBe(true);
    expect(toDecimalString(ok.product)).toBe(String(parseYuan("750000")));
    // 50 × 15,000.00 元 against 76.25 万元: one is 12,500 元 off
    expect(checkProcurementLine(parseDecimal("50")!, parseYuan("15000"), parseWanYuan("76.25")).holds).toBe(false);
    // 1.5 × 0.01 元 = 1.5 fen: exact, never equal to a whole-fen amount
    const half = checkProcurementLine(parseDecimal("1.5")!, parseYuan("0.01"), fen(1n));
    expect(toDecimalString(half.product)).toBe("1.5");
    expect(half.holds).toBe(false);
    // no amount: the product, and nothing holds
    expect(checkProcurementLine(parseDecimal("3")!, parseYuan("2"), undefined).holds).toBe(false);
  });
});
