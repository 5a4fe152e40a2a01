/**
 * The JSON a user gives to `jixiao score <file.json>` (documented in docs/score-input.md), validated with zod and
 * turned into an `EvaluationInput`. Every problem becomes an entry with its JSON path (`indicators[3].points`) and a
 * Chinese and English message; nothing is thrown for bad input.
 */
import { z } from "zod";
import { DomainError, type DomainErrorCode } from "../errors/domain-error.ts";
import { type Fen, type MoneyUnit, parseAmount } from "../money/money.ts";
import { fromNumber, parseDecimal, type Ratio } from "../numbers/decimal.ts";
import type { Op, TargetValue } from "../targets/types.ts";
import {
  BUILTIN_SCHEMES,
  type GradeBand,
  type Level1,
  level1Of,
  NATIONAL_PROJECT_SCHEME,
  PASS_FAIL_GRADES,
  type QualitativeTier,
  type RoundingStep,
  type ScoringScheme,
  STANDARD_GRADES,
  schemeById,
  schemeProblems,
  type TierKey,
} from "./scheme.ts";
import type { EvaluationInput, IndicatorInput } from "./score.ts";

export interface InputProblem {
  /** JSON path into the input: `indicators[3].points`, `budget.executed`, `scheme.groups[0].points`. */
  path: string;
  code: DomainErrorCode;
  zh: string;
  en: string;
}

export type ParseResult = { ok: true; value: EvaluationInput } | { ok: false; problems: InputProblem[] };

// ---------------------------------------------------------------------------------------------------------------
// The shape

const NumLike = z.union([z.number(), z.string()]);
const OPS = [">=", ">", "=", "<", "<=", "≥", "≤", "＞", "＜", "＝"] as const;
const OpField = z.enum(OPS);

const TargetObject = z.strictObject({
  text: z.string(),
  kind: z.enum(["numeric", "range", "deadline", "frequency", "qualitative"]).optional(),
  op: OpField.optional(),
  value: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  date: z.string().optional(),
  inclusive: z.boolean().optional(),
  period: z.enum(["day", "week", "month", "quarter", "year"]).optional(),
  quality: z.enum(["meets", "improves", "satisfied", "none", "other"]).optional(),
  note: z.string().optional(),
});
const TargetField = z.union([z.string(), z.number(), TargetObject]);

const TIER_WORDS = ["achieved", "partial", "not-achieved", "达成", "部分达成", "未达成"] as const;

const IndicatorSchema = z.strictObject({
  level1: z.string().min(1),
  level2: z.string().optional(),
  name: z.string().min(1),
  target: TargetField,
  actual: TargetField,
  /** 计量单位 column, when the unit is written apart from the value */
  unit: z.string().optional(),
  /** 计算符号 column, when the operator is written apart from the value */
  op: OpField.optional(),
  points: NumLike,
  statedScore: NumLike.nullable().optional(),
  /** 得分系数 (Chongqing): the stated score is 得分系数 × points. */
  statedCoefficient: NumLike.nullable().optional(),
  tier: z.enum(TIER_WORDS).optional(),
  overrideReason: z.string().optional(),
  deviationReason: z.string().optional(),
  note: z.string().optional(),
});

const Rounding = z.union([z.enum(["none", "0.01", "0.1", "1"]), z.literal(0.01), z.literal(0.1), z.literal(1)]);

/** Every built-in scheme id and alias (`department-20-80` is `department-2080`). */
const SCHEME_IDS = [
  ...Object.keys(BUILTIN_SCHEMES),
  ...Object.values(BUILTIN_SCHEMES).flatMap((s) => s.aliases ?? []),
] as [string, ...string[]];
const SchemeId = z.enum(SCHEME_IDS);

