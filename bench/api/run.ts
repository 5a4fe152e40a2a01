/**
 * bench/api: the API at province size. Generates 1,000 organisations (province > 15 cities > 150 counties >
 * 834 units), 20,000 projects, 300,000 indicators (trees of 3 + 5 + 7 with parsed targets and weights), budget
 * execution (full year, monthly, basic/project spending, per project), self-evaluations of the submitted and
 * approved projects and of every unit with their items (actuals, points, stated and computed scores); loads
 * them with multi-row `INSERT … SELECT FROM unnest(…)` into the real schema (the real migrations, through
 * openDatabase). Then the real app (createApp) listens on @hono/node-server and a reviewer of the province,
 * signed in through POST /auth/login, is measured with N concurrent clients using node's fetch (keep-alive) —
 * through the whole HTTP stack, not app.request:
 *
 *   (a) GET /api/v1/projects — one page, filtered (subtree, year, state) and sorted (annual funds, desc)
 *   (b) GET /api/v1/rollups/execution and /rollups/scores over the province's subtree, and what the dashboard
 *       reads instead of the whole scores list: /rollups/scores/summary and one page of /rollups/scores
 *   (c) a bare Hono JSON route on the same server (the floor of the HTTP stack)
 *   (d) the same queries through the same database handle, without HTTP (the floor of each query)
 *
 * Prints loading time and rows/s, then a table with ratios. Asserts nothing.
 *
 *   (e) bare Hono routes on the same server running the same repository functions (the same SQL) and answering
 *       the same JSON, without the session, the actor and the authorisation: what the API is held against
 *
 *   npx tsx bench/api/run.ts [--store pglite|pg|both] [--concurrency 8] [--seconds 5] [--explain]
 *                            [--cases all|scores|list|rollups] [--keep] [--db <kept database>] [--no-actor-cache]
 *                            [--interleave]
 *
 * `--cases list`: the project list at page 1, 3 and the last page by `page` (OFFSET) and, for page 3 and the last
 * page, by `cursor` (keyset), each beside its bare route, and the HTTP floor.
 * `--cases rollups`: the execution and scores roll-ups of the whole province, each beside its bare route and its
 * repository function (run it with `--concurrency 1` for the one-client figure); the scores list as the API answers
 * it without pageSize (page 1 of 100 and its count), page 60 by cursor and by OFFSET, and the whole list's SQL.
 * The app runs with the actor cache as the server does (accounts/actor-cache.ts); `--no-actor-cache` without it.
 * `--interleave`: each API case, its bare route and its SQL measured in turns of 250 ms (on a loaded machine).
 *
 * PostgreSQL: a throwaway database on 127.0.0.1:5432 (trust auth; BENCH_DATABASE_URL to point elsewhere),
 * created and dropped. PGlite: a data folder in the temporary directory (as `jixiao serve` runs it), removed.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { type EvaluationJson, parseEvaluationInput, type ScoreResult, scoreEvaluation } from "@jixiao/core";
import pg from "pg";
import { attachActorCache } from "../../packages/server/src/accounts/actor-cache.ts";
import { hashPassword } from "../../packages/server/src/accounts/password.ts";
import { accounts, memberships } from "../../packages/server/src/accounts/schema.ts";
import { type DatabaseHandle, openDatabase } from "../../packages/server/src/db/open.ts";
import { decodeEvaluationCursor, evaluationFilterKey } from "../../packages/server/src/evaluations/cursor.ts";
import { presentEvaluation } from "../../packages/server/src/evaluations/presenters.ts";
import { listEvaluations } from "../../packages/server/src/evaluations/repository.ts";
import { createApp } from "../../packages/server/src/http/app.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../packages/server/src/http/context.ts";
import { parsedTarget } from "../../packages/server/src/indicators/target.ts";
import { decodeCursor, filterKey } from "../../packages/server/src/projects/cursor.ts";
import { presentProject } from "../../packages/server/src/projects/presenters.ts";
import { listProjects } from "../../packages/server/src/projects/repository.ts";
import { latestExecutionBySubtree } from "../../packages/server/src/rollups/execution-latest.ts";
import {
  countScoresBySubtree,
  scoreSummaryBySubtree,
  scoresBySubtree,
} from "../../packages/server/src/rollups/repository.ts";
import { SCORE_PAGE_SIZE, scoreBands } from "../../packages/server/src/rollups/rollups.service.ts";
import {
  decodeScoreCursor,
  encodeScoreCursor,
  type ScoreCursor,
} from "../../packages/server/src/rollups/score-cursor.ts";

// ---------------------------------------------------------------------------------------------- arguments
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const STORE = arg("store", "both");
const CONCURRENCY = Number(arg("concurrency", "8"));
const SECONDS = Number(arg("seconds", "5"));
const EXPLAIN = args.includes("--explain");
/** PostgreSQL: keep the loaded database at the end (its name is printed), or use one kept before (`--db name`). */
const KEEP = args.includes("--keep");
const REUSE = arg("db", "");
/** `scores`: only the score roll-ups (the full list, a page of it, the summary) and the HTTP floor. */
const CASES = arg("cases", "all");
if (!["all", "scores", "list", "rollups"].includes(CASES)) throw new Error("--cases all|scores|list|rollups");
const ACTOR_CACHE = !args.includes("--no-actor-cache");
/**
 * Measure each API case, its bare route and its SQL in turns of `SLICE_MS` until each has had `--seconds`, instead
 * of one after the other: on a shared, loaded machine the load moves within seconds, and a ratio of two figures
 * taken at different moments measures the load (session 12).
 */
const INTERLEAVE = args.includes("--interleave");
const SLICE_MS = 250;
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
if (!["pglite", "pg", "both"].includes(STORE)) throw new Error("--store pglite|pg|both");

const YEAR = 2024;
const PRIOR = 2023;
const SIZES = { cities: 15, countiesPerCity: 10, organisations: 1_000, projects: 20_000, indicatorsPerProject: 15 };

