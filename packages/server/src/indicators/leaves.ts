import type { IndicatorRow } from "./schema.ts";

/** Level-3 indicators with their level-1 and level-2 names, in tree order. */
export function indicatorLeaves(rows: IndicatorRow[]): { row: IndicatorRow; level1?: string; level2?: string }[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const order = (a: IndicatorRow, b: IndicatorRow) =>
    a.sortOrder - b.sortOrder || a.createdAt.getTime() - b.createdAt.getTime();
  const out: { row: IndicatorRow; level1?: string; level2?: string }[] = [];
  const children = (parent: string | null) => rows.filter((r) => r.parentId === parent).sort(order);
  const walk = (parent: string | null, path: string[]) => {
    for (const r of children(parent)) {
      if (r.level === 3 || !rows.some((c) => c.parentId === r.id)) {
        if (r.level === 3) out.push({ row: r, level1: path[0], level2: path[1] });
        continue;
      }
      walk(r.id, [...path, r.name]);
    }
  };
  walk(null, []);
  // Level-3 rows whose parent is missing still count.
  for (const r of rows)
    if (r.level === 3 && !out.some((o) => o.row.id === r.id) && !byId.has(r.parentId ?? "")) out.push({ row: r });
  return out;
}
