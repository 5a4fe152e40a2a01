/**
 * The review engine: runs every rule on a normalised document, applies the configuration (disabled rules,
 * severity overrides), orders the findings (errors first, then by place) and gives the verdict.
 * A rule that fails on an unexpected shape never stops the review: it becomes an `engine.rule-failed` finding.
 */
import type { ImportedDocument } from "../model/document.ts";
import { resolveReviewConfig } from "./config.ts";
import { ARITHMETIC_RULES } from "./rules/arithmetic.ts";
import { COMPLETENESS_RULES } from "./rules/completeness.ts";
import { DISCLOSURE_RULES, disclosureNotJudged } from "./rules/disclosure.ts";
import { INDICATOR_RULES } from "./rules/indicators.ts";
import { MONITORING_RULES } from "./rules/monitoring.ts";
import { SCHEME_POINTS_RULES } from "./rules/scheme-points.ts";
import { SELF_EVALUATION_RULES } from "./rules/self-evaluation.ts";
import { TEXT_RULES } from "./rules/text.ts";
import { TIER_RULES } from "./rules/tiers.ts";
import type { Finding, ReviewConfig, ReviewConfigInput, ReviewResult, Rule, Severity } from "./types.ts";
import { verdictOf } from "./verdict.ts";

/** Every rule, by family. */
export const RULES: readonly Rule[] = [
  ...COMPLETENESS_RULES,
  ...ARITHMETIC_RULES,
  ...TIER_RULES,
  ...INDICATOR_RULES,
  ...SCHEME_POINTS_RULES,
  ...SELF_EVALUATION_RULES,
  ...TEXT_RULES,
  ...MONITORING_RULES,
  ...DISCLOSURE_RULES,
];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings of every enabled rule on the document, errors first, then in document order. */
export function reviewFindings(
  doc: ImportedDocument,
  configIn: ReviewConfig | ReviewConfigInput = {},
  rules: readonly Rule[] = RULES,
): Finding[] {
  // A full configuration resolves to itself; a partial one is laid over the defaults.
  const config = resolveReviewConfig(configIn);
  const disabled = new Set(config.disabled);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (disabled.has(rule.id)) continue;
    const override = config.severity[rule.id];
    let raw: ReturnType<Rule["check"]>;
    try {
      raw = rule.check(doc, config);
    } catch (e) {
      findings.push({
        rule: "engine.rule-failed",
        category: "数据质量",
        severity: "warning",
        message: `规则 ${rule.id} 未能完成检查：${e instanceof Error ? e.message : String(e)}`,
        messageEn: `rule ${rule.id} could not finish: ${e instanceof Error ? e.message : String(e)}`,
        location: { file: doc.file },
      });
      continue;
    }
    for (const f of raw) {
      findings.push({
        rule: rule.id,
        category: rule.category,
        severity: override ?? f.severity ?? rule.severity,
        message: f.message,
        messageEn: f.messageEn,
        location: { file: doc.file, ...f.location },
        ...(f.details ? { details: f.details } : {}),
        ...(f.fix ? { fix: f.fix } : {}),
      });
    }
  }
  return findings.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      (a.location.table ?? 0) - (b.location.table ?? 0) ||
      (a.location.row ?? 0) - (b.location.row ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}

/**
 * Reviews a document: findings, counts by severity, the verdict with its reasons, and the decision to confirm.
 * `extraRules` run beside the engine's own (rules made for this review from data core does not hold, e.g. the
 * indicator library's `libraryRules(history)`); their findings count towards the verdict like any other.
 */
export function reviewDocument(
  doc: ImportedDocument,
  configIn: ReviewConfigInput | ReviewConfig = {},
  extraRules: readonly Rule[] = [],
): ReviewResult {
  const config = resolveReviewConfig(configIn);
  const findings = reviewFindings(doc, config, extraRules.length > 0 ? [...RULES, ...extraRules] : RULES);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const coverage = doc.coverage;
  const noTables = disclosureNotJudged(doc);
  if (noTables && !(coverage && !coverage.sufficient)) {
    return {
      file: doc.file,
      findings,
      counts,
      judged: false,
      verdict: null,
      verdictPoints: null,
      reasons: [noTables],
      decision: { verdict: null },
    };
  }
  if (coverage && !coverage.sufficient) {
    // Too little was read: findings on what was read are still shown, but no verdict (never 优 at 100).
    return {
      file: doc.file,
      findings,
      counts,
      judged: false,
      verdict: null,
      verdictPoints: null,
      reasons: [
        {
          zh: `未能判断：只读出了文档的 ${coverage.share}%（${coverage.lines.read}/${coverage.lines.total} 行），读出数字 ${coverage.figures} 个`,
          en: `Cannot judge: ${coverage.share}% of the document was read (${coverage.lines.read} of ${coverage.lines.total} lines), ${coverage.figures} figure(s)`,
        },
        ...coverage.reasons,
      ],
      decision: { verdict: null },
    };
  }
  const v = verdictOf(findings, config.verdict);
  return {
    file: doc.file,
    findings,
    counts,
    judged: true,
    verdict: v.verdict,
    verdictPoints: v.points,
    reasons: v.reasons,
    decision: { verdict: v.verdict },
  };
}
