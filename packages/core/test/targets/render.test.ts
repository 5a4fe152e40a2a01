import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTarget } from "../../src/targets/parse.ts";
import { renderTarget } from "../../src/targets/render.ts";
import type { Op, TargetValue } from "../../src/targets/types.ts";

/** The structure of a value: every field except the text and the note, parts included. */
function structure(v: TargetValue): Record<string, unknown> {
  const { text: _t, note: _n, parts, ...rest } = v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(rest)) if (x !== undefined) out[k] = x;
  if (parts) out.parts = parts.map(structure);
  return out;
}

const OPS: Op[] = [">=", ">", "=", "<", "<="];
/** Units a renderer can write after a number. `年` is left out: `2024年` is a date. */
const UNITS = [
  "%",
  "‰",
  "人",
  "名",
  "元",
  "元/人/天",
  "元/月",
  "次/年",
  "次",
  "工作日",
  "小时",
  "分钟",
  "天",
  "件",
  "个",
  "辆",
  "篇",
  "人次",
  "平米",
  "度",
  "套",
  "项",
];

/** Non-negative decimals with up to 4 decimals, built from integers so they are exact decimal texts. */
const decimalValue = fc
  .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 4 }))
  .map(([n, k]) => Number((n / 10 ** k).toFixed(k)));

const unit = fc.option(fc.constantFrom(...UNITS), { nil: undefined });
const label = fc.option(fc.constantFrom("专版", "注册量", "年检", "满意度", "办结率"), { nil: undefined });

function clean(v: TargetValue): TargetValue {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = x;
  return out as unknown as TargetValue;
}

const numeric = fc
  .record({ op: fc.constantFrom(...OPS), value: decimalValue, unit, label })
  .map((r) => clean({ kind: "numeric", text: "", ...r }));

const range = fc
  .record({ a: decimalValue, b: decimalValue, unit })
  .map(({ a, b, unit: u }) => clean({ kind: "range", text: "", min: Math.min(a, b), max: Math.max(a, b), unit: u }));

const date = fc
  .record({
    y: fc.integer({ min: 2000, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
  });
const deadline = fc.record({ date, inclusive: fc.boolean() }).map((r) => clean({ kind: "deadline", text: "", ...r }));

const frequency = fc
  .record({
    value: fc.integer({ min: 1, max: 100 }),
    period: fc.constantFrom("day", "week", "month", "quarter", "year") as fc.Arbitrary<
      NonNullable<TargetValue["period"]>
    >,
    op: fc.option(fc.constantFrom(">=", "<=") as fc.Arbitrary<Op>, { nil: undefined }),
  })
  .map((r) => clean({ kind: "frequency", text: "", unit: "次", ...r }));

const WORDS: ReadonlyArray<readonly [string, NonNullable<TargetValue["quality"]>]> = [
  ["符合相关规定", "meets"],
  ["达标", "meets"],
  ["满足", "meets"],
  ["合规", "meets"],
  ["建设完成", "meets"],
  ["安全", "meets"],
  ["明显提高", "improves"],
  ["作用显著", "improves"],
  ["减少损失", "improves"],
  ["普遍满意", "satisfied"],
  ["满意", "satisfied"],
  ["无行政复议", "none"],
  ["全年0事故", "none"],
];
const qualitative = fc.constantFrom(...WORDS).map(([text, quality]) => clean({ kind: "qualitative", text, quality }));

const compound = fc
  .array(fc.record({ op: fc.constantFrom(...OPS), value: decimalValue, unit: fc.constantFrom(...UNITS), label }), {
    minLength: 2,
    maxLength: 4,
  })
  .map((parts) =>
    clean({ kind: "qualitative", text: "", parts: parts.map((p) => clean({ kind: "numeric", text: "", ...p })) }),
  );

const validValue = fc.oneof(numeric, range, deadline, frequency, qualitative, compound);

describe("renderTarget", () => {
  it.each([
    [{ kind: "numeric", text: "", op: ">=", value: 100, unit: "人" }, "≥100人"],
    [{ kind: "numeric", text: "", op: "<=", value: 500, unit: "元/人/天" }, "≤500元/人/天"],
    [{ kind: "numeric", text: "", op: "<=", value: 8200, unit: "元" }, "≤8200元"],
    [{ kind: "numeric", text: "", op: "=", value: 100, unit: "%" }, "100%"],
    [{ kind: "numeric", text: "", op: ">=", value: 480000, unit: "次/年" }, "≥480000次/年"],
    [{ kind: "range", text: "", min: 50, max: 70, unit: "%" }, "50%-70%"],
    [{ kind: "range", text: "", min: 2, max: 3, unit: "个" }, "2-3个"],
    [{ kind: "deadline", text: "", date: "2024-12-30", inclusive: false }, "2024年12月30日前"],
    [{ kind: "deadline", text: "", date: "2024-12-31", inclusive: true }, "不晚于2024年12月31日"],
    [{ kind: "frequency", text: "", value: 1, period: "month", unit: "次" }, "每月1次"],
    [{ kind: "frequency", text: "", value: 4, period: "year", unit: "次", op: ">=" }, "至少每年4次"],
    [{ kind: "qualitative", text: "符合相关规定", quality: "meets" }, "符合相关规定"],
  ] as ReadonlyArray<readonly [TargetValue, string]>)("%o → %s", (v, text) => {
    expect(renderTarget(v)).toBe(text);
  });

  it("writes small and large numbers without exponents", () => {
    expect(renderTarget({ kind: "numeric", text: "", op: "<", value: 0.0001, unit: "%" })).toBe("<0.0001%");
    expect(renderTarget({ kind: "numeric", text: "", op: ">", value: 1213989.05, unit: "度" })).toBe(">1213989.05度");
  });

  it("falls back to the text when the structure is incomplete", () => {
    expect(renderTarget({ kind: "deadline", text: "年内" })).toBe("年内");
    expect(renderTarget({ kind: "numeric", text: "某值" })).toBe("某值");
  });

  it("property: parseTarget(renderTarget(v)) has v's structure", () => {
    fc.assert(
      fc.property(validValue, (v) => {
        const back = parseTarget(renderTarget(v));
        expect(structure(back)).toEqual(structure(v));
      }),
      { numRuns: 3000 },
    );
  });

  it("property: rendering what was parsed from a rendering is stable", () => {
    fc.assert(
      fc.property(validValue, (v) => {
        const once = renderTarget(v);
        expect(renderTarget(parseTarget(once))).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
