/**
 * The verdict on the review scale 优/良/中/差 (财预〔2015〕88号: 优/良 go on, 中 revise and resubmit, 差 not funded),
 * derived from the findings:
 * 1. points = 100 − Σ penalty per finding (error 6, warning 1, info 0 by default), counting at most
 *    `maxCountedPerRule` findings of any one rule, so that one systematic mistake does not sink a document alone;
 * 2. the points give a verdict by the bands (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差);
 * 3. an error in a category caps the verdict (完整性/相关性 → at most 中; others → at most 良).
 * A reviewer accepts or overrules it with a comment: `ReviewDecision`.
 */
import { DomainError } from "../errors/domain-error.ts";
import {
  CATEGORY_EN,
  type Category,
  type Finding,
  type ReviewDecision,
  type Severity,
  VERDICTS,
  type Verdict,
  type VerdictConfig,
  type VerdictResult,
} from "./types.ts";

const worse = (a: Verdict, b: Verdict): Verdict => (VERDICTS.indexOf(a) >= VERDICTS.indexOf(b) ? a : b);

export function verdictOf(findings: readonly Finding[], config: VerdictConfig): VerdictResult {
  const perRule = new Map<string, number>();
  let penalty = 0;
  for (const f of findings) {
    const n = perRule.get(f.rule) ?? 0;
    if (n >= config.maxCountedPerRule) continue;
    perRule.set(f.rule, n + 1);
    penalty += config.penalty[f.severity];
  }
  const points = Math.max(0, 100 - penalty);
  const b = config.bands;
  let verdict: Verdict = points >= b.优 ? "优" : points >= b.良 ? "良" : points >= b.中 ? "中" : "差";
  const reasons: VerdictResult["reasons"] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  reasons.push({
    zh: `错误 ${counts.error} 项、警告 ${counts.warning} 项、提示 ${counts.info} 项：扣分后 ${points} 分，对应「${verdict}」`,
    en: `${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s): ${points} points after penalties, which is ${verdict}`,
  });
  const errorsBy = new Map<Category, number>();
  for (const f of findings) if (f.severity === "error") errorsBy.set(f.category, (errorsBy.get(f.category) ?? 0) + 1);
  for (const [category, n] of errorsBy) {
    const cap = config.capOnError[category];
    if (!cap || worse(verdict, cap) === verdict) continue;
    verdict = cap;
    reasons.push({
      zh: `${category}有 ${n} 项错误：最高为「${cap}」`,
      en: `${n} error(s) in ${CATEGORY_EN[category]}: at most ${cap}`,
    });
  }
  if (verdict === "优" || verdict === "良") {
    reasons.push(
      verdict === "优"
        ? { zh: "可进入下一环节", en: "may go on" }
        : { zh: "按审核意见修改后进入下一环节", en: "may go on after the agreed changes" },
    );
  } else {
    reasons.push(
      verdict === "中"
        ? { zh: "须修改后重新报送", en: "revise and resubmit" }
        : { zh: "不予安排预算", en: "not to be funded" },
    );
  }
  return { verdict, points, reasons };
}

/** A reviewer's decision on the engine's verdict: a different verdict needs a comment. */
export function overruleVerdict(decision: ReviewDecision, reviewerVerdict: Verdict, comment?: string): ReviewDecision {
  if (!VERDICTS.includes(reviewerVerdict)) {
    throw new DomainError("invalid_input", {
      zh: `审核结论「${reviewerVerdict}」应为 优、良、中、差 之一`,
      en: `the verdict "${reviewerVerdict}" must be one of 优, 良, 中, 差`,
    });
  }
  const text = comment?.trim() ?? "";
  if (reviewerVerdict !== decision.verdict && text === "") {
    throw new DomainError(
      "invalid_input",
      decision.verdict === null
        ? {
            zh: `系统未能判断（读出的内容不足），给出结论「${reviewerVerdict}」须填写理由`,
            en: `the engine could not judge (too little was read): a verdict of ${reviewerVerdict} needs a comment`,
          }
        : {
            zh: `改判为「${reviewerVerdict}」（系统结论「${decision.verdict}」）须填写理由`,
            en: `changing the verdict to ${reviewerVerdict} (the engine's is ${decision.verdict}) needs a comment`,
          },
    );
  }
  return { verdict: decision.verdict, reviewerVerdict, ...(text ? { comment: text } : {}) };
}

/** The verdict that stands: the reviewer's when given, else the engine's (null: not judged). */
export function finalVerdict(decision: ReviewDecision): Verdict | null {
  return decision.reviewerVerdict ?? decision.verdict;
}