// ---------------------------------------------------------------------------------------------- generation
// A deterministic generator (xorshift) so that runs compare.
let seed = 0x2545f491;
function rand(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}
/** Integer fen as exact decimal text in 元 (never a float). */
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
/** A score with four decimals from an integer of ten-thousandths. */
const score4 = (n: number) => `${Math.floor(n / 10_000)}.${String(n % 10_000).padStart(4, "0")}`;

type Row = (string | null)[];
interface Table {
  name: string;
  /** Column names and their SQL types (values travel as text arrays and are cast). */
  columns: [string, string][];
  rows: Row[];
}

const CITY_NAMES = [
  "石家庄",
  "唐山",
  "秦皇岛",
  "邯郸",
  "邢台",
  "保定",
  "张家口",
  "承德",
  "沧州",
  "廊坊",
  "衡水",
  "定州",
  "辛集",
  "雄安",
  "白沟",
];
const UNIT_KINDS = ["事故处理中队", "秩序管理中队", "车辆管理所", "宣传科", "科技信息科", "执法监督科"];
const PROJECT_KINDS = [
  "道路交通安全宣传教育",
  "交通事故处理装备购置",
  "交通信号设施运行维护",
  "科技信息化建设",
  "执法记录仪配备",
  "重点车辆源头管控",
  "农村道路劝导站运行",
  "交警业务培训",
];
const STATES = [
  "draft",
  "draft",
  "draft",
  "draft",
  "submitted",
  "submitted",
  "approved",
  "approved",
  "approved",
  "returned",
];
const L1 = ["产出指标", "效益指标", "满意度指标"];
/** The level-2 groups: [level-1 index, name, level-3 count, points of each level-3]. */
const L2: [number, string, number, number][] = [
  [0, "数量指标", 2, 15],
  [0, "质量指标", 1, 10],
  [0, "时效指标", 1, 10],
  [1, "社会效益指标", 2, 15],
  [2, "服务对象满意度指标", 1, 10],
];
const TARGETS: ((n: number) => [string, string, string])[] = [
  (n) => [`≥${n}人次`, `${n + rand(20) - 10}人次`, "人次"],
  (n) => [`≤${n}元/人/天`, `${n - rand(50)}元/人/天`, "元/人/天"],
  (n) => [`${80 + (n % 20)}%以上`, `${70 + rand(30)}%`, "%"],
  (n) => [`${YEAR}年12月${10 + (n % 20)}日前`, `${YEAR}年12月${1 + rand(30)}日`, "日期"],
  () => ["符合相关规定", "符合", ""],
  (n) => [`≥${n}台`, `${n + rand(5)}台`, "台"],
  (n) => [`每年${1 + (n % 12)}次`, `${rand(12)}次`, "次"],
  (n) => [`≥${85 + (n % 10)}%`, `${80 + rand(20)}%`, "%"],
];
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

