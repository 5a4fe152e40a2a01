/**
 * Reading a row of four-tier standards into thresholds, and placing an actual value in a tier.
 *
 * Readings chosen:
 * - Direction (higher or lower is better) comes from the operator words of the cells (`以上` in 优/良/中 or
 *   `以下`/`低于`/`不足` in the last tier → higher is better), else from the order of the values.
 * - A bare number is a threshold in that direction (the ladder `80%`/`70%`/`60%`: 70% reaches 良); in the last
 *   non-empty tier it means "this or worse" (`70%` under 差 → ≤70%).
 * - Tiers form a ladder: an actual reaches the first tier, from 优 down, whose interval holds it; a 良 of
 *   `90%以上` thus means [90%, 95%) under a 优 of `95%以上`.
 * - Bare fractions in a row that also has percentages (`0.2`/`0.15`/`0.1`/`不足10%`), or in a row whose
 *   indicator name ends in 率/比例/覆盖率 etc. when all cells are bare fractions, are read as percentages
 *   (0.2 → 20%) and reported as `fraction_as_percent` (a warning: the reading is a guess the reviewer confirms).
 */
import { fromInt, fromNumber, mul } from "../numbers/decimal.ts";
import { compareActual, convertUnit } from "../targets/compare.ts";
import { PER_YEAR, PLACEHOLDER_RE } from "../targets/lexicon.ts";
import { num } from "../targets/numerals.ts";
import { parseTarget } from "../targets/parse.ts";
import type { Op, TargetValue } from "../targets/types.ts";
import {
  type Bound,
  TIER_NAMES,
  type TierCells,
  type TierName,
  type TierProblem,
  type TierResult,
  type TierStatus,
  type Tiers,
  type TierThreshold,
} from "./types.ts";

export interface ParseTiersOptions {
  /** The indicator's name (`信访案件办结率`): a name ending in 率 lets bare fractions read as percentages. */
  name?: string;
  /** The unit when a column states it; bare cells take it. */
  unit?: string;
}

const RATE_NAME = /(?:率|比例|比率|占比|覆盖率|满意度)[。.]?$/;

/** The numeric shape of a cell before the direction is known. */
type Shape = { kind: "point"; op: Op; v: number } | { kind: "range"; lo: number; hi: number };

function statusOf(text: string, t: TargetValue): TierStatus {
  const s = text.trim();
  if (s === "") return "empty";
  if (PLACEHOLDER_RE.test(s)) return "placeholder";
  if (t.parts && t.parts.length > 1) return "compound";
  if (t.kind === "numeric" || t.kind === "range" || t.kind === "frequency") return "numeric";
  if (t.kind === "deadline" || (t.kind === "qualitative" && t.quality)) return "words";
  return "unreadable";
}

function shapeOf(t: TargetValue): { shape: Shape; unit?: string } | undefined {
  if (t.kind === "numeric" && t.value !== undefined)
    return { shape: { kind: "point", op: t.op ?? "=", v: t.value }, unit: t.unit };
  if (t.kind === "range" && t.min !== undefined && t.max !== undefined) {
    return { shape: { kind: "range", lo: t.min, hi: t.max }, unit: t.unit };
  }
  if (t.kind === "frequency" && t.value !== undefined && t.period) {
    const v = num(mul(fromNumber(t.value), fromInt(PER_YEAR[t.period])));
    return { shape: { kind: "point", op: t.op ?? "=", v }, unit: "次/年" };
  }
  return undefined;
}

function scaleShape(s: Shape, f: (v: number) => number): Shape {
  return s.kind === "point" ? { ...s, v: f(s.v) } : { kind: "range", lo: f(s.lo), hi: f(s.hi) };
}

const times100 = (v: number): number => num(mul(fromNumber(v), fromInt(100)));

