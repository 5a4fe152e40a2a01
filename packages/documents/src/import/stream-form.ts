/**
 * A project form read from its cells in reading order, whatever became of its rows.
 *
 * Text copied from a web page or a PDF often keeps the cells of a 项目支出绩效自评表 in order but not its rows: one
 * cell per paragraph (`项目名称` / `办公宿舍楼…` / `主管部门` / …), a whole table on one line of words, headers broken
 * over two cells (`年初` / `预算数`). The table reader needs rows; this reader needs only the order: it reads the
 * labels (项目名称 → the next cell), the funds (a run of fund headers, then a label and its values), and the
 * indicator grid as a sequence of rows matched to the grid header's fields by what each cell holds — the best
 * split of the cell sequence into rows of 一级? 二级? 三级 指标值 实际完成值 分值 得分 原因?, found by dynamic
 * programming over the cells (each cell's kind fits its field, rows need a name, skipped values cost a little).
 *
 * Used when the table reader finds no form; the same rule for every stream-like layout.
 */
import type { Amount, FundLine, ImportLocation, Indicator, ProjectSelfEvaluation } from "@jixiao/core/model";
import type { Block } from "../model/table.ts";
import { type ImportContext, norm, pointsIn, tidy, unitIn } from "./context.ts";
import {
  cutFundRows,
  type DrawnGrid,
  drawnGridHeader,
  type FundField,
  fitsField,
  GRID_FIELDS,
  isFundLabel,
  NUMBERED_NAME,
  rateAgrees,
  readDrawnGrid,
} from "./drawn-order.ts";
import { formLabel } from "./form-labels.ts";
import { type HeaderField, headerField } from "./headers.ts";
import { interleavedHeaderAt } from "./interleaved-header.ts";
import { unqueueNames } from "./queued-names.ts";
import { type CellKind, cellKind } from "./row-fields.ts";
import { queuedRows, type ScatteredHeader, scatteredGridHeader } from "./scattered-header.ts";
import { readNumber, readPercent, readTarget } from "./values.ts";

export interface Token {
  text: string;
  location: ImportLocation;
}

const FUND_FIELDS: readonly HeaderField[] = ["initial", "adjustment", "budget", "executed", "weight", "rate", "score"];
const TOTAL = /^(总分|合计|总计|自评得分|综合得分)$/;
const GOALS = /^(年度总体目标|总体目标|预期目标|实际完成情况|年度目标完成情况|实际完成目标)$/;
const FORM_END =
  /^(附表|附件|第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|.{0,30}(绩效|自评|目标).{0,8}表)/;
const UNIT_NOTE = /^[(（]?\s*(单位[：:])?\s*(万元|元)\s*[)）]?$/;
const VALUE = /^([+-]?[\d,]+(\.\d+)?\s*[%％]?|[—\-–/／]+)$/;
/** A line holding a whole table as words: at least this many known headers among its words. */
const MIN_HEADERS_IN_LINE = 4;

/** The document's cells in reading order: paragraphs, the words of a one-line table, table cells row by row. */
export function tokensOf(ctx: ImportContext, blocks: Block[]): Token[] {
  const out: Token[] = [];
  // the lines holding a table: a paragraph on such a line is the rest of a one-line form (its words are cells)
  const tableLines = new Set<number>();
  for (const b of blocks) if (b.type === "table") for (const r of b.table.sourceRows ?? []) tableLines.add(r);
  for (const b of blocks) {
    if (b.type === "paragraph") {
      const loc = ctx.line(b.location.row);
      const words = b.text.split(/[ \u3000\t]+/).filter((w) => w !== "");
      const headers = words.filter((w) => headerField(w) !== undefined).length;
      const onTableLine = b.location.row !== undefined && tableLines.has(b.location.row);
      if (words.length > 1 && (headers >= MIN_HEADERS_IN_LINE || onTableLine))
        for (const w of words) out.push({ text: w, location: loc });
      else if (b.text.trim() !== "") out.push({ text: b.text.trim(), location: loc });
      continue;
    }
    // a table read from one line of words: a cell holding several words was merged by the reading, the words
    // are the cells (a form drawn out of reading order puts words of different cells side by side)
    const lines = new Set(b.table.sourceRows ?? []);
    const oneLine = lines.size === 1 && b.table.rows.length > 2;
    b.table.rows.forEach((row, r) => {
      row.forEach((c, col) => {
        if (c.mergedFrom || c.text.trim() === "") return;
        const location = ctx.at(b.table, r, col);
        if (oneLine) for (const w of c.text.trim().split(/[ \u3000]+/)) out.push({ text: w, location });
        else out.push({ text: c.text.trim(), location });
      });
    });
  }
  return joinBrokenHeaders(out);
}

