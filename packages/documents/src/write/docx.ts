/**
 * docx renderer (the `docx` library): one Word section per page-model section (a new page, A4 portrait or
 * landscape), real tables with merged cells (gridSpan / vMerge), leading header rows marked `tableHeader` so that
 * Word and LibreOffice repeat them on each page, rows that do not split across pages.
 *
 * Fonts: Chinese text in 宋体 (forms) or 仿宋 (report text) through the run's eastAsia font attribute, Latin text
 * and digits in Times New Roman; where these fonts are missing Word and LibreOffice substitute (LibreOffice picks
 * Noto CJK through fontconfig, which is what the PDF embeds).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { withTitles, xmlSafe } from "./format.ts";
import type { Align, WCell, WDocument, WParagraph, WSection, WTable } from "./model.ts";

/** A4 in twentieths of a point, margins 2 cm / 1.8 cm. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1020, right: 1020 };

const LATIN = "Times New Roman";
const SONG = "宋体";
const FANGSONG = "仿宋";
const HEI = "黑体";

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

function font(eastAsia: string) {
  return { ascii: LATIN, hAnsi: LATIN, eastAsia, cs: LATIN };
}

/** Chinese (PRC) text: fonts with language variants (Noto CJK) show the simplified-Chinese glyph forms. */
const LANGUAGE = { value: "zh-CN", eastAsia: "zh-CN" };

/**
 * The document as the `docx` library writes it: every part of the package built through its object model. The
 * reference for `writeDocx` (test/write/docx-fast.test.ts checks that both give the same parts), and what
 * `writeDocx` falls back to for a page it does not write itself.
 */
export async function writeDocxWithLibrary(page: WDocument): Promise<Uint8Array> {
  const doc = withTitles(page);
  const body = doc.bodyFont === "fangsong" ? FANGSONG : SONG;
  const buf = await Packer.toBuffer(
    libraryDocument(
      xmlSafe(doc.title),
      doc.sections.map((s) => section(s, body)),
    ),
  );
  return new Uint8Array(buf);
}

function libraryDocument(title: string, sections: ReturnType<typeof section>[]): Document {
  return new Document({
    creator: "Jixiao 绩效",
    title,
    styles: {
      default: {
        document: { run: { font: font(SONG), size: 21, language: LANGUAGE }, paragraph: { spacing: { line: 300 } } },
      },
    },
    sections,
  });
}

/**
 * The docx: the same package the `docx` library writes (`writeDocxWithLibrary`), made faster (issue 14: 64 ms of CPU
 * a document in a province's batch). The parts that do not depend on the page (styles, numbering, settings, fonts,
 * theme, relationships, content types) are the library's own, made once; `word/document.xml` is written here as
 * text, element for element what the library writes for the pages the layouts make; docProps/core.xml is the
 * library's with the title and the time. A page outside what this writer knows (an empty section, a merge that
 * does not fit the grid) goes through the library.
 */
