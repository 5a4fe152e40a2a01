/**
 * Scoring schemes as data. The national project self-evaluation (财预〔2020〕10号: 执行率 10, 产出 50, 效益 30,
 * 满意度 10) and regional department-overall variants (seed 002: 20 × 执行率 + 40 / 30 / 10) differ only in the
 * numbers and settings held here; `score.ts` applies whichever scheme it is given.
 *
 * Every number in a scheme is a plain JSON number (a weight, a percentage of points, a grade threshold on 0–100);
 * the scorer turns them into exact Ratios through their decimal text.
 */
import { DomainError, type LocalizedText } from "../errors/domain-error.ts";
import { add, cmp, fromInt, fromNumber, type Ratio, sum } from "../numbers/decimal.ts";

/** The level-1 indicator groups (一级指标). 成本 is level 1 only in newer (财预〔2021〕101号 style) frameworks. */
export type Level1 = "output" | "effect" | "satisfaction" | "cost";

export const LEVEL1_NAMES: Record<Level1, LocalizedText> = {
  output: { zh: "产出指标", en: "output" },
  effect: { zh: "效益指标", en: "effect" },
  satisfaction: { zh: "满意度指标", en: "satisfaction" },
  cost: { zh: "成本指标", en: "cost" },
};

const LEVEL1_SYNONYMS: Record<string, Level1> = {
  产出指标: "output",
  产出: "output",
  效益指标: "effect",
  效益: "effect",
  满意度指标: "satisfaction",
  满意度: "satisfaction",
  服务对象满意度: "satisfaction",
  服务对象满意度指标: "satisfaction",
  成本指标: "cost",
  成本: "cost",
  output: "output",
  effect: "effect",
  satisfaction: "satisfaction",
  cost: "cost",
};

/**
 * The level-1 group a written name means: `产出指标`/`产出`, `效益指标`/`效益`, `满意度指标`/`满意度`/`服务对象满意度`,
 * `成本指标`/`成本`. Spaces (as PDF extraction leaves them: `满意度 指标`) and a points note (`(30分)`, `（10分）`) are
 * ignored. Undefined when the name is none of these.
 */
export function level1Of(name: string): Level1 | undefined {
  const known = LEVEL1_SEEN.get(name);
  if (known !== undefined) return known ?? undefined;
  const found = level1Uncached(name);
  if (LEVEL1_SEEN.size >= LEVEL1_SEEN_MAX) LEVEL1_SEEN.clear();
  LEVEL1_SEEN.set(name, found ?? null);
  return found;
}

/** Names already read (a document repeats a handful of them on every row), `null` for none; bounded. */
const LEVEL1_SEEN = new Map<string, Level1 | null>();
const LEVEL1_SEEN_MAX = 1000;

function level1Uncached(name: string): Level1 | undefined {
  const key = name
    .replace(/[\s\u3000]+/g, "")
    .replace(/[(（][^)）]*分[^)）]*[)）]$/, "")
    .replace(/^[一二三四五六七八九十\d]+[、.．]/, "")
    .toLowerCase();
  return LEVEL1_SYNONYMS[key];
}

/** Rounding step for shown scores: none, 0.01, 0.1 or whole points (half away from zero). */
export type RoundingStep = "none" | "0.01" | "0.1" | "1";

export function roundingDigits(step: RoundingStep): number | undefined {
  return step === "none" ? undefined : step === "0.01" ? 2 : step === "0.1" ? 1 : 0;
}

export type TierKey = "achieved" | "partial" | "not-achieved";

/** A qualitative tier: the share of the points (in %, 0–100) it allows, and the share suggested inside it. */
export interface QualitativeTier {
  key: TierKey;
  label: LocalizedText;
  /** Lower bound, % of points (inclusive). */
  min: number;
  /** Upper bound, % of points (inclusive for the top tier, exclusive otherwise). */
  max: number;
  /** The suggested share inside the tier, % of points; the evaluator may pick any other. */
  suggest: number;
}

/** A grade band: the total (0–100) at or above `min` gets `grade`, unless a higher band applies. */
export interface GradeBand {
  grade: string;
  min: number;
}

/**
 * Lower-is-better (≤ / ＜) indicators not met:
 * - `linear-2x`: target < actual < 2 × target → points × (1 − (actual − target) ÷ target); else 0.
 * - `ratio`: points × target ÷ actual.
 */
export type LowerIsBetterRule = "linear-2x" | "ratio";

/**
 * `＝` with target 0:
 * - `full-if-at-most-zero`: full points when actual ≤ 0, else 0 (the national rule).
 * - `full-if-zero`: full points only when actual = 0, else 0.
 */
