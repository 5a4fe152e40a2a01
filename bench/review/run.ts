/**
 * bench/review: documents reviewed per second on province-size generated data — by default 1,000 departments,
 * each a normalised document of 20 project goal tables × 15 indicators (300,000 indicators), every fourth
 * department with its 20 project self-evaluations as well — against a bare loop over the same documents (the
 * floor: touching every indicator's target once). Deterministic (xorshift); a few mistakes are planted so that the
 * rules have something to find. Each project also carries an in-year execution figure, which a second pass reviews
 * at a reference date (30 June) so that the monitoring rule has work too. Prints wall and CPU figures and ratios;
 * asserts nothing.
 *
 *   npx tsx bench/review/run.ts [departments]
 */
import { parseAmount, parseTarget, RULES, resolveReviewConfig, reviewDocument } from "@jixiao/core";
import type { Amount, ImportedDocument, Indicator, Project, ProjectSelfEvaluation } from "@jixiao/core/model";

const DEPARTMENTS = Number(process.argv[2] ?? 1_000);
const PROJECTS = 20;
const INDICATORS = 15;

let seed = 0x2545f491;
function rand(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

function amount(text: string, unit: "元" | "万元" = "万元"): Amount {
  const fen = parseAmount(text, { unit })!;
  return { text, unit, fen: fen.toString(), yuan: `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}` };
}

const GROUPS: [string, string][] = [
  ["产出指标", "数量指标"],
  ["产出指标", "质量指标"],
  ["产出指标", "时效指标"],
  ["产出指标", "成本指标"],
  ["效益指标", "社会效益指标"],
  ["满意度指标", "服务对象满意度指标"],
];

/** Per group (as GROUPS): the indicator's name, target and actual. */
const TARGETS: ((n: number) => [string, string, string])[][] = [
  [
    (n) => ["购置装备数量", `≥${n}件`, `${n + rand(40) - 10}件`],
    (n) => ["培训人数", `≥${n}人`, `${n + rand(60) - 10}人`],
  ],
  [
    (n) => ["验收合格率", `≥${90 + (n % 10)}%`, `${88 + rand(13)}%`],
    (n) => ["案件办结率", `${90 + (n % 11)}%`, `${90 + rand(11)}%`],
  ],
  [
    (n) => ["到货时间", `2024年12月${10 + (n % 20)}日前`, `2024年12月${1 + rand(28)}日`],
    (n) => ["宣传次数", `每年${1 + (n % 12)}次`, `${6 + rand(8)}次`],
  ],
  [
    (n) => ["采购成本", `≤${n}万元`, `${n}万元`],
    (n) => ["培训费", `≤${300 + (n % 200)}元/人/天`, `${300 + rand(200)}元/人/天`],
  ],
  [() => ["执法规范化水平", "明显提高", "明显提高"], () => ["交通事故", "减少损失", "减少损失"]],
  [(n) => ["群众满意度", `≥${85 + (n % 15)}百分比`, `${84 + rand(16)}%`], () => ["服务对象满意度", "普遍满意", "满意"]],
];

function indicator(i: number, row: number, budget: number): Indicator {
  const g = i % GROUPS.length;
  const [level1, level2] = GROUPS[g]!;
  const n = g === 3 ? 1 + rand(Math.max(1, Math.floor(budget / 4))) : 1 + rand(500);
  const [name, target, actual] = TARGETS[g]![rand(2)]!(n);
  const planted = rand(300) === 0 ? "120%" : target; // a percentage above 100% now and then
  return {
    level1,
    level2,
    name: `${name}${i}`,
    target: { text: planted, parsed: parseTarget(planted) as never },
    actual: { text: actual, parsed: parseTarget(actual) as never },
    ...(actual.startsWith(`${rand(10)}`) ? { deviation: "受疫情影响，部分工作延后" } : {}),
    location: { file: "bench", table: 1, row, column: 3 },
  };
}

function department(d: number): ImportedDocument {
  const file = `department-${d}.json`;
  const projects: Project[] = [];
  const evaluations: ProjectSelfEvaluation[] = [];
  let row = 1;
  for (let p = 0; p < PROJECTS; p++) {
    const budget = 10 + rand(1000);
    const indicators = Array.from({ length: INDICATORS }, (_, i) => indicator(i, row++, budget));
    const qty = indicators.find((x) => x.target?.text.endsWith("件"))?.target?.text.replace(/\D/g, "") ?? "10";
    const goal = rand(50) === 0 ? `购置${Number(qty) + 5}件装备` : `购置${qty}件装备，提升执法水平。`;
    // Executed by 30 June: 20–89% of the budget, from the indices (the xorshift sequence is left as it was).
    const spent = Math.floor((budget * (20 + ((d * 31 + p * 17) % 70))) / 100);
    projects.push({
      name: `2024年度项目${d}-${p}`,
      budget: amount(`${budget}.00`),
      executed: amount(`${spent}.00`),
      funding: { fiscal: amount(rand(100) === 0 ? `${budget - 1}.00` : `${budget}.00`) },
      goal,
      indicators,
      location: { file, table: p + 1, row: row++ },
    });
    if (d % 4 === 0) {
      const executed = budget - rand(Math.max(1, Math.floor(budget / 5)));
      evaluations.push({
        name: `2024年度项目${d}-${p}`,
        department: `部门${d}`,
        funds: [
          {
            label: "年度资金总额",
            budget: amount(`${budget}.00`),
            executed: amount(`${executed}.00`),
            weight: { text: "10", value: "10" },
            location: { file, table: 100 + p, row: row++ },
          },
        ],
        indicators: indicators.map((x, i) => ({
          ...x,
          weight: { text: "6", value: "6" },
          score: { text: i % 7 === 0 ? "5" : "6", value: i % 7 === 0 ? "5" : "6" },
        })),
        location: { file, table: 100 + p, row: row++ },
      });
    }
  }
  return {
    file,
    format: "generated",
    kinds: d % 4 === 0 ? ["project-goals", "project-self-evaluation"] : ["project-goals"],
    organisations: [{ name: `部门${d}` }],
    dutyGoals: [],
    projects,
    projectSelfEvaluations: evaluations,
    paragraphs: [],
    unmapped: [],
  };
}

/** Wall time and this process's CPU time (user + system): on a loaded machine the CPU time is the steadier. */
function time<T>(f: () => T): { ms: number; cpuMs: number; result: T } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = f();
  const c = process.cpuUsage(c0);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (c.user + c.system) / 1000, result };
}

