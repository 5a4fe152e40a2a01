/** SQL for department budgets (部门预算) and their sections. */
import { and, asc, desc, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { WorkflowState } from "../db/columns.ts";
import type { Db } from "../db/open.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import {
  assetSummaries,
  budgetIncomeLines,
  budgetSpendingLines,
  departmentBudgets,
  procurementLines,
  threePublicSpending,
} from "./schema.ts";

export type BudgetRow = typeof departmentBudgets.$inferSelect;
export type BudgetWithOrg = BudgetRow & { orgPath: string; orgName: string };

export interface Sections {
  income: (typeof budgetIncomeLines.$inferSelect)[];
  spending: (typeof budgetSpendingLines.$inferSelect)[];
  threePublic: typeof threePublicSpending.$inferSelect | null;
  procurement: (typeof procurementLines.$inferSelect)[];
  assets: typeof assetSummaries.$inferSelect | null;
}

const columns = { b: departmentBudgets, orgPath: organisations.path, orgName: organisations.name };

export async function findBudget(db: Db, id: string): Promise<BudgetWithOrg | undefined> {
  const rows = await db
    .select(columns)
    .from(departmentBudgets)
    .innerJoin(organisations, eq(organisations.id, departmentBudgets.orgId))
    .where(eq(departmentBudgets.id, id))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.b, orgPath: r.orgPath, orgName: r.orgName } : undefined;
}

export async function listBudgets(db: Db, f: { scopePaths?: string[]; underPath?: string; year?: number }) {
  const conds: SQL[] = [];
  if (f.scopePaths) {
    if (f.scopePaths.length === 0) return [];
    conds.push(or(...f.scopePaths.map((p) => like(organisations.path, likePrefix(p))))!);
  }
  if (f.underPath) conds.push(like(organisations.path, likePrefix(f.underPath)));
  if (f.year !== undefined) conds.push(eq(departmentBudgets.year, f.year));
  const rows = await db
    .select(columns)
    .from(departmentBudgets)
    .innerJoin(organisations, eq(organisations.id, departmentBudgets.orgId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(organisations.path), asc(departmentBudgets.year), asc(departmentBudgets.revision))
    .limit(2000);
  return rows.map((r) => ({ ...r.b, orgPath: r.orgPath, orgName: r.orgName }));
}

/** The latest revision (预算调整) of an organisation's budget of a year. */
export async function latestRevision(db: Db, orgId: string, year: number): Promise<BudgetRow | undefined> {
  const rows = await db
    .select()
    .from(departmentBudgets)
    .where(and(eq(departmentBudgets.orgId, orgId), eq(departmentBudgets.year, year)))
    .orderBy(desc(departmentBudgets.revision))
    .limit(1);
  return rows[0];
}

export async function sectionsOf(db: Db, budgetId: string): Promise<Sections> {
  const [income, spending, tp, procurement, assets] = await Promise.all([
    db
      .select()
      .from(budgetIncomeLines)
      .where(eq(budgetIncomeLines.budgetId, budgetId))
      .orderBy(asc(budgetIncomeLines.sortOrder)),
    db
      .select()
      .from(budgetSpendingLines)
      .where(eq(budgetSpendingLines.budgetId, budgetId))
      .orderBy(asc(budgetSpendingLines.sortOrder)),
    db.select().from(threePublicSpending).where(eq(threePublicSpending.budgetId, budgetId)),
    db
      .select()
      .from(procurementLines)
      .where(eq(procurementLines.budgetId, budgetId))
      .orderBy(asc(procurementLines.sortOrder)),
    db.select().from(assetSummaries).where(eq(assetSummaries.budgetId, budgetId)),
  ]);
  return { income, spending, threePublic: tp[0] ?? null, procurement, assets: assets[0] ?? null };
}

export async function insertBudget(db: Db, values: typeof departmentBudgets.$inferInsert): Promise<BudgetRow> {
  const [row] = await db.insert(departmentBudgets).values(values).returning();
  return row!;
}

export type BudgetPatch = Partial<Pick<BudgetRow, "incomeTotal" | "expenditureTotal" | "operatingFunds" | "notes">>;

/**
 * The versioned update of the header (or of the state alone); `editableOnly` keeps it to draft and returned
 * budgets, `fromState` to the state the workflow step was checked against.
 */
export async function updateBudget(
  db: Db,
  id: string,
  version: number,
  patch: BudgetPatch & { workflowState?: WorkflowState; submittedBy?: string },
  now: Date,
  guard: { editableOnly?: boolean; fromState?: WorkflowState } = {},
) {
  const conds: SQL[] = [eq(departmentBudgets.id, id), eq(departmentBudgets.version, version)];
  if (guard.editableOnly) conds.push(inArray(departmentBudgets.workflowState, ["draft", "returned"]));
  if (guard.fromState) conds.push(eq(departmentBudgets.workflowState, guard.fromState));
  const rows = await db
    .update(departmentBudgets)
    .set({ ...patch, version: sql`${departmentBudgets.version} + 1`, updatedAt: now })
    .where(and(...conds))
    .returning();
  return rows[0];
}

export async function deleteBudget(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(departmentBudgets)
    .where(
      and(
        eq(departmentBudgets.id, id),
        eq(departmentBudgets.version, version),
        inArray(departmentBudgets.workflowState, ["draft", "returned"]),
      ),
    )
    .returning({ id: departmentBudgets.id });
  return rows.length > 0;
}

export interface SectionsInput {
  income: Omit<typeof budgetIncomeLines.$inferInsert, "budgetId" | "sortOrder">[];
  spending: Omit<typeof budgetSpendingLines.$inferInsert, "budgetId" | "sortOrder">[];
  threePublic: Omit<typeof threePublicSpending.$inferInsert, "budgetId"> | null;
  procurement: Omit<typeof procurementLines.$inferInsert, "budgetId" | "sortOrder">[];
  assets: Omit<typeof assetSummaries.$inferInsert, "budgetId"> | null;
}

export async function replaceSections(db: Db, budgetId: string, s: SectionsInput): Promise<void> {
  await db.delete(budgetIncomeLines).where(eq(budgetIncomeLines.budgetId, budgetId));
  await db.delete(budgetSpendingLines).where(eq(budgetSpendingLines.budgetId, budgetId));
  await db.delete(threePublicSpending).where(eq(threePublicSpending.budgetId, budgetId));
  await db.delete(procurementLines).where(eq(procurementLines.budgetId, budgetId));
  await db.delete(assetSummaries).where(eq(assetSummaries.budgetId, budgetId));
  const order = <T>(rows: T[]) => rows.map((r, i) => ({ ...r, budgetId, sortOrder: i }));
  if (s.income.length) await db.insert(budgetIncomeLines).values(order(s.income));
  if (s.spending.length) await db.insert(budgetSpendingLines).values(order(s.spending));
  if (s.threePublic) await db.insert(threePublicSpending).values({ ...s.threePublic, budgetId });
  if (s.procurement.length) await db.insert(procurementLines).values(order(s.procurement));
  if (s.assets) await db.insert(assetSummaries).values({ ...s.assets, budgetId });
}
