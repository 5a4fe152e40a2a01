/**
 * How well a cell's text fits a column, by the shape of the values the column holds (vocabulary/columns.ts
 * `ValueShape`): a number under 分值, `≥50个` under 指标值, 数量指标 under 二级指标. The layout stage uses these
 * fits to place cells under their header when a reading leaves cells out (merged cells, missing empty cells) or
 * does not say where a row ends.
 *
 * Fits are in [-1, 1]: 1 is "exactly what this column holds", negative is "this belongs elsewhere".
 */
import { level1Of, level2Of } from "@jixiao/core";
import { type ColumnField, columnMeaning, normHeader, SECTION_NAMES, type ValueShape } from "../vocabulary/columns.ts";

export interface Column {
  /** The header as printed ("" for a column the header does not name, such as a row-label column). */
  header: string;
  field?: ColumnField;
  shape: ValueShape;
  /**
   * Added to the fit of a filled cell: negative for a column a row rarely fills in its own cells (a label before
   * the indicator columns — 绩效指标, 年度绩效指标完成情况 — that spans all the rows as one merged cell).
   */
  bias?: number;
}

export function columnOf(header: string, field: ColumnField | undefined): Column {
  return field === undefined ? { header, shape: "text" } : { header, field, shape: columnMeaning(field).shape };
}

const NUMBER = /^[-+]?(\d{1,3}([,，]\d{3})+|\d+)?([.．]\d+)?\s*[%％]?$/;
const DASH = /^[-—–/／*＊]{1,2}$/;
const COMPARISON = /^[≥≤><=＞＜≧≦≈~～]/;
const NUMBER_UNIT = /^[-+]?\d[\d,.．]*\s*[%％]?[^\d\s]{0,8}$/;
const POINTS_ONLY = /^[(（]\s*\d+(\.\d+)?\s*分\s*[)）]$/;
const SECTIONS = new Set(SECTION_NAMES.map((s) => s.text));

export function isNumber(text: string): boolean {
  return text !== "" && /\d/.test(text) && NUMBER.test(text);
}

/** A level-1 name: the framework's (产出指标 (50分)), a scheme's section (决策), or a points note left of a lost vertical name. */
export function isLevel1Name(text: string): boolean {
  if (text.length > 24) return false;
  if (level1Of(text) !== undefined) return true;
  const bare = normHeader(text).replace(/[\d.]+分$/, "");
  return SECTIONS.has(bare);
}

export function isLevel2Name(text: string): boolean {
  return text.length <= 24 && level2Of(text) !== undefined;
}

/**
 * The column that holds the indicators' names in a grid whose header has no names column (no 三级指标: 一级指标 |
 * 二级指标 | 绩效标准 | 指标值) and whose text names no 一级 but some 二级 (`level1Named`, `level2Named`): its levels
 * are printed one column to the left — the 二级 names (数量指标) under 一级指标, the names under the last level
 * header. Undefined when the grid reads as its header says.
 */
export function namesUnderLastLevel(
  fields: readonly (ColumnField | undefined)[],
  level1Named: boolean,
  level2Named: boolean,
): number | undefined {
  if (fields.includes("name") || !(fields.includes("target") || fields.includes("actual"))) return undefined;
  if (level1Named || !level2Named) return undefined;
  const levels = fields.flatMap((f, j) => (f === "level1" || f === "level2" ? [j] : []));
  return levels.length >= 2 ? levels[levels.length - 1] : undefined;
}

/** The columns with their level shapes shifted when `namesUnderLastLevel` says so, judged by the grid's cells. */
export function withLevelsShifted(cols: readonly Column[], cells: readonly string[]): Column[] {
  const names = namesUnderLastLevel(
    cols.map((c) => c.field),
    // 成本指标 is a 一级 of the newer framework and a 二级 of the older: it says neither
    cells.some((c) => isLevel1Name(c) && !isLevel2Name(c)),
    cells.some(isLevel2Name),
  );
  if (names === undefined) return [...cols];
  return cols.map((c, j) =>
    j === names
      ? { ...c, shape: "text" as const }
      : c.field === "level1" || c.field === "level2"
        ? { ...c, shape: "level2" as const }
        : c,
  );
}

