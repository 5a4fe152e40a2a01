/**
 * The history the library's review rules read (core `libraryRules`): the library of the bureau governing the
 * record's organisation without the record itself (nor the document it was imported from: the same organisation,
 * year and project — or department goal — of a committed import; nor, for a department goal, its unit's duties of
 * the year), and — for a project carried forward from last year — last
 * year's actual values of the same project (its self-evaluation, approved first).
 */

import type { Rule } from "@jixiao/core";
import {
  buildLibrary,
  type LibraryHistory,
  libraryRules,
  normaliseIndicatorName,
  type PreviousActual,
} from "@jixiao/core/library";
import type { ImportedDocument } from "@jixiao/core/model";
import { and, eq } from "drizzle-orm";
import { evaluationActuals, leafIndicators } from "../carry/repository.ts";
import { carriedRecords } from "../carry/schema.ts";
import type { Db } from "../db/open.ts";
import { departmentGoals } from "../indicators/schema.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { projects } from "../projects/schema.ts";
import { bureauUsagesOf } from "./cache.ts";
import { governingBureau } from "./repository.ts";

export async function libraryHistoryFor(
  db: Db,
  record: { type: "project" | "goal"; id: string; orgId: string },
  names: readonly string[],
): Promise<LibraryHistory | undefined> {
  const org = await findOrganisation(db, record.orgId);
  if (!org) return undefined;
  const bureau = await governingBureau(db, org);
  // only the entries of the names the record uses, the record's own usages left out
  const keys = new Set(names.map(normaliseIndicatorName));
  const own = await recordOf(db, record);
  const usages = (await bureauUsagesOf(db, bureau, keys)).filter(
    (u) =>
      u.source.id !== record.id &&
      !(
        own &&
        u.documentRecord &&
        u.source.orgId === record.orgId &&
        u.year === own.year &&
        u.documentRecord.name === own.name
      ) &&
      // a department goal's own duties (library/duties.ts: declared and approved with it) are not its history
      !(
        own &&
        record.type === "goal" &&
        u.source.kind === "duty" &&
        u.source.orgId === record.orgId &&
        u.year === own.year
      ),
  );
  const history: LibraryHistory = { entries: buildLibrary(usages) };
  if (record.type !== "project") return history;
  const [carried] = await db
    .select({ sourceId: carriedRecords.sourceId, fromYear: carriedRecords.fromYear })
    .from(carriedRecords)
    .where(and(eq(carriedRecords.kind, "project"), eq(carriedRecords.targetId, record.id)))
    .limit(1);
  if (!carried) return history;
  const [actuals, leaves] = await Promise.all([
    evaluationActuals(db, "project", [carried.sourceId]),
    leafIndicators(db, "project", [carried.sourceId]),
  ]);
  const units = new Map(leaves.map((l) => [l.i.id, l.i.unit]));
  const previous: PreviousActual[] = (actuals.get(carried.sourceId) ?? []).flatMap((e) =>
    e.actualText?.trim()
      ? [
          {
            name: e.name,
            actualText: e.actualText,
            unit: e.indicatorId ? (units.get(e.indicatorId) ?? null) : null,
            year: carried.fromYear,
          },
        ]
      : [],
  );
  return { ...history, previousActuals: { "projects[0]": previous } };
}

/** The record's year and name as a document would name it (a project's name; null for a department goal). */
async function recordOf(
  db: Db,
  record: { type: "project" | "goal"; id: string },
): Promise<{ year: number; name: string | null } | undefined> {
  if (record.type === "project") {
    const [p] = await db
      .select({ year: projects.year, name: projects.name })
      .from(projects)
      .where(eq(projects.id, record.id))
      .limit(1);
    return p ? { year: p.year, name: p.name.trim() } : undefined;
  }
  const [g] = await db
    .select({ year: departmentGoals.year })
    .from(departmentGoals)
    .where(eq(departmentGoals.id, record.id))
    .limit(1);
  return g ? { year: g.year, name: null } : undefined;
}

/** The library's review rules for a stored project or department goal (none for other records). */
export async function libraryRulesFor(
  db: Db,
  record: { type: string; id: string; orgId: string },
  document: ImportedDocument,
): Promise<Rule[]> {
  if (record.type !== "project" && record.type !== "goal") return [];
  const history = await libraryHistoryFor(
    db,
    { type: record.type, id: record.id, orgId: record.orgId },
    indicatorNames(document),
  );
  return history ? libraryRules(history) : [];
}

/** Every indicator name in a document (any `indicators` list, at any depth). */
export function indicatorNames(document: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, inList: boolean): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, inList);
      return;
    }
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (inList && typeof o.name === "string") out.push(o.name);
    for (const [k, x] of Object.entries(o)) if (x && typeof x === "object") walk(x, k === "indicators");
  };
  walk(document, false);
  return out;
}
