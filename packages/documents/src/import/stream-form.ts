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
import { formLabel } from "./form-labels.ts";
import { type HeaderField, headerField } from "./headers.ts";
import { type CellKind, cellKind } from "./row-fields.ts";
import { readNumber, readPercent, readTarget } from "./values.ts";

export interface Token {
  text: string;
  location: ImportLocation;
}

const FUND_FIELDS: readonly HeaderField[] = ["initial", "adjustment", "budget", "executed", "weight", "rate", "score"];
const GRID_FIELDS: readonly HeaderField[] = [
  "level1",
  "level2",
  "name",
  "description",
  "target",
  "unit",
  "actual",
  "weight",
  "score",
  "deviation",
];
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
  for (const b of blocks) {
    if (b.type === "paragraph") {
      const loc = ctx.line(b.location.row);
      const words = b.text.split(/[ \u3000\t]+/).filter((w) => w !== "");
      const headers = words.filter((w) => headerField(w) !== undefined).length;
      if (words.length > 1 && headers >= MIN_HEADERS_IN_LINE)
        for (const w of words) out.push({ text: w, location: loc });
      else if (b.text.trim() !== "") out.push({ text: b.text.trim(), location: loc });
      continue;
    }
    b.table.rows.forEach((row, r) => {
      row.forEach((c, col) => {
        if (c.mergedFrom || c.text.trim() === "") return;
        out.push({ text: c.text.trim(), location: ctx.at(b.table, r, col) });
      });
    });
  }
  return joinBrokenHeaders(out);
}

/** `年初` + `预算数` → `年初预算数`; `(万元)` after a header stays with it. Only joins that make a known header. */
function joinBrokenHeaders(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
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
      gr.fields.includes("name") &&
      gr.fields.includes("target") &&
      (gr.fields.includes("actual") || gr.fields.includes("score"))
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
  let funds: HeaderField[] | undefined;
  let gridDone = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const key = norm(t.text).replace(/[：:]/g, "");
    const label = formLabel(t.text);
    if (label && i + 1 < tokens.length && !fieldOf(tokens[i + 1]!)) {
      if (p[label] === undefined || p[label] === "") p[label] = tidy(tokens[i + 1]!.text);
      ctx.touch(t.location);
      i += 1;
      continue;
    }
    const u = unitIn(t.text);
    if (u && t.text.length <= 12) unit = u;
    const fr = headerRun(tokens, i, FUND_FIELDS);
    if (fr.fields.filter((f) => ["initial", "budget", "executed"].includes(f)).length >= 2) {
      funds = fr.fields;
      i = fr.end - 1;
      continue;
    }
    const gr = headerRun(tokens, i, GRID_FIELDS);
    if (!gridDone && gr.fields.includes("name") && gr.fields.includes("target")) {
      // the grid ends at 总分, or where the form ends: an annex, a numbered section heading, another form's title
      const end = tokens.findIndex((x, k) => k >= gr.end && (TOTAL.test(norm(x.text)) || FORM_END.test(norm(x.text))));
      const stop = end < 0 ? tokens.length : end;
      p.indicators = readGridStream(ctx, tokens.slice(gr.end, stop), gr.fields);
      gridDone = true;
      i = stop - 1;
      continue;
    }
    if (TOTAL.test(key)) {
      const nums = tokens.slice(i + 1, i + 4).filter((x) => /^\d+(\.\d+)?$/.test(x.text));
      const last = nums[nums.length - 1];
      if (last) {
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
      const line: FundLine = { label: tidy(t.text).replace(/[：:]$/, ""), location: t.location };
      funds.forEach((f, n) => {
        const v = values[n];
        if (!v || /^[—\-–/／]+$/.test(v.text)) return;
        if (f === "initial" || f === "budget" || f === "executed") line[f] = amount(ctx, v, unit);
        else if (f === "weight") line.weight = readNumber(v.text);
        else if (f === "rate") line.rate = readPercent(v.text);
        else if (f === "score") line.score = readNumber(v.text);
      });
      p.funds.push(line);
      i = k - 1;
    }
  }
  if (p.indicators.length === 0 && p.funds.length === 0) return undefined;
  return p;
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
  return out;
}