/** `年初` + `预算数` → `年初预算数`; `(万元)` after a header stays with it. Only joins that make a known header. */
function joinBrokenHeaders(tokens: Token[]): Token[] {
  const out: Token[] = [];
  const texts = tokens.map((t) => t.text);
  for (let i = 0; i < tokens.length; i++) {
    // wrapped header cells read line by line (年度 实际 指标值 完成值 → 年度指标值 实际完成值)
    const wrapped = interleavedHeaderAt(texts, i, headerField);
    if (wrapped) {
      wrapped.cells.forEach((text, c) => {
        out.push({ text, location: tokens[wrapped.starts[c]!]!.location });
      });
      i += wrapped.length - 1;
      continue;
    }
    let joined: Token | undefined;
    for (const n of [3, 2]) {
      if (i + n > tokens.length) continue;
      const text = tokens
        .slice(i, i + n)
        .map((t) => t.text)
        .join("");
      if (text.length > 16) continue;
      const f = headerField(text);
      // only fragments join: a first part that is a header itself (执行率 + 得分) or a unit note stays apart
      const first = tokens[i]!.text;
      if (f && headerField(first) === undefined && !UNIT_NOTE.test(first) && !/^[(（]/.test(first)) {
        joined = { text, location: tokens[i]!.location };
        i += n - 1;
        break;
      }
    }
    out.push(joined ?? tokens[i]!);
  }
  return out;
}

const fieldOf = (t: Token) => headerField(t.text);
const isValue = (t: Token) => VALUE.test(t.text.replace(/\s/g, ""));

/** The header runs: consecutive tokens that are headers of one kind (funds or grid). */
function headerRun(
  tokens: Token[],
  from: number,
  kinds: readonly HeaderField[],
): { fields: HeaderField[]; end: number } {
  const fields: HeaderField[] = [];
  let i = from;
  for (; i < tokens.length; i++) {
    const f = fieldOf(tokens[i]!);
    if (f === undefined) {
      // a unit note or a caption inside the header run (`(万元)`, `绩效指标`) is passed over
      if (UNIT_NOTE.test(tokens[i]!.text) || norm(tokens[i]!.text) === "绩效指标") continue;
      break;
    }
    if (!kinds.includes(f) || fields.includes(f)) break;
    fields.push(f);
  }
  return { fields, end: i };
}

/** Whether the cells in order hold a project self-evaluation: 项目名称, a funds header run and a grid header run. */
export function looksLikeStreamProjectSelfEvaluation(ctx: ImportContext, blocks: Block[]): boolean {
  const tokens = tokensOf(ctx, blocks);
  let name = false;
  let funds = false;
  let grid = false;
  for (let i = 0; i < tokens.length; i++) {
    if (formLabel(tokens[i]!.text) === "name") name = true;
    const fr = headerRun(tokens, i, FUND_FIELDS);
    if (fr.fields.filter((f) => ["initial", "budget", "executed"].includes(f)).length >= 2) funds = true;
    const gr = headerRun(tokens, i, GRID_FIELDS);
    if (
      (gr.fields.includes("name") &&
        gr.fields.includes("target") &&
        (gr.fields.includes("actual") || gr.fields.includes("score"))) ||
      drawnGridAt(tokens, i) !== undefined ||
      scatteredAt(tokens, i) !== undefined
    )
      grid = true;
  }
  return name && funds && grid;
}

export function readStreamProjectSelfEvaluation(
  ctx: ImportContext,
  blocks: Block[],
): ProjectSelfEvaluation | undefined {
  const tokens = tokensOf(ctx, blocks);
  const p: ProjectSelfEvaluation = { name: "", funds: [], indicators: [], location: tokens[0]?.location ?? ctx.line() };
  let unit: "元" | "万元" = "万元";
  let unitSeen = false;
  let funds: HeaderField[] | undefined;
  let fundsAt = -1;
  let gridAt = tokens.length;
  let gridDone = false;
  let lastUsed = -1;
  const unlabelled: FundLine[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const key = norm(t.text).replace(/[：:]/g, "");
    const label = formLabel(t.text);
    if (label && i + 1 < tokens.length && !fieldOf(tokens[i + 1]!) && !structural(tokens[i + 1]!)) {
      if (p[label] === undefined || p[label] === "") p[label] = tidy(tokens[i + 1]!.text);
      ctx.touch(t.location);
      i += 1;
      lastUsed = i;
      continue;
    }
    if (label) {
      // a label drawn after its value (the next word is another label or a header): the plain words before it
      const value = valueBefore(tokens, i, lastUsed);
      if (value && (p[label] === undefined || p[label] === "")) p[label] = value;
      ctx.touch(t.location);
      lastUsed = i;
      continue;
    }
    const u = unitIn(t.text);
    if (u && t.text.length <= 12) {
      unit = u;
      unitSeen = true;
    }
    const fr = headerRun(tokens, i, FUND_FIELDS);
    // (one form: a funds header after the grid is the next form's)
    if (!gridDone && fr.fields.filter((f) => ["initial", "budget", "executed"].includes(f)).length >= 2) {
      funds = fr.fields;
      fundsAt = i;
      // its 年初预算数 drawn before it, the block's labels between (年初预算数 (万元) 年度资金总额 … 全年预算数 全年执行数…)
      const early = fr.fields.includes("initial") ? -1 : initialBefore(tokens, i);
      if (early >= 0) {
        funds = ["initial", ...fr.fields];
        fundsAt = early;
        ctx.touch(tokens[early]!.location);
      }
      i = fr.end - 1;
      // the block's unit note drawn after it (项目资金 (元) after the rows): the first one before the grid
      if (!unitSeen) {
        for (let k = fr.end; k < tokens.length && !startsGrid(tokens, k); k++) {
          const v = unitIn(tokens[k]!.text);
          if (v && tokens[k]!.text.length <= 12) {
            unit = v;
            break;
          }
        }
      }
      // rows drawn before their labels: values right after the header, cut by shape, labelled later
      let k = fr.end;
      while (k < tokens.length && isValue(tokens[k]!)) k++;
      if (k > fr.end) {
        const run = tokens.slice(fr.end, k);
        for (const cut of cutFundRows(
          run.map((x) => x.text),
          funds as FundField[],
        )) {
          const line: FundLine = { label: "", location: run[0]!.location };
          for (const [f, n] of cut) putFund(ctx, line, f, run[n]!, unit);
          if (line.initial || line.budget || line.executed) unlabelled.push(line);
        }
        i = k - 1;
      }
      lastUsed = i;
      continue;
    }
    const gr = headerRun(tokens, i, GRID_FIELDS);
    const values = gridDone ? undefined : drawnGridAt(tokens, i);
    // a header run whose names go on past the first rows' cells is the scattered header's start
    const scattered = gridDone || values ? undefined : scatteredAt(tokens, i);
    const plain =
      gr.fields.includes("name") &&
      gr.fields.includes("target") &&
      !(scattered && scattered.fields.length > gr.fields.length);
    if (!gridDone && (plain || values)) {
      // the grid ends at 总分, or where the form ends: an annex, a numbered section heading, another form's title
      const stop = gridEnd(tokens, values?.from ?? gr.end);
      gridAt = i;
      if (values) {
        p.indicators = drawnIndicators(ctx, tokens, values.rows);
        if (values.total) {
          p.totalScore = readNumber(tokens[values.total.score]!.text);
          ctx.touch(tokens[values.total.score]!.location);
        }
      } else p.indicators = readGridStream(ctx, tokens.slice(gr.end, stop), gr.fields);
      gridDone = true;
      i = stop - 1;
      lastUsed = i;
      continue;
    }
    if (!gridDone && scattered) {
      const stop = gridEnd(tokens, scattered.end);
      gridAt = i;
      const read = scatteredIndicators(ctx, tokens, scattered, stop);
      p.indicators = read.indicators;
      if (read.total) {
        p.totalScore = readNumber(tokens[read.total.score]!.text);
        ctx.touch(tokens[read.total.score]!.location);
      }
      gridDone = true;
      i = stop - 1;
      lastUsed = i;
      continue;
    }
    if (TOTAL.test(key)) {
      const nums = tokens.slice(i + 1, i + 4).filter((x) => /^\d+(\.\d+)?$/.test(x.text));
      const last = nums[nums.length - 1];
      if (last && p.totalScore === undefined) {
        p.totalScore = readNumber(last.text);
        ctx.touch(last.location);
      }
      continue;
    }
    // a funds row: a label and its values, in the funds header's order
    if (funds && !gridDone && !isValue(t) && !GOALS.test(key) && i + 1 < tokens.length && isValue(tokens[i + 1]!)) {
      const values: Token[] = [];
      let k = i + 1;
      while (k < tokens.length && isValue(tokens[k]!) && values.length < funds.length) values.push(tokens[k++]!);
      // a lone percentage after a word (…目标 86.19%) is no funds row: an amount comes first
      if (/[%％]$/.test(values[0]!.text) && funds[0] !== "rate") continue;
      const line: FundLine = { label: tidy(t.text).replace(/[：:]$/, ""), location: t.location };
      funds.forEach((f, n) => {
        const v = values[n];
        if (!v || /^[—\-–/／]+$/.test(v.text)) return;
        putFund(ctx, line, f as FundField, v, unit);
      });
      p.funds.push(line);
      i = k - 1;
      lastUsed = i;
    }
  }
  if (unlabelled.length > 0) {
    // the labels left without values, in order, are the unlabelled rows' (年度资金总额, 其中:当年财政拨款)
    const labels = tokens
      .slice(fundsAt, gridAt)
      .filter((x, n, all) => isFundLabel(norm(x.text)) && !(all[n + 1] && isValue(all[n + 1]!)));
    unlabelled.forEach((line, n) => {
      const l = labels[n];
      if (l) {
        line.label = tidy(l.text).replace(/[：:]$/, "");
        ctx.touch(l.location);
      }
    });
    p.funds.unshift(...unlabelled);
    strayRateOf(ctx, p.funds[0]!, tokens.slice(fundsAt, gridAt));
  }
  if (p.indicators.length === 0 && p.funds.length === 0) return undefined;
  return p;
}

/** How far before a funds header its 年初预算数 may be drawn: the block's labels, a unit note, a form label's value. */
const INITIAL_BEFORE = 10;

/** The 年初预算数 header drawn before the funds header at `at`, with no other header between, or -1. */
function initialBefore(tokens: Token[], at: number): number {
  for (let k = at - 1; k >= Math.max(0, at - INITIAL_BEFORE); k--) {
    const f = fieldOf(tokens[k]!);
    if (f === "initial") return k;
    if (f !== undefined && !formLabel(tokens[k]!.text)) return -1;
  }
  return -1;
}

function putFund(ctx: ImportContext, line: FundLine, f: FundField, v: Token, unit: "元" | "万元"): void {
  if (/^[—\-–/／]+$/.test(v.text)) return;
  if (f === "initial" || f === "budget" || f === "executed") line[f] = amount(ctx, v, unit);
  else if (f === "weight") line.weight = readNumber(v.text);
  else if (f === "rate") line.rate = readPercent(v.text);
  else if (f === "score") line.score = readNumber(v.text);
}

/** Where a grid whose cells start at `from` ends: at 总分, an annex, a numbered heading, another form's title. */
function gridEnd(tokens: Token[], from: number): number {
  const end = tokens.findIndex((x, k) => k >= from && (TOTAL.test(norm(x.text)) || FORM_END.test(norm(x.text))));
  return end < 0 ? tokens.length : end;
}

/** A grid drawn values first whose header starts at i, read (undefined when none is). */
function drawnGridAt(tokens: Token[], i: number): (DrawnGrid & { from: number }) | undefined {
  const drawn = drawnGridHeader(tokens, i);
  if (!drawn) return undefined;
  const stop = gridEnd(tokens, drawn.end);
  const totalFollows = stop < tokens.length && TOTAL.test(norm(tokens[stop]!.text));
  const read = readDrawnGrid(tokens, drawn.end, stop, drawn.fields, drawn.lead, totalFollows);
  return read && { ...read, from: drawn.end };
}

/** A grid header scattered among its first rows' cells starting at i (scattered-header.ts). */
function scatteredAt(tokens: Token[], i: number): ScatteredHeader | undefined {
  // (a goals block's 实际完成情况 is no grid header's)
  if (fieldOf(tokens[i]!) === undefined || GOALS.test(norm(tokens[i]!.text))) return undefined;
  return scatteredGridHeader(
    tokens.map((t) => t.text),
    i,
    headerField,
    GRID_FIELDS,
    (t) => TOTAL.test(norm(t)) || FORM_END.test(norm(t)) || isFundLabel(norm(t)) || GOALS.test(norm(t)),
  );
}

/**
 * Where a grid read in reading order switches to drawing order (a sheet's last rows drawn values first: their values,
 * the total, then their names — drawn-order.ts), from `from` on: the first word from which the rest reads as such
 * a grid (as many names after the values as rows).
 */
function drawnTail(
  tokens: Token[],
  from: number,
  stop: number,
  fields: readonly HeaderField[],
): (DrawnGrid & { from: number }) | undefined {
  const totalFollows = stop < tokens.length && TOTAL.test(norm(tokens[stop]!.text));
  // (the drawn rows' values may follow the last row read in order without a break, and a target may be words,
  // 不少于12种: any word may start them)
  for (let k = from + 1; k < stop; k++) {
    const read = readDrawnGrid(tokens, k, stop, fields, [], totalFollows);
    if (read) return { ...read, from: k };
  }
  return undefined;
}

/**
 * The rows of a grid under a scattered header: the first rows from their queues, the rest in order — up to where
 * its last rows are drawn values first, read as such.
 */
function scatteredIndicators(
  ctx: ImportContext,
  tokens: Token[],
  header: ScatteredHeader,
  stop: number,
): { indicators: Indicator[]; total?: DrawnGrid["total"] } {
  const tail = drawnTail(tokens, header.end, stop, header.fields);
  const until = tail?.from ?? stop;
  const withTail = (indicators: Indicator[]) => {
    if (!tail) return { indicators };
    indicators.push(...drawnIndicators(ctx, tokens, tail.rows));
    return tail.total ? { indicators, total: tail.total } : { indicators };
  };
  const q = queuedRows(
    tokens.map((t) => t.text),
    header,
    until,
    cellKind,
  );
  if (!q) return withTail(readGridStream(ctx, tokens.slice(header.end, until), header.fields));
  const text = (ns: number[] | undefined) => (ns ? ns.map((n) => tokens[n]!.text).join("") : undefined);
  const first = q.rows.map((r) => {
    const ind: Indicator = { name: tidy(tokens[r.name!]!.text), location: tokens[r.name!]!.location };
    const target = text(r.values.target);
    const actual = text(r.values.actual);
    const weight = text(r.values.weight);
    const score = text(r.values.score);
    if (target) ind.target = readTarget(target);
    if (actual) ind.actual = readTarget(actual);
    if (weight && !/^[—\-–/／]+$/.test(weight)) ind.weight = readNumber(weight);
    if (score && !/^[—\-–/／]+$/.test(score)) ind.score = readNumber(score);
    if (r.values.deviation) ind.deviation = r.values.deviation.map((n) => tokens[n]!.text).join(" ");
    for (const n of [r.name!, ...Object.values(r.values).flat()]) ctx.touch(tokens[n!]!.location);
    return ind;
  });
  if (q.lost > 0)
    ctx.report(
      "warning",
      "row_name_lost",
      `指标表前 ${q.rows.length + q.lost} 行中有 ${q.lost} 行的指标名称不在文本中，这些行未读取`,
      `${q.lost} of the grid's first ${q.rows.length + q.lost} rows have no name in the text and were not read`,
      tokens[header.at[0]!]!.location,
    );
  // the rows after in reading order, names queued before their rows put back (queued-names.ts)
  const rest = tokens.slice(q.end, until);
  const groups = unqueueNames(
    rest.map((t) => t.text),
    header.fields,
    cellKind,
  );
  const ordered = joinWrappedNames(
    groups.map((g) => ({ text: g.map((n) => rest[n]!.text).join(""), location: rest[g[0]!]!.location })),
    header.fields.filter((f) => ["target", "actual", "weight", "score"].includes(f)),
  );
  return withTail([...first, ...readGridStream(ctx, ordered, header.fields)]);
}

/**
 * Numbered names (指标1:资金是否全部纳入医 保统筹) wrapped over two words: a plain word right after a numbered name
 * is the name's end when the row's values (`fields`, in order) fit the words after it and do not fit from the word
 * itself (a target in words, 达标 达标 10 10, is the row's first value).
 */
export function joinWrappedNames<T extends { text: string }>(cells: readonly T[], fields: readonly HeaderField[]): T[] {
  const fitsRow = (at: number) =>
    fields.length > 0 && fields.every((f, n) => cells[at + n] !== undefined && fitsField(f, cells[at + n]!.text));
  const out: T[] = [];
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    const next = cells[k + 1];
    if (
      NUMBERED_NAME.test(norm(c.text)) &&
      next &&
      cellKind(next.text) === "text" &&
      !headerField(next.text) &&
      fitsRow(k + 2) &&
      !fitsRow(k + 1)
    ) {
      out.push({ ...c, text: c.text + next.text });
      k += 1;
      continue;
    }
    out.push(c);
  }
  return out;
}

