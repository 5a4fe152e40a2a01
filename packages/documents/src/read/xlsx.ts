/**
 * Excel (.xlsx) reader: one Table per worksheet, streamed through the tokenizer (no DOM of the sheet).
 *
 * - Text: shared strings, inline strings and rich text (phonetic runs left out), `_xHHHH_` escapes decoded.
 * - Numbers keep their stored text ("0.485" stays "0.485"); float noise such as 1234.5600000000001 becomes the
 *   shortest text that reads back as the same double, and beyond that at most 15 significant digits (Excel's
 *   precision); exponents are written out ("1E-3" → "0.001").
 * - Dates (a date number format on the cell) become ISO text: `2024-12-30`, `2024-12-30T08:30:00`, `08:30:00`.
 * - Booleans → TRUE / FALSE; errors → their text (#DIV/0!); formulas → their cached value.
 * - Merges → rowSpan / colSpan on the origin, `mergedFrom` and the origin's text on covered cells.
 * - The grid starts at column A and spans the used rows; `sourceRows` gives the real row numbers.
 */
import type { Location } from "@jixiao/core";
import type { Cell, SourceDocument, Table } from "../model/table.ts";
import { baseName, invalid } from "./errors.ts";
import { childElements, createXmlParser, firstChild, parseXmlTree } from "./xml.ts";
import { openZip, type ZipArchive, type ZipLimits } from "./zip.ts";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface XlsxLimits extends ZipLimits {
  /** Most cells one sheet may materialise (rows × columns of its grid). Default 5,000,000. */
  maxCells: number;
}

const NS: Record<string, string> = {
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "",
  "http://purl.oclc.org/ooxml/spreadsheetml/main": "",
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
  "http://purl.oclc.org/ooxml/officeDocument/relationships": "r",
  "http://schemas.openxmlformats.org/package/2006/relationships": "",
};

interface SheetRef {
  name: string;
  path: string;
  hidden: boolean;
  kind: "worksheet" | "other";
}

export function readXlsx(buf: Uint8Array, fileName: string, limits: Partial<XlsxLimits> = {}): SourceDocument {
  const file = baseName(fileName);
  const maxCells = limits.maxCells ?? 5_000_000;
  const zip = openZip(buf, file, limits);
  const wbPath = workbookPath(zip, file);
  const wbXml = zip.readText(wbPath);
  if (wbXml === undefined)
    throw invalid(
      "不是 Excel 工作簿：压缩包中没有 xl/workbook.xml",
      "not an Excel workbook: the package has no xl/workbook.xml",
      {
        file,
      },
    );
  const wb = parseXmlTree(wbXml, { nsMap: NS, location: { file, path: wbPath } });
  const wbEl = firstChild(wb, "workbook");
  const date1904 = (() => {
    const pr = wbEl && firstChild(wbEl, "workbookPr");
    const v = pr?.attrs.date1904;
    return v === "1" || v === "true";
  })();
  const rels = relsOf(zip, file, wbPath);
  const sheets = sheetList(rels, wbEl ? firstChild(wbEl, "sheets") : undefined);
  const shared = readSharedStrings(zip, file, partNear(zip, rels, wbPath, "sharedStrings"));
  const styles = readStyles(zip, file, partNear(zip, rels, wbPath, "styles"));

  const doc: SourceDocument = { file, format: "xlsx", blocks: [] };
  const notes: NonNullable<SourceDocument["notes"]> = [];
  for (const sheet of sheets) {
    const location: Location = { file, sheet: sheet.name };
    if (sheet.kind !== "worksheet") {
      notes.push({
        text: {
          zh: `工作表「${sheet.name}」不是数据表（图表等），已跳过`,
          en: `sheet "${sheet.name}" is not a worksheet (a chart…); skipped`,
        },
        location,
      });
      continue;
    }
    if (sheet.hidden)
      notes.push({ text: { zh: `工作表「${sheet.name}」是隐藏的`, en: `sheet "${sheet.name}" is hidden` }, location });
    // The sheet is streamed from the inflater through the tokenizer: its XML is never held whole.
    const table = readSheet(
      (write) => zip.streamText(sheet.path, write),
      location,
      shared,
      styles,
      date1904,
      maxCells,
      notes,
    );
    if (!table)
      throw invalid(
        `工作表「${sheet.name}」的内容缺失（${sheet.path}）`,
        `sheet "${sheet.name}" is missing (${sheet.path})`,
        location,
      );
    doc.blocks.push({ type: "table", table });
  }
  if (notes.length) doc.notes = notes;
  return doc;
}

