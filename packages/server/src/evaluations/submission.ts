/**
 * What a self-evaluation needs before it can be submitted (issue 12), checked on the server whatever the page
 * did: the budget figures (present, not negative), at least one indicator row, each with its 实际完成值, a
 * 偏差原因 for every missed target (and for a result far over target), a reason for every score that departs
 * from the computed one, and the narrative sections. The scoring facts (met or not, stated vs computed) come
 * from core's result; nothing is scored again here. A refusal lists every failing field at once.
 */
import type { ScoreResult } from "@jixiao/core";
import { ServerError } from "../http/errors.ts";
import type { EvaluationItemRow, EvaluationWithOrg } from "./repository.ts";
import type { Scores } from "./scores.ts";

/** One failing field: its path in the record (`items[2].deviationReason`), the item's id, and why (zh/en). */
export interface FieldProblem {
  path: string;
  field: string;
  itemId?: string;
  message: string;
  messageEn: string;
}

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === "";
const negative = (v: string | null | undefined) => !blank(v) && v!.trim().startsWith("-") && /[1-9]/.test(v!);

const AMOUNTS: [keyof EvaluationWithOrg & string, string, string][] = [
  ["initialBudget", "年初预算数", "initial budget"],
  ["fullYearBudget", "全年预算数", "full-year budget"],
  ["executed", "全年执行数", "executed amount"],
];

const NARRATIVES: [keyof EvaluationWithOrg & string, string, string][] = [
  ["conclusion", "总体目标完成情况（自评结论）", "overall goal attainment (conclusion)"],
  ["improvements", "存在问题及改进措施", "problems and improvement measures"],
];

/** `indicators[3].points` → 3. */
function indexOf(path: string): number | undefined {
  const m = /^indicators\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : undefined;
}

export function submissionProblems(
  e: EvaluationWithOrg,
  items: EvaluationItemRow[],
  scores: Pick<Scores, "result" | "problems">,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  const add = (p: FieldProblem) => {
    if (seen.has(p.path)) return;
    seen.add(p.path);
    out.push(p);
  };
  const item = (i: number, field: string, zh: string, en: string) => {
    const it = items[i];
    const name = it ? `第 ${i + 1} 行「${it.name}」` : `第 ${i + 1} 行`;
    const nameEn = it ? `row ${i + 1} "${it.name}"` : `row ${i + 1}`;
    add({
      path: `items[${i}].${field}`,
      field,
      ...(it ? { itemId: it.id } : {}),
      message: `${name}：${zh}`,
      messageEn: `${nameEn}: ${en}`,
    });
  };

  for (const [field, zh, en] of AMOUNTS) {
    const v = e[field] as string | null;
    if (field !== "initialBudget" && blank(v)) {
      add({ path: field, field, message: `${zh}：请填写`, messageEn: `${en}: required` });
    } else if (negative(v)) {
      add({
        path: field,
        field,
        message: `${zh}：不能为负数（${v} 元）`,
        messageEn: `${en}: cannot be negative (${v} yuan)`,
      });
    }
  }
  if (!blank(e.fullYearBudget) && !negative(e.fullYearBudget) && !/[1-9]/.test(e.fullYearBudget!)) {
    add({
      path: "fullYearBudget",
      field: "fullYearBudget",
      message: "全年预算数：为零时无法计算执行率",
      messageEn: "full-year budget: zero, the execution rate cannot be computed",
    });
  }

  if (items.length === 0) {
    add({
      path: "items",
      field: "items",
      message: "绩效指标：至少填写一行",
      messageEn: "indicators: at least one row",
    });
  }
  // 分值 may be left to the scheme (core shares a group's points and says so); 实际完成值 may not.
  items.forEach((it, i) => {
    if (blank(it.actualText)) item(i, "actualText", "请填写实际完成值", "actual value required");
  });

  const result: ScoreResult | null = scores.result;
  if (result) {
    for (const ind of result.indicators) {
      const it = items[ind.index];
      if (!it) continue;
      if (ind.met === false && blank(it.deviationReason)) {
        item(
          ind.index,
          "deviationReason",
          "未达成年度指标值，请填写偏差原因",
          "target not met: give the reason for the deviation",
        );
      }
      const diff = ind.difference;
      if (ind.statedScore !== undefined && diff !== undefined && Math.abs(diff) >= 0.005 && blank(it.overrideReason)) {
        item(
          ind.index,
          "overrideReason",
          `得分 ${ind.statedScore} 与计算得分 ${ind.score} 不同，请说明调整理由`,
          `score ${ind.statedScore} differs from the computed ${ind.score}: give the reason for the adjustment`,
        );
      }
    }
    for (const p of result.problems) {
      const i = indexOf(p.path);
      if (i === undefined) continue;
      if (p.code === "deviation_reason_missing" || p.code === "far_over_target") {
        if (blank(items[i]?.deviationReason)) item(i, "deviationReason", p.zh, p.en);
      }
    }
  } else {
    for (const p of scores.problems) {
      const i = p.path ? indexOf(p.path) : undefined;
      if (i !== undefined) {
        const field = /points/.test(p.path!) ? "points" : /actual/.test(p.path!) ? "actualText" : "targetText";
        item(i, field, p.message, p.messageEn);
      } else if (p.path?.startsWith("budget")) {
        add({
          path: `fullYearBudget:${p.path}`,
          field: "fullYearBudget",
          message: p.message,
          messageEn: p.messageEn,
        });
      }
    }
  }

  for (const [field, zh, en] of NARRATIVES) {
    if (blank(e[field] as string | null)) {
      add({ path: field, field, message: `${zh}：提交前请填写`, messageEn: `${en}: required before submitting` });
    }
  }
  return out;
}

/** The refusal: every failing field in `details.fields`, the message naming how many. */
export function submissionRefused(problems: FieldProblem[]): ServerError {
  return new ServerError(
    "submission_incomplete",
    {
      zh: `自评尚不能提交：${problems.length} 处需补充或更正——${problems.map((p) => p.message).join("；")}`,
      en: `The self-evaluation cannot be submitted yet: ${problems.length} field(s) to complete or correct — ${problems.map((p) => p.messageEn).join("; ")}`,
    },
    { details: { fields: problems } },
  );
}
