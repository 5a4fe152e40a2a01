/**
 * The writes of an import commit, inside the caller's transaction: projects with their indicator tree
 * (一级 → 二级 → 三级), duties with their activities and four-tier indicators, self-evaluations with their
 * items, and a department budget with its income lines. Values are kept as written (target text beside the
 * parsed target; stated scores and totals as stated). Rows go in one multi-row statement per level / table.
 */
import type { Amount, ImportedDocument, Indicator, NumberValue } from "@jixiao/core/model";
import { eq } from "drizzle-orm";
import { budgetIncomeLines, departmentBudgets } from "../budgets/schema.ts";
import type { Db } from "../db/open.ts";
import { replaceActivities } from "../duties/repository.ts";
import { duties } from "../duties/schema.ts";
import { replaceItems } from "../evaluations/repository.ts";
import { selfEvaluations } from "../evaluations/schema.ts";
import { indicators } from "../indicators/schema.ts";
import { projects } from "../projects/schema.ts";
import { evaluationName, type PlanItem, type Target } from "./plan.ts";

export interface Created {
  projects: string[];
  duties: string[];
  evaluations: string[];
  budgets: string[];
  updated: string[];
  skipped: string[];
}

const yuan = (a: Amount | undefined): string | null => a?.yuan ?? null;

/** A positive weight as exact decimal text (the column refuses ≤ 0), else null. */
function weight(n: NumberValue | undefined): string | null {
  const v = n?.value;
  if (!v || !/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0) return null;
  return v;
}
const numberText = (n: NumberValue | undefined): string | null =>
  n?.value && /^-?\d+(\.\d+)?$/.test(n.value) ? n.value : null;

