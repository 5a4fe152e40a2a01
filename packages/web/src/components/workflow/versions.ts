import type { VersionRow, VersionSnapshot, VersionValue } from "@jixiao/core";
import type { Lang } from "../../i18n.tsx";
import type { FlowStep, SnapshotInfo } from "./api.ts";

/** In a comparison: the record as it is now rather than a snapshot. */
export const CURRENT = "current";

/** The compared fields of each kind of record (ids, versions, states and times are never compared). */
export const PROJECT_FIELDS = [
  "code",
  "name",
  "implementingUnit",
  "attribute",
  "category",
  "startDate",
  "endDate",
  "totalFunds",
  "annualFunds",
  "fiscalFunds",
  "carryOverFunds",
  "otherFunds",
  "purpose",
  "annualGoal",
  "midTermGoal",
] as const;

export const EVALUATION_FIELDS = [
  "initialBudget",
  "fullYearBudget",
  "executed",
  "executionPoints",
  "scheme",
  "statedTotal",
  "statedGrade",
  "conclusion",
  "goalsMet",
  "goalsNotMet",
  "problems",
  "improvements",
] as const;

export const GOAL_FIELDS = ["name", "overallGoal", "annualGoal", "midTermGoal", "notes"] as const;

const ROW_FIELDS = [
  "description",
  "targetText",
  "unit",
  "weight",
  "points",
  "actualText",
  "statedScore",
  "overrideReason",
  "deviationReason",
] as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function scalar(v: unknown): VersionValue {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null ? v : undefined;
}

function pick(o: Obj, names: readonly string[]): Record<string, VersionValue> {
  const out: Record<string, VersionValue> = {};
  for (const n of names) if (Object.hasOwn(o, n)) out[n] = scalar(o[n]);
  return out;
}

const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * Indicator rows of a record as compared: an indicator tree (level 1/2/3 with parent ids, as the server presents
 * indicators) gives its level-3 rows with the names of their level 1 and 2; flat rows (self-evaluation items, or
 * rows that already carry level1/level2) are taken as they are.
 */
function rowsOf(rec: Obj): VersionRow[] {
  const list = Array.isArray(rec.indicators) ? rec.indicators : Array.isArray(rec.items) ? rec.items : [];
  const rows = list.filter(isObj);
  const tree = rows.some((r) => typeof r.level === "number");
  if (!tree) {
    return rows.map((r) => ({
      id: text(r.id),
      level1: text(r.level1),
      level2: text(r.level2),
      name: text(r.name) ?? "",
      values: pick(r, ROW_FIELDS),
    }));
  }
  const byId = new Map(rows.map((r) => [text(r.id), r]));
  const nameAt = (r: Obj, level: number): string | null => {
    let cur: Obj | undefined = r;
    for (let guard = 0; cur && guard < 4; guard++) {
      if (cur.level === level) return text(cur.name);
      cur = byId.get(text(cur.parentId));
    }
    return null;
  };
  return rows
    .filter((r) => r.level === 3)
    .map((r) => ({
      id: text(r.id),
      level1: nameAt(r, 1),
      level2: nameAt(r, 2),
      name: text(r.name) ?? "",
      values: pick(r, ROW_FIELDS),
    }));
}

/** A record (a stored snapshot, or the current record with its rows) as core's diff compares it. */
export function versionOf(raw: unknown, fields: readonly string[]): VersionSnapshot {
  // A snapshot may wrap the record ({ project, indicators }) or be the record with its rows.
  const rec = isObj(raw) ? raw : {};
  const inner = [rec.project, rec.goal, rec.evaluation].find(isObj);
  const base = inner ? { ...inner, ...rec } : rec;
  return { fields: pick(inner ?? rec, fields), rows: rowsOf(base) };
}

/**
 * How 本次修改 reads and shows one kind of record: the record as core's diff compares it (its fields and its rows),
 * and how a row, a field and a value are named on screen. Only `version` is needed; the rest default to what
 * projects, goals and self-evaluations show (a row by its 三级 name, fields by FIELD_TEXT, values as text, and
 * an added or removed row by its target).
 */
export interface ChangesView {
  /** A stored snapshot, or the current record, as compared. */
  version(raw: unknown): VersionSnapshot;
  /** The row's name in the list. */
  rowLabel?(row: VersionRow, lang: Lang): string;
  /** The name of a field of the record or of a row; `undefined` names it as FIELD_TEXT does. */
  fieldLabel?(field: string, lang: Lang): string | undefined;
  /** A value as shown (amounts with their unit…); `undefined` shows it as text. Empty values are never passed. */
  format?(field: string, value: string | number | boolean, lang: Lang): string | undefined;
  /** The field shown for a row added or removed. */
  summaryField?(row: VersionRow): string;
  /** The tag of a change of the record's own fields (项目信息 by default). */
  recordTag?: [zh: string, en: string];
}

/** The view of a project, a goal or a self-evaluation: `fields` of the record and its indicator rows. */
export function recordView(fields: readonly string[]): ChangesView {
  return { version: (raw) => versionOf(raw, fields) };
}

/**
 * The versions to compare when the page opens: after a return, the version that was returned against the record
 * as it is now (what the filler fixed); otherwise the latest two frozen versions; with one, that one against now.
 */
export function defaultComparison(
  snapshots: SnapshotInfo[],
  steps: FlowStep[],
): { from: string; to: string } | undefined {
  const sorted = [...snapshots].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.version - b.version,
  );
  const lastReturn = [...steps].reverse().find((s) => s.action === "return");
  if (lastReturn) {
    const at = Date.parse(lastReturn.createdAt);
    const returned = sorted.filter((s) => Date.parse(s.createdAt) <= at).at(-1);
    if (returned) return { from: returned.id, to: CURRENT };
  }
  if (sorted.length >= 2) return { from: sorted.at(-2)!.id, to: sorted.at(-1)!.id };
  if (sorted.length === 1) return { from: sorted[0]!.id, to: CURRENT };
  return undefined;
}
