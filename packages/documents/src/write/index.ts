/**
 * Writers of the official documents: `exportDocument(doc, { as, format })` turns a normalised document (what
 * `importDocument` produces, `@jixiao/core/model`) into xlsx, docx or PDF bytes in the official layout `as`.
 * What Jixiao writes, Jixiao's importer reads back to the same data (test/write/roundtrip.test.ts).
 */
import { DomainError } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { writeDocx } from "./docx.ts";
import { chooseLayout } from "./form.ts";
import { titleText } from "./format.ts";
import { buildLayout, LAYOUT_NAMES, type Layout } from "./layouts.ts";
import type { WDocument } from "./model.ts";
import { type PdfEngine, type PdfOptions, writePdf } from "./pdf.ts";
import { writeXlsx } from "./xlsx.ts";

export { countCell, moneyCell, percentCell, quotientOf, scoreCell, totalOf } from "./cells.ts";
export { writeDocx } from "./docx.ts";
export { chooseLayout, formPage, inFormUnits, isLayout } from "./form.ts";
export { amountText, cleanText, titleText, xmlSafe } from "./format.ts";
export { buildLayout, LAYOUT_NAMES, LAYOUTS, type Layout, layoutsFor } from "./layouts.ts";
export type * from "./model.ts";
/** The page model's builders, for forms laid out outside this package (the server's monitoring form). */
export { c, checkTable, p, row } from "./model.ts";
export {
  convertWithLibreOffice,
  drawWithPdfmake,
  findCjkFont,
  findSoffice,
  type PdfEngine,
  type PdfOptions,
  pdfEngine,
  writePdf,
} from "./pdf.ts";
export { type PoolFormat, type WriterPool, type Written, writerPool, writerPoolSize } from "./pool.ts";
export { displayWidth, safeCellText, writeXlsx } from "./xlsx.ts";
export { writeZip, type ZipInput, type ZipOptions, zipPath, zipPaths } from "./zip.ts";

export const EXPORT_FORMATS = ["xlsx", "docx", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

export interface ExportOptions {
  /** The layout; by default the first one the document has data for (`layoutsFor`). */
  as?: Layout;
  format: ExportFormat;
  pdf?: PdfOptions;
}

export interface ExportResult {
  layout: Layout;
  format: ExportFormat;
  data: Uint8Array;
  /** A file name for the download: `<organisation>-<form>.<ext>`, safe on every file system. */
  fileName: string;
  contentType: string;
  /** For PDF: which engine drew it. */
  engine?: PdfEngine;
}

export async function exportDocument(doc: ImportedDocument, opts: ExportOptions): Promise<ExportResult> {
  const layout = chooseLayout(doc, opts.as);
  const page: WDocument = buildLayout(doc, layout);
  const fileName = exportFileName(doc, layout, opts.format);
  const base = { layout, format: opts.format, fileName, contentType: CONTENT_TYPES[opts.format] };
  switch (opts.format) {
    case "xlsx":
      return { ...base, data: await writeXlsx(page) };
    case "docx":
      return { ...base, data: await writeDocx(page) };
    case "pdf": {
      const { pdf, engine } = await writePdf(page, () => writeDocx(page), opts.pdf);
      return { ...base, data: pdf, engine };
    }
    default:
      throw new DomainError("invalid_input", {
        zh: `未知的导出格式「${String(opts.format)}」，可选：xlsx、docx、pdf`,
        en: `Unknown export format "${String(opts.format)}"; one of: xlsx, docx, pdf`,
      });
  }
}

/** A page written in one of the export formats (PDF through LibreOffice from its docx, pdfmake as the fallback). */
export async function writeAs(page: WDocument, format: ExportFormat) {
  if (format === "xlsx") return writeXlsx(page);
  if (format === "docx") return writeDocx(page);
  return (await writePdf(page, () => writeDocx(page))).pdf;
}

/** The organisation a document is about, for file names. */
function organisationOf(doc: ImportedDocument): string | undefined {
  return (
    doc.organisations[0]?.name ??
    doc.departmentSelfEvaluation?.organisation ??
    doc.departmentExpenditureEvaluation?.organisation ??
    doc.disclosure?.organisation
  );
}

/**
 * A file name safe on Windows, macOS and Linux: characters that file systems refuse (`\ / : * ? " < > |`,
 * control characters) replaced by `_`, no leading dots, at most 80 characters before the extension; an outline
 * number glued to a year separated (`1、2024年度…`, see `titleText`).
 */
export function safeFileName(name: string, ext: string): string {
  const cleaned = titleText(name.normalize("NFC"))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  const short = [...cleaned].slice(0, 80).join("") || "document";
  return `${short}.${ext}`;
}

export function exportFileName(doc: ImportedDocument, layout: Layout, format: ExportFormat): string {
  const org = organisationOf(doc);
  return safeFileName(`${org ? `${org}-` : ""}${LAYOUT_NAMES[layout].zh}`, format);
}

/**
 * The `Content-Disposition` header value for a download (RFC 6266 with RFC 5987 encoding): an ASCII fallback
 * name for old clients and `filename*=UTF-8''…` with the Chinese name percent-encoded.
 */
export function contentDisposition(fileName: string, type: "attachment" | "inline" = "attachment"): string {
  const safe = safeFileName(
    fileName.replace(/\.[^.]*$/, ""),
    fileName.includes(".") ? fileName.replace(/^.*\./, "") : "bin",
  );
  const ascii = safe.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