/** Fits already computed (a document repeats its values; the stream reading asks for the same spans often). */
const FITS = new Map<string, number>();
const FITS_MAX = 20000;

/** How well `text` (not empty) fits a column of the given shape. */
export function fit(text: string, shape: ValueShape): number {
  const key = `${shape}\u0001${text}`;
  const known = FITS.get(key);
  if (known !== undefined) return known;
  const f = fitUncached(text, shape);
  if (FITS.size >= FITS_MAX) FITS.clear();
  FITS.set(key, f);
  return f;
}

function fitUncached(text: string, shape: ValueShape): number {
  const t = text.trim();
  if (t === "") return 0;
  const level1 = isLevel1Name(t);
  const level2 = isLevel2Name(t);
  const num = isNumber(t) || DASH.test(t);
  switch (shape) {
    case "level1":
      // 成本指标 is a level 1 of the newer framework and more often a level 2 (产出 → 成本): level 2 first.
      if (level1) return level2 ? 0.9 : 1;
      if (POINTS_ONLY.test(t)) return 0.8;
      return level2 ? -0.8 : -1;
    case "level2":
      if (level2) return 1;
      if (level1) return -0.6;
      if (/指标$/.test(t) && [...t].length <= 10 && !num) return 0.4;
      return -0.8;
    case "number":
      if (num) return 1;
      if (/\d/.test(t) && [...t].length <= 8 && NUMBER_UNIT.test(t)) return 0.2;
      return -1;
    case "value":
      if (level1 || level2) return -1;
      if (COMPARISON.test(t)) return 1;
      if (NUMBER_UNIT.test(t)) return 0.8;
      if (num) return 0.6;
      return [...t].length <= 16 ? 0.2 : -0.3;
    case "unit":
      if (!/\d/.test(t) && [...t].length <= 5 && !level1 && !level2) return 0.8;
      return -0.6;
    case "code":
      if (/^(≥|≤|=|>|<|＞|＜|≧|≦|\d{1,3}|定量|定性|正向|反向)$/.test(t)) return 1;
      return -0.8;
    default:
      if (level1 || level2) return -0.8;
      if (COMPARISON.test(t)) return -0.5;
      if (num) return -0.4;
      return 0.5;
  }
}

/** Fields whose cells are often empty or merged away: an empty cell costs almost nothing. */
const OPTIONAL = new Set<ColumnField>([
  "level1",
  "level2",
  "deviation",
  "note",
  "description",
  "unit",
  "operatorCode",
  "standards",
]);

/** The cost of leaving a column empty in a row (≤ 0). */
export function emptyCost(col: Column): number {
  // a label before the indicator columns spans the rows as one merged cell: empty in a row's own cells
  if ((col.bias ?? 0) < 0) return 0;
  if (col.field === undefined) return col.header === "" ? 0 : -0.15;
  if (col.field === "level1" || col.field === "level2") return 0;
  return OPTIONAL.has(col.field) ? -0.05 : -0.4;
}

/** A placeholder row or cell that is not an indicator: `指标2:`, `……`, `…`, `...`, `指标1:/` (not applicable). */
export function isPlaceholder(text: string): boolean {
  const t = text.trim();
  return (
    /^[…．.。·]{1,}$/.test(t) || /^(指标|三级指标)\s*\d+\s*[:：]?\s*[/／—–-]{0,2}$/.test(t) || /^…+[:：]?$/.test(t)
  );
}

/** A cell that says "nothing here": `/`, `—`, `-`, `*`. */
export function isDash(text: string): boolean {
  return DASH.test(text.trim());
}

/** Display width of a character in fixed-width output (East Asian wide and full-width count 2). */
export function charWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  if (
    cp <= 0x115f ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}