function workbookPath(zip: ZipArchive, file: string): string {
  const rels = zip.readText("_rels/.rels");
  if (rels) {
    const root = parseXmlTree(rels, { nsMap: NS, location: { file, path: "_rels/.rels" } });
    for (const rs of childElements(root))
      for (const r of childElements(rs)) {
        if (/\/officeDocument$/.test(r.attrs.Type ?? "") && r.attrs.Target) {
          const t = r.attrs.Target.replace(/^\//, "");
          if (zip.has(t)) return t;
        }
      }
  }
  return "xl/workbook.xml";
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/");
  parts.pop();
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsOf(zip: ZipArchive, file: string, part: string): Map<string, { type: string; target: string }> {
  const dir = part.includes("/") ? part.slice(0, part.lastIndexOf("/")) : "";
  const relsPath = `${dir ? `${dir}/` : ""}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;
  const out = new Map<string, { type: string; target: string }>();
  const xml = zip.readText(relsPath);
  if (!xml) return out;
  const root = parseXmlTree(xml, { nsMap: NS, location: { file, path: relsPath } });
  for (const rs of childElements(root))
    for (const r of childElements(rs))
      if (r.attrs.Id && r.attrs.Target && r.attrs.TargetMode !== "External")
        out.set(r.attrs.Id, { type: r.attrs.Type ?? "", target: resolveTarget(part, r.attrs.Target) });
  return out;
}

type Rels = Map<string, { type: string; target: string }>;

function partNear(zip: ZipArchive, rels: Rels, wbPath: string, kind: "sharedStrings" | "styles"): string | undefined {
  for (const r of rels.values()) if (r.type.endsWith(`/${kind}`) && zip.has(r.target)) return r.target;
  const guess = resolveTarget(wbPath, `${kind}.xml`);
  return zip.has(guess) ? guess : undefined;
}

function sheetList(rels: Rels, sheetsEl: ReturnType<typeof firstChild>): SheetRef[] {
  const out: SheetRef[] = [];
  if (!sheetsEl) return out;
  let n = 0;
  for (const s of childElements(sheetsEl, "sheet")) {
    n++;
    const name = s.attrs.name ?? `Sheet${n}`;
    const rel = rels.get(s.attrs["r:id"] ?? "");
    const path = rel?.target ?? `xl/worksheets/sheet${n}.xml`;
    const kind = rel && !/\/worksheet$/.test(rel.type) ? "other" : "worksheet";
    out.push({ name, path, hidden: s.attrs.state === "hidden" || s.attrs.state === "veryHidden", kind });
  }
  return out;
}

/** `_x000D_`-style escapes in OOXML strings, and line ends made `\n`. */
function cleanString(s: string): string {
  if (s.indexOf("_x") >= 0)
    s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  return s;
}

function readSharedStrings(zip: ZipArchive, file: string, path: string | undefined): string[] {
  const out: string[] = [];
  if (!path) return out;
  let cur: string | undefined;
  let inT = 0;
  let inPh = 0;
  const parser = createXmlParser(
    {
      open(name, _a, self) {
        if (self) {
          if (name === "si") out.push("");
          return;
        }
        if (name === "si") cur = "";
        else if (name === "t") inT++;
        else if (name === "rPh") inPh++;
      },
      close(name) {
        if (name === "si") {
          out.push(cleanString(cur ?? ""));
          cur = undefined;
        } else if (name === "t") inT--;
        else if (name === "rPh") inPh--;
      },
      text(t) {
        if (cur !== undefined && inT > 0 && inPh === 0) cur += t;
      },
    },
    { nsMap: NS, location: { file, path } },
  );
  if (!zip.streamText(path, (t) => parser.write(t))) return out;
  parser.end();
  return out;
}

interface Styles {
  /** cellXfs index → date kind of its number format. */
  dateKind: Array<DateKind | undefined>;
  /** cellXfs index → the number format shows a percentage. */
  percent: boolean[];
}
type DateKind = "date" | "datetime" | "time";

const BUILTIN_DATE: Record<number, DateKind> = {
  14: "date",
  15: "date",
  16: "date",
  17: "date",
  18: "time",
  19: "time",
  20: "time",
  21: "time",
  22: "datetime",
  27: "date",
  28: "date",
  29: "date",
  30: "date",
  31: "date",
  32: "time",
  33: "time",
  34: "time",
  35: "time",
  36: "date",
  45: "time",
  46: "time",
  47: "time",
  50: "date",
  51: "date",
  52: "date",
  53: "date",
  54: "date",
  55: "date",
  56: "date",
  57: "date",
  58: "date",
};

/** Whether a number format shows a percentage (a `%` outside quotes and escapes, in the positive section). */
export function isPercentFormat(code: string): boolean {
  const section = code.split(";")[0] ?? "";
  return section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .includes("%");
}

/** A plain decimal text times 100, exactly, with a percent sign ("0.883" → "88.3%"). */
export function percentText(plainDecimal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(plainDecimal);
  if (!m) return plainDecimal;
  const frac = (m[3] ?? "").padEnd(2, "0");
  const int = `${m[2]}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2).replace(/0+$/, "");
  const out = rest ? `${int}.${rest}` : int;
  return `${out === "0" ? "" : m[1]}${out}%`;
}

/** Whether a custom number format shows a date/time, and which. */
export function formatDateKind(code: string): DateKind | undefined {
  const section = code.split(";")[0] ?? "";
  const bare = section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "");
  // [h] / [mm] / [ss] are durations, not dates; other [...] are colours and locales.
  if (/\[(h+|m+|s+)\]/i.test(bare)) return undefined;
  const core = bare.replace(/\[[^\]]*\]/g, "");
  if (/general/i.test(core)) return undefined;
  const hasDate = /[yde]/i.test(core) || (/m/i.test(core) && !/[hs]/i.test(core));
  const hasTime = /[hs]/i.test(core);
  if (hasDate && hasTime) return "datetime";
  if (hasDate) return "date";
  if (hasTime) return "time";
  return undefined;
}

