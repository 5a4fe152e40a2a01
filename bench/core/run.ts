/**
 * bench/core: parse and score throughput for 1,000,000 generated indicators, against a bare loop over the
 * same data (the floor: touching every string once). Prints figures and ratios; asserts nothing.
 *
 * Three scoring phases: from the JSON (zod at the boundary, targets read from text, scored: what `jixiao score`
 * does); from stored parsed targets (the input checked once and the targets parsed once, as the server stores
 * `target_parsed`: what the 1,000,000 indicators/s goal of issue 14 is about); and the exact evaluation alone
 * (`computeScores`, without presenting the JSON result).
 *
 * `--rounds N` scores the stored targets N more times after the phases, warm, and prints each round (the first
 * round of a phase carries the compiler's warm-up).
 *
 *   npx tsx bench/core/run.ts [count] [--rounds N]
 */
import { computeScores, type EvaluationInput, parseEvaluationInput, parseTarget, scoreEvaluation } from "@jixiao/core";

const roundsAt = process.argv.indexOf("--rounds");
const ROUNDS = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 0;
const countArg = process.argv[2];
const COUNT = countArg !== undefined && !countArg.startsWith("--") ? Number(countArg) : 1_000_000;
const PER_EVALUATION = 25;

// A deterministic generator (xorshift) so that runs compare.
let seed = 0x2545f491;
function rand(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

const TEMPLATES: ((n: number) => [string, string])[] = [
  (n) => [`≥${n}人`, `${n + rand(20) - 10}人`],
  (n) => [`≤${n}元/人/天`, `${n - rand(50)}元/人/天`],
  (n) => [`${80 + (n % 20)}%以上`, `${70 + rand(30)}%`],
  (n) => [`≥${n}百分比`, `${rand(100)}%`],
  (n) => [`2024年12月${10 + (n % 20)}日前`, `2024年12月${1 + rand(30)}日`],
  () => ["符合相关规定", "符合"],
  (n) => [`<0.${n % 9}%`, `0.0${rand(9)}%`],
  (n) => [`每年${n % 12}次`, `${rand(12)}次`],
  (n) => [`${n % 50}%-${50 + (n % 50)}%`, `${rand(100)}%`],
  (n) => [`≥${n}万次/年`, `${n}万次/年`],
];

const LEVEL1 = ["产出指标", "产出指标", "产出指标", "效益指标", "满意度指标"];

interface GenIndicator {
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: string;
  points: number;
}

const indicators: GenIndicator[] = new Array(COUNT);
for (let i = 0; i < COUNT; i++) {
  const [target, actual] = TEMPLATES[i % TEMPLATES.length]!(1 + rand(1000));
  indicators[i] = {
    level1: LEVEL1[i % LEVEL1.length]!,
    level2: "数量指标",
    name: `指标${i}`,
    target,
    actual,
    points: 2,
  };
}

/** Wall time, and the process's CPU time (user + system): on a loaded machine the second moves less. */
function time<T>(f: () => T): { ms: number; cpuMs: number; result: T } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = f();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, result };
}

// Floor: a bare loop that reads every target and actual string once.
const floor = time(() => {
  let acc = 0;
  for (const ind of indicators) acc += ind.target.length + ind.actual.charCodeAt(0) + ind.points;
  return acc;
});

const parse = time(() => {
  let kinds = 0;
  for (const ind of indicators) {
    if (parseTarget(ind.target).kind !== "qualitative") kinds++;
    parseTarget(ind.actual);
  }
  return kinds;
});

const score = time(() => {
  let total = 0;
  for (let i = 0; i < COUNT; i += PER_EVALUATION) {
    const slice = indicators.slice(i, i + PER_EVALUATION);
    const input = parseEvaluationInput({
      scheme: "national-project",
      budget: { budget: "100.00", executed: "95.50" },
      indicators: slice,
    });
    if (!input.ok) throw new Error(JSON.stringify(input.problems[0]));
    total += scoreEvaluation(input.value).total;
  }
  return total;
});

