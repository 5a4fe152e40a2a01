/** What every recogniser shares: the problem list, locations, cell access and text tidying. */

import type { Amount, ImportLocation, Problem } from "@jixiao/core/model";
import type { Block, SourceDocument, Table } from "../model/table.ts";
import { readAmount } from "./values.ts";

export class ImportContext {
  readonly problems: Problem[] = [];
  readonly unmapped: { text: string; location: ImportLocation }[] = [];
  /** Places a value was read from (coverage.ts counts their lines as read), beside the locations the result keeps. */
  readonly touched: ImportLocation[] = [];
  constructor(readonly source: SourceDocument) {}

  /** Takes over what another context (a reading tried on the side and kept) reported and read. */
  adopt(other: ImportContext): void {
    this.problems.push(...other.problems);
    this.unmapped.push(...other.unmapped);
    this.touched.push(...other.touched);
  }

  /** Records that a value was read at this place. */
  touch(location: ImportLocation): void {
    if (location.row !== undefined) this.touched.push(location);
  }

  get file(): string {
    return this.source.file;
  }

  /** Location of a table cell (row index 0-based, column index 0-based). */
  at(table: Table, rowIndex?: number, colIndex?: number, field?: string): ImportLocation {
    const loc: ImportLocation = { file: this.file };
    if (table.location.sheet !== undefined) loc.sheet = table.location.sheet;
    if (table.location.table !== undefined) loc.table = table.location.table;
    if (table.location.page !== undefined) loc.page = table.location.page;
    if (rowIndex !== undefined) loc.row = table.sourceRows?.[rowIndex] ?? rowIndex + 1;
    if (colIndex !== undefined) loc.column = colIndex + 1;
    if (field !== undefined) loc.field = field;
    return loc;
  }

  /** Location of a paragraph by its source line. */
  line(row?: number, field?: string): ImportLocation {
    const loc: ImportLocation = { file: this.file };
    if (row !== undefined) loc.row = row;
    if (field !== undefined) loc.field = field;
    return loc;
  }

  report(severity: Problem["severity"], code: string, zh: string, en: string, location: ImportLocation): void {
    this.problems.push({ severity, code, message: zh, messageEn: en, location });
  }

  /** Keeps a row that no recogniser took, and says so. */
  unmappedRow(table: Table, rowIndex: number, why?: { zh: string; en: string }): void {
    const cells = table.rows[rowIndex]?.map((c) => c.text) ?? [];
    const text = cells.filter((c) => c !== "").join(" | ");
    if (text === "") return;
    const location = this.at(table, rowIndex);
    this.unmapped.push({ text, location });
    this.report(
      "warning",
      "unmapped_row",
      `未识别的行，已原样保留：${why ? `${why.zh}：` : ""}${short(text)}`,
      `Row not understood, kept as written${why ? ` (${why.en})` : ""}: ${short(text)}`,
      location,
    );
  }

  /** Reads an amount and reports when its text is not one (placeholders such as `**` get their own message). */
  amount(text: string, unit: "元" | "万元", location: ImportLocation): Amount {
    this.touch(location);
    const { amount, issue } = readAmount(text, unit);
    if (issue) {
      if (isPlaceholder(text)) {
        this.report("warning", "placeholder", `金额为占位符「${text}」`, `Amount is a placeholder "${text}"`, location);
      } else {
        this.report("warning", issue.code, issue.zh, issue.en, location);
      }
    }
    return amount;
  }
}

export function short(s: string, n = 40): string {
  const flat = s.replace(/\s+/g, " ");
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}

export function cell(table: Table, r: number, c: number | undefined): string {
  if (c === undefined || c < 0) return "";
  return table.rows[r]?.[c]?.text ?? "";
}

export function rowTexts(table: Table, r: number): string[] {
  return table.rows[r]?.map((c) => c.text) ?? [];
}

export function isEmptyRow(table: Table, r: number): boolean {
  return rowTexts(table, r).every((t) => tidy(t) === "");
}

