/**
 * `readDocument`: one entry for an uploaded file. The real type is judged by content, never by the name:
 * a zip goes to the docx or xlsx reader by its [Content_Types].xml, `%PDF` to the PDF reader, an old OLE
 * file (.doc/.xls/.wps/.et, or a password-protected Office file) is refused with a clear message, an HTML
 * table (the ".xls" many systems export) goes to the HTML table reader, and anything else that decodes as
 * text is returned as text for the text readers. A lying extension is reported as a note.
 */
import type { DocumentNote, SourceDocument } from "../model/table.ts";
import { readDocx } from "./docx.ts";
import { decodeText, looksBinary, type TextEncodingName } from "./encoding.ts";
import { baseName, invalid } from "./errors.ts";
import { readPastedHtml } from "./paste.ts";
import { type PdfOptions, readPdf } from "./pdf.ts";
import { describeSniffed, oleKind, sniff } from "./sniff.ts";
import { readXlsx, type XlsxLimits } from "./xlsx.ts";
import { childElements, parseXmlTree } from "./xml.ts";
import { DEFAULT_ZIP_LIMITS, openZip } from "./zip.ts";

export interface TextDocument {
  file: string;
  format: "text";
  text: string;
  encoding: TextEncodingName;
  notes?: DocumentNote[];
}

export type ReadResult = SourceDocument | TextDocument;

export interface ReadOptions {
  limits?: Partial<XlsxLimits>;
  pdf?: PdfOptions;
}

type Kind = "docx" | "xlsx" | "pdf" | "html" | "text";

const EXPECTED_EXT: Record<Kind, string[]> = {
  docx: ["docx", "docm", "dotx", "dotm"],
  xlsx: ["xlsx", "xlsm", "xltx", "xltm"],
  pdf: ["pdf"],
  html: ["html", "htm"],
  text: ["txt", "tsv", "csv", "text", ""],
};

const KIND_NAME: Record<Kind, { zh: string; en: string }> = {
  docx: { zh: "Word 文档（.docx）", en: "a Word document (.docx)" },
  xlsx: { zh: "Excel 工作簿（.xlsx）", en: "an Excel workbook (.xlsx)" },
  pdf: { zh: "PDF 文件", en: "a PDF file" },
  html: { zh: "网页表格（HTML）", en: "an HTML table" },
  text: { zh: "纯文本", en: "plain text" },
};

function extensionOf(file: string): string {
  const dot = file.lastIndexOf(".");
  return dot < 0 ? "" : file.slice(dot + 1).toLowerCase();
}

/** docx or xlsx (or a clear refusal) for a zip, by the main part's content type. */
function zipKind(buf: Uint8Array, file: string, limits?: Partial<XlsxLimits>): "docx" | "xlsx" {
  const zip = openZip(buf, file, limits);
  const ct = zip.readText("[Content_Types].xml");
  const types: string[] = [];
  if (ct) {
    const root = parseXmlTree(ct, { location: { file, path: "[Content_Types].xml" } });
    for (const t of childElements(root))
      for (const o of childElements(t)) if (o.attrs.ContentType) types.push(o.attrs.ContentType);
  }
  const has = (re: RegExp) => types.some((t) => re.test(t));
  if (has(/wordprocessingml\.(document|template)\.main|ms-word\.(document|template)\.macroEnabled/i)) return "docx";
  if (has(/ms-excel\.sheet\.binary/i))
    throw invalid(
      "这是 Excel 二进制工作簿（.xlsb），请另存为 .xlsx 后再上传",
      "this is an Excel binary workbook (.xlsb); save it as .xlsx and retry",
      { file },
    );
  if (has(/spreadsheetml\.(sheet|template)\.main|ms-excel\.(sheet|template)\.macroEnabled/i)) return "xlsx";
  if (has(/presentationml/i))
    throw invalid(
      "这是 PowerPoint 演示文稿，请上传 Word 或 Excel 文件",
      "this is a PowerPoint presentation; upload a Word or Excel file",
      {
        file,
      },
    );
  const mimetype = zip.read("mimetype");
  if (mimetype && /opendocument/.test(new TextDecoder().decode(mimetype)))
    throw invalid(
      "这是 OpenDocument 文件（.odt/.ods），请在 WPS 或 Office 中另存为 .docx / .xlsx 后再上传",
      "this is an OpenDocument file (.odt/.ods); save it as .docx / .xlsx and retry",
      { file },
    );
  if (zip.has("word/document.xml")) return "docx";
  if (zip.has("xl/workbook.xml")) return "xlsx";
  throw invalid(
    "这是一个 zip 压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件",
    "this is a zip archive, but not a Word (.docx) or Excel (.xlsx) file",
    { file },
  );
}