function readStyles(zip: ZipArchive, file: string, path: string | undefined): Styles {
  const styles: Styles = { dateKind: [], percent: [] };
  if (!path) return styles;
  const xml = zip.readText(path);
  if (!xml) return styles;
  const root = parseXmlTree(xml, { nsMap: NS, location: { file, path } });
  const ss = firstChild(root, "styleSheet");
  if (!ss) return styles;
  const custom = new Map<number, string>();
  const numFmts = firstChild(ss, "numFmts");
  if (numFmts)
    for (const f of childElements(numFmts, "numFmt")) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? "");
  const xfs = firstChild(ss, "cellXfs");
  if (xfs)
    for (const xf of childElements(xfs, "xf")) {
      const id = Number(xf.attrs.numFmtId ?? 0);
      const code = custom.get(id);
      styles.dateKind.push(code !== undefined ? formatDateKind(code) : BUILTIN_DATE[id]);
      styles.percent.push(code !== undefined ? isPercentFormat(code) : id === 9 || id === 10);
    }
  return styles;
}

/** Column letters → 0-based index; -1 when not a column reference. */
function colIndex(ref: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = ref.charCodeAt(i);
    const v = c >= 65 && c <= 90 ? c - 64 : c >= 97 && c <= 122 ? c - 96 : -1;
    if (v < 0) return -1;
    n = n * 26 + v;
    if (n > 1e7) return n;
  }
  return n - 1;
}

/** "B12" → [11, 1] (0-based row, column); undefined when malformed. */
export function parseRef(ref: string): [number, number] | undefined {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,9})$/.exec(ref.trim());
  if (!m) return undefined;
  return [Number(m[2]) - 1, colIndex(m[1]!, m[1]!.length)];
}

