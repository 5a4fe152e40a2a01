/**
 * Carry-forward (结转上年, issue 17 point 4): start a new year from last year for one unit. Its duties with their
 * activities and activity indicators, and its continuing projects (延续项目: the newest approved revision of a
 * 经常性 project, one marked 延续, or one whose period runs into the new year) with their whole indicator tree, and
 * its department-overall goal (the newest approved revision, when the new year has none) are copied as drafts of the
 * new year; money of the year (budgets, annual funds) is left blank for the unit to fill;
 * targets are copied as written and parsed again for the new year; a name that says last year (`2024年度车辆维护`)
 * says the new one (`2025年度车辆维护`).
 *
 * The unit's filler runs it (business.write on the unit, the new year open). One transaction; every record made is
 * audited, with one summary row. Idempotent: a source already carried to the year (carried_records), or a name the
 * unit already has in the new year, is skipped and said so; a draft the unit deleted since may be carried again.
 *
 * Last year's actual value beside each target is read where it lives, never copied: `previousValues` gives, per
 * carried record, each indicator of last year with its target and actual (a project's from its self-evaluation,
 * approved first; a duty's from the activity indicator itself), keyed by the normalised name for the page to match.
 */

import { randomUUID } from "node:crypto";
import { DomainError, parseTarget } from "@jixiao/core";
import { normaliseIndicatorName } from "@jixiao/core/library";
import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { activitiesOf, insertDuty, replaceActivities } from "../duties/repository.ts";
import { insertGoal } from "../goals/repository.ts";
import type { Deps } from "../http/context.ts";
import { indicators } from "../indicators/schema.ts";
import { organisationFor, writableOrganisation } from "../orgs/access.ts";
import { insertProject } from "../projects/repository.ts";
import { fiscalYears } from "../years/schema.ts";
import {
  approvedGoal,
  carriedTo,
  claim,
  continuingProjects,
  dutiesOf,
  evaluationActuals,
  forgetDeletedTargets,
  goalExists,
  leafIndicators,
  namesIn,
  sourceNames,
  treeIndicators,
} from "./repository.ts";
import type { CarriedKind } from "./schema.ts";

export type CarryStatus = "created" | "already_carried" | "same_name";

export interface CarryItem {
  kind: CarriedKind;
  sourceId: string;
  name: string;
  status: CarryStatus;
  /** The new year's draft (made now, or earlier for `already_carried`); null for `same_name`. */
  targetId: string | null;
  /** Indicators copied with it (project: every level; duty: the activities' indicators). */
  indicators: number;
}

export interface CarryResult {
  orgId: string;
  fromYear: number;
  toYear: number;
  items: CarryItem[];
  created: {
    duties: number;
    activities: number;
    activityIndicators: number;
    projects: number;
    goals: number;
    /** Of projects and department goals (every level). */
    indicators: number;
  };
}

async function assertYearExists(db: Db, year: number): Promise<void> {
  const [row] = await db.select({ year: fiscalYears.year }).from(fiscalYears).where(eq(fiscalYears.year, year));
  if (!row) {
    throw new DomainError(
      "invalid_input",
      {
        zh: `预算年度 ${year} 不存在，请先由系统管理员新增`,
        en: `Fiscal year ${year} does not exist: a sysadmin adds it first`,
      },
      { field: "year" },
    );
  }
}

const reparse = (text: string | null, year: number) => (text ? parseTarget(text, { year }) : null);

/** How a carried department-overall goal is named in the result (it has no name of its own). */
const GOAL_NAME = "部门整体绩效目标";

/** Copies an indicator tree to a new owner: parents first (the rows come ordered by level), each child under its parent's copy. */
async function copyTree(
  tx: Db,
  rows: (typeof indicators.$inferSelect)[],
  owner: { projectId: string } | { departmentGoalId: string },
  toYear: number,
  now: Date,
): Promise<void> {
  const ids = new Map<string, string>();
  for (const i of rows) {
    const id = randomUUID();
    ids.set(i.id, id);
    await tx.insert(indicators).values({
      id,
      ...owner,
      parentId: i.parentId ? (ids.get(i.parentId) ?? null) : null,
      level: i.level,
      name: i.name,
      description: i.description,
      targetText: i.targetText,
      targetParsed: reparse(i.targetText, toYear),
      unit: i.unit,
      natureCode: i.natureCode,
      weight: i.weight,
      isCore: i.isCore,
      sortOrder: i.sortOrder,
      createdAt: now,
      updatedAt: now,
    });
  }
}

