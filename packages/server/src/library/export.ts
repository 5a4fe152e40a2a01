/**
 * 绩效指标库 as a file (issue 17 point 3, its export): the entries of the library the organisation's bureau governs —
 * or those matching a typed name — one row each: the name, 一级/二级, the usual target, unit, median and range, uses,
 * years, the bureau's mark and the other written forms. The same entries as GET /library/entries (aggregates of the
 * bureau's library; "where used" is not in the file). Written as xlsx, docx or PDF and audited
 * (`export.library`) by the download helper.
 */
import {
  c,
  checkTable,
  countCell,
  type ExportFormat,
  p,
  row,
  scoreCell,
  type WCell,
  type WDocument,
} from "@jixiao/documents";
import type { Actor } from "../accounts/actor.ts";
import { requireActor } from "../accounts/authorize.ts";
import type { Deps } from "../http/context.ts";
import { type DownloadFile, writeDownload } from "../http/download.ts";
import { entriesFor } from "./library.service.ts";

const H = (text: string): WCell => c(text, { bold: true, align: "center" });
const MARK_ZH = { recommended: "推荐", not_allowed: "不允许" } as const;
/** At most this many entries in one file (the library's entries, most used first). */
export const LIBRARY_EXPORT_MAX = 5000;

export async function exportLibrary(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId: string; q?: string | undefined; format: ExportFormat },
): Promise<DownloadFile> {
  const a = requireActor(actor);
  const lib = await entriesFor(deps, a, { orgId: q.orgId, q: q.q, limit: LIBRARY_EXPORT_MAX });
  const table = {
    widths: [6, 28, 10, 14, 14, 8, 10, 16, 8, 11, 8, 28],
    rows: [
      row(
        H("序号"),
        H("三级指标"),
        H("一级指标"),
        H("二级指标"),
        H("常见指标值"),
        H("计量单位"),
        H("中位数"),
        H("范围"),
        H("使用次数"),
        H("使用年度"),
        H("标记"),
        H("其他写法"),
      ),
      ...lib.items.map((e, i) => {
        const t = e.typical[0];
        return row(
          countCell(i + 1),
          c(e.name),
          c(e.level1[0]?.value ?? "—"),
          c(e.level2[0]?.value ?? "—"),
          c(e.typicalTarget ?? "—"),
          c(t ? t.unit || "—" : (e.units[0]?.value ?? "—"), { align: "center" }),
          t ? scoreCell(String(t.median)) : c("—", { align: "center" }),
          c(t ? `${t.min}–${t.max}` : "—", { align: "center" }),
          countCell(e.uses),
          c(e.years.first === e.years.last ? String(e.years.first) : `${e.years.first}–${e.years.last}`, {
            align: "center",
          }),
          c(e.mark ? MARK_ZH[e.mark.mark] : "", { align: "center" }),
          c(
            e.names
              .filter((n) => n.value !== e.name)
              .map((n) => n.value)
              .join("；"),
          ),
        );
      }),
    ],
  };
  checkTable(table);
  const title = `${lib.bureau.name}绩效指标库`;
  const doc: WDocument = {
    title,
    bodyFont: "song",
    sections: [
      {
        name: "指标库",
        orientation: "landscape",
        blocks: [
          p(title, "title", "center"),
          p(
            q.q?.trim()
              ? `与“${q.q.trim()}”相近的指标，共 ${lib.items.length} 项`
              : `共 ${lib.items.length} 项，按使用次数排列`,
            "note",
          ),
          { type: "table", table },
        ],
      },
    ],
  };
  return writeDownload(deps, a, doc, q.format, {
    orgId: q.orgId,
    action: "export.library",
    entityType: "organisation",
    entityId: lib.bureau.id,
    details: { q: q.q?.trim() || null, entries: lib.items.length },
  });
}
