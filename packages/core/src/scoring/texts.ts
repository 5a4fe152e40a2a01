/**
 * The words of a scored evaluation (formulas, normalisation lines, problems), written once for both ways of working
 * a result out: the exact one on Ratios (score.ts, indicator.ts, normalise.ts) and the fixed-point one (fast.ts).
 * Every number comes in as its text already printed (`toDecimalString(r, 4)` or the same digits from units).
 */
import type { LocalizedText } from "../errors/domain-error.ts";
import type { Comparison } from "../targets/types.ts";
import type { QualitativeTier } from "./scheme.ts";

/** `分值 10→8.33（按方案折算）` */
export function pointsNoteText(from: string, to: string): LocalizedText {
  return { zh: `分值 ${from}→${to}（按方案折算）`, en: `points ${from}→${to} (scaled to the scheme)` };
}

/** An undecided comparison whose actual is written in the target's words: met. */
export function sameWordsComparison(c: Comparison): Comparison {
  return { ...c, met: true, note: `${c.note}；实际完成值与指标值文字相同，视为达成` };
}

export function metFormula(p: string): LocalizedText {
  return { zh: `达成，得满分 ${p}`, en: `met: full ${p} points` };
}

export function shareFormula(p: string, expr: string): LocalizedText {
  const t = `${p} ${expr}`;
  return { zh: t, en: t };
}

export function zeroFormula(why: LocalizedText | undefined): LocalizedText {
  return { zh: `0 分（${why?.zh ?? "未达成"}）`, en: `0 (${why?.en ?? "not met"})` };
}

export function tierFormula(t: QualitativeTier, p: string, chosen: boolean): LocalizedText {
  return {
    zh: `定性「${t.label.zh}」（${t.min}–${t.max}%），建议 ${t.suggest}% × ${p}${chosen ? "（档次由填报人选定）" : ""}`,
    en: `qualitative "${t.label.en}" (${t.min}–${t.max}%), suggested ${t.suggest}% × ${p}${chosen ? " (tier chosen by the evaluator)" : ""}`,
  };
}

export function unjudgedFormula(note: string, stated: boolean): LocalizedText {
  return {
    zh: `无法自动判断（${note}），${stated ? "沿用自评得分" : "计 0 分"}，需人工评定`,
    en: `cannot be judged automatically (${note}); ${stated ? "the stated score is carried" : "counted as 0"}; needs a human judgement`,
  };
}

/** A group whose indicators have no points: the scheme's points shared equally. */
export function sharedExplanation(short: LocalizedText, target: string, count: number): LocalizedText {
  return {
    zh: `按方案分配：${short.zh} 0→${target}（各指标未给分值，${count} 项平分）`,
    en: `shared by the scheme: ${short.en} 0→${target} (no points given; ${count} indicators share them equally)`,
  };
}

/** A group's points scaled into the scheme's. */
export function scaledExplanation(short: LocalizedText, input: string, target: string): LocalizedText {
  return {
    zh: `按方案折算：${short.zh} ${input}→${target}（各指标分值 × ${target}/${input}）`,
    en: `scaled to the scheme: ${short.en} ${input}→${target} (each indicator's points × ${target}/${input})`,
  };
}

/** A group whose points add up to the scheme's, put on the scheme's precision. */
export function precisionExplanation(short: LocalizedText, target: string): LocalizedText {
  return {
    zh: `按方案取整：${short.zh} ${target} 分的各指标分值取至方案精度`,
    en: `put on the scheme's precision: the indicator points of ${short.en} (${target})`,
  };
}

export function unknownLevel1Text(name: string, level1: string): LocalizedText {
  return {
    zh: `「${name}」的一级指标「${level1}」不是产出、效益、满意度或成本指标，未计入得分`,
    en: `"${name}": level-1 "${level1}" is not output, effect, satisfaction or cost; not counted`,
  };
}

export function notInSchemeText(name: string, group: LocalizedText, schemeId: string): LocalizedText {
  return {
    zh: `「${name}」属于「${group.zh}」，评分方案「${schemeId}」没有这一一级指标，未计入得分`,
    en: `"${name}" is under "${group.en}", which scheme "${schemeId}" does not have; not counted`,
  };
}

export function weightNotPositiveText(name: string, points: string): LocalizedText {
  return { zh: `「${name}」的分值应大于 0，现为 ${points}`, en: `"${name}": the points must be > 0, got ${points}` };
}

export function unjudgedText(name: string, formula: LocalizedText): LocalizedText {
  return { zh: `「${name}」：${formula.zh}`, en: `"${name}": ${formula.en}` };
}

/** The words of a `deviation_reason_missing` problem (NoteProblem). */
export const deviationMissingZh = (name: string, note: string) => `「${name}」未达成（${note}），应填写偏差原因`;
export const deviationMissingEn = (name: string, note: string) =>
  `"${name}" is not met (${note}); a deviation reason is required`;

/** The words of a `far_over_target` problem (NoteProblem). */
export const farOverZh = (name: string, note: string) =>
  `「${name}」完成值达目标的 130% 以上（${note}），应说明原因（目标是否定得过低）`;
export const farOverEn = (name: string, note: string) =>
  `"${name}" is at 130% of its target or more (${note}); give a reason (was the target set too low?)`;

