/**
 * Review rules that read the indicator library (指标库): a target well below what the same indicator usually
 * asks (its history), or below what the same project actually reached last year. The rules are made for one
 * review from the history the caller gives (core has no database): run them with `reviewFindings(doc, config,
 * libraryRules(history))` or beside the engine's own rules.
 *
 * "Well below" is a parameter, `wellBelowShare` (default 0.8): for a target where higher is better (≥, >, =) it is
 * flagged when it is below share × the historical median; where lower is better (≤, <, a cost or a duration
 * ceiling), when it is above median ÷ share. Only numeric targets with a number are judged, against the history's
 * targets in the same unit (or one that converts: 名/人, 小时/分钟…), and only when the history holds at least
 * `minHistory` of them — a median of one or two is no norm. Last year's actual is compared plainly (any weaker
 * target is flagged): the unit already reached it.
 */
import { cmp, div, fromNumber, mul, parseDecimal, type Ratio, toDecimalString } from "../numbers/decimal.ts";
import { indicatorLocation, indicatorScopes, targetOf } from "../review/context.ts";
import type { Rule, RuleFinding } from "../review/types.ts";
import { convertUnit } from "../targets/compare.ts";
import { parseTarget } from "../targets/parse.ts";
import type { Op, TargetValue } from "../targets/types.ts";
import { formOf } from "./build.ts";
import { normaliseIndicatorName } from "./normalise.ts";
import type { LibraryEntry } from "./types.ts";

export interface LibraryRuleParams {
  /** A target below this share of the historical median (higher is better) is "well below". Decimal text, 0–1. */
  wellBelowShare: string;
  /** The fewest historical numeric targets (in a comparable unit) for the median to be a norm. */
  minHistory: number;
}

export const DEFAULT_LIBRARY_RULE_PARAMS: LibraryRuleParams = { wellBelowShare: "0.8", minHistory: 3 };

/** Last year's actual value of one indicator of the same record. */
export interface PreviousActual {
  name: string;
  actualText: string;
  /** The unit column of last year's indicator, a hint for reading the actual. */
  unit?: string | null;
  year?: number;
}

export interface LibraryHistory {
  /** The library, built from approved goals other than the record under review. */
  entries: readonly LibraryEntry[];
  /** Last year's actual values of the same record, by the scope's path in the document (`projects[0]`). */
  previousActuals?: Readonly<Record<string, readonly PreviousActual[]>>;
}

type Direction = "higher" | "lower";
const directionOf = (op: Op | undefined): Direction => (op === "<=" || op === "<" ? "lower" : "higher");

