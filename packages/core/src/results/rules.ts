/**
 * 结果应用 (issue 17 point 2): the rule set a finance bureau configures to carry this year's evaluation into next
 * year's budget — what each grade means (差 → 压减 at least x%, 中 → 压减或整改, 良 → 维持/适当调整, 优 → 优先保障)
 * and execution-rate thresholds (执行率 below y% → 压减 the unspent share, or 适当调整). The rules are data: the
 * server stores one set per bureau and year; `DEFAULT_RESULT_RULES` applies where none is stored.
 */
import { DomainError } from "../errors/domain-error.ts";
import { cmp, fromInt, parseDecimal } from "../numbers/decimal.ts";

/** What a rule recommends for next year's budget of a project, mildest first. */
export const RESULT_ACTIONS = ["prioritise", "maintain", "adjust", "rectify_or_cut", "cut", "cancel"] as const;
export type ResultAction = (typeof RESULT_ACTIONS)[number];

export const RESULT_ACTION_LABELS: Record<ResultAction, { zh: string; en: string }> = {
  prioritise: { zh: "优先保障", en: "prioritise" },
  maintain: { zh: "维持", en: "maintain" },
  adjust: { zh: "适当调整", en: "adjust" },
  rectify_or_cut: { zh: "压减或整改", en: "cut or rectify" },
  cut: { zh: "压减", en: "cut" },
  cancel: { zh: "取消", en: "cancel" },
};

/** How severe an action is: the strictest of the rules that apply is the recommendation. */
export function severity(action: ResultAction): number {
  return RESULT_ACTIONS.indexOf(action);
}

/** What one grade of this year's evaluation means for next year. */
export interface GradeRule {
  /** The grade as the scoring scheme names it (优 / 良 / 中 / 差, or 合格 / 不合格). */
  grade: string;
  action: ResultAction;
  /** At least this percentage of this year's budget is cut (decimal text `30`, `12.5`); null: none. */
  cutPercent: string | null;
  /** 整改 is required before the funds continue. */
  rectification: boolean;
}

/** An execution-rate threshold: a rate below `below` % applies the rule. */
export interface ExecutionRule {
  below: string;
  action: ResultAction;
  /** At least this percentage is cut; null: none (unless `cutUnspent`). */
  cutPercent: string | null;
  /** Cut (at least) the unspent share of this year's budget (1 − 执行率). */
  cutUnspent: boolean;
}

export interface ResultRules {
  grades: GradeRule[];
  execution: ExecutionRule[];
}

/** The usual local rule where a bureau has set none (DOMAIN.md § 结果应用). */
export const DEFAULT_RESULT_RULES: ResultRules = {
  grades: [
    { grade: "优", action: "prioritise", cutPercent: null, rectification: false },
    { grade: "良", action: "maintain", cutPercent: null, rectification: false },
    { grade: "中", action: "rectify_or_cut", cutPercent: "10", rectification: true },
    { grade: "差", action: "cut", cutPercent: "30", rectification: true },
  ],
  execution: [
    { below: "60", action: "cut", cutPercent: null, cutUnspent: true },
    { below: "80", action: "adjust", cutPercent: null, cutUnspent: false },
  ],
};

const HUNDRED = fromInt(100);

function invalid(field: string, zh: string, en: string): DomainError {
  return new DomainError("invalid_input", { zh, en }, { field });
}

function percent(text: string | null, field: string, label: { zh: string; en: string }): void {
  if (text === null) return;
  const r = parseDecimal(text.trim());
  if (!r || cmp(r, fromInt(0)) < 0 || cmp(r, HUNDRED) > 0) {
    throw invalid(
      field,
      `${label.zh}「${text}」应为 0–100 之间的数字`,
      `${label.en} "${text}" must be a number from 0 to 100`,
    );
  }
}

/**
 * Checks a rule set: known actions, percentages 0–100, a grade named once, a 压减 that says how much. Throws
 * `DomainError("invalid_input")` at the field (`grades[2].cutPercent`); returns the rules when they hold.
 */
export function checkResultRules(rules: ResultRules): ResultRules {
  const seen = new Set<string>();
  rules.grades.forEach((g, i) => {
    const at = `grades[${i}]`;
    const grade = g.grade.trim();
    if (grade === "") throw invalid(`${at}.grade`, "等级不能为空", "The grade is empty");
    if (seen.has(grade)) throw invalid(`${at}.grade`, `等级「${grade}」重复设置`, `The grade ${grade} is set twice`);
    seen.add(grade);
    if (!RESULT_ACTIONS.includes(g.action)) throw invalid(`${at}.action`, "未知的处理方式", "Unknown action");
    percent(g.cutPercent, `${at}.cutPercent`, { zh: "压减比例", en: "cut percentage" });
    if (g.action === "cut" && g.cutPercent === null) {
      throw invalid(
        `${at}.cutPercent`,
        `等级「${grade}」为压减时须设压减比例`,
        `Grade ${grade}: a cut needs its percentage`,
      );
    }
  });
  rules.execution.forEach((e, i) => {
    const at = `execution[${i}]`;
    percent(e.below, `${at}.below`, { zh: "执行率阈值", en: "execution threshold" });
    if (!RESULT_ACTIONS.includes(e.action)) throw invalid(`${at}.action`, "未知的处理方式", "Unknown action");
    percent(e.cutPercent, `${at}.cutPercent`, { zh: "压减比例", en: "cut percentage" });
    if (e.action === "cut" && e.cutPercent === null && !e.cutUnspent) {
      throw invalid(
        `${at}.cutPercent`,
        "执行率规则为压减时须设压减比例或按未执行比例压减",
        "An execution rule that cuts needs a percentage or the unspent share",
      );
    }
  });
  return rules;
}
