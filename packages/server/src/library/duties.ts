/**
 * The duties as a source of the indicator library (issue 17 point 3: "…every approved project and duty goal"): the
 * indicators of the activities of the duties (部门职责 → 工作活动 → 活动指标) under a bureau.
 *
 * Which duties count: a duty has no approval of its own — a unit declares its duties and activities together with
 * its 部门整体绩效目标 of the year, and the reviewer approves that goal with them in view. So a unit's duties of a
 * year count once that unit's department goal of that year is approved (any revision), as they stand (an edit made
 * later shows). The year is the duty's, the organisation the duty's; an activity indicator has no 一级/二级 (left
 * null: core has no vocabulary that places an indicator by its name) and no unit column; its target is the 指标值
 * as written, or the 优 standard when no target was written.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { activities, activityIndicators, duties } from "../duties/schema.ts";
import { organisations } from "../orgs/schema.ts";
import type { StoredUsage } from "./repository.ts";

/** The duty's unit has an approved 部门整体绩效目标 of the duty's year. */
const goalApproved = sql`EXISTS (SELECT 1 FROM department_goals g WHERE g.org_id = ${duties.orgId} AND g.year = ${duties.year} AND g.workflow_state = 'approved')`;

const written = (v: string | null): string | null => (v && v.trim() !== "" ? v : null);

/** The activity indicators of the counted duties under `path`. */
export async function dutyUsagesUnder(db: Db, path: string): Promise<StoredUsage[]> {
  const rows = await db
    .select({
      name: activityIndicators.name,
      targetText: activityIndicators.targetText,
      excellent: activityIndicators.standardExcellent,
      activityName: activities.name,
      dutyId: duties.id,
      dutyName: duties.name,
      year: duties.year,
      orgId: organisations.id,
      orgName: organisations.name,
      orgPath: organisations.path,
    })
    .from(activityIndicators)
    .innerJoin(activities, eq(activities.id, activityIndicators.activityId))
    .innerJoin(duties, eq(duties.id, activities.dutyId))
    .innerJoin(organisations, eq(organisations.id, duties.orgId))
    .where(and(sql`starts_with(${organisations.path}, ${path})`, goalApproved))
    .orderBy(duties.year, organisations.path, duties.sortOrder, activities.sortOrder, activityIndicators.sortOrder);
  return rows
    .filter((r) => r.name.trim() !== "")
    .map((r) => ({
      name: r.name,
      level1: null,
      level2: null,
      targetText: written(r.targetText) ?? written(r.excellent),
      unit: null,
      year: r.year,
      source: {
        kind: "duty",
        id: r.dutyId,
        name: `${r.orgName} ${r.dutyName}·${r.activityName}`,
        orgId: r.orgId,
        orgName: r.orgName,
      },
      orgPath: r.orgPath,
    }));
}

/**
 * What changes when the counted duties under `path` change: which duties they are and their versions (a duty's
 * activities are replaced as a whole, which bumps its version), hashed. A goal's approval is in libraryFingerprint.
 */
export async function dutiesFingerprint(db: Db, path: string): Promise<string> {
  const [r] = await db
    .select({
      hash: sql<string>`md5(coalesce(string_agg(${duties.id}::text || ':' || ${duties.version}::text, ',' ORDER BY ${duties.id}), ''))`,
    })
    .from(duties)
    .innerJoin(organisations, eq(organisations.id, duties.orgId))
    .where(and(sql`starts_with(${organisations.path}, ${path})`, goalApproved));
  return r?.hash ?? "";
}
