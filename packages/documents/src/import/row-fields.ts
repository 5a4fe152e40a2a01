/**
 * Which cell of a row is which field, when the row's cells do not stand under their headers.
 *
 * Text copied from web pages and PDF leaves merged cells out instead of blank: a row of an indicator grid headed
 * 一级 | 二级 | 三级 | 分值 | 指标值 | 实际值 | 得分 | 原因 may come as `★补助鱼塘面积 | 10 | 3亩 | 3亩 | 10` (its 一级 and 二级
 * merged above, its 原因 empty). Read by position, the name would be taken for a 一级 and the points for a name.
 *
 * `fieldsOfRow` keeps the positional reading when it is plausible (each cell's kind fits its column) and otherwise
 * assigns the row's non-empty cells, in order, to the header's fields in order, maximising how well each cell's
 * kind fits its field (an ordered alignment by dynamic programming: names are text, points and scores numbers,
 * targets and actuals values, 一级/二级 their framework names). The same rule reads every ragged layout, whatever
 * the document; nothing is guessed for a cell that fits no field: it is left out and reported by the caller.
 */
import { level1Of, level2Of, parseTarget } from "@jixiao/core";
import { sectionWithPoints } from "../vocabulary/columns.ts";
import type { HeaderField } from "./headers.ts";

/** `level12`: a name that is both a 一级 and a 二级 of the framework (满意度指标, 成本指标). */
export type CellKind = "level1" | "level2" | "level12" | "number" | "percent" | "value" | "dash" | "text";

/** A field of the row: where its text was (column index) and the text. */
export interface RowField {
  text: string;
  column: number;
}

const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const PERCENT = /^[+-]?\d+(\.\d+)?\s*[%％]$/;
const DASH = /^[—\-–/／*＊]+$/;
const OPERATOR = /^[≥≤><=＝＞＜≧≦﹦═]/;

function squash(s: string): string {
  return s.replace(/[\s\u3000]+/g, "");
}

/** What a cell holds, as far as fitting it to a column goes. */
export function cellKind(text: string): CellKind {
  // a row's cells are asked several times (each field's fit, the label, the unmapped cells), and target texts
  // repeat down a table: the answer depends on the text alone, so it is kept (cleared when the map is full)
  const known = KIND_OF.get(text);
  if (known !== undefined) return known;
  const kind = cellKindUncached(text);
  if (KIND_OF.size >= KIND_OF_MAX) KIND_OF.clear();
  KIND_OF.set(text, kind);
  return kind;
}

const KIND_OF = new Map<string, CellKind>();
const KIND_OF_MAX = 50_000;

/** Forgets cellKind's kept answers (each document starts afresh). */
export function forgetCellKinds(): void {
  KIND_OF.clear();
}

function cellKindUncached(text: string): CellKind {
  const t = squash(text);
  if (t === "") return "text";
  if (DASH.test(t)) return "dash";
  if (NUMBER.test(t)) return "number";
  if (PERCENT.test(t)) return "percent";
  const one = level1Of(t) !== undefined;
  const two = t.length <= 12 && level2Of(t) !== undefined;
  if (one) return two ? "level12" : "level1";
  if (two) return "level2";
  // a scheme's own section with its points (投入目标(28 分)): the level 1 of that scheme
  if (sectionWithPoints(t)) return "level1";
  if (OPERATOR.test(t)) return "value";
  if (t.length <= 24) {
    const p = parseTarget(t);
    if (p.kind === "numeric" || p.kind === "range" || p.kind === "deadline" || p.kind === "frequency") {
      // a number with its unit (`29.5亩`, `≥90%`, `2024年12月前`) — not a name that happens to hold a digit
      if (/^[≥≤><=＝＞＜±]?\s*\d/.test(t) || p.kind === "deadline") return "value";
    }
  }
  return "text";
}

/** How well a kind of cell fits a field (higher is better; at most WRONG: it does not belong there). */
function fit(kind: CellKind, field: HeaderField): number {
  switch (field) {
    case "level1":
      // vertical 一级 text arrives broken (`效益指`, `标(30`, `(30分)`): words are acceptable, values are not
      return kind === "level1" ? 6 : kind === "level12" ? 5 : kind === "text" ? -1 : kind === "level2" ? -5 : -8;
    case "level2":
      return kind === "level2" || kind === "level12"
        ? 6
        : kind === "level1"
          ? -2
          : kind === "text"
            ? -2
            : kind === "dash"
              ? -2
              : -8;
    case "name":
      return kind === "text" ? 3 : kind === "value" ? -1 : kind === "level2" || kind === "level12" ? -2 : -6;
    case "target":
    case "actual":
      return kind === "value" || kind === "percent"
        ? 3
        : kind === "number"
          ? 2
          : kind === "text" || kind === "dash"
            ? 1
            : -8;
    case "weight":
    case "score":
      return kind === "number" ? 4 : kind === "dash" ? 1 : -8;
    case "operatorCode":
      return kind === "value" ? 1 : kind === "percent" ? -2 : 0;
    case "unit":
      return kind === "text" ? 0.5 : -1;
    case "deviation":
    case "description":
    case "note":
      return kind === "text" ? 1 : kind === "dash" ? 0.5 : kind === "value" ? 0 : -2;
    default:
      return 0;
  }
}

