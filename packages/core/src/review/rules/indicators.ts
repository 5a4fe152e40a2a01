/**
 * Indicators: duplicates, one name with different criteria, percentages above 100% (and `≥100%` on a rate), cost
 * indicators with `≥` or above the budget, funds named in the goal above the budget, deadlines after the year,
 * qualitative targets where the name asks for a number, weights that do not sum or are not positive.
 */
import type { Indicator } from "../../model/document.ts";
import { type Fen, parseAmount, sumFen } from "../../money/money.ts";
import { add, cmp, parseDecimal, type Ratio, sum, toDecimalString, ZERO } from "../../numbers/decimal.ts";
import { LEVEL1_NAMES, level1Of } from "../../scoring/scheme.ts";
import type { TargetValue } from "../../targets/types.ts";
import { isCostIndicator } from "../../vocabulary/indicator-framework.ts";
import { indicatorLocation, indicatorScopes, reviewYear, type Scope, showAmount, targetOf } from "../context.ts";
import type { Rule, RuleFinding } from "../types.ts";

const norm = (s: string): string =>
  s
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/[。.，,、；;]+$/, "")
    .replace(/^\d+[、.．]/, "");

const NAME_KEYS = new WeakMap<Indicator, string>();

/** The indicator's name normalised for comparison (memoised: several rules compare names). */
function nameKey(ind: Indicator): string {
  let k = NAME_KEYS.get(ind);
  if (k === undefined) {
    k = norm(ind.name);
    NAME_KEYS.set(ind, k);
  }
  return k;
}

function criteria(ind: Indicator): string {
  const t = ind.tiers;
  if (t) return [t.excellent.text, t.good.text, t.fair.text, t.poor.text].map(norm).join("|");
  return norm(ind.target?.text ?? "");
}

/** Indicators of the same name in one group: [first index, later index] pairs with their scopes. */
const SAME_NAMES = new WeakMap<Scope[], { a: [Scope, number]; b: [Scope, number] }[]>();

function sameNames(scopes: Scope[]): { a: [Scope, number]; b: [Scope, number] }[] {
  const cached = SAME_NAMES.get(scopes);
  if (cached) return cached;
  const out: { a: [Scope, number]; b: [Scope, number] }[] = [];
  const groups = new Map<string, Map<string, [Scope, number]>>();
  for (const s of scopes) {
    const seen = groups.get(s.duplicateGroup) ?? new Map<string, [Scope, number]>();
    groups.set(s.duplicateGroup, seen);
    s.indicators.forEach((ind, i) => {
      const key = nameKey(ind);
      if (key === "" || /^[*＊]+$/.test(key)) return;
      const first = seen.get(key);
      if (first) out.push({ a: first, b: [s, i] });
      else seen.set(key, [s, i]);
    });
  }
  SAME_NAMES.set(scopes, out);
  return out;
}

/**
 * Indicators listed again with a cut-off name (seed 003's rows 98–99 repeat 95–96 as 「全市机动车驾驶人对车驾」): the
 * shorter name (six characters or more) begins the longer one and the target and actual are the same.
 */
function truncatedRepeats(scopes: Scope[]): { a: [Scope, number]; b: [Scope, number] }[] {
  const out: { a: [Scope, number]; b: [Scope, number] }[] = [];
  const groups = new Map<string, [Scope, number][]>();
  for (const s of scopes) {
    const g = groups.get(s.duplicateGroup) ?? [];
    groups.set(s.duplicateGroup, g);
    for (let i = 0; i < s.indicators.length; i++) g.push([s, i]);
  }
  for (const members of groups.values()) {
    for (let j = 1; j < members.length; j++) {
      const [sb, ib] = members[j]!;
      const b = sb.indicators[ib]!;
      const nb = nameKey(b);
      if (nb.length < 6) continue;
      for (let k = 0; k < j; k++) {
        const [sa, ia] = members[k]!;
        const a = sa.indicators[ia]!;
        const na = nameKey(a);
        if (na === nb || na.length < 6 || !(na.startsWith(nb) || nb.startsWith(na))) continue;
        if (criteria(a) !== criteria(b) || norm(a.actual?.text ?? "") !== norm(b.actual?.text ?? "")) continue;
        out.push({ a: [sa, ia], b: [sb, ib] });
        break;
      }
    }
  }
  return out;
}