/** A word that is a label, a header or a funds row's label: never another label's value. */
function structural(t: Token): boolean {
  const k = norm(t.text).replace(/[：:]/g, "");
  return formLabel(t.text) !== undefined || isFundLabel(k) || TOTAL.test(k) || GOALS.test(k);
}

/** Whether a grid header starts at k (as the reader finds one). */
function startsGrid(tokens: Token[], k: number): boolean {
  const gr = headerRun(tokens, k, GRID_FIELDS);
  return (gr.fields.includes("name") && gr.fields.includes("target")) || drawnGridHeader(tokens, k) !== undefined;
}

/**
 * The value of a label drawn after it: the plain words just before the label (a wrapped value's pieces joined),
 * back to the last word read, a bracket's end, a title or a header.
 */
function valueBefore(tokens: Token[], i: number, lastUsed: number): string | undefined {
  const parts: string[] = [];
  for (let k = i - 1; k > lastUsed && parts.length < 3; k--) {
    const w = tokens[k]!;
    if (structural(w) || fieldOf(w) || isValue(w) || /[)）]$|表$|^[(（]/.test(w.text) || UNIT_NOTE.test(w.text)) break;
    parts.unshift(w.text);
  }
  return parts.length > 0 ? tidy(parts.join("")) : undefined;
}

