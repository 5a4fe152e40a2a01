/**
 * PDF: the docx rendered by LibreOffice headless where it is installed (the same pages Word prints; LibreOffice
 * embeds the CJK font it substitutes), else drawn directly with pdfmake and the Noto CJK TrueType collection,
 * else a plain error saying that neither is available.
 *
 * LibreOffice: each conversion gets its own profile folder (`-env:UserInstallation`): two conversions sharing a
 * profile make the second one silently write nothing. A conversion that takes longer than the timeout is killed.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { DomainError } from "@jixiao/core";
import { withTitles, xmlSafe } from "./format.ts";
import type { WCell, WDocument, WTable } from "./model.ts";

export type PdfEngine = "libreoffice" | "pdfmake";

export interface PdfOptions {
  /** Force an engine (tests); by default LibreOffice when found, else pdfmake. */
  engine?: PdfEngine;
  /** LibreOffice binary; default `soffice` / `libreoffice` on the PATH (or JIXIAO_SOFFICE). */
  soffice?: string;
  /** Milliseconds before a LibreOffice conversion is killed (default 120 s). */
  timeoutMs?: number;
  /** CJK font collections for pdfmake (first found wins). */
  fontPaths?: string[];
}

/** Where Debian's fonts-noto-cjk puts the collections, and the face pdfmake loads from each. */
const CJK_FONTS: [string, string][] = [
  ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular"],
  ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"],
  ["/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"],
];

export function findSoffice(explicit?: string): string | undefined {
  const wanted = explicit ?? process.env.JIXIAO_SOFFICE;
  if (wanted) return existsSync(wanted) ? wanted : undefined;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      const p = join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return undefined;
}

export function findCjkFont(paths?: string[]): [string, string] | undefined {
  if (paths) {
    for (const p of paths)
      if (existsSync(p)) return [p, /Serif/.test(p) ? "NotoSerifCJKsc-Regular" : "NotoSansCJKsc-Regular"];
    return undefined;
  }
  return CJK_FONTS.find(([p]) => existsSync(p));
}

/** Which engine would render a PDF here, or undefined when none can. */
export function pdfEngine(opts: PdfOptions = {}): PdfEngine | undefined {
  if (opts.engine === "libreoffice") return findSoffice(opts.soffice) ? "libreoffice" : undefined;
  if (opts.engine === "pdfmake") return findCjkFont(opts.fontPaths) ? "pdfmake" : undefined;
  if (findSoffice(opts.soffice)) return "libreoffice";
  if (findCjkFont(opts.fontPaths)) return "pdfmake";
  return undefined;
}

function unavailable(): DomainError {
  return new DomainError("invalid_input", {
    zh: "无法生成 PDF：本机既没有安装 LibreOffice（soffice），也没有找到中文字体（fonts-noto-cjk）。请安装 libreoffice-writer-nogui 或 fonts-noto-cjk，或改为导出 docx / xlsx。",
    en: "Cannot produce a PDF: neither LibreOffice (soffice) nor a CJK font (fonts-noto-cjk) is installed here. Install libreoffice-writer-nogui or fonts-noto-cjk, or export docx / xlsx instead.",
  });
}

/** The PDF of a page model, from its docx when LibreOffice renders it. */
export async function writePdf(
  doc: WDocument,
  docx: () => Promise<Uint8Array>,
  opts: PdfOptions = {},
): Promise<{ pdf: Uint8Array; engine: PdfEngine }> {
  const engine = pdfEngine(opts);
  if (engine === "libreoffice") return { pdf: await convertWithLibreOffice(await docx(), opts), engine };
  if (engine === "pdfmake") return { pdf: await drawWithPdfmake(doc, findCjkFont(opts.fontPaths)!), engine };
  throw unavailable();
}

export async function convertWithLibreOffice(docx: Uint8Array, opts: PdfOptions = {}): Promise<Uint8Array> {
  const soffice = findSoffice(opts.soffice);
  if (!soffice) throw unavailable();
  const dir = await mkdtemp(join(tmpdir(), "jixiao-pdf-"));
  try {
    const input = join(dir, "document.docx");
    await writeFile(input, docx);
    await writeProfile(join(dir, "profile"));
    const profile = pathToFileURL(join(dir, "profile")).href;
    const args = [
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--nodefault",
      `-env:UserInstallation=${profile}`,
      "--convert-to",
      "pdf:writer_pdf_Export",
      "--outdir",
      dir,
      input,
    ];
    const timeoutMs = opts.timeoutMs ?? 120_000;
    const result = await new Promise<{ code: number | null; stderr: string; timedOut: boolean }>((resolve, reject) => {
      const child = spawn(soffice, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
      let stderr = "";
      let timedOut = false;
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      child.stdout.on("data", () => {});
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          // The whole process group: soffice starts oosplash and soffice.bin.
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }, timeoutMs);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stderr, timedOut });
      });
    });
    const output = join(dir, "document.pdf");
    if (result.timedOut)
      throw new DomainError("invalid_input", {
        zh: `LibreOffice 转换 PDF 超时（${Math.round(timeoutMs / 1000)} 秒），已中止`,
        en: `LibreOffice did not finish the PDF conversion within ${Math.round(timeoutMs / 1000)} s; it was stopped`,
      });
    if (!existsSync(output))
      throw new DomainError("invalid_input", {
        zh: `LibreOffice 未能生成 PDF（退出码 ${result.code}）：${result.stderr.trim().slice(0, 300)}`,
        en: `LibreOffice produced no PDF (exit code ${result.code}): ${result.stderr.trim().slice(0, 300)}`,
      });
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The fonts official documents name, replaced by the Noto CJK faces Debian installs when they are missing (the
 * usual case on a server): 宋体 and 仿宋 by Noto Serif CJK SC, 黑体 by Noto Sans CJK SC. Without this table
 * LibreOffice falls back glyph by glyph, often to the Japanese variant, whose forms of some characters differ.
 */
