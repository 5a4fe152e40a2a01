/**
 * Coverage: how much of a document the import actually read, so that no result is ever given for a document
 * of which little or nothing was understood (a review verdict of 优 at 100 for a PDF whose tables were not
 * read at all is the failure this prevents).
 *
 * What counts (docs/import-format.md § Coverage):
 * - the document's content lines are its non-empty table rows and its paragraphs that carry a figure (a digit);
 *   paragraphs of words only are kept whole as text (`document.paragraphs`) and counted apart (`textLines`);
 *   page furniture the layout stage dropped is not content (it is listed in the reader's notes);
 * - a table row is read when its table was taken by a recogniser and the row was not reported unmapped, or when
 *   a value of the result points at it; a paragraph is read when a value of the result points at its line or a
 *   value was read from it (`ImportContext.touch`, which every amount read calls), and the title counts;
 * - figures are the values the result holds with an exact reading: amounts, numbers, percentages, parsed targets.
 * A document is judged only when at least `threshold` of its content lines were read and at least one figure was.
 */
import type { Coverage, ImportedDocument, ImportLocation } from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";

/** The share of content lines below which no verdict, score or grade is given. */
export const DEFAULT_COVERAGE_THRESHOLD = 0.6;

/** How many unread places are listed (runs of lines count once). */
const MAX_UNREAD = 100;

const HAS_DIGIT = /[0-9０-９]/;
/** A list number or heading number at the start of a paragraph (`1.`, `（2）`, `3、`) is not a figure. */
const LEADING_NUMBER = /^[\s\u3000]*(?:[(（]\s*[0-9０-９]+\s*[)）]|[0-9０-９]+\s*[.．、)）](?![0-9０-９]))/;

/** Whether a paragraph carries a figure: a digit other than its list number. */
function hasFigure(text: string): boolean {
  return HAS_DIGIT.test(text.replace(LEADING_NUMBER, ""));
}

function key(loc: { sheet?: string | undefined; table?: number | undefined; row?: number | undefined }): string {
  return `${loc.sheet ?? ""}|${loc.table ?? ""}|${loc.row ?? ""}`;
}

/** Every location a value of the result points at (not the kept paragraphs nor the unmapped rows). */
function referencedLocations(doc: ImportedDocument): Set<string> {
  const seen = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 12 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    const loc = o.location as ImportLocation | undefined;
    if (loc && typeof loc === "object" && typeof loc.file === "string" && loc.row !== undefined) seen.add(key(loc));
    for (const [k, x] of Object.entries(o)) {
      if (k === "location" || k === "paragraphs" || k === "unmapped") continue;
      walk(x, depth + 1);
    }
  };
  walk(doc, 0);
  return seen;
}

/** Values with an exact reading: amounts (fen), numbers (value), percentages (percent), parsed targets. */
export function countFigures(doc: ImportedDocument): number {
  let n = 0;
  const walk = (v: unknown, depth: number): void => {
    if (depth > 12 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.text === "string" && (o.fen !== undefined || o.value !== undefined || o.percent !== undefined)) n += 1;
    for (const [k, x] of Object.entries(o)) {
      if (k === "location" || k === "paragraphs" || k === "unmapped" || k === "coverage") continue;
      walk(x, depth + 1);
    }
  };
  walk(doc, 0);
  return n;
}

function rowKey(t: Table, r: number): string {
  return key({ sheet: t.location.sheet, table: t.location.table, row: t.sourceRows?.[r] ?? r + 1 });
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 60 ? `${one.slice(0, 60)}…` : one;
}

/**
 * The coverage of a result over its source blocks. `used` are the tables a recogniser took; `titleLine` the
 * source line of the paragraph taken as the document's title.
 */
