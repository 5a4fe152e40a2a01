/**
 * What a candidate reading proposes for a stretch of lines: a table (rows with their source lines, the header
 * row) and its score. The layout stage keeps, per stretch, the proposals that score best and do not overlap.
 */
import type { DocumentNote } from "../model/table.ts";
import { columnField, normHeader } from "../vocabulary/columns.ts";
import { HEADER_END } from "./header-run.ts";
import { clip, type Line } from "./lines.ts";
import { type Column, columnOf, isDash, isLevel1Name, isLevel2Name, isPlaceholder } from "./shapes.ts";

export interface Row {
  cells: string[];
  /** 1-based source line the row starts on. */
  line: number;
  /** The last source line of the row when it spans several. */
  end?: number;
}

export interface Proposal {
  candidate: string;
  /** First and last source lines (1-based, inclusive) the table covers. */
  first: number;
  last: number;
  rows: Row[];
  /** Index (in rows) of the header row, -1 when the table has none the vocabulary knows. */
  header: number;
  /** Distinct known columns in the header. */
  known: number;
  score: number;
  page?: number;
  notes: DocumentNote[];
  /**
   * Words on the table's first line before the table starts (a table on one line after its title, 项目名称 and
   * funds): kept as a paragraph before the table, never dropped.
   */
  before?: string;
  /** Words on the table's last line after its last row (a one-line table): kept as a paragraph after it. */
  after?: string;
  /** The index of the last word a one-line table read (for `after`). */
  lastWord?: number;
}

export interface HeaderRun {
  /** Index of the first item of the header and one past its last. */
  start: number;
  end: number;
  /** The header's columns (items of a wrapped header name joined: 一级 + 指标). */
  columns: Column[];
  known: number;
}

/**
 * The first run of consecutive items naming known columns (at least `min` distinct ones). A header name broken in
 * two or three items (`一级` `指标`, a wrapped cell) is joined back.
 */
export function findHeaderRun(items: readonly string[], min = 3, from = 0): HeaderRun | undefined {
  for (let i = from; i < items.length; i++) {
    const columns: Column[] = [];
    const fields = new Set<string>();
    let unknowns = 0;
    let j = i;
    while (j < items.length) {
      let took = 0;
      for (let k = 1; k <= 3 && j + k <= items.length; k++) {
        const parts = items.slice(j, j + k);
        if (parts.some((p) => p.length > 30)) break;
        const text = parts.join("");
        const f = columnField(text);
        // A name broken in pieces is joined only when no piece is a name itself or a bare note `(万元)`.
        const broken = k === 1 || parts.every((p) => columnField(p) === undefined && !/^[(（].*[)）]$/.test(p));
        if (f !== undefined && broken) {
          columns.push(columnOf(text, f));
          fields.add(f);
          took = k;
          break;
        }
      }
      // a province's own column between known ones (指标方向, 是否核心指标): a column of no known meaning
      if (took === 0 && j > i && unknowns < 2 && j + 1 < items.length && ownColumn(items[j]!)) {
        const next = columnField(items[j + 1]!);
        if (next !== undefined) {
          columns.push({ header: items[j]!, shape: "text" });
          unknowns += 1;
          took = 1;
        }
      }
      if (took === 0) break;
      j += took;
    }
    if (fields.size >= min) return { start: i, end: j, columns, known: fields.size };
  }
  return undefined;
}

/** A word that reads as a column name the vocabulary does not know: 指标方向, 是否核心指标, 评分标准. */
function ownColumn(word: string): boolean {
  return /^[\u4e00-\u9fff]{2,8}$/.test(word) && (/^指标/.test(word) || HEADER_END.test(word));
}

/**
 * A header run that is two header rows run together: a field named twice (年度指标值 … 指标值) says so. The national
 * form's indicator header is printed on two rows, `绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差…` over
 * `一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位` (年度指标值 spans 性质, 值 and 单位); read in order, the
 * cells of both come as one run. The lower row starts at its first 一级 (or 二级, 三级) column; the columns are the
 * lower row's, then the upper row's right of the field they share — the same rule the table readers apply to two
 * header rows (import/project-self-evaluation.ts, spanFromAbove). A run naming no field twice is kept as it is.
 */
