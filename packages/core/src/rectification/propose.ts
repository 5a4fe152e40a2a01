/**
 * Rectification items proposed from a self-evaluation's shortfalls (结果应用：整改): every indicator whose target
 * was not met, a grade of 中 or 差 (or 不合格), and an execution rate below 90%. Pure: the input is what core's
 * `scoreEvaluation` returned (or the same fields of it); the reviewer keeps, edits or drops each proposal.
 */
import { cmp, parseDecimal } from "../numbers/decimal.ts";
import type { ShortfallKind } from "./types.ts";

/** The fields of a ScoreResult the proposals read. */
export interface ShortfallInput {
  /** The record's name (the project, or the department) for the texts. */
  title: string;
  grade?: string | undefined;
  total?: number | undefined;
  /** 执行率 in percent as a decimal string ("88.35"); undefined for a zero budget. */
  executionRate?: string | undefined;
  indicators: readonly {
    index: number;
    name: string;
    level1?: string | undefined;
    level2?: string | undefined;
    target: string;
    actual: string;
    met: boolean | undefined;
    points?: number | undefined;
    score?: number | undefined;
  }[];
}

export interface RectificationProposal {
  /** Stable within the evaluation: `grade`, `execution`, `indicator:<index>`. */
  key: string;
  shortfall: ShortfallKind;
  /** What the problem is (问题), in Chinese as it goes into the item. */
  problem: string;
  /** The measures the reviewer asks for (整改要求), a starting text the reviewer may change. */
  requiredMeasures: string;
  /** The indicator's name, for missed targets. */
  indicator?: string | undefined;
}

/** Grades that call for rectification: 中 and 差 (some regions say 不合格 for the lower two). */
export const GRADES_TO_RECTIFY = ["中", "差", "不合格"] as const;

/** An execution rate below this share of the budget needs an explanation and a rectification (90%). */
export const EXECUTION_FLOOR = "90";

const scoreText = (n: number | undefined) => (n === undefined ? "" : `，得分 ${Number(n.toFixed(2))}`);

export function proposeFromEvaluation(input: ShortfallInput): RectificationProposal[] {
  const out: RectificationProposal[] = [];
  if (input.grade && (GRADES_TO_RECTIFY as readonly string[]).includes(input.grade)) {
    const total = input.total === undefined ? "" : `（总分 ${Number(input.total.toFixed(2))}）`;
    out.push({
      key: "grade",
      shortfall: "grade",
      problem: `${input.title}绩效自评等级为「${input.grade}」${total}`,
      requiredMeasures:
        input.grade === "中"
          ? "分析绩效目标未完全实现的原因，制定整改方案，明确措施、责任人和完成时限，整改到位后方可继续安排资金"
          : "全面分析项目实施及资金使用中存在的问题，提出整改方案并报送整改情况；整改不到位的，相应压减或取消下年度预算",
    });
  }
  const rate = input.executionRate === undefined ? undefined : parseDecimal(input.executionRate);
  if (rate && cmp(rate, parseDecimal(EXECUTION_FLOOR)!) < 0) {
    out.push({
      key: "execution",
      shortfall: "execution",
      problem: `${input.title}预算执行率 ${input.executionRate}%，低于 ${EXECUTION_FLOOR}%`,
      requiredMeasures: "说明执行率偏低的原因，加快预算执行进度，合理编制下年度预算，结余资金按规定收回统筹",
    });
  }
  for (const i of input.indicators) {
    if (i.met !== false) continue;
    const where = [i.level1, i.level2].filter(Boolean).join("/");
    out.push({
      key: `indicator:${i.index}`,
      shortfall: "missed_target",
      indicator: i.name,
      problem: `${input.title}「${i.name}」${where ? `（${where}）` : ""}未达到年度指标值：目标 ${i.target || "（空）"}，实际 ${i.actual || "（空）"}${scoreText(i.score)}`,
      requiredMeasures: `分析「${i.name}」未达标的原因，提出改进措施并说明完成时间；目标设置不合理的，在下年度目标中予以修正`,
    });
  }
  return out;
}
