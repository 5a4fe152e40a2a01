import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import {
  type Fen,
  fen,
  fenFromRatio,
  fenToWanYuan,
  fenToYuan,
  formatAmount,
  formatWanAndYuan,
  formatWanYuan,
  formatWanYuanExact,
  formatYuan,
  parseAmount,
  parseWanYuan,
  parseYuan,
  sumFen,
} from "../../src/money/money.ts";
import { toDecimalString, toFixed } from "../../src/numbers/decimal.ts";

/** Every amount printed in seed 002 (万元), with its value in fen worked out by hand (× 1,000,000). */
const SEED_002_WAN_YUAN: [string, bigint][] = [
  ["5576.54", 5_576_540_000n], // 基本支出总额
  ["2771.31", 2_771_310_000n], // 项目支出总额
  ["2953.33", 2_953_330_000n], // 预算数(A)
  ["2609.14", 2_609_140_000n], // 执行数(B)
  ["8347.85", 8_347_850_000n], // 全年经费支出
  ["1841.65", 1_841_650_000n], // 辅警经费
  ["163.3", 163_300_000n], // 停车保管及检测鉴定
  ["42.5", 42_500_000n], // 公安交通管理及维护
  ["62.54", 62_540_000n], // 区交警大队工作经费
  ["488.55", 488_550_000n], // 化工交警大队项目经费
  ["10.6", 10_600_000n], // 交通安全设施建设经费
  ["216.4", 216_400_000n], // 全面完成的 3 个项目
  ["2736.93", 2_736_930_000n], // 部分完成的 3 个项目 预算
  ["2392.74", 2_392_740_000n], // 部分完成的 3 个项目 完成
  ["1920", 1_920_000_000n], // 辅警经费预算
  ["136", 136_000_000n], // 区交通大队工作经费预算
  ["680.93", 680_930_000n], // 化工区交通大队项目经费预算
];

/** Every amount cell of seed 003's budget table (元), in fen by hand (× 100). */
const SEED_003_YUAN: [string, bigint | undefined][] = [
  ["170,294,599.63", 17_029_459_963n],
  ["-3,361,340.55", -336_134_055n],
  ["166,933,259.08", 16_693_325_908n],
  ["165,794,459.08", 16_579_445_908n],
  ["62,289,924.51", 6_228_992_451n],
  ["-1,357,147.99", -135_714_799n],
  ["60,932,776.52", 6_093_277_652n],
  ["108,004,675.12", 10_800_467_512n],
  ["-2,004,192.56", -200_419_256n],
  ["106,000,482.56", 10_600_048_256n],
  ["104,861,682.56", 10_486_168_256n],
  ["106,004,675.12", 10_600_467_512n],
  ["-4,192.56", -419_256n],
  ["2,000,000.00", 200_000_000n],
  ["-2,000,000.00", -200_000_000n],
  ["", undefined], // 其他资金 预算确定数, 上年结转: blank cells
];

