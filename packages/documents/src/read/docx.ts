/**
 * Word (.docx) reader: paragraphs and tables of the main document part, in document order.
 *
 * Tables are read from the XML, not through mammoth (which loses merges on untidy grids): `w:tblGrid`,
 * `w:gridSpan`, `w:hMerge`, `w:vMerge` restart/continue, `w:gridBefore` / `w:gridAfter`. A covered cell
 * repeats its origin's text and points at it with `mergedFrom`. A table nested in a cell is flattened: its
 * text goes into the outer cell (cells separated by tabs, rows by new lines) and it is also given as a table
 * of its own right after the outer table, with a note.
 */
import type { Location } from "@jixiao/core";
import type { Block, Cell, SourceDocument, Table } from "../model/table.ts";
import { Numbering } from "./docx-numbering.ts";
import { baseName, invalid } from "./errors.ts";
import { childElements, firstChild, parseXmlTree, type XmlElement } from "./xml.ts";
import { openZip, type ZipArchive, type ZipLimits } from "./zip.ts";

const NS: Record<string, string> = {
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
  "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
  "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
  "http://schemas.openxmlformats.org/package/2006/relationships": "pr",
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
  "http://purl.oclc.org/ooxml/officeDocument/relationships": "r",
};

/** Most cells one docx table may have after spans are laid out. */
const MAX_TABLE_CELLS = 2_000_000;
/** Widest grid accepted (Word itself stops at 63 columns). */
const MAX_COLUMNS = 1000;

