/**
 * What changed between two versions of a record (a project with its indicator rows, a goal, a self-evaluation):
 * the record's own fields, and its rows matched by id, else by 一级/二级/三级 name. Pure; the server stores
 * the snapshots, the UI shows the result as 本次修改.
 *
 * Empty values are one value: `null`, `undefined` and text of only spaces do not differ from each other, and
 * decimal text differs only by its value (`10.0000` is `10`).
 */

/** A value of a field: text (decimals as text), a number, a flag, or nothing. */
export type VersionValue = string | number | boolean | null | undefined;

/**
 * A row of a version (an indicator). `id` identifies it (unique within a version, as stored rows are; a repeated
 * id is matched by names); `level1`/`level2`/`name` identify it without one.
 */
export interface VersionRow {
  id?: string | null;
  level1?: string | null;
  level2?: string | null;
  name: string;
  /** The compared values of the row (targets, points…), by field name. `id` is never compared. */
  values: Record<string, VersionValue>;
}

/** One version of a record as compared: its fields and its rows. */
export interface VersionSnapshot {
  fields: Record<string, VersionValue>;
  rows: VersionRow[];
}

/** A field whose value differs; `before`/`after` are `undefined` where the field is absent. */
export interface FieldChange {
  field: string;
  before: VersionValue;
  after: VersionValue;
}

export interface RowChange {
  /** Index of the row in the earlier version's rows. */
  beforeIndex: number;
  /** Index of the row in the later version's rows. */
  afterIndex: number;
  before: VersionRow;
  after: VersionRow;
  /** What differs, `level1`/`level2`/`name` first when they differ (a row matched by id may be renamed). */
  changes: FieldChange[];
}

export interface VersionDiff {
  fields: FieldChange[];
  /** Rows only in the later version, with their index there. */
  added: { afterIndex: number; row: VersionRow }[];
  /** Rows only in the earlier version, with their index there. */
  removed: { beforeIndex: number; row: VersionRow }[];
  changed: RowChange[];
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** The value as compared: empty → "", decimal text without trailing zeros, anything else as text. */
export function normalizeVersionValue(v: VersionValue): string {
  if (v === null || v === undefined) return "";
  const text = typeof v === "string" ? v.trim() : String(v);
  if (!DECIMAL.test(text)) return text;
  let [int = "", frac = ""] = text.replace(/^\+/, "").split(".");
  frac = frac.replace(/0+$/, "");
  const neg = int.startsWith("-");
  int = int.replace(/^-/, "").replace(/^0+(?=\d)/, "");
  const body = frac ? `${int}.${frac}` : int;
  return neg && body !== "0" ? `-${body}` : body;
}

export function sameVersionValue(a: VersionValue, b: VersionValue): boolean {
  return normalizeVersionValue(a) === normalizeVersionValue(b);
}

function fieldChanges(before: Record<string, VersionValue>, after: Record<string, VersionValue>): FieldChange[] {
  const names = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
  const out: FieldChange[] = [];
  for (const field of names) {
    if (field === "id") continue;
    const b = before[field];
    const a = after[field];
    if (!sameVersionValue(b, a)) out.push({ field, before: b, after: a });
  }
  return out;
}

const IDENTITY = ["level1", "level2", "name"] as const;

function rowChanges(before: VersionRow, after: VersionRow): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of IDENTITY) {
    if (!sameVersionValue(before[f], after[f])) out.push({ field: f, before: before[f], after: after[f] });
  }
  return [...out, ...fieldChanges(before.values, after.values)];
}

function keyOf(r: VersionRow): string {
  return JSON.stringify(IDENTITY.map((f) => normalizeVersionValue(r[f])));
}

/**
 * Pairs the rows of two versions: first by id (present in both), then the rest by level1/level2/name, in order
 * (two rows of the same names pair up first with first). Returns the pairs as [beforeIndex, afterIndex].
 */