export async function writeDocx(page: WDocument): Promise<Uint8Array> {
  const doc = withTitles(page);
  const body = doc.bodyFont === "fangsong" ? FANGSONG : SONG;
  const xml = documentXml(doc, body);
  if (xml === undefined) return writeDocxWithLibrary(doc);
  const t = await template();
  const now = new Date().toISOString();
  const core = t.core
    .replace(TITLE_MARK, escapeText(xmlSafe(doc.title)))
    .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${now}`);
  const files: Record<string, Uint8Array> = {};
  for (const [path, data] of t.parts)
    files[path] =
      path === "word/document.xml"
        ? strToU8(t.documentHead + xml)
        : path === "docProps/core.xml"
          ? strToU8(core)
          : data;
  return zipSync(files);
}

// ---- The fast writer's parts ---------------------------------------------------------------------------------

const TITLE_MARK = "JIXIAO-TITLE-7f3a9c";

interface Template {
  /** Every part of the library's package, in its order. */
  parts: [string, Uint8Array][];
  /** document.xml up to and including `<w:body>`. */
  documentHead: string;
  core: string;
}

let templateMade: Promise<Template> | undefined;
function template(): Promise<Template> {
  templateMade ??= (async () => {
    const buf = await Packer.toBuffer(
      libraryDocument(TITLE_MARK, [section({ name: "", orientation: "portrait", blocks: [] }, SONG)]),
    );
    const files = unzipSync(new Uint8Array(buf));
    const parts = Object.entries(files);
    const document = strFromU8(files["word/document.xml"]!);
    const head = document.slice(0, document.indexOf("<w:body>") + "<w:body>".length);
    return { parts, documentHead: head, core: strFromU8(files["docProps/core.xml"]!) };
  })();
  return templateMade;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const escapeText = (s: string) => (/[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s);

const sectPr = (landscape: boolean) =>
  `<w:sectPr><w:pgSz w:w="${landscape ? A4.height : A4.width}" w:h="${landscape ? A4.width : A4.height}" w:orient="${landscape ? "landscape" : "portrait"}"/><w:pgMar w:top="${MARGIN.top}" w:right="${MARGIN.right}" w:bottom="${MARGIN.bottom}" w:left="${MARGIN.left}" w:header="708" w:footer="708" w:gutter="0"/><w:pgNumType/><w:docGrid w:linePitch="360"/></w:sectPr>`;

const BORDER_XML = (side: string) => `<w:${side} w:val="single" w:color="000000" w:sz="4"/>`;
const TABLE_BORDERS = `<w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(BORDER_XML).join("")}</w:tblBorders>`;
const CELL_MARGINS =
  '<w:tcMar><w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="40"/><w:right w:type="dxa" w:w="80"/></w:tcMar><w:vAlign w:val="center"/>';
const LANG_XML = '<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>';
const EMPTY_PARAGRAPH = '<w:p><w:pPr><w:spacing w:after="0" w:before="0"/></w:pPr>';

/** document.xml after `<w:body>`, or undefined for a page this writer leaves to the library (exported for tests). */
export function documentXml(doc: WDocument, body: string): string | undefined {
  const out: string[] = [];
  const last = doc.sections.length - 1;
  for (const [k, s] of doc.sections.entries()) {
    const landscape = s.orientation === "landscape";
    if (s.blocks.length === 0) return undefined;
    const usable = (landscape ? A4.height : A4.width) - MARGIN.left - MARGIN.right;
    // A section's properties go into its last paragraph's pPr; the last section's close the body.
    const closing = k < last ? sectPr(landscape) : "";
    for (const [i, b] of s.blocks.entries()) {
      const end = i === s.blocks.length - 1 ? closing : "";
      if (b.type === "paragraph") {
        const p = paragraphXml(b, body, end);
        if (p === undefined) return undefined;
        out.push(p);
      } else {
        const t = tableXml(b.table, usable);
        if (t === undefined) return undefined;
        out.push(t, EMPTY_PARAGRAPH.replace("</w:pPr>", `${end}</w:pPr>`), "</w:p>");
      }
    }
    if (k === last) out.push(sectPr(landscape));
  }
  out.push("</w:body></w:document>");
  return out.join("");
}

function paragraphXml(b: WParagraph, body: string, sect: string): string | undefined {
  const title = b.style === "title";
  const heading = b.style === "heading" || b.style === "subtitle";
  const size = title ? 36 : heading ? 30 : b.style === "note" ? 21 : 28;
  const eastAsia = title ? HEI : heading ? HEI : body;
  const align = b.align ?? (title ? "center" : "left");
  const before = title ? 240 : 60;
  const line = title ? 360 : 400;
  const indent = b.style === "body" && align === "left" ? '<w:ind w:firstLine="560"/>' : "";
  const rPr = `<w:rPr><w:rFonts w:ascii="${LATIN}" w:cs="${LATIN}" w:eastAsia="${eastAsia}" w:hAnsi="${LATIN}"/>${title ? "<w:b/><w:bCs/>" : '<w:b w:val="false"/><w:bCs w:val="false"/>'}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>${LANG_XML}</w:rPr>`;
  const runs = xmlSafe(b.text)
    .split("\n")
    .map((line, i) => `<w:r>${rPr}${i > 0 ? "<w:br/>" : ""}<w:t xml:space="preserve">${escapeText(line)}</w:t></w:r>`)
    .join("");
  return `<w:p><w:pPr><w:spacing w:after="${before}" w:before="${before}" w:line="${line}"/>${indent}<w:jc w:val="${align}"/>${sect}</w:pPr>${runs}</w:p>`;
}

function tableXml(t: WTable, usable: number): string | undefined {
  if (t.rows.length === 0) return undefined;
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / total) * usable));
  const repeat = t.repeat && t.repeat.start === 0 ? t.repeat.count : 0;
  const span = (j: number, n: number) => {
    let w = 0;
    for (let x = j; x < j + n && x < widths.length; x++) w += widths[x]!;
    return w;
  };
  const out: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${widths.reduce((a, b) => a + b, 0)}"/>${TABLE_BORDERS}<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`,
  ];
  for (const w of widths) out.push(`<w:gridCol w:w="${w}"/>`);
  out.push("</w:tblGrid>");
  // Cells merged down: the library writes a continuing cell (vMerge continue) in each row below, where the
  // model has its null, with the merged cell's width, span and alignment.
  const down = new Map<number, { cell: WCell; rows: number }>();
  for (const [i, row] of t.rows.entries()) {
    const cells: string[] = [];
    const lastRow = i === t.rows.length - 1;
    const next = new Map<number, { cell: WCell; rows: number }>();
    for (let j = 0; j < row.length; ) {
      const cont = down.get(j);
      const cell = row[j];
      if (cont) {
        if (cell) return undefined;
        const n = cont.cell.colSpan ?? 1;
        const align = cont.cell.align ?? (cont.cell.numeric ? "right" : "left");
        cells.push(
          `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${span(j, n)}"/>${cont.cell.colSpan ? `<w:gridSpan w:val="${cont.cell.colSpan}"/>` : ""}<w:vMerge w:val="continue"/>${CELL_MARGINS}</w:tcPr><w:p><w:pPr><w:jc w:val="${align}"/></w:pPr></w:p></w:tc>`,
        );
        if (cont.rows > 1 && !lastRow) next.set(j, { cell: cont.cell, rows: cont.rows - 1 });
        j += n;
        continue;
      }
      if (!cell) {
        j++;
        continue;
      }
      const n = cell.colSpan ?? 1;
      cells.push(cellXml(cell, span(j, n)));
      if (cell.rowSpan && cell.rowSpan > 1 && !lastRow) next.set(j, { cell, rows: cell.rowSpan - 1 });
      j += n;
    }
    for (const j of down.keys()) if (j >= row.length) return undefined;
    down.clear();
    for (const [j, c] of next) down.set(j, c);
    if (cells.length === 0) continue;
    out.push(
      `<w:tr><w:trPr><w:cantSplit/>${i < repeat ? "<w:tblHeader/>" : '<w:tblHeader w:val="off"/>'}</w:trPr>`,
      ...cells,
      "</w:tr>",
    );
  }
  out.push("</w:tbl>");
  return out.join("");
}