/** Find the main document part through the package relationships; `word/document.xml` when they are missing. */
export function mainPartName(zip: ZipArchive, file: string): string {
  const rels = zip.readText("_rels/.rels");
  if (rels) {
    const root = parseXmlTree(rels, { nsMap: NS, location: { file, path: "_rels/.rels" } });
    for (const rs of childElements(root)) {
      for (const r of childElements(rs)) {
        const type = r.attrs.Type ?? "";
        if (/\/officeDocument$/.test(type) && r.attrs.Target) {
          const target = r.attrs.Target.replace(/^\//, "");
          if (zip.has(target)) return target;
        }
      }
    }
  }
  return "word/document.xml";
}

/** A part related to `part` by relationship type (e.g. numbering), or its usual name next to it. */
function relatedPart(zip: ZipArchive, file: string, part: string, type: string): string {
  const dir = part.includes("/") ? part.slice(0, part.lastIndexOf("/")) : "";
  const relsPath = `${dir ? `${dir}/` : ""}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;
  const xml = zip.readText(relsPath);
  if (xml) {
    const root = parseXmlTree(xml, { nsMap: NS, location: { file, path: relsPath } });
    for (const rs of childElements(root))
      for (const r of childElements(rs))
        if ((r.attrs.Type ?? "").endsWith(`/${type}`) && r.attrs.Target) {
          const t = r.attrs.Target;
          return t.startsWith("/") ? t.slice(1) : `${dir ? `${dir}/` : ""}${t}`;
        }
  }
  return `${dir ? `${dir}/` : ""}${type}.xml`;
}

export function readDocx(buf: Uint8Array, fileName: string, limits?: Partial<ZipLimits>): SourceDocument {
  const file = baseName(fileName);
  const zip = openZip(buf, file, limits);
  const part = mainPartName(zip, file);
  const xml = zip.readText(part);
  if (xml === undefined)
    throw invalid(
      "不是 Word 文档：压缩包中没有 word/document.xml",
      "not a Word document: the package has no word/document.xml",
      { file },
    );
  const root = parseXmlTree(xml, { nsMap: NS, location: { file, path: part } });
  const documentEl = firstChild(root, "w:document");
  const body = documentEl ? firstChild(documentEl, "w:body") : undefined;
  if (!body)
    throw invalid("Word 文档缺少正文（w:body）", "the Word document has no body (w:body)", { file, path: part });
  const numberingXml = zip.readText(relatedPart(zip, file, part, "numbering"));
  // Styles matter only for numbering inherited from paragraph styles.
  const stylesXml = numberingXml ? zip.readText(relatedPart(zip, file, part, "styles")) : undefined;
  const numbering = new Numbering(numberingXml, NS, { file }, stylesXml);
  const reader = new DocxReader(file, numbering);
  reader.readBlocks(body);
  const doc: SourceDocument = { file, format: "docx", blocks: reader.blocks };
  if (reader.notes.length) doc.notes = reader.notes;
  return doc;
}

interface Slot {
  cell: Cell;
  /** Origin's position for covered slots. */
  origin: [number, number];
  /** The slot belongs to a vertical merge chain (vMerge). */
  vmerge: boolean;
  /** Empty filler (gridBefore / gridAfter / short row). */
  filler?: boolean;
}

class DocxReader {
  blocks: Block[] = [];
  notes: NonNullable<SourceDocument["notes"]> = [];
  private tableCount = 0;
  private paragraphCount = 0;

  constructor(
    private readonly file: string,
    private readonly numbering: Numbering,
  ) {}

  /** A paragraph's text with its automatic number in front. */
  private paragraph(p: XmlElement): string {
    const text = paragraphText(p);
    const label = this.numbering.label(p);
    return label ? label + text.replace(/^\s+/, "") : text;
  }

  /** Body-level content in order; content controls and custom XML are looked through. */
  readBlocks(container: XmlElement): void {
    for (const el of childElements(container)) {
      switch (el.name) {
        case "w:p": {
          this.paragraphCount++;
          const text = this.paragraph(el).trim();
          if (text)
            this.blocks.push({
              type: "paragraph",
              text,
              location: { file: this.file, path: `p[${this.paragraphCount}]` },
            });
          break;
        }
        case "w:tbl": {
          const pending: Table[] = [];
          const table = this.readTable(el, pending, undefined);
          this.blocks.push({ type: "table", table });
          for (const t of pending) this.blocks.push({ type: "table", table: t });
          break;
        }
        case "w:sdt": {
          const content = firstChild(el, "w:sdtContent");
          if (content) this.readBlocks(content);
          break;
        }
        case "w:customXml":
        case "w:ins":
        case "w:smartTag":
          this.readBlocks(el);
          break;
        case "mc:AlternateContent": {
          const choice = firstChild(el, "mc:Choice") ?? firstChild(el, "mc:Fallback");
          if (choice) this.readBlocks(choice);
          break;
        }
        default:
          break;
      }
    }
  }

  /**
   * Lay a w:tbl out on its grid. Nested tables found in cells are appended to `nested` (numbered after this one)
   * and their text folded into the cell.
   */
  private readTable(tbl: XmlElement, nested: Table[], parent: Location | undefined): Table {
    const number = ++this.tableCount;
    const location: Location = { file: this.file, table: number };
    if (parent)
      this.notes.push({
        text: {
          zh: `第 ${number} 个表格嵌套在第 ${parent.table} 个表格第 ${parent.row} 行第 ${parent.column} 列的单元格中，已单独列出，其文字也并入该单元格`,
          en: `table ${number} is nested in table ${parent.table}, row ${parent.row}, column ${parent.column}; it is listed on its own and its text is also folded into that cell`,
        },
        location,
      });

    const gridCols = (() => {
      const g = firstChild(tbl, "w:tblGrid");
      return g ? childElements(g, "w:gridCol").length : 0;
    })();

    // Rows deleted with tracked changes are not part of the document as it reads once the changes are accepted.
    const trs = collect(tbl, "w:tr", ["w:sdt", "w:sdtContent", "w:customXml", "w:ins"]).filter((tr) => {
      const trPr = firstChild(tr, "w:trPr");
      return !(trPr && firstChild(trPr, "w:del"));
    });
    const grid: Slot[][] = [];
    let width = gridCols;
    let cellTotal = 0;

    for (let r = 0; r < trs.length; r++) {
      const tr = trs[r]!;
      const trPr = firstChild(tr, "w:trPr");
      const before = intVal(trPr && firstChild(trPr, "w:gridBefore"), 0);
      const after = intVal(trPr && firstChild(trPr, "w:gridAfter"), 0);
      const row: Slot[] = [];
      const filler = (): Slot => ({ cell: { text: "" }, origin: [r, row.length], vmerge: false, filler: true });
      for (let k = 0; k < before && row.length < MAX_COLUMNS; k++) row.push(filler());
      const tcs = collect(tr, "w:tc", ["w:sdt", "w:sdtContent", "w:customXml", "w:ins"]);
      for (const tc of tcs) {
        const tcPr = firstChild(tc, "w:tcPr");
        const span = Math.max(1, Math.min(MAX_COLUMNS, intVal(tcPr && firstChild(tcPr, "w:gridSpan"), 1)));
        const vm = tcPr && firstChild(tcPr, "w:vMerge");
        const hm = tcPr && firstChild(tcPr, "w:hMerge");
        const col = row.length;
        const cellLoc: Location = { file: this.file, table: number, row: r + 1, column: col + 1 };
        const text = this.cellText(tc, nested, cellLoc);

        // Legacy horizontal merge: a continuing cell widens the cell to its left.
        if (hm && hm.attrs["w:val"] !== "restart" && col > 0) {
          const left = row[col - 1]!;
          const [or, oc] = left.origin;
          if (or === r && !left.filler) {
            const origin = row[oc]!;
            for (let k = 0; k < span && row.length < MAX_COLUMNS; k++)
              row.push({
                cell: { text: origin.cell.text, mergedFrom: [r, oc] },
                origin: [r, oc],
                vmerge: origin.vmerge,
              });
            origin.cell.colSpan = row.length - oc;
            continue;
          }
        }

        // Vertical merge continuation: extend the chain above when it starts at the same column.
        if (vm && vm.attrs["w:val"] !== "restart" && r > 0) {
          const above = grid[r - 1]?.[col];
          if (above?.vmerge) {
            const [or, oc] = above.origin;
            if (oc === col) {
              const origin = grid[or]![oc]!;
              const originSpan = origin.cell.colSpan ?? 1;
              origin.cell.rowSpan = r - or + 1;
              const merged = origin.cell.text + (text ? `\n${text}` : "");
              if (text) this.retext(grid, or, oc, merged);
              // The row's own layout decides how many grid columns this cell takes; only those under the origin
              // belong to the merge (a wider continuation is untidy Word XML: the rest is left empty).
              for (let k = 0; k < span && row.length < MAX_COLUMNS; k++)
                row.push(
                  k < originSpan
                    ? { cell: { text: origin.cell.text, mergedFrom: [or, oc] }, origin: [or, oc], vmerge: true }
                    : { cell: { text: "" }, origin: [r, row.length], vmerge: false, filler: true },
                );
              continue;
            }
          }
        }

        const cell: Cell = { text };
        if (span > 1) cell.colSpan = span;
        const vmergeStart = vm !== undefined; // restart, or a continue with nothing to continue
        row.push({ cell, origin: [r, col], vmerge: vmergeStart });
        for (let k = 1; k < span && row.length < MAX_COLUMNS; k++)
          row.push({ cell: { text, mergedFrom: [r, col] }, origin: [r, col], vmerge: vmergeStart });
      }
      for (let k = 0; k < after && row.length < MAX_COLUMNS; k++) row.push(filler());
      width = Math.max(width, row.length);
      cellTotal += Math.max(width, row.length);
      if (cellTotal > MAX_TABLE_CELLS)
        throw invalid(
          `第 ${number} 个表格过大（超过 ${MAX_TABLE_CELLS} 个单元格）`,
          `table ${number} is too large (over ${MAX_TABLE_CELLS} cells)`,
          location,
        );
      grid.push(row);
    }

    const rows: Cell[][] = grid.map((row) => {
      const cells = row.map((s) => s.cell);
      while (cells.length < width) cells.push({ text: "" });
      return cells;
    });
    // Origins' spans may have been set while the chain grew; a one-row, one-column "merge" is no merge.
    for (const row of rows)
      for (const c of row) {
        if (c.rowSpan === 1) delete c.rowSpan;
        if (c.colSpan === 1) delete c.colSpan;
      }
    return { rows, location };
  }

  /** Give a merge's origin new text and repeat it in every cell it covers. */
  private retext(grid: Slot[][], or: number, oc: number, text: string): void {
    const origin = grid[or]![oc]!;
    origin.cell.text = text;
    for (let r = or; r < grid.length; r++)
      for (const s of grid[r]!) if (s.cell.mergedFrom && s.origin[0] === or && s.origin[1] === oc) s.cell.text = text;
  }

  /** A cell's text: its paragraphs joined by new lines; nested tables as tab-separated lines. */
  private cellText(tc: XmlElement, nested: Table[], at: Location): string {
    const lines: string[] = [];
    const walk = (container: XmlElement) => {
      for (const el of childElements(container)) {
        if (el.name === "w:p") lines.push(this.paragraph(el));
        else if (el.name === "w:tbl") {
          const inner: Table[] = [];
          const t = this.readTable(el, inner, at);
          nested.push(t, ...inner);
          for (const row of t.rows) lines.push(row.map((c) => c.text.replace(/\s*\n\s*/g, " ")).join("\t"));
        } else if (el.name === "w:sdt") {
          const content = firstChild(el, "w:sdtContent");
          if (content) walk(content);
        } else if (el.name === "w:customXml" || el.name === "w:ins") walk(el);
      }
    };
    walk(tc);
    return lines.join("\n").trim();
  }
}

/** Children named `name`, looking through the given wrapper elements. */
function collect(parent: XmlElement, name: string, wrappers: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const el of childElements(parent)) {
    if (el.name === name) out.push(el);
    else if (wrappers.includes(el.name)) out.push(...collect(el, name, wrappers));
  }
  return out;
}

function intVal(el: XmlElement | undefined, dflt: number): number {
  if (!el) return dflt;
  const v = Number.parseInt(el.attrs["w:val"] ?? "", 10);
  return Number.isFinite(v) && v >= 0 ? v : dflt;
}

/** The visible text of a paragraph: runs, tabs, breaks; deleted text, field codes and drawings are left out. */
export function paragraphText(p: XmlElement): string {
  let s = "";
  const walk = (el: XmlElement) => {
    for (const c of el.children) {
      if (typeof c === "string") continue;
      switch (c.name) {
        case "w:t":
          for (const t of c.children) if (typeof t === "string") s += t;
          break;
        case "w:tab":
        case "w:ptab":
          s += "\t";
          break;
        case "w:br":
        case "w:cr":
          s += "\n"; // line, page and column breaks alike
          break;
        case "w:noBreakHyphen":
          s += "-";
          break;
        case "w:sym": {
          const code = Number.parseInt(c.attrs["w:char"] ?? "", 16);
          // Symbol-font characters live in the private use area (F0xx); keep only real characters.
          if (Number.isFinite(code) && code > 0 && (code < 0xe000 || code > 0xf8ff)) s += String.fromCodePoint(code);
          break;
        }
        case "w:delText":
        case "w:instrText":
        case "w:del":
        case "w:drawing":
        case "w:pict":
        case "w:object":
        case "w:rPr":
        case "w:pPr":
        case "w:fldData":
        case "mc:Fallback":
          break;
        default:
          walk(c);
      }
    }
  };
  walk(p);
  return s;
}
