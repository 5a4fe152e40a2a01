/**
 * Figures read from Chinese sentences: amounts in every written form, percentages, changes and the prior year
 * they imply, project counts and the names that follow. Examples are checked by hand; properties generate the
 * forms and check that the same fen comes back, and that nothing throws on any text.
 */
import { decimal } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findAmounts,
  findChanges,
  findCounts,
  findPercents,
  locate,
  passageOfLines,
  priorFromChange,
  readCount,
} from "../../src/narrative/index.ts";

const fenOf = (s: string) => findAmounts(s).map((a) => a.fen);

describe("amounts in sentences", () => {
  it("reads 万元, 元, 亿, 千元, separators and full-width digits exactly", () => {
    // 6,590.39万元 = 65,903,900.00元 = 6,590,390,000 fen
    expect(fenOf("“三公经费”实际发生额为6,590.39万元，包括")).toEqual([6_590_390_000n]);
    // 54,424.16元 = 5,442,416 fen
    expect(fenOf("比上年减少54,424.16元，下降89.65%")).toEqual([5_442_416n]);
    // 1.68亿元 = 168,000,000元
    expect(fenOf("今年预算1.68亿元，其中")).toEqual([16_800_000_000n]);
    // 3.5千元 = 3,500元
    expect(fenOf("办公费3.5千元")).toEqual([350_000n]);
    // １２．５万元 = 125,000元
    expect(fenOf("接待费１２．５万元")).toEqual([12_500_000n]);
    // 0.485 万元 = 4,850元
    expect(fenOf("预算0.485 万元")).toEqual([485_000n]);
  });

  it("joins an amount broken across lines and reads 万 / 亿 without 元 where the clause speaks of money", () => {
    const a = findAmounts("公务用车运行维护费75万\n元，主要用于");
    expect(a.map((x) => x.fen)).toEqual([75_000_000n]);
    expect(a[0]!.text).toBe("75万\n元");
    const b = findAmounts("安排公车购置及运行维护费38万。较上年预算下降20%");
    expect(b.map((x) => [x.fen, x.withoutYuan])).toEqual([[38_000_000n, true]]);
    expect(fenOf("其中公车预算1.24亿，减少5%")).toEqual([12_400_000_000n]);
  });

  it("does not take counts for money", () => {
    expect(findAmounts("人口26.5万，下辖4个镇")).toEqual([]);
    expect(findAmounts("拥有各类机动车5.3万台、驾驶人5.8万名；每年办理车驾管业务1.9万余起")).toEqual([]);
    expect(findAmounts("2015年，发放宣传资料4200余份")).toEqual([]);
  });

  it("marks an approximate amount and keeps one that is not a whole fen without a fen", () => {
    const a = findAmounts("2011年比2010年减少1271万余元");
    expect(a[0]).toMatchObject({ approximate: true, fen: 1_271_000_000n });
    const b = findAmounts("单价1.234元");
    expect(b).toHaveLength(1);
    expect(b[0]!.fen).toBeUndefined();
  });

  it("reads percentages with a space or a full-width sign", () => {
    expect(findPercents("占0.14 %；占2.44%；增长７．５％").map((p) => p.percent)).toEqual(["0.14", "2.44", "7.5"]);
  });
});

/** Writes a fen amount in a unit as exact decimal text, in one of the ways documents write it. */
function write(
  fen: bigint,
  unit: "元" | "千元" | "万元" | "亿元",
  opts: { group: boolean; fullWidth: boolean },
): string {
  const per = { 元: 100n, 千元: 100_000n, 万元: 1_000_000n, 亿元: 10_000_000_000n }[unit];
  const r = decimal.ratio(fen, per);
  let t = decimal.toDecimalString(r, 12);
  if (opts.group) {
    const [i, f] = t.split(".") as [string, string?];
    t = i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (f !== undefined ? `.${f}` : "");
  }
  if (opts.fullWidth)
    t = t.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x30 + 0xff10)).replace(".", "．");
  return t;
}