/**
 * The problem of an indicator that quotes its comparison note (`deviation_reason_missing`, `far_over_target`), its
 * words written when they are read (decision 0008): every unmet indicator has one, and most results are summed,
 * stored or counted without their problems' words being read — writing them for each was an eighth of what scoring
 * allocated. `zh` and `en` are getters and `toJSON` gives `{ code, path, zh, en }`, so the JSON (what the server
 * stores and the CLI prints) is what a plain record gives; a spread or structuredClone of the object does not carry
 * the words (copy them by name, or through JSON).
 */
export class NoteProblem {
  readonly code: "deviation_reason_missing" | "far_over_target";
  readonly path: string;
  readonly #name: string;
  /** The note, or the indicator result whose `comparison` is the note (itself written when read). */
  readonly #note: string | { readonly comparison: string };
  constructor(
    code: "deviation_reason_missing" | "far_over_target",
    path: string,
    name: string,
    note: string | { readonly comparison: string },
  ) {
    this.code = code;
    this.path = path;
    this.#name = name;
    this.#note = note;
  }
  get zh(): string {
    const note = typeof this.#note === "string" ? this.#note : this.#note.comparison;
    return this.code === "far_over_target" ? farOverZh(this.#name, note) : deviationMissingZh(this.#name, note);
  }
  get en(): string {
    const note = typeof this.#note === "string" ? this.#note : this.#note.comparison;
    return this.code === "far_over_target" ? farOverEn(this.#name, note) : deviationMissingEn(this.#name, note);
  }
  toJSON(): { code: NoteProblem["code"]; path: string; zh: string; en: string } {
    return { code: this.code, path: this.path, zh: this.zh, en: this.en };
  }
}

export function groupWithoutIndicatorsText(name: LocalizedText, points: string): LocalizedText {
  return {
    zh: `没有「${name.zh}」的指标，其 ${points} 分无从评分`,
    en: `no indicator under "${name.en}": its ${points} points cannot be scored`,
  };
}

/** `factor`: the scale factor's text (`50/60`) when the points were scaled. */
export function weightsSumText(
  name: LocalizedText,
  weightSum: string,
  points: string,
  factor: string | undefined,
  explanation: LocalizedText | undefined,
): LocalizedText {
  return {
    zh: `「${name.zh}」各指标分值之和为 ${weightSum}，评分方案规定为 ${points}${factor ? `，已按方案折算（各指标分值 × ${factor}）` : explanation ? `：${explanation.zh}` : ""}`,
    en: `the weights under "${name.en}" add up to ${weightSum}; the scheme gives ${points}${factor ? `; scaled to the scheme (each indicator's points × ${factor})` : explanation ? `: ${explanation.en}` : ""}`,
  };
}

export function statedOutOfRangeText(name: string, stated: string, points: string): LocalizedText {
  return {
    zh: `「${name}」的自评得分 ${stated} 不在 0–${points} 之间`,
    en: `"${name}": the stated score ${stated} is outside 0–${points}`,
  };
}

/** An indicator's stated score against the suggested one; `difference` signed (`+0.5`, `-1`). */
export function indicatorDifferenceText(
  name: string,
  stated: string,
  formula: LocalizedText,
  computed: string,
  difference: string,
  target: string,
  actual: string,
  pointsNote: LocalizedText | undefined,
): LocalizedText {
  return {
    zh: `「${name}」：自评 ${stated} 分，按 ${formula.zh} 建议 ${computed} 分，相差 ${difference}（目标 ${target}，实际 ${actual}${pointsNote ? `；${pointsNote.zh}` : ""}）`,
    en: `"${name}": stated ${stated}, ${formula.en} suggests ${computed}, difference ${difference} (target ${target}, actual ${actual}${pointsNote ? `; ${pointsNote.en}` : ""})`,
  };
}

export function groupDifferenceText(
  name: LocalizedText,
  points: string,
  stated: string,
  score: string,
  difference: string,
): LocalizedText {
  return {
    zh: `「${name.zh}」（${points} 分）：自评合计 ${stated}，建议合计 ${score}，相差 ${difference}`,
    en: `"${name.en}" (${points} points): stated sum ${stated}, suggested sum ${score}, difference ${difference}`,
  };
}

export function statedTotalSumText(
  given: string,
  sum: string,
  execution: string,
  indicators: string,
  difference: string,
): LocalizedText {
  return {
    zh: `填报总分 ${given} 不等于自评各项得分之和 ${sum}（执行率 ${execution} + 指标 ${indicators}），相差 ${difference}`,
    en: `the stated total ${given} is not the sum of the stated parts ${sum} (execution ${execution} + indicators ${indicators}), difference ${difference}`,
  };
}

/** `judged`: how many indicators could not be judged and keep their stated score. */
export function totalDifferenceText(stated: string, total: string, difference: string, judged: number): LocalizedText {
  return {
    zh: `总分：自评 ${stated}，建议 ${total}，相差 ${difference}${judged > 0 ? `（其中 ${judged} 项无法自动判断，沿用自评得分）` : ""}`,
    en: `total: stated ${stated}, suggested ${total}, difference ${difference}${judged > 0 ? ` (${judged} indicators could not be judged automatically and keep their stated score)` : ""}`,
  };
}