export type EqualsZeroRule = "full-if-at-most-zero" | "full-if-zero";

export interface GroupPoints {
  level1: Level1;
  points: number;
}

export interface ScoringScheme {
  id: string;
  name: LocalizedText;
  /** 预算执行率: points × rate (× min(rate, 100%) when capped). */
  execution: { points: number; capAt100: boolean };
  /** Level-1 groups and their points, in display order. */
  groups: GroupPoints[];
  /**
   * Where a group's points go when an evaluation has no indicator in it, e.g. national: no 满意度 indicator →
   * its 10 points to 产出 and 效益. Each entry's shares must add up to the missing group's points.
   */
  whenMissing?: Partial<Record<Level1, Partial<Record<Level1, number>>>>;
  lowerIsBetter: LowerIsBetterRule;
  equalsZero: EqualsZeroRule;
  /** Three tiers: achieved, partial, not-achieved. */
  qualitative: QualitativeTier[];
  rounding: { indicator: RoundingStep; execution: RoundingStep; total: RoundingStep };
  /** Highest first is not required; the scorer sorts. Must start at 0 and stay within 0–100. */
  grades: GradeBand[];
}

export const STANDARD_TIERS: QualitativeTier[] = [
  {
    key: "achieved",
    label: { zh: "达成年度指标", en: "annual target achieved" },
    min: 80,
    max: 100,
    suggest: 100,
  },
  {
    key: "partial",
    label: { zh: "部分达成年度指标并具有一定效果", en: "partly achieved with some effect" },
    min: 60,
    max: 80,
    suggest: 70,
  },
  {
    key: "not-achieved",
    label: { zh: "未达成年度指标且效果较差", en: "not achieved, poor effect" },
    min: 0,
    max: 60,
    suggest: 0,
  },
];

/** 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60. */
export const STANDARD_GRADES: GradeBand[] = [
  { grade: "优", min: 90 },
  { grade: "良", min: 80 },
  { grade: "中", min: 60 },
  { grade: "差", min: 0 },
];

/** The variant that says 合格/不合格 for the lower two bands. */
export const PASS_FAIL_GRADES: GradeBand[] = [
  { grade: "优", min: 90 },
  { grade: "良", min: 80 },
  { grade: "合格", min: 60 },
  { grade: "不合格", min: 0 },
];

/** 项目支出绩效自评 (财预〔2020〕10号): 执行率 10, 产出 50, 效益 30, 满意度 10; no 满意度 → 5 + 5 to 产出/效益. */
export const NATIONAL_PROJECT_SCHEME: ScoringScheme = {
  id: "national-project",
  name: {
    zh: "项目支出绩效自评（全国通用：执行率10、产出50、效益30、满意度10）",
    en: "Project self-evaluation (national default 10/50/30/10)",
  },
  execution: { points: 10, capAt100: true },
  groups: [
    { level1: "output", points: 50 },
    { level1: "effect", points: 30 },
    { level1: "satisfaction", points: 10 },
  ],
  whenMissing: { satisfaction: { output: 5, effect: 5 } },
  lowerIsBetter: "linear-2x",
  equalsZero: "full-if-at-most-zero",
  qualitative: STANDARD_TIERS,
  rounding: { indicator: "0.01", execution: "0.01", total: "0.01" },
  grades: STANDARD_GRADES,
};

/** 部门整体绩效自评 as in seed 002 (武汉): 20 × 执行率 + 年度目标 80 = 产出 40 + 效益 30 + 满意度 10. */
export const DEPARTMENT_2080_SCHEME: ScoringScheme = {
  id: "department-2080",
  name: {
    zh: "部门整体绩效自评（20×执行率 + 产出40、效益30、满意度10）",
    en: "Department-overall self-evaluation (20 × rate + 40/30/10)",
  },
  execution: { points: 20, capAt100: true },
  groups: [
    { level1: "output", points: 40 },
    { level1: "effect", points: 30 },
    { level1: "satisfaction", points: 10 },
  ],
  lowerIsBetter: "linear-2x",
  equalsZero: "full-if-at-most-zero",
  qualitative: STANDARD_TIERS,
  rounding: { indicator: "0.01", execution: "0.01", total: "0.01" },
  grades: STANDARD_GRADES,
};

export const BUILTIN_SCHEMES: Record<string, ScoringScheme> = {
  [NATIONAL_PROJECT_SCHEME.id]: NATIONAL_PROJECT_SCHEME,
  [DEPARTMENT_2080_SCHEME.id]: DEPARTMENT_2080_SCHEME,
};

