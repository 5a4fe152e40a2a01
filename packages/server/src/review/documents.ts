/**
 * Stored records as core's normalised document (`ImportedDocument`), so that the review rules, the scoring
 * and the writers see a project, a goal or an evaluation exactly as they see an imported file. Locations name
 * the record (`file: "project/<id>"`) and the row (1-based, in the record's order). `rowRecords` maps each row,
 * and `pathRecords` each path into the document (`projects[0].indicators[3]`, `…funds[0]`), back to the stored
 * row it came from, and `self` is the record itself: a finding points to the row it concerns, or to the record.
 */

import type { Amount, ImportedDocument, Indicator, ParsedTarget, Tiers } from "@jixiao/core/model";
import { readTiers } from "@jixiao/documents";
import { and, asc, eq, inArray } from "drizzle-orm";
import { budgetExecution } from "../budgets/schema.ts";
import type { Db } from "../db/open.ts";
import { activitiesOf } from "../duties/repository.ts";
import { duties } from "../duties/schema.ts";
import type { EvaluationWithOrg } from "../evaluations/repository.ts";
import { itemsOf } from "../evaluations/repository.ts";
import type { GoalWithOrg } from "../goals/repository.ts";
import { indicatorLeaves } from "../indicators/leaves.ts";
import { indicatorsOf, indicatorsOfProjects } from "../indicators/repository.ts";
import type { IndicatorRow } from "../indicators/schema.ts";
import type { ProjectWithOrg } from "../projects/repository.ts";

export type RecordType = "project" | "goal" | "evaluation";

/** A stored row a finding can point to; `field` names the record's field when it is not a row of its own. */
export interface RecordRef {
  type:
    | "project"
    | "goal"
    | "evaluation"
    | "indicator"
    | "evaluation_item"
    | "duty"
    | "activity"
    | "activity_indicator"
    | "budget_execution";
  id: string;
  field?: string;
}

export interface RecordDocument {
  document: ImportedDocument;
  /** For each row number of the document's table: the stored row it came from. */
  rowRecords: Map<number, RecordRef>;
  /** For paths into the document (`projects[0].indicators[2]`): the stored row they came from. */
  pathRecords: Map<string, RecordRef>;
  /** The record the whole document is (a finding about the document as a whole points to it). */
  self?: RecordRef;
  /** The date the document's execution figures are as of (the monitoring rules' reference date), if any. */
  referenceDate?: string;
}

/** An empty mapping (an import's preview keeps the importer's locations and points to no stored row). */
export function noRecords(document: ImportedDocument): RecordDocument {
  return { document, rowRecords: new Map(), pathRecords: new Map() };
}

/** An amount in 元 as the importer writes it: text as stored, fen and yuan exact. */
export function amountOf(yuan: string | null | undefined): Amount | undefined {
  if (yuan === null || yuan === undefined) return undefined;
  const [whole, frac = ""] = yuan.split(".") as [string, string?];
  const f = `${frac}00`.slice(0, 2);
  const neg = whole.startsWith("-");
  const fen = BigInt(whole.replace("-", "") || "0") * 100n + BigInt(f);
  return { text: yuan, unit: "元", fen: `${neg ? "-" : ""}${fen}`, yuan: `${whole}.${f}` };
}

const num = (v: string | null | undefined) =>
  v === null || v === undefined ? undefined : { text: trim(v), value: trim(v) };
/** "10.0000" → "10", "2.5000" → "2.5" (numeric columns come back with their scale). */
function trim(v: string): string {
  return v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v;
}

const empty = (file: string, kinds: ImportedDocument["kinds"]): ImportedDocument => ({
  file,
  format: "records",
  kinds,
  organisations: [],
  dutyGoals: [],
  projects: [],
  projectSelfEvaluations: [],
  paragraphs: [],
  unmapped: [],
});

function indicatorsFrom(rows: IndicatorRow[], file: string, source: RecordDocument, path: string): Indicator[] {
  return indicatorLeaves(rows).map(({ row, level1, level2 }, i) => {
    const ref: RecordRef = { type: "indicator", id: row.id };
    source.rowRecords.set(i + 1, ref);
    source.pathRecords.set(`${path}.indicators[${i}]`, ref);
    const ind: Indicator = { name: row.name, location: { file, table: 1, row: i + 1 } };
    if (level1) ind.level1 = level1;
    if (level2) ind.level2 = level2;
    if (row.description) ind.description = row.description;
    if (row.targetText !== null) {
      ind.target = { text: row.targetText };
      if (row.targetParsed) ind.target.parsed = row.targetParsed as ParsedTarget;
    }
    if (row.unit) ind.unit = row.unit;
    if (row.natureCode) ind.operatorCode = row.natureCode;
    const w = num(row.weight);
    if (w) ind.weight = w;
    return ind;
  });
}