function generate() {
  const now = new Date("2024-11-30T08:00:00.000Z").toISOString();
  const orgs: Table = {
    name: "organisations",
    columns: [
      ["id", "uuid"],
      ["parent_id", "uuid"],
      ["path", "text"],
      ["depth", "integer"],
      ["code", "text"],
      ["name", "text"],
      ["nature", "text"],
      ["funding_form", "text"],
      ["sort_order", "integer"],
    ],
    rows: [],
  };
  interface O {
    id: string;
    path: string;
    name: string;
  }
  const addOrg = (parent: O | undefined, code: string, name: string, depth: number, sort: number): O => {
    const id = randomUUID();
    const path = `${parent ? parent.path : "/"}${id}/`;
    orgs.rows.push([id, parent?.id ?? null, path, String(depth), code, name, "行政", "财政拨款", String(sort)]);
    return { id, path, name };
  };
  const province = addOrg(undefined, "13", "某省公安厅交通警察总队", 0, 0);
  const cities: O[] = [];
  const counties: O[] = [];
  for (let c = 0; c < SIZES.cities; c++) {
    const city = addOrg(province, `13${String(c + 1).padStart(2, "0")}`, `${CITY_NAMES[c]}市公安局交通警察支队`, 1, c);
    cities.push(city);
    for (let k = 0; k < SIZES.countiesPerCity; k++) {
      const code = `13${String(c + 1).padStart(2, "0")}${String(k + 1).padStart(2, "0")}`;
      counties.push(addOrg(city, code, `${CITY_NAMES[c]}第${k + 1}县公安局交警大队`, 2, k));
    }
  }
  const units: O[] = [];
  for (let u = 0; orgs.rows.length < SIZES.organisations; u++) {
    const county = counties[u % counties.length]!;
    const n = Math.floor(u / counties.length);
    units.push(addOrg(county, `${u + 1}`.padStart(6, "0"), `${county.name}${UNIT_KINDS[n % UNIT_KINDS.length]}`, 3, n));
  }

  const years: Table = {
    name: "fiscal_years",
    columns: [["year", "integer"]],
    rows: [[String(PRIOR)], [String(YEAR)]],
  };
  const projects: Table = {
    name: "projects",
    columns: [
      ["id", "uuid"],
      ["org_id", "uuid"],
      ["year", "integer"],
      ["code", "text"],
      ["name", "text"],
      ["total_funds", "numeric"],
      ["annual_funds", "numeric"],
      ["fiscal_funds", "numeric"],
      ["purpose", "text"],
      ["workflow_state", "text"],
      ["updated_at", "timestamptz"],
    ],
    rows: [],
  };
  const indicators: Table = {
    name: "indicators",
    columns: [
      ["id", "uuid"],
      ["project_id", "uuid"],
      ["parent_id", "uuid"],
      ["level", "integer"],
      ["name", "text"],
      ["target_text", "text"],
      ["target_parsed", "jsonb"],
      ["unit", "text"],
      ["weight", "numeric"],
      ["sort_order", "integer"],
    ],
    rows: [],
  };
  const execution: Table = {
    name: "budget_execution",
    columns: [
      ["org_id", "uuid"],
      ["year", "integer"],
      ["scope", "text"],
      ["project_id", "uuid"],
      ["month", "integer"],
      ["initial_budget", "numeric"],
      ["adjustment", "numeric"],
      ["determined_budget", "numeric"],
      ["executed", "numeric"],
      ["updated_at", "timestamptz"],
    ],
    rows: [],
  };
  const evaluations: Table = {
    name: "self_evaluations",
    columns: [
      ["id", "uuid"],
      ["kind", "text"],
      ["org_id", "uuid"],
      ["year", "integer"],
      ["project_id", "uuid"],
      ["initial_budget", "numeric"],
      ["full_year_budget", "numeric"],
      ["executed", "numeric"],
      ["execution_points", "numeric"],
      ["scheme", "text"],
      ["stated_total", "numeric"],
      ["computed_total", "numeric"],
      ["workflow_state", "text"],
      ["score_result", "jsonb"],
    ],
    rows: [],
  };
  const items: Table = {
    name: "evaluation_items",
    columns: [
      ["evaluation_id", "uuid"],
      ["indicator_id", "uuid"],
      ["level1", "text"],
      ["level2", "text"],
      ["name", "text"],
      ["target_text", "text"],
      ["actual_text", "text"],
      ["points", "numeric"],
      ["stated_score", "numeric"],
      ["computed_score", "numeric"],
      ["sort_order", "integer"],
    ],
    rows: [],
  };

  // Execution of every organisation: full year (both years), monthly, basic and project spending.
  for (const [i, o] of [province, ...cities, ...counties, ...units].entries()) {
    const budget = 2_000_000_00 + rand(30_000_000_00);
    for (const year of [PRIOR, YEAR]) {
      const spent = Math.floor((budget * (70 + rand(31))) / 100);
      execution.rows.push([
        o.id,
        String(year),
        "total",
        null,
        null,
        yuan(budget),
        "0.00",
        yuan(budget),
        yuan(spent),
        now,
      ]);
    }
    for (let m = 1; m <= 12; m++) {
      const spent = Math.floor((budget * m * (6 + rand(3))) / 100 / 12);
      execution.rows.push([o.id, String(YEAR), "total", null, String(m), null, null, yuan(budget), yuan(spent), now]);
    }
    const basic = Math.floor(budget * 0.6);
    execution.rows.push([
      o.id,
      String(YEAR),
      "basic",
      null,
      null,
      null,
      null,
      yuan(basic),
      yuan(basic - rand(1000_00)),
      now,
    ]);
    execution.rows.push([
      o.id,
      String(YEAR),
      "project_spending",
      null,
      null,
      null,
      null,
      yuan(budget - basic),
      yuan(Math.floor((budget - basic) * 0.8)),
      now,
    ]);
    // A department self-evaluation of every county and unit.
    if (i > 0) {
      const result = storedScore("department-2080", yuan(budget), yuan(Math.floor(budget * 0.9)), departmentItems());
      const computed = Math.round(result.total * 10_000);
      evaluations.rows.push([
        randomUUID(),
        "department",
        o.id,
        String(YEAR),
        null,
        yuan(budget),
        yuan(budget),
        yuan(Math.floor(budget * 0.9)),
        "10.0000",
        "standard",
        rand(4) === 0 ? null : score4(Math.max(0, computed - rand(2_0000))),
        score4(computed),
        "submitted",
        JSON.stringify(result),
      ]);
    }
  }

  // Projects: mostly in units, some in counties; one year in four the prior year.
  const owners = [...units, ...units, ...units, ...counties];
  for (let p = 0; p < SIZES.projects; p++) {
    const org = owners[p % owners.length]!;
    const id = randomUUID();
    const year = p % 4 === 3 ? PRIOR : YEAR;
    const state = STATES[rand(STATES.length)]!;
    const annual = 5_000_00 + rand(5_000_000_00);
    const updated = new Date(Date.UTC(year, rand(12), 1 + rand(28), rand(24))).toISOString();
    const kind = PROJECT_KINDS[p % PROJECT_KINDS.length]!;
    projects.rows.push([
      id,
      org.id,
      String(year),
      `P${year}${String(p).padStart(6, "0")}`,
      `${year}年${kind}项目（${p}）`,
      yuan(annual * 2),
      yuan(annual),
      yuan(Math.floor(annual * 0.9)),
      `保障${kind}工作顺利开展`,
      state,
      updated,
    ]);
    // The indicator tree: 3 level-1, 5 level-2, 7 level-3 (15 per project).
    const l1Ids = L1.map((name, s) => {
      const l1 = randomUUID();
      const weight = L2.filter(([g]) => g === s).reduce((sum, [, , n, pts]) => sum + n * pts, 0);
      indicators.rows.push([l1, id, null, "1", name, null, null, null, String(weight), String(s)]);
      return l1;
    });
    const evaluated = year === YEAR && (state === "approved" || state === "submitted");
    const evaluationId = evaluated ? randomUUID() : undefined;
    let total = 0;
    let n3 = 0;
    const scored: EvaluationJson["indicators"] = [];
    for (const [s, [g, name, count, points]] of L2.entries()) {
      const l2 = randomUUID();
      indicators.rows.push([l2, id, l1Ids[g]!, "2", name, null, null, null, String(count * points), String(s)]);
      for (let k = 0; k < count; k++) {
        const [target, actual, unit] = TARGETS[(p + n3) % TARGETS.length]!(1 + rand(1000));
        const l3 = randomUUID();
        const parsed = parsedTarget(target, year);
        indicators.rows.push([
          l3,
          id,
          l2,
          "3",
          `${name.replace("指标", "")}${k + 1}`,
          target,
          parsed ? json(parsed) : null,
          unit,
          String(points),
          String(k),
        ]);
        if (evaluationId) {
          const got = points * 10_000 - (rand(3) === 0 ? rand(points * 3_000) : 0);
          total += got;
          items.rows.push([
            evaluationId,
            l3,
            L1[g]!,
            name,
            `${name.replace("指标", "")}${k + 1}`,
            target,
            actual,
            String(points),
            score4(got),
            score4(got),
            String(n3),
          ]);
          scored.push({
            level1: L1[g]!,
            level2: name,
            name: `${name.replace("指标", "")}${k + 1}`,
            target,
            actual,
            points: String(points),
            statedScore: score4(got),
          });
        }
        n3++;
      }
    }
    if (year === YEAR) {
      const spent = Math.floor((annual * (60 + rand(41))) / 100);
      execution.rows.push([
        org.id,
        String(year),
        "project",
        id,
        null,
        yuan(annual),
        "0.00",
        yuan(annual),
        yuan(spent),
        now,
      ]);
      if (evaluationId) {
        const execPoints = Math.floor((spent * 10 * 10_000) / annual);
        const result = storedScore("national-project", yuan(annual), yuan(spent), scored);
        evaluations.rows.push([
          evaluationId,
          "project",
          org.id,
          String(year),
          id,
          yuan(annual),
          yuan(annual),
          yuan(spent),
          score4(execPoints),
          "standard",
          rand(3) === 0 ? null : score4(total + execPoints),
          String(result.total),
          state === "approved" ? "approved" : "submitted",
          JSON.stringify(result),
        ]);
      }
    }
  }
  return { province, tables: [years, orgs, projects, indicators, execution, evaluations, items] };
}