/** The rows of a grid drawn values first, as indicators. */
function drawnIndicators(ctx: ImportContext, tokens: Token[], rows: DrawnGrid["rows"]): Indicator[] {
  return rows.map((r) => {
    const name = tidy(r.name.map((n) => tokens[n]!.text).join(""));
    const ind: Indicator = { name, location: tokens[r.name[0]!]!.location };
    const v = (f: HeaderField) => (r.values[f] === undefined ? undefined : tokens[r.values[f]!]!);
    const target = v("target");
    const actual = v("actual");
    const weight = v("weight");
    const score = v("score");
    if (target) ind.target = readTarget(target.text);
    if (actual) ind.actual = readTarget(actual.text);
    if (weight && !/^[—\-–/／]+$/.test(weight.text)) ind.weight = readNumber(weight.text);
    if (score && !/^[—\-–/／]+$/.test(score.text)) ind.score = readNumber(score.text);
    for (const n of [...r.name, ...Object.values(r.values)]) ctx.touch(tokens[n!]!.location);
    return ind;
  });
}

/**
 * The total row's rate printed away from it (drawing order): a lone percentage between the funds and the grid
 * that agrees with the row's 执行数 ÷ 预算数 is its 执行率, when the row has none.
 */
function strayRateOf(ctx: ImportContext, line: FundLine, head: Token[]): void {
  if (line.rate || !line.budget?.fen || !line.executed?.fen) return;
  const lone = head.filter((x) => /^\d+(\.\d+)?[%％]$/.test(x.text.trim()));
  const found = lone.find((x) => rateAgrees(x.text, BigInt(line.executed!.fen!), BigInt(line.budget!.fen!)));
  if (!found) return;
  line.rate = readPercent(found.text);
  ctx.touch(found.location);
  ctx.report(
    "info",
    "rate_drawn_apart",
    `执行率「${found.text}」印在资金行之外，按执行数 ÷ 预算数核对后读作该行的执行率`,
    `The rate "${found.text}" is printed away from its funds row; it agrees with executed ÷ budget and was read as the row's rate`,
    found.location,
  );
}