function cellXml(cell: WCell, width: number): string {
  const align = cell.align ?? (cell.numeric ? "right" : "left");
  const rPr = cell.bold
    ? '<w:rPr><w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
    : '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>';
  const pPr = `<w:pPr><w:spacing w:after="0" w:before="0" w:line="260"/><w:jc w:val="${align}"/></w:pPr>`;
  const paragraphs = xmlSafe(cell.text)
    .split("\n")
    .map((line) => `<w:p>${pPr}<w:r>${rPr}<w:t xml:space="preserve">${escapeText(line)}</w:t></w:r></w:p>`)
    .join("");
  const merge = cell.rowSpan && cell.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : "";
  const gridSpan = cell.colSpan ? `<w:gridSpan w:val="${cell.colSpan}"/>` : "";
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${gridSpan}${merge}${CELL_MARGINS}</w:tcPr>${paragraphs}</w:tc>`;
}

function section(s: WSection, body: string) {
  const landscape = s.orientation === "landscape";
  const usable = (landscape ? A4.height : A4.width) - MARGIN.left - MARGIN.right;
  const children: (Paragraph | Table)[] = [];
  for (const b of s.blocks) {
    if (b.type === "paragraph") children.push(paragraph(b, body));
    else {
      children.push(table(b.table, usable));
      // Word needs a paragraph between two tables, or it joins them.
      children.push(new Paragraph({ children: [], spacing: { before: 0, after: 0 } }));
    }
  }
  return {
    properties: {
      page: {
        size: {
          width: A4.width,
          height: A4.height,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: MARGIN,
      },
    },
    children,
  };
}

function paragraph(b: WParagraph, body: string): Paragraph {
  const title = b.style === "title";
  const heading = b.style === "heading" || b.style === "subtitle";
  const size = title ? 36 : heading ? 30 : b.style === "note" ? 21 : 28;
  const eastAsia = title ? HEI : heading ? HEI : body;
  const align = b.align ?? (title ? "center" : "left");
  return new Paragraph({
    alignment: ALIGN[align],
    spacing: { before: title ? 240 : 60, after: title ? 240 : 60, line: title ? 360 : 400 },
    indent: b.style === "body" && align === "left" ? { firstLine: 560 } : undefined,
    children: runs(b.text, { size, font: font(eastAsia), bold: title }),
  });
}

function runs(text: string, opts: { size: number; font: ReturnType<typeof font>; bold?: boolean }): TextRun[] {
  return xmlSafe(text)
    .split("\n")
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, language: LANGUAGE, ...opts }));
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

function table(t: WTable, usable: number): Table {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / total) * usable));
  const repeat = t.repeat && t.repeat.start === 0 ? t.repeat.count : 0;
  const rows = t.rows.map(
    (row, i) =>
      new TableRow({
        tableHeader: i < repeat,
        cantSplit: true,
        children: row.flatMap((cell, j) => (cell ? [tableCell(cell, widths.slice(j, j + (cell.colSpan ?? 1)))] : [])),
      }),
  );
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
  });
}

function tableCell(cell: WCell, widths: number[]): TableCell {
  const align = cell.align ?? (cell.numeric ? "right" : "left");
  const paragraphs = xmlSafe(cell.text)
    .split("\n")
    .map(
      (line) =>
        new Paragraph({
          alignment: ALIGN[align],
          spacing: { before: 0, after: 0, line: 260 },
          children: [
            // 宋体, zh-CN and the Latin font come from the document's default run style.
            new TextRun(cell.bold ? { text: line, size: 20, bold: true } : { text: line, size: 20 }),
          ],
        }),
    );
  return new TableCell({
    children: paragraphs,
    columnSpan: cell.colSpan,
    rowSpan: cell.rowSpan,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}