/**
 * The stored score of an evaluation, as the server stores it (issue 12): core's `scoreEvaluation` on the record's
 * rows, its JSON kept in `score_result` (what the roll-ups read their total and grade from).
 */
function storedScore(
  scheme: "national-project" | "department-2080",
  budget: string,
  executed: string,
  indicators: EvaluationJson["indicators"],
): ScoreResult {
  const input = parseEvaluationInput({ scheme, unit: "元", budget: { budget, executed }, indicators });
  if (!input.ok) throw new Error(`bench evaluation: ${JSON.stringify(input.problems[0])}`);
  return JSON.parse(JSON.stringify(scoreEvaluation(input.value))) as ScoreResult;
}

/** A department's own indicators (the 20/80 scheme's groups), with generated actuals. */
function departmentItems(): EvaluationJson["indicators"] {
  const rows: [string, string, string, number][] = [
    ["产出指标", "数量指标", "履职任务完成数", 20],
    ["产出指标", "质量指标", "任务完成合格率", 20],
    ["效益指标", "社会效益指标", "群众满意事项办结率", 30],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", 10],
  ];
  return rows.map(([level1, level2, name, points]) => {
    const actual = 80 + rand(21);
    return {
      level1,
      level2,
      name,
      target: "≥95%",
      actual: `${actual}%`,
      points: String(points),
      statedScore: String(Math.min(points, Math.round((points * actual) / 95))),
    };
  });
}

// ---------------------------------------------------------------------------------------------- loading
type Raw = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

function rawOf(handle: DatabaseHandle): Raw {
  if (handle.pool) return async (text, params) => handle.pool!.query(text, params);
  return async (text, params) => handle.pglite!.query(text, params) as Promise<{ rows: Record<string, unknown>[] }>;
}

const CHUNK = 10_000;

/** `INSERT INTO t (…) SELECT … FROM unnest($1::text[], …)`: one statement per 10,000 rows, columns as arrays. */
async function bulkInsert(raw: Raw, t: Table): Promise<void> {
  const cols = t.columns.map(([c]) => `"${c}"`).join(", ");
  const casts = t.columns.map(([, type], i) => `u.c${i}::${type}`).join(", ");
  const unnest = t.columns.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const names = t.columns.map((_, i) => `c${i}`).join(", ");
  const text = `INSERT INTO "${t.name}" (${cols}) SELECT ${casts} FROM unnest(${unnest}) AS u(${names})`;
  for (let start = 0; start < t.rows.length; start += CHUNK) {
    const chunk = t.rows.slice(start, start + CHUNK);
    await raw(
      text,
      t.columns.map((_, i) => chunk.map((r) => r[i] ?? null)),
    );
  }
}

// ---------------------------------------------------------------------------------------------- measuring
interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  count: number;
  /** CPU time of this process (user + system) per request: the app, node's fetch and, on PGlite, the database. */
  cpuMs: number;
}

async function measure(name: string, once: () => Promise<number>): Promise<Measured> {
  // Warm-up: a few rounds at the same concurrency.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => once()));
  await Promise.all(Array.from({ length: CONCURRENCY }, () => once()));
  const latencies: number[] = [];
  let bytes = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        bytes = await once();
        latencies.push(performance.now() - s);
      }
    }),
  );
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return {
    name,
    rps: (latencies.length / elapsed) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    bytes,
    count: latencies.length,
    cpuMs: (cpu.user + cpu.system) / 1000 / latencies.length,
  };
}

/** Several cases measured in turns (`--interleave`), each for `SECONDS` in all; or one after the other. */
type Case = readonly [string, () => Promise<number>];
type MeasuredOf<T extends readonly Case[]> = { -readonly [K in keyof T]: Measured };