const OP_SHOW: Record<Op, string> = { ">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "" };
const show = (r: Ratio, unit: string | undefined) => `${toDecimalString(r, 4)}${unit ?? ""}`;

/** A numeric target's value and unit, when the target is a plain number with an operator. */
function numericTarget(t: TargetValue | undefined): { value: Ratio; unit: string | undefined; op: Op } | undefined {
  if (t?.kind !== "numeric" || t.value === undefined || !Number.isFinite(t.value)) return undefined;
  return { value: fromNumber(t.value), unit: t.unit, op: t.op ?? "=" };
}

function shareOf(params: LibraryRuleParams): Ratio {
  const s = parseDecimal(params.wellBelowShare);
  if (!s || cmp(s, { n: 0n, d: 1n }) <= 0 || cmp(s, { n: 1n, d: 1n }) > 0) {
    throw new RangeError(`wellBelowShare must be a decimal in (0, 1]: ${params.wellBelowShare}`);
  }
  return s;
}

function weaker(direction: Direction, value: Ratio, bound: Ratio): boolean {
  return direction === "higher" ? cmp(value, bound) < 0 : cmp(value, bound) > 0;
}

export function libraryRules(history: LibraryHistory, paramsIn: Partial<LibraryRuleParams> = {}): Rule[] {
  const params = { ...DEFAULT_LIBRARY_RULE_PARAMS, ...paramsIn };
  const share = shareOf(params);
  const byKey = new Map(history.entries.map((e) => [e.key, e]));

  const belowHistory: Rule = {
    id: "library.target-below-history",
    category: "适当性",
    severity: "warning",
    title: { zh: "指标值明显低于同类指标的历史水平", en: "A target well below the history of the same indicator" },
    check(doc) {
      const out: RuleFinding[] = [];
      for (const s of indicatorScopes(doc)) {
        if (s.selfEvaluation) continue;
        s.indicators.forEach((ind, i) => {
          const t = numericTarget(targetOf(ind));
          const entry = byKey.get(normaliseIndicatorName(ind.name));
          if (!t || !entry) return;
          const direction = directionOf(t.op);
          // the history's usual direction must be the same (a ceiling is not compared with a floor)
          const usual = entry.forms[0]?.value;
          if (usual === undefined || !["≥", "≤", ">", "<", "="].includes(usual)) return;
          if (directionOf(usual === "≤" ? "<=" : usual === "<" ? "<" : ">=") !== direction) return;
          for (const typ of entry.typical) {
            if (typ.count < params.minHistory) continue;
            const med = convertUnit(parseDecimal(typ.median)!, typ.unit || undefined, t.unit);
            if (!med) continue;
            const bound = direction === "higher" ? mul(med, share) : div(med, share);
            if (!weaker(direction, t.value, bound)) return;
            const target = `${OP_SHOW[t.op]}${show(t.value, t.unit)}`;
            const median = show(med, t.unit);
            out.push({
              message: `指标「${ind.name}」的指标值 ${target} 明显${direction === "higher" ? "低于" : "宽于"}指标库中同类指标的历史水平（${typ.count} 次使用，中位数 ${median}，范围 ${typ.min}–${typ.max}${typ.unit}），请说明理由或提高目标`,
              messageEn: `indicator "${ind.name}": the target ${target} is well ${direction === "higher" ? "below" : "looser than"} the history of the same indicator (${typ.count} uses, median ${median}, range ${typ.min}–${typ.max}${typ.unit}): explain or raise it`,
              location: indicatorLocation(s, i, "target"),
              details: {
                stated: toDecimalString(t.value, 10),
                computed: toDecimalString(med, 10),
                unit: t.unit ?? "",
                share: params.wellBelowShare,
                uses: typ.count,
              },
            });
            return;
          }
        });
      }
      return out;
    },
  };

  const belowLastActual: Rule = {
    id: "library.target-below-last-actual",
    category: "适当性",
    severity: "warning",
    title: { zh: "指标值低于本项目上年实际完成值", en: "A target below last year's actual of the same project" },
    check(doc) {
      const out: RuleFinding[] = [];
      const previous = history.previousActuals ?? {};
      for (const s of indicatorScopes(doc)) {
        if (s.selfEvaluation) continue;
        const last = previous[s.path];
        if (!last || last.length === 0) continue;
        const byName = new Map(last.map((p) => [normaliseIndicatorName(p.name), p]));
        s.indicators.forEach((ind, i) => {
          const target = targetOf(ind);
          const t = numericTarget(target);
          const p = byName.get(normaliseIndicatorName(ind.name));
          if (!t || !target || !p) return;
          const actual = parseTarget(p.actualText, {
            ...(p.unit?.trim() ? { unit: p.unit.trim() } : t.unit ? { unit: t.unit } : {}),
            ...(p.year !== undefined ? { year: p.year } : {}),
          });
          if (actual.kind !== "numeric" || actual.value === undefined || formOf(target) === "定性") return;
          // an actual written without a unit is in the target's
          const a = convertUnit(fromNumber(actual.value), actual.unit ?? t.unit, t.unit);
          if (!a) return;
          const direction = directionOf(t.op);
          if (!weaker(direction, t.value, a)) return;
          const shown = `${OP_SHOW[t.op]}${show(t.value, t.unit)}`;
          out.push({
            message: `指标「${ind.name}」的指标值 ${shown} ${direction === "higher" ? "低于" : "宽于"}本项目上年实际完成值 ${show(a, t.unit)}，请说明理由或提高目标`,
            messageEn: `indicator "${ind.name}": the target ${shown} is ${direction === "higher" ? "below" : "looser than"} last year's actual ${show(a, t.unit)} of the same project: explain or raise it`,
            location: indicatorLocation(s, i, "target"),
            details: { stated: toDecimalString(t.value, 10), computed: toDecimalString(a, 10), unit: t.unit ?? "" },
          });
        });
      }
      return out;
    },
  };

  return [belowHistory, belowLastActual];
}
