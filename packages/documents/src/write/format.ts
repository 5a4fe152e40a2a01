/**
 * Values as the forms print them. Money goes through core's formatting (never re-implemented here): 元 with
 * thousands separators and two decimals, 万元 with two decimals — or more when the amount has more (0.485 万元
 * stays 0.485, never 0.49: a form must not round money away). Stated values (targets, scores, rates, words)
 * are written as stated. An amount that could not be read (`**`) is written as written.
 */
import { formatWanYuan, formatYuan, fen as toFen } from "@jixiao/core";
import type { Amount, ImportedDocument, NumberValue, PercentValue, Target } from "@jixiao/core/model";

/** Decimals needed to write `f` fen exactly in 万元 (2–6). */
function wanDecimals(f: bigint): number {
  const abs = f < 0n ? -f : f;
  let frac = (abs % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  if (frac.length < 2) frac = frac.padEnd(2, "0");
  return frac.length;
}

/** The amount in its own unit, formatted as the forms do; the text as written when it is not an amount. */
export function amountText(a: Amount | undefined, unit?: "元" | "万元"): string {
  if (!a) return "";
  if (a.fen === undefined) return a.text;
  const f = toFen(BigInt(a.fen));
  const u = unit ?? a.unit;
  return u === "元" ? formatYuan(f) : formatWanYuan(f, wanDecimals(BigInt(a.fen)), { grouping: false });
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