export async function projectDocument(db: Db, p: ProjectWithOrg): Promise<RecordDocument> {
  return projectDocumentOf(
    p,
    latestOf(await executionOf(db, [p.id], p.year)),
    await indicatorsOf(db, { kind: "project", id: p.id }),
  );
}

/**
 * The documents of several projects with two queries for all of them (a batch export reads a province's projects:
 * three queries per project were most of its reading); the same documents `projectDocument` gives one by one.
 */
export async function projectDocuments(db: Db, ps: ProjectWithOrg[]): Promise<Map<string, RecordDocument>> {
  const out = new Map<string, RecordDocument>();
  if (!ps.length) return out;
  const ids = ps.map((p) => p.id);
  const execution = new Map<string, ExecutionRow[]>();
  for (const year of new Set(ps.map((p) => p.year)))
    for (const r of await executionOf(db, ids, year))
      execution.set(r.projectId!, [...(execution.get(r.projectId!) ?? []), r]);
  const trees = new Map<string, IndicatorRow[]>();
  for (const r of await indicatorsOfProjects(db, ids)) {
    const tree = trees.get(r.projectId!);
    if (tree) tree.push(r);
    else trees.set(r.projectId!, [r]);
  }
  for (const p of ps) out.set(p.id, projectDocumentOf(p, latestOf(execution.get(p.id) ?? []), trees.get(p.id) ?? []));
  return out;
}

