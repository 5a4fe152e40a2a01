/**
 * 事前绩效评估表 of a project as a file (issue 17 point 6, its export): the project (name, unit, year, new or
 * continuing), each of the five dimensions with what it asks, its full points and the score, the total and its share
 * of full marks, the conclusion (the derived one beside it when the conclusion was changed, with the reason) and the
 * opinion — the stored assessment as GET /projects/{id}/exante gives it. Anyone who reads the project may download
 * it; none yet is 404. Written as xlsx, docx or PDF and audited (`export.exante`) by the download helper.
 */
import { EXANTE_DIMENSIONS } from "@jixiao/core";
import {
  c,
  checkTable,
  type ExportFormat,
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
import { notFound } from "../http/errors.ts";
import { findProject } from "../projects/repository.ts";
import { getExante } from "./exante.service.ts";

const H = (text: string): WCell => c(text, { bold: true, align: "center" });

export async function exanteDocument(deps: Deps, actor: Actor | undefined, projectId: string) {
  const view = await getExante(deps, actor, projectId);
  const a = view.assessment;
  const project = await findProject(deps.db, projectId);
  if (!a || !project) {
    throw notFound({ zh: "该项目的事前绩效评估", en: "this project's ex-ante assessment" });
  }
  const info = {
    widths: [16, 34, 16, 34],
    rows: [
      row(H("项目名称"), c(project.name, { colSpan: 3 })),
      row(H("实施单位"), c(project.orgName), H("年度"), c(`${project.year}年度`)),
      row(
        H("项目类型"),
        c(view.isNew ? "新增项目" : "延续项目"),
        H("评估方式"),
        c(a.source === "experts" ? "专家评审（采纳）" : "审核人评估"),
      ),
    ],
  };
  checkTable(info);
  // number cells in xlsx, the 合计 a SUM of the dimensions' cells (documents' shared cells)
  const points = EXANTE_DIMENSIONS.map((d) => scoreCell(a.points[d.key]));
  const got = EXANTE_DIMENSIONS.map((d) => scoreCell(a.scores[d.key]));
  const scores = {
    widths: [16, 46, 12, 12],
    rows: [
      row(H("评估内容"), H("评估要点"), H("分值"), H("得分")),
      ...EXANTE_DIMENSIONS.map((d, i) => row(c(d.name), c(d.guidance), points[i]!, got[i]!)),
      row(
        c("合计", { bold: true, colSpan: 2 }),
        totalOf(scoreCell(a.fullMarks, { bold: true }), points),
        totalOf(scoreCell(a.total, { bold: true }), got),
      ),
      row(c("得分率", { bold: true, colSpan: 3 }), percentCell(a.percent)),
    ],
  };
  checkTable(scores);
  const conclusion = a.overridden
    ? `${a.conclusion}（按得分应为${a.derived}；理由：${a.overrideReason ?? ""}）`
    : a.conclusion;
  const title = `${project.name}事前绩效评估表`;
  const doc: WDocument = {
    title,
    bodyFont: "song",
    sections: [
      {
        name: "事前绩效评估",
        orientation: "portrait",
        blocks: [
          p(title, "title", "center"),
          { type: "table", table: info },
          { type: "table", table: scores },
          p(`评估结论：${conclusion}`),
          p(`评估意见：${a.opinion?.trim() || "无"}`),
          p(
            `结论标准：得分率达到${a.thresholds.support}%予以支持，达到${a.thresholds.partial}%部分支持，低于${a.thresholds.partial}%不予支持。`,
            "note",
          ),
        ],
      },
    ],
  };
  return { doc, project };
}

export async function exportExante(
  deps: Deps,
  actor: Actor | undefined,
  projectId: string,
  format: ExportFormat,
): Promise<DownloadFile> {
  const a = requireActor(actor);
  const { doc, project } = await exanteDocument(deps, a, projectId);
  return writeDownload(deps, a, doc, format, {
    orgId: project.orgId,
    action: "export.exante",
    entityType: "project",
    entityId: project.id,
    details: { year: project.year },
  });
}