export function columnName(index: number): string {
  let s = "";
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Significant digits of a plain decimal text. */
function significantDigits(t: string): number {
  const d = t.replace(/^[-+]/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return d.length;
}

/** A decimal in exponent form written out in full ("1.5E-3" → "0.0015"). */
function plain(s: string): string {
  const m = /^([-+]?)(\d+)(?:\.(\d*))?[eE]([-+]?\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1] === "-" ? "-" : "";
  let digits = m[2]! + (m[3] ?? "");
  let point = m[2]!.length + Number(m[4]);
  if (Math.abs(point) > 400) return s;
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) digits += "0".repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const frac = digits.slice(point).replace(/0+$/, "");
  const out = frac ? `${int}.${frac}` : int;
  return out === "0" ? "0" : sign + out;
}

/** A stored number as text: kept as stored when it is clean, float noise removed otherwise. */
export function numberText(v: string): string {
  const t = v.trim();
  if (/^-?\d+(\.\d+)?$/.test(t) && significantDigits(t) <= 15) return t === "-0" ? "0" : t;
  const n = Number(t);
  if (!Number.isFinite(n)) return t;
  let s = String(n);
  if (significantDigits(plain(s)) > 15) s = String(Number(n.toPrecision(15)));
  return plain(s);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** An Excel serial date as ISO text, or undefined when out of range. */
export function serialToIso(serial: number, kind: DateKind, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958466) return undefined;
  let totalSeconds = Math.round(serial * 86400);
  const days = Math.floor(totalSeconds / 86400);
  totalSeconds -= days * 86400;
  const hh = Math.floor(totalSeconds / 3600);
  const mi = Math.floor((totalSeconds % 3600) / 60);
  const ss = totalSeconds % 60;
  const time = `${pad(hh)}:${pad(mi)}:${pad(ss)}`;
  if (kind === "time" && days === 0) return time;
  let base: number;
  if (date1904) base = Date.UTC(1904, 0, 1);
  else if (days >= 61) base = Date.UTC(1899, 11, 30);
  else if (days === 60)
    return kind === "date" ? "1900-02-29" : `1900-02-29T${time}`; // Lotus' leap day
  else if (days === 0) {
    if (kind === "date") return undefined;
    return time;
  } else base = Date.UTC(1899, 11, 31);
  const d = new Date(base + days * 86400000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return kind === "date" || (hh === 0 && mi === 0 && ss === 0 && kind !== "time") ? date : `${date}T${time}`;
}

/** Read one worksheet; undefined when its part is missing. `source` streams the part's text to a writer. */
function readSheet(
  source: (write: (text: string) => void) => boolean,
  location: Location,
  shared: string[],
  styles: Styles,
  date1904: boolean,
  maxCells: number,
  notes: NonNullable<SourceDocument["notes"]>,
): Table | undefined {
  const tooBig = (zh: string, en: string) => invalid(zh, en, location);
  // Sparse storage while streaming: per row, its columns and texts.
  const rowNums: number[] = [];
  const rowCols: number[][] = [];
  const rowTexts: string[][] = [];
  const merges: Array<[number, number, number, number]> = [];
  let sorted = true;

  let rowNum = -1; // 0-based
  let colNum = -1;
  let cellType = "";
  let cellStyle = 0;
  let cols: number[] | undefined;
  let texts: string[] | undefined;
  let inCell = false;
  let inV = false;
  let inIs = 0;
  let inT = 0;
  let inPh = 0;
  let vText = "";
  let isText = "";
  let inSheetData = false;
  let hasFormula = false;

  const cellLoc = () => ({ ...location, row: rowNum + 1, column: columnName(Math.max(0, colNum)) });

  let formulasWithoutValue = 0;
  let firstFormulaWithoutValue = "";
  const finishCell = () => {
    if (hasFormula && vText === "" && isText === "") {
      if (formulasWithoutValue++ === 0) firstFormulaWithoutValue = `${columnName(colNum)}${rowNum + 1}`;
    }
    if (vText === "" && isText === "") return;
    let text: string;
    switch (cellType) {
      case "s": {
        const idx = Number(vText.trim());
        if (!Number.isInteger(idx) || idx < 0 || idx >= shared.length)
          throw invalid(`共享字符串编号 ${vText} 不存在`, `shared string index ${vText} does not exist`, cellLoc());
        text = shared[idx]!;
        break;
      }
      case "inlineStr":
        text = cleanString(isText || vText);
        break;
      case "str":
      case "e":
        text = cleanString(vText);
        break;
      case "b":
        text =
          vText.trim() === "1" || vText.trim().toLowerCase() === "true" ? "TRUE" : vText.trim() === "" ? "" : "FALSE";
        break;
      case "d":
        text = vText.trim();
        break;
      default: {
        const raw = vText.trim();
        if (raw === "") {
          text = "";
          break;
        }
        const kind = styles.dateKind[cellStyle];
        const iso = kind ? serialToIso(Number(raw), kind, date1904) : undefined;
        text = iso ?? numberText(raw);
        if (iso === undefined && styles.percent[cellStyle]) text = percentText(text);
      }
    }
    text = text.trim();
    if (text === "") return;
    if (!cols || !texts) {
      cols = [];
      texts = [];
      if (rowNums.length && rowNums[rowNums.length - 1]! >= rowNum) sorted = false;
      rowNums.push(rowNum);
      rowCols.push(cols);
      rowTexts.push(texts);
    }
    cols.push(colNum);
    texts.push(text);
  };

  const parser = createXmlParser(
    {
      open(name, a, self) {
        if (name === "c" && inSheetData) {
          const r = a.r;
          if (r) {
            const p = parseRef(r);
            if (!p)
              throw invalid(`单元格引用「${r}」无效`, `invalid cell reference "${r}"`, {
                ...location,
                row: rowNum + 1,
              });
            if (p[0] !== rowNum && p[0] >= 0) {
              // A cell whose reference names another row than its <row>: trust the reference.
              rowNum = p[0];
              cols = undefined;
              texts = undefined;
            }
            colNum = p[1];
          } else colNum++;
          if (colNum >= MAX_COLS || rowNum >= MAX_ROWS)
            throw tooBig(
              `单元格位置超出 Excel 的范围（${MAX_ROWS} 行 × ${MAX_COLS} 列）`,
              `a cell lies outside Excel's range (${MAX_ROWS} rows × ${MAX_COLS} columns)`,
            );
          cellType = a.t ?? "n";
          cellStyle = a.s ? Number(a.s) : 0;
          vText = "";
          isText = "";
          hasFormula = false;
          inCell = !self;
          return;
        }
        if (inCell) {
          if (name === "v") inV = true;
          else if (name === "f") hasFormula = true;
          else if (name === "is") inIs++;
          else if (name === "t" && inIs > 0) inT++;
          else if (name === "rPh") inPh++;
          return;
        }
        if (name === "row" && inSheetData) {
          const r = a.r ? Number(a.r) - 1 : rowNum + 1;
          if (!Number.isInteger(r) || r < 0 || r >= MAX_ROWS)
            throw tooBig(
              `行号 ${a.r} 超出 Excel 的范围（${MAX_ROWS} 行）`,
              `row number ${a.r} is outside Excel's range (${MAX_ROWS} rows)`,
            );
          rowNum = r;
          colNum = -1;
          cols = undefined;
          texts = undefined;
          return;
        }
        if (name === "sheetData") inSheetData = !self;
        else if (name === "dimension" && a.ref) {
          const last = a.ref.split(":").pop() ?? "";
          const p = parseRef(last);
          if (p && (p[0] >= MAX_ROWS || p[1] >= MAX_COLS))
            throw tooBig(
              `工作表的范围（${a.ref}）超出 Excel 的上限（${MAX_ROWS} 行 × ${MAX_COLS} 列）`,
              `the sheet's dimension (${a.ref}) exceeds Excel's limits (${MAX_ROWS} rows × ${MAX_COLS} columns)`,
            );
        } else if (name === "mergeCell" && a.ref) {
          const [s, e] = a.ref.split(":");
          const p = s ? parseRef(s) : undefined;
          const q = e ? parseRef(e) : p;
          if (p && q && p[0] < MAX_ROWS && q[0] < MAX_ROWS && p[1] < MAX_COLS && q[1] < MAX_COLS)
            merges.push([Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1])]);
        }
      },
      close(name) {
        if (inCell) {
          if (name === "c") {
            inCell = false;
            finishCell();
          } else if (name === "v") inV = false;
          else if (name === "is") inIs--;
          else if (name === "t" && inIs > 0) inT--;
          else if (name === "rPh") inPh--;
          return;
        }
        if (name === "c" && inSheetData)
          finishCell(); // a self-closing <c/> carries nothing but is harmless
        else if (name === "sheetData") inSheetData = false;
      },
      text(t) {
        if (!inCell) return;
        if (inV) vText += t;
        else if (inT > 0 && inPh === 0) isText += t;
      },
    },
    { nsMap: NS, location },
  );
  if (!source((t) => parser.write(t))) return undefined;
  parser.end();

  if (!sorted) {
    const order = rowNums.map((_, i) => i).sort((x, y) => rowNums[x]! - rowNums[y]! || x - y);
    const rn = order.map((i) => rowNums[i]!);
    const rc = order.map((i) => rowCols[i]!);
    const rt = order.map((i) => rowTexts[i]!);
    rowNums.splice(0, rowNums.length, ...rn);
    rowCols.splice(0, rowCols.length, ...rc);
    rowTexts.splice(0, rowTexts.length, ...rt);
  }

  if (formulasWithoutValue > 0)
    notes.push({
      text: {
        zh: `工作表「${location.sheet}」中有 ${formulasWithoutValue} 个公式单元格没有保存计算结果（如 ${firstFormulaWithoutValue}），读作空白；请在 Excel / WPS 中打开并保存后再上传`,
        en: `sheet "${location.sheet}" has ${formulasWithoutValue} formula cells without a saved result (e.g. ${firstFormulaWithoutValue}), read as empty; open and save the file in Excel / WPS and retry`,
      },
      location: {
        ...location,
        row: Number(firstFormulaWithoutValue.replace(/^[A-Z]+/, "")),
        column: firstFormulaWithoutValue.replace(/\d+$/, ""),
      },
    });
  // Extent of the grid: used rows and merges; columns from A.
  let minRow = Number.POSITIVE_INFINITY;
  let maxRow = -1;
  let maxCol = -1;
  for (let i = 0; i < rowNums.length; i++) {
    minRow = Math.min(minRow, rowNums[i]!);
    maxRow = Math.max(maxRow, rowNums[i]!);
    for (const c of rowCols[i]!) if (c > maxCol) maxCol = c;
  }
  for (const [r1, c1, r2, c2] of merges) {
    if (r1 === r2 && c1 === c2) continue;
    minRow = Math.min(minRow, r1);
    maxRow = Math.max(maxRow, r2);
    maxCol = Math.max(maxCol, c2);
  }
  if (maxRow < 0) return { rows: [], location };
  const height = maxRow - minRow + 1;
  const width = maxCol + 1;
  if (height * width > maxCells)
    throw tooBig(
      `工作表过大：${height} 行 × ${width} 列，超过 ${maxCells} 个单元格的上限`,
      `the sheet is too large: ${height} rows × ${width} columns exceeds the limit of ${maxCells} cells`,
    );

  const rows: Cell[][] = new Array(height);
  for (let r = 0; r < height; r++) {
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = { text: "" };
    rows[r] = row;
  }
  for (let i = 0; i < rowNums.length; i++) {
    const row = rows[rowNums[i]! - minRow]!;
    const cs = rowCols[i]!;
    const ts = rowTexts[i]!;
    for (let k = 0; k < cs.length; k++) row[cs[k]!] = { text: ts[k]! };
  }

  const taken = new Set<number>();
  for (const [r1, c1, r2, c2] of merges) {
    if (r1 === r2 && c1 === c2) continue;
    let clash = false;
    for (let r = r1; r <= r2 && !clash; r++)
      for (let c = c1; c <= c2; c++)
        if (taken.has(r * MAX_COLS + c)) {
          clash = true;
          break;
        }
    if (clash) continue; // overlapping merges: Excel refuses them; keep the first
    const origin = rows[r1 - minRow]![c1]!;
    if (r2 > r1) origin.rowSpan = r2 - r1 + 1;
    if (c2 > c1) origin.colSpan = c2 - c1 + 1;
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) {
        taken.add(r * MAX_COLS + c);
        if (r === r1 && c === c1) continue;
        rows[r - minRow]![c] = { text: origin.text, mergedFrom: [r1 - minRow, c1] };
      }
  }

  const sourceRows: number[] = new Array(height);
  for (let r = 0; r < height; r++) sourceRows[r] = minRow + r + 1;
  return { rows, location, sourceRows };
}
