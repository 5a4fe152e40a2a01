/**
 * bench/targets: `parseTarget` on hostile target texts, moved from packages/core/test/targets/parse.test.ts (speed is
 * measured here, never by timed assertions in tests; the tests check that the same inputs parse without throwing).
 *
 * 1. Random strings up to 10,000 characters (of the characters the reader looks for, and any): the best per-call
 *    time of seven batches, against the budget of 1 ms a call.
 * 2. Each pathological pattern (digits, `1-`, `1,000`, `≥`, `不低于`, `百分之`, dates, `%`, …) at 1/16 of its size
 *    and at its size (10,000 characters or the reader's length limits): per call, and the ratio of the two beside
 *    the floor, linear growth (16×; quadratic would be 256×). Best of five, interleaved, so a pause hits both alike.
 *
 *   npx tsx bench/targets/run.ts
 */
import { parseTarget } from "@jixiao/core";
import fc from "fast-check";

/** Milliseconds per call of `parseTarget` over `inputs`, the best of `batches` runs of all of them. */
function bestPerCall(inputs: readonly string[], batches: number): number {
  for (const s of inputs.slice(0, 20)) parseTarget(s); // warm up
  let best = Number.POSITIVE_INFINITY;
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (const s of inputs) parseTarget(s);
    best = Math.min(best, (performance.now() - t0) / inputs.length);
  }
  return best;
}

// the characters the reader looks for (as the property tests draw them)
const alphabet = [
  ..."0123456789.,-—~%％‰≥≤<>=＞＜万亿元人次年月日天前后底内以上下不低于高足达到共合计每一二三四五六七八九十百千零无分之个名、，；（含） ",
];
const domainish = fc.array(fc.constantFrom(...alphabet), { maxLength: 10_000 }).map((cs) => cs.join(""));
const samples = fc.sample(fc.oneof(domainish, fc.string({ maxLength: 10_000, unit: "grapheme" })), {
  numRuns: 300,
  seed: 1,
});
console.log(`random strings up to 10,000 characters: ${bestPerCall(samples, 7).toFixed(3)} ms a call (budget 1 ms)`);

/** A pattern and its repetitions at full size (1/16 of them for the small run). */
const PATTERNS: [string, number][] = [
  ["1", 10_000],
  ["1-", 5_000],
  ["1,", 5_000],
  ["1,000", 2_000],
  ["≥", 10_000],
  ["不低于", 3_000],
  ["一", 10_000],
  ["百分之", 3_000],
  ["每月", 5_000],
  ["2024年", 2_000],
  ["2024年12月", 1_000],
  ["无", 10_000],
  ["%", 10_000],
  ["1%以上", 2_000],
  ["共1名、", 2_000],
  ["注册量1辆以上，", 1_000],
  ["低于1个红灯以上", 50 * 16],
];
// At the reader's own length limits (below them, then cut): sizes fixed by the limit, so no growth ratio.
const AT_LIMITS = [`${"9".repeat(399)}万`, "1-".repeat(199), "1;".repeat(199), "1个;".repeat(133), "一个".repeat(199)];

console.log("pattern              1/16 (ms/call)   full (ms/call)   ratio (linear: the size ratio, ≈16×)");
for (const [pattern, times] of PATTERNS) {
  const small = Array.from({ length: 10 }, () => pattern.repeat(Math.round(times / 16)));
  const big = Array.from({ length: 10 }, () => pattern.repeat(times));
  let a = Number.POSITIVE_INFINITY;
  let b = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 5; k++) {
    a = Math.min(a, bestPerCall(small, 1));
    b = Math.min(b, bestPerCall(big, 1));
  }
  console.log(
    `${`${pattern} ×${times}`.padEnd(20)} ${a.toFixed(3).padStart(14)} ${b.toFixed(3).padStart(16)}   ${(b / Math.max(a, 0.001)).toFixed(1)}× (${(times / Math.round(times / 16)).toFixed(1)}×)`,
  );
}
for (const s of [...AT_LIMITS, `${"a".repeat(9_999)}1`]) {
  const ms = bestPerCall(
    Array.from({ length: 10 }, () => s),
    5,
  );
  console.log(`${`${s.slice(0, 8)}… (${s.length} chars)`.padEnd(28)} ${ms.toFixed(3)} ms a call (budget 1 ms)`);
}