export const duplicate: Rule = {
  id: "indicator.duplicate",
  category: "数据质量",
  severity: "warning",
  title: { zh: "同一指标重复填列", en: "The same indicator listed twice" },
  check(doc) {
    const scopes = indicatorScopes(doc);
    return [
      ...sameNames(scopes).filter(({ a, b }) => criteria(a[0].indicators[a[1]]!) === criteria(b[0].indicators[b[1]]!)),
      ...truncatedRepeats(scopes),
    ].map(({ a, b }) => {
      const ind = b[0].indicators[b[1]]!;
      const first = a[0].indicators[a[1]]!;
      const cut = nameKey(ind) !== nameKey(first);
      const row = first.location.row ?? "?";
      return {
        message: `指标「${ind.name}」重复填列（与第 ${row} 行${cut ? `「${first.name}」相同，名称被截断` : "相同"}）`,
        messageEn: `indicator "${ind.name}" is listed twice (same as row ${row}${cut ? ` "${first.name}", its name cut off` : ""})`,
        location: indicatorLocation(b[0], b[1], "name"),
      };
    });
  },
};

export const unknownOperatorCode: Rule = {
  id: "indicator.unknown-operator-code",
  category: "数据质量",
  severity: "warning",
  title: { zh: "指标性质（计算符号）代码含义不明", en: "An operator code (指标性质) with no known meaning" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      s.indicators.forEach((ind, i) => {
        if (ind.operatorCode === undefined || ind.operatorCode.trim() === "" || ind.operator !== undefined) return;
        out.push({
          message: `指标「${ind.name}」的指标性质「${ind.operatorCode}」含义不明，无法确定指标值「${ind.target?.text ?? ""}」的比较方式`,
          messageEn: `indicator "${ind.name}": operator code "${ind.operatorCode}" has no known meaning, so "${ind.target?.text ?? ""}" cannot be compared`,
          location: indicatorLocation(s, i, "operatorCode"),
        });
      });
    }
    return out;
  },
};

export const nameConflict: Rule = {
  id: "indicator.name-conflict",
  category: "数据质量",
  severity: "warning",
  title: {
    zh: "同名指标的标准不同（疑为复制后未改名）",
    en: "One name with different criteria (copied, not renamed?)",
  },
  check(doc) {
    return sameNames(indicatorScopes(doc))
      .filter(({ a, b }) => criteria(a[0].indicators[a[1]]!) !== criteria(b[0].indicators[b[1]]!))
      .map(({ a, b }) => {
        const ind = b[0].indicators[b[1]]!;
        const first = a[0].indicators[a[1]]!;
        return {
          message: `指标「${ind.name}」与第 ${first.location.row ?? "?"} 行同名，但标准不同（${criteria(first)} ≠ ${criteria(ind)}）：疑为复制后未改名`,
          messageEn: `indicator "${ind.name}" has the name of row ${first.location.row ?? "?"} with different criteria (${criteria(first)} ≠ ${criteria(ind)}): copied and not renamed?`,
          location: indicatorLocation(b[0], b[1], "name"),
        };
      });
  },
};

function isPercent(t: TargetValue): boolean {
  return t.unit === "%";
}

export const percentOverCap: Rule = {
  id: "indicator.percent-over-cap",
  category: "数据质量",
  severity: "warning",
  title: { zh: "百分比指标值超过 100%", en: "A percentage target above 100%" },
  config: ["percentCap"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      s.indicators.forEach((ind, i) => {
        const t = targetOf(ind);
        if (!t || !isPercent(t)) return;
        const v = t.kind === "range" ? t.max : t.value;
        if (v === undefined) return;
        const over = v > config.percentCap || (t.op === ">" && v >= config.percentCap);
        if (!over) return;
        out.push({
          message: `指标「${ind.name}」指标值「${ind.target!.text}」超过 ${config.percentCap}%，无法达到或口径有误`,
          messageEn: `indicator "${ind.name}": target "${ind.target!.text}" is above ${config.percentCap}%: unattainable or mis-stated`,
          location: indicatorLocation(s, i, "target"),
          details: { stated: String(v), unit: "%" },
        });
      });
    }
    return out;
  },
};

