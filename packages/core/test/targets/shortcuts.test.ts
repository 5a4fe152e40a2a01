/**
 * `normalizeTargetText` returns text that is already normal as it is, and `parseTarget` sends a plain number
 * (`≥100人`, `95%`, `100%以上`) straight to the reading of quantities. Both shortcuts give exactly what the
 * full reading gives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeTargetText, type ParseHints, parseTarget, withoutShortcuts } from "../../src/targets/parse.ts";

const SYMBOLS = [..."≥≤‰—–、“”‘’〜≧≦⩾⩽"];
/** Characters the normalisation shortcut accepts, and neighbours it must not: marks, spaces, compatibility forms. */
const TRICKY = [..."\u0338\u0301\u3000 \u00a0\t\n㎡㎥㎞（）(含)。．％＞＝１ｍ…℃～ﬁ가\u1161"];
const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c));
const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const chars = fc.oneof(
  { weight: 4, arbitrary: ascii },
  { weight: 4, arbitrary: cjk },
  { weight: 2, arbitrary: fc.constantFrom(...SYMBOLS) },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY) },
);
const texts = fc.array(chars, { maxLength: 30 }).map((cs) => cs.join(""));

const OPS = ["", "≥", "≤", ">", "<", "=", ">=", "<=", "≧", "⩽", "==", "≥="];
const TAIL = [
  ..."人名次个元%‰年月日天号前后底内以上下及或左右余多万亿百分之千每共合计为第一二三十、,;。!?-—~至到/()含 ",
  "元/人/天",
  "次/年",
  "个工作日",
  "百分比",
  "个百分点",
  "以上",
  "以内",
  "左右",
  "红灯",
  "1",
  "2024",
  ".5",
  "-3",
  "%-80%",
  "年底",
  "每月一次",
  "每季度两次",
  "，每年2次",
];
/** Texts shaped like the shortcut's plain numbers, and a little beside that shape. */
const plainish = fc
  .tuple(
    fc.constantFrom(...OPS),
    fc.stringMatching(/^[0-9]{1,6}$/),
    fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { nil: undefined }),
    fc.array(fc.constantFrom(...TAIL), { maxLength: 5 }),
  )
  .map(([op, int, frac, tail]) => `${op}${int}${frac === undefined ? "" : `.${frac}`}${tail.join("")}`);
/** Month and year forms, which a date reading claims before any number reading. */
const dateish = fc
  .tuple(
    fc.constantFrom("", "", "≥", "<"),
    fc.integer({ min: 0, max: 2100 }),
    fc.constantFrom("年", "月", "年度", "年底", "月底", "月前", "月15日", "月5号前", "年12月", "日", "个月", "天"),
  )
  .map(([op, n, tail]) => `${op}${n}${tail}`);
const domainish = fc
  .array(fc.constantFrom(...TAIL, ...OPS, "0", "12", "2024年", "每月"), { maxLength: 12 })
  .map((cs) => cs.join(""));
const HINTS: (ParseHints | undefined)[] = [
  undefined,
  {},
  { unit: "%" },
  { unit: "人" },
  { unit: "万元" },
  { op: ">=" },
  { op: "<" },
  { percentColumn: true },
  { year: 2024 },
  { year: 2024, unit: "个", op: "<=" },
];

describe("the shortcuts change nothing", () => {
  it("normalizes every accepted single character as the full normalisation does", () => {
    const singles = [...SYMBOLS, ...TRICKY];
    for (let c = 0x20; c <= 0x7e; c++) singles.push(String.fromCharCode(c));
    for (let c = 0x4e00; c <= 0x9fff; c++) singles.push(String.fromCharCode(c));
    for (const ch of singles) {
      if (normalizeTargetText(ch) !== withoutShortcuts.normalizeTargetText(ch)) {
        expect(normalizeTargetText(ch), `U+${ch.charCodeAt(0).toString(16)}`).toBe(
          withoutShortcuts.normalizeTargetText(ch),
        );
      }
      // a combining mark after an accepted character must not be left uncombined
      expect(normalizeTargetText(`${ch}\u0338`)).toBe(withoutShortcuts.normalizeTargetText(`${ch}\u0338`));
    }
  });

  it("normalizes any text as the full normalisation does", () => {
    fc.assert(
      fc.property(fc.oneof(texts, fc.string({ maxLength: 30, unit: "grapheme" })), (s) => {
        expect(normalizeTargetText(s)).toBe(withoutShortcuts.normalizeTargetText(s));
      }),
      { numRuns: 3000 },
    );
  });

  it("reads plain numbers and anything near them as the full reading does, with any hints", () => {
    fc.assert(
      fc.property(fc.oneof(plainish, dateish, domainish, texts), fc.constantFrom(...HINTS), (s, hints) => {
        const fast = parseTarget(s, hints);
        const full = withoutShortcuts.parseTarget(s, hints);
        expect(fast).toStrictEqual(full);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(full)); // the same keys in the same order
      }),
      { numRuns: 5000 },
    );
  });

  it("reads the common short forms as before", () => {
    for (const s of [
      "≥100人",
      "95%",
      "100%",
      "≤500元/人/天",
      "90%以上",
      "≥1000万次/年",
      "0人",
      "2024年",
      "12月",
      "5年",
    ]) {
      for (const hints of HINTS) expect(parseTarget(s, hints)).toStrictEqual(withoutShortcuts.parseTarget(s, hints));
    }
    expect(parseTarget("≥100人")).toStrictEqual({ kind: "numeric", text: "≥100人", op: ">=", value: 100, unit: "人" });
    expect(parseTarget("12月", { year: 2024 })).toMatchObject({ kind: "deadline", date: "2024-12-31" });
  });

  it("ends every month where the calendar does (the month lengths are a table now)", () => {
    for (let y = 1900; y <= 2099; y++) {
      for (let m = 1; m <= 12; m++) {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(parseTarget(`${y}年${m}月底`).date).toBe(`${y}-${String(m).padStart(2, "0")}-${last}`);
        expect(parseTarget(`${y}年${m}月${last + 1}日`).kind).toBe("qualitative");
      }
    }
    expect(parseTarget("2月底", { year: 0 }).date).toBe(withoutShortcuts.parseTarget("2月底", { year: 0 }).date);
  });
});
