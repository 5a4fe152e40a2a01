/**
 * 专家评审意见汇总表: an assignment's submitted sheets side by side — per item each expert's score, core's average,
 * the spread and whether it diverges, the totals — then each expert's opinion and the reviewer's decision (adopted or
 * not, the adopted score, the reason). The figures are the assignment view's own (core's `compareSheets`), written
 * as they are (2 decimals; xlsx number cells of the same value; the 合计 row SUMs of the items where they add up). xlsx, docx or PDF by @jixiao/documents' writers;
 * audited as a document leaving the system (`export.expert_review`).
 */
import { type ExportFormat, scoreCell, totalOf, type WCell, type WDocument } from "@jixiao/documents";
import type { Actor } from "../accounts/actor.ts";
import type { Deps } from "../http/context.ts";
import { type DownloadFile, writeDownload } from "../http/download.ts";
import { getAssignment } from "./experts.service.ts";

type Detail = Awaited<ReturnType<typeof getAssignment>>;

const SUBJECT_ZH = { project_goals: "项目绩效目标", self_evaluation: "绩效自评", exante: "事前绩效评估" } as const;
const STATE_ZH = { open: "评审中（尚未决定）", adopted: "已采纳", not_adopted: "未采纳" } as const;

const cell = (text: string, opts: Omit<WCell, "text"> = {}): WCell => ({ text, ...opts });
const head = (text: string): WCell => ({ text, bold: true, align: "center" });
/** A score as written (2 decimals), a number cell of exactly that value in xlsx; "—" when there is none. */
const score = (text: string | null, bold = false): WCell => scoreCell(text, { bold });

/** The document of an assignment's review (exported for tests that read its cells without a file). */
export function expertReviewDocument(d: Detail): WDocument {
  const c = d.comparison;
  const title = `${d.title}专家评审意见汇总表`;
  const facts = [
    `评审对象：${SUBJECT_ZH[d.subject]}「${d.title}」（${d.orgName}，${d.year}年度）`,
    `评分表：${d.formName}（满分 ${c.fullMarks}）；截止日期：${d.deadline}；分歧阈值：单项满分的 ${c.thresholdPercent}%`,
    `已提交评分的专家 ${c.experts.length} 位（共委托 ${d.experts.length} 位）：${c.experts.join("、") || "无"}`,
  ];
  const itemRows = c.items.map((i) => ({
    max: score(i.maxPoints),
    scores: i.scores.map((s) => score(s)),
    average: score(i.average, true),
  }));
  // 合计: full marks, each expert's total and the average's total the SUMs of the items above (when they add up).
  const column = (pick: (r: (typeof itemRows)[number]) => WCell | undefined) => itemRows.map(pick);
  const rows: (WCell | null)[][] = [
    [
      head("序号"),
      head("评价维度"),
      head("评分项"),
      head("满分"),
      ...c.experts.map(head),
      head("平均分"),
      head("差距"),
      head("分歧"),
    ],
    ...c.items.map((i, n) => [
      cell(String(n + 1), { align: "center" }),
      cell(i.sectionName),
      cell(i.name),
      itemRows[n]!.max,
      ...itemRows[n]!.scores,
      itemRows[n]!.average,
      score(i.spread),
      cell(i.diverges ? "是" : "", { align: "center" }),
    ]),
    [
      cell("合计", { bold: true, colSpan: 3, align: "center" }),
      null,
      null,
      totalOf(
        score(c.fullMarks, true),
        column((r) => r.max),
      ),
      ...c.totals.map((t, k) =>
        totalOf(
          score(t, true),
          column((r) => r.scores[k]),
        ),
      ),
      totalOf(
        score(c.averageTotal, true),
        column((r) => r.average),
      ),
      score(c.totalSpread, true),
      cell(c.totalDiverges ? "是" : "", { align: "center", bold: true }),
    ],
  ];
  const submitted = d.reviews.filter((r) => r.state === "submitted");
  const decision =
    d.state === "open"
      ? "审核人尚未决定是否采纳专家评审结果。"
      : `${STATE_ZH[d.state]}${d.adoptedTotal ? `，采纳得分 ${d.adoptedTotal}` : ""}${d.decidedAt ? `（${d.decidedAt.slice(0, 10)}）` : ""}。理由：${d.decisionReason ?? ""}`;
  return {
    title,
    bodyFont: "song",
    sections: [
      {
        name: "专家评分对比",
        orientation: "landscape",
        blocks: [
          { type: "paragraph", text: title, style: "title", align: "center" },
          ...facts.map((text) => ({ type: "paragraph" as const, text, style: "body" as const })),
          {
            type: "table",
            table: {
              widths: [5, 14, 24, 8, ...c.experts.map(() => 9), 9, 8, 6],
              rows,
              repeat: { start: 0, count: 1 },
            },
          },
          { type: "paragraph", text: "专家意见", style: "heading" },
          ...(submitted.length === 0
            ? [{ type: "paragraph" as const, text: "尚无专家提交评分。", style: "body" as const }]
            : submitted.map((r) => ({
                type: "paragraph" as const,
                text: `${r.expertName}（合计 ${r.total ?? "—"}）：${r.opinion ?? ""}`,
                style: "body" as const,
              }))),
          { type: "paragraph", text: "采纳情况", style: "heading" },
          { type: "paragraph", text: `状态：${decision}`, style: "body" },
        ],
      },
    ],
  };
}

/** The assignment's review as a file, for the reviewer who may read the assignment; audited. */
export async function exportExpertReview(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  q: { id: string; format: ExportFormat },
): Promise<DownloadFile> {
  const d = await getAssignment(deps, actor, q.id);
  return writeDownload(deps, actor, expertReviewDocument(d), q.format, {
    orgId: d.orgId,
    action: "export.expert_review",
    entityType: "expert_assignment",
    entityId: d.id,
  });
}