export const rateAtLeast100: Rule = {
  id: "indicator.rate-at-least-100",
  category: "数据质量",
  severity: "info",
  title: { zh: "比率指标写作“≥100%”（等同于 100%）", en: "A rate written as ≥100% (the same as 100%)" },
  config: ["percentCap"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      s.indicators.forEach((ind, i) => {
        const t = targetOf(ind);
        if (t?.kind !== "numeric" || !isPercent(t) || t.op !== ">=" || t.value !== config.percentCap) return;
        out.push({
          message: `指标「${ind.name}」指标值「${ind.target!.text}」：比率不会超过 100%，“≥100%”即要求 100%，建议写作“=100%”`,
          messageEn: `indicator "${ind.name}": target "${ind.target!.text}": a rate cannot exceed 100%, so ≥100% means exactly 100%; write =100%`,
          location: indicatorLocation(s, i, "target"),
        });
      });
    }
    return out;
  },
};

/** A 成本 indicator by the framework's vocabulary (the cost level 1, or a cost level 2). */
function isCost(ind: Indicator): boolean {
  return isCostIndicator(ind.level1, ind.level2);
}

export const costAtLeast: Rule = {
  id: "indicator.cost-at-least",
  category: "适当性",
  severity: "warning",
  title: { zh: "成本指标使用“≥/＞”", en: "A cost indicator with ≥ or >" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      s.indicators.forEach((ind, i) => {
        const t = targetOf(ind);
        const op = t?.op ?? (ind.operator as TargetValue["op"] | undefined);
        if (!isCost(ind) || (op !== ">=" && op !== ">")) return;
        out.push({
          message: `成本指标「${ind.name}」指标值「${ind.target?.text ?? ""}」用了“${op === ">=" ? "≥" : "＞"}”：成本应设上限（≤）`,
          messageEn: `cost indicator "${ind.name}" target "${ind.target?.text ?? ""}" uses ${op}: a cost should have a ceiling (≤)`,
          location: indicatorLocation(s, i, "target"),
        });
      });
    }
    return out;
  },
};

/** A cost indicator's target as an amount of money (元), when it is one (`≤40万元`, `≤30万`, `≤8200元`). */
function costAmount(ind: Indicator): Fen | undefined {
  const t = targetOf(ind);
  if (t?.kind !== "numeric" || t.value === undefined) return undefined;
  if (t.op === ">=" || t.op === ">") return undefined;
  const moneyUnit = t.unit === "元" || (t.unit === undefined && /万|元/.test(ind.target?.text ?? ""));
  if (!moneyUnit) return undefined;
  try {
    return parseAmount(String(t.value), { unit: "元" });
  } catch {
    return undefined;
  }
}

export const costAboveBudget: Rule = {
  id: "indicator.cost-above-budget",
  category: "适当性",
  severity: "error",
  title: { zh: "成本指标之和超过预算", en: "Cost indicators add up to more than the budget" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      if (!s.budget) continue;
      const costs = s.indicators.map((ind, i) => [i, isCost(ind) ? costAmount(ind) : undefined] as const);
      const amounts = costs.filter((c): c is readonly [number, Fen] => c[1] !== undefined);
      if (amounts.length === 0) continue;
      const total = sumFen(amounts.map((c) => c[1]));
      if (total <= s.budget.fen) continue;
      out.push({
        message: `「${s.name}」成本指标合计 ${showAmount(total, s.budget.unit)}，超过预算 ${showAmount(s.budget.fen, s.budget.unit)}`,
        messageEn: `"${s.name}": cost indicators add up to ${showAmount(total, s.budget.unit)}, above the budget ${showAmount(s.budget.fen, s.budget.unit)}`,
        location: indicatorLocation(s, amounts[0]![0], "target"),
        details: {
          stated: showAmount(total, s.budget.unit),
          computed: showAmount(s.budget.fen, s.budget.unit),
          unit: s.budget.unit,
        },
      });
    }
    return out;
  },
};

const FUNDS_RE = /(资金|经费|预算|投入|安排|支出|拨款)[^，。；,;]{0,8}?(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|元|亿元)/g;