function amount(ctx: ImportContext, t: Token, unit: "元" | "万元"): Amount {
  return ctx.amount(t.text, unit, t.location);
}

/** How well a cell fits a field of a grid row (the row reader's scale: ≥ 3 good, ≤ -4 wrong). */
function fits(kind: CellKind, field: HeaderField, text: string): number {
  switch (field) {
    case "level1":
      // a name of both levels (成本指标, 服务对象满意度指标) is a 二级 unless nothing else fits
      return kind === "level1" ? 6 : kind === "level12" ? 5 : -9;
    case "level2":
      return kind === "level2" || kind === "level12" ? 6 : -9;
    case "name":
      return kind === "text" ? 3 : kind === "value" ? -1 : -6;
    case "target":
    case "actual":
      return kind === "value" || kind === "percent"
        ? 3
        : kind === "number"
          ? 2
          : kind === "text"
            ? 0.5
            : kind === "dash"
              ? 1
              : -8;
    case "weight":
    case "score":
      return kind === "number" ? 4 : kind === "dash" ? 1 : -8;
    case "deviation":
    case "description":
      return kind === "text" ? 1 : kind === "dash" ? 0.5 : -3;
    case "unit":
      return kind === "text" && text.length <= 6 ? 1 : -4;
    default:
      return -4;
  }
}

