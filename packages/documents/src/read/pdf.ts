/**
 * PDF files with a text layer, through poppler's `pdftotext -layout` (a separate process with a timeout).
 *
 * Table recognition is deliberately small: a line with at least two runs of two or more spaces is read as a
 * row of cells (split on those runs); consecutive such lines form a table. Everything else is a paragraph.
 * Scanned PDFs (no text layer) are refused with a clear message: there is no OCR here.
 */
import { execFile } from "node:child_process";
import type { Block, SourceDocument } from "../model/table.ts";
import { baseName, invalid } from "./errors.ts";
import { pdfWordPages, positionedBlocks } from "./pdf-words.ts";

export interface PdfOptions {
  /** Milliseconds before pdftotext is stopped. Default 30 s. */
  timeoutMs?: number;
  /** The pdftotext executable. Default "pdftotext" on the PATH. */
  command?: string;
  /** Largest text output accepted, bytes. Default 64 MB. */
  maxOutputBytes?: number;
}

export async function pdfToLayoutText(buf: Uint8Array, file: string, opts: PdfOptions = {}): Promise<string> {
  const command = opts.command ?? "pdftotext";
  const timeout = opts.timeoutMs ?? 30_000;
  return await new Promise<string>((resolve, reject) => {
    const child = execFile(
      command,
      ["-layout", "-enc", "UTF-8", "-q", "-", "-"],
      { timeout, maxBuffer: opts.maxOutputBytes ?? 64 * 1024 * 1024, encoding: "buffer", killSignal: "SIGKILL" },
      (err, stdout) => {
        if (err) {
          const e = err as Error & { killed?: boolean; code?: string | number | null };
          if (e.code === "ENOENT")
            return reject(
              invalid(
                "服务器未安装 pdftotext（poppler-utils），无法读取 PDF；请安装后重试，或上传 Word / Excel 文件",
                "pdftotext (poppler-utils) is not installed on the server, so PDFs cannot be read; install it, or upload the Word / Excel file",
                { file },
              ),
            );
          if (e.killed || e.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")
            return reject(
              invalid(
                "读取 PDF 超时或内容过多，已停止",
                "reading the PDF took too long or produced too much text; stopped",
                { file },
              ),
            );
          if (e.code === 3)
            return reject(
              invalid("PDF 设有权限限制，无法提取文字", "the PDF's permissions forbid extracting its text", { file }),
            );
          return reject(
            invalid(
              "无法读取 PDF：文件已损坏或设有密码",
              "the PDF cannot be read: it is damaged or password-protected",
              { file },
            ),
          );
        }
        resolve(new TextDecoder("utf-8").decode(stdout as unknown as Uint8Array));
      },
    );
    child.stdin?.on("error", () => {
      // pdftotext may exit before reading all of stdin (a broken file); the exit code tells the story.
    });
    child.stdin?.end(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  });
}

/** Split pdftotext layout output into paragraphs and simple tables, page by page. */
export function layoutTextToBlocks(text: string, file: string): Block[] {
  const blocks: Block[] = [];
  const pages = text.split("\f");
  // the right edge of the text: the widest line of the document (a page of short lines has no edge of its own)
  const right = text.split(/\r?\n|\f/).reduce((w, l) => Math.max(w, width(l.trimEnd())), 0);
  let tableCount = 0;
  pages.forEach((pageText, p) => {
    const page = p + 1;
    const lines = pageText.split(/\r?\n/);
    /** The paragraph the previous line was, while the next line may continue it (a wrapped line). */
    let open: { block: { text: string }; line: number } | undefined;
    let rows: string[][] = [];
    let rowLines: number[] = [];
    const flush = () => {
      if (rows.length === 0) return;
      if (rows.length === 1) {
        blocks.push({ type: "paragraph", text: rows[0]!.join("\t"), location: { file, page, row: rowLines[0] } });
      } else {
        const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
        blocks.push({
          type: "table",
          table: {
            rows: rows.map((r) => {
              const cells = r.map((t) => ({ text: t }));
              while (cells.length < width) cells.push({ text: "" });
              return cells;
            }),
            location: { file, page, table: ++tableCount },
            sourceRows: rowLines,
          },
        });
      }
      rows = [];
      rowLines = [];
    };
    lines.forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === "") {
        flush();
        open = undefined;
        return;
      }
      const gaps = trimmed.match(/ {2,}|\t/g)?.length ?? 0;
      if (gaps >= 2) {
        rows.push(trimmed.split(/ {2,}|\t/).map((s) => s.trim()));
        rowLines.push(i + 1);
        open = undefined;
      } else {
        flush();
        const text = trimmed.replace(/ {2,}/g, " ");
        if (open && open.line === i - 1 && continues(lines[i - 1]!, line, right)) {
          open.block.text = joinWrapped(open.block.text, text);
          open.line = i;
          return;
        }
        const block = { type: "paragraph" as const, text, location: { file, page, row: i + 1 } };
        blocks.push(block);
        open = { block, line: i };
      }
    });
    flush();
  });
  return blocks;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** How wide a line prints: Chinese and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += CJK.test(ch) ? 2 : 1;
  return w;
}

/**
 * A line of running text continues the one above when the text was wrapped by the page, not broken by the writer:
 * the line above runs (nearly) to the right edge of the page's text and does not end a sentence, and this line
 * starts at the left margin (a new paragraph is indented, 首行缩进, or follows a short line).
 */
function continues(above: string, line: string, right: number): boolean {
  if (/^\s/.test(line)) return false;
  const prev = above.trimEnd();
  if (right === 0 || width(prev) < right * 0.85) return false;
  return !/[。！？!?：:；;]$/.test(prev);
}

/** Joins a wrapped line to its paragraph: no space in Chinese text or inside a number (`1` + `6865.24`), else one. */
function joinWrapped(before: string, after: string): string {
  const a = before.at(-1) ?? "";
  const b = after[0] ?? "";
  const tight = CJK.test(a) || CJK.test(b) || (/[\d.,]/.test(a) && /[\d.,%]/.test(b));
  return tight ? `${before}${after}` : `${before} ${after}`;
}

export async function readPdf(buf: Uint8Array, fileName: string, opts: PdfOptions = {}): Promise<SourceDocument> {
  const file = baseName(fileName);
  const text = await pdfToLayoutText(buf, file, opts);
  if (text.replace(/[\s\f]/g, "") === "")
    throw invalid(
      "PDF 中没有文字层（可能是扫描件），无法读取；请上传 Word / Excel 原件",
      "the PDF has no text layer (probably a scan) and cannot be read; upload the Word / Excel original",
      { file },
    );
  const doc: SourceDocument = { file, format: "pdf", blocks: layoutTextToBlocks(text, file) };
  // the words' positions, for tables whose cells the layout text ran together (narrow columns)
  const pages = await pdfWordPages(buf, opts);
  if (pages) doc.positioned = positionedBlocks(pages, file);
  return doc;
}
