/**
 * A grid header scattered among its first rows' cells, and those rows read from their columns.
 *
 * A sharing site's rendering of a merged-cell sheet reads it line by line across the cells, so the header's names,
 * which stand on different lines of tall merged cells, come out apart, with the first rows' cells drawn between
 * them: `年度指标值 实际完成值 指标1:居民健康档案 38508人 指标2:… 不少于12 种 … 6次 二级指标 三级指标 指标5:… 分值 得分
 * 37442人 3 3 14种 1 1 …`. The cells between the header's names are the first rows' names and targets; the rest of
 * those rows (实际完成值 分值 得分) follow the header as one run.
 *
 * - `scatteredGridHeader`: grid header names of distinct fields, each at most `MAX_GAP` words after the one before,
 *   naming the 三级 name, the target and the actual or the score, with words between at least once (a plain run
 *   is the ordinary header's).
 * - `queuedRows`: the first rows read from their queues: the targets among the words between the header's names
 *   (a unit broken off a number joined back: `不少于12 种`), the rest of each row (the header's value fields after
 *   the target, in order, 得分 no more than 分值) as the run after the header; as many targets as rows. The names
 *   between the header's names go to the rows by their numbers (`指标5:` is the fifth row; a row whose name the
 *   text lost is left out), or in order when they are not numbered and there are as many as rows. A text after the
 *   run is the last row's 偏差原因 when the header has that column.
 */
import type { HeaderField } from "./headers.ts";
import type { CellKind } from "./row-fields.ts";

export const MAX_GAP = 12;

export interface ScatteredHeader {
  fields: HeaderField[];
  /** The header names' word indexes. */
  at: number[];
  /** One past the header's last name. */
  end: number;
}

/** A grid header scattered from word `from` on (see the file's comment); `field` names a word's header field. */
export function scatteredGridHeader(
  words: readonly string[],
  from: number,
  field: (text: string) => HeaderField | undefined,
  gridFields: readonly HeaderField[],
  stop: (text: string) => boolean,
): ScatteredHeader | undefined {
  const first = field(words[from] ?? "");
  if (first === undefined || !gridFields.includes(first)) return undefined;
  const fields: HeaderField[] = [first];
  const at = [from];
  for (let i = from + 1; i < words.length && i - at[at.length - 1]! <= MAX_GAP + 1; i++) {
    if (stop(words[i]!)) break;
    const f = field(words[i]!);
    if (f === undefined) continue;
    if (!gridFields.includes(f) || fields.includes(f)) break;
    fields.push(f);
    at.push(i);
  }
  const end = at[at.length - 1]! + 1;
  const gaps = end - from - at.length;
  const ok =
    gaps > 0 &&
    fields.includes("name") &&
    fields.includes("target") &&
    (fields.includes("actual") || fields.includes("score"));
  return ok ? { fields, at, end } : undefined;
}

export interface QueuedRow {
  /** The name's word index (undefined: the text lost it). */
  name?: number;
  /** Word indexes of each value field (a target may be two words: a number and its unit). */
  values: Partial<Record<HeaderField, number[]>>;
}

const NUMBERED = /^指标\s*(\d+)\s*[:：]/;
const NUMBER = /^\d+(\.\d+)?$/;
const DASH = /^[—\-–/／]+$/;
const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");

/**
 * The first rows of a grid around its scattered header (see the file's comment). `gap`: the word indexes between
 * the header's names; `after`: the header's end; `stop`: where the grid ends. Returns the rows (those with a name)
 * and one past the last word they take, or undefined when the queues do not agree.
 */
export function queuedRows(
  words: readonly string[],
  header: ScatteredHeader,
  stop: number,
  kind: (text: string) => CellKind,
): { rows: QueuedRow[]; lost: number; end: number } | undefined {
  const inHeader = new Set(header.at);
  const gap: number[] = [];
  for (let i = header.at[0]!; i < header.end; i++) if (!inHeader.has(i)) gap.push(i);
  const names: number[] = [];
  const targets: number[][] = [];
  for (let g = 0; g < gap.length; g++) {
    const i = gap[g]!;
    const t = squash(words[i]!);
    const k = kind(t);
    if (NUMBERED.test(t)) names.push(i);
    else if (
      k === "value" ||
      k === "percent" ||
      k === "number" ||
      // a target in words (不少于12种), not a section's points ((50分)
      (k === "text" && /\d/.test(t) && t.length <= 12 && !/^[(（]/.test(t))
    ) {
      // a unit broken off the number (不少于12 种)
      const next = gap[g + 1];
      if (/\d$/.test(t) && next === i + 1 && /^[\u4e00-\u9fff]$/.test(squash(words[next]!))) {
        targets.push([i, next]);
        g++;
      } else targets.push([i]);
    }
  }
  const rest = header.fields.filter((f) => f === "actual" || f === "weight" || f === "score");
  if (rest.length < 2 || targets.length === 0) return undefined;
  const runs: number[][] = [];
  let i = header.end;
  while (i + rest.length <= stop) {
    const group = words.slice(i, i + rest.length).map(squash);
    if (!group.every((t, n) => fits(rest[n]!, t, kind))) break;
    const w = rest.indexOf("weight");
    const s = rest.indexOf("score");
    if (w >= 0 && s >= 0 && NUMBER.test(group[w]!) && NUMBER.test(group[s]!) && Number(group[s]) > Number(group[w]))
      break;
    runs.push(group.map((_, n) => i + n));
    i += rest.length;
  }
  if (runs.length !== targets.length) return undefined;
  // the names to the rows: by their numbers, or in order
  const byRow = new Map<number, number>();
  const numbers = names.map((n) => Number(NUMBERED.exec(squash(words[n]!))![1]));
  if (names.length > 0 && numbers.every((n, j) => n >= 1 && n <= runs.length && (j === 0 || n > numbers[j - 1]!)))
    names.forEach((n, j) => {
      byRow.set(numbers[j]! - 1, n);
    });
  else if (names.length === runs.length)
    names.forEach((n, j) => {
      byRow.set(j, n);
    });
  else return undefined;
  const rows: QueuedRow[] = [];
  runs.forEach((run, r) => {
    const name = byRow.get(r);
    if (name === undefined) return;
    const values: QueuedRow["values"] = { target: targets[r]! };
    rest.forEach((f, n) => {
      values[f] = [run[n]!];
    });
    rows.push({ name, values });
  });
  // the last row's 偏差原因: the texts after the run, up to a level name, a numbered name or a value
  if (header.fields.includes("deviation") && rows.length > 0 && byRow.has(runs.length - 1)) {
    const dev: number[] = [];
    while (i < stop && kind(squash(words[i]!)) === "text" && !NUMBERED.test(squash(words[i]!))) dev.push(i++);
    if (dev.length > 0) rows[rows.length - 1]!.values.deviation = dev;
  }
  return { rows, lost: runs.length - rows.length, end: i };
}

function fits(field: HeaderField, t: string, kind: (text: string) => CellKind): boolean {
  if (field === "weight" || field === "score") return (NUMBER.test(t) && Number(t) <= 100) || DASH.test(t);
  const k = kind(t);
  return k === "value" || k === "percent" || k === "number" || k === "dash";
}
