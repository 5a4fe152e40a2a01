/**
 * Scoring schemes as data. The national project self-evaluation (财预〔2020〕10号: 执行率 10, 产出 50, 效益 30,
 * 满意度 10) and regional department-overall variants (seed 002: 20 × 执行率 + 40 / 30 / 10) differ only in the
 * numbers and settings held here; `score.ts` applies whichever scheme it is given.
 *
 * Every number in a scheme is a plain JSON number (a weight, a percentage of points, a grade threshold on 0–100);
 * the scorer turns them into exact Ratios through their decimal text.
 */
import { DomainError, type LocalizedText } from "../errors/domain-error.ts";
import { add, cmp, fromInt, fromNumber, type Ratio, round, sum } from "../numbers/decimal.ts";
import { BUILTIN_SCHEMES } from "./schemes/builtin.ts";

/**
 * The level-1 indicator groups (一级指标). 成本 is level 1 only in newer (财预〔2021〕101号 style) frameworks;
 * 决策 and 管理（过程） only in evaluation frameworks such as Ningxia's (决策 / 管理 / 产出 / 效益).
 */
export type Level1 = "output" | "effect" | "satisfaction" | "cost" | "decision" | "process";

export const LEVEL1_NAMES: Record<Level1, LocalizedText> = {
  output: { zh: "产出指标", en: "output" },
  effect: { zh: "效益指标", en: "effect" },
  satisfaction: { zh: "满意度指标", en: "satisfaction" },
  cost: { zh: "成本指标", en: "cost" },
  decision: { zh: "决策指标", en: "decision" },
  process: { zh: "管理（过程）指标", en: "process" },
};

