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
import { xmlSafe } from "./format.ts";
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

export async function writeDocx(doc: WDocument): Promise<Uint8Array> {
  const body = doc.bodyFont === "fangsong" ? FANGSONG : SONG;
  const document = new Document({
    creator: "Jixiao 绩效",
    title: xmlSafe(doc.title),
    styles: {
      default: {
        document: { run: { font: font(SONG), size: 21, language: LANGUAGE }, paragraph: { spacing: { line: 300 } } },
      },
    },
    sections: doc.sections.map((s) => section(s, body)),
  });
  const buf = await Packer.toBuffer(document);
  return new Uint8Array(buf);
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