/** The indicator tree of a project: level-1 and level-2 rows from the names, level-3 rows as written. */
export async function writeIndicatorTree(db: Db, projectId: string, list: Indicator[], now: Date): Promise<void> {
  if (list.length === 0) return;
  const l1Names = [...new Set(list.map((i) => i.level1 ?? "未分级指标"))];
  const l1 = await db
    .insert(indicators)
    .values(l1Names.map((name, i) => ({ projectId, level: 1, name, sortOrder: i, createdAt: now, updatedAt: now })))
    .returning({ id: indicators.id, name: indicators.name });
  const l1Id = new Map(l1.map((r) => [r.name, r.id]));
  const l2Keys = [...new Set(list.map((i) => JSON.stringify([i.level1 ?? "未分级指标", i.level2 ?? "未分级指标"])))];
  const l2 = await db
    .insert(indicators)
    .values(
      l2Keys.map((k, i) => {
        const [a, b] = JSON.parse(k) as [string, string];
        return { projectId, parentId: l1Id.get(a)!, level: 2, name: b, sortOrder: i, createdAt: now, updatedAt: now };
      }),
    )
    .returning({ id: indicators.id });
  const l2Id = new Map(l2Keys.map((k, i) => [k, l2[i]!.id]));
  await db.insert(indicators).values(
    list.map((ind, i) => ({
      projectId,
      parentId: l2Id.get(JSON.stringify([ind.level1 ?? "未分级指标", ind.level2 ?? "未分级指标"]))!,
      level: 3,
      name: ind.name || "（未命名指标）",
      description: ind.description ?? null,
      targetText: ind.target?.text ?? null,
      targetParsed: ind.target?.parsed ?? null,
      unit: ind.unit ?? null,
      natureCode: ind.operatorCode ?? null,
      weight: weight(ind.weight),
      sortOrder: i,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

function items(evaluationId: string, list: Indicator[]) {
  return list.map((ind, i) => ({
    evaluationId,
    level1: ind.level1 ?? null,
    level2: ind.level2 ?? null,
    name: ind.name || "（未命名指标）",
    targetText: ind.target?.text ?? null,
    actualText: ind.actual?.text ?? null,
    actualParsed: ind.actual?.parsed ?? null,
    points: numberText(ind.weight),
    statedScore: numberText(ind.score),
    deviationReason: ind.deviation ?? null,
    sortOrder: i,
  }));
}

export async function commitPlan(
  db: Db,
  t: Target,
  doc: ImportedDocument,
  plan: PlanItem[],
  meta: { now: Date; actorId: string },
): Promise<Created> {
  const now = meta.now;
  const created: Created = { projects: [], duties: [], evaluations: [], budgets: [], updated: [], skipped: [] };
  const of = (kind: PlanItem["kind"], name: string) => plan.find((p) => p.kind === kind && p.name === name);
  const projectIds = new Map<string, string>();

  const done = new Set<string>();
  for (const p of doc.projects) {
    const step = of("project", p.name);
    if (!step || done.has(p.name)) continue;
    done.add(p.name);
    if (step.action === "skip") {
      created.skipped.push(step.existingId!);
      projectIds.set(p.name, step.existingId!);
      continue;
    }
    const fields = {
      name: p.name,
      implementingUnit: p.fields?.实施单位 ?? p.organisation?.name ?? null,
      attribute: p.fields?.项目属性 ?? null,
      annualFunds: yuan(p.budget),
      fiscalFunds: yuan(p.funding?.fiscal),
      carryOverFunds: yuan(p.funding?.carryOver),
      otherFunds: yuan(p.funding?.other),
      purpose: p.purpose ?? null,
      annualGoal: p.goal ?? null,
      updatedAt: now,
    };
    let id: string;
    if (step.action === "update") {
      id = step.existingId!;
      await db.delete(indicators).where(eq(indicators.projectId, id));
      await db.update(projects).set(fields).where(eq(projects.id, id));
      created.updated.push(id);
    } else {
      const [row] = await db
        .insert(projects)
        .values({ ...fields, orgId: t.orgId, year: t.year, createdBy: meta.actorId, createdAt: now })
        .returning({ id: projects.id });
      id = row!.id;
      created.projects.push(id);
    }
    projectIds.set(p.name, id);
    await writeIndicatorTree(db, id, p.indicators, now);
  }

  for (const table of doc.dutyGoals) {
    for (const [i, d] of table.duties.entries()) {
      const step = of("duty", d.name);
      if (!step || done.has(`duty:${d.name}`)) continue;
      done.add(`duty:${d.name}`);
      let id: string;
      if (step.action === "update") {
        id = step.existingId!;
        await db
          .update(duties)
          .set({ description: d.content ?? d.goal ?? null, statedBudget: yuan(d.budget), updatedAt: now })
          .where(eq(duties.id, id));
        created.updated.push(id);
      } else {
        const [row] = await db
          .insert(duties)
          .values({
            orgId: t.orgId,
            year: t.year,
            name: d.name,
            description: d.content ?? d.goal ?? null,
            statedBudget: yuan(d.budget),
            sortOrder: i,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: duties.id });
        id = row!.id;
        created.duties.push(id);
      }
      // A duty's own indicators (seed 001) are kept under an activity named as the duty.
      const acts = d.indicators.length > 0 ? [{ ...d, activities: undefined }, ...d.activities] : d.activities;
      await replaceActivities(
        db,
        id,
        acts.map((a) => ({
          name: a.name,
          budget: yuan(a.budget),
          content: a.content ?? null,
          goal: a.goal ?? null,
          indicators: a.indicators.map((ind) => ({
            name: ind.name || "（未命名指标）",
            targetText: ind.target?.text ?? null,
            targetParsed: ind.target?.parsed ?? null,
            standardExcellent: ind.tiers?.excellent.text ?? null,
            standardGood: ind.tiers?.good.text ?? null,
            standardFair: ind.tiers?.fair.text ?? null,
            standardPoor: ind.tiers?.poor.text ?? null,
            standardsParsed: ind.tiers ?? null,
          })),
        })),
      );
    }
  }

  const writeEvaluation = async (
    step: PlanItem | undefined,
    values: Omit<typeof selfEvaluations.$inferInsert, "orgId" | "year" | "kind"> & { kind: "project" | "department" },
    list: Indicator[],
  ) => {
    if (!step) return;
    if (step.action === "skip") {
      created.skipped.push(step.existingId!);
      return;
    }
    let id: string;
    if (step.action === "update") {
      id = step.existingId!;
      await db
        .update(selfEvaluations)
        .set({ ...values, updatedAt: now })
        .where(eq(selfEvaluations.id, id));
      created.updated.push(id);
    } else {
      const [row] = await db
        .insert(selfEvaluations)
        .values({ ...values, orgId: t.orgId, year: t.year, createdAt: now, updatedAt: now })
        .returning({ id: selfEvaluations.id });
      id = row!.id;
      created.evaluations.push(id);
    }
    await replaceItems(db, id, items(id, list));
  };

  for (const e of doc.projectSelfEvaluations) {
    const total = e.funds.find((f) => f.label.includes("总额")) ?? e.funds[0];
    await writeEvaluation(
      of("evaluation", evaluationName("project", e.name)),
      {
        kind: "project",
        projectId: projectIds.get(e.name) ?? null,
        initialBudget: yuan(total?.initial),
        fullYearBudget: yuan(total?.budget),
        executed: yuan(total?.executed),
        executionPoints: numberText(total?.weight),
        statedTotal: numberText(e.totalScore),
        goalsMet: e.actualOutcome ?? null,
      },
      e.indicators,
    );
  }
  const dse = doc.departmentSelfEvaluation;
  const dee = doc.departmentExpenditureEvaluation;
  if (dse) {
    await writeEvaluation(
      of("evaluation", evaluationName("department", dse.organisation)),
      {
        kind: "department",
        initialBudget: yuan(dse.budget?.initial),
        fullYearBudget: yuan(dse.budget?.budget),
        executed: yuan(dse.budget?.executed),
        executionPoints: numberText(dse.budgetPoints),
        statedTotal: numberText(dse.totalScore),
        problems: dse.deviation ?? null,
        improvements: dse.improvement ?? null,
      },
      dse.indicators,
    );
  } else if (dee) {
    const total = dee.budgetRows.find((r) => r.category === "total") ?? dee.budgetRows[0];
    await writeEvaluation(
      of("evaluation", evaluationName("department", dee.organisation)),
      {
        kind: "department",
        initialBudget: yuan(total?.initial),
        fullYearBudget: yuan(total?.budget),
        executed: yuan(total?.executed),
        conclusion: dee.goal ?? null,
      },
      dee.indicators,
    );
  }

  const budgetStep = plan.find((p) => p.kind === "budget");
  if (doc.disclosure && budgetStep) {
    if (budgetStep.action === "skip") created.skipped.push(budgetStep.existingId!);
    else {
      const d = doc.disclosure;
      const [row] = await db
        .insert(departmentBudgets)
        .values({
          orgId: t.orgId,
          year: t.year,
          incomeTotal: yuan(d.overview?.total),
          operatingFunds: yuan(d.runningCosts?.amount),
          notes: d.sections.map((s) => [s.heading, ...s.paragraphs].join("\n")).join("\n\n") || null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: departmentBudgets.id });
      created.budgets.push(row!.id);
      const lines = (d.overview?.parts ?? []).filter((p) => p.amount.yuan !== undefined);
      if (lines.length > 0) {
        await db
          .insert(budgetIncomeLines)
          .values(
            lines.map((l, i) => ({ budgetId: row!.id, category: l.label, amount: l.amount.yuan!, sortOrder: i })),
          );
      }
    }
  }
  return created;
}

/** Ids that still exist among the ones an earlier commit created (for the idempotent answer). */