// The same evaluations checked once and their targets parsed once (what is stored), then scored from that.
const stored: EvaluationInput[] = [];
for (let i = 0; i < COUNT; i += PER_EVALUATION) {
  const input = parseEvaluationInput({
    scheme: "national-project",
    budget: { budget: "100.00", executed: "95.50" },
    indicators: indicators.slice(i, i + PER_EVALUATION),
  });
  if (!input.ok) throw new Error(JSON.stringify(input.problems[0]));
  for (const ind of input.value.indicators) {
    const target = typeof ind.target === "string" ? parseTarget(ind.target, ind.hints) : ind.target;
    const unit = target.unit ?? ind.hints?.unit;
    ind.target = target;
    if (typeof ind.actual === "string") ind.actual = parseTarget(ind.actual, unit ? { unit } : undefined);
  }
  stored.push(input.value);
}

const scoreStored = time(() => {
  let total = 0;
  for (const input of stored) total += scoreEvaluation(input).total;
  return total;
});
if (scoreStored.result.toFixed(2) !== score.result.toFixed(2)) {
  throw new Error(`scored from stored targets: ${scoreStored.result}, from the JSON: ${score.result}`);
}

const exact = time(() => {
  let n = 0;
  for (const input of stored) n += computeScores(input).indicators.length;
  return n;
});

const GOAL = 1_000_000;
const perSec = (ms: number, n: number) => Math.round((n / ms) * 1000).toLocaleString("en-US");
const cpu = (t: { cpuMs: number }) => `  (cpu ${t.cpuMs.toFixed(0)} ms)`;
console.log(`bench/core — ${COUNT.toLocaleString("en-US")} generated indicators (Node ${process.version})`);
console.log(
  `  bare loop (floor)        ${floor.ms.toFixed(0).padStart(7)} ms  ${perSec(floor.ms, COUNT)} indicators/s`,
);
console.log(
  `  parse target + actual    ${parse.ms.toFixed(0).padStart(7)} ms  ${perSec(parse.ms, COUNT)} indicators/s  ×${(parse.ms / floor.ms).toFixed(1)} the floor  (${parse.result.toLocaleString("en-US")} quantitative)${cpu(parse)}`,
);
console.log(
  `  score (${PER_EVALUATION}/evaluation)     ${score.ms.toFixed(0).padStart(7)} ms  ${perSec(score.ms, COUNT)} indicators/s  ×${(score.ms / floor.ms).toFixed(1)} the floor${cpu(score)}`,
);
const goal = (t: { cpuMs: number }) =>
  `  ${(((COUNT / t.cpuMs) * 1000) / GOAL).toFixed(2)}× the goal of ${GOAL.toLocaleString("en-US")}/s of CPU`;
console.log(
  `  score, stored targets    ${scoreStored.ms.toFixed(0).padStart(7)} ms  ${perSec(scoreStored.ms, COUNT)} indicators/s  ×${(scoreStored.ms / floor.ms).toFixed(1)} the floor${cpu(scoreStored)}${goal(scoreStored)}`,
);
console.log(
  `  exact evaluation alone   ${exact.ms.toFixed(0).padStart(7)} ms  ${perSec(exact.ms, COUNT)} indicators/s  ×${(exact.ms / floor.ms).toFixed(1)} the floor${cpu(exact)}${goal(exact)}`,
);
for (let r = 1; r <= ROUNDS; r++) {
  const again = time(() => {
    let total = 0;
    for (const input of stored) total += scoreEvaluation(input).total;
    return total;
  });
  console.log(
    `  stored targets, round ${r}  ${again.ms.toFixed(0).padStart(7)} ms  ${perSec(again.ms, COUNT)} indicators/s  ×${(again.ms / floor.ms).toFixed(1)} the floor${cpu(again)}${goal(again)}`,
  );
}