function matchRows(before: VersionRow[], after: VersionRow[]): [number, number][] {
  const pairs: [number, number][] = [];
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  const byId = new Map<string, number>();
  before.forEach((r, i) => {
    if (r.id && !byId.has(r.id)) byId.set(r.id, i);
  });
  after.forEach((r, j) => {
    const i = r.id ? byId.get(r.id) : undefined;
    if (i === undefined || usedBefore.has(i)) return;
    pairs.push([i, j]);
    usedBefore.add(i);
    usedAfter.add(j);
  });
  const byKey = new Map<string, number[]>();
  before.forEach((r, i) => {
    if (usedBefore.has(i)) return;
    const k = keyOf(r);
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  after.forEach((r, j) => {
    if (usedAfter.has(j)) return;
    const i = byKey.get(keyOf(r))?.shift();
    if (i === undefined) return;
    pairs.push([i, j]);
    usedBefore.add(i);
    usedAfter.add(j);
  });
  return pairs;
}

/** What changed from `before` to `after`: fields, then rows added, removed and changed (unchanged rows left out). */
export function diffVersions(before: VersionSnapshot, after: VersionSnapshot): VersionDiff {
  const pairs = matchRows(before.rows, after.rows);
  const pairedBefore = new Set(pairs.map(([i]) => i));
  const pairedAfter = new Set(pairs.map(([, j]) => j));
  const changed: RowChange[] = [];
  for (const [i, j] of pairs.sort((x, y) => x[1] - y[1])) {
    const b = before.rows[i]!;
    const a = after.rows[j]!;
    const changes = rowChanges(b, a);
    if (changes.length > 0) changed.push({ beforeIndex: i, afterIndex: j, before: b, after: a, changes });
  }
  return {
    fields: fieldChanges(before.fields, after.fields),
    added: after.rows.flatMap((row, afterIndex) => (pairedAfter.has(afterIndex) ? [] : [{ afterIndex, row }])),
    removed: before.rows.flatMap((row, beforeIndex) => (pairedBefore.has(beforeIndex) ? [] : [{ beforeIndex, row }])),
    changed,
  };
}

export function isEmptyDiff(d: VersionDiff): boolean {
  return d.fields.length === 0 && d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

function applyFieldChanges<T extends Record<string, VersionValue>>(values: T, changes: FieldChange[]): T {
  const out: Record<string, VersionValue> = { ...values };
  for (const c of changes) {
    if (c.after === undefined) delete out[c.field];
    else out[c.field] = c.after;
  }
  return out as T;
}

/**
 * The later version rebuilt from the earlier one and the diff between them (`applyVersionDiff(a, diffVersions(a, b))`
 * describes `b`: the diff between it and `b` is empty). Rows keep the earlier order; added rows come last.
 * Returns a new snapshot; `before` is not changed.
 */
export function applyVersionDiff(before: VersionSnapshot, d: VersionDiff): VersionSnapshot {
  const removed = new Set(d.removed.map((r) => r.beforeIndex));
  const changed = new Map(d.changed.map((c) => [c.beforeIndex, c]));
  const rows: VersionRow[] = [];
  before.rows.forEach((row, i) => {
    if (removed.has(i)) return;
    const c = changed.get(i);
    if (!c) {
      rows.push(row);
      return;
    }
    const identity = c.changes.filter((x) => (IDENTITY as readonly string[]).includes(x.field));
    const values = c.changes.filter((x) => !(IDENTITY as readonly string[]).includes(x.field));
    const next: VersionRow = { ...row, values: applyFieldChanges(row.values, values) };
    for (const x of identity) {
      if (x.field === "name") next.name = typeof x.after === "string" ? x.after : normalizeVersionValue(x.after);
      else next[x.field as "level1" | "level2"] = x.after == null ? null : String(x.after);
    }
    rows.push(next);
  });
  for (const a of d.added) rows.push(a.row);
  return { fields: applyFieldChanges(before.fields, d.fields), rows };
}
