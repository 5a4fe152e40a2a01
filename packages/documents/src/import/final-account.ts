/**
 * 部门预算公开 / 部门决算公开 (kind `final-account-disclosure`): the standard tables (收支总表, 收入总表, 支出总表,
 * 财政拨款收支总表, 一般公共预算财政拨款支出表, 基本支出表, 三公经费支出表, 政府性基金, 国有资本经营) with their 单位,
 * columns and rows, and the 情况说明's stated figures and comparisons, each with its location.
 *
 * The table of contents (目录, or a run of short heading lines listing the tables) and the cover are recognised and
 * skipped: a 目录 line `一、收入支出决算总表` is not the table. Tables are read from whatever blocks the text readers
 * give: table blocks and paragraph lines that are rows (../disclosure/tables.ts).
 *
 * Wiring (index.ts): `looksLikeFinalAccount(blocks)` recognises the kind; `readFinalAccount(ctx, blocks)` returns the
 * reading and the table blocks it took (add them to `used` for coverage).
 */
import type {
  DisclosureRow,
  DisclosureTable,
  DisclosureTableKind,
  FinalAccountDisclosure,
  ImportLocation,
} from "@jixiao/core/model";
import { readCellLines } from "../disclosure/cell-lines.ts";
import { readNarrative, type Scope, scopeOfHeading } from "../disclosure/narrative.ts";
import { readStatements } from "../disclosure/statements.ts";
import {
  cellShape,
  emptyNoteKind,
  isEmptyNote,
  isValueCell,
  LABEL_HEADER,
  organisationOfLine,
  splitRowText,
  stripNumber,
  tableTitleKind,
  totalOf,
  unitOfLine,
} from "../disclosure/tables.ts";
import type { Block, SourceDocument, Table } from "../model/table.ts";
import { passageOf } from "../narrative/index.ts";
import { ImportContext } from "./context.ts";

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
/** `2022 年度`: a year the PDF text set apart from its 年. */
const YEAR_SPACED = /((?:19|20)\d{2})[ \t]+(?=年)/g;

/** The title: a line naming a 部门/单位 预算 or 决算 (公开) among the first lines. */
function titleIndex(blocks: Block[]): number {
  const limit = Math.min(blocks.length, 30);
  for (let i = 0; i < limit; i++) {
    const b = blocks[i]!;
    if (b.type !== "paragraph") continue;
    const t = squash(b.text);
    if (t.length > 80 || /[。；]/.test(t)) continue;
    // a table's header row (`项目 2016年预算数`) is no title
    if (/^(项目|科目|单位[:：]|金额单位)/.test(t)) continue;
    if (/(部门|单位)(\d{4}年度?)?(决算|预算)|(决算|预算)(信息)?公开|(\d{4})年度?(部门|单位)?(决算|预算)/.test(t))
      return i;
  }
  return -1;
}

const TABLE_NAME =
  /收(入)?支(出)?(决算|预算)?总|收入(决算|预算)?表|支出(决算|预算)?表|财政拨款收(入)?支|一般公共预算|基本支出|三公|政府性基金|国有资本经营/;

/** Whether the blocks are a 部门预算 / 部门决算 公开: a title naming one and at least three standard table names. */
export function looksLikeFinalAccount(blocks: Block[]): boolean {
  if (titleIndex(blocks) < 0) return false;
  let names = 0;
  const seen = new Set<string>();
  for (const b of blocks) {
    if (b.type !== "paragraph") continue;
    const t = squash(b.text);
    for (const m of t.matchAll(new RegExp(TABLE_NAME.source, "g"))) {
      const k = m[0].replace(/决算|预算/g, "");
      if (!seen.has(k)) {
        seen.add(k);
        names += 1;
      }
    }
  }
  return names >= 3;
}

/** 决算 or 预算, from the title. */
export function disclosureBasis(blocks: Block[]): "budget" | "final" {
  const i = titleIndex(blocks);
  const t = i >= 0 && blocks[i]!.type === "paragraph" ? squash(blocks[i]!.text) : "";
  return /决算/.test(t) ? "final" : "budget";
}

function yearOf(text: string): number | undefined {
  const m = /(19\d{2}|20\d{2})\s*年/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** A unit's name ends with the word for a body (局, 支队, 大队, 中心 …). */
const UNIT_NAME = /(局|队|所|院|委员会|委|办公室|办|中心|站|处|厅|部|会|室|馆|校|政府)$/;

function organisationOfTitle(title: string): string | undefined {
  let t = squash(title)
    .replace(/关于.*$/, "")
    .replace(/(19|20)\d{2}年度?/, "")
    .replace(/(部门|单位)?(\/(部门|单位))?(年度)?(决算|预算).*$/, "")
    .replace(/^年度|年度$/g, "")
    .replace(/(部门|单位)\/?$/, "");
  t = t.replace(/^[（(].*?[)）]/, "");
  return t.length >= 2 && UNIT_NAME.test(t) ? t : undefined;
}

/** A TOC line as compared with the body's headings: no page numbers, no field codes, no spaces. */
function tocKey(text: string): string {
  return squash(text.replace(/PAGEREF\s*_Toc\d+\s*\\?h\s*\d*/g, ""))
    .replace(/[.…·．]{2,}\d*$/, "")
    .replace(/\d+$/, "")
    .replace(/[：:]$/, "");
}

const HEADING =
  /^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[、.．](?!\d))/;