/** A problem found in a scheme, with the path inside the scheme object. */
export interface SchemeProblem {
  path: string;
  zh: string;
  en: string;
}

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** All problems of a scheme; an empty list when it is usable. */
export function schemeProblems(s: ScoringScheme): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  const p = (path: string, zh: string, en: string) => out.push({ path, zh, en });

  if (!finite(s.execution.points) || s.execution.points <= 0) {
    p(
      "execution.points",
      `预算执行率分值应大于 0，现为 ${s.execution.points}`,
      `the execution-rate points must be > 0, got ${s.execution.points}`,
    );
  }
  if (s.groups.length === 0) p("groups", "至少要有一个一级指标", "at least one level-1 group is required");
  const seen = new Set<Level1>();
  s.groups.forEach((g, i) => {
    if (seen.has(g.level1)) {
      p(
        `groups[${i}].level1`,
        `一级指标「${LEVEL1_NAMES[g.level1].zh}」重复`,
        `level-1 group "${g.level1}" appears twice`,
      );
    }
    seen.add(g.level1);
    if (!finite(g.points) || g.points <= 0) {
      p(
        `groups[${i}].points`,
        `「${LEVEL1_NAMES[g.level1].zh}」分值应大于 0，现为 ${g.points}`,
        `the points of "${g.level1}" must be > 0, got ${g.points}`,
      );
    }
  });
  if (out.length === 0) {
    const total: Ratio = add(fromNumber(s.execution.points), sum(s.groups.map((g) => fromNumber(g.points))));
    if (cmp(total, fromInt(100)) !== 0) {
      const shown = [s.execution.points, ...s.groups.map((g) => g.points)].join(" + ");
      p(
        "groups",
        `执行率与各一级指标分值之和应为 100，现为 ${shown}`,
        `the execution and level-1 points must add up to 100, got ${shown}`,
      );
    }
  }

  for (const [missing, shares] of Object.entries(s.whenMissing ?? {}) as [Level1, Partial<Record<Level1, number>>][]) {
    const path = `whenMissing.${missing}`;
    const group = s.groups.find((g) => g.level1 === missing);
    if (!group) {
      p(
        path,
        `方案中没有一级指标「${LEVEL1_NAMES[missing]?.zh ?? missing}」，无从转移其分值`,
        `the scheme has no level-1 group "${missing}" to move points from`,
      );
      continue;
    }
    const entries = Object.entries(shares ?? {}) as [Level1, number][];
    for (const [to, pts] of entries) {
      if (to === missing || !s.groups.some((g) => g.level1 === to)) {
        p(
          `${path}.${to}`,
          `分值不能转到「${to}」：方案中没有该一级指标`,
          `points cannot move to "${to}": not another group of the scheme`,
        );
      }
      if (!finite(pts) || pts <= 0)
        p(`${path}.${to}`, `转移分值应大于 0，现为 ${pts}`, `moved points must be > 0, got ${pts}`);
    }
    if (entries.every(([, v]) => finite(v))) {
      const moved = sum(entries.map(([, v]) => fromNumber(v)));
      if (cmp(moved, fromNumber(group.points)) !== 0) {
        p(
          path,
          `转移的分值之和应等于「${LEVEL1_NAMES[missing].zh}」的 ${group.points} 分`,
          `the moved points must add up to the ${group.points} points of "${missing}"`,
        );
      }
    }
  }

  if (s.lowerIsBetter !== "linear-2x" && s.lowerIsBetter !== "ratio") {
    p(
      "lowerIsBetter",
      `未知的反向指标规则「${s.lowerIsBetter}」（应为 linear-2x 或 ratio）`,
      `unknown lower-is-better rule "${s.lowerIsBetter}" (linear-2x or ratio)`,
    );
  }
  if (s.equalsZero !== "full-if-at-most-zero" && s.equalsZero !== "full-if-zero") {
    p("equalsZero", `未知的目标值为 0 的规则「${s.equalsZero}」`, `unknown target-zero rule "${s.equalsZero}"`);
  }

  const keys: TierKey[] = ["achieved", "partial", "not-achieved"];
  keys.forEach((k) => {
    if (!s.qualitative.some((t) => t.key === k))
      p("qualitative", `缺少定性档次「${k}」`, `the qualitative tier "${k}" is missing`);
  });
  const tiers = [...s.qualitative].sort((a, b) => a.min - b.min);
  s.qualitative.forEach((t, i) => {
    const path = `qualitative[${i}]`;
    if (!finite(t.min) || !finite(t.max) || t.min < 0 || t.max > 100 || t.min >= t.max) {
      p(
        path,
        `定性档次「${t.key}」的区间 ${t.min}–${t.max} 应在 0–100 之间且下限小于上限`,
        `qualitative tier "${t.key}" range ${t.min}–${t.max} must lie within 0–100 with min < max`,
      );
    } else if (!finite(t.suggest) || t.suggest < t.min || t.suggest > t.max) {
      p(
        `${path}.suggest`,
        `定性档次「${t.key}」的建议得分比例 ${t.suggest}% 不在 ${t.min}–${t.max}% 内`,
        `qualitative tier "${t.key}" suggestion ${t.suggest}% is outside ${t.min}–${t.max}%`,
      );
    }
  });
  if (
    tiers.length > 0 &&
    (tiers[0]!.min !== 0 ||
      tiers[tiers.length - 1]!.max !== 100 ||
      tiers.some((t, i) => i > 0 && t.min !== tiers[i - 1]!.max))
  ) {
    p("qualitative", "定性档次应连续覆盖 0–100%", "the qualitative tiers must cover 0–100% without gaps or overlaps");
  }

  const rounds: RoundingStep[] = ["none", "0.01", "0.1", "1"];
  for (const k of ["indicator", "execution", "total"] as const) {
    if (!rounds.includes(s.rounding[k])) {
      p(
        `rounding.${k}`,
        `未知的取舍精度「${s.rounding[k]}」（none、0.01、0.1、1）`,
        `unknown rounding "${s.rounding[k]}" (none, 0.01, 0.1, 1)`,
      );
    }
  }

  if (s.grades.length === 0) p("grades", "至少要有一个等级", "at least one grade band is required");
  const mins = new Set<number>();
  const names = new Set<string>();
  s.grades.forEach((g, i) => {
    if (!finite(g.min) || g.min < 0 || g.min > 100) {
      p(
        `grades[${i}].min`,
        `等级「${g.grade}」的下限 ${g.min} 应在 0–100 之间`,
        `grade "${g.grade}" threshold ${g.min} must lie within 0–100`,
      );
    }
    if (mins.has(g.min)) p(`grades[${i}].min`, `等级下限 ${g.min} 重复`, `grade threshold ${g.min} appears twice`);
    mins.add(g.min);
    if (!g.grade || g.grade.trim() === "") p(`grades[${i}].grade`, "等级名称为空", "the grade name is empty");
    if (names.has(g.grade)) p(`grades[${i}].grade`, `等级「${g.grade}」重复`, `grade "${g.grade}" appears twice`);
    names.add(g.grade);
  });
  if (s.grades.length > 0 && !s.grades.some((g) => g.min === 0)) {
    p(
      "grades",
      "等级应覆盖 0–100：最低一档的下限应为 0",
      "the grade bands must cover 0–100: the lowest must start at 0",
    );
  }
  return out;
}

