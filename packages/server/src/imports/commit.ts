/**
 * The writes of an import commit, inside the caller's transaction: projects with their indicator tree
 * (一级 → 二级 → 三级), duties with their activities and four-tier indicators (each unit's in its own
 * organisation), self-evaluations with their items, and each unit's department budget with every section
 * (income, spending, "三公"经费 with the prior year, procurement, assets — budget.ts). Values are kept as
 * written (target text beside the parsed target; stated scores and totals as stated). The indicator trees go in
 * by one COPY (db/copy.ts), new projects by one bulk statement (bulk.ts: `INSERT … SELECT FROM unnest(…)`), the
 * small tables by a multi-row VALUES. A budget that exists and is editable is replaced as a whole; each
 * budget written is audited with its section counts before and after.
 */
import { randomUUID } from "node:crypto";
import { parseTiers } from "@jixiao/core";
import type { Amount, ImportedDocument, Indicator, NumberValue } from "@jixiao/core/model";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { departmentBudgets } from "../budgets/schema.ts";
import { insertSections, replaceSectionRows } from "../budgets/sections.repository.ts";
import { copyInsert } from "../db/copy.ts";
import type { Db } from "../db/open.ts";
import { replaceActivities } from "../duties/repository.ts";
import { duties } from "../duties/schema.ts";
import { claimDepartmentYear } from "../evaluations/department-once.ts";
import { findEvaluation, replaceItems } from "../evaluations/repository.ts";
import { selfEvaluations } from "../evaluations/schema.ts";
import { storeComputedScores } from "../evaluations/scores.ts";
import { indicators } from "../indicators/schema.ts";
import { projects } from "../projects/schema.ts";
import { disclosureBudgets } from "./budget.ts";
import { bulkInsert } from "./bulk.ts";
import { budgetsByOrg, evaluationName, mergedDuties, type PlanItem, type Target } from "./plan.ts";
import type { DocUnit, UnitMapping } from "./units.ts";