export async function runCarryForward(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  input: { orgId: string; year: number },
): Promise<CarryResult> {
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
  await assertYearExists(deps.db, input.year);
  const toYear = input.year;
  const fromYear = toYear - 1;
  return transact(deps.db, async (tx) => {
    const now = deps.now();
    await forgetDeletedTargets(tx, org.id, toYear);
    const mapped = new Map((await carriedTo(tx, org.id, toYear)).map((m) => [`${m.kind}:${m.sourceId}`, m.targetId]));
    const result: CarryResult = {
      orgId: org.id,
      fromYear,
      toYear,
      items: [],
      created: { duties: 0, activities: 0, activityIndicators: 0, projects: 0, goals: 0, indicators: 0 },
    };
    /** The name in the new year: last year's `2024年` becomes `2025年` (名称中的年度随之更新). */
    const renamed = (name: string) => name.replaceAll(`${fromYear}年`, `${toYear}年`);
    /** The draft's id when the source is to be carried now; otherwise the item is recorded as skipped. */
    const take = async (kind: CarriedKind, source: { id: string; name: string }, names: Set<string>) => {
      const earlier = mapped.get(`${kind}:${source.id}`);
      const skip = (status: CarryStatus, targetId: string | null) => {
        result.items.push({ kind, sourceId: source.id, name: renamed(source.name), status, targetId, indicators: 0 });
        return undefined;
      };
      if (earlier) return skip("already_carried", earlier);
      if (names.has(renamed(source.name).trim())) return skip("same_name", null);
      const targetId = await claim(tx, {
        orgId: org.id,
        fromYear,
        toYear,
        kind,
        sourceId: source.id,
        createdBy: a.accountId,
        now,
      });
      // taken by a run that committed in between
      if (!targetId)
        return skip(
          "already_carried",
          (await carriedTo(tx, org.id, toYear)).find((m) => m.sourceId === source.id)?.targetId ?? null,
        );
      return targetId;
    };

    // duties → activities → activity indicators
    const sourceDuties = await dutiesOf(tx, org.id, fromYear);
    const dutyNames = await namesIn(tx, "duty", org.id, toYear);
    const dutyParts = await activitiesOf(
      tx,
      sourceDuties.map((d) => d.id),
    );
    for (const d of sourceDuties) {
      const targetId = await take("duty", d, dutyNames);
      if (!targetId) continue;
      const acts = dutyParts.activities.filter((x) => x.dutyId === d.id);
      const list = acts.map((act) => ({
        name: act.name,
        content: act.content,
        goal: act.goal,
        indicators: dutyParts.indicators
          .filter((i) => i.activityId === act.id)
          .map((i) => ({
            name: i.name,
            targetText: i.targetText,
            targetParsed: reparse(i.targetText, toYear),
            standardExcellent: i.standardExcellent,
            standardGood: i.standardGood,
            standardFair: i.standardFair,
            standardPoor: i.standardPoor,
            standardsParsed: i.standardsParsed,
          })),
      }));
      await insertDuty(tx, {
        id: targetId,
        orgId: org.id,
        year: toYear,
        name: renamed(d.name),
        description: d.description,
        sortOrder: d.sortOrder,
        createdAt: now,
        updatedAt: now,
      });
      await replaceActivities(tx, targetId, list);
      const count = list.reduce((n, x) => n + x.indicators.length, 0);
      result.created.duties++;
      result.created.activities += list.length;
      result.created.activityIndicators += count;
      result.items.push({
        kind: "duty",
        sourceId: d.id,
        name: renamed(d.name),
        status: "created",
        targetId,
        indicators: count,
      });
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "duty.carry_forward",
        entityType: "duty",
        entityId: targetId,
        after: { name: renamed(d.name), year: toYear, activities: list.length, indicators: count },
        details: { sourceId: d.id, fromYear },
        at: now,
      });
    }

    // continuing projects → their indicator tree
    const sourceProjects = await continuingProjects(tx, org.id, fromYear);
    const projectNames = await namesIn(tx, "project", org.id, toYear);
    const trees = await treeIndicators(
      tx,
      "project",
      sourceProjects.map((p) => p.id),
    );
    for (const p of sourceProjects) {
      const targetId = await take("project", p, projectNames);
      if (!targetId) continue;
      await insertProject(tx, {
        id: targetId,
        orgId: org.id,
        year: toYear,
        code: p.code,
        name: renamed(p.name),
        implementingUnit: p.implementingUnit,
        attribute: p.attribute,
        category: p.category,
        startDate: p.startDate,
        endDate: p.endDate,
        totalFunds: p.totalFunds,
        purpose: p.purpose,
        annualGoal: p.annualGoal,
        midTermGoal: p.midTermGoal,
        workflowState: "draft",
        createdBy: a.accountId,
        createdAt: now,
        updatedAt: now,
      });
      const rows = trees.filter((i) => i.projectId === p.id);
      await copyTree(tx, rows, { projectId: targetId }, toYear, now);
      result.created.projects++;
      result.created.indicators += rows.length;
      result.items.push({
        kind: "project",
        sourceId: p.id,
        name: renamed(p.name),
        status: "created",
        targetId,
        indicators: rows.length,
      });
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "project.carry_forward",
        entityType: "project",
        entityId: targetId,
        after: { name: renamed(p.name), year: toYear, state: "draft", indicators: rows.length },
        details: { sourceId: p.id, fromYear },
        at: now,
      });
    }

    // the department-overall goal (部门整体绩效目标): the newest approved revision, when the new year has none
    const goal = await approvedGoal(tx, org.id, fromYear);
    if (goal) {
      const names = (await goalExists(tx, org.id, toYear)) ? new Set([GOAL_NAME]) : new Set<string>();
      const targetId = await take("goal", { id: goal.id, name: GOAL_NAME }, names);
      if (targetId) {
        await insertGoal(tx, {
          id: targetId,
          orgId: org.id,
          year: toYear,
          annualGoal: goal.annualGoal,
          midTermGoal: goal.midTermGoal,
          workflowState: "draft",
          createdAt: now,
          updatedAt: now,
        });
        const rows = await treeIndicators(tx, "goal", [goal.id]);
        await copyTree(tx, rows, { departmentGoalId: targetId }, toYear, now);
        result.created.goals++;
        result.created.indicators += rows.length;
        result.items.push({
          kind: "goal",
          sourceId: goal.id,
          name: GOAL_NAME,
          status: "created",
          targetId,
          indicators: rows.length,
        });
        await recordAudit(tx, {
          actor: a,
          orgId: org.id,
          action: "goal.carry_forward",
          entityType: "department_goal",
          entityId: targetId,
          after: { year: toYear, state: "draft", indicators: rows.length },
          details: { sourceId: goal.id, fromYear },
          at: now,
        });
      }
    }

    await recordAudit(tx, {
      actor: a,
      orgId: org.id,
      action: "carry_forward.run",
      entityType: "organisation",
      entityId: org.id,
      details: { fromYear, toYear, created: result.created, items: result.items },
      at: now,
    });
    return result;
  });
}

