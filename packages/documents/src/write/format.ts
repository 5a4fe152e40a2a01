/**
 * Values as the forms print them. Money goes through core's formatting (never re-implemented here): 元 with
 * thousands separators and two decimals, 万元 with two decimals — or more when the amount has more (0.485 万元
 * stays 0.485, never 0.49: a form must not round money away). Stated values (targets, scores, rates, words)
 * are written as stated. An amount that could not be read (`**`) is written as written.
 */
import { decimal, formatWanYuan, formatYuan, fen as toFen } from "@jixiao/core";
import type { Amount, ImportedDocument, NumberValue, PercentValue, Target } from "@jixiao/core/model";
import type { CellNumber, WDocument } from "./model.ts";

/** Decimals needed to write `f` fen exactly in 万元 (2–6). */
function wanDecimals(f: bigint): number {
  const abs = f < 0n ? -f : f;
  let frac = (abs % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  if (frac.length < 2) frac = frac.padEnd(2, "0");
  return frac.length;
}

/**
 * The amount in its own unit, formatted as the forms do; the text as written when it is not an amount. 元 always
 * with thousands separators; 万元 with them when `grouping` (the tables' cells: `1,350.50`), without by default
 * (running text: `收入共计5909.00万元`).
 */
export function amountText(a: Amount | undefined, unit?: "元" | "万元", opts: { grouping?: boolean } = {}): string {
  if (!a) return "";
  if (a.fen === undefined) return a.text;
  const f = toFen(BigInt(a.fen));
  const u = unit ?? a.unit;
  return u === "元"
    ? formatYuan(f)
    : formatWanYuan(f, wanDecimals(BigInt(a.fen)), { grouping: opts.grouping ?? false });
}

/** An Excel format with `decimals` fixed decimals, with or without thousands separators. */
function fixedFormat(decimals: number, grouping: boolean): string {
  const whole = grouping ? "#,##0" : "0";
  return decimals > 0 ? `${whole}.${"0".repeat(decimals)}` : whole;
}

/**
 * The amount as a spreadsheet number in `unit` (exact: fen / 100 or fen / 1,000,000), shown `#,##0.00` — with
 * more decimals when the amount has them in 万元 (`0.485` shows `0.485`: a form never rounds money away).
 * Undefined for an amount that could not be read (`**`: written as text).
 */
export function amountNumber(a: Amount | undefined, unit?: "元" | "万元"): CellNumber | undefined {
  if (a?.fen === undefined) return undefined;
  const f = BigInt(a.fen);
  return (unit ?? a.unit) === "元"
    ? { value: decimal.ratio(f, 100n), format: "#,##0.00" }
    : { value: decimal.ratio(f, 1_000_000n), format: fixedFormat(wanDecimals(f), true) };
}

const PLAIN = /^[+-]?(\d+)(?:\.(\d+))?$/;

/**
 * A stated number (score, points, quantity, a rate written without `%`) as a spreadsheet number shown exactly as
 * stated (`18` → `0`, `18.50` → `0.00`); undefined when the text is not a plain number (`18分`, `—`).
 */
export function plainNumber(text: string | undefined): CellNumber | undefined {
  const t = text?.trim() ?? "";
  const m = PLAIN.exec(t);
  const value = m ? decimal.parseDecimal(t) : undefined;
  if (!m || !value) return undefined;
  return { value, format: fixedFormat(m[2]?.length ?? 0, false) };
}

/**
 * A stated rate as a spreadsheet number: `88.3%` → 0.883 shown `0.0%` (Excel's percentage, read back as `88.3%`);
 * a rate written without the sign (`99.32` under 执行率(%)) stays that number. Undefined for anything else.
 */
export function percentNumber(p: PercentValue | undefined): CellNumber | undefined {
  const t = p?.text.trim() ?? "";
  const m = /^([+-]?\d+(?:\.(\d+))?)\s*[%％]$/.exec(t);
  if (!m) return plainNumber(t);
  const value = decimal.parseDecimal(m[1]!);
  if (!value) return undefined;
  const decimals = m[2]?.length ?? 0;
  return { value: decimal.div(value, decimal.ratio(100n)), format: `${fixedFormat(decimals, false)}%` };
}

export const numberText = (n: NumberValue | undefined): string => n?.text ?? "";
export const percentText = (n: PercentValue | undefined): string => n?.text ?? "";

const PDF_FORMATS = new Set(["pdf", "pdf-text"]);
const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef";
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK}])[\\s]+(?=[${CJK}])`, "g");

/**
 * A text from the source, as it should be printed: for documents read from PDF text, the line breaks and spaces
 * that extraction put between Chinese characters (`群众满意 度`) are layout, not content, and go; otherwise the
 * text is written as it is (line breaks kept).
 */
export function cleanText(text: string | undefined, format: string): string {
  if (text === undefined) return "";
  if (!PDF_FORMATS.has(format)) return text.trim();
  const one = text.replace(/[\s\u3000]+/g, (m) => (m.includes("\n") ? "\n" : " "));
  return one.replace(SPACE_BETWEEN_CJK, "$1").replace(/\n/g, "").replace(/ +/g, " ").trim();
}

/** A target or actual value as stated (its text), cleaned of extraction artefacts. */
export function targetText(t: Target | undefined, format: string): string {
  if (!t) return "";
  return cleanText(t.text, format);
}

/** A cleaner bound to the document's source format. */
export function cleaner(doc: Pick<ImportedDocument, "format">): (s: string | undefined) => string {
  return (s) => cleanText(s, doc.format);
}

/**
 * Characters XML 1.0 cannot hold (control characters other than tab / line feed / carriage return, lone
 * surrogates, U+FFFE/U+FFFF) are dropped: a cell holding one would make the whole file unreadable.
 */
export function xmlSafe(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    "",
  );
}

/** An outline number glued to a year at the start of a title: `1.2024年度`, `2．2025年`. */
const OUTLINE_BEFORE_YEAR = /^(\s*)(\d{1,3})\s*[.．]\s*(?=(?:19|20)\d{2}\s*年)/;

/**
 * A title as printed: an outline number glued to a year (`1.2024年度教育训练…`, which reads as the decimal 1.2024)
 * is separated the Chinese way (`1、2024年度教育训练…`); every other title is as it is. Whatever built the title
 * (a numbered list, a source document's own outline numbering, a stored name).
 */
export function titleText(text: string): string {
  return text.replace(OUTLINE_BEFORE_YEAR, "$1$2、");
}

/** The page with `titleText` applied to its title, its sheet names and its title, subtitle and heading lines. */
export function withTitles(doc: WDocument): WDocument {
  return {
    ...doc,
    title: titleText(doc.title),
    sections: doc.sections.map((s) => ({
      ...s,
      name: titleText(s.name),
      blocks: s.blocks.map((b) =>
        b.type === "paragraph" && b.style !== "body" && b.style !== "note" ? { ...b, text: titleText(b.text) } : b,
      ),
    })),
  };
}