export const goalFundsAboveBudget: Rule = {
  id: "indicator.goal-funds-above-budget",
  category: "适当性",
  severity: "warning",
  title: { zh: "绩效目标所述资金超过项目预算", en: "Funds named in the goal exceed the budget" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      if (!s.budget) continue;
      for (const n of s.narratives) {
        for (const m of n.text.matchAll(FUNDS_RE)) {
          let f: Fen | undefined;
          try {
            f = parseAmount(`${m[2]}${m[3]}`, { unit: "元" });
          } catch {
            f = undefined;
          }
          if (f === undefined || f <= s.budget.fen) continue;
          out.push({
            message: `「${s.name}」目标中写明资金「${m[0]}」，超过预算 ${showAmount(s.budget.fen, s.budget.unit)}`,
            messageEn: `"${s.name}": the goal names funds "${m[0]}", above the budget ${showAmount(s.budget.fen, s.budget.unit)}`,
            location: n.location,
          });
        }
      }
    }
    return out;
  },
};

export const deadlineAfterYear: Rule = {
  id: "indicator.deadline-after-year",
  category: "可行性",
  severity: "warning",
  title: { zh: "时效指标的期限晚于年度（或项目）结束", en: "A deadline after the end of the year (or project)" },
  config: ["year"],
  check(doc, config) {
    const year = reviewYear(doc, config);
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      const p = s.kind === "project" ? doc.projects.find((x) => x.name === s.name) : undefined;
      const endField = p?.fields
        ? Object.entries(p.fields).find(([k]) => /计划完成|完成日期|结束日期/.test(k))?.[1]
        : undefined;
      const endMatch = endField ? /(20\d{2})\D+(\d{1,2})\D+(\d{1,2})/.exec(endField) : null;
      const end = endMatch
        ? `${endMatch[1]}-${endMatch[2]!.padStart(2, "0")}-${endMatch[3]!.padStart(2, "0")}`
        : year !== undefined
          ? `${year}-12-31`
          : undefined;
      if (!end) continue;
      s.indicators.forEach((ind, i) => {
        const t = targetOf(ind);
        if (t?.kind !== "deadline" || !t.date || t.date <= end) return;
        out.push({
          message: `指标「${ind.name}」期限 ${t.date} 晚于${endMatch ? "项目计划完成日期" : "年度结束"} ${end}`,
          messageEn: `indicator "${ind.name}": deadline ${t.date} is after the ${endMatch ? "project's planned end" : "end of the year"} ${end}`,
          location: indicatorLocation(s, i, "target"),
          details: { stated: t.date, computed: end },
        });
      });
    }
    return out;
  },
};

export const qualitativeNeedsNumber: Rule = {
  id: "indicator.qualitative-needs-number",
  category: "相关性",
  severity: "warning",
  title: {
    zh: "指标名称要求数值（…率、…数量、…次数、…人数），指标值却是定性描述",
    en: "A qualitative target where the name asks for a number",
  },
  config: ["numericNamePattern"],
  check(doc, config) {
    const re = new RegExp(config.numericNamePattern);
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      s.indicators.forEach((ind, i) => {
        if (!re.test(nameKey(ind))) return;
        const t = targetOf(ind);
        if (t?.kind !== "qualitative" || t.parts) return;
        out.push({
          message: `指标「${ind.name}」要求数值，指标值「${ind.target!.text}」却是定性描述，无法衡量`,
          messageEn: `indicator "${ind.name}" asks for a number, but its target "${ind.target!.text}" is qualitative`,
          location: indicatorLocation(s, i, "target"),
        });
      });
    }
    return out;
  },
};

function weightOf(ind: Indicator): Ratio | undefined {
  return ind.weight?.value !== undefined ? parseDecimal(ind.weight.value) : undefined;
}

export const weightNotPositive: Rule = {
  id: "indicator.weight-not-positive",
  category: "评分",
  severity: "error",
  title: { zh: "指标分值（权重）应大于 0", en: "A weight of zero or less" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      s.indicators.forEach((ind, i) => {
        const w = weightOf(ind);
        if (!w || cmp(w, ZERO) > 0) return;
        out.push({
          message: `指标「${ind.name}」分值为 ${ind.weight!.text}，应大于 0`,
          messageEn: `indicator "${ind.name}" weighs ${ind.weight!.text}; weights must be above 0`,
          location: indicatorLocation(s, i, "weight"),
          details: { stated: toDecimalString(w) },
        });
      });
    }
    return out;
  },
};