export interface PreviousIndicator {
  /** The normalised name (core normaliseIndicatorName), to match the new year's indicator by. */
  key: string;
  name: string;
  level1: string | null;
  level2: string | null;
  /** The activity it belongs to (a duty's). */
  activity: string | null;
  previousTarget: string | null;
  previousActual: string | null;
}

export interface CarriedView {
  kind: CarriedKind;
  sourceId: string;
  targetId: string;
  name: string;
  indicators: PreviousIndicator[];
}

/** What was carried to a year for an organisation, with last year's target and actual of every indicator. */
export async function previousValues(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId: string; year: number },
): Promise<{ fromYear: number; toYear: number; items: CarriedView[] }> {
  const { org } = await organisationFor(deps.db, actor, q.orgId, "business.read");
  const rows = await carriedTo(deps.db, org.id, q.year);
  const projectIds = rows.filter((r) => r.kind === "project").map((r) => r.sourceId);
  const goalIds = rows.filter((r) => r.kind === "goal").map((r) => r.sourceId);
  const dutyIds = rows.filter((r) => r.kind === "duty").map((r) => r.sourceId);
  const [projectLeaves, projectActuals, goalLeaves, goalActuals, parts, names] = await Promise.all([
    leafIndicators(deps.db, "project", projectIds),
    evaluationActuals(deps.db, "project", projectIds),
    leafIndicators(deps.db, "goal", goalIds),
    evaluationActuals(deps.db, "goal", goalIds),
    activitiesOf(deps.db, dutyIds),
    sourceNames(deps.db, projectIds, dutyIds),
  ]);
  const items: CarriedView[] = rows.map((r) => {
    if (r.kind === "project" || r.kind === "goal") {
      const actuals = r.kind === "project" ? projectActuals : goalActuals;
      const leaves = r.kind === "project" ? projectLeaves : goalLeaves;
      const evaluated = actuals.get(r.sourceId) ?? [];
      const byId = new Map(evaluated.filter((e) => e.indicatorId).map((e) => [e.indicatorId!, e]));
      const byKey = new Map(evaluated.map((e) => [normaliseIndicatorName(e.name), e]));
      return {
        kind: r.kind,
        sourceId: r.sourceId,
        targetId: r.targetId,
        name: r.kind === "goal" ? GOAL_NAME : (names.get(r.sourceId) ?? ""),
        indicators: leaves
          .filter((l) => (r.kind === "project" ? l.i.projectId : l.i.departmentGoalId) === r.sourceId)
          .map((l) => {
            const key = normaliseIndicatorName(l.i.name);
            const e = byId.get(l.i.id) ?? byKey.get(key);
            return {
              key,
              name: l.i.name,
              level1: l.level1,
              level2: l.level2,
              activity: null,
              previousTarget: l.i.targetText,
              previousActual: e?.actualText ?? null,
            };
          }),
      };
    }
    const acts = parts.activities.filter((x) => x.dutyId === r.sourceId);
    return {
      kind: r.kind,
      sourceId: r.sourceId,
      targetId: r.targetId,
      name: names.get(r.sourceId) ?? "",
      indicators: acts.flatMap((act) =>
        parts.indicators
          .filter((i) => i.activityId === act.id)
          .map((i) => ({
            key: normaliseIndicatorName(i.name),
            name: i.name,
            level1: null,
            level2: null,
            activity: act.name,
            previousTarget: i.targetText,
            previousActual: i.actualText,
          })),
      ),
    };
  });
  return { fromYear: q.year - 1, toYear: q.year, items };
}