/** Throws `DomainError("invalid_scheme")` listing every problem when the scheme is not usable; returns it otherwise. */
export function validateScheme(s: ScoringScheme): ScoringScheme {
  const problems = schemeProblems(s);
  if (problems.length > 0) {
    throw new DomainError(
      "invalid_scheme",
      {
        zh: `评分方案「${s.id}」有误：${problems.map((x) => `${x.path}：${x.zh}`).join("；")}`,
        en: `scoring scheme "${s.id}" is invalid: ${problems.map((x) => `${x.path}: ${x.en}`).join("; ")}`,
      },
      { path: problems[0]!.path },
    );
  }
  return s;
}

/** The grade of a total on 0–100: the band with the highest threshold at or below it. */
export function gradeOf(total: Ratio, grades: GradeBand[]): string | undefined {
  const sorted = [...grades].sort((a, b) => b.min - a.min);
  return sorted.find((g) => cmp(total, fromNumber(g.min)) >= 0)?.grade;
}

/**
 * The points of each level-1 group for an evaluation that has indicators in `present` groups: the scheme's
 * points, with a missing group's points moved as `whenMissing` says. A missing group without a rule keeps its
 * points (and the scorer reports it).
 */
export function effectiveGroupPoints(s: ScoringScheme, present: ReadonlySet<Level1>): Map<Level1, Ratio> {
  const out = new Map<Level1, Ratio>();
  for (const g of s.groups) out.set(g.level1, fromNumber(g.points));
  for (const g of s.groups) {
    if (present.has(g.level1)) continue;
    const shares = s.whenMissing?.[g.level1];
    if (!shares) continue;
    const targets = Object.entries(shares) as [Level1, number][];
    if (!targets.every(([to]) => present.has(to) && out.has(to))) continue;
    for (const [to, pts] of targets) out.set(to, add(out.get(to)!, fromNumber(pts)));
    out.delete(g.level1);
  }
  return out;
}