/** `**`, `*`, `——` used as a placeholder for content not filled in. */
export function isPlaceholder(text: string): boolean {
  return /^\s*\*+\s*$/.test(text);
}

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef";
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK}])[\\s]+(?=[${CJK}])`, "g");

let collapseCjkSpaces = true;

/**
 * Whether spaces between Chinese characters are layout (text from PDF splits `群众满意 度`) or meant (Word's
 * `照相机 索尼RX100`). Set by `importDocument` from the source format before any recogniser runs.
 */
export function setSpacesFromFormat(format: string): void {
  collapseCjkSpaces = format === "pdf-text" || format === "pdf";
}

/**
 * A name or label tidied for use: outer whitespace (full-width too) trimmed, runs of whitespace made one
 * space; for PDF sources, line breaks and spaces between Chinese characters removed.
 */
export function tidy(text: string): string {
  if (!collapseCjkSpaces) {
    // Word text: spaces are meant; only runs of them and the space around line breaks go. Full-width spaces
    // inside a label (`合　计`) stay as written.
    return text
      .replace(/[ \t\r\f\v\u00a0]+/g, " ")
      .replace(/ *\n */g, "\n")
      .replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  }
  const one = text.replace(/[\s\u3000]+/g, (m) => (m.includes("\n") ? "\n" : " "));
  return one.replace(SPACE_BETWEEN_CJK, "$1").replace(/\n/g, "").replace(/ +/g, " ").trim();
}

/** A header or label normalised for comparison: no whitespace, no bracketed notes, full-width colon dropped. */
export function norm(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/[（(][^（）()]*[)）]/g, "")
    .replace(/[：:]$/, "")
    .trim();
}

/** The unit named in a header or note: `(万元)`, `单位：万元`, `金额：元`. */
export function unitIn(text: string): "元" | "万元" | undefined {
  if (/万元/.test(text)) return "万元";
  if (/[：:(（]\s*元|^元$|单位\s*[：:]\s*元/.test(text)) return "元";
  return undefined;
}

/** Points written as `(40分)` / `（30分）` / `40分`. */
export function pointsIn(text: string): string | undefined {
  const m = /[(（]?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]?/.exec(text);
  return m ? m[1] : undefined;
}

/** The year a title names: `2020 年度…`, `…2017年部门预算…`. */
export function yearIn(text: string): number | undefined {
  const m = /(20\d{2}|19\d{2})\s*年/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** `312007 赵县交警大队`, `820001-井研县马踏镇人民政府` → code and name. */
export function splitCodeName(text: string): { code?: string; name: string; text: string } {
  const t = tidy(text);
  const m = /^(\d{3,})\s*[-－—]?\s*(.+)$/.exec(t);
  if (m) return { code: m[1]!, name: m[2]!.trim(), text };
  return { name: t, text };
}

/** `部门名称` and the names regional forms give it. */
export function isDepartmentLabel(text: string): boolean {
  return /^(部门名称|单位名称|部门（单位）名称|部门\(单位\)名称|预算部门|预算单位)$/.test(
    text.replace(/[\s\u3000：:]/g, ""),
  );
}

/** Two tables as one: the second's rows after the first's (merges and source rows kept). */
export function joinTables(a: Table, b: Table): Table {
  const shift = a.rows.length;
  const rows = [
    ...a.rows,
    ...b.rows.map((row) =>
      row.map((c) =>
        c.mergedFrom ? { ...c, mergedFrom: [c.mergedFrom[0] + shift, c.mergedFrom[1]] as [number, number] } : c,
      ),
    ),
  ];
  const own = (t: Table) => t.sourceRows ?? t.rows.map((_, i) => i + 1);
  return { ...a, rows, sourceRows: [...own(a), ...own(b)] };
}

/** The block after `index` that is a table or a paragraph with text (empty paragraphs between tables skipped). */
export function nextBlock(blocks: Block[], index: number): Block | undefined {
  return blocks.slice(index + 1).find((b) => b.type === "table" || b.text.trim() !== "");
}