/** A fit at or below this says the cell is in the wrong column. */
const WRONG = -4;

/** A cell left out of every field. */
const DROP = -6;

/** Whether the positional reading is believable: each filled field holds a kind of cell that fits it. */
function plausible(cells: readonly string[], grid: ReadonlyMap<HeaderField, number>): boolean {
  // the vertical 绩效指标 label's column (a field of the header) holds no data: a text under it that is no framework
  // name (which would be the row's 一级, moved left by one) stands outside the grid
  const label = grid.get("indicator");
  const labelKind = label === undefined ? "text" : cellKind(cells[label] ?? "");
  const outside = labelKind !== "level1" && labelKind !== "level2" && labelKind !== "level12";
  // a framework name under it with its own level's column empty is a 一级 / 二级 moved left onto the label (a group
  // row `质量指标 | | |` of a page that left the merged 一级 and the label out)
  const levelEmpty = (f: HeaderField) => !grid.has(f) || squash(cells[grid.get(f)!] ?? "") === "";
  if (
    (labelKind === "level1" && levelEmpty("level1")) ||
    (labelKind === "level2" && levelEmpty("level2")) ||
    (labelKind === "level12" && levelEmpty("level1") && levelEmpty("level2"))
  )
    return false;
  const columns = new Map([...grid].filter(([f]) => f !== "indicator" || !outside));
  const mapped = new Set(columns.values());
  const at = (f: HeaderField) => {
    const c = columns.get(f);
    return c === undefined ? "" : squash(cells[c] ?? "");
  };
  const numberName = numberNamed(at);
  for (const [f, c] of columns) {
    const t = squash(cells[c] ?? "");
    if (t === "") continue;
    if (f === "name" && numberName) continue;
    // a 二级 word (社会效益) under the names column of a grid with no 二级 column, the row's values under theirs: a
    // scheme of its own (苏州's 投入 / 产出 / 结果) names an indicator so
    if (f === "name" && nameLikeLevel2(t, columns, at)) continue;
    if (fit(cellKind(t), f) <= WRONG) return false;
  }
  // data to the right of the name without a name: the cells have moved — when a text stands left of the names
  // column outside the 一级 / 二级 (a column of no field, or the vertical 绩效指标 label's, which holds no data)
  if (at("name") === "" && (at("target") !== "" || at("weight") !== "" || at("score") !== "")) {
    const levels = new Set([columns.get("level1"), columns.get("level2")]);
    const leftOfName = cells.some((x, i) => i < (columns.get("name") ?? 0) && !levels.has(i) && squash(x) !== "");
    if (leftOfName) return false;
  }
  // a value under the names column (`≥95%`) and none under the values columns: the row moved left past its merged
  // 一级 / 二级 (`猪肉产量稳定率 | % | ≥95%` under 一级 | 二级 | 三级 | 单位 | 指标值)
  const valueShaped = (t: string) => t !== "" && /^(value|percent|number)$/.test(cellKind(t));
  if (valueShaped(at("name")) && at("target") === "" && at("actual") === "" && columns.has("target")) return false;
  // 成本指标 under 一级 with a word that is no 二级 beside it: the 二级 of a row that lost its merged 一级
  if (cellKind(at("level1")) === "level12" && at("level2") !== "" && !/level2|level12/.test(cellKind(at("level2"))))
    return false;
  // no name, a text left of the grid's columns and words that are no framework name under 一级 / 二级: the row's
  // cells have moved left past merged cells (`WIFI全覆盖 | 良好 | 良好` under 一级 | 二级 | 三级)
  if (at("name") === "") {
    const first = Math.min(...columns.values());
    const leftText = cells.some((x, i) => i < first && !mapped.has(i) && squash(x) !== "");
    const stray = (["level1", "level2"] as const).some((f) => {
      const t = at(f);
      return t !== "" && cellKind(t) !== "level1" && cellKind(t) !== "level2" && cellKind(t) !== "level12";
    });
    if (leftText && stray) return false;
    // a framework name left of the 一级 column (under the vertical 绩效指标 label) and words of no framework under
    // 一级 / 二级: the row moved left past its merged 一级 and more, its 二级 first (`可持续影响指标 | 受益期限 | 保障…`
    // under 绩效指标 | 一级 | 二级 | 三级 | 指标值, the value a sentence that no value shape catches)
    const level1At = columns.get("level1");
    const framed = cells.some(
      (x, i) => level1At !== undefined && i < level1At && /^level/.test(cellKind(x)) && squash(x) !== "",
    );
    if (framed && stray) return false;
  }
  // a value or a framework name in no column at all means a shifted row (a free text there may be a caption)
  return !cells.some((x, i) => !mapped.has(i) && squash(x) !== "" && cellKind(x) !== "text");
}