function domainError(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("parsing the seeds' amounts", () => {
  it.each(SEED_002_WAN_YUAN)("seed 002: %s 万元", (text, expected) => {
    expect(parseWanYuan(text)).toBe(expected);
    expect(parseWanYuan(`${text} 万元`)).toBe(expected);
    expect(parseAmount(text, { unit: "万元" })).toBe(expected);
    expect(parseAmount(`${text}万元`)).toBe(expected);
  });

  it.each(SEED_003_YUAN)("seed 003: '%s' 元", (text, expected) => {
    expect(parseAmount(text, { unit: "元" })).toBe(expected);
    if (expected !== undefined) {
      expect(parseYuan(text)).toBe(expected);
      expect(parseYuan(`${text}元`)).toBe(expected);
      expect(formatYuan(expected as Fen)).toBe(text);
    }
  });

  it("reads 0.485 万元 as 4,850.00 元 and prints it back", () => {
    const f = parseWanYuan("0.485");
    expect(f).toBe(485_000n);
    expect(formatYuan(f)).toBe("4,850.00");
    expect(formatWanYuan(f, 4)).toBe("0.4850");
    expect(formatWanYuan(f, 3)).toBe("0.485");
  });

  it("reads 349.00 元", () => {
    expect(parseYuan("349.00")).toBe(34_900n);
  });

  it("reads 333万 as 3,330,000 元", () => {
    expect(parseAmount("333万")).toBe(333_000_000n);
    expect(parseAmount("333万", { unit: "万元" })).toBe(333_000_000n);
  });

  it("reads 亿元", () => {
    expect(parseAmount("1.2亿元")).toBe(12_000_000_000n);
  });
});

describe("money parsing rules", () => {
  it("accepts full-width digits, commas, points and minus signs", () => {
    expect(parseYuan("－３，３６１，３４０．５５")).toBe(-336_134_055n);
    expect(parseYuan("−4,192.56")).toBe(-419_256n);
    expect(parseYuan("＋１２")).toBe(1_200n);
    expect(parseYuan("￥1,000.5")).toBe(100_050n);
    expect(parseYuan("\u3000 12.30 \u3000")).toBe(1_230n);
  });

  it("accepts trailing zeros beyond the fen", () => {
    expect(parseYuan("1.230")).toBe(123n);
    expect(parseWanYuan("0.48500000")).toBe(485_000n);
  });

  it("treats blank and dash-only cells as no amount in parseAmount, an error in parseYuan", () => {
    for (const t of ["", "  ", "-", "—", "——", "/", "无"]) expect(parseAmount(t)).toBeUndefined();
    expect(parseAmount(undefined)).toBeUndefined();
    expect(parseAmount(null)).toBeUndefined();
    const e = domainError(() => parseYuan(""));
    expect(e.code).toBe("invalid_amount");
    expect(e.text.zh).toContain("金额为空");
    expect(() => parseWanYuan("—")).toThrow(DomainError);
  });

  it.each([
    ["1.235", "元", "整分"],
    ["0.4851234", "万元", "整分"],
    ["1,00", "元", "千分位"],
    ["12,3456.00", "元", "千分位"],
    ["1.2.3", "元", "小数点"],
    ["1e3", "元", "科学计数法"],
    ["（调减）", "元", "调增"],
    ["调减 1,000.00", "元", "调增"],
    ["(1,000.00)", "元", "括号"],
    ["abc", "元", "应为数字"],
    ["12 元 5", "元", "应为数字"],
  ] as const)("rejects %s (%s) with a bilingual message quoting it", (text, unit, zhPart) => {
    const e = domainError(() => (unit === "元" ? parseYuan(text) : parseWanYuan(text)));
    expect(e.code).toBe("invalid_amount");
    expect(e.text.zh).toContain(`「${text}」`);
    expect(e.text.zh).toContain(zhPart);
    expect(e.text.en).toContain(`"${text}"`);
  });

  it("rejects a unit other than the one asked for", () => {
    expect(domainError(() => parseYuan("12万元")).text.zh).toContain("这里要求「元」");
    expect(domainError(() => parseWanYuan("12元")).text.zh).toContain("这里要求「万元」");
  });

  it("keeps the location given", () => {
    const e = domainError(() => parseAmount("x", { location: { path: "budget.executed" } }));
    expect(e.location).toEqual({ path: "budget.executed" });
    expect(e.describe("en")).toContain("budget.executed");
  });
});

describe("formatting and conversion", () => {
  it("formats 元 and 万元", () => {
    const f = parseYuan("170,294,599.63");
    expect(formatYuan(f)).toBe("170,294,599.63");
    expect(formatYuan(f, { grouping: false })).toBe("170294599.63");
    expect(formatWanYuan(f)).toBe("17,029.46");
    expect(formatWanYuan(f, 6)).toBe("17,029.459963");
    expect(formatWanYuan(fen(-336_134_055n))).toBe("-336.13");
    expect(formatYuan(fen(5n))).toBe("0.05");
    expect(formatYuan(fen(-5n))).toBe("-0.05");
    expect(formatAmount(f, "万元", 4)).toBe("17,029.4600");
    expect(formatAmount(f, "元")).toBe("170,294,599.63");
  });

  it("writes 万元 exactly for a person (separators, 2 decimals or more, never rounded) with the 元 beside it", () => {
    expect(formatWanYuanExact(parseYuan("13,505,000.00"))).toBe("1,350.50");
    expect(formatWanYuanExact(parseYuan("4850.00"))).toBe("0.485");
    expect(formatWanYuanExact(parseYuan("170,294,599.63"))).toBe("17,029.459963");
    expect(formatWanYuanExact(parseYuan("-500000"))).toBe("-50.00");
    expect(formatWanAndYuan(parseYuan("600000.00"))).toBe("60.00 万元（600,000.00 元）");
  });

  it("rounds 万元 half away from zero", () => {
    expect(formatWanYuan(fen(5_000n), 2)).toBe("0.01"); // 50.00 元 = 0.005 万元
    expect(formatWanYuan(fen(-5_000n), 2)).toBe("-0.01");
    expect(formatWanYuan(fen(4_999n), 2)).toBe("0.00");
  });

  it("prints with separators what the exact decimal prints (the integer path for amounts below 2^53 fen)", () => {
    // the reference: toFixed of the exact Ratio, then a separator every three digits of the whole part
    const grouped = (text: string) => {
      const [whole, frac] = text.replace(/^-/, "").split(".") as [string, string | undefined];
      const sign = text.startsWith("-") ? "-" : "";
      return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac === undefined ? "" : `.${frac}`}`;
    };
    const amount = fc.oneof(
      fc.bigInt({ min: 0n, max: 10_000_000n }),
      fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }),
      fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
      // halves at every rounding digit: …5, …50, …500 fen
      fc
        .record({ v: fc.bigInt({ min: 0n, max: 10n ** 12n }), j: fc.integer({ min: 0, max: 5 }) })
        .map(({ v, j }) => (v * 10n + 5n) * 10n ** BigInt(j)),
    );
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 6 }), (a, decimals) => {
        const f = fen(a);
        expect(formatYuan(f)).toBe(grouped(toFixed(fenToYuan(f), 2)));
        expect(formatWanYuan(f, decimals)).toBe(grouped(toFixed(fenToWanYuan(f), decimals)));
        expect(formatAmount(f, "万元")).toBe(grouped(toFixed(fenToWanYuan(f), 2)));
        expect(formatYuan(f, { grouping: false })).toBe(toFixed(fenToYuan(f), 2));
      }),
      { numRuns: 3000 },
    );
  });

  it("converts 元 ↔ 万元 exactly", () => {
    const f = parseWanYuan("2953.33");
    expect(toDecimalString(fenToYuan(f))).toBe("29533300");
    expect(toDecimalString(fenToWanYuan(parseYuan("4,850.00")))).toBe("0.485");
    expect(fenFromRatio(fenToWanYuan(f), "万元")).toBe(f);
    expect(() => fenFromRatio({ n: 1n, d: 1000n }, "元")).toThrow(DomainError);
  });

  it("sums exactly", () => {
    // seed 002: the six projects' execution adds up to 2609.14 万元
    const parts = ["1841.65", "163.3", "42.5", "62.54", "488.55", "10.6"].map((t) => parseWanYuan(t));
    expect(sumFen(parts)).toBe(parseWanYuan("2609.14"));
  });

  it("round-trips any fen amount through formatYuan and parseYuan, and 万元 with 6 decimals", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), (n) => {
        const f = fen(n);
        expect(parseYuan(formatYuan(f))).toBe(f);
        expect(parseWanYuan(formatWanYuan(f, 6))).toBe(f);
        expect(parseAmount(formatWanYuan(f, 6, { grouping: false }), { unit: "万元" })).toBe(f);
      }),
    );
  });
});
