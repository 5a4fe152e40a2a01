/**
 * What a commit of an import will do in the chosen organisation and year, record by record: create, update
 * (an editable record of the same name: its content is replaced) or skip (with the reason: it is submitted or
 * approved). A document with several units (seed 001) plans each unit's duties and budget in the organisation
 * the unit maps to (units.ts): the plan lists the organisations matched or to be created first. A budget
 * already there and editable is replaced as a whole (header and every section), with the counts before and
 * after. The preview shows this plan; the commit recomputes it inside its transaction so it acts on the
 * records as they are then.
 */
import type { Activity, ImportedDocument, ImportLocation as Location } from "@jixiao/core/model";
import { and, desc, eq, sql } from "drizzle-orm";
import { departmentBudgets } from "../budgets/schema.ts";
import { countRows, countSections, type SectionCounts } from "../budgets/sections.repository.ts";
import type { Db } from "../db/open.ts";
import { duties } from "../duties/schema.ts";
import { selfEvaluations } from "../evaluations/schema.ts";
import { projects } from "../projects/schema.ts";
import { isEditable } from "../workflow/rules.ts";
import { disclosureBudgets, type UnitBudget } from "./budget.ts";
import { type DocUnit, documentUnits, type UnitMapping, unitNamed } from "./units.ts";

export type PlanKind = "organisation" | "project" | "duty" | "evaluation" | "budget";
/** `match`: an organisation that exists (matched or named by the client); the others act on records. */
export type PlanAction = "create" | "update" | "skip" | "match";

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
  /** The document's unit it belongs to, and the organisation it goes into (absent: one still to be created). */
  unit?: string;
  orgId?: string;
  /** A budget: the rows each section will hold after the commit, and (update) the rows it holds now. */
  sections?: SectionCounts;
  replaces?: SectionCounts;
  /** What the document holds that is not written, or other remarks (zh / en). */
  notes?: { message: string; messageEn: string }[];
}