export function composeHeaderRows(run: HeaderRun): HeaderRun {
  const fields = run.columns.map((c) => c.field);
  if (new Set(fields).size === fields.length) return run;
  const distinct = (cs: readonly Column[]) => new Set(cs.map((c) => c.field)).size === cs.length;
  for (const start of ["level1", "level2", "name"] as const) {
    for (let k = 1; k < run.columns.length; k++) {
      if (run.columns[k]!.field !== start) continue;
      const upper = run.columns.slice(0, k);
      const lower = run.columns.slice(k);
      if (!distinct(upper) || !distinct(lower)) continue;
      const shared = upper.filter((c) => lower.some((d) => d.field === c.field));
      if (shared.length !== 1) continue;
      const from = upper.indexOf(shared[0]!);
      const columns = [...lower, ...upper.slice(from + 1)];
      return { ...run, columns, known: new Set(columns.map((c) => c.field)).size };
    }
  }
  return run;
}

/** A row label column before the header's named columns (项目资金(万元), 绩效指标): used only if a row fills it. */
export function labelColumn(header: string): Column {
  return { header, shape: "text", bias: -0.2 };
}

/** The columns of a table: a label column, then the header's; those left of 一级指标 are spanning labels. */
export function tableColumns(label: string, run: HeaderRun): Column[] {
  const cols = [labelColumn(label), ...run.columns];
  const level1 = cols.findIndex((c) => c.field === "level1");
  for (let k = 0; k < level1; k++) cols[k] = { ...cols[k]!, bias: -0.3 };
  return cols;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => normHeader(x) === normHeader(b[i]!));

/**
 * Finishes a table: drops header rows repeated at page breaks and placeholder rows (`指标2:`, `……`) with a
 * note each, and scores it: two points a known header column, and for each data row its alignment score (the
 * fits of its cells less the cost of its empty columns, so that cutting rows in pieces does not pay).
 */
export function finish(
  candidate: string,
  rows: Row[],
  header: number,
  known: number,
  rowFits: number[],
  file: string,
  opts: { explicit?: boolean; first?: number; last?: number; breaks?: (a: number, b: number) => boolean } = {},
): Proposal {
  const explicit = opts.explicit ?? false;
  const notes: DocumentNote[] = [];
  const kept: Row[] = [];
  let score = 2 * known;
  const headerCells = header >= 0 ? rows[header]!.cells : undefined;
  rows.forEach((r, i) => {
    const prevLine = i > 0 ? (rows[i - 1]!.end ?? rows[i - 1]!.line) : r.line;
    const atBreak = opts.breaks ? opts.breaks(prevLine, r.line) : true;
    if (headerCells && i > header && atBreak && same(r.cells, headerCells)) {
      notes.push({
        text: {
          zh: `第 ${r.line} 行重复表头（分页处），已略去`,
          en: `Line ${r.line} repeats the table's header (at a page break) and was left out`,
        },
        location: { file, row: r.line },
      });
      return;
    }
    if (i !== header && isPlaceholderRow(r.cells)) {
      notes.push({
        text: {
          zh: `第 ${r.line} 行是占位行，不是指标，已略去：${clip(r.cells.filter((c) => c !== "").join(" "))}`,
          en: `Line ${r.line} is a placeholder row, not an indicator, and was left out`,
        },
        location: { file, row: r.line },
      });
      return;
    }
    kept.push(r);
    if (i > header) score += explicit ? 0.5 : (rowFits[i] ?? 0);
  });
  let first = opts.first ?? Number.POSITIVE_INFINITY;
  let last = opts.last ?? 0;
  for (const r of rows) {
    first = Math.min(first, r.line);
    last = Math.max(last, r.end ?? r.line);
  }
  return {
    candidate,
    first,
    last,
    rows: kept,
    header: headerCells ? kept.indexOf(rows[header]!) : -1,
    known,
    score,
    notes,
  };
}

/**
 * Whether a page ends between two source lines of the stretch: a page furniture line (a page number, a page
 * marker) or a new page (form feed) lies between them.
 */
export function pageBreaks(lines: readonly Line[]): (a: number, b: number) => boolean {
  const byNo = new Map(lines.map((l) => [l.no, l] as const));
  return (a, b) => {
    const first = byNo.get(a);
    for (let n = a + 1; n <= b; n++) {
      const l = byNo.get(n);
      if (!l) continue;
      if (l.gone || (first && l.page !== first.page)) return true;
    }
    return false;
  };
}

/** A row whose only cells, besides merged 一级/二级 names, are placeholders (and dashes: `指标1:/ | / | /`). */
export function isPlaceholderRow(cells: readonly string[]): boolean {
  const rest = cells.filter((c) => c !== "" && !isLevel1Name(c) && !isLevel2Name(c));
  return rest.some(isPlaceholder) && rest.every((c) => isPlaceholder(c) || isDash(c));
}
