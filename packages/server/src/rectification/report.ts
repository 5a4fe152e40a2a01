/**
 * 整改情况报告: the rectification items of a unit's subtree and year — a summary per unit (by state, overdue; counts
 * as number cells, 合计 the SUM of the units in xlsx) and
 * the list of items with the problem, the measures required and taken, the deadline, the state and the reviewer's
 * comment — written by @jixiao/documents' writers as xlsx, docx or PDF. Audited as a document leaving the system.
 */
import {
  isOverdue,
  RECTIFICATION_SOURCE_NAMES,
  RECTIFICATION_STATE_NAMES,
  RECTIFICATION_STATES,
  type RectificationSource,
  type RectificationState,
} from "@jixiao/core";
import { countCell, type ExportFormat, totalOf, type WCell, type WDocument } from "@jixiao/documents";
import type { Actor } from "../accounts/actor.ts";
import type { Deps } from "../http/context.ts";
import { type DownloadFile, writeDownload } from "../http/download.ts";
import { organisationFor } from "../orgs/access.ts";
import { todayOf } from "./presenters.ts";
import { attachmentsOf, itemsForReport } from "./repository.ts";

const cell = (text: string, opts: Omit<WCell, "text"> = {}): WCell => ({ text, ...opts });
const head = (text: string): WCell => ({ text, bold: true, align: "center" });

/** The report's page model (exported for tests that read its cells without a file). */
export async function rectificationReport(
  deps: Pick<Deps, "db" | "now">,
  org: { path: string; name: string },
  year: number,
): Promise<WDocument> {
  const items = await itemsForReport(deps.db, org.path, year);
  const files = new Map<string, number>();
  for (const a of await attachmentsOf(
    deps.db,
    items.map((i) => i.id),
  ))
    files.set(a.itemId, (files.get(a.itemId) ?? 0) + 1);
  const today = todayOf(deps.now());
  const late = (i: (typeof items)[number]) =>
    isOverdue({ state: i.state as RectificationState, deadline: i.deadline }, today);
  const units = new Map<string, { name: string; counts: Record<RectificationState, number>; overdue: number }>();
  for (const i of items) {
    const u = units.get(i.orgId) ?? {
      name: i.orgName,
      counts: Object.fromEntries(RECTIFICATION_STATES.map((s) => [s, 0])) as Record<RectificationState, number>,
      overdue: 0,
    };
    u.counts[i.state as RectificationState]++;
    if (late(i)) u.overdue++;
    units.set(i.orgId, u);
  }
  const total = (s: RectificationState) => items.filter((i) => i.state === s).length;
  const overdue = items.filter(late).length;
  const title = `${org.name}${year}年度整改情况报告`;
  const summary =
    items.length === 0
      ? `截至 ${today}，${org.name}${year} 年度没有整改事项。`
      : `截至 ${today}，${org.name}${year} 年度共有整改事项 ${items.length} 项：${RECTIFICATION_STATES.map((s) => `${RECTIFICATION_STATE_NAMES[s].zh} ${total(s)} 项`).join("，")}；其中逾期未验收 ${overdue} 项。`;
  const unitNames = [...units.values()].map((u) => u.name);
  const unitCounts = [...units.values()].map((u) =>
    [
      RECTIFICATION_STATES.reduce((n, s) => n + u.counts[s], 0),
      ...RECTIFICATION_STATES.map((s) => u.counts[s]),
      u.overdue,
    ].map((n) => countCell(n)),
  );
  const summaryRows: WCell[][] = [
    [
      head("单位"),
      head("整改事项"),
      ...RECTIFICATION_STATES.map((s) => head(RECTIFICATION_STATE_NAMES[s].zh)),
      head("逾期"),
    ],
    ...unitCounts.map((counts, i) => [cell(unitNames[i]!), ...counts]),
    [
      cell("合计", { bold: true }),
      ...[items.length, ...RECTIFICATION_STATES.map(total), overdue].map((n, k) =>
        totalOf(
          countCell(n, { bold: true }),
          unitCounts.map((counts) => counts[k]),
        ),
      ),
    ],
  ];
  const detailRows: WCell[][] = [
    [
      head("序号"),
      head("单位"),
      head("来源"),
      head("问题"),
      head("整改要求"),
      head("整改期限"),
      head("状态"),
      head("已采取的整改措施"),
      head("佐证材料"),
      head("审核意见"),
    ],
    ...items.map((i, n) => [
      cell(String(n + 1), { align: "center" }),
      cell(i.orgName),
      cell(RECTIFICATION_SOURCE_NAMES[i.sourceKind as RectificationSource].zh),
      cell(i.problem),
      cell(i.requiredMeasures),
      cell(i.deadline, { align: "center" }),
      cell(`${RECTIFICATION_STATE_NAMES[i.state as RectificationState].zh}${late(i) ? "（逾期）" : ""}`),
      cell(i.measuresTaken ?? ""),
      cell(`${files.get(i.id) ?? 0} 个`, { align: "center" }),
      cell(i.reviewComment ?? ""),
    ]),
  ];
  return {
    title,
    bodyFont: "song",
    sections: [
      {
        name: "整改情况汇总",
        orientation: "landscape",
        blocks: [
          { type: "paragraph", text: title, style: "title", align: "center" },
          { type: "paragraph", text: summary, style: "body" },
          {
            type: "table",
            table: {
              widths: [30, 10, ...RECTIFICATION_STATES.map(() => 9), 9],
              rows: summaryRows,
              repeat: { start: 0, count: 1 },
            },
          },
        ],
      },
      {
        name: "整改事项明细",
        orientation: "landscape",
        blocks: [
          { type: "paragraph", text: "整改事项明细", style: "heading" },
          {
            type: "table",
            table: { widths: [5, 16, 9, 30, 26, 11, 10, 30, 8, 20], rows: detailRows, repeat: { start: 0, count: 1 } },
          },
        ],
      },
    ],
  };
}

/** The report of the organisation's subtree and year as a file (any business reader of the organisation). */
export async function exportRectificationReport(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId: string; year: number; format: ExportFormat },
): Promise<DownloadFile> {
  const { org } = await organisationFor(deps.db, actor, q.orgId, "business.read");
  return writeDownload(deps, actor, await rectificationReport(deps, org, q.year), q.format, {
    orgId: org.id,
    action: "export.rectification",
    entityType: "organisation",
    entityId: org.id,
    details: { year: q.year },
  });
}