async function measureGroup<T extends readonly Case[]>(cases: readonly [...T]): Promise<MeasuredOf<T>> {
  if (!INTERLEAVE) {
    const out: Measured[] = [];
    for (const [name, once] of cases) out.push(await measure(name, once));
    return out as MeasuredOf<T>;
  }
  const state = cases.map(([name, once]) => ({ name, once, latencies: [] as number[], bytes: 0, ms: 0, cpuUs: 0 }));
  for (const s of state) {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => s.once()));
    await Promise.all(Array.from({ length: CONCURRENCY }, () => s.once()));
  }
  const slices = Math.max(1, Math.round((SECONDS * 1000) / SLICE_MS));
  for (let i = 0; i < slices; i++) {
    for (const s of state) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const end = t0 + SLICE_MS;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < end) {
            const t = performance.now();
            s.bytes = await s.once();
            s.latencies.push(performance.now() - t);
          }
        }),
      );
      s.ms += performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      s.cpuUs += cpu.user + cpu.system;
    }
  }
  return state.map((s) => {
    const l = s.latencies.sort((a, b) => a - b);
    const at = (q: number) => l[Math.min(l.length - 1, Math.floor(q * l.length))]!;
    return {
      name: s.name,
      rps: (l.length / s.ms) * 1000,
      p50: at(0.5),
      p99: at(0.99),
      bytes: s.bytes,
      count: l.length,
      cpuMs: s.cpuUs / 1000 / l.length,
    };
  }) as MeasuredOf<T>;
}

function printTable(
  kind: string,
  results: Measured[],
  floorHttp: Measured,
  floorOf: Map<Measured, Measured>,
  bareOf: Map<Measured, Measured>,
): void {
  console.log(
    `\n| ${kind.padEnd(6)} case | req/s | p50 ms | p99 ms | CPU ms/req | bytes | p50 ÷ HTTP floor | p50 ÷ query floor | req/s query floor ÷ API | req/s API ÷ bare route |`,
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const m of results) {
    const q = floorOf.get(m);
    const b = bareOf.get(m);
    console.log(
      `| ${m.name} | ${m.rps.toFixed(0)} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.cpuMs.toFixed(2)} | ${m.bytes} | ${
        m === floorHttp ? "1" : (m.p50 / floorHttp.p50).toFixed(1)
      } | ${q ? (m.p50 / q.p50).toFixed(2) : ""} | ${q ? (q.rps / m.rps).toFixed(2) : ""} | ${b ? (m.rps / b.rps).toFixed(2) : ""} |`,
    );
  }
}

