/**
 * A grid whose indicator-name column (指标内容, 三级指标, 指标名称) holds bare numbers glued to the value after them:
 * `数量指标88100` is 数量指标 | 88 | 100, a form filled with a number where a measure's name goes. A text column
 * takes no bare number when the row is cut, so such rows come out with the name empty and the digits of both
 * cells under the value (`88100`, `68100`, `20100`).
 *
 * One row cannot say where to cut; the rows together can: where every row that holds a value leaves its name
 * empty and the values are digit runs (a unit may follow), and the rows share one value, that value is the
 * longest ending all the runs share that is a well-formed number (no leading zero) and leaves each row a
 * well-formed number before it. The cut is right when the names do not all end in the same digit (then the
 * shared ending is the value itself); with fewer than two different runs nothing is cut (no evidence).
 */
import type { ColumnField } from "../vocabulary/columns.ts";

const WELL_FORMED = /^(0|[1-9]\d*)(\.\d+)?$/;
/** A digit run and what follows it (a unit: `88100年`, `95100%`). */
const RUN = /^(\d+(?:\.\d+)?)(\D{0,3})$/;

/**
 * Cuts, in place, the rows' glued name and value cells. `fields`: each column's meaning; the name column must
 * stand right before the value (target) column.
 */
export function splitNumberNames(rows: string[][], fields: readonly (ColumnField | undefined)[]): boolean {
  const name = fields.indexOf("name");
  const value = name + 1;
  if (name < 0 || fields[value] !== "target") return false;
  const valued = rows.filter((r) => (r[value] ?? "").trim() !== "");
  if (valued.length < 2 || valued.some((r) => (r[name] ?? "").trim() !== "")) return false;
  const runs = valued.map((r) => RUN.exec(r[value]!.trim()));
  if (runs.some((m) => m === null)) return false;
  const digits = runs.map((m) => m![1]!);
  if (new Set(digits).size < 2) return false;
  const shortest = Math.min(...digits.map((d) => d.length));
  let shared = 0;
  while (
    shared < shortest - 1 &&
    digits.every((d) => d[d.length - 1 - shared] === digits[0]![digits[0]!.length - 1 - shared])
  )
    shared++;
  for (let k = shared; k >= 1; k--) {
    const ending = digits[0]!.slice(-k);
    if (!WELL_FORMED.test(ending)) continue;
    if (!digits.every((d) => WELL_FORMED.test(d.slice(0, -k)))) continue;
    valued.forEach((r, i) => {
      r[name] = digits[i]!.slice(0, -k);
      r[value] = ending + runs[i]![2]!;
    });
    return true;
  }
  return false;
}
