/**
 * Four-tier standards (优/良/中/差): core's `parseTiers` + `checkTiers`, one rule per kind of problem so a region can
 * tune or switch each off. A cell holding a placeholder is completeness.placeholder's.
 */
import type { Indicator } from "../../model/document.ts";
import { checkTiers } from "../../tiers/check.ts";
import { parseTiers } from "../../tiers/parse.ts";
import type { TierProblem, TierProblemCode } from "../../tiers/types.ts";
import { indicatorScopes, loc } from "../context.ts";
import type { Category, Rule, RuleFinding, Severity } from "../types.ts";

const CACHE = new WeakMap<Indicator, TierProblem[]>();

function problemsOf(ind: Indicator): TierProblem[] {
  const t = ind.tiers;
  if (!t) return [];
  let p = CACHE.get(ind);
  if (!p) {
    const tiers = parseTiers(
      { 优: t.excellent.text, 良: t.good.text, 中: t.fair.text, 差: t.poor.text },
      { name: ind.name, ...(ind.unit ? { unit: ind.unit } : {}) },
    );
    p = checkTiers(tiers);
    CACHE.set(ind, p);
  }
  return p;
}

const decimals = (v: number): number => (String(v).split(".")[1] ?? "").length;

/**
 * A gap no wider than one unit of the printed precision (`0-2.25` then `2.26-4.5`: nothing between 2.25 and 2.26 at
 * two decimals) is a warning, not an error: at the precision the document writes, the tiers meet.
 */
function atPrintedPrecision(p: TierProblem): boolean {
  if (p.code !== "gap" || !p.from || !p.to) return false;
  const d = Math.max(decimals(p.from.value), decimals(p.to.value));
  return d > 0 && p.to.value - p.from.value <= 10 ** -d + 1e-12;
}

const TIER_INDEX: Record<string, number> = { 优: 0, 良: 1, 中: 2, 差: 3 };
const TIER_FIELD = ["excellent", "good", "fair", "poor"];

function tierRule(
  id: string,
  codes: TierProblemCode[],
  category: Category,
  severity: Severity,
  title: { zh: string; en: string },
): Rule {
  return {
    id,
    category,
    severity,
    title,
    check(doc) {
      const out: RuleFinding[] = [];
      for (const s of indicatorScopes(doc)) {
        s.indicators.forEach((ind, i) => {
          for (const p of problemsOf(ind)) {
            if (!codes.includes(p.code)) continue;
            const first = TIER_INDEX[p.tiers[0] ?? "优"] ?? 0;
            const col = typeof ind.location.column === "number" ? ind.location.column + 1 + first : undefined;
            out.push({
              message: `指标「${ind.name}」评价标准：${p.zh}`,
              messageEn: `indicator "${ind.name}", tier standards: ${p.en}`,
              location: loc(ind.location, {
                column: col,
                field: `tiers.${TIER_FIELD[first]}`,
                path: `${s.path}.indicators[${i}].tiers`,
              }),
              details: { tiers: p.tiers.join("/") },
              // core grades the problem (an empty 良 is a warning, an overlap an error)
              severity:
                p.severity === "error" && !atPrintedPrecision(p) ? "error" : severity === "info" ? "info" : "warning",
            });
          }
        });
      }
      return out;
    },
  };
}

export const TIER_RULES: Rule[] = [
  tierRule("tiers.overlap", ["overlap"], "数据质量", "error", {
    zh: "等级标准区间重叠",
    en: "Tier ranges overlap",
  }),
  tierRule("tiers.gap", ["gap"], "数据质量", "error", {
    zh: "等级标准之间有空档（某些值不属于任何等级）",
    en: "Tier ranges leave gaps",
  }),
  tierRule("tiers.inverted", ["inverted"], "数据质量", "error", {
    zh: "等级标准顺序颠倒",
    en: "Tiers in inverted order",
  }),
  tierRule("tiers.identical", ["identical"], "数据质量", "error", {
    zh: "两个等级的标准相同，无法区分",
    en: "Two tiers with the same standard",
  }),
  tierRule("tiers.boundary-shared", ["boundary_shared"], "数据质量", "warning", {
    zh: "相邻等级共用边界值（“以上/以下”均含本数）",
    en: "Neighbouring tiers share a boundary value",
  }),
  tierRule("tiers.mixed-units", ["mixed_units", "fraction_as_percent"], "数据质量", "warning", {
    zh: "等级标准单位不一致（或小数按百分数理解）",
    en: "Tiers in mixed units (or fractions read as percentages)",
  }),
  tierRule("tiers.unreadable", ["unreadable", "empty"], "相关性", "error", {
    zh: "等级标准缺失或无法理解",
    en: "Missing or unreadable tier standards",
  }),
];