function projectDocumentOf(
  p: ProjectWithOrg,
  monitored: ExecutionRow | undefined,
  tree: IndicatorRow[],
): RecordDocument {
  const file = `project/${p.id}`;
  const doc = empty(file, ["project-goals"]);
  const source: RecordDocument = { ...noRecords(doc), self: { type: "project", id: p.id } };
  source.pathRecords.set("projects[0]", source.self!);
  doc.title = p.name;
  doc.organisations = [{ name: p.orgName }];
  const fields: Record<string, string> = {};
  if (p.code) fields.项目编码 = p.code;
  if (p.implementingUnit) fields.实施单位 = p.implementingUnit;
  if (p.attribute) fields.项目属性 = p.attribute;
  if (p.startDate) fields.计划开始日期 = p.startDate;
  if (p.endDate) fields.计划完成日期 = p.endDate;
  const funding: NonNullable<ImportedDocument["projects"][number]["funding"]> = {};
  const fiscal = amountOf(p.fiscalFunds);
  const carry = amountOf(p.carryOverFunds);
  const other = amountOf(p.otherFunds);
  if (fiscal) funding.fiscal = fiscal;
  if (carry) funding.carryOver = carry;
  if (other) funding.other = other;
  const budget = amountOf(p.annualFunds);
  const executed = amountOf(monitored?.executed);
  if (monitored && executed) {
    source.pathRecords.set("projects[0].executed", { type: "budget_execution", id: monitored.id });
    const month = monitored.month ?? 12;
    source.referenceDate = `${p.year}-${String(month).padStart(2, "0")}-${lastDay(p.year, month)}`;
  }
  doc.projects.push({
    name: p.name,
    organisation: { name: p.orgName, text: p.orgName },
    ...(budget ? { budget } : {}),
    ...(Object.keys(funding).length ? { funding } : {}),
    ...(executed ? { executed } : {}),
    ...(p.purpose ? { purpose: p.purpose } : {}),
    ...(p.annualGoal ? { goal: p.annualGoal } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
    indicators: indicatorsFrom(tree, file, source, "projects[0]"),
    location: { file },
  });
  return source;
}

type ExecutionRow = typeof budgetExecution.$inferSelect;

/** The projects' monitoring rows of the year. */
function executionOf(db: Db, projectIds: string[], year: number): Promise<ExecutionRow[]> {
  return db
    .select()
    .from(budgetExecution)
    .where(
      and(
        eq(budgetExecution.scope, "project"),
        projectIds.length === 1
          ? eq(budgetExecution.projectId, projectIds[0]!)
          : inArray(budgetExecution.projectId, projectIds),
        eq(budgetExecution.year, year),
      ),
    );
}

/** The latest monitoring figure of a project's year: the full year's, else the latest month's (cumulative). */
function latestOf(rows: ExecutionRow[]): ExecutionRow | undefined {
  const withFigure = rows.filter((r) => r.executed !== null);
  return (
    withFigure.find((r) => r.month === null) ??
    withFigure.filter((r) => r.month !== null).sort((a, b) => b.month! - a.month!)[0]
  );
}

/** The last day of a month, two digits. */
function lastDay(year: number, month: number): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return String(month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

/** A department's overall goal reviewed as a goal table: its indicators under the goal's text. */
export async function goalDocument(db: Db, g: GoalWithOrg): Promise<RecordDocument> {
  const file = `goal/${g.id}`;
  const doc = empty(file, ["project-goals"]);
  const source: RecordDocument = { ...noRecords(doc), self: { type: "goal", id: g.id } };
  source.pathRecords.set("projects[0]", source.self!);
  const name = `${g.orgName}${g.year}年度部门整体绩效目标`;
  doc.title = name;
  doc.organisations = [{ name: g.orgName }];
  doc.projects.push({
    name,
    organisation: { name: g.orgName, text: g.orgName },
    ...(g.annualGoal ? { goal: g.annualGoal } : {}),
    indicators: indicatorsFrom(await indicatorsOf(db, { kind: "goal", id: g.id }), file, source, "projects[0]"),
    location: { file },
  });
  return source;
}

export async function evaluationDocument(db: Db, e: EvaluationWithOrg): Promise<RecordDocument> {
  const file = `evaluation/${e.id}`;
  const self: RecordRef = { type: "evaluation", id: e.id };
  const funds: RecordRef = { ...self, field: "funds" };
  const part = e.kind === "project" ? "projectSelfEvaluations[0]" : "departmentSelfEvaluation";
  const source: RecordDocument = { ...noRecords(empty(file, [])), self };
  source.pathRecords.set(part, self);
  source.pathRecords.set(e.kind === "project" ? `${part}.funds` : `${part}.budget`, funds);
  const items = await itemsOf(db, e.id);
  const indicators: Indicator[] = items.map((it, i) => {
    const ref: RecordRef = { type: "evaluation_item", id: it.id };
    source.rowRecords.set(i + 1, ref);
    source.pathRecords.set(`${part}.indicators[${i}]`, ref);
    const ind: Indicator = { name: it.name, location: { file, table: 1, row: i + 1 } };
    if (it.level1) ind.level1 = it.level1;
    if (it.level2) ind.level2 = it.level2;
    if (it.targetText !== null) ind.target = { text: it.targetText };
    if (it.actualText !== null) {
      ind.actual = { text: it.actualText };
      if (it.actualParsed) ind.actual.parsed = it.actualParsed as ParsedTarget;
    }
    const w = num(it.points);
    if (w) ind.weight = w;
    const s = num(it.statedScore);
    if (s) ind.score = s;
    const why = it.deviationReason ?? it.overrideReason;
    if (why) ind.deviation = why;
    return ind;
  });
  const line = {
    label: "年度资金总额",
    ...(amountOf(e.initialBudget) ? { initial: amountOf(e.initialBudget)! } : {}),
    ...(amountOf(e.fullYearBudget) ? { budget: amountOf(e.fullYearBudget)! } : {}),
    ...(amountOf(e.executed) ? { executed: amountOf(e.executed)! } : {}),
    ...(num(e.executionPoints) ? { weight: num(e.executionPoints)! } : {}),
    location: { file, field: "funds" },
  };
  if (e.kind === "project") {
    const doc = empty(file, ["project-self-evaluation"]);
    const name = e.projectName ?? "项目自评";
    doc.title = name;
    doc.organisations = [{ name: e.orgName }];
    doc.projectSelfEvaluations.push({
      name,
      department: e.orgName,
      funds: [line],
      ...(e.goalsMet ? { actualOutcome: e.goalsMet } : {}),
      indicators,
      ...(num(e.statedTotal) ? { totalScore: num(e.statedTotal)! } : {}),
      location: { file },
    });
    return { ...source, document: doc };
  }
  const doc = empty(file, ["department-self-evaluation"]);
  doc.organisations = [{ name: e.orgName }];
  doc.departmentSelfEvaluation = {
    organisation: e.orgName,
    year: e.year,
    ...(num(e.statedTotal) ? { totalScore: num(e.statedTotal)! } : {}),
    budget: line,
    ...(num(e.executionPoints) ? { budgetPoints: num(e.executionPoints)! } : {}),
    sections: [],
    indicators,
    ...(e.problems ? { deviation: e.problems } : {}),
    ...(e.improvements ? { improvement: e.improvements } : {}),
    projects: [],
    location: { file },
  };
  return { ...source, document: doc };
}

/** The duty → activity goal table of a duty's organisation and year (every duty of it, in order). */
export async function dutyTableDocument(
  db: Db,
  d: { id: string; orgId: string; year: number; orgName: string },
): Promise<RecordDocument> {
  const file = `duty/${d.id}`;
  const source: RecordDocument = {
    ...noRecords(empty(file, ["duty-activity-goals"])),
    self: { type: "duty", id: d.id },
  };
  const all = await db
    .select()
    .from(duties)
    .where(and(eq(duties.orgId, d.orgId), eq(duties.year, d.year)))
    .orderBy(asc(duties.sortOrder), asc(duties.createdAt));
  const { activities, indicators } = await activitiesOf(
    db,
    all.map((x) => x.id),
  );
  // The document's form of the four tiers, read again from the cells as written (the stored reading is core's
  // thresholds, the form the duty editor shows).
  const tiers = (i: (typeof indicators)[number]): Tiers | undefined =>
    i.standardExcellent || i.standardGood || i.standardFair || i.standardPoor
      ? readTiers([i.standardExcellent ?? "", i.standardGood ?? "", i.standardFair ?? "", i.standardPoor ?? ""], i.name)
          .tiers
      : undefined;
  let row = 0;
  const doc = empty(file, ["duty-activity-goals"]);
  doc.organisations = [{ name: d.orgName }];
  doc.dutyGoals.push({
    organisation: { name: d.orgName, text: d.orgName },
    unitNote: "单位：万元",
    duties: all.map((duty, di) => {
      const dutyPath = `dutyGoals[0].duties[${di}]`;
      source.pathRecords.set(dutyPath, { type: "duty", id: duty.id });
      const budget = wan(duty.statedBudget);
      return {
        name: duty.name,
        text: duty.name,
        ...(budget ? { budget } : {}),
        ...(duty.description ? { content: duty.description } : {}),
        indicators: [],
        activities: activities
          .filter((a) => a.dutyId === duty.id)
          .map((a, ai) => {
            const actPath = `${dutyPath}.activities[${ai}]`;
            source.pathRecords.set(actPath, { type: "activity", id: a.id });
            const ab = wan(a.budget);
            return {
              name: a.name,
              text: a.name,
              ...(ab ? { budget: ab } : {}),
              ...(a.content ? { content: a.content } : {}),
              ...(a.goal ? { goal: a.goal } : {}),
              indicators: indicators
                .filter((i) => i.activityId === a.id)
                .map((i, ii) => {
                  row++;
                  const ref: RecordRef = { type: "activity_indicator", id: i.id };
                  source.rowRecords.set(row, ref);
                  source.pathRecords.set(`${actPath}.indicators[${ii}]`, ref);
                  const t = tiers(i);
                  return {
                    name: i.name,
                    ...(i.targetText !== null ? { target: { text: i.targetText } } : {}),
                    ...(t ? { tiers: t } : {}),
                    location: { file, table: 1, row },
                  };
                }),
              location: { file },
            };
          }),
        location: { file },
      };
    }),
    location: { file },
  });
  return { ...source, document: doc };
}

/** An amount in 元 shown in the duty table's 万元 (exact: 元 / 10,000). */
function wan(yuan: string | null): Amount | undefined {
  const a = amountOf(yuan);
  if (!a?.fen) return undefined;
  const fen = BigInt(a.fen);
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const whole = abs / 1_000_000n;
  const frac = (abs % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  const text = `${neg ? "-" : ""}${whole}${frac ? `.${frac.length < 2 ? frac.padEnd(2, "0") : frac}` : ".00"}`;
  return { text, unit: "万元", fen: a.fen, yuan: a.yuan! };
}
