import { INDICATOR_FRAMEWORK, level2NamesOf } from "@jixiao/core";
import type { Indicator } from "../../api/endpoints.ts";

/**
 * The standard indicator framework (财预〔2020〕10号 and the 成本 framework of 财预〔2021〕101号): the names
 * offered for levels 1 and 2, from @jixiao/core's vocabulary (the one the review rules read). A vocabulary for
 * the pickers, not a rule: the server and core accept other names.
 */
export const STANDARD_TREE: { name: string; en: string; children: { name: string; en: string }[] }[] =
  INDICATOR_FRAMEWORK.map((l) => ({
    name: l.name,
    en: l.en,
    children: l.children.map((c) => ({ name: c.name, en: c.en })),
  }));

/** The standard level-2 names under a level 1 as written (`产出指标`, `产出`). */
export function level2Names(level1: string): string[] {
  return level2NamesOf(level1);
}

/** One level-3 indicator as a grid row, with its level-1 and level-2 names. */
export interface GridRow {
  key: string;
  id?: string;
  version?: number;
  parentId?: string;
  level1: string;
  level2: string;
  name: string;
  targetText: string;
  weight: string;
}

export const COLUMNS = ["level1", "level2", "name", "targetText", "weight"] as const;
export type Column = (typeof COLUMNS)[number];

let nextKey = 1;
export function newKey(): string {
  return `new-${nextKey++}`;
}

export function emptyRow(): GridRow {
  return { key: newKey(), level1: "", level2: "", name: "", targetText: "", weight: "" };
}

/** The flat indicator list (parent ids) as grid rows in tree order. */
export function rowsFromIndicators(items: Indicator[]): GridRow[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const order = (i: Indicator): number[] => {
    const path: number[] = [];
    let cur: Indicator | undefined = i;
    while (cur) {
      path.unshift(cur.sortOrder);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return path;
  };
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  };
  return items
    .filter((i) => i.level === 3)
    .map((i) => ({ i, o: order(i) }))
    .sort((a, b) => cmp(a.o, b.o))
    .map(({ i }) => {
      const l2 = i.parentId ? byId.get(i.parentId) : undefined;
      const l1 = l2?.parentId ? byId.get(l2.parentId) : undefined;
      return {
        key: i.id,
        id: i.id,
        version: i.version,
        parentId: i.parentId ?? undefined,
        level1: l1?.name ?? "",
        level2: l2?.name ?? "",
        name: i.name,
        targetText: i.targetText ?? "",
        weight: i.weight ? String(Number(i.weight)) : "",
      };
    });
}

/** A tab-separated block as copied from Excel: rows by line, cells by tab; a quoted cell may hold newlines. */
export function parseClipboardBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === "\t") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Pastes `block` into `rows` from (row, col), adding rows at the end when needed. */
export function pasteBlock(rows: GridRow[], row: number, col: number, block: string[][]): GridRow[] {
  const next = rows.slice();
  block.forEach((cells, r) => {
    const at = row + r;
    while (next.length <= at) next.push(emptyRow());
    const updated = { ...next[at]! };
    cells.forEach((v, c) => {
      const column = COLUMNS[col + c];
      if (column) updated[column] = v.trim();
    });
    next[at] = updated;
  });
  return next;
}

export function rowChanged(a: GridRow, b: GridRow): boolean {
  return COLUMNS.some((c) => a[c] !== b[c]);
}

/** What a row misses before it can be saved (level names and the indicator name are required). */
export function rowProblems(r: GridRow, zh: boolean): string[] {
  const p: string[] = [];
  if (!r.level1) p.push(zh ? "缺一级指标" : "Level 1 missing");
  if (!r.level2) p.push(zh ? "缺二级指标" : "Level 2 missing");
  if (!r.name) p.push(zh ? "缺三级指标名称" : "Name missing");
  if (r.weight && !/^\d{1,12}(\.\d{1,4})?$/.test(r.weight)) p.push(zh ? "分值须为正数" : "Weight must be a number");
  return p;
}

export function isBlank(r: GridRow): boolean {
  return COLUMNS.every((c) => r[c] === "");
}
