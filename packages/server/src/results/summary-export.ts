/**
 * 结果应用情况表: one row per unit (counts by grade and by recommendation, amounts in 万元 with thousands separators
 * and 2 decimals — number cells in xlsx) and a 合计 row (SUMs over the units in xlsx), then one row per project with its
 * recommendation and reasons. Written as xlsx, docx or PDF and audited (`export.results_summary`, with the file's
 * name, size and SHA-256) by the download helper (http/download.ts).
 */
import { RESULT_ACTION_LABELS, RESULT_ACTIONS } from "@jixiao/core/results";
import {
  c,
  checkTable,
  countCell,
  type ExportFormat,
  moneyCell,
  p,
  percentCell,
  row,
  scoreCell,
  totalOf,
  type WCell,
  type WDocument,
} from "@jixiao/documents";
import type { Actor } from "../accounts/actor.ts";
import { requireActor } from "../accounts/authorize.ts";
import type { Deps } from "../http/context.ts";
import { type DownloadFile, writeDownload } from "../http/download.ts";
import { organisationFor } from "../orgs/access.ts";
import { computeRecommendations, type SummaryFigures, summarise } from "./results.service.ts";

const H = (text: string, opts: Omit<WCell, "text"> = {}): WCell => c(text, { bold: true, align: "center", ...opts });

const STATUS_ZH = { recommended: "延续项目", new: "新增项目", not_evaluated: "延续项目（上年未评价）" } as const;

export async function summaryDocument(deps: Deps, actor: Actor | undefined, q: { orgId: string; year: number }) {
  const { org } = await organisationFor(deps.db, actor, q.orgId, "business.read");
  const items = await computeRecommendations(deps.db, org, q.year);
  const s = summarise(org, q.year, items);
  const head = [
    H("单位"),
    H("项目数"),
    ...s.grades.map((g) => H(`上年${g}`)),
    ...RESULT_ACTIONS.map((a) => H(RESULT_ACTION_LABELS[a].zh)),
    H("新增项目"),
    H("须整改"),
    H("申请金额（万元）"),
    H("涉及压减金额（万元）"),
    H("建议压减额（万元）"),
  ];
  const figures = (f: SummaryFigures, bold = false) => [
    countCell(f.projects, { bold }),
    ...s.grades.map((g) => countCell(f.grades[g] ?? 0, { bold })),
    ...RESULT_ACTIONS.map((a) => countCell(f.actions[a], { bold })),
    countCell(f.newProjects, { bold }),
    countCell(f.rectification, { bold }),
    moneyCell(f.requested, "万元", { bold }),
    moneyCell(f.affected, "万元", { bold }),
    moneyCell(f.reduction, "万元", { bold }),
  ];
  const unitFigures = s.units.map((u) => figures(u));
  // 合计: each column the SUM of the units' cells above it (a SUM in xlsx only where they add up to the total).
  const totals = figures(s.total, true).map((cell, k) =>
    totalOf(
      cell,
      unitFigures.map((f) => f[k]),
    ),
  );
  const units = {
    widths: [24, 7, ...s.grades.map(() => 6), ...RESULT_ACTIONS.map(() => 8), 8, 7, 12, 12, 12],
    rows: [
      row(...head),
      ...s.units.map((u, i) => row(c(u.orgName), ...unitFigures[i]!)),
      row(c("合计", { bold: true }), ...totals),
    ],
  };
  checkTable(units);
  const projects = {
    widths: [20, 24, 10, 8, 8, 10, 12, 8, 12, 12, 40],
    rows: [
      row(
        H("单位"),
        H("项目"),
        H("类型"),
        H("上年得分"),
        H("上年等级"),
        H("上年执行率"),
        H("建议"),
        H("压减比例"),
        H("申请（万元）"),
        H("建议上限（万元）"),
        H("理由"),
      ),
      ...items.map((r) =>
        row(
          c(r.project.orgName),
          c(r.project.name),
          c(STATUS_ZH[r.status]),
          scoreCell(r.evaluation?.total),
          c(r.evaluation?.grade ?? "—", { align: "center" }),
          percentCell(r.evaluation?.executionRate),
          c(`${r.actionLabel?.zh ?? "—"}${r.rectificationRequired ? "（须整改）" : ""}`),
          percentCell(r.cutPercent),
          moneyCell(r.requested),
          moneyCell(r.ceiling),
          c(r.reasons.map((x) => x.zh).join("；")),
        ),
      ),
    ],
  };
  checkTable(projects);
  const title = `${s.orgName}${s.year}年度预算绩效评价结果应用情况表`;
  const doc: WDocument = {
    title,
    bodyFont: "song",
    sections: [
      {
        name: "结果应用情况",
        orientation: "landscape",
        blocks: [
          p(title, "title", "center"),
          p(`依据${s.fromYear}年度绩效自评结果，单位：个、万元`, "note"),
          { type: "table", table: units },
        ],
      },
      {
        name: "项目明细",
        orientation: "landscape",
        blocks: [p(`${s.year}年度项目结果应用建议明细`, "title", "center"), { type: "table", table: projects }],
      },
    ],
  };
  return { doc, orgId: s.orgId, title };
}

/** The summary in the format asked, audited. */
export async function exportSummary(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId: string; year: number; format?: ExportFormat | undefined },
): Promise<DownloadFile> {
  const a = requireActor(actor);
  const { doc, orgId } = await summaryDocument(deps, a, q);
  return writeDownload(deps, a, doc, q.format ?? "xlsx", {
    orgId,
    action: "export.results_summary",
    entityType: "organisation",
    entityId: orgId,
    details: { year: q.year },
  });
}