export function parseTiers(cells: TierCells, options: ParseTiersOptions = {}): Tiers {
  const clean: TierCells = {
    优: String(cells?.优 ?? ""),
    良: String(cells?.良 ?? ""),
    中: String(cells?.中 ?? ""),
    差: String(cells?.差 ?? ""),
  };
  const hints = options.unit ? { unit: options.unit } : {};
  const thresholds: TierThreshold[] = TIER_NAMES.map((tier) => {
    const text = clean[tier];
    const target = parseTarget(text, hints);
    return { tier, text, target, status: statusOf(text, target) };
  });
  const readingProblems: TierProblem[] = [];

  // compound rows: one set of tiers per measure
  const compound = thresholds.filter((t) => t.status === "compound");
  if (compound.length > 0) {
    const count = Math.max(...compound.map((t) => t.target.parts?.length ?? 0));
    const measures: { label?: string; tiers: Tiers }[] = [];
    for (let k = 0; k < count; k++) {
      const sub = {} as TierCells;
      let label: string | undefined;
      for (const t of thresholds) {
        const part = t.status === "compound" ? t.target.parts?.[k] : undefined;
        sub[t.tier] = t.status === "compound" ? (part?.text ?? "") : t.text;
        label = label ?? part?.label;
      }
      measures.push({
        ...(label ? { label } : {}),
        tiers: parseTiers(sub, { ...options, name: label ?? options.name }),
      });
    }
    return { cells: clean, thresholds, readingProblems, measures };
  }

  // numeric shapes and unit reconciliation
  const shapes = new Map<TierName, Shape>();
  const units = new Map<TierName, string | undefined>();
  for (const t of thresholds) {
    if (t.status !== "numeric") continue;
    const s = shapeOf(t.target);
    if (!s) {
      t.status = "unreadable";
      continue;
    }
    shapes.set(t.tier, s.shape);
    units.set(t.tier, s.unit);
  }
  const numericTiers = thresholds.filter((t) => shapes.has(t.tier));
  const withUnit = numericTiers.filter((t) => units.get(t.tier));
  const bare = numericTiers.filter((t) => !units.get(t.tier));
  const distinct = [...new Set(withUnit.map((t) => units.get(t.tier) as string))];
  const isFraction = (s: Shape): boolean => (s.kind === "point" ? s.v >= 0 && s.v <= 1 : s.lo >= 0 && s.hi <= 1);
  let fractionsAsPercent = false;
  if (bare.length > 0) {
    const bareFractions = bare.every((t) => isFraction(shapes.get(t.tier) as Shape));
    const percentRow = distinct.length === 1 && distinct[0] === "%";
    const rateName = distinct.length === 0 && !!options.name && RATE_NAME.test(options.name.trim());
    if (bareFractions && (percentRow || rateName)) {
      fractionsAsPercent = true;
      for (const t of bare) {
        shapes.set(t.tier, scaleShape(shapes.get(t.tier) as Shape, times100));
        units.set(t.tier, "%");
        t.note = "小数按百分比读（×100%）";
      }
      const names = bare.map((t) => t.tier);
      readingProblems.push({
        code: "fraction_as_percent",
        severity: "warning",
        tiers: names,
        zh: `${names.join("、")} 写成小数（${bare.map((t) => t.text.trim()).join("、")}），${percentRow ? "其他等级为百分比" : "指标为比率"}，按百分比理解（如 0.8 → 80%），请核对`,
        en: `${names.join(", ")} written as fractions (${bare.map((t) => t.text.trim()).join(", ")}) ${percentRow ? "where the other tiers are percentages" : "for a rate indicator"}; read as percentages (0.8 → 80%), please confirm`,
      });
    } else if (distinct.length === 1) {
      const u = distinct[0] as string;
      for (const t of bare) units.set(t.tier, u);
      const names = bare.map((t) => t.tier);
      readingProblems.push({
        code: "mixed_units",
        severity: "warning",
        tiers: names,
        zh: `${names.join("、")} 未写单位，按同行其他等级的“${u}”理解`,
        en: `${names.join(", ")} have no unit; read in the row's unit "${u}"`,
      });
    }
  }
  // convertible units (‰ and %…) are brought to the first tier's unit; others are reported
  let unit = numericTiers.map((t) => units.get(t.tier)).find((u) => u !== undefined);
  let unitsAgree = true;
  for (const t of numericTiers) {
    const u = units.get(t.tier);
    if (u === unit || u === undefined || unit === undefined) continue;
    const factor = convertUnit(fromInt(1), u, unit);
    if (factor) {
      const f = (v: number): number => num(mul(fromNumber(v), factor));
      shapes.set(t.tier, scaleShape(shapes.get(t.tier) as Shape, f));
      t.note = `由“${u}”换算为“${unit}”`;
      units.set(t.tier, unit);
    } else unitsAgree = false;
  }
  if (!unitsAgree) {
    const names = numericTiers.map((t) => t.tier);
    readingProblems.push({
      code: "mixed_units",
      severity: "error",
      tiers: names,
      zh: `各等级单位不一致（${numericTiers.map((t) => `${t.tier}：${units.get(t.tier) ?? "无单位"}`).join("，")}），无法比较`,
      en: `the tiers' units differ (${numericTiers.map((t) => `${t.tier}: ${units.get(t.tier) ?? "none"}`).join(", ")}) and cannot be compared`,
    });
    unit = undefined;
  }
  const words = thresholds.filter((t) => t.status === "words");
  if (words.length > 0 && numericTiers.length > 0) {
    readingProblems.push({
      code: "mixed_units",
      severity: "warning",
      tiers: words.map((t) => t.tier),
      zh: `${words.map((t) => `${t.tier}“${t.text.trim()}”`).join("、")} 为文字，其他等级为数值，衡量的不是同一个量`,
      en: `${words.map((t) => `${t.tier} "${t.text.trim()}"`).join(", ")} ${words.length > 1 ? "are" : "is"} words while the other tiers are numbers: not the same measure`,
    });
  }

  // direction: operator words first (the last numeric tier's words count reversed), then the order of values
  let votes = 0;
  numericTiers.forEach((t, i) => {
    const s = shapes.get(t.tier) as Shape;
    if (s.kind !== "point" || s.op === "=") return;
    const up = s.op === ">" || s.op === ">=" ? 1 : -1;
    votes += numericTiers.length > 1 && i === numericTiers.length - 1 ? -up : up;
  });
  let direction: "higher" | "lower" | undefined;
  if (votes !== 0) direction = votes > 0 ? "higher" : "lower";
  else if (numericTiers.length > 1) {
    const rep = (s: Shape): number => (s.kind === "point" ? s.v : (s.lo + s.hi) / 2);
    const first = rep(shapes.get((numericTiers[0] as TierThreshold).tier) as Shape);
    const last = rep(shapes.get((numericTiers.at(-1) as TierThreshold).tier) as Shape);
    if (first !== last) direction = first > last ? "higher" : "lower";
  }

  // intervals
  numericTiers.forEach((t, i) => {
    const s = shapes.get(t.tier) as Shape;
    const u = units.get(t.tier);
    if (u) t.unit = u;
    if (s.kind === "range") {
      t.lower = { value: s.lo, inclusive: true };
      t.upper = { value: s.hi, inclusive: true };
      return;
    }
    const b = (inclusive: boolean): Bound => ({ value: s.v, inclusive });
    switch (s.op) {
      case ">=":
        t.lower = b(true);
        return;
      case ">":
        t.lower = b(false);
        return;
      case "<=":
        t.upper = b(true);
        return;
      case "<":
        t.upper = b(false);
        return;
      default: {
        const last = numericTiers.length > 1 && i === numericTiers.length - 1;
        if (!direction) {
          t.lower = b(true);
          t.upper = b(true);
        } else if ((direction === "higher") !== last) t.lower = b(true);
        else t.upper = b(true);
      }
    }
  });

  const out: Tiers = { cells: clean, thresholds, readingProblems };
  if (direction) out.direction = direction;
  if (unit && unitsAgree) out.unit = unit;
  if (fractionsAsPercent) out.fractionsAsPercent = true;
  return out;
}