export function measureCoverage(
  blocks: readonly Block[],
  doc: ImportedDocument,
  used: ReadonlySet<Table>,
  threshold = DEFAULT_COVERAGE_THRESHOLD,
  touched: readonly ImportLocation[] = [],
): Coverage {
  const referenced = referencedLocations(doc);
  for (const loc of touched) referenced.add(key(loc));
  const unmapped = new Set(doc.unmapped.map((u) => key(u.location)));
  let total = 0;
  let read = 0;
  let textLines = 0;
  let tablesTotal = 0;
  let tablesRead = 0;
  const unread: Coverage["unread"] = [];
  let omitted = 0;
  // Consecutive unread paragraphs are one entry: «lines 12–40».
  let run: { first: Block & { type: "paragraph" }; last: number; count: number } | undefined;
  const flush = () => {
    if (!run) return;
    const { first, last, count } = run;
    run = undefined;
    if (unread.length >= MAX_UNREAD) {
      omitted += 1;
      return;
    }
    const loc: ImportLocation = { file: doc.file, ...first.location };
    unread.push({
      what: "lines",
      location: loc,
      ...(count > 1 && first.location.row !== undefined ? { toRow: last } : {}),
      lines: count,
      text: clip(first.text),
    });
  };
  const titleKey = doc.title !== undefined ? titleKeyOf(blocks, doc.title) : undefined;
  for (const b of blocks) {
    if (b.type === "paragraph") {
      if (!hasFigure(b.text)) {
        if (b.text.trim() !== "") textLines += 1;
        continue;
      }
      total += 1;
      const k = key(b.location);
      if (referenced.has(k) || k === titleKey) {
        read += 1;
        flush();
        continue;
      }
      const row = b.location.row ?? 0;
      if (run && run.last + 1 >= row - 1) {
        run.last = row;
        run.count += 1;
      } else {
        flush();
        run = { first: b, last: row, count: 1 };
      }
      continue;
    }
    flush();
    const t = b.table;
    tablesTotal += 1;
    let rows = 0;
    let rowsRead = 0;
    const unreadRows: number[] = [];
    t.rows.forEach((row, r) => {
      if (row.every((c) => c.text.trim() === "")) return;
      rows += 1;
      const k = rowKey(t, r);
      if (referenced.has(k) || (used.has(t) && !unmapped.has(k))) rowsRead += 1;
      else unreadRows.push(r);
    });
    total += rows;
    read += rowsRead;
    if (rowsRead > 0) tablesRead += 1;
    if (unreadRows.length === 0) continue;
    if (unread.length >= MAX_UNREAD) {
      omitted += 1;
      continue;
    }
    const first = unreadRows[0]!;
    const lastRow = unreadRows[unreadRows.length - 1]!;
    unread.push({
      what: rowsRead === 0 ? "table" : "rows",
      location: { file: doc.file, ...t.location, row: t.sourceRows?.[first] ?? first + 1 },
      toRow: t.sourceRows?.[lastRow] ?? lastRow + 1,
      lines: unreadRows.length,
      text: clip(
        t.rows[first]!.map((c) => c.text)
          .filter((x) => x !== "")
          .join(" | "),
      ),
    });
  }
  flush();
  const figures = countFigures(doc);
  const share = total === 0 ? 0 : read / total;
  const reasons: Coverage["reasons"] = [];
  if (figures === 0)
    reasons.push({
      zh: "文档中没有读出任何数字（金额、指标值、得分）",
      en: "no figure (amount, target, score) was read from the document",
    });
  if (total === 0)
    reasons.push({
      zh: "文档中没有表格行或含数字的段落",
      en: "the document has no table rows nor paragraphs with figures",
    });
  else if (share < threshold)
    reasons.push({
      zh: `只读出了 ${read}/${total} 行（${percent(share)}），低于 ${percent(threshold)} 的判断门槛`,
      en: `only ${read} of ${total} lines were read (${percent(share)}), below the ${percent(threshold)} needed to judge`,
    });
  return {
    lines: { total, read },
    textLines,
    tables: { total: tablesTotal, read: tablesRead },
    share: percentNumber(share),
    threshold: percentNumber(threshold),
    figures,
    sufficient: reasons.length === 0,
    reasons,
    unread,
    ...(omitted > 0 ? { unreadOmitted: omitted } : {}),
  };
}

function titleKeyOf(blocks: readonly Block[], title: string): string | undefined {
  const b = blocks.find((x) => x.type === "paragraph" && x.text === title);
  return b?.type === "paragraph" ? key(b.location) : undefined;
}

/** A share as a percentage with one decimal, exact enough for display (counts are small integers). */
function percentNumber(share: number): string {
  return (Math.round(share * 1000) / 10).toFixed(1);
}

function percent(share: number): string {
  return `${percentNumber(share)}%`;
}