export const weightsSum: Rule = {
  id: "indicator.weights-sum",
  category: "评分",
  severity: "error",
  title: { zh: "指标分值之和与应有总分不符", en: "Weights that do not add up" },
  config: ["weightTotals"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      if (s.indicators.length === 0) continue;
      const weights = s.indicators.map(weightOf);
      if (weights.some((w) => w === undefined)) continue;
      const total = sum(weights as Ratio[]);
      // Per 一级指标 against the points the document states for it (seed 002's sections).
      const sections = s.kind === "department-self-evaluation" ? (doc.departmentSelfEvaluation?.sections ?? []) : [];
      for (const sec of sections) {
        const g = level1Of(sec.level1);
        const pts = sec.points?.value !== undefined ? parseDecimal(sec.points.value) : undefined;
        if (!g || !pts) continue;
        const inGroup = s.indicators
          .map((ind, i) => [ind, weights[i]!] as const)
          .filter(([ind]) => ind.level1 && level1Of(ind.level1) === g);
        const got = inGroup.reduce((acc, [, w]) => add(acc, w), ZERO);
        if (inGroup.length > 0 && cmp(got, pts) !== 0) {
          out.push({
            message: `「${s.name}」${LEVEL1_NAMES[g].zh}各指标分值合计 ${toDecimalString(got)}，应为 ${toDecimalString(pts)}`,
            messageEn: `"${s.name}": ${LEVEL1_NAMES[g].en} weights add up to ${toDecimalString(got)}, expected ${toDecimalString(pts)}`,
            location: s.location,
            details: { stated: toDecimalString(got), computed: toDecimalString(pts) },
          });
        }
      }
      if (sections.length > 0) continue;
      const expectedText =
        s.kind === "project"
          ? config.weightTotals.project
          : s.kind === "project-self-evaluation"
            ? config.weightTotals.projectSelfEvaluation
            : undefined;
      const expected = expectedText ? parseDecimal(expectedText) : undefined;
      if (!expected || cmp(total, expected) === 0) continue;
      out.push({
        message: `「${s.name}」各指标分值合计 ${toDecimalString(total)}，应为 ${toDecimalString(expected)}`,
        messageEn: `"${s.name}": weights add up to ${toDecimalString(total)}, expected ${toDecimalString(expected)}`,
        location: s.location,
        details: { stated: toDecimalString(total), computed: toDecimalString(expected) },
      });
    }
    return out;
  },
};

export const unitMissing: Rule = {
  id: "indicator.unit-missing",
  category: "数据质量",
  severity: "warning",
  title: { zh: "定量指标值没有计量单位", en: "A quantitative target without a unit" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      s.indicators.forEach((ind, i) => {
        const t = targetOf(ind);
        if (!t || (t.kind !== "numeric" && t.kind !== "range") || t.unit || ind.unit) return;
        out.push({
          message: `指标「${ind.name}」指标值「${ind.target!.text}」没有计量单位${/万$/.test(ind.target!.text.trim()) ? "（“万”之后缺少单位，如“万元”）" : ""}`,
          messageEn: `indicator "${ind.name}": target "${ind.target!.text}" has no unit`,
          location: indicatorLocation(s, i, "target"),
        });
      });
    }
    return out;
  },
};

export const nameTooLong: Rule = {
  id: "indicator.name-too-long",
  category: "数据质量",
  severity: "warning",
  title: { zh: "三级指标名称过长（应简明）", en: "An indicator name that is too long" },
  config: ["maxNameLength"],
  check(doc, config) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      s.indicators.forEach((ind, i) => {
        const n = [...nameKey(ind)].length;
        if (n <= config.maxNameLength) return;
        out.push({
          message: `指标名称有 ${n} 个字，超过 ${config.maxNameLength} 字：名称应简明，说明放入指标解释`,
          messageEn: `the indicator name has ${n} characters, above ${config.maxNameLength}: keep names short and put explanations in the description`,
          location: indicatorLocation(s, i, "name"),
          details: { stated: String(n), computed: String(config.maxNameLength) },
        });
      });
    }
    return out;
  },
};

export const INDICATOR_RULES: Rule[] = [
  duplicate,
  unknownOperatorCode,
  unitMissing,
  nameTooLong,
  nameConflict,
  percentOverCap,
  rateAtLeast100,
  costAtLeast,
  costAboveBudget,
  goalFundsAboveBudget,
  deadlineAfterYear,
  qualitativeNeedsNumber,
  weightNotPositive,
  weightsSum,
];