export function contains(t: TierThreshold, v: number): boolean {
  if (t.lower && (v < t.lower.value || (v === t.lower.value && !t.lower.inclusive))) return false;
  if (t.upper && (v > t.upper.value || (v === t.upper.value && !t.upper.inclusive))) return false;
  return t.lower !== undefined || t.upper !== undefined;
}

const RANK: Readonly<Record<TierName, number>> = { 优: 0, 良: 1, 中: 2, 差: 3 };

/** The tier an actual value reaches: the first tier from 优 down whose interval (or words) it satisfies. */
export function tierOf(tiers: Tiers, actualIn: TargetValue | string | number): TierResult {
  try {
    return tierOfInner(tiers, actualIn);
  } catch (e) {
    return { tier: undefined, note: `无法判断等级：${(e as Error)?.message ?? e}` };
  }
}

function tierOfInner(tiers: Tiers, actualIn: TargetValue | string | number): TierResult {
  if (tiers.measures && tiers.measures.length > 0) {
    const actual = typeof actualIn === "object" ? actualIn : parseTarget(String(actualIn));
    const parts = actual.parts ?? [];
    if (parts.length !== tiers.measures.length) {
      return { tier: undefined, note: `该行有 ${tiers.measures.length} 项指标，实际值需逐项写出` };
    }
    const results = tiers.measures.map((m, i) => {
      const byLabel = m.label ? parts.find((p) => p.label === m.label) : undefined;
      return tierOfInner(m.tiers, byLabel ?? (parts[i] as TargetValue));
    });
    if (results.some((r) => r.tier === undefined)) {
      return { tier: undefined, note: results.map((r) => r.note).join("；") };
    }
    const worst = results.reduce((a, b) => (RANK[b.tier as TierName] > RANK[a.tier as TierName] ? b : a));
    return {
      tier: worst.tier,
      note: `按各项中最低的等级：${results.map((r, i) => `${tiers.measures?.[i]?.label ?? i + 1} ${r.tier}`).join("，")}`,
    };
  }
  const actual =
    typeof actualIn === "number"
      ? ({
          kind: "numeric",
          text: String(actualIn),
          op: "=",
          value: actualIn,
          ...(tiers.unit ? { unit: tiers.unit } : {}),
        } as TargetValue)
      : typeof actualIn === "string"
        ? parseTarget(
            actualIn,
            tiers.fractionsAsPercent ? { percentColumn: true } : tiers.unit ? { unit: tiers.unit } : {},
          )
        : actualIn;
  let value: number | undefined;
  let note = "";
  const shape = shapeOf(actual);
  if (shape && shape.shape.kind === "point") {
    // a count of times against tiers in times per year (`6次` against 每月一次 / 每季度一次…)
    const from = shape.unit === "次" && tiers.unit === "次/年" ? "次/年" : (shape.unit ?? tiers.unit);
    const conv = convertUnit(fromNumber(shape.shape.v), from, tiers.unit ?? from);
    if (conv) value = num(conv);
    else note = `实际单位“${from ?? "无"}”与等级单位“${tiers.unit ?? "无"}”不同`;
  }
  for (const t of tiers.thresholds) {
    if (t.status === "numeric" && value !== undefined && contains(t, value)) {
      return { tier: t.tier, note: `实际 ${value}${tiers.unit ?? ""} 在“${t.text.trim()}”之内` };
    }
    if (t.status === "words" && compareActual(t.target, actual).met === true) {
      return { tier: t.tier, note: `实际“${actual.text}”符合“${t.text.trim()}”` };
    }
  }
  if (note) return { tier: undefined, note };
  if (value !== undefined)
    return {
      tier: undefined,
      note: `实际 ${value}${tiers.unit ?? ""} 不在任何等级之内（等级之间有空档或等级无法读取）`,
    };
  return { tier: undefined, note: `实际“${actual.text}”无法对应到等级` };
}