const SchemeObject = z.strictObject({
  extends: SchemeId.optional(),
  id: z.string().min(1).optional(),
  name: z.union([z.string(), z.strictObject({ zh: z.string(), en: z.string() })]).optional(),
  version: z.string().min(1).optional(),
  pointsRule: z.enum(["scale-to-groups", "scale-to-total"]).optional(),
  indicatorScore: z.enum(["points", "coefficient"]).optional(),
  folds: z.record(z.string(), z.string()).optional(),
  executionWithin: z.string().optional(),
  execution: z.strictObject({ points: z.number(), capAt100: z.boolean().optional() }).optional(),
  groups: z.array(z.strictObject({ level1: z.string(), points: z.number() })).optional(),
  whenMissing: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  lowerIsBetter: z.enum(["linear-2x", "ratio"]).optional(),
  equalsZero: z.enum(["full-if-at-most-zero", "full-if-zero"]).optional(),
  qualitative: z
    .array(
      z.strictObject({
        key: z.enum(["achieved", "partial", "not-achieved"]),
        label: z.union([z.string(), z.strictObject({ zh: z.string(), en: z.string() })]).optional(),
        min: z.number(),
        max: z.number(),
        suggest: z.number(),
      }),
    )
    .optional(),
  rounding: z
    .strictObject({ indicator: Rounding.optional(), execution: Rounding.optional(), total: Rounding.optional() })
    .optional(),
  grades: z
    .union([z.enum(["standard", "pass-fail"]), z.array(z.strictObject({ grade: z.string(), min: z.number() }))])
    .optional(),
});

const Amount = z.union([z.string(), z.number()]);

export const EvaluationInputSchema = z.strictObject({
  $schema: z.string().optional(),
  title: z.string().optional(),
  scheme: z.union([SchemeId, SchemeObject]),
  unit: z.enum(["万元", "元"]).optional(),
  budget: z.strictObject({
    budget: Amount,
    executed: Amount,
    initial: Amount.optional(),
    adjustment: Amount.optional(),
    statedRate: z.union([z.string(), z.number()]).optional(),
    statedScore: NumLike.nullable().optional(),
  }),
  indicators: z.array(IndicatorSchema).min(1),
  statedIndicatorTotal: NumLike.nullable().optional(),
  statedTotal: NumLike.nullable().optional(),
  statedGrade: z.string().optional(),
  note: z.string().optional(),
});

export type EvaluationJson = z.infer<typeof EvaluationInputSchema>;

// ---------------------------------------------------------------------------------------------------------------
// zod issues → bilingual problems

type PathPart = string | number | symbol;

export function formatPath(path: readonly PathPart[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PathPart[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as PropertyKey];
  }
  return v;
}

const TYPE_ZH: Record<string, string> = {
  string: "文本",
  number: "数字",
  boolean: "true/false",
  object: "对象 {…}",
  array: "数组 […]",
  null: "null",
  undefined: "（缺失）",
};
const TYPE_EN: Record<string, string> = {
  string: "text",
  number: "a number",
  boolean: "true/false",
  object: "an object {…}",
  array: "an array […]",
  null: "null",
  undefined: "(missing)",
};

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

const KNOWN_FIELDS = [
  "title",
  "scheme",
  "unit",
  "budget",
  "executed",
  "initial",
  "adjustment",
  "statedRate",
  "statedScore",
  "statedCoefficient",
  "indicators",
  "level1",
  "level2",
  "name",
  "target",
  "actual",
  "op",
  "points",
  "tier",
  "overrideReason",
  "deviationReason",
  "note",
  "statedIndicatorTotal",
  "statedTotal",
  "statedGrade",
  "extends",
  "id",
  "execution",
  "capAt100",
  "groups",
  "whenMissing",
  "lowerIsBetter",
  "equalsZero",
  "qualitative",
  "rounding",
  "grades",
  "version",
  "pointsRule",
  "indicatorScore",
  "folds",
  "executionWithin",
  "text",
  "kind",
  "value",
  "min",
  "max",
  "date",
  "inclusive",
  "period",
  "quality",
];

function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
}