const gen = time(() => Array.from({ length: DEPARTMENTS }, (_, d) => department(d)));
const docs = gen.result;
const indicatorCount = docs.reduce(
  (n, d) => n + d.projects.reduce((m, p) => m + p.indicators.length, 0) + d.projectSelfEvaluations.length * INDICATORS,
  0,
);

// Warm-up (JIT) on a few documents, so that both loops are measured hot.
for (const d of docs.slice(0, 20)) reviewDocument(structuredClone(d));

const bareLoop = () => {
  let acc = 0;
  for (const d of docs) {
    for (const p of d.projects) for (const i of p.indicators) acc += i.target?.text.length ?? 0;
    for (const p of d.projectSelfEvaluations) for (const i of p.indicators) acc += i.actual?.text.length ?? 0;
  }
  return acc;
};
// The best of three: the loop is short enough for a collection pause to dominate one run.
const floor = [time(bareLoop), time(bareLoop), time(bareLoop)].sort((a, b) => a.ms - b.ms)[0]!;

const reviewAll = () => {
  const counts = { error: 0, warning: 0, info: 0 };
  const verdicts: Record<string, number> = {};
  for (const d of docs) {
    const r = reviewDocument(d);
    counts.error += r.counts.error;
    counts.warning += r.counts.warning;
    counts.info += r.counts.info;
    verdicts[r.verdict ?? "未能判断"] = (verdicts[r.verdict ?? "未能判断"] ?? 0) + 1;
  }
  return { counts, verdicts };
};
const review = time(() => reviewAll());
// The monitoring rule alone over every document at a reference date (it says nothing without one).
const AT = resolveReviewConfig({ referenceDate: "2024-06-30" });
const monitoringRules = RULES.filter((r) => r.id.startsWith("monitoring."));
const monitored = time(() => docs.reduce((n, d) => n + monitoringRules.flatMap((r) => r.check(d, AT)).length, 0));

const perSecond = (ms: number) => Math.round((DEPARTMENTS / ms) * 1000);
console.log(
  `bench/review: ${DEPARTMENTS} documents, ${indicatorCount} indicators (generated in ${gen.ms.toFixed(0)} ms)`,
);
console.log(
  `  bare loop (floor)   ${floor.ms.toFixed(1).padStart(9)} ms  ${perSecond(floor.ms).toLocaleString("en")} documents/s`,
);
console.log(
  `  review              ${review.ms.toFixed(1).padStart(9)} ms  ${perSecond(review.ms).toLocaleString("en")} documents/s  ` +
    `(${Math.round((indicatorCount / review.ms) * 1000).toLocaleString("en")} indicators/s); ` +
    `CPU ${review.cpuMs.toFixed(0)} ms: ${perSecond(review.cpuMs).toLocaleString("en")} documents/s of CPU`,
);
console.log(
  `  ratio review / floor: ${(review.ms / Math.max(floor.ms, 0.001)).toFixed(0)}× wall, ` +
    `${(review.cpuMs / Math.max(floor.cpuMs, 0.001)).toFixed(0)}× CPU`,
);
console.log(
  `  monitoring at 2024-06-30 alone      ${monitored.ms.toFixed(1).padStart(9)} ms, CPU ${monitored.cpuMs.toFixed(0)} ms: ` +
    `${monitored.result} projects more than 20 points behind the year`,
);
console.log(
  `  findings: ${review.result.counts.error} errors, ${review.result.counts.warning} warnings, ${review.result.counts.info} notes; ` +
    `verdicts ${Object.entries(review.result.verdicts)
      .map(([v, n]) => `${v} ${n}`)
      .join(", ")}`,
);

// Where the time goes: each rule family on the first 100 documents (fresh copies: nothing cached), at the
// reference date so that the monitoring rule works too.
const sample = docs.slice(0, 100).map((d) => structuredClone(d));
const config = AT;
const families = new Map<string, number>();
for (const d of sample) {
  for (const rule of RULES) {
    const t0 = process.hrtime.bigint();
    rule.check(d, config);
    const family = rule.id.split(".")[0]!;
    families.set(family, (families.get(family) ?? 0) + Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
console.log(
  `  time by rule family (first ${sample.length} documents): ` +
    [...families]
      .sort((a, b) => b[1] - a[1])
      .map(([f, ms]) => `${f} ${ms.toFixed(0)} ms`)
      .join(", "),
);