export async function readDocument(buf: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const file = baseName(fileName);
  const maxBytes = opts.limits?.maxFileBytes ?? DEFAULT_ZIP_LIMITS.maxFileBytes;
  if (buf.length > maxBytes) {
    const mb = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
    throw invalid(
      `文件过大（${mb(buf.length)}），上限为 ${mb(maxBytes)}`,
      `the file is too large (${mb(buf.length)}); the limit is ${mb(maxBytes)}`,
      { file },
    );
  }
  const kind = sniff(buf);
  let result: ReadResult;
  let real: Kind;
  switch (kind) {
    case "empty":
      throw invalid("文件是空的（0 字节）", "the file is empty (0 bytes)", { file });
    case "zip": {
      real = zipKind(buf, file, opts.limits);
      result = real === "docx" ? readDocx(buf, file, opts.limits) : readXlsx(buf, file, opts.limits);
      break;
    }
    case "pdf":
      real = "pdf";
      result = await readPdf(buf, file, opts.pdf);
      break;
    case "ole": {
      const k = oleKind(buf);
      if (k === "encrypted")
        throw invalid(
          "文件设有打开密码（已加密），请取消密码后另存再上传",
          "the file is password-protected (encrypted); remove the password, save and retry",
          { file },
        );
      const what = describeSniffed(buf);
      throw invalid(
        `这是${what.zh}，属于旧版格式；请在 Word / Excel / WPS 中另存为 .docx / .xlsx 后再上传`,
        `this is ${what.en}, an old format; save it as .docx / .xlsx in Word / Excel / WPS and retry`,
        { file },
      );
    }
    case "rtf":
    case "spreadsheet-2003-xml":
    case "word-2003-xml":
    case "mht":
    case "xml":
    case "image":
    case "archive": {
      const what = describeSniffed(buf);
      throw invalid(
        `无法读取：内容是${what.zh}；请另存为 .docx / .xlsx 后再上传`,
        `cannot read this: the content is ${what.en}; save it as .docx / .xlsx and retry`,
        { file },
      );
    }
    default: {
      const decoded = decodeText(buf);
      if (looksBinary(decoded.text)) {
        throw invalid(
          "无法识别的文件格式（既不是 Word / Excel / PDF，也不是文本）",
          "unrecognised file format (not Word / Excel / PDF, and not text)",
          { file },
        );
      }
      if (kind === "html") {
        real = "html";
        result = readPastedHtml(decoded.text, file);
      } else {
        real = "text";
        result = { file, format: "text", text: decoded.text, encoding: decoded.encoding };
        if (decoded.lossy)
          addNote(result, {
            text: {
              zh: "文件中有无法识别的字符，已用 � 代替",
              en: "the file holds bytes that are not valid text; they were replaced with �",
            },
            location: { file },
          });
        if (decoded.encoding !== "utf-8")
          addNote(result, {
            text: { zh: `文本编码为 ${decoded.encoding}`, en: `the text encoding is ${decoded.encoding}` },
            location: { file },
          });
      }
    }
  }
  const ext = extensionOf(file);
  if (!EXPECTED_EXT[real].includes(ext))
    addNote(result, {
      text: {
        zh: `文件扩展名为「.${ext}」，但内容是${KIND_NAME[real].zh}，已按内容读取`,
        en: `the file is named ".${ext}" but holds ${KIND_NAME[real].en}; it was read by its content`,
      },
      location: { file },
    });
  return result;
}

function addNote(doc: ReadResult, note: DocumentNote): void {
  doc.notes ??= [];
  doc.notes.push(note);
}

export { readDocx } from "./docx.ts";
export { type DecodedText, decodeText, type TextEncodingName } from "./encoding.ts";
export { readPaste, readPastedHtml, readPastedTsv, splitTsv } from "./paste.ts";
export { layoutTextToBlocks, readPdf } from "./pdf.ts";
export { describeSniffed, sniff } from "./sniff.ts";
export { numberText, readXlsx, serialToIso } from "./xlsx.ts";
export { parseXml, parseXmlTree } from "./xml.ts";
export { DEFAULT_ZIP_LIMITS, openZip, type ZipLimits } from "./zip.ts";
