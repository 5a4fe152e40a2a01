/**
 * A grid header naming two columns of points (河北's 2020 自评表: 指标分值, and 权重占比(%) under 自评得分): the
 * indicators' points are in the one whose cells hold them. The first named is taken unless its rows hold no number
 * where another's hold one in every filled row (the form's 指标分值 filled with each indicator's definition). A
 * grid so read has its other points and score columns (单项指标折算得分, the weighted score) read as no field:
 * `ignore` lists them.
 */
import type { Table } from "../model/table.ts";
import { tidy } from "./context.ts";
import { type HeaderField, headerField } from "./headers.ts";

const POINTS = /^\d+(\.\d+)?$/;

export function weightColumnByRows(
  table: Table,
  header: readonly string[],
  rows: { start: number; end: number },
  columns: Map<HeaderField, number>,
): { columns: Map<HeaderField, number>; ignore: number[] } {
  const kept = { columns, ignore: [] };
  const chosen = columns.get("weight");
  if (chosen === undefined) return kept;
  const others = header.flatMap((h, i) => (i !== chosen && headerField(h) === "weight" ? [i] : []));
  if (others.length === 0) return kept;
  const cellsOf = (c: number) =>
    table.rows
      .slice(rows.start, rows.end)
      .map((r) => tidy(r[c]?.text ?? ""))
      .filter((t) => t !== "");
  if (cellsOf(chosen).some((t) => POINTS.test(t))) return kept;
  const better = others.find((c) => {
    const cells = cellsOf(c);
    return cells.length > 0 && cells.every((t) => POINTS.test(t));
  });
  if (better === undefined) return kept;
  const read = new Map(columns).set("weight", better);
  const ignore = header.flatMap((h, i) => {
    const f = headerField(h);
    return (f === "weight" || f === "score") && i !== better && i !== read.get("score") ? [i] : [];
  });
  return { columns: read, ignore };
}