/** The short name of a group as a normalisation line says it: 产出, 效益, 满意度, 成本, 决策, 管理（过程）. */
export function level1Short(g: Level1): LocalizedText {
  return { zh: LEVEL1_NAMES[g].zh.replace(/指标$/, ""), en: LEVEL1_NAMES[g].en };
}

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
  // the older Sichuan goal table's 一级: 项目完成指标 (the outputs) and 项目效益指标
  项目完成指标: "output",
  项目完成: "output",
  项目产出指标: "output",
  项目产出: "output",
  项目效益指标: "effect",
  项目效益: "effect",
  output: "output",
  effect: "effect",
  satisfaction: "satisfaction",
  cost: "cost",
  决策指标: "decision",
  决策: "decision",
  项目决策: "decision",
  // Not bare 管理 / 过程: too common as words in other cells (the documents' layout asks level1Of too).
  管理指标: "process",
  项目管理: "process",
  过程指标: "process",
  项目过程: "process",
  "管理(过程)": "process",
  "管理(过程)指标": "process",
  "过程(管理)": "process",
  "过程(管理)指标": "process",
  decision: "decision",
  process: "process",
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
    // the band of points a group may take, its 分 after the bracket: 产出指标 (40-50)分 (重庆's 审批表)
    .replace(/[(（][\d.\-—–~～至]+[)）]分$/, "")
    .replace(/^[一二三四五六七八九十\d]+[、.．]/, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
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

/**
 * What happens when an evaluation's indicator points do not match the scheme (docs/scoring.md, docs/decisions/0004):
 * - `scale-to-groups` (the default): each group's indicator points are scaled into the scheme's points for that
 *   group (产出 60 → 50: every 产出 indicator's points × 50/60); the level-1 weights are the scheme's.
 * - `scale-to-total`: the level-1 weights as the evaluation sets them are honoured (财预〔2020〕10号: "一级指标权重可做
 *   适当调整"), all indicator points scaled together to the scheme's indicator total (Σ 100 → 90: × 90/100).
 */
export type PointsRule = "scale-to-groups" | "scale-to-total";
export const POINTS_RULES: readonly PointsRule[] = ["scale-to-groups", "scale-to-total"];

/**
 * How a stated indicator score is written: `points` (得分 in points) or `coefficient` (Chongqing's 得分系数 0–1,
 * the score being 得分系数 × 分值).
 */
export type IndicatorScoreForm = "points" | "coefficient";

/** What a document in this scheme looks like, for `recogniseScheme` (every entry optional). */
export interface SchemeRecognition {
  /** Column headers or labels only this scheme's forms have (`得分系数`, `执行率权重`, `权重`). */
  headers?: string[];
  /** The document kinds the scheme scores (`project-self-evaluation`, `department-self-evaluation`…). */
  kinds?: string[];
}

export interface ScoringScheme {
  id: string;
  name: LocalizedText;
  /** The scheme's version (the document or year it follows); stored with every result. */
  version?: string | undefined;
  /** Other ids the same scheme goes by (the demo stores `department-20-80` for `department-2080`). */
  aliases?: string[] | undefined;
  /** 预算执行率: points × rate, never above the points (`capAt100` must be true). */
  execution: { points: number; capAt100: boolean };
  /** Level-1 groups and their points, in display order. */
  groups: GroupPoints[];
  /**
   * Where a group's points go when an evaluation has no indicator in it, e.g. national: no 满意度 indicator →
   * its 10 points to 产出 and 效益. Each entry's shares must add up to the missing group's points.
   */
  whenMissing?: Partial<Record<Level1, Partial<Record<Level1, number>>>>;
  /** Indicators written under one level-1 group counted in another (Ningxia: 满意度 under 效益). */
  folds?: Partial<Record<Level1, Level1>> | undefined;
  /** Points that do not match the scheme: see `PointsRule`. Default `scale-to-groups`. */
  pointsRule?: PointsRule | undefined;
  /** How stated indicator scores are written. Default `points`. */
  indicatorScore?: IndicatorScoreForm | undefined;
  /** The group the 预算执行率 line is shown in, when the scheme counts it inside one (Ningxia: 管理). */
  executionWithin?: Level1 | undefined;
  /** For `recogniseScheme`. */
  recognition?: SchemeRecognition | undefined;
  lowerIsBetter: LowerIsBetterRule;
  equalsZero: EqualsZeroRule;
  /** Three tiers: achieved, partial, not-achieved. */
  qualitative: QualitativeTier[];
  rounding: { indicator: RoundingStep; execution: RoundingStep; total: RoundingStep };
  /** Highest first; each band's `min` distinct; the lowest starts at 0. */
  grades: GradeBand[];
}

export {
  BUILTIN_SCHEMES,
  CHONGQING_PROJECT_SCHEME,
  DEPARTMENT_2080_SCHEME,
  NATIONAL_PROJECT_SCHEME,
  NINGXIA_DEPARTMENT_SCHEME,
  PASS_FAIL_GRADES,
  SICHUAN_PROJECT_SCHEME,
  STANDARD_GRADES,
  STANDARD_TIERS,
} from "./schemes/builtin.ts";

/**
 * The built-in scheme an id names, aliases included (`department-20-80` is `department-2080`); undefined for an
 * unknown id. A finance bureau's own schemes are the server's to look up.
 */
export function schemeById(id: string): ScoringScheme | undefined {
  const direct = BUILTIN_SCHEMES[id];
  if (direct) return direct;
  return Object.values(BUILTIN_SCHEMES).find((s) => s.aliases?.includes(id));
}

/** The canonical id of a built-in scheme id or alias (`department-20-80` → `department-2080`); else the id itself. */
export function canonicalSchemeId(id: string): string {
  return schemeById(id)?.id ?? id;
}

/** A problem found in a scheme, with the path inside the scheme object. */
export interface SchemeProblem {
  path: string;
  zh: string;
  en: string;
}

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** Whether a JS number has at most two decimals (its shortest decimal text). */
function twoDecimals(v: number): boolean {
  const r = fromNumber(v);
  return cmp(round(r, 2), r) === 0;
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
  if (typeof s.id !== "string" || s.id.trim() === "") p("id", "方案编号为空", "the scheme id is empty");
  if (!s.name?.zh?.trim() || !s.name?.en?.trim()) {
    p("name", "方案名称应有中文和英文", "the scheme name needs Chinese and English");
  }
  if (s.version !== undefined && (typeof s.version !== "string" || s.version.trim() === "")) {
    p("version", "方案版本为空", "the scheme version is empty");
  }
  if (s.execution.capAt100 !== true) {
    p(
      "execution.capAt100",
      "预算执行率得分不得超过其分值（执行率按 100% 封顶，capAt100 应为 true），否则总分可能超过 100",
      "the execution score may not exceed its points (the rate is capped at 100%: capAt100 must be true), or the total could exceed 100",
    );
  }
  if (finite(s.execution.points) && !twoDecimals(s.execution.points)) {
    p(
      "execution.points",
      `预算执行率分值至多两位小数，现为 ${s.execution.points}`,
      `the execution points take at most two decimals, got ${s.execution.points}`,
    );
  }
  if (s.pointsRule !== undefined && !POINTS_RULES.includes(s.pointsRule)) {
    p(
      "pointsRule",
      `未知的分值折算规则「${s.pointsRule}」（应为 scale-to-groups 或 scale-to-total）`,
      `unknown points rule "${s.pointsRule}" (scale-to-groups or scale-to-total)`,
    );
  }
  if (s.indicatorScore !== undefined && s.indicatorScore !== "points" && s.indicatorScore !== "coefficient") {
    p(
      "indicatorScore",
      `未知的得分填写方式「${s.indicatorScore}」（应为 points 或 coefficient）`,
      `unknown indicator score form "${s.indicatorScore}" (points or coefficient)`,
    );
  }
  if (s.groups.length === 0) p("groups", "至少要有一个一级指标", "at least one level-1 group is required");
  s.groups.forEach((g, i) => {
    if (!(g.level1 in LEVEL1_NAMES)) {
      p(
        `groups[${i}].level1`,
        `未知的一级指标「${g.level1}」（应为 output、effect、satisfaction、cost、decision、process）`,
        `unknown level-1 group "${g.level1}" (output, effect, satisfaction, cost, decision, process)`,
      );
    } else if (finite(g.points) && !twoDecimals(g.points)) {
      p(
        `groups[${i}].points`,
        `「${LEVEL1_NAMES[g.level1].zh}」分值至多两位小数，现为 ${g.points}`,
        `the points of "${g.level1}" take at most two decimals, got ${g.points}`,
      );
    }
  });
  for (const [from, to] of Object.entries(s.folds ?? {}) as [Level1, Level1][]) {
    if (!(from in LEVEL1_NAMES) || s.groups.some((g) => g.level1 === from)) {
      p(
        `folds.${from}`,
        `「${from}」不能并入其他一级指标：它不是一级指标，或方案自己就有这一组`,
        `"${from}" cannot be folded into another group: it is not a level-1 group or the scheme scores it itself`,
      );
    } else if (!s.groups.some((g) => g.level1 === to)) {
      p(
        `folds.${from}`,
        `「${LEVEL1_NAMES[from].zh}」并入的「${to}」不是方案中的一级指标`,
        `"${from}" is folded into "${to}", which is not a group of the scheme`,
      );
    }
  }
  if (s.executionWithin !== undefined && !s.groups.some((g) => g.level1 === s.executionWithin)) {
    p(
      "executionWithin",
      `预算执行率所在的「${s.executionWithin}」不是方案中的一级指标`,
      `the execution line is shown in "${s.executionWithin}", which is not a group of the scheme`,
    );
  }
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
    const before = s.grades[i - 1];
    if (before && finite(before.min) && finite(g.min) && g.min > before.min) {
      p(
        `grades[${i}].min`,
        `等级应按下限从高到低排列：「${g.grade}」的下限 ${g.min} 高于前一档「${before.grade}」的 ${before.min}`,
        `grade bands go from the highest threshold down: "${g.grade}" (${g.min}) is above the previous "${before.grade}" (${before.min})`,
      );
    }
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

/**
 * The scheme group an indicator written under `g` counts in: `g` itself when the scheme scores it, the group the
 * scheme folds it into (Ningxia: 满意度 → 效益), else undefined.
 */
export function countedGroup(s: ScoringScheme, g: Level1 | undefined): Level1 | undefined {
  if (g === undefined) return undefined;
  if (hasGroup(s, g)) return g;
  const to = s.folds?.[g];
  return to !== undefined && hasGroup(s, to) ? to : undefined;
}

function hasGroup(s: ScoringScheme, g: Level1): boolean {
  for (const x of s.groups) if (x.level1 === g) return true;
  return false;
}

/** Σ of the scheme's group points: the indicator part of the 100 (national: 90). */
export function indicatorTotalOf(s: ScoringScheme): Ratio {
  return sum(s.groups.map((g) => fromNumber(g.points)));
}