function closest(key: string): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestD = 3;
  for (const k of KNOWN_FIELDS) {
    const d = k.toLowerCase() === lower ? 0 : distance(lower, k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

interface ZodIssueLike {
  code: string;
  path: PathPart[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  errors?: ZodIssueLike[][];
  origin?: string;
  minimum?: number | bigint;
}

/** zod's issues as bilingual problems at their JSON path (shared with the scheme checker). */
export function zodProblems(issues: readonly unknown[], root: unknown): InputProblem[] {
  return (issues as ZodIssueLike[]).flatMap((i) => issueProblems(i, root, []));
}

function issueProblems(issue: ZodIssueLike, root: unknown, prefix: readonly PathPart[]): InputProblem[] {
  const full = [...prefix, ...issue.path];
  const path = formatPath(full);
  const value = valueAt(root, full);
  const p = (zh: string, en: string): InputProblem => ({ path, code: "invalid_input", zh, en });
  switch (issue.code) {
    case "invalid_type": {
      if (value === undefined) return [p("缺少必填字段", "a required field is missing")];
      const exp = issue.expected ?? "";
      return [
        p(
          `应为${TYPE_ZH[exp] ?? exp}，实际为${TYPE_ZH[typeOf(value)] ?? typeOf(value)}`,
          `expected ${TYPE_EN[exp] ?? exp}, got ${TYPE_EN[typeOf(value)] ?? typeOf(value)}`,
        ),
      ];
    }
    case "invalid_union": {
      const branches = issue.errors ?? [];
      if (value !== null && typeof value === "object") {
        // The user wrote an object (or array): report what is wrong inside the branch that takes one.
        const inner = branches.find((b) => b.some((i) => i.path.length > 0 || i.code === "unrecognized_keys"));
        if (inner) return inner.flatMap((i) => issueProblems(i, root, full));
      }
      if (value === undefined) return [p("缺少必填字段", "a required field is missing")];
      const zh: string[] = [];
      const en: string[] = [];
      for (const b of branches) {
        for (const i of b) {
          if (i.path.length > 0) continue;
          if (i.code === "invalid_type" && i.expected) {
            zh.push(TYPE_ZH[i.expected] ?? i.expected);
            en.push(TYPE_EN[i.expected] ?? i.expected);
          } else if (i.code === "invalid_value" && i.values) {
            const vs = i.values.map((v) => JSON.stringify(v)).join("、");
            zh.push(`以下之一：${vs}`);
            en.push(`one of ${i.values.map((v) => JSON.stringify(v)).join(", ")}`);
          }
        }
      }
      const got = JSON.stringify(value);
      return [
        p(
          `「${got}」不可用：应为${[...new Set(zh)].join("或")}`,
          `${got} is not accepted: expected ${[...new Set(en)].join(" or ")}`,
        ),
      ];
    }
    case "invalid_value": {
      const vs = (issue.values ?? []).map((v) => JSON.stringify(v));
      return [
        p(
          `「${JSON.stringify(value)}」不可用，应为以下之一：${vs.join("、")}`,
          `${JSON.stringify(value)} is not accepted; expected one of ${vs.join(", ")}`,
        ),
      ];
    }
    case "unrecognized_keys":
      return (issue.keys ?? []).map((k) => {
        const guess = closest(k);
        return {
          path: formatPath([...full, k]),
          code: "invalid_input" as const,
          zh: `未知字段「${k}」${guess ? `，是否应为「${guess}」？` : ""}`,
          en: `unknown field "${k}"${guess ? `; did you mean "${guess}"?` : ""}`,
        };
      });
    case "too_small":
      return [
        issue.origin === "array"
          ? p(`至少需要 ${issue.minimum} 项`, `at least ${issue.minimum} item(s) required`)
          : p("不能为空", "must not be empty"),
      ];
    default:
      return [p(issue.message, issue.message)];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Conversion after the shape is right

const OP_MAP: Record<(typeof OPS)[number], Op> = {
  ">=": ">=",
  ">": ">",
  "=": "=",
  "<": "<",
  "<=": "<=",
  "≥": ">=",
  "≤": "<=",
  "＞": ">",
  "＜": "<",
  "＝": "=",
};

const TIER_MAP: Record<(typeof TIER_WORDS)[number], TierKey> = {
  achieved: "achieved",
  partial: "partial",
  "not-achieved": "not-achieved",
  达成: "achieved",
  部分达成: "partial",
  未达成: "not-achieved",
};

/** A number written as a JSON number or decimal text (`2`, `"2.5"`, `"１８"`); undefined with a problem otherwise. */
function readNumber(v: number | string, path: string, problems: InputProblem[]): Ratio | undefined {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      problems.push({ path, code: "invalid_input", zh: `「${v}」不是有限数字`, en: `${v} is not a finite number` });
      return undefined;
    }
    return fromNumber(v);
  }
  const text = v.normalize("NFKC").trim();
  const r = parseDecimal(text);
  if (!r) {
    problems.push({
      path,
      code: "invalid_input",
      zh: `「${v}」不是数字（应写成 2、2.5 这样的十进制数）`,
      en: `"${v}" is not a number (write a decimal such as 2 or 2.5)`,
    });
  }
  return r;
}

function optionalNumber(
  v: number | string | null | undefined,
  path: string,
  problems: InputProblem[],
): Ratio | undefined {
  if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return undefined;
  return readNumber(v, path, problems);
}

function readAmount(v: string | number, unit: MoneyUnit, path: string, problems: InputProblem[]): Fen | undefined {
  const text = typeof v === "number" ? String(v) : v;
  try {
    const f = parseAmount(text, { unit, location: { path } });
    if (f === undefined) {
      problems.push({ path, code: "invalid_amount", zh: "金额为空", en: "the amount is empty" });
    }
    return f;
  } catch (e) {
    if (e instanceof DomainError) {
      problems.push({ path, code: e.code, zh: e.text.zh, en: e.text.en });
      return undefined;
    }
    throw e;
  }
}

function toTarget(v: string | number | z.infer<typeof TargetObject>): TargetValue | string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v;
  const { op, kind, ...rest } = v;
  const out: TargetValue = {
    ...rest,
    kind:
      kind ??
      (v.min !== undefined && v.max !== undefined ? "range" : v.value !== undefined ? "numeric" : "qualitative"),
  };
  if (op) out.op = OP_MAP[op];
  return out;
}

function roundingOf(v: z.infer<typeof Rounding> | undefined, fallback: RoundingStep): RoundingStep {
  if (v === undefined) return fallback;
  return typeof v === "number" ? (String(v) as RoundingStep) : v;
}

function localized(v: string | { zh: string; en: string } | undefined, fallback: { zh: string; en: string }) {
  if (v === undefined) return fallback;
  return typeof v === "string" ? { zh: v, en: v } : v;
}

function buildScheme(s: z.infer<typeof SchemeObject>, problems: InputProblem[]): ScoringScheme | undefined {
  const base = schemeById(s.extends ?? "national-project") ?? NATIONAL_PROJECT_SCHEME;
  const before = problems.length;
  const groups = s.groups?.map((g, i) => {
    const key = level1Of(g.level1);
    if (!key) {
      problems.push({
        path: `scheme.groups[${i}].level1`,
        code: "invalid_scheme",
        zh: `「${g.level1}」不是一级指标（产出、效益、满意度、成本）`,
        en: `"${g.level1}" is not a level-1 group (output, effect, satisfaction, cost)`,
      });
    }
    return { level1: key ?? "output", points: g.points };
  });
  let whenMissing: ScoringScheme["whenMissing"];
  if (s.whenMissing) {
    whenMissing = {};
    for (const [from, shares] of Object.entries(s.whenMissing)) {
      const f = level1Of(from);
      if (!f) {
        problems.push({
          path: `scheme.whenMissing.${from}`,
          code: "invalid_scheme",
          zh: `「${from}」不是一级指标`,
          en: `"${from}" is not a level-1 group`,
        });
        continue;
      }
      const m: Partial<Record<Level1, number>> = {};
      for (const [to, pts] of Object.entries(shares)) {
        const t = level1Of(to);
        if (!t) {
          problems.push({
            path: `scheme.whenMissing.${from}.${to}`,
            code: "invalid_scheme",
            zh: `「${to}」不是一级指标`,
            en: `"${to}" is not a level-1 group`,
          });
          continue;
        }
        m[t] = pts;
      }
      whenMissing[f] = m;
    }
  }
  let folds: ScoringScheme["folds"];
  if (s.folds) {
    folds = {};
    for (const [from, to] of Object.entries(s.folds)) {
      const f = level1Of(from);
      const t = level1Of(to);
      if (!f || !t) {
        problems.push({
          path: `scheme.folds.${from}`,
          code: "invalid_scheme",
          zh: `「${f ? to : from}」不是一级指标`,
          en: `"${f ? to : from}" is not a level-1 group`,
        });
        continue;
      }
      folds[f] = t;
    }
  }
  const executionWithin = s.executionWithin === undefined ? undefined : level1Of(s.executionWithin);
  if (s.executionWithin !== undefined && !executionWithin) {
    problems.push({
      path: "scheme.executionWithin",
      code: "invalid_scheme",
      zh: `「${s.executionWithin}」不是一级指标`,
      en: `"${s.executionWithin}" is not a level-1 group`,
    });
  }
  if (problems.length > before) return undefined;
  const qualitative: QualitativeTier[] | undefined = s.qualitative?.map((q) => {
    const std = base.qualitative.find((b) => b.key === q.key);
    return {
      key: q.key,
      label: localized(q.label, std?.label ?? { zh: q.key, en: q.key }),
      min: q.min,
      max: q.max,
      suggest: q.suggest,
    };
  });
  const grades: GradeBand[] | undefined =
    s.grades === "standard" ? STANDARD_GRADES : s.grades === "pass-fail" ? PASS_FAIL_GRADES : s.grades;
  const scheme: ScoringScheme = {
    id: s.id ?? `custom:${base.id}`,
    name: localized(s.name, { zh: `自定义方案（基于 ${base.id}）`, en: `custom scheme (based on ${base.id})` }),
    ...(s.version !== undefined ? { version: s.version } : {}),
    ...((s.pointsRule ?? base.pointsRule) ? { pointsRule: s.pointsRule ?? base.pointsRule } : {}),
    ...((s.indicatorScore ?? base.indicatorScore) ? { indicatorScore: s.indicatorScore ?? base.indicatorScore } : {}),
    ...((folds ?? base.folds) ? { folds: folds ?? base.folds } : {}),
    ...((executionWithin ?? base.executionWithin) ? { executionWithin: executionWithin ?? base.executionWithin } : {}),
    execution: s.execution
      ? { points: s.execution.points, capAt100: s.execution.capAt100 ?? base.execution.capAt100 }
      : base.execution,
    groups: groups ?? base.groups,
    lowerIsBetter: s.lowerIsBetter ?? base.lowerIsBetter,
    equalsZero: s.equalsZero ?? base.equalsZero,
    qualitative: qualitative ?? base.qualitative,
    rounding: {
      indicator: roundingOf(s.rounding?.indicator, base.rounding.indicator),
      execution: roundingOf(s.rounding?.execution, base.rounding.execution),
      total: roundingOf(s.rounding?.total, base.rounding.total),
    },
    grades: grades ?? base.grades,
  };
  // A custom group list drops the base's moves unless the user gives their own.
  const moves = whenMissing ?? (s.groups ? undefined : base.whenMissing);
  if (moves) scheme.whenMissing = moves;
  for (const sp of schemeProblems(scheme)) {
    problems.push({ path: `scheme.${sp.path}`, code: "invalid_scheme", zh: sp.zh, en: sp.en });
  }
  return problems.length > before ? undefined : scheme;
}

/**
 * Validates the JSON of `jixiao score` and converts it: amounts to fen (in `unit`, default 万元), scores and weights
 * to exact Ratios, the scheme by name or as an object (fields not given come from `extends`, default
 * national-project). Returns every problem found, each with its JSON path and a Chinese and English message.
 */
export function parseEvaluationInput(json: unknown): ParseResult {
  const shape = EvaluationInputSchema.safeParse(json);
  if (!shape.success) {
    const problems = (shape.error.issues as unknown as ZodIssueLike[]).flatMap((i) => issueProblems(i, json, []));
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
      return {
        ok: false,
        problems: [
          {
            path: "",
            code: "invalid_input",
            zh: "输入应为一个 JSON 对象 {…}",
            en: "the input must be a JSON object {…}",
          },
        ],
      };
    }
    return { ok: false, problems };
  }
  const j = shape.data;
  const problems: InputProblem[] = [];
  const unit: MoneyUnit = j.unit ?? "万元";

  const scheme = typeof j.scheme === "string" ? schemeById(j.scheme) : buildScheme(j.scheme, problems);

  const budget = readAmount(j.budget.budget, unit, "budget.budget", problems);
  const executed = readAmount(j.budget.executed, unit, "budget.executed", problems);
  const initial =
    j.budget.initial === undefined ? undefined : readAmount(j.budget.initial, unit, "budget.initial", problems);
  const adjustment =
    j.budget.adjustment === undefined
      ? undefined
      : readAmount(j.budget.adjustment, unit, "budget.adjustment", problems);
  const statedScore = optionalNumber(j.budget.statedScore, "budget.statedScore", problems);

  const indicators: IndicatorInput[] = j.indicators.map((ind, i) => {
    const path = `indicators[${i}]`;
    if (level1Of(ind.level1) === undefined) {
      problems.push({
        path: `${path}.level1`,
        code: "invalid_input",
        zh: `一级指标「${ind.level1}」无法识别（应为产出指标、效益指标、满意度指标或成本指标）`,
        en: `level-1 "${ind.level1}" is not recognised (expected 产出指标, 效益指标, 满意度指标 or 成本指标)`,
      });
    }
    const points = readNumber(ind.points, `${path}.points`, problems);
    const stated = optionalNumber(ind.statedScore, `${path}.statedScore`, problems);
    const coefficient = optionalNumber(ind.statedCoefficient, `${path}.statedCoefficient`, problems);
    const out: IndicatorInput = {
      level1: ind.level1,
      level2: ind.level2,
      name: ind.name,
      target: toTarget(ind.target),
      actual: toTarget(ind.actual),
      points: points ?? fromNumber(0),
      statedScore: stated,
      ...(coefficient !== undefined ? { statedCoefficient: coefficient } : {}),
      tier: ind.tier ? TIER_MAP[ind.tier] : undefined,
      overrideReason: ind.overrideReason,
      deviationReason: ind.deviationReason,
    };
    if (ind.unit !== undefined || ind.op !== undefined) {
      out.hints = { ...(ind.unit ? { unit: ind.unit } : {}), ...(ind.op ? { op: OP_MAP[ind.op] } : {}) };
    }
    return out;
  });

  const statedTotal = optionalNumber(j.statedTotal, "statedTotal", problems);
  const statedIndicatorTotal = optionalNumber(j.statedIndicatorTotal, "statedIndicatorTotal", problems);

  if (problems.length > 0 || !scheme || budget === undefined || executed === undefined) {
    return { ok: false, problems };
  }
  const value: EvaluationInput = {
    title: j.title,
    scheme,
    unit,
    budget: {
      budget,
      executed,
      initial,
      adjustment,
      statedRate: j.budget.statedRate === undefined ? undefined : String(j.budget.statedRate),
      statedScore,
    },
    indicators,
    statedTotal,
    statedIndicatorTotal,
  };
  return { ok: true, value };
}

/** The problems as one DomainError (for callers that throw), or undefined when there are none. */
export function problemsToDomainError(problems: InputProblem[]): DomainError | undefined {
  if (problems.length === 0) return undefined;
  const first = problems[0]!;
  return new DomainError(
    first.code,
    {
      zh: problems.map((p) => (p.path ? `${p.path}：${p.zh}` : p.zh)).join("\n"),
      en: problems.map((p) => (p.path ? `${p.path}: ${p.en}` : p.en)).join("\n"),
    },
    { path: first.path },
  );
}
