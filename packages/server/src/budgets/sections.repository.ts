/**
 * Bulk writes and counts of a department budget's sections (income, spending, 三公, procurement, assets) for
 * writers that replace them as a whole, such as an import commit: one multi-row INSERT per table, inside the
 * caller's transaction. The reads for the API are department.repository.ts's `sectionsOf`.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import {
  assetSummaries,
  budgetIncomeLines,
  budgetSpendingLines,
  procurementLines,
  threePublicSpending,
} from "./schema.ts";

export interface SectionRows {
  income: Omit<typeof budgetIncomeLines.$inferInsert, "budgetId" | "sortOrder">[];
  spending: Omit<typeof budgetSpendingLines.$inferInsert, "budgetId" | "sortOrder">[];
  threePublic: Omit<typeof threePublicSpending.$inferInsert, "budgetId"> | null;
  procurement: Omit<typeof procurementLines.$inferInsert, "budgetId" | "sortOrder">[];
  assets: Omit<typeof assetSummaries.$inferInsert, "budgetId"> | null;
}

/** How many rows each section holds (三公 and assets: 0 or 1). */
export interface SectionCounts {
  income: number;
  spending: number;
  threePublic: number;
  procurement: number;
  assets: number;
}

export const NO_SECTIONS: SectionCounts = { income: 0, spending: 0, threePublic: 0, procurement: 0, assets: 0 };

export function countRows(s: SectionRows): SectionCounts {
  return {
    income: s.income.length,
    spending: s.spending.length,
    threePublic: s.threePublic ? 1 : 0,
    procurement: s.procurement.length,
    assets: s.assets ? 1 : 0,
  };
}

/** The stored counts of a budget's sections. */
export async function countSections(db: Db, budgetId: string): Promise<SectionCounts> {
  const n = async (
    table: typeof budgetIncomeLines | typeof budgetSpendingLines | typeof procurementLines,
  ): Promise<number> =>
    (
      await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(table)
        .where(eq(table.budgetId, budgetId))
    )[0]!.n;
  const tp = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(threePublicSpending)
    .where(eq(threePublicSpending.budgetId, budgetId));
  const as = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(assetSummaries)
    .where(eq(assetSummaries.budgetId, budgetId));
  return {
    income: await n(budgetIncomeLines),
    spending: await n(budgetSpendingLines),
    threePublic: tp[0]!.n,
    procurement: await n(procurementLines),
    assets: as[0]!.n,
  };
}

export async function deleteSections(db: Db, budgetId: string): Promise<void> {
  await db.delete(budgetIncomeLines).where(eq(budgetIncomeLines.budgetId, budgetId));
  await db.delete(budgetSpendingLines).where(eq(budgetSpendingLines.budgetId, budgetId));
  await db.delete(threePublicSpending).where(eq(threePublicSpending.budgetId, budgetId));
  await db.delete(procurementLines).where(eq(procurementLines.budgetId, budgetId));
  await db.delete(assetSummaries).where(eq(assetSummaries.budgetId, budgetId));
}

/**
 * Insert the sections of a budget that has none: one multi-row INSERT per non-empty table (per 2,000 rows: the
 * statement's parameters stay under PostgreSQL's 65,535), in document order.
 */
export async function insertSections(db: Db, budgetId: string, s: SectionRows): Promise<void> {
  const order = <T>(rows: T[]) => rows.map((r, i) => ({ ...r, budgetId, sortOrder: i }));
  const slices = <T>(rows: T[]) =>
    Array.from({ length: Math.ceil(rows.length / 2000) }, (_, k) => rows.slice(k * 2000, k * 2000 + 2000));
  for (const part of slices(order(s.income))) await db.insert(budgetIncomeLines).values(part);
  for (const part of slices(order(s.spending))) await db.insert(budgetSpendingLines).values(part);
  if (s.threePublic) await db.insert(threePublicSpending).values({ ...s.threePublic, budgetId });
  for (const part of slices(order(s.procurement))) await db.insert(procurementLines).values(part);
  if (s.assets) await db.insert(assetSummaries).values({ ...s.assets, budgetId });
}

/** Replace every section of a budget (delete, then insert), inside the caller's transaction. */
export async function replaceSectionRows(db: Db, budgetId: string, s: SectionRows): Promise<void> {
  await deleteSections(db, budgetId);
  await insertSections(db, budgetId, s);
}
