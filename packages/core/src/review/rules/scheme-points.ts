/**
 * `scoring.points-match-scheme`: at goal time already (and on a self-evaluation), indicator points whose level-1
 * sums are not the scoring scheme's group points. The evaluation would scale them (docs/scoring.md: 产出 60 → 50,
 * every 产出 indicator × 50/60), so the unit's weighting would silently change; the finding says so and carries the
 * one-click fix: each indicator's points scaled into its group's points, on 0.01, each group adding up exactly.
 *
 * The points are expected at the scheme's points for the groups the table has (national: 50 / 30 / 10 = 90) when
 * the table adds up to them; otherwise at the total the configuration expects of the table (`weightTotals`: a goal table 100, a
 * self-evaluation 90), in the scheme's proportions (at 100: 55.56 / 33.33 / 11.11), so that this rule and
 * `indicator.weights-sum` never ask for different totals. Schemes that honour the unit's level-1 weights
 * (`pointsRule: "scale-to-total"`, Sichuan) are not checked here: only their total matters.
 */
import {
  cmp,
  div,
  fromInt,
  isZero,
  max,
  mul,
  parseDecimal,
  type Ratio,
  sum,
  toDecimalString,
  ZERO,
} from "../../numbers/decimal.ts";
import { distribute } from "../../scoring/normalise.ts";
import {
  countedGroup,
  effectiveGroupPoints,
  type Level1,
  level1Of,
  level1Short,
  NATIONAL_PROJECT_SCHEME,
  type ScoringScheme,
  schemeById,
  schemeProblems,
} from "../../scoring/scheme.ts";
import { indicatorLocation, indicatorScopes, type Scope } from "../context.ts";
import type { FindingFix, ReviewConfig, Rule, RuleFinding } from "../types.ts";

const t = (r: Ratio) => toDecimalString(r, 4);

function schemeOf(config: ReviewConfig): ScoringScheme | undefined {
  const s = config.scoringScheme;
  const scheme = s === undefined ? NATIONAL_PROJECT_SCHEME : typeof s === "string" ? schemeById(s) : s;
  return scheme && schemeProblems(scheme).length === 0 ? scheme : undefined;
}

/** The scope's findings (none when its points match, or it has none to compare). */
export function schemePointsFindings(scope: Scope, scheme: ScoringScheme, config: ReviewConfig): RuleFinding[] {
  if (scheme.pointsRule === "scale-to-total") return [];
  if (scope.kind !== "project" && scope.kind !== "project-self-evaluation") return [];
  const weights = scope.indicators.map((i) =>
    i.weight?.value !== undefined ? parseDecimal(i.weight.value) : undefined,
  );
  if (weights.length === 0 || weights.some((w) => w === undefined)) return [];
  const groups = scope.indicators.map((i) => countedGroup(scheme, i.level1 ? level1Of(i.level1) : undefined));
  const members = new Map<Level1, number[]>();
  groups.forEach((g, i) => {
    if (g) members.set(g, [...(members.get(g) ?? []), i]);
  });
  if (members.size === 0) return [];

  const effective = effectiveGroupPoints(scheme, new Set(members.keys()));
  const present = scheme.groups.map((g) => g.level1).filter((g) => members.has(g) && effective.has(g));
  const schemeTotal = sum(present.map((g) => effective.get(g)!));
  const tableTotal = sum(present.flatMap((g) => members.get(g)!.map((i) => max(weights[i]!, ZERO))));
  const configured = parseDecimal(
    scope.kind === "project" ? config.weightTotals.project : config.weightTotals.projectSelfEvaluation,
  );
  const total = cmp(tableTotal, schemeTotal) === 0 || !configured ? schemeTotal : configured;
  // The scheme's group points at that total, on 0.01, adding up to it exactly.
  const expected = distribute(
    present.map((g) => div(mul(effective.get(g)!, total), schemeTotal)),
    total,
    2,
  );
  const wrong: { g: Level1; got: Ratio; want: Ratio }[] = [];
  const points: (string | null)[] = scope.indicators.map(() => null);
  present.forEach((g, k) => {
    const idx = members.get(g)!;
    const got = sum(idx.map((i) => weights[i]!));
    const want = expected[k]!;
    if (cmp(got, want) === 0) return;
    wrong.push({ g, got, want });
    const positive = idx.map((i) => max(weights[i]!, ZERO));
    const s = sum(positive);
    const exact = positive.map((w) => (isZero(s) ? div(want, fromInt(idx.length)) : div(mul(w, want), s)));
    distribute(exact, want, 2).forEach((p, k2) => {
      points[idx[k2]!] = t(p);
    });
  });
  if (wrong.length === 0) return [];

  const changes: FindingFix["changes"] = [];
  points.forEach((p, i) => {
    if (p === null) return;
    if (cmp(parseDecimal(p)!, weights[i]!) === 0) {
      points[i] = null;
      return;
    }
    changes.push({
      index: i,
      name: scope.indicators[i]!.name,
      from: t(weights[i]!),
      to: p,
      location: indicatorLocation(scope, i, "weight"),
    });
  });
  const zh = wrong.map((w) => `${level1Short(w.g).zh} ${t(w.got)}（应为 ${t(w.want)}）`).join("、");
  const en = wrong.map((w) => `${level1Short(w.g).en} ${t(w.got)} (expected ${t(w.want)})`).join(", ");
  const atTotal = cmp(total, schemeTotal) === 0 ? "" : `（按分值合计 ${t(total)} 折合）`;
  const atTotalEn = cmp(total, schemeTotal) === 0 ? "" : ` (at a total of ${t(total)})`;
  return [
    {
      message: `「${scope.name}」一级指标分值与评分方案「${scheme.name.zh}」不符：${zh}${atTotal}。评价时将按方案折算（各组指标分值按比例缩放），单位设定的权重会被改变；建议按方案调整分值`,
      messageEn: `"${scope.name}": the level-1 points do not match the scoring scheme "${scheme.name.en}": ${en}${atTotalEn}. The evaluation would scale them to the scheme, changing the weights the unit set; set the points to the scheme`,
      location: scope.location,
      details: {
        scheme: scheme.id,
        stated: wrong.map((w) => t(w.got)).join("/"),
        computed: wrong.map((w) => t(w.want)).join("/"),
        total: t(total),
      },
      fix: {
        kind: "set-points",
        label: { zh: "按方案调整分值", en: "Set the points to the scheme" },
        scheme: scheme.id,
        path: scope.path,
        points,
        changes,
      },
    },
  ];
}

export const pointsMatchScheme: Rule = {
  id: "scoring.points-match-scheme",
  category: "评分",
  severity: "error",
  title: { zh: "指标分值与评分方案的一级指标分值不符", en: "Indicator points that do not match the scoring scheme" },
  config: ["scoringScheme", "weightTotals"],
  check(doc, config) {
    const scheme = schemeOf(config);
    if (!scheme) return [];
    return indicatorScopes(doc).flatMap((s) => schemePointsFindings(s, scheme, config));
  },
};

export const SCHEME_POINTS_RULES: Rule[] = [pointsMatchScheme];