describe("amount properties", () => {
  const fen = fc.bigInt({ min: 0n, max: 10n ** 14n });

  it("any amount in any written form reads back to the same fen", () => {
    const forms = fen.chain((f) =>
      fc.oneof(
        fc.record({ f: fc.constant(f), u: fc.constant("元" as const), sfx: fc.constant("元") }),
        fc.record({ f: fc.constant(f), u: fc.constant("千元" as const), sfx: fc.constant("千元") }),
        fc.record({
          f: fc.constant(f),
          u: fc.constant("万元" as const),
          sfx: fc.constantFrom("万元", "万\n元", "万 元", "万"),
        }),
        fc.record({ f: fc.constant(f), u: fc.constant("亿元" as const), sfx: fc.constantFrom("亿元", "亿") }),
      ),
    );
    fc.assert(
      fc.property(forms, fc.boolean(), fc.boolean(), ({ f, u, sfx }, group, fullWidth) => {
        const text = `公务接待费支出${write(f, u, { group, fullWidth })}${sfx}，比上年有所减少。`;
        const found = findAmounts(text);
        expect(found).toHaveLength(1);
        expect(found[0]!.fen).toBe(f);
      }),
      { numRuns: 400 },
    );
  });

  it("never throws and offsets point into the text, on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        for (const a of findAmounts(s)) expect(s.slice(a.start, a.end)).toBe(a.text);
        for (const p of findPercents(s)) expect(s.slice(p.start, p.end)).toBe(p.text);
        findChanges(s);
        findCounts(s);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "比上年",
            "减少",
            "增长",
            "持平",
            "12.5",
            "万元",
            "%",
            "共开展",
            "3个项目",
            "、",
            "，",
            "。",
            "\n",
            "较2015年",
            "分别是",
            "元",
            "亿",
          ),
          {
            maxLength: 30,
          },
        ),
        (parts) => {
          const s = parts.join("");
          findAmounts(s);
          findChanges(s);
          findCounts(s);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("changes and the prior year", () => {
  it("reads an amount and a percentage of one change, and the reason", () => {
    const [c] = findChanges("支出预算为79万元，比上年预算减少49万元，下降38.28%，主要原因是压缩开支。");
    expect(c).toMatchObject({ direction: "decrease" });
    expect(c!.amount!.fen).toBe(49_000_000n);
    expect(c!.percent!.percent).toBe("38.28");
    expect(c!.reference!.text).toBe("上年预算");
    expect(c!.reason).toBe("压缩开支");
  });

  it("reads 较2015年, 较2024年的2190万元 (a stated prior), 与上年持平 and 与2010年支出相比", () => {
    const a = findChanges("开支“三公”经费5834万元，较2015年下降2.3%，主要是加强公车管理");
    expect(a[0]!.reference).toMatchObject({ year: 2015, relative: false });
    const b = findChanges("预算总额为1969万元，较2024年的2190万元减少221万元，下降10.1%");
    expect(b).toHaveLength(1);
    expect(b[0]!.statedPrior!.fen).toBe(2_190_000_000n);
    expect(b[0]!.amount!.fen).toBe(221_000_000n);
    expect(b[0]!.percent!.percent).toBe("10.1");
    const c = findChanges("因公出国100万元，与上年持平；");
    expect(c[0]).toMatchObject({ direction: "same" });
    const d = findChanges("2011年预算2281万元，与2010年支出相比，压减407.03万元，减少15%。");
    expect(d).toHaveLength(1);
    expect(d[0]!.reference!.year).toBe(2010);
    expect(d[0]!.amount!.fen).toBe(407_030_000n);
    expect(d[0]!.percent!.percent).toBe("15");
  });

  it("does not take a reason's 减少 for a change", () => {
    expect(findChanges("主要原因是压缩开支，减少接待次数。")).toEqual([]);
  });

  it("derives the prior year: from an amount exactly, from a percentage rounded half-up to the fen", () => {
    // 79万 + 49万 = 128万
    expect(priorFromChange(79_000_000n, { direction: "decrease", amount: { fen: 49_000_000n } as never })).toEqual({
      fen: 128_000_000n,
      from: "amount",
    });
    // 2771万 ÷ 0.982 = 2821.79226…万 → 28,217,922.61元 (hand: 27710000 / 0.982 = 28217922.606…)
    expect(
      priorFromChange(2_771_000_000n, {
        direction: "decrease",
        percent: { percent: "1.8", text: "1.8%", start: 0, end: 0 },
      }),
    ).toEqual({ fen: 2_821_792_261n, from: "percent" });
    expect(priorFromChange(10_000n, { direction: "same" })).toEqual({ fen: 10_000n, from: "same" });
  });

  it("property: a prior derived from a percentage is within half a fen of current ÷ (1 ± p)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.integer({ min: 0, max: 9999 }),
        fc.boolean(),
        (cur, p100, up) => {
          const pct = (p100 / 100).toFixed(2);
          const d = priorFromChange(cur, {
            direction: up ? "increase" : "decrease",
            percent: { percent: pct, text: `${pct}%`, start: 0, end: 0 },
          });
          expect(d).toBeDefined();
          // prior × (100 ± p) vs current × 100: differ by at most half a fen × (100 ± p)
          const factor = decimal.add(
            decimal.fromInt(100),
            up ? decimal.parseDecimal(pct)! : decimal.neg(decimal.parseDecimal(pct)!),
          );
          const diff = decimal.sub(decimal.mul(decimal.fromInt(d!.fen), factor), decimal.fromInt(cur * 100n));
          const bound = decimal.mul(factor, decimal.ratio(1n, 2n));
          const abs = decimal.cmp(diff, decimal.ZERO) < 0 ? decimal.neg(diff) : diff;
          expect(decimal.cmp(abs, bound) <= 0).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: generated changes read back", () => {
    const words = { increase: ["增加", "增长"], decrease: ["减少", "下降"] } as const;
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 10n }),
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom("increase" as const, "decrease" as const),
        fc.constantFrom("比上年", "较上年", "比2021年预算", "较2015年", "同比"),
        (fenAmt, p100, dir, ref) => {
          const amt = decimal.toDecimalString(decimal.ratio(fenAmt, 1_000_000n), 6);
          const pct = (p100 / 100).toString();
          const s = `公务用车运行费50万元，${ref}${words[dir][0]}${amt}万元，${words[dir][1]}${pct}%。`;
          const cs = findChanges(s);
          expect(cs).toHaveLength(1);
          expect(cs[0]!.direction).toBe(dir);
          expect(cs[0]!.amount!.fen).toBe(fenAmt);
          expect(cs[0]!.percent!.percent).toBe(pct);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("project counts and names", () => {
  it("reads 共开展4个项目 with five names after it (屏边 交警 2022)", () => {
    const [c] = findCounts(
      "屏边县公安局交通警察大队共开展4个项目,分别是中央和省级政法纪检监察转移支付项目、交通警察部门公安管理业务费项目、辅警待遇专项经费项目、交通事故预防项目、结合治理工作经费项目。",
    );
    expect(c!.stated).toBe(4);
    expect(c!.names.map((n) => n.name)).toEqual([
      "中央和省级政法纪检监察转移支付项目",
      "交通警察部门公安管理业务费项目",
      "辅警待遇专项经费项目",
      "交通事故预防项目",
      "结合治理工作经费项目",
    ]);
  });

  it("reads 实施项目共15个 and 共实施了三个专项项目, not 年初批复预算8个项目", () => {
    expect(
      findCounts("实施项目共15个(含2023年转列暂付性款项项目5个),年初批复预算8个项目985万元").map((c) => c.stated),
    ).toEqual([15]);
    expect(findCounts("本年度共实施了三个专项项目。").map((c) => c.stated)).toEqual([3]);
    expect(readCount("十二")).toBe(12);
    expect(readCount("两")).toBe(2);
  });

  it("property: a count and a generated list read back", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.stringMatching(/^[甲乙丙丁戊己庚辛壬癸]{1,5}$/), { minLength: 1, maxLength: 12 }),
        (n, stems) => {
          const names = stems.map((s, i) => `${s}${i}号项目`);
          const [c] = findCounts(`本单位共开展${n}个项目，分别是${names.join("、")}。`);
          expect(c!.stated).toBe(n);
          expect(c!.names.map((x) => x.name)).toEqual(names);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("locations", () => {
  it("an offset in a passage is the paragraph's line and the character in it", () => {
    const p = passageOfLines(["第一行", "公务接待费75万", "元。"], "f.txt");
    const a = findAmounts(p.text)[0]!;
    expect(locate(p, a.start, "reception")).toEqual({ file: "f.txt", row: 2, column: 6, field: "reception" });
  });
});

describe("a count with the projects numbered after it", () => {
  it("property: 项目主要包括N个 (or 共N个), the names numbered 1、 / (1) in the next sentence, quoted or not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[甲乙丙丁戊己庚辛壬癸]{2,6}$/), { minLength: 2, maxLength: 6 }),
        fc.constantFrom("项目主要包括", "项目共", "项目包括", "项目合计"),
        fc.constantFrom("、", "."),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom("经费", "项目", "专项经费"),
        (stems, lead, dot, paren, quote, suffix) => {
          const names = stems.map((s) => `${s}${suffix}`);
          const list = names
            .map((n, i) => {
              const num = paren ? `(${i + 1})` : `${i + 1}${dot}`;
              return `${num}${quote ? `“${n}”` : n}支出为${(i + 1) * 3}.50万元`;
            })
            .join("；");
          const text = `2017年某某大队绩效评价${lead}${names.length}个，总支出为2,634.27万元。其中：${list}，确保了工作正常运行。\n2、务指标`;
          const [c] = findCounts(text);
          expect(c!.stated).toBe(names.length);
          expect(c!.names.map((x) => x.name)).toEqual(names);
          // each name's offsets point at it in the text
          for (const n of c!.names) expect(text.slice(n.start, n.end)).toBe(n.name);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("an amount after 为 is no list, numbers that do not start at 1 are no list, and counts of 指标 are not projects", () => {
    expect(findCounts("项目主要包括2个，总支出为2,634.27万元。").map((c) => [c.stated, c.names.length])).toEqual([
      [2, 0],
    ]);
    expect(findCounts("项目共3个，总支出30万元。其中：2、甲项目10万元；3、乙项目20万元。")[0]!.names).toEqual([]);
    expect(findCounts("该项目共编制12个绩效目标指标，其中一级指标3个。")).toEqual([]);
    expect(findCounts("项目涉及15个乡镇33个行政村。")).toEqual([]);
  });
});