function isHeadingLine(text: string): boolean {
  const t = text.trim();
  return t.length <= 60 && HEADING.test(t) && !/[。；]/.test(t);
}

/** The blocks of the table of contents: from a 目录 line (or a run of short heading lines) to the body. */
function contentsRange(blocks: Block[], from: number): { start: number; end: number; entries: string[] } | undefined {
  let start = -1;
  for (let i = from; i < Math.min(blocks.length, from + 40); i++) {
    const b = blocks[i]!;
    if (b.type !== "paragraph") continue;
    const t = squash(b.text);
    if (/^目录/.test(t)) {
      if (t.length > 60) {
        // the whole contents on one line (text from a PDF page)
        return { start: i, end: i + 1, entries: [b.text.trim()] };
      }
      start = i;
      break;
    }
  }
  const hasTitleWord = start >= 0;
  let i = hasTitleWord ? start + 1 : from;
  const entries: { key: string; index: number }[] = [];
  let tableNames = 0;
  let recurred = false;
  for (; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type !== "paragraph") break;
    const t = b.text.trim();
    if (t === "") continue;
    const key = tocKey(t);
    if (key.length > 60 || /[。；]/.test(t)) break;
    // the body starts where the first entry, or a part (第一部分 …) listed, comes again
    if (
      entries.length > 2 &&
      (key === entries[0]!.key || (/^第[一二三四五六七八九十]+部分/.test(key) && entries.some((e) => e.key === key)))
    ) {
      recurred = true;
      break;
    }
    entries.push({ key, index: i });
    if (TABLE_NAME.test(key)) tableNames += 1;
  }
  if (entries.length < 3) return undefined;
  if (!hasTitleWord && tableNames < 3) return undefined;
  const firstKey = entries[0]!.key;
  // without a 目录 line, a contents is a list whose first entry comes again in the body
  if (!hasTitleWord && !recurred && !blocks.slice(i).some((b) => b.type === "paragraph" && tocKey(b.text) === firstKey))
    return undefined;
  return {
    start: hasTitleWord ? start : from,
    end: i,
    entries: entries.map((e) => (blocks[e.index] as { text: string }).text.trim()),
  };
}

interface RawRow {
  cells: string[];
  /** Location of the row, and of each cell. */
  location: ImportLocation;
  cellLocation: (c: number) => ImportLocation;
  table?: Table;
}

interface Building {
  kind: DisclosureTableKind;
  title: string;
  location: ImportLocation;
  unit?: "元" | "万元";
  organisation?: { text: string; location: ImportLocation };
  rows: RawRow[];
  note?: { text: string; location: ImportLocation };
  /** The page its last row is on (PDF text with form feeds), for a table continued on the next page. */
  page?: number;
  /** Whether its cells were looked for one a line (readCellLines), once at its first line. */
  cellLinesTried?: boolean;
  /** Why its rows cannot be read with confidence, known while reading them (doubtOf's otherwise). */
  doubt?: { zh: string; en: string };
}

/** The page a block starts on, when the text marked pages (pdftotext's form feeds). */
function pageOf(b: Block | undefined): number | undefined {
  if (!b) return undefined;
  return b.type === "paragraph" ? b.location.page : b.table.location?.page;
}

/** `续表`, `（续表）`, `续上表`, `（续）`: a line saying the table goes on from the page before. */
export function isContinuationMark(text: string): boolean {
  return /^[（(]?续(上?表)?[)）]?[：:]?$/.test(squash(text));
}

/**
 * A table title's words, without its number, year (and what precedes it: the unit's name) or continuation mark:
 * `二、收入决算表（续）`, `示范局2022年度收入决算表` and `收入决算表` give the same words.
 */
export function titleWords(text: string): string {
  return squash(stripNumber(text.trim()))
    .replace(/[（(](续表?|续上表|公开\d{1,2}表|万?元)[)）]$/, "")
    .replace(/续表?$/, "")
    .replace(/^.*(?:19|20)\d{2}年度?/, "");
}

/** Two table titles that name the same table (one may carry the unit's name before it). */
export function sameTitle(a: string, b: string): boolean {
  const x = titleWords(a);
  const y = titleWords(b);
  return x.length >= 3 && y.length >= 3 && (x.endsWith(y) || y.endsWith(x));
}

/** The joined cells of a row, for comparing a header printed again at a page break with the first. */
const rowKey = (cells: string[]) => squash(cells.filter((c) => c.trim() !== "").join("|"));

/** Whether a row without values repeats one of the table's header rows (printed again at the top of a page). */
function repeatsHeader(b: Building, cells: string[]): boolean {
  const firstData = b.rows.findIndex((r) => r.cells.some(isValueCell));
  if (firstData < 0) return false;
  const key = rowKey(cells);
  if (key === "") return false;
  return b.rows.slice(0, firstData).some((r) => rowKey(r.cells) === key);
}

function paragraphLocation(ctx: ImportContext, b: Block & { type: "paragraph" }): ImportLocation {
  const loc: ImportLocation = { file: ctx.file };
  if (b.location.page !== undefined) loc.page = b.location.page;
  if (b.location.row !== undefined) loc.row = b.location.row;
  return loc;
}

export interface FinalAccountReading {
  disclosure: FinalAccountDisclosure;
  /** The table blocks the reading took (for coverage). */
  tables: Table[];
}