function nameLikeLevel2(t: string, columns: ReadonlyMap<HeaderField, number>, at: (f: HeaderField) => string): boolean {
  return (
    !columns.has("level2") &&
    /^level(2|12)$/.test(cellKind(t)) &&
    at("target") !== "" &&
    at("weight") !== "" &&
    /^(value|percent|number|text)$/.test(cellKind(at("target")))
  );
}

/**
 * A bare number under the names column between a 二级 name and a value, each under its own header (数量指标 | 88 |
 * 100): a form filled with a number where a measure's name goes, not a row moved — the 二级 before it and the value
 * after it stand where they belong.
 */
function numberNamed(at: (f: HeaderField) => string): boolean {
  const level2 = cellKind(at("level2"));
  return (
    cellKind(at("name")) === "number" &&
    (level2 === "level2" || level2 === "level12") &&
    /^(value|percent|number)$/.test(cellKind(at("target")))
  );
}

/**
 * The row's fields: positional when plausible, else the best ordered assignment of its non-empty cells to the
 * header's fields (with 一级 and 二级 before the rest even when the header has no column for them: merged
 * vertically, their names come in the data rows). `aligned` says which reading was taken.
 */
export function fieldsOfRow(
  cells: readonly string[],
  columns: ReadonlyMap<HeaderField, number>,
): { fields: Map<HeaderField, RowField>; aligned: boolean; dropped: RowField[] } {
  if (plausible(cells, columns)) {
    const fields = new Map<HeaderField, RowField>();
    for (const [f, c] of columns) fields.set(f, { text: cells[c] ?? "", column: c });
    return { fields, aligned: false, dropped: [] };
  }
  // a names column that is the 二级's too (a form with no 三级) is one field: the 二级
  const shared = columns.has("name") && columns.get("name") === columns.get("level2");
  const order = [...columns.entries()]
    .filter(([f]) => !(shared && f === "name"))
    .sort((a, b) => a[1] - b[1])
    .map(([f]) => f);
  const lead: HeaderField[] = [];
  if (!columns.has("level1")) lead.push("level1");
  if (!columns.has("level2")) lead.push("level2");
  const fields = [
    ...lead,
    ...order.filter((f) => f === "level1" || f === "level2"),
    ...order.filter((f) => f !== "level1" && f !== "level2"),
  ];
  const filled = cells.map((text, column) => ({ text, column })).filter((x) => squash(x.text) !== "");
  const kinds = filled.map((x) => cellKind(x.text));
  const n = filled.length;
  const m = fields.length;
  // best[i][j]: the best score of the first i cells over the first j fields
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Number.NEGATIVE_INFINITY));
  const move: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  best[0]![0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = best[i]![j]!;
      if (here === Number.NEGATIVE_INFINITY) continue;
      // skip field j
      if (j < m && here > best[i]![j + 1]!) {
        best[i]![j + 1] = here;
        move[i]![j + 1] = 1;
      }
      if (i < n) {
        // drop cell i
        if (here + DROP > best[i + 1]![j]!) {
          best[i + 1]![j] = here + DROP;
          move[i + 1]![j] = 2;
        }
        // cell i into field j
        if (j < m) {
          const s = here + fit(kinds[i]!, fields[j]!);
          if (s > best[i + 1]![j + 1]!) {
            best[i + 1]![j + 1] = s;
            move[i + 1]![j + 1] = 3;
          }
        }
      }
    }
  }
  const out = new Map<HeaderField, RowField>();
  const dropped: RowField[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const mv = move[i]![j]!;
    if (mv === 1) j -= 1;
    else if (mv === 2) {
      dropped.unshift(filled[i - 1]!);
      i -= 1;
    } else {
      out.set(fields[j - 1]!, filled[i - 1]!);
      i -= 1;
      j -= 1;
    }
  }
  // fields without a cell keep their column, empty, so that locations still point somewhere sensible
  for (const [f, c] of columns) if (!out.has(f)) out.set(f, { text: "", column: c });
  return { fields: out, aligned: true, dropped };
}