const REPLACEMENTS: [string, string][] = [
  ["宋体", "Noto Serif CJK SC"],
  ["SimSun", "Noto Serif CJK SC"],
  ["仿宋", "Noto Serif CJK SC"],
  ["仿宋_GB2312", "Noto Serif CJK SC"],
  ["FangSong", "Noto Serif CJK SC"],
  ["黑体", "Noto Sans CJK SC"],
  ["SimHei", "Noto Sans CJK SC"],
];

async function writeProfile(profileDir: string): Promise<void> {
  const user = join(profileDir, "user");
  await mkdir(user, { recursive: true });
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const prop = (name: string, value: string) =>
    `<prop oor:name="${name}" oor:op="fuse"><value>${esc(value)}</value></prop>`;
  const pairs = REPLACEMENTS.map(
    ([from, to], i) =>
      `<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs"><node oor:name="_${i}" oor:op="replace">${prop("Always", "true")}${prop("OnScreenOnly", "false")}${prop("ReplaceFont", from)}${prop("SubstituteFont", to)}</node></item>`,
  ).join("\n");
  const xcu = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Font/Substitution">${prop("Replacement", "true")}</item>
${pairs}
</oor:items>
`;
  await writeFile(join(user, "registrymodifications.xcu"), xcu);
}

// ---------------------------------------------------------------------------------------------------------------
// pdfmake, directly from the page model.

type PdfContent = Record<string, unknown>;

export async function drawWithPdfmake(page: WDocument, fontFace: [string, string]): Promise<Uint8Array> {
  const doc = withTitles(page);
  const require = createRequire(import.meta.url);
  const pdfmake = require("pdfmake") as {
    setFonts(f: unknown): void;
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    setLocalAccessPolicy?(cb: (path: string) => boolean): void;
    createPdf(d: unknown): { getBuffer(): Promise<Buffer> };
  };
  const face = [fontFace[0], fontFace[1]];
  pdfmake.setFonts({ CJK: { normal: face, bold: face, italics: face, bolditalics: face } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy?.((p) => p === fontFace[0]);
  const content: PdfContent[] = [];
  doc.sections.forEach((s, i) => {
    const first: PdfContent[] = [];
    for (const b of s.blocks) {
      if (b.type === "paragraph") {
        const title = b.style === "title";
        first.push({
          text: xmlSafe(b.text),
          fontSize: title ? 16 : b.style === "heading" ? 13 : 11,
          bold: title,
          alignment: b.align ?? (title ? "center" : "left"),
          margin: [0, title ? 6 : 2, 0, title ? 10 : 4],
        });
      } else first.push(pdfTable(b.table));
    }
    if (i > 0 && first.length > 0) {
      first[0] = { ...first[0], pageBreak: "before", pageOrientation: s.orientation };
    }
    content.push(...first);
  });
  const definition = {
    info: { title: xmlSafe(doc.title), creator: "Jixiao 绩效" },
    pageSize: "A4",
    pageOrientation: doc.sections[0]?.orientation ?? "portrait",
    pageMargins: [40, 40, 40, 40],
    defaultStyle: { font: "CJK", fontSize: 9 },
    content,
  };
  const buf = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buf);
}

function pdfTable(t: WTable): PdfContent {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const body = t.rows.map((row) =>
    row.map((cell: WCell | null) => {
      if (!cell) return {};
      const out: PdfContent = {
        text: xmlSafe(cell.text),
        alignment: cell.align ?? (cell.numeric ? "right" : "left"),
        bold: cell.bold ?? false,
      };
      if (cell.colSpan && cell.colSpan > 1) out.colSpan = cell.colSpan;
      if (cell.rowSpan && cell.rowSpan > 1) out.rowSpan = cell.rowSpan;
      return out;
    }),
  );
  return {
    table: {
      headerRows: t.repeat && t.repeat.start === 0 ? t.repeat.count : 0,
      widths: t.widths.map((w) => `${((w / total) * 100).toFixed(2)}%`),
      body,
      dontBreakRows: true,
    },
    margin: [0, 0, 0, 8],
  };
}
