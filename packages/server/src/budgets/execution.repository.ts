/** SQL for budget execution figures (预算执行). */
import { and, asc, eq, like, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { budgetExecution } from "./schema.ts";

export type ExecutionRow = typeof budgetExecution.$inferSelect;
export type ExecutionWithOrg = ExecutionRow & { orgPath: string; orgName: string };

const columns = { e: budgetExecution, orgPath: organisations.path, orgName: organisations.name };

export async function findExecution(db: Db, id: string): Promise<ExecutionWithOrg | undefined> {
  const rows = await db
    .select(columns)
    .from(budgetExecution)
    .innerJoin(organisations, eq(organisations.id, budgetExecution.orgId))
    .where(eq(budgetExecution.id, id))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.e, orgPath: r.orgPath, orgName: r.orgName } : undefined;
}

export async function listExecution(
  db: Db,
  f: { scopePaths?: string[]; underPath?: string; year?: number; scope?: string; month?: number | null },
): Promise<ExecutionWithOrg[]> {
  const conds: SQL[] = [];
  if (f.scopePaths) {
    if (f.scopePaths.length === 0) return [];
    conds.push(or(...f.scopePaths.map((p) => like(organisations.path, likePrefix(p))))!);
  }
  if (f.underPath) conds.push(like(organisations.path, likePrefix(f.underPath)));
  if (f.year !== undefined) conds.push(eq(budgetExecution.year, f.year));
  if (f.scope) conds.push(eq(budgetExecution.scope, f.scope));
  if (f.month !== undefined)
    conds.push(f.month === null ? sql`${budgetExecution.month} IS NULL` : eq(budgetExecution.month, f.month));
  const rows = await db
    .select(columns)
    .from(budgetExecution)
    .innerJoin(organisations, eq(organisations.id, budgetExecution.orgId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(organisations.path), asc(budgetExecution.year), asc(budgetExecution.scope), asc(budgetExecution.month))
    .limit(5000);
  return rows.map((r) => ({ ...r.e, orgPath: r.orgPath, orgName: r.orgName }));
}

export async function insertExecution(db: Db, values: typeof budgetExecution.$inferInsert): Promise<ExecutionRow> {
  const [row] = await db.insert(budgetExecution).values(values).returning();
  return row!;
}

export type ExecutionPatch = Partial<
  Pick<ExecutionRow, "initialBudget" | "adjustment" | "determinedBudget" | "executed">
>;

export async function updateExecution(db: Db, id: string, version: number, patch: ExecutionPatch, now: Date) {
  const rows = await db
    .update(budgetExecution)
    .set({ ...patch, version: sql`${budgetExecution.version} + 1`, updatedAt: now })
    .where(and(eq(budgetExecution.id, id), eq(budgetExecution.version, version)))
    .returning();
  return rows[0];
}

export async function deleteExecution(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(budgetExecution)
    .where(and(eq(budgetExecution.id, id), eq(budgetExecution.version, version)))
    .returning({ id: budgetExecution.id });
  return rows.length > 0;
}