export interface Created {
  organisations: string[];
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

const L1 = (i: Indicator) => i.level1 ?? "未分级指标";
const L2 = (i: Indicator) => i.level2 ?? "未分级指标";
const key = (...parts: string[]) => parts.join("\u0000");

/**
 * The indicator trees of many projects at once: level-1 and level-2 rows from the names, level-3 rows as
 * written — one COPY (db/copy.ts) whatever the number of projects and indicators. The ids are made here (random
 * UUIDs, as the column's default makes them) so that no row has to be read back for its children; parents come
 * before their children in the data, and the foreign keys are checked when the statement ends.
 */
export async function writeIndicatorTrees(
  db: Db,
  trees: { projectId: string; list: Indicator[] }[],
  now: Date,
): Promise<void> {
  type Row = Omit<typeof indicators.$inferInsert, "id" | "level"> & { id: string; level: number };
  const empty = { description: null, targetText: null, targetParsed: null, unit: null, natureCode: null, weight: null };
  const row = (projectId: string, parentId: string | null, level: number, name: string, sortOrder: number): Row => ({
    id: randomUUID(),
    projectId,
    parentId,
    level,
    name,
    ...empty,
    sortOrder,
    createdAt: now,
    updatedAt: now,
  });
  const branches: Row[] = [];
  const leaves: Row[] = [];
  for (const { projectId, list } of trees) {
    const l1Id = new Map<string, string>();
    for (const name of new Set(list.map(L1))) {
      const r = row(projectId, null, 1, name, l1Id.size);
      l1Id.set(name, r.id);
      branches.push(r);
    }
    const l2Id = new Map<string, string>();
    for (const ind of list) {
      const k = key(L1(ind), L2(ind));
      if (l2Id.has(k)) continue;
      const r = row(projectId, l1Id.get(L1(ind))!, 2, L2(ind), l2Id.size);
      l2Id.set(k, r.id);
      branches.push(r);
    }
    list.forEach((ind, i) => {
      leaves.push({
        id: randomUUID(),
        projectId,
        parentId: l2Id.get(key(L1(ind), L2(ind)))!,
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
      });
    });
  }
  // 一级 rows first, then 二级 (branches holds them project by project: a level-2 row's parent is earlier), then 三级.
  branches.sort((a, b) => a.level - b.level);
  await copyInsert(db, indicators, [...branches, ...leaves]);
}

function projectFields(p: ImportedDocument["projects"][number], now: Date) {
  return {
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
  meta: {
    now: Date;
    actor: Actor;
    importId: string;
    fileName?: string;
    units?: UnitMapping[];
    docUnits?: DocUnit[];
  },
): Promise<Created> {
  const now = meta.now;
  const units = meta.units ?? [];
  const docUnits = meta.docUnits ?? [];
  const created: Created = {
    organisations: units.filter((u) => u.action === "create" && u.orgId).map((u) => u.orgId!),
    projects: [],
    duties: [],
    evaluations: [],
    budgets: [],
    updated: [],
    skipped: [],
  };
  const of = (kind: PlanItem["kind"], name: string, unit?: string) =>
    plan.find((p) => p.kind === kind && p.name === name && (unit === undefined || p.unit === unit));
  const projectIds = new Map<string, string>();

  // Projects: the updated ones in place (their indicators replaced), the new ones in one bulk statement, then
  // every tree in one COPY.
  const done = new Set<string>();
  const fresh: { p: (typeof doc.projects)[number]; fields: ReturnType<typeof projectFields> }[] = [];
  const trees: { projectId: string; list: Indicator[] }[] = [];
  const updates: string[] = [];
  for (const p of doc.projects) {
    const step = of("project", p.name);
    if (!step || done.has(p.name)) continue;
    done.add(p.name);
    if (step.action === "skip") {
      created.skipped.push(step.existingId!);
      projectIds.set(p.name, step.existingId!);
    } else if (step.action === "update") {
      const id = step.existingId!;
      updates.push(id);
      await db.update(projects).set(projectFields(p, now)).where(eq(projects.id, id));
      created.updated.push(id);
      projectIds.set(p.name, id);
      trees.push({ projectId: id, list: p.indicators });
    } else fresh.push({ p, fields: projectFields(p, now) });
  }
  if (updates.length)
    await db.delete(indicators).where(sql`${indicators.projectId} = ANY(${sql.param(updates)}::uuid[])`);
  const inserted = await bulkInsert(
    db,
    projects,
    fresh.map(({ fields }) => ({
      ...fields,
      orgId: t.orgId,
      year: t.year,
      createdBy: meta.actor.accountId,
      createdAt: now,
    })),
    ["id", "name"],
  );
  const newId = new Map(inserted.map((r) => [r.name, r.id]));
  for (const { p } of fresh) {
    const id = newId.get(p.name)!;
    created.projects.push(id);
    projectIds.set(p.name, id);
    trees.push({ projectId: id, list: p.indicators });
  }
  await writeIndicatorTrees(db, trees, now);

  for (const d of mergedDuties(doc, docUnits, units)) {
    const step = of("duty", d.name, d.unit);
    if (!step || step.action === "skip") continue;
    const orgId = step.orgId ?? t.orgId;
    let id: string;
    if (step.action === "update") {
      id = step.existingId!;
      await db
        .update(duties)
        .set({ description: d.description, statedBudget: yuan(d.budget), updatedAt: now })
        .where(eq(duties.id, id));
      created.updated.push(id);
    } else {
      const [row] = await db
        .insert(duties)
        .values({
          orgId,
          year: t.year,
          name: d.name,
          description: d.description,
          statedBudget: yuan(d.budget),
          sortOrder: d.sortOrder,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: duties.id });
      id = row!.id;
      created.duties.push(id);
    }
    await replaceActivities(
      db,
      id,
      d.activities.map((a) => ({
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
          // Stored as core's reading (thresholds), as the duty editor stores it; the document's own form of
          // the reading is rebuilt from the texts where a document is needed (review/documents.ts).
          standardsParsed: ind.tiers
            ? parseTiers({
                优: ind.tiers.excellent.text,
                良: ind.tiers.good.text,
                中: ind.tiers.fair.text,
                差: ind.tiers.poor.text,
              })
            : null,
        })),
      })),
    );
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
      // The plan found none (under the lock the commit took: imports.service.ts); the claim is the rule every path
      // that makes one follows, naming the file and the record should one be there after all.
      if (values.kind === "department") {
        await claimDepartmentYear(db, t.orgId, t.year, { ...step.location, file: meta.fileName, path: step.name });
      }
      const [row] = await db
        .insert(selfEvaluations)
        .values({ ...values, orgId: t.orgId, year: t.year, createdAt: now, updatedAt: now })
        .returning({ id: selfEvaluations.id });
      id = row!.id;
      created.evaluations.push(id);
    }
    await replaceItems(db, id, items(id, list));
    // The one stored score (issue 12): the record scored by core as it was imported, for every view to show.
    const saved = await findEvaluation(db, id);
    if (saved) await storeComputedScores(db, saved, now);
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

  if (doc.disclosure) {
    for (const b of budgetsByOrg(disclosureBudgets(doc, docUnits), units, t.orgId)) {
      const step = of("budget", `部门预算：${b.unit}`);
      if (!step) continue;
      if (step.action === "skip") {
        created.skipped.push(step.existingId!);
        continue;
      }
      const orgId = b.orgId ?? step.orgId ?? t.orgId;
      // A procurement line naming a project of the organisation and year (its latest revision) is linked to it.
      if (b.sections.procurement.length > 0) {
        const named = await db
          .select({ id: projects.id, name: projects.name })
          .from(projects)
          .where(
            and(
              eq(projects.orgId, orgId),
              eq(projects.year, t.year),
              sql`${projects.name} = ANY(${sql.param([...new Set(b.sections.procurement.map((l) => l.itemName))])}::text[])`,
            ),
          )
          .orderBy(projects.name, desc(projects.revision));
        const byName = new Map<string, string>();
        for (const r of named) if (!byName.has(r.name)) byName.set(r.name, r.id);
        for (const l of b.sections.procurement) l.projectId = byName.get(l.itemName) ?? null;
      }
      let id: string;
      if (step.action === "update") {
        id = step.existingId!;
        await db
          .update(departmentBudgets)
          .set({ ...b.header, version: sql`${departmentBudgets.version} + 1`, updatedAt: now })
          .where(eq(departmentBudgets.id, id));
        await replaceSectionRows(db, id, b.sections);
        created.updated.push(id);
      } else {
        const [row] = await db
          .insert(departmentBudgets)
          .values({ ...b.header, orgId, year: t.year, createdAt: now, updatedAt: now })
          .returning({ id: departmentBudgets.id });
        id = row!.id;
        await insertSections(db, id, b.sections);
        created.budgets.push(id);
      }
      await recordAudit(db, {
        actor: meta.actor,
        orgId,
        action: step.action === "update" ? "budget.import.replace" : "budget.import.create",
        entityType: "department_budget",
        entityId: id,
        details: {
          importId: meta.importId,
          unit: b.unit,
          before: step.replaces ?? null,
          after: step.sections ?? null,
          header: b.header.incomeTotal === null ? undefined : { incomeTotal: b.header.incomeTotal },
        },
        at: now,
      });
    }
  }
  return created;
}

/** Ids that still exist among the ones an earlier commit created (for the idempotent answer). */
