/**
 * Names queued before their rows: a merged-cell sheet read line by line across its cells puts the names of rows
 * whose name cells are taller (wrapped) before the rows' values — `指标24:传染病及突发公共卫生事件报告 数
 * 指标25:家庭医生签约率 14例 14例 2 2 24694人 22584人 2 1.7` is two rows, each name's wrapped end (`数`) after it.
 *
 * `unqueueNames` finds two or more numbered names (`指标N:`, numbers rising by one) in a row, each maybe followed by
 * a short piece (one or two characters, no value: a wrapped end, joined to it), right followed by as many full rows
 * of values (the value fields in order, each fitting its shape, 得分 no more than 分值), and writes them back in
 * reading order. Returns the words as groups of word indexes (a group of two: a name and its wrapped end).
 */
import type { HeaderField } from "./headers.ts";
import type { CellKind } from "./row-fields.ts";

const NUMBERED = /^指标\s*(\d+)\s*[:：]/;
const NUMBER = /^\d+(\.\d+)?$/;
const DASH = /^[—\-–/／]+$/;
const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
const VALUE_FIELDS: readonly HeaderField[] = ["target", "actual", "weight", "score"];

export function unqueueNames(
  words: readonly string[],
  header: readonly HeaderField[],
  kind: (text: string) => CellKind,
): number[][] {
  const fields = header.filter((f) => VALUE_FIELDS.includes(f));
  const out: number[][] = [];
  let i = 0;
  while (i < words.length) {
    const queued = namesAt(words, i, kind);
    if (queued && fields.length >= 2) {
      const after = queued[queued.length - 1]!.at(-1)! + 1;
      const rows = queued.length;
      if (fullRows(words, after, rows, fields, kind)) {
        queued.forEach((name, r) => {
          out.push(name);
          for (let f = 0; f < fields.length; f++) out.push([after + r * fields.length + f]);
        });
        i = after + rows * fields.length;
        continue;
      }
    }
    out.push([i]);
    i++;
  }
  return out;
}

/** Two or more numbered names in a row from i (numbers rising by one), each with its wrapped end if any. */
function namesAt(words: readonly string[], i: number, kind: (text: string) => CellKind): number[][] | undefined {
  const names: number[][] = [];
  let last = -1;
  let k = i;
  while (k < words.length) {
    const m = NUMBERED.exec(squash(words[k]!));
    if (!m || (last >= 0 && Number(m[1]) !== last + 1)) break;
    last = Number(m[1]);
    const name = [k];
    const piece = squash(words[k + 1] ?? "");
    if (piece !== "" && [...piece].length <= 2 && kind(piece) === "text" && !NUMBERED.test(piece)) name.push(k + 1);
    names.push(name);
    k = name[name.length - 1]! + 1;
  }
  return names.length >= 2 ? names : undefined;
}

function fullRows(
  words: readonly string[],
  at: number,
  rows: number,
  fields: readonly HeaderField[],
  kind: (text: string) => CellKind,
): boolean {
  if (at + rows * fields.length > words.length) return false;
  for (let r = 0; r < rows; r++) {
    const group = words.slice(at + r * fields.length, at + (r + 1) * fields.length).map(squash);
    for (let f = 0; f < fields.length; f++) {
      const t = group[f]!;
      const field = fields[f]!;
      const k = kind(t);
      const ok =
        field === "weight" || field === "score"
          ? (NUMBER.test(t) && Number(t) <= 100) || DASH.test(t)
          : k === "value" || k === "percent" || k === "number" || k === "dash";
      if (!ok) return false;
    }
    const w = fields.indexOf("weight");
    const s = fields.indexOf("score");
    if (w >= 0 && s >= 0 && NUMBER.test(group[w]!) && NUMBER.test(group[s]!) && Number(group[s]) > Number(group[w]))
      return false;
  }
  return true;
}
