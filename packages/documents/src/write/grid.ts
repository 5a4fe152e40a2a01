/**
 * The indicator grid shared by the forms: one row per indicator, 一级/二级 cells merged down over their runs
 * (as the official forms print them; readers carry a merged name down, so the data reads back the same).
 */
import type { Indicator } from "@jixiao/core/model";
import { type Align, type CellNumber, c, type WCell } from "./model.ts";

export interface GridColumn {
  span?: number;
  value: (ind: Indicator, index: number) => string;
  /** Consecutive rows with the same key are merged into one cell; `undefined` never merges. */
  run?: (ind: Indicator, index: number) => string | undefined;
  numeric?: boolean;
  /** The cell's number for spreadsheets (scores, points): see `WCell.number`. */
  number?: (ind: Indicator, index: number) => CellNumber | undefined;
  align?: Align;
}

export function gridRows(indicators: Indicator[], columns: GridColumn[]): (WCell | null)[][] {
  const rows: (WCell | null)[][] = indicators.map(() => []);
  for (const col of columns) {
    const span = col.span ?? 1;
    let i = 0;
    while (i < indicators.length) {
      const key = col.run?.(indicators[i]!, i);
      let n = 1;
      if (key !== undefined && key !== "") {
        while (i + n < indicators.length && col.run?.(indicators[i + n]!, i + n) === key) n++;
      }
      const opts: Omit<WCell, "text"> = {};
      if (span > 1) opts.colSpan = span;
      if (n > 1) opts.rowSpan = n;
      if (col.numeric) opts.numeric = true;
      const number = col.number?.(indicators[i]!, i);
      if (number) opts.number = number;
      opts.align = col.align ?? (col.numeric ? "center" : n > 1 ? "center" : "left");
      rows[i]!.push(c(col.value(indicators[i]!, i), opts));
      for (let j = 1; j < span; j++) rows[i]!.push(null);
      for (let k = 1; k < n; k++) for (let j = 0; j < span; j++) rows[i + k]!.push(null);
      i += n;
    }
  }
  return rows;
}

/** Run keys for 一级 and 二级 (二级 runs stay inside their 一级). */
export const level1Run = (ind: Indicator) => ind.level1 ?? undefined;
export const level2Run = (ind: Indicator) =>
  ind.level2 === undefined ? undefined : `${ind.level1 ?? ""}\u0000${ind.level2}`;
