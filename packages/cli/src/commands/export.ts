/**
 * `jixiao export <file|json> --as <document> --format xlsx|docx|pdf -o <out>`: writes an official document.
 * The input is a legacy document (docx, xlsx, pdf, or text extracted from Word / PDF — imported on the fly, as
 * `jixiao import` reads it) or a normalised JSON (what `jixiao import --json` prints, or its `document`).
 * `--as` picks the layout when the input holds several (seed 001: the disclosure and its goal tables); by
 * default the document's main kind. `--format` defaults to the output's extension.
 *
 * Exit codes: 0 written; 1 the input cannot be read, holds nothing to export or the PDF cannot be made;
 * 2 usage errors (unknown option, --as or --format).
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { DomainError } from "@jixiao/core";
import {
  chooseLayout,
  EXPORT_FORMATS,
  type ExportFormat,
  exportDocument,
  type ImportedDocument,
  ImportedDocumentSchema,
  importDocument,
  isLayout,
  LAYOUT_NAMES,
  LAYOUTS,
  layoutsFor,
  type PdfEngine,
  readDocument,
  readExtractedText,
  type SourceDocument,
} from "@jixiao/documents";
import { parseArgs, UsageError } from "../args.ts";
import type { Io } from "../run.ts";

const USAGE = `用法 usage: jixiao export <文件或JSON file|json> --as <文档 document> --format xlsx|docx|pdf -o <输出 out>
  文档 documents (--as):
${LAYOUTS.map((l) => `    ${l.padEnd(40)} ${LAYOUT_NAMES[l].zh}`).join("\n")}
  --format  xlsx | docx | pdf（默认取输出文件的扩展名 / default: the output's extension）
  -o, --out 输出文件或目录（默认当前目录下的标准文件名）/ output file or folder (default: a standard name here)
  --pdf-engine libreoffice | pdfmake   PDF 引擎（默认自动）/ PDF engine (default: automatic)
`;

class Failure extends Error {}

export async function main(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const normalised = args.map((a) => (a === "-o" ? "--out" : a.startsWith("-o=") ? `--out=${a.slice(3)}` : a));
    parsed = parseArgs(normalised, { options: ["as", "format", "out", "output", "pdf-engine"] });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (parsed.positional.length !== 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  const as = parsed.options.get("as");
  if (as !== undefined && !isLayout(as)) {
    io.stderr.write(`未知文档类型 unknown document: ${as}\n${USAGE}`);
    return 2;
  }
  const out = parsed.options.get("out") ?? parsed.options.get("output");
  const formatArg = parsed.options.get("format") ?? (out ? extensionFormat(out) : undefined);
  if (formatArg === undefined) {
    io.stderr.write(`请用 --format 指定格式 / give --format (xlsx, docx or pdf)\n${USAGE}`);
    return 2;
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(formatArg)) {
    io.stderr.write(`未知格式 unknown format: ${formatArg}（可选 xlsx、docx、pdf / one of xlsx, docx, pdf）\n${USAGE}`);
    return 2;
  }
  const format = formatArg as ExportFormat;
  const engineArg = parsed.options.get("pdf-engine");
  if (engineArg !== undefined && engineArg !== "libreoffice" && engineArg !== "pdfmake") {
    io.stderr.write(`未知 PDF 引擎 unknown PDF engine: ${engineArg}（libreoffice | pdfmake）\n`);
    return 2;
  }
  const path = parsed.positional[0]!;

  try {
    const doc = await load(path);
    const layouts = layoutsFor(doc);
    const layout = chooseLayout(doc, as);
    if (as === undefined && layouts.length > 1) {
      io.stderr.write(
        `文档含多种内容，按「${LAYOUT_NAMES[layout].zh}」导出；可用 --as 选择：${layouts.join("、")}\n` +
          `The document holds several; exporting ${layout}. Choose with --as: ${layouts.join(", ")}\n`,
      );
    }
    const result = await exportDocument(doc, {
      as: layout,
      format,
      ...(engineArg ? { pdf: { engine: engineArg as PdfEngine } } : {}),
    });
    const target = await outputPath(out, result.fileName);
    await writeFile(target, result.data);
    io.stdout.write(
      `已导出 exported: ${target}\n  ${LAYOUT_NAMES[layout].zh} (${layout})，${format.toUpperCase()}${result.engine ? `（${result.engine}）` : ""}，${result.data.length} 字节 bytes\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof DomainError) {
      io.stderr.write(`无法导出 cannot export: ${e.describe("zh")}\n${e.describe("en")}\n`);
      return 1;
    }
    if (e instanceof Failure) {
      io.stderr.write(`${e.message}\n`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code === "ENOENT" || err?.code === "EISDIR" || err?.code === "EACCES" || err?.code === "ENOTDIR") {
      io.stderr.write(`无法读写文件 cannot read or write: ${err.path ?? path} (${err.code})\n`);
      return 1;
    }
    throw e;
  }
}

function extensionFormat(file: string): string | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(file);
  return m ? m[1]!.toLowerCase() : undefined;
}

async function outputPath(out: string | undefined, fileName: string): Promise<string> {
  if (out === undefined) return fileName;
  const s = await stat(out).catch(() => undefined);
  return s?.isDirectory() ? join(out, fileName) : out;
}

/** The normalised document: from JSON (an import result or its document) or by importing the file. */
async function load(path: string): Promise<ImportedDocument> {
  const buf = new Uint8Array(await readFile(path));
  const head = new TextDecoder()
    .decode(buf.subarray(0, 64))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (/\.json$/i.test(path) || head.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(buf).replace(/^\uFEFF/, ""));
    } catch (e) {
      throw new Failure(`JSON 无法解析 invalid JSON: ${(e as Error).message}`);
    }
    const candidate =
      json && typeof json === "object" && "document" in json ? (json as { document: unknown }).document : json;
    const parsed = ImportedDocumentSchema.safeParse(candidate);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `  ${i.path.join(".") || "(根 root)"}: ${i.message}`)
        .join("\n");
      throw new Failure(
        `JSON 不是规范化文档（jixiao import --json 的输出）/ the JSON is not a normalised document (as jixiao import --json prints):\n${issues}`,
      );
    }
    return parsed.data;
  }
  const read = await readDocument(buf, basename(path));
  let source: SourceDocument;
  if (read.format === "text") {
    source = readExtractedText(read.text, read.file);
  } else source = read;
  const result = importDocument(source);
  if (result.kind === null)
    throw new Failure(
      `无法识别文档类型，没有可导出的内容（用 jixiao import 查看原因）/ the document was not recognised; nothing to export (see jixiao import)`,
    );
  return result.document;
}