/** What the preview stores and the commit recomputes: the units' organisations and the records. */
export interface Plan {
  units: UnitMapping[];
  items: PlanItem[];
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

/** The latest record of each name, in one query (a file may hold hundreds of projects). */
async function latestProjects(db: Db, t: Target, names: string[]) {
  const out = new Map<string, { id: string; state: string }>();
  if (names.length === 0) return out;
  const rows = await db
    .select({ id: projects.id, name: projects.name, state: projects.workflowState })
    .from(projects)
    .where(
      and(
        eq(projects.orgId, t.orgId),
        eq(projects.year, t.year),
        sql`${projects.name} = ANY(${sql.param([...new Set(names)])}::text[])`,
      ),
    )
    .orderBy(projects.name, desc(projects.revision));
  for (const r of rows) if (!out.has(r.name)) out.set(r.name, { id: r.id, state: r.state });
  return out;
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

const SECTION_NAMES: [keyof SectionCounts, string, string][] = [
  ["income", "条收入", "income lines"],
  ["spending", "条支出", "spending lines"],
  ["threePublic", "条“三公”经费（含上年）", "三公 row (with the prior year)"],
  ["procurement", "条政府采购", "procurement lines"],
  ["assets", "条资产汇总", "asset summary"],
];

/** `将写入 11 条收入、…` / `will write 11 income lines, …` (and what it replaces). */
function describeSections(s: SectionCounts, before: SectionCounts | undefined) {
  const list = (c: SectionCounts, zh: boolean) =>
    SECTION_NAMES.filter(([k]) => c[k] > 0)
      .map(([k, z, e]) => (zh ? `${c[k]} ${z}` : `${c[k]} ${e}`))
      .join(zh ? "、" : ", ") || (zh ? "无明细" : "no rows");
  return {
    reason: `将写入${list(s, true)}${before ? `，替换现有的${list(before, true)}` : ""}`,
    reasonEn: `will write ${list(s, false)}${before ? `, replacing the current ${list(before, false)}` : ""}`,
  };
}

/** The organisations of the units, as plan rows. */
function unitItems(doc: ImportedDocument, units: UnitMapping[]): PlanItem[] {
  if (units.length < 2) return [];
  return units.map((u) => {
    const how = {
      department: ["所选机构（部门本级）", "the chosen organisation (the department)"],
      mapped: [`按指定对应「${u.orgName}」`, `mapped by the client to "${u.orgName}"`],
      matched: [`对应已有下级机构「${u.orgName}」（${u.orgCode}）`, `matches "${u.orgName}" (${u.orgCode}) under it`],
      create: [
        `将在所选机构下新建「${u.orgName}」（编码 ${u.orgCode}）`,
        `will be created under the chosen organisation as "${u.orgName}" (code ${u.orgCode})`,
      ],
    }[u.action];
    return {
      kind: "organisation" as const,
      name: u.unit,
      action: u.action === "create" ? ("create" as const) : ("match" as const),
      ...(u.orgId ? { orgId: u.orgId, existingId: u.orgId } : {}),
      unit: u.unit,
      reason: u.problem?.message ?? how[0]!,
      reasonEn: u.problem?.messageEn ?? how[1]!,
      indicators: 0,
      location: { file: doc.file },
    };
  });
}

/**
 * The units that receive something: the department (always) and every other unit a goal table, a procurement
 * table or an asset table belongs to. A unit only named (a project's 实施单位 in a list of several) gets no
 * organisation.
 */
export function unitsOf(doc: ImportedDocument): DocUnit[] {
  const all = documentUnits(doc);
  if (all.length < 2) return all;
  const used = new Set<string>([all[0]!.name]);
  for (const table of doc.dutyGoals) {
    const u = tableUnit(all, table);
    if (u) used.add(u);
  }
  for (const b of disclosureBudgets(doc, all)) used.add(b.unit);
  return all.filter((u) => used.has(u.name));
}

/** The unit a duty goal table belongs to (the department when it names none, or none of the units). */
export function tableUnit(units: DocUnit[], table: ImportedDocument["dutyGoals"][number]): string | undefined {
  const u = unitNamed(units, table.organisation ? { ...table.organisation } : undefined);
  return (u ?? units[0])?.name;
}

/**
 * The duties to write, one per unit and name: a name the goal table repeats (seed 001 lists 社会治安综合治理 three
 * times, each with more activities) is one duty holding every instance's activities in order, with the first
 * budget and description stated; so are the duties of one name of units that go into the same organisation. A duty's own indicators are kept under an activity named as the duty.
 */
export interface MergedDuty {
  unit: string | undefined;
  name: string;
  budget: Activity["budget"];
  description: string | null;
  activities: Activity[];
  indicators: number;
  location: Location;
  sortOrder: number;
}

export function mergedDuties(doc: ImportedDocument, docUnits: DocUnit[], units: UnitMapping[]): MergedDuty[] {
  const out = new Map<string, MergedDuty>();
  // Units that go into one organisation share their duties of a name (the first unit's is named on the plan).
  const target = (unit: string | undefined) => units.find((u) => u.unit === unit)?.orgId ?? `new:${unit ?? ""}`;
  for (const table of doc.dutyGoals) {
    const unit = units.length > 1 ? tableUnit(docUnits, table) : undefined;
    for (const d of table.duties) {
      const key = JSON.stringify([target(unit), d.name]);
      let m = out.get(key);
      if (!m) {
        m = {
          unit,
          name: d.name,
          budget: d.budget,
          description: d.content ?? d.goal ?? null,
          activities: [],
          indicators: 0,
          location: d.location,
          sortOrder: out.size,
        };
        out.set(key, m);
      }
      m.budget ??= d.budget;
      m.description ??= d.content ?? d.goal ?? null;
      const { activities: acts, ...own } = d;
      if (d.indicators.length > 0) m.activities.push(own);
      m.activities.push(...acts);
      m.indicators += d.indicators.length + acts.reduce((n, a) => n + a.indicators.length, 0);
    }
  }
  return [...out.values()];
}

/** Budgets of the same organisation (units mapped to one organisation) as one: sections in document order. */
export function budgetsByOrg(budgets: UnitBudget[], units: UnitMapping[], fallbackOrg: string) {
  const out = new Map<string, UnitBudget & { orgId?: string }>();
  for (const b of budgets) {
    const orgId = units.find((u) => u.unit === b.unit)?.orgId ?? (units.length === 0 ? fallbackOrg : undefined);
    const key = orgId ?? `new:${b.unit}`;
    const have = out.get(key);
    if (!have) {
      out.set(key, { ...b, ...(orgId ? { orgId } : {}) });
      continue;
    }
    const s = have.sections;
    have.header = {
      incomeTotal: have.header.incomeTotal ?? b.header.incomeTotal,
      operatingFunds: have.header.operatingFunds ?? b.header.operatingFunds,
      notes: have.header.notes ?? b.header.notes,
    };
    s.income.push(...b.sections.income);
    s.spending.push(...b.sections.spending);
    s.procurement.push(...b.sections.procurement);
    s.threePublic ??= b.sections.threePublic;
    if (b.sections.assets && s.assets) {
      have.notes.push({
        message: `「${b.unit}」的资产表与「${have.unit}」进入同一机构，只写入第一张`,
        messageEn: `The asset table of "${b.unit}" goes into the same organisation as "${have.unit}": only the first is written`,
      });
    }
    s.assets ??= b.sections.assets;
    have.notes.push(...b.notes);
  }
  return [...out.values()];
}

export async function planImport(
  db: Db,
  t: Target,
  doc: ImportedDocument,
  units: UnitMapping[] = [],
  docUnits: DocUnit[] = [],
): Promise<PlanItem[]> {
  const plan: PlanItem[] = unitItems(doc, units);
  const seen = new Set<string>();
  const orgOf = (unit: string | undefined) =>
    unit === undefined || units.length === 0 ? t.orgId : units.find((u) => u.unit === unit)?.orgId;
  const latest = await latestProjects(
    db,
    t,
    doc.projects.map((p) => p.name),
  );
  for (const p of doc.projects) {
    if (seen.has(`p:${p.name}`)) continue;
    seen.add(`p:${p.name}`);
    plan.push(decide("project", p.name, latest.get(p.name), p.indicators.length, p.location));
  }
  for (const d of mergedDuties(doc, docUnits, units)) {
    const orgId = orgOf(d.unit);
    const [row] = orgId
      ? await db
          .select({ id: duties.id })
          .from(duties)
          .where(and(eq(duties.orgId, orgId), eq(duties.year, t.year), eq(duties.name, d.name)))
          .limit(1)
      : [];
    plan.push({
      ...decide("duty", d.name, row, d.indicators, d.location),
      ...(d.unit ? { unit: d.unit } : {}),
      ...(orgId ? { orgId } : {}),
    });
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
    const budgets = budgetsByOrg(disclosureBudgets(doc, docUnits), units, t.orgId);
    for (const b of budgets) {
      const name = `部门预算：${b.unit}`;
      const sections = countRows(b.sections);
      const [row] = b.orgId
        ? await db
            .select({ id: departmentBudgets.id, state: departmentBudgets.workflowState })
            .from(departmentBudgets)
            .where(and(eq(departmentBudgets.orgId, b.orgId), eq(departmentBudgets.year, t.year)))
            .orderBy(desc(departmentBudgets.revision))
            .limit(1)
        : [];
      const base = {
        kind: "budget" as const,
        name,
        indicators: 0,
        location: { file: doc.file },
        unit: b.unit,
        ...(b.orgId ? { orgId: b.orgId } : {}),
        sections,
        ...(b.notes.length ? { notes: b.notes } : {}),
      };
      if (!row) {
        plan.push({ ...base, action: "create", ...describeSections(sections, undefined) });
      } else if (!isEditable(row.state as never)) {
        plan.push({
          ...base,
          action: "skip",
          existingId: row.id,
          reason: "该单位本年度的部门预算已提交或已审核，导入不改动它",
          reasonEn: "This year's budget of the organisation is submitted or approved: the import leaves it unchanged",
        });
      } else {
        const replaces = await countSections(db, row.id);
        plan.push({
          ...base,
          action: "update",
          existingId: row.id,
          replaces,
          ...describeSections(sections, replaces),
        });
      }
    }
  }
  return plan;
}
