/**
 * A goal grid on one line of words whose header is interleaved with its first rows' level names — a sheet
 * rendered in cell order across merged cells (`一级指标 二级指标 数量指标 产出指标 绩 效 指 标 质量指标 三级指标 指标值`),
 * its rows as name / value pairs after it (`永安真武庙戏台 1处 文物安全巡查 416处 …`), with the level names of a
 * second block drawn between them (`二级指标 数量指标 质量指标 …`) and text of wrapped cells in the run.
 *
 * The header is the grid's names (一级 / 二级 / 三级 / 指标值, each once) with framework names and a vertical label
 * (single characters: 绩 效 指 标) among them; it needs at least one such interleaved word — a plain header is the
 * `tokens` reading's. The rows: a text followed by a value (`1处`, `≥3万条`, `100%`, `59万元`) or by the same text
 * (`按期完工 按期完工`: the name's cell repeated as its value) is a name and its value; a framework name right before
 * a row's name is its 二级 (or 一级) name, other framework names and repeated header names are passed over, a text
 * followed by no value (a wrapped cell's words) is left out, and a name at the line's end with no value is a row
 * cut by the text's end (left out). The words before the header stay a paragraph.
 */
import type { DocumentNote } from "../model/table.ts";
import { columnField } from "../vocabulary/columns.ts";
import { clip, type Line } from "./lines.ts";
import { finish, type Proposal, type Row } from "./proposal.ts";
import { fit, isLevel1Name, isLevel2Name } from "./shapes.ts";

const GRID = new Set(["level1", "level2", "name", "target"]);
const split = (text: string) =>
  text
    .trim()
    .split(/[ \t\u3000\u00a0]+/)
    .filter((w) => w !== "");
const isLevel = (w: string) => isLevel1Name(w) || isLevel2Name(w) || w === "绩效指标";
const isValue = (w: string) => fit(w, "value") >= 0.6;
const single = (w: string | undefined) => w !== undefined && [...w].length === 1 && /\p{Script=Han}/u.test(w);

interface Header {
  start: number;
  end: number;
  columns: string[];
}

/** The interleaved header starting at `i`, if one does. */
function headerAt(words: string[], i: number): Header | undefined {
  const f0 = columnField(words[i]!);
  if (f0 !== "level1" && f0 !== "level2") return undefined;
  const fields = new Set<string>();
  const columns: string[] = [];
  // the words among the header's names that are none (counted only before its last name)
  const between: number[] = [];
  let last = i;
  for (let k = i; k < words.length; k++) {
    const w = words[k]!;
    const f = columnField(w);
    if (f !== undefined && GRID.has(f) && !fields.has(f)) {
      fields.add(f);
      columns.push(w);
      last = k;
      continue;
    }
    if ((f === undefined && isLevel(w)) || single(w)) {
      between.push(k);
      continue;
    }
    break;
  }
  if (fields.size < 4 || !between.some((k) => k < last)) return undefined;
  return { start: i, end: last + 1, columns };
}

/** Readings of one-line grids with interleaved headers. */
export function drawnGridCandidate(lines: Line[], file: string): Proposal[] {
  const out: Proposal[] = [];
  for (const l of lines) {
    if (l.gone) continue;
    const words = split(l.text);
    if (words.length < 8) continue;
    let head: Header | undefined;
    for (let i = 0; i < words.length && !head; i++) head = headerAt(words, i);
    if (!head) continue;
    const order: string[] = head.columns.map((c) => columnField(c)!);
    const at = (f: string) => order.indexOf(f);
    const rows: Row[] = [{ cells: head.columns, line: l.no }];
    const notes: DocumentNote[] = [];
    let level: { field: "level1" | "level2"; text: string } | undefined;
    for (let k = head.end; k < words.length; k++) {
      const w = words[k]!;
      if (columnField(w) !== undefined && GRID.has(columnField(w)!)) continue;
      if (isLevel(w)) {
        level = { field: isLevel2Name(w) ? "level2" : "level1", text: w };
        continue;
      }
      if (single(w) && single(words[k + 1])) {
        while (single(words[k + 1])) k++;
        continue;
      }
      const next = words[k + 1];
      if (isValue(w)) {
        level = undefined;
        continue;
      }
      if (next === undefined) {
        notes.push({
          text: {
            zh: `第 ${l.no} 行末尾的「${clip(w, 12)}」之后没有指标值（文本在此截断），未作为指标行读取`,
            en: `"${clip(w, 12)}" at the end of line ${l.no} has no value after it (the text is cut there) and was not read as a row`,
          },
          location: { file, row: l.no },
        });
        break;
      }
      if (!(isValue(next) || next === w)) {
        level = undefined;
        continue;
      }
      const cells = order.map(() => "");
      cells[at("name")] = w;
      cells[at("target")] = next;
      if (level && at(level.field) >= 0) cells[at(level.field)] = level.text;
      rows.push({ cells, line: l.no });
      level = undefined;
      k += 1;
    }
    if (rows.length < 2) continue;
    const p = finish("drawn-grid", rows, 0, order.length, [], file, { explicit: true });
    p.notes.push(...notes);
    if (head.start > 0) p.before = words.slice(0, head.start).join(" ");
    out.push(p);
  }
  return out;
}
