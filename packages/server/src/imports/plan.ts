/**
 * What a commit of an import will do in the chosen organisation and year, record by record: create, update
 * (an editable record of the same name: its content is replaced) or skip (with the reason: it is submitted or
 * approved, or a budget already exists). The preview shows this plan; the commit recomputes it inside its
 * transaction so it acts on the records as they are then.
 */
import type { ImportedDocument, ImportLocation as Location } from "@jixiao/core/model";
import { and, desc, eq } from "drizzle-orm";
import { departmentBudgets } from "../budgets/schema.ts";
import type { Db } from "../db/open.ts";
import { duties } from "../duties/schema.ts";
import { selfEvaluations } from "../evaluations/schema.ts";
import { projects } from "../projects/schema.ts";
import { isEditable } from "../workflow/rules.ts";

export type PlanKind = "project" | "duty" | "evaluation" | "budget";
export type PlanAction = "create" | "update" | "skip";

export interface PlanItem {
  kind: PlanKind;
  name: string;
  action: PlanAction;
  /** The record updated or left alone. */
  existingId?: string;
  /** Why it is skipped (zh / en). */
  reason?: string;
  reasonEn?: string;
  /** Indicators (or evaluation items, activities' indicators) it brings. */
  indicators: number;
  location: Location;
}

export interface Target {
  orgId: string;
  year: number;
}

const SKIP_STATE = {
  reason: "已提交或已审核，导入不改动它",
  reasonEn: "Submitted or approved: the import leaves it unchanged",
};

/** The editable state of the latest record of a name, or undefined. */
async function latestProject(db: Db, t: Target, name: string) {
  const [row] = await db
    .select({ id: projects.id, state: projects.workflowState })
    .from(projects)
    .where(and(eq(projects.orgId, t.orgId), eq(projects.year, t.year), eq(projects.name, name)))
    .orderBy(desc(projects.revision))
    .limit(1);
  return row;
}

function decide(
  kind: PlanKind,
  name: string,
  existing: { id: string; state?: string } | undefined,
  indicators: number,
  location: Location,
): PlanItem {
  if (!existing) return { kind, name, action: "create", indicators, location };
  if (existing.state !== undefined && !isEditable(existing.state as never)) {
    return { kind, name, action: "skip", existingId: existing.id, ...SKIP_STATE, indicators, location };
  }
  return { kind, name, action: "update", existingId: existing.id, indicators, location };
}

/** Project self-evaluations name their project; the department's evaluations are one per organisation and year. */
export function evaluationName(kind: "project" | "department", name: string): string {
  return kind === "project" ? name : `部门整体自评：${name}`;
}

export async function planImport(db: Db, t: Target, doc: ImportedDocument): Promise<PlanItem[]> {
  const plan: PlanItem[] = [];
  const seen = new Set<string>();
  for (const p of doc.projects) {
    if (seen.has(`p:${p.name}`)) continue;
    seen.add(`p:${p.name}`);
    plan.push(decide("project", p.name, await latestProject(db, t, p.name), p.indicators.length, p.location));
  }
  for (const table of doc.dutyGoals) {
    for (const d of table.duties) {
      if (seen.has(`d:${d.name}`)) continue;
      seen.add(`d:${d.name}`);
      const [row] = await db
        .select({ id: duties.id })
        .from(duties)
        .where(and(eq(duties.orgId, t.orgId), eq(duties.year, t.year), eq(duties.name, d.name)))
        .limit(1);
      const n = d.indicators.length + d.activities.reduce((s, a) => s + a.indicators.length, 0);
      plan.push(decide("duty", d.name, row, n, d.location));
    }
  }
  for (const e of doc.projectSelfEvaluations) {
    const project = await latestProject(db, t, e.name);
    let existing: { id: string; state: string } | undefined;
    if (project) {
      const [row] = await db
        .select({ id: selfEvaluations.id, state: selfEvaluations.workflowState })
        .from(selfEvaluations)
        .where(and(eq(selfEvaluations.kind, "project"), eq(selfEvaluations.projectId, project.id)))
        .limit(1);
      existing = row;
    }
    plan.push(decide("evaluation", evaluationName("project", e.name), existing, e.indicators.length, e.location));
  }
  const dept = doc.departmentSelfEvaluation ?? doc.departmentExpenditureEvaluation;
  if (dept) {
    const [row] = await db
      .select({ id: selfEvaluations.id, state: selfEvaluations.workflowState })
      .from(selfEvaluations)
      .where(
        and(
          eq(selfEvaluations.kind, "department"),
          eq(selfEvaluations.orgId, t.orgId),
          eq(selfEvaluations.year, t.year),
        ),
      )
      .limit(1);
    plan.push(
      decide("evaluation", evaluationName("department", dept.organisation), row, dept.indicators.length, dept.location),
    );
  }
  if (doc.disclosure) {
    const [row] = await db
      .select({ id: departmentBudgets.id })
      .from(departmentBudgets)
      .where(and(eq(departmentBudgets.orgId, t.orgId), eq(departmentBudgets.year, t.year)))
      .limit(1);
    const name = doc.disclosure.title ?? doc.disclosure.organisation ?? "部门预算";
    plan.push(
      row
        ? {
            kind: "budget",
            name,
            action: "skip",
            existingId: row.id,
            reason: "该单位本年度已有部门预算，导入不改动它",
            reasonEn: "The organisation already has this year's budget: the import leaves it unchanged",
            indicators: 0,
            location: { file: doc.file },
          }
        : { kind: "budget", name, action: "create", indicators: 0, location: { file: doc.file } },
    );
  }
  return plan;
}