/** What leaving a field of a row empty costs. */
function skipCost(field: HeaderField): number {
  switch (field) {
    case "target":
    case "actual":
      return 1.5;
    case "weight":
    case "score":
      return 0.75;
    default:
      return 0;
  }
}

const DROP = 6;

/**
 * The grid's cells split into rows of the header's fields: the best assignment of each cell to a field, in order,
 * a new row starting at 一级, 二级 or 三级 once the row before has its name.
 */
export function readGridStream(ctx: ImportContext, cells: Token[], header: HeaderField[]): Indicator[] {
  const rest = header.filter((f) => f !== "level1" && f !== "level2" && f !== "name");
  const fields: HeaderField[] = ["level1", "level2", "name", ...rest];
  const NAME = 2;
  const m = fields.length;
  const n = cells.length;
  const kinds = cells.map((c) => cellKind(c.text));
  // state: the index of the last field filled in the current row (-1: before any row)
  const NEG = Number.NEGATIVE_INFINITY;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(NEG));
  // how each state was reached: [previous state, this state, 0 dropped / 1 same row / 2 new row]
  const back: [number, number, number][][] = Array.from(
    { length: n + 1 },
    () => new Array<[number, number, number]>(m + 1),
  );
  const at = (k: number) => k + 1; // state -1 is stored at 0
  best[0]![at(-1)] = 0;
  const skipped = (from: number, to: number) => {
    let c = 0;
    for (let j = from + 1; j < to; j++) c += skipCost(fields[j]!);
    return c;
  };
  for (let i = 0; i < n; i++) {
    for (let k = -1; k < m; k++) {
      const here = best[i]![at(k)]!;
      if (here === NEG) continue;
      const relax = (k2: number, score: number, how: number) => {
        if (score > best[i + 1]![at(k2)]!) {
          best[i + 1]![at(k2)] = score;
          back[i + 1]![at(k2)] = [k, k2, how];
        }
      };
      relax(k, here - DROP, 0);
      // the same row: a later field (a row's fields after its name need the name)
      for (let j = k + 1; j < m; j++) {
        if (j > NAME && k < NAME) break;
        relax(j, here + fits(kinds[i]!, fields[j]!, cells[i]!.text) - skipped(Math.max(k, NAME), j), 1);
      }
      // a new row, once this one has its name (or before the first)
      if (k >= NAME || k === -1) {
        const end = k === -1 ? 0 : skipped(k, m);
        for (let j = 0; j <= NAME; j++) relax(j, here - end + fits(kinds[i]!, fields[j]!, cells[i]!.text), 2);
      }
    }
  }
  // the end: the last row has its name
  let endK = -1;
  let endScore = NEG;
  for (let k = NAME; k < m; k++) {
    const s = best[n]![at(k)]! - skipped(k, m);
    if (s > endScore) {
      endScore = s;
      endK = k;
    }
  }
  if (endScore === NEG) return [];
  // walk back: the field of each cell (undefined: dropped)
  const assigned: (HeaderField | undefined)[] = new Array(n);
  const newRow: boolean[] = new Array(n).fill(false);
  let k = endK;
  for (let i = n; i > 0; i--) {
    const [prev, k2, how] = back[i]![at(k)]!;
    if (how === 0) assigned[i - 1] = undefined;
    else {
      assigned[i - 1] = fields[k2]!;
      newRow[i - 1] = how === 2;
    }
    k = prev;
  }
  const out: Indicator[] = [];
  let level1 = "";
  let level2 = "";
  let row: Partial<Record<HeaderField, Token>> | undefined;
  const flush = () => {
    if (!row?.name) return;
    const name = tidy(row.name.text);
    const ind: Indicator = { name, location: row.name.location };
    if (level1) ind.level1 = level1;
    if (level2) ind.level2 = level2;
    if (row.target) ind.target = readTarget(row.target.text);
    if (row.actual) ind.actual = readTarget(row.actual.text);
    if (row.weight) ind.weight = readNumber(row.weight.text);
    if (row.score) ind.score = readNumber(row.score.text);
    if (row.unit) ind.unit = tidy(row.unit.text);
    if (row.deviation) ind.deviation = row.deviation.text;
    if (row.description) ind.description = row.description.text;
    for (const t of Object.values(row)) if (t) ctx.touch(t.location);
    out.push(ind);
  };
  for (let i = 0; i < n; i++) {
    const f = assigned[i];
    if (f === undefined) {
      ctx.report(
        "warning",
        "cell_not_placed",
        `单元格「${cells[i]!.text.slice(0, 30)}」对不上指标表的任何一列，未读取`,
        `The cell "${cells[i]!.text.slice(0, 30)}" fits no column of the indicator table and was not read`,
        cells[i]!.location,
      );
      continue;
    }
    if (newRow[i]) {
      flush();
      row = {};
    }
    row ??= {};
    if (f === "level1") {
      level1 = norm(cells[i]!.text).replace(/[(（]\d+(\.\d+)?分[)）]$/, "") || level1;
      if (pointsIn(cells[i]!.text) === undefined || level1) level2 = "";
    } else if (f === "level2") level2 = norm(cells[i]!.text);
    row[f] = cells[i]!;
  }
  flush();
  // rows at the grid's end with no value at all (a name the text's end cut off before its values) are no indicators
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    if (last.target || last.actual || last.weight || last.score) break;
    out.pop();
    ctx.report(
      "warning",
      "text_cut",
      `指标「${last.name.slice(0, 30)}」之后没有任何值（文本在此截断），未作为指标读取`,
      `The indicator "${last.name.slice(0, 30)}" has no value after it (the text is cut there) and was not read as one`,
      last.location,
    );
  }
  return out;
}