export function readFinalAccount(ctx: ImportContext, blocks: Block[]): FinalAccountReading {
  const basis = disclosureBasis(blocks);
  const ti = titleIndex(blocks);
  const titleBlock = ti >= 0 ? blocks[ti] : undefined;
  const title = titleBlock?.type === "paragraph" ? titleBlock.text.trim() : undefined;
  const disclosure: FinalAccountDisclosure = {
    basis,
    headings: [],
    asOf: [],
    tables: [],
    figures: [],
    comparisons: [],
    emptyNotes: [],
  };
  if (title) {
    disclosure.title = title;
    // a title on two lines: the unit's name alone on the line before (`甘谷县公安局交通警察大队` / `2026年部门预算…`)
    const before = ti > 0 ? blocks[ti - 1] : undefined;
    const beforeText = before?.type === "paragraph" ? squash(before.text) : "";
    const org =
      organisationOfTitle(title) ?? (beforeText.length <= 40 && UNIT_NAME.test(beforeText) ? beforeText : undefined);
    if (org) {
      disclosure.organisation = org;
      if (before?.type === "paragraph" && beforeText === org) ctx.touch(paragraphLocation(ctx, before));
    }
    const y = yearOf(title);
    if (y) disclosure.year = y;
    if (titleBlock?.type === "paragraph") ctx.touch(paragraphLocation(ctx, titleBlock));
  }
  const contents = contentsRange(blocks, ti + 1);
  if (contents) {
    const first = blocks[contents.start]!;
    const loc = first.type === "paragraph" ? paragraphLocation(ctx, first) : { file: ctx.file };
    disclosure.contents = { entries: contents.entries, location: loc };
    const listed = contents.entries.flatMap((e) => {
      const kind = tableTitleKind(stripNumber(tocKey(e)));
      return kind ? [{ kind, text: e }] : [];
    });
    if (listed.length > 0) disclosure.contents.tables = listed;
    for (let k = contents.start; k < contents.end; k++) {
      const b = blocks[k]!;
      if (b.type === "paragraph") ctx.touch(paragraphLocation(ctx, b));
    }
  }
  const usedTables: Table[] = [];
  const narrative: (Block & { type: "paragraph" })[] = [];
  const scopes: (Scope | undefined)[] = [];
  let scope: Scope | undefined;
  let building: Building | undefined;

  // the table finished last, while nothing but page furniture has come after it: a table continued on the next
  // page (`续表`, its title printed again) takes it up again instead of starting another
  let reopenable: Building | undefined;
  const finish = () => {
    if (!building) return;
    // a title with nothing under it (a list of table names, a contents cut short) is not a table
    if (building.rows.length > 0 || building.unit || building.organisation || building.note) {
      disclosure.tables.push(buildTable(ctx, building));
      reopenable = building;
    } else reopenable = undefined;
    building = undefined;
  };
  const reopen = () => {
    if (building || !reopenable) return;
    disclosure.tables.pop();
    building = reopenable;
    reopenable = undefined;
  };
  // a page number printed alone on the last or first line of a page (`7`), inside a table: not a row
  const atPageEdge = (k: number) => {
    const p = pageOf(blocks[k]);
    if (p === undefined) return false;
    return (pageOf(blocks[k - 1]) ?? p) < p || (pageOf(blocks[k + 1]) ?? p) > p;
  };

  for (let k = 0; k < blocks.length; k++) {
    if (k === ti) continue;
    if (contents && k >= contents.start && k < contents.end) continue;
    const b = blocks[k]!;
    if (b.type === "table") {
      const t = b.table;
      // a title held in the table's first row (a worksheet, a Word table with its caption inside)
      const firstCell = t.rows[0]?.find((c) => c.text.trim() !== "")?.text ?? "";
      const kindInside = tableTitleKind(firstCell);
      let startRow = 0;
      if (kindInside && t.rows[0]!.filter((c) => c.text.trim() !== "").length === 1) {
        finish();
        building = { kind: kindInside, title: firstCell.trim(), location: ctx.at(t, 0), rows: [] };
        startRow = 1;
      }
      if (!building) continue;
      usedTables.push(t);
      for (let r = startRow; r < t.rows.length; r++) {
        const cells = t.rows[r]!.map((c) => c.text);
        if (cells.every((c) => c.trim() === "")) continue;
        const only = cells.filter((c) => c.trim() !== "");
        // the header printed again at the top of the next page, or a `续表` line
        if (!only.some(isValueCell) && (repeatsHeader(building, cells) || isContinuationMark(only.join("")))) continue;
        if (!only.some(isValueCell) && lineInTable(ctx, building, only.join("  "), ctx.at(t, r))) continue;
        building.rows.push({ cells, location: ctx.at(t, r), cellLocation: (c) => ctx.at(t, r, c), table: t });
      }
      continue;
    }
    const text = b.text.trim();
    if (text === "") continue;
    const loc = paragraphLocation(ctx, b);
    if ((building || reopenable) && (isContinuationMark(text) || (/^\d{1,4}$/.test(squash(text)) && atPageEdge(k)))) {
      if (isContinuationMark(text)) reopen();
      ctx.touch(loc);
      continue;
    }
    const kind = tableTitleKind(text);
    const open = building ?? reopenable;
    const page = pageOf(b);
    if (
      kind &&
      open?.kind === kind &&
      sameTitle(text, open.title) &&
      (/续/.test(text) || (page !== undefined && open.page !== undefined && page > open.page))
    ) {
      // the title printed again over the rest of the table on the next page: the same table goes on
      reopen();
      ctx.touch(loc);
      disclosure.headings.push({ text, ...(yearOf(text) ? { year: yearOf(text)! } : {}), location: loc });
      continue;
    }
    if (kind) {
      finish();
      building = {
        kind,
        title: text.replace(/[\s|｜]+$/, ""),
        location: loc,
        rows: [],
        ...(page !== undefined ? { page } : {}),
      };
      ctx.touch(loc);
      disclosure.headings.push({ text, ...(yearOf(text) ? { year: yearOf(text)! } : {}), location: loc });
      continue;
    }
    if (building) {
      if (lineInTable(ctx, building, text, loc)) continue;
      // cells one a line (a web page's table copied as text): the rows put back from what each cell is
      if (!building.cellLinesTried && building.rows.length === 0) {
        building.cellLinesTried = true;
        const after = cellLinesAt(ctx, blocks, k, building);
        if (after !== undefined) {
          k = after - 1;
          continue;
        }
      }
      // rows the PDF text ran together (`人员经费合计 2000.00公用经费合计 361.68`): each piece a label with its amounts
      const pieces = joinedRows(text);
      if (pieces) {
        for (const piece of pieces)
          building.rows.push({
            cells: splitRowText(piece),
            location: loc,
            cellLocation: (c) => ({ ...loc, column: c + 1 }),
          });
        ctx.touch(loc);
        continue;
      }
      // a year the PDF text set apart from its 年 (`2022 年度`) is no amount cell
      const cells = splitRowText(b.text.replace(YEAR_SPACED, "$1"));
      const values = cells.filter(isValueCell).length;
      const labels = cells.filter((c) => cellShape(c, true) === "text").length;
      // a part heading (第三部分 …) or a numbered section heading without amounts ends the table
      // (a numbered label with its cells blank — `1.公务用车购置费` — between rows of amounts is a row, not a heading)
      const heading =
        values === 0 &&
        (/^第[一二三四五六七八九十]+部分/.test(squash(text)) ||
          (isHeadingLine(text) &&
            !(building.rows.some((r) => r.cells.some(isValueCell)) && isAmountRow(blocks[k + 1]))));
      const headerLike = !heading && values === 0 && cells.length >= 2 && cells.every((c) => squash(c).length <= 20);
      // a header cell wrapped onto a line of its own (`科目名称` under `科目编码` in a PDF's narrow column)
      // (or a header line whose cells the text joined: `公务用车购置及运行费 公务接待费`)
      const headerWrap =
        !heading &&
        values === 0 &&
        cells.length === 1 &&
        squash(text).length <= 30 &&
        !/[。；;，,：:]/.test(text.replace(/其中[：:]/g, "")) &&
        !building.rows.some((r) => r.cells.some(isValueCell));
      if (values === 0 && repeatsHeader(building, cells)) {
        ctx.touch(loc);
        continue;
      }
      // a row whose amount cells are all blank (`1.公务用车购置费`) between rows of amounts: its label alone
      const blankCells =
        !heading &&
        values === 0 &&
        cells.length === 1 &&
        squash(text).length <= 30 &&
        !/[。；;，,：:]/.test(text) &&
        building.rows.some((r) => r.cells.some(isValueCell)) &&
        isAmountRow(blocks[k + 1]);
      if ((values > 0 && labels <= 4 && !/[。]/.test(text)) || headerLike || headerWrap || blankCells) {
        building.rows.push({ cells, location: loc, cellLocation: (c) => ({ ...loc, column: c + 1 }) });
        ctx.touch(loc);
        continue;
      }
      finish();
    }
    // a line of the narrative: the table before it is closed for good
    reopenable = undefined;
    if (
      !disclosure.performance &&
      /^[（(]?[一二三四五六七八九十\d]+[)）、.．]?.{0,16}绩效(目标|自评|评价|管理|情况|运行)/.test(squash(text))
    )
      disclosure.performance = { text, location: loc };
    // narrative: headings set the scope of the sentences after them
    if (isHeadingLine(text)) {
      const s = scopeOfHeading(stripNumber(text));
      if (/^第[一二三四五六七八九十]+部分/.test(text) || s !== undefined) scope = s;
      disclosure.headings.push({ text, ...(yearOf(text) ? { year: yearOf(text)! } : {}), location: loc });
      if (/\d/.test(text)) ctx.touch(loc);
      continue;
    }
    if (isEmptyNote(text)) {
      const nk = emptyNoteKind(text);
      if (nk) {
        disclosure.emptyNotes.push({ kind: nk, text, location: loc });
        ctx.touch(loc);
      }
    }
    for (const m of text.matchAll(
      /截至\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日|((?:19|20)\d{2})\s*年\s*(?:末|底|12月31日)/g,
    )) {
      // `与2021年末相比`, `比上年底`: a comparison, not the date the figures are as of
      if (/(与|比|较|同|对比)\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
      disclosure.asOf.push({ text: m[0], year: Number(m[1] ?? m[2]), location: { ...loc, column: m.index + 1 } });
    }
    narrative.push(b);
    scopes.push(scope);
  }
  finish();
  // empty notes written right under their table
  for (const t of disclosure.tables) {
    if (t.emptyNote)
      disclosure.emptyNotes.push({ kind: t.kind, text: t.emptyNote.text, location: t.emptyNote.location });
  }
  const passage = passageOf(narrative, ctx.file);
  const read = readNarrative(passage, scopes, basis, (l) => ctx.touch(l));
  disclosure.figures = read.figures;
  disclosure.comparisons = read.comparisons;
  if (read.shares.length > 0) disclosure.shares = read.shares;
  const statements = readStatements(passage, (l) => ctx.touch(l));
  if (statements.procurement) disclosure.procurement = statements.procurement;
  if (statements.assets) disclosure.assets = statements.assets;
  return { disclosure, tables: usedTables };
}

/**
 * The reading of a source document: from its blocks, and — for a PDF — each table's rows and columns from the blocks
 * rebuilt from its words' positions (`source.positioned`) when that reading reads the same table (its kind, in the same
 * order among the tables of its kind) whole. Columns too narrow for the layout text run cells together or wrap them
 * (a table 未能判断, or worse, rows read wrong without doubt: a header merged into the 合计 row, a wrapped label's
 * amount under another row); the positions keep them apart. The table keeps its title and location; its unit and
 * unit name are the positions' when they read them (a `单位：万元` cell the layout text wrapped away).
 */
export function readFinalAccountSource(ctx: ImportContext, source: SourceDocument): FinalAccountReading {
  const r = readFinalAccount(ctx, source.blocks);
  if (!source.positioned) return r;
  const alt = readFinalAccount(new ImportContext(source), source.positioned).disclosure.tables;
  const nth = (tables: DisclosureTable[], t: DisclosureTable) => tables.filter((x) => x.kind === t.kind).indexOf(t);
  r.disclosure.tables = r.disclosure.tables.map((t) => {
    const other = alt.filter((x) => x.kind === t.kind)[nth(r.disclosure.tables, t)];
    if (!other || other.unread || other.rows.length === 0) return t;
    const { unread: _, ...rest } = t;
    for (const row of other.rows) for (const c of row.cells) ctx.touch(c.location);
    const taken: DisclosureTable = { ...rest, columns: other.columns, rows: other.rows, empty: other.empty };
    // the unit its amounts were read in (a 单位 cell the layout text wrapped away), the unit name read whole
    if (other.unit) taken.unit = other.unit;
    if (other.organisation) taken.organisation = other.organisation;
    return taken;
  });
  return r;
}

/**
 * A page holding a 三公 table and no whole 公开 (kind `three-public`): the disclosure reading of its 三公 tables only,
 * marked `part: "threePublic"`, or undefined when it holds no 三公 table titled as one.
 */
export function readThreePublicPart(ctx: ImportContext, blocks: Block[]): FinalAccountReading | undefined {
  const titled = blocks.some((b) => {
    const text = b.type === "paragraph" ? b.text : (b.table.rows[0]?.find((c) => c.text.trim() !== "")?.text ?? "");
    return tableTitleKind(text) === "threePublic";
  });
  if (!titled) return undefined;
  const r = readFinalAccount(ctx, blocks);
  const tables = r.disclosure.tables.filter((t) => t.kind === "threePublic");
  if (tables.length === 0) return undefined;
  // 决算 or 预算 from the table's title when the page has no 公开 title
  const basis = r.disclosure.title ? r.disclosure.basis : /决算/.test(tables[0]!.title) ? "final" : "budget";
  return { disclosure: { ...r.disclosure, basis, part: "threePublic", tables }, tables: r.tables };
}

/** A paragraph that is a table row with amounts (a label, then amounts; no sentence). */
function isAmountRow(b: Block | undefined): boolean {
  if (b?.type !== "paragraph" || /[。；;，,]/.test(b.text)) return false;
  const cells = splitRowText(b.text);
  return cells.length >= 2 && cells.slice(1).some(isValueCell);
}

/** Whether a paragraph can be one cell of a table whose cells come one a line. */
function isCellLine(text: string): boolean {
  const t = squash(text);
  if (t === "" || t.length > 40 || /[。；;，,]/.test(t.replace(/(\d),(?=\d{3})/g, "$1"))) return false;
  if (splitRowText(text).length !== 1) return false;
  if (tableTitleKind(text) || /^第[一二三四五六七八九十]+部分/.test(t) || unitOfLine(text) || organisationOfLine(text))
    return false;
  return !isEmptyNote(text) && !/^(注|说明|备注)[：:]/.test(t) && !isContinuationMark(text);
}

/**
 * A table whose cells come one a line from block k (its header's first cell): its rows put in `building`, its lines
 * touched; the index of the block after it, or undefined when the lines are not such a table (../disclosure/cell-lines.ts).
 */
function cellLinesAt(ctx: ImportContext, blocks: Block[], k: number, building: Building): number | undefined {
  const lines: (Block & { type: "paragraph" })[] = [];
  for (let j = k; j < blocks.length && lines.length < 5000; j++) {
    const b = blocks[j]!;
    if (b.type !== "paragraph" || !isCellLine(b.text)) break;
    lines.push(b);
  }
  if (!lines.some((b) => isValueCell(b.text.trim()))) return undefined;
  const read = readCellLines(
    lines.map((b) => b.text),
    {
      twoSided: building.kind === "summary" || building.kind === "fiscalSummary",
      acrossItems: building.kind === "threePublic",
    },
  );
  if (!read) return undefined;
  const at = (i: number) => paragraphLocation(ctx, lines[i]!);
  const headLoc = at(read.headerFrom[0] ?? 0);
  for (const cells of read.header) building.rows.push({ cells, location: headLoc, cellLocation: () => headLoc });
  for (const r of read.rows) {
    const first = r.from.find((i) => i >= 0)!;
    const location = at(first);
    building.rows.push({
      cells: r.cells,
      location,
      cellLocation: (c) => (r.from[c] !== undefined && r.from[c]! >= 0 ? at(r.from[c]!) : location),
    });
  }
  for (let i = 0; i < read.used; i++) ctx.touch(at(i));
  if (read.doubt) building.doubt = read.doubt;
  return k + read.used;
}

/** Lines of a table that are not rows: its unit, its unit name, `公开01表`, its note. True when taken. */
function lineInTable(ctx: ImportContext, building: Building, text: string, loc: ImportLocation): boolean {
  const unit = unitOfLine(text);
  const org = organisationOfLine(text);
  if (unit || org) {
    if (unit) building.unit = unit;
    if (org) building.organisation = { text: org, location: loc };
    ctx.touch(loc);
    return true;
  }
  const t = squash(text);
  if (/^(公开|附表)?\d{1,2}表$|^[（(]?公开\d{1,2}表[)）]?$/.test(t)) {
    ctx.touch(loc);
    return true;
  }
  if (isEmptyNote(text)) {
    building.note = { text: text.trim(), location: loc };
    ctx.touch(loc);
    return true;
  }
  if (/^(注|说明|备注)[：:]/.test(t)) {
    ctx.touch(loc);
    return true;
  }
  return false;
}

const NUMBERISH = (s: string) => {
  const shape = cellShape(s, false);
  return shape === "number" || shape === "dash" || shape === "placeholder";
};

/**
 * A header row under a group heading, printed without the label column's cell (its 项目 spans the header rows; the
 * text runs the row's cells together from the left): `项目 | 2016年预算数` over `小计 | 其中:一般公共预算安排数` over
 * rows of a label and two amounts (江苏 南通). When the first header row starts with a label heading, a later one does
 * not, and the data rows hold one cell more than it, that row's cells are under the columns after the label.
 */
function underGroupHeading(headerRowsIn: RawRow[], dataRows: RawRow[]): RawRow[] {
  let headerRows = headerRowsIn;
  if (headerRows.length < 2 || dataRows.length === 0) return headerRows;
  if (!/^(项目|科目名称|功能分类科目名称)/.test(squash(headerRows[0]!.cells[0] ?? ""))) return headerRows;
  const counts = new Map<number, number>();
  for (const r of dataRows) {
    const n = r.cells.length;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  // a header row's cells run together into one (`项目2016年预算数`, `小计其中:一般公共预算安排数`): apart again before a
  // year, before 其中, after a label heading or a 小计 / 合计 that starts it
  const apart = (r: RawRow): RawRow => {
    const cells = r.cells.filter((c) => c.trim() !== "");
    if (cells.length !== 1 || usual < 2) return r;
    const pieces = cells[0]!
      .split(/(?=(?:19|20)\d{2}\s*年)|(?=其中[:：])|(?<=^(?:项目|科目名称|功能分类科目名称|小计|合计))(?=\S)/)
      .map((x) => x.trim())
      .filter((x) => x !== "");
    return pieces.length > 1 && pieces.length < usual + 1 ? { ...r, cells: pieces } : r;
  };
  headerRows = headerRows.map(apart);
  return headerRows.map((r, i) => {
    const lead = squash(r.cells[0] ?? "");
    if (i === 0 || lead === "" || LABEL_HEADER.test(lead) || r.cells.length + 1 !== usual) return r;
    return { ...r, cells: ["", ...r.cells], cellLocation: (c: number) => r.cellLocation(c - 1) };
  });
}

function buildTable(ctx: ImportContext, b: Building): DisclosureTable {
  const unit = b.unit ?? "元";
  // header rows: the rows before the first row holding a value
  // (a `栏次 | 1 | 2 | 3` row numbers the columns: it belongs to the header)
  const isColumnNumbers = (r: RawRow) => /^(栏次|栏号)$/.test(squash(r.cells.find((c) => c.trim() !== "") ?? ""));
  const firstData = b.rows.findIndex((r) => !isColumnNumbers(r) && r.cells.some((c) => NUMBERISH(c)));
  let headerRows = (firstData < 0 ? b.rows : b.rows.slice(0, firstData)).filter((r) => !isColumnNumbers(r));
  const dataRows = (firstData < 0 ? [] : b.rows.slice(firstData)).filter((r) => !isColumnNumbers(r));
  headerRows = underGroupHeading(headerRows, dataRows);
  const width = Math.max(0, ...headerRows.map((r) => r.cells.length));
  const names: string[] = [];
  for (let j = 0; j < width; j++) {
    const parts: string[] = [];
    headerRows.forEach((r, ri) => {
      let c = (r.cells[j] ?? "").trim();
      if (c === "" && ri < headerRows.length - 1) {
        // a merged header cell across columns: its text is to the left
        for (let k = j - 1; k >= 0 && c === ""; k--) c = (r.cells[k] ?? "").trim();
      }
      if (c !== "" && !parts.includes(c)) parts.push(c);
    });
    names.push(parts.join(" "));
  }
  // a column's own heading: its lowest non-empty header cell (a group heading above it spans several columns)
  const heads: string[] = [];
  for (let j = 0; j < width; j++) {
    let h = "";
    for (let ri = headerRows.length - 1; ri >= 0 && h === ""; ri--) h = squash(headerRows[ri]!.cells[j] ?? "");
    heads.push(h);
  }
  const isLabelCol = (j: number) => LABEL_HEADER.test(heads[j] ?? "");
  // 行次 columns: the row's line number, neither a label nor an amount
  const lineCols = new Set<number>();
  for (const r of headerRows) {
    r.cells.forEach((c, j) => {
      if (/^(行次|栏次)$/.test(squash(c))) lineCols.add(j);
    });
  }
  // columns and sides: a label column after an amount column starts the second side (收入 | 支出)
  const amountCols: number[] = [];
  let split = -1;
  for (let j = 0; j < width; j++) {
    if (isLabelCol(j) || lineCols.has(j) || (heads[j] ?? "") === "") {
      if (amountCols.length > 0 && split < 0 && isLabelCol(j)) split = j;
      continue;
    }
    amountCols.push(j);
  }
  const twoSided = split > 0;
  const sideCols = (side: 0 | 1) => amountCols.filter((j) => (side === 0 ? !twoSided || j < split : j >= split));
  const colName = (j: number) => squash(names[j] ?? "") || `第${j + 1}列`;
  const rows: DisclosureRow[] = [];
  // a 三公 table laid across whose header the text lost (a PDF's header wrapped over three lines in narrow columns):
  // rows of amounts alone, as many as the standard columns, under a header that names the items
  const across = threePublicAcross(b.kind, headerRows, dataRows, amountCols.length);
  if (across) {
    for (const raw of dataRows) {
      const row: DisclosureRow = { label: "", cells: [], location: raw.location };
      raw.cells.forEach((c, index) => {
        const k = raw.cells.slice(0, index).filter((x) => x.trim() !== "").length;
        if (c.trim() === "" || cellShape(c, false) === "dash") return;
        const location = { ...raw.cellLocation(index), field: across[k]! };
        row.cells.push({ column: across[k]!, amount: ctx.amount(c, unit, location), location });
      });
      rows.push(row);
    }
  }
  for (const raw of across ? [] : dataRows) {
    const cells = raw.cells;
    const positional =
      width > 0 &&
      cells.length === width &&
      amountCols.every((j) => cellShape(cells[j] ?? "", false) !== "text") &&
      // a label column holding an amount means the cells moved (an empty cell left out)
      cells.every((c, j) => amountCols.includes(j) || lineCols.has(j) || cellShape(c, true) !== "number");
    const segments: {
      labels: { text: string; index: number }[];
      values: { text: string; col: number; index: number }[];
    }[] = [];
    if (positional) {
      for (const side of twoSided ? [0, 1] : [0]) {
        const lo = side === 0 ? 0 : split;
        const hi = side === 0 && twoSided ? split : width;
        const seg = {
          labels: [] as { text: string; index: number }[],
          values: [] as { text: string; col: number; index: number }[],
        };
        for (let j = lo; j < hi; j++) {
          const c = (cells[j] ?? "").trim();
          if (lineCols.has(j)) continue;
          if (amountCols.includes(j)) seg.values.push({ text: c, col: j, index: j });
          else if (c !== "") seg.labels.push({ text: c, index: j });
        }
        segments.push(seg);
      }
    } else {
      let seg: (typeof segments)[number] | undefined;
      cells.forEach((c, index) => {
        const t = c.trim();
        if (t === "") return;
        // a 科目编码 before its name (`204 | 公共安全支出 | …` under a header whose 编码 and 名称 share a column)
        const nextText = cells.slice(index + 1).find((x) => x.trim() !== "");
        const codeBeforeName =
          /^\d{3,9}$/.test(t) &&
          (!seg || seg.values.length > 0) &&
          nextText !== undefined &&
          cellShape(nextText, false) === "text";
        const numeric = NUMBERISH(t) && !codeBeforeName;
        // with a 行次 column, the small whole number right after a label is the line number
        if (
          numeric &&
          lineCols.size > 0 &&
          seg &&
          seg.values.length === 0 &&
          seg.labels.length > 0 &&
          /^\d{1,3}$/.test(t)
        )
          return;
        if (!numeric) {
          if (!seg || seg.values.length > 0) {
            seg = { labels: [], values: [] };
            segments.push(seg);
          }
          seg.labels.push({ text: t, index });
        } else {
          if (!seg) {
            seg = { labels: [], values: [] };
            segments.push(seg);
          }
          seg.values.push({ text: t, col: -1, index });
        }
      });
      segments.forEach((s, si) => {
        const cols = sideCols(twoSided && si > 0 ? 1 : 0);
        s.values.forEach((v, vi) => {
          v.col = cols[vi] ?? -1;
        });
      });
    }
    segments.forEach((seg, si) => {
      if (seg.labels.length === 0 && seg.values.every((v) => v.text === "")) return;
      let code: string | undefined;
      const labelParts: string[] = [];
      for (const l of seg.labels) {
        const m = /^(\d{3,9})\s*(.*)$/.exec(l.text);
        if (m && !code) {
          code = m[1]!;
          if (m[2]) labelParts.push(m[2]);
        } else labelParts.push(l.text);
      }
      const label = labelParts.join("").replace(/[\s\u3000]+/g, "");
      const row: DisclosureRow = { label, cells: [], location: raw.location };
      if (code) row.code = code;
      if (twoSided) row.side = si === 0 ? "income" : "expenditure";
      const total = totalOf(label);
      if (total) row.total = total;
      for (const v of seg.values) {
        const shape = cellShape(v.text, false);
        if (v.text === "" || shape === "dash") continue;
        const column = v.col >= 0 ? colName(v.col) : `第${v.index + 1}列`;
        const location = { ...raw.cellLocation(v.index), field: column };
        row.cells.push({ column, amount: ctx.amount(v.text, unit, location), location });
      }
      rows.push(row);
    });
  }
  const columns = across ?? amountCols.map(colName);
  const unread = b.doubt ?? doubtOf(b.kind, rows);
  const empty = !unread && !rows.some((r) => r.cells.some((c) => c.amount.fen !== undefined && c.amount.fen !== "0"));
  const table: DisclosureTable = {
    kind: b.kind,
    title: b.title,
    columns: unread ? [] : columns,
    rows: unread ? [] : rows,
    empty,
    location: b.location,
  };
  if (unread) table.unread = unread;
  const y = yearOf(b.title);
  if (y) table.year = y;
  if (b.unit) table.unit = b.unit;
  if (b.organisation) table.organisation = b.organisation;
  if (b.note) table.emptyNote = b.note;
  for (const r of headerRows) ctx.touch(r.location);
  return table;
}

/** Tables that always hold a 合计 / 总计 row: read without one, their rows were not read whole. */
const WITH_TOTAL = new Set<DisclosureTableKind>([
  "summary",
  "fiscalSummary",
  "income",
  "expenditure",
  "generalExpenditure",
]);

/**
 * Why a table's rows were not read with confidence, or undefined when they were: amounts that fall under no column
 * of the header (the header's cells ran together, or a row's cells moved), an amount inside a row's label (cells the
 * text joined), or no 合计 / 总计 row in a table that always has one (rows lost). A table printed in narrow columns
 * (pdftotext's single spaces between cells) reads so; its arithmetic must not be judged from such rows.
 */
export function doubtOf(kind: DisclosureTableKind, rows: DisclosureRow[]): { zh: string; en: string } | undefined {
  const data = rows.filter((r) => r.cells.length > 0 || r.label !== "");
  if (data.length === 0) return undefined;
  const stray = data.flatMap((r) => r.cells).filter((c) => /^第\d+列$/.test(c.column)).length;
  if (stray > 0)
    return {
      zh: `有 ${stray} 个金额不在表头的任何一列之下（表头或行的单元格未能分开）`,
      en: `${stray} amount(s) fall under no column of the header (the header's or a row's cells could not be told apart)`,
    };
  const glued = data.find((r) => /\d\s*\.\d{2}/.test(r.label) || /^[\d\s.,%-]+$/.test(r.label));
  if (glued)
    return {
      zh: `行「${glued.label}」的名称中夹着金额（单元格连在了一起）`,
      en: `the row "${glued.label}" has an amount inside its label (cells run together)`,
    };
  if (WITH_TOTAL.has(kind) && !data.some((r) => r.total))
    return { zh: "没有读出合计（总计）行", en: "no 合计 / 总计 row was read" };
  return undefined;
}

/** The standard columns of a 三公 table laid across: 合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费. */
const THREE_ACROSS_6 = [
  "合计",
  "因公出国（境）费",
  "公务用车购置及运行费小计",
  "公务用车购置费",
  "公务用车运行费",
  "公务接待费",
];
const THREE_ACROSS_4 = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"];

/**
 * The columns of a 三公 table laid across whose header rows were not read as columns (fewer amount columns than the
 * rows hold amounts): every data row is amounts alone, all of the standard count (4, 6, or 12 under 预算数 / 决算数
 * groups), and the header's words name the items. Undefined when the header gave the columns.
 */
function threePublicAcross(
  kind: DisclosureTableKind,
  headerRows: RawRow[],
  dataRows: RawRow[],
  amountColumns: number,
): string[] | undefined {
  if (kind !== "threePublic" || dataRows.length === 0) return undefined;
  const header = squash(headerRows.flatMap((r) => r.cells).join(""));
  if (!/因公出国/.test(header) || !/公务接待/.test(header) || !/公务用车/.test(header)) return undefined;
  const counts = dataRows.map((r) => {
    const filled = r.cells.filter((c) => c.trim() !== "");
    return filled.every((c) => NUMBERISH(c)) ? filled.length : -1;
  });
  const n = counts[0]!;
  if (counts.some((c) => c !== n) || n === amountColumns) return undefined;
  const split = /购置费/.test(header) && /运行(维护)?费/.test(header);
  const one = split ? THREE_ACROSS_6 : THREE_ACROSS_4;
  if (n === one.length) return one;
  const budgetFirst = header.indexOf("预算");
  const finalFirst = header.indexOf("决算");
  if (n === one.length * 2 && budgetFirst >= 0 && finalFirst >= 0) {
    const [a, b] = budgetFirst < finalFirst ? ["预算数", "决算数"] : ["决算数", "预算数"];
    return [...one.map((c) => `${a}${c}`), ...one.map((c) => `${b}${c}`)];
  }
  return undefined;
}

/**
 * Table rows a PDF's text ran into one line, split where an amount is followed at once by the next row's label
 * (`人员经费合计 2000.00公用经费合计 361.68`); undefined unless every piece is a label followed by amounts.
 */
function joinedRows(text: string): string[] | undefined {
  if (/[。；;，,]/.test(text)) return undefined;
  const pieces = text.split(/(?<=\d\.\d{2})(?=[\u4e00-\u9fff（(])/);
  if (pieces.length < 2) return undefined;
  const ok = pieces.every((p) => {
    const cells = splitRowText(p.replace(YEAR_SPACED, "$1"));
    return cells.length >= 2 && cellShape(cells[0]!, true) !== "number" && cells.slice(1).some(isValueCell);
  });
  return ok ? pieces : undefined;
}