async function runStore(kind: "pglite" | "pg"): Promise<void> {
  console.log(`\n=== ${kind === "pg" ? "PostgreSQL" : "PGlite"} ===`);
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  const tOpen = performance.now();
  if (kind === "pg") {
    const dbName = REUSE || `jixiao_bench_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    if (!REUSE) await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    handle = await openDatabase({ url: url.toString(), poolSize: Math.max(10, CONCURRENCY + 2) });
    cleanup = async () => {
      await handle.close();
      if (KEEP || REUSE) console.log(`kept: --db ${dbName} (drop it with DROP DATABASE ${dbName})`);
      else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-bench-api-"));
    handle = await openDatabase({ dataDir: dir });
    cleanup = async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    console.log(`migrations: ${((performance.now() - tOpen) / 1000).toFixed(1)} s`);
    const tGen = performance.now();
    seed = 0x2545f491;
    const { province, tables } = generate();
    console.log(`generated in ${((performance.now() - tGen) / 1000).toFixed(1)} s`);

    // Load: each table in one transaction, in order of the foreign keys (not again into a kept database).
    const raw = rawOf(handle);
    const tLoad = performance.now();
    let totalRows = 0;
    for (const t of REUSE ? [] : tables) {
      const t0 = performance.now();
      await raw("BEGIN");
      await bulkInsert(raw, t);
      await raw("COMMIT");
      const s = (performance.now() - t0) / 1000;
      totalRows += t.rows.length;
      console.log(
        `  ${t.name.padEnd(18)} ${String(t.rows.length).padStart(7)} rows  ${s.toFixed(2).padStart(6)} s  ${Math.round(
          t.rows.length / s,
        )
          .toString()
          .padStart(7)} rows/s`,
      );
    }
    if (REUSE) {
      // the generator's ids are random: the kept database's own province is the one measured
      const r = await raw("SELECT id, path FROM organisations WHERE parent_id IS NULL LIMIT 1");
      Object.assign(province, r.rows[0]);
    }
    const loadS = (performance.now() - tLoad) / 1000;
    const tAnalyze = performance.now();
    // VACUUM too, as autovacuum would have by then: without the visibility map the index-only scans the list is
    // built for read every heap page (the count of 4,422 rows: 73 ms instead of 8 at load 20).
    await raw("VACUUM ANALYZE");
    console.log(
      `loaded ${totalRows} rows in ${loadS.toFixed(1)} s (${Math.round(totalRows / loadS)} rows/s); VACUUM ANALYZE ${((performance.now() - tAnalyze) / 1000).toFixed(1)} s`,
    );

    // A reviewer of the province, signed in through the API.
    const password = "Bench-Password-2026";
    if (!REUSE) {
      const [acc] = await handle.db
        .insert(accounts)
        .values({
          username: "province-reviewer",
          displayName: "省级审核",
          passwordHash: await hashPassword(password),
          mustChangePassword: false,
        })
        .returning();
      await handle.db.insert(memberships).values({ accountId: acc!.id, role: "reviewer", orgId: province.id });
    }

    const errors: unknown[] = [];
    const deps: Deps = {
      db: handle.db,
      store: handle.kind,
      settings: { ...DEFAULT_SETTINGS, idleTimeoutMs: 3_600_000 },
      now: () => new Date(),
      logError: (e) => errors.push(e),
      ...(ACTOR_CACHE ? { actorCache: await attachActorCache(handle, { logError: (e) => errors.push(e) }) } : {}),
    };
    console.log(`actor cache: ${ACTOR_CACHE ? "on" : "off"}`);
    const app = createApp(deps);
    const floorBody = { items: [{ id: province.id, name: "floor" }], total: 1 };
    app.get("/bench/floor", (c) => c.json(floorBody));
    // (e) the same SQL and the same JSON as the API, on routes without session, actor or authorisation
    const listFilter = {
      scopePaths: [province.path],
      underPath: province.path,
      year: YEAR,
      state: "approved" as const,
      sort: "annualFunds" as const,
      desc: true,
      page: 3,
      pageSize: 50,
    };
    const listKey = filterKey({ orgId: province.id, year: YEAR, state: "approved" });
    app.get("/bench/projects", async (c) => {
      const page = Number(c.req.query("page") ?? "1");
      const cursor = c.req.query("cursor");
      const after = cursor ? decodeCursor(cursor, "annualFunds", true, listKey) : undefined;
      const r = await listProjects(handle.db, {
        ...listFilter,
        page,
        ...(after ? { after: { value: after.value, id: after.id }, knownTotal: after.total } : {}),
      });
      return c.json({ items: r.items.map(presentProject), total: r.total, page, pageSize: listFilter.pageSize });
    });
    // The self-evaluation list (session 14): the province's evaluations of the year, 50 a page, as the API answers.
    const evaluationFilter = { scopePaths: [province.path], underPath: province.path, year: YEAR, pageSize: 50 };
    const evaluationKey = evaluationFilterKey({ orgId: province.id, year: YEAR });
    app.get("/bench/evaluations", async (c) => {
      const page = Number(c.req.query("page") ?? "1");
      const cursor = c.req.query("cursor");
      const after = cursor ? decodeEvaluationCursor(cursor, evaluationKey) : undefined;
      const r = await listEvaluations(handle.db, {
        ...evaluationFilter,
        page,
        ...(after ? { after: { year: after.year, path: after.path, id: after.id }, knownTotal: after.total } : {}),
      });
      return c.json({
        items: r.items.map(presentEvaluation),
        total: r.total,
        page,
        pageSize: evaluationFilter.pageSize,
      });
    });
    const yearOver = new Date() > new Date(`${YEAR}-12-31T00:00:00.000Z`);
    app.get("/bench/execution", async (c) => {
      const r = await latestExecutionBySubtree(handle.db, province.path, YEAR, yearOver);
      return c.json({
        asOf: `${YEAR}-12-31`,
        items: r.map((x) => ({ orgId: x.orgId, orgName: x.orgName, budget: x.budget, spent: x.spent })),
      });
    });
    // The scores list as the API answers it without pageSize (issue 14, session 11: a page of 100, the count, the
    // next page's token), and a page reached by a cursor (set once the token of page 60 is known).
    const scorePage = async (after?: ScoreCursor) => {
      const [rows, counted] = await Promise.all([
        scoresBySubtree(handle.db, province.path, YEAR, { limit: SCORE_PAGE_SIZE, ...(after ? { after } : {}) }),
        after ? undefined : countScoresBySubtree(handle.db, province.path, YEAR),
      ]);
      const items = rows.map(({ orgPath: _, ...item }) => item);
      const total = after ? after.total : (counted ?? 0);
      const last = rows[rows.length - 1]!;
      const seen = (after?.seen ?? 0) + rows.length;
      const nextCursor = encodeScoreCursor({
        orgId: province.id,
        year: YEAR,
        grades: "",
        path: last.orgPath,
        name: last.name,
        id: last.id,
        total,
        seen,
      });
      return { items, total, page: 1, pageSize: SCORE_PAGE_SIZE, nextCursor };
    };
    let deepCursor: ScoreCursor | undefined;
    app.get("/bench/scores", async (c) => c.json(await scorePage()));
    app.get("/bench/scores-cursor", async (c) => c.json(await scorePage(deepCursor)));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    // Idle keep-alive sockets live longer than node's 5 s default: a slow store must not make the server close
    // a socket the client is about to reuse (ECONNRESET) between two phases of the run.
    (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 120_000;
    const port = (server.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    try {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: "province-reviewer", password }),
      });
      if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
      const cookie = login.headers.get("set-cookie")!.split(";")[0]!;

      const get = (path: string) => async () => {
        const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie, Accept: "application/json" } });
        const body = await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString()}`);
        return body.byteLength;
      };
      const direct = (f: () => Promise<unknown>) => async () => Buffer.byteLength(JSON.stringify(await f()));

      const listQuery = `orgId=${province.id}&year=${YEAR}&state=approved&sort=annualFunds&order=desc&page=3&pageSize=50`;
      const page = (await (
        await fetch(`${base}/api/v1/projects?${listQuery}`, { headers: { Cookie: cookie } })
      ).json()) as {
        total: number;
        items: unknown[];
      };
      const exec = (await (
        await fetch(`${base}/api/v1/rollups/execution?orgId=${province.id}&year=${YEAR}`, {
          headers: { Cookie: cookie },
        })
      ).json()) as { items: unknown[] };
      const scores = (await (
        await fetch(`${base}/api/v1/rollups/scores?orgId=${province.id}&year=${YEAR}`, { headers: { Cookie: cookie } })
      ).json()) as { items: unknown[]; total: number };
      console.log(
        `answers: projects page ${page.items.length} of ${page.total} approved ${YEAR}; execution roll-up ${exec.items.length} units; scores roll-up ${scores.items.length} of ${scores.total} evaluations`,
      );
      console.log(`measuring: ${CONCURRENCY} concurrent clients, ${SECONDS} s each, node fetch → @hono/node-server`);

      const results: Measured[] = [];
      const run = async (name: string, f: () => Promise<number>) => {
        const m = await measure(name, f);
        results.push(m);
        return m;
      };
      const runGroup = async <T extends readonly Case[]>(cases: readonly [...T]) => {
        const ms = await measureGroup(cases);
        results.push(...(ms as Measured[]));
        return ms;
      };
      const floorHttp = await run("(c) bare Hono JSON (HTTP floor)", get("/bench/floor"));
      const floorOf = new Map<Measured, Measured>();
      /** The bare route (e) each API case is held against. */
      const bareOf = new Map<Measured, Measured>();
      if (CASES === "list") {
        const last = Math.max(1, Math.ceil(page.total / listFilter.pageSize));
        for (const n of [1, 3, last]) {
          const q = listQuery.replace("page=3", `page=${n}`);
          const [api, bare, db] = await runGroup([
            [`(a) GET /projects page ${n}`, get(`/api/v1/projects?${q}`)],
            [`(e) bare route, same SQL, page ${n}`, get(`/bench/projects?page=${n}`)],
            [
              `(d) listProjects page ${n}, same handle`,
              direct(() => listProjects(handle.db, { ...listFilter, page: n })),
            ],
          ]);
          bareOf.set(api, bare);
          floorOf.set(api, db);
        }
        // The same pages reached by cursor (keyset): the tokens of pages 2 and last − 1, walked once.
        const tokens = new Map<number, string>();
        let token: string | null = null;
        for (let n = 1; n < last; n++) {
          const r = (await (
            await fetch(
              `${base}/api/v1/projects?${listQuery.replace("page=3", `page=${n}`)}${token ? `&cursor=${token}` : ""}`,
              { headers: { Cookie: cookie } },
            )
          ).json()) as { nextCursor: string | null };
          token = r.nextCursor;
          if (!token) break;
          tokens.set(n + 1, token);
        }
        for (const n of [3, last]) {
          const t = tokens.get(n);
          if (!t) continue;
          const q = `${listQuery.replace("page=3", `page=${n}`)}&cursor=${t}`;
          const cur = decodeCursor(t, "annualFunds", true, listKey);
          const after = { value: cur.value, id: cur.id };
          const [api, bare, db] = await runGroup([
            [`(a) GET /projects page ${n} by cursor`, get(`/api/v1/projects?${q}`)],
            [`(e) bare route, same SQL, cursor ${n}`, get(`/bench/projects?page=${n}&cursor=${t}`)],
            [
              `(d) listProjects cursor ${n}, same handle`,
              direct(() => listProjects(handle.db, { ...listFilter, page: n, after, knownTotal: cur.total })),
            ],
          ]);
          bareOf.set(api, bare);
          floorOf.set(api, db);
        }
      }
      if (CASES === "list") {
        // The self-evaluation list: page 1, 3 and the last (no cursor on this list: OFFSET).
        const evTotal = (
          (await (
            await fetch(`${base}/api/v1/evaluations?orgId=${province.id}&year=${YEAR}&pageSize=50`, {
              headers: { Cookie: cookie },
            })
          ).json()) as { total: number }
        ).total;
        const evLast = Math.max(1, Math.ceil(evTotal / evaluationFilter.pageSize));
        for (const n of [1, 3, evLast]) {
          const [api, bare, db] = await runGroup([
            [
              `(a) GET /evaluations page ${n}`,
              get(`/api/v1/evaluations?orgId=${province.id}&year=${YEAR}&pageSize=50&page=${n}`),
            ],
            [`(e) bare route, same SQL, evaluations ${n}`, get(`/bench/evaluations?page=${n}`)],
            [
              `(d) listEvaluations page ${n}, same handle`,
              direct(() => listEvaluations(handle.db, { ...evaluationFilter, page: n })),
            ],
          ]);
          bareOf.set(api, bare);
          floorOf.set(api, db);
        }
        // The last page again, reached by cursor (keyset): the token walked once through the API.
        const evQuery = `orgId=${province.id}&year=${YEAR}&pageSize=50`;
        let evToken: string | null = null;
        for (let n = 1; n < evLast; n++) {
          const r = (await (
            await fetch(`${base}/api/v1/evaluations?${evQuery}&page=${n}${evToken ? `&cursor=${evToken}` : ""}`, {
              headers: { Cookie: cookie },
            })
          ).json()) as { nextCursor: string | null };
          evToken = r.nextCursor;
          if (!evToken) break;
        }
        if (evToken && evLast > 1) {
          const cur = decodeEvaluationCursor(evToken, evaluationKey);
          const [api, bare, db] = await runGroup([
            [
              `(a) GET /evaluations page ${evLast} by cursor`,
              get(`/api/v1/evaluations?${evQuery}&page=${evLast}&cursor=${evToken}`),
            ],
            [
              `(e) bare route, same SQL, evaluations cursor ${evLast}`,
              get(`/bench/evaluations?page=${evLast}&cursor=${evToken}`),
            ],
            [
              `(d) listEvaluations cursor ${evLast}, same handle`,
              direct(() =>
                listEvaluations(handle.db, {
                  ...evaluationFilter,
                  page: evLast,
                  after: { year: cur.year, path: cur.path, id: cur.id },
                  knownTotal: cur.total,
                }),
              ),
            ],
          ]);
          bareOf.set(api, bare);
          floorOf.set(api, db);
        }
      }
      if (CASES === "rollups") {
        const [ex, exBare, exDb] = await runGroup([
          ["(b) GET /rollups/execution", get(`/api/v1/rollups/execution?orgId=${province.id}&year=${YEAR}`)],
          ["(e) bare route, same SQL, execution", get("/bench/execution")],
          [
            "(d) latestExecutionBySubtree, same handle",
            direct(() => latestExecutionBySubtree(handle.db, province.path, YEAR, yearOver)),
          ],
        ]);
        bareOf.set(ex, exBare);
        floorOf.set(ex, exDb);
      }
      if (CASES === "all") {
        const list = await run("(a) GET /projects (page 3, filter, sort)", get(`/api/v1/projects?${listQuery}`));
        const listDb = await run(
          "(d) listProjects, same handle",
          direct(() => listProjects(handle.db, listFilter)),
        );
        const ex = await run(
          "(b) GET /rollups/execution",
          get(`/api/v1/rollups/execution?orgId=${province.id}&year=${YEAR}`),
        );
        const exDb = await run(
          "(d) latestExecutionBySubtree, same handle",
          direct(() => latestExecutionBySubtree(handle.db, province.path, YEAR, yearOver)),
        );
        floorOf.set(list, listDb).set(ex, exDb);
      }
      if (CASES === "list") {
        printTable(kind, results, floorHttp, floorOf, bareOf);
        if (errors.length) console.log(`server errors: ${errors.length}`, errors[0]);
        return;
      }
      const [sc, scBare, scDb] = await runGroup([
        ["(b) GET /rollups/scores (page 1 of 100)", get(`/api/v1/rollups/scores?orgId=${province.id}&year=${YEAR}`)],
        ["(e) bare route, same SQL, scores page 1", get("/bench/scores")],
        [
          "(d) scoresBySubtree page 1 + count, same handle",
          direct(() =>
            Promise.all([
              scoresBySubtree(handle.db, province.path, YEAR, { limit: SCORE_PAGE_SIZE }),
              countScoresBySubtree(handle.db, province.path, YEAR),
            ]),
          ),
        ],
      ]);
      bareOf.set(sc, scBare);
      // Page 60 of 100 (rows 5,901–6,000) by cursor: the token walked once through the API.
      let token: string | null = null;
      for (let n = 1; n < 60; n++) {
        const r = (await (
          await fetch(
            `${base}/api/v1/rollups/scores?orgId=${province.id}&year=${YEAR}${token ? `&cursor=${token}` : ""}`,
            { headers: { Cookie: cookie } },
          )
        ).json()) as { nextCursor: string | null };
        token = r.nextCursor;
      }
      deepCursor = decodeScoreCursor(token!, province.id, YEAR, "");
      const after = deepCursor;
      const [scDeep, scDeepBare, scDeepDb] = await runGroup([
        [
          "(b) GET /rollups/scores page 60 by cursor",
          get(`/api/v1/rollups/scores?orgId=${province.id}&year=${YEAR}&page=60&cursor=${token}`),
        ],
        ["(e) bare route, same SQL, scores cursor 60", get("/bench/scores-cursor")],
        [
          "(d) scoresBySubtree after the cursor, same handle",
          direct(() => scoresBySubtree(handle.db, province.path, YEAR, { limit: SCORE_PAGE_SIZE, after })),
        ],
      ]);
      bareOf.set(scDeep, scDeepBare);
      await run(
        "(b) GET /rollups/scores page 60 by page (OFFSET)",
        get(`/api/v1/rollups/scores?orgId=${province.id}&year=${YEAR}&page=60`),
      );
      // What the API answered without pageSize before session 11: every evaluation (its own SQL only).
      await run(
        "(d) scoresBySubtree, the whole list, same handle",
        direct(() => scoresBySubtree(handle.db, province.path, YEAR)),
      );
      const bands = scoreBands();
      const [sum, sumDb] = await runGroup([
        ["(b) GET /rollups/scores/summary", get(`/api/v1/rollups/scores/summary?orgId=${province.id}&year=${YEAR}`)],
        [
          "(d) scoreSummaryBySubtree, same handle",
          direct(() => scoreSummaryBySubtree(handle.db, province, YEAR, bands)),
        ],
      ]);
      const pageQuery = `orgId=${province.id}&year=${YEAR}&grade=${encodeURIComponent("中,差")}&page=1&pageSize=10`;
      const pageBands = bands.filter((b) => b.grade === "中" || b.grade === "差");
      const [pg10, pg10Db] = await runGroup([
        ["(b) GET /rollups/scores (中,差, page of 10)", get(`/api/v1/rollups/scores?${pageQuery}`)],
        [
          "(d) scoresBySubtree page + count, same handle",
          // the page and the count side by side, as the API asks them
          direct(() =>
            Promise.all([
              scoresBySubtree(handle.db, province.path, YEAR, { limit: 10, offset: 0, bands: pageBands }),
              countScoresBySubtree(handle.db, province.path, YEAR, pageBands),
            ]),
          ),
        ],
      ]);
      floorOf.set(sc, scDb).set(scDeep, scDeepDb).set(sum, sumDb).set(pg10, pg10Db);
      printTable(kind, results, floorHttp, floorOf, bareOf);

      if (EXPLAIN) {
        const like = `${province.path}%`;
        const plans: [string, string, unknown[]][] = [
          [
            "execution roll-up",
            `SELECT o.id, o.name, sum(coalesce(e.determined_budget, coalesce(e.initial_budget, 0) + coalesce(e.adjustment, 0)))::text,
                    sum(coalesce(e.executed, 0))::text, max(e.updated_at)
               FROM budget_execution e JOIN organisations o ON o.id = e.org_id
              WHERE o.path LIKE $1 AND e.year = $2 AND e.scope = 'total' AND e.month IS NULL
              GROUP BY o.id, o.name, o.path ORDER BY o.path`,
            [like, YEAR],
          ],
          [
            "scores roll-up",
            `SELECT s.id, coalesce(p.name, o.name || ' 部门整体') AS name, o.name AS org_name, coalesce(s.stated_total, s.computed_total)::text
               FROM self_evaluations s JOIN organisations o ON o.id = s.org_id LEFT JOIN projects p ON p.id = s.project_id
              WHERE o.path LIKE $1 AND s.year = $2 ORDER BY o.path, name`,
            [like, YEAR],
          ],
          [
            "projects page",
            `SELECT p.*, o.path, o.name, count(*) over () FROM projects p JOIN organisations o ON o.id = p.org_id
              WHERE o.path LIKE $1 AND o.path LIKE $1 AND p.year = $2 AND p.workflow_state = 'approved'
              ORDER BY p.annual_funds DESC NULLS LAST, p.id ASC LIMIT 50 OFFSET 100`,
            [like, YEAR],
          ],
        ];
        for (const [name, text, params] of plans) {
          const r = await raw(`EXPLAIN (ANALYZE, BUFFERS OFF) ${text}`, params);
          console.log(`\n-- plan: ${name}\n${r.rows.map((x) => Object.values(x)[0]).join("\n")}`);
        }
      }
      if (errors.length) console.log(`server errors: ${errors.length}`, errors[0]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  } finally {
    await cleanup();
  }
}

if (REUSE && STORE !== "pg") throw new Error("--db is for --store pg");
for (const kind of STORE === "both" ? (["pglite", "pg"] as const) : [STORE as "pglite" | "pg"]) {
  await runStore(kind);
}
