/** SQL for department-overall goals (部门整体绩效目标). The table lives in indicators/schema.ts. */
import { and, asc, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { WorkflowState } from "../db/columns.ts";
import type { Db } from "../db/open.ts";
import { departmentGoals } from "../indicators/schema.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";

export type GoalRow = typeof departmentGoals.$inferSelect;
export type GoalWithOrg = GoalRow & { orgPath: string; orgName: string };

const columns = { g: departmentGoals, orgPath: organisations.path, orgName: organisations.name };

export async function findGoal(db: Db, id: string): Promise<GoalWithOrg | undefined> {
  const rows = await db
    .select(columns)
    .from(departmentGoals)
    .innerJoin(organisations, eq(organisations.id, departmentGoals.orgId))
    .where(eq(departmentGoals.id, id))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.g, orgPath: r.orgPath, orgName: r.orgName } : undefined;
}

export async function listGoals(db: Db, f: { scopePaths?: string[]; underPath?: string; year?: number }) {
  const conds: SQL[] = [];
  if (f.scopePaths) {
    if (f.scopePaths.length === 0) return [];
    conds.push(or(...f.scopePaths.map((p) => like(organisations.path, likePrefix(p))))!);
  }
  if (f.underPath) conds.push(like(organisations.path, likePrefix(f.underPath)));
  if (f.year !== undefined) conds.push(eq(departmentGoals.year, f.year));
  const rows = await db
    .select(columns)
    .from(departmentGoals)
    .innerJoin(organisations, eq(organisations.id, departmentGoals.orgId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(organisations.path), asc(departmentGoals.year), asc(departmentGoals.revision))
    .limit(2000);
  return rows.map((r) => ({ ...r.g, orgPath: r.orgPath, orgName: r.orgName }));
}

export async function insertGoal(db: Db, values: typeof departmentGoals.$inferInsert): Promise<GoalRow> {
  const [row] = await db.insert(departmentGoals).values(values).returning();
  return row!;
}

export type GoalPatch = Partial<Pick<GoalRow, "annualGoal" | "midTermGoal" | "workflowState" | "submittedBy">>;

export async function updateGoal(
  db: Db,
  id: string,
  version: number,
  patch: GoalPatch,
  now: Date,
  guard: { editableOnly?: boolean; fromState?: WorkflowState } = {},
) {
  const conds: SQL[] = [eq(departmentGoals.id, id), eq(departmentGoals.version, version)];
  if (guard.editableOnly) conds.push(inArray(departmentGoals.workflowState, ["draft", "returned"]));
  if (guard.fromState) conds.push(eq(departmentGoals.workflowState, guard.fromState));
  const rows = await db
    .update(departmentGoals)
    .set({ ...patch, version: sql`${departmentGoals.version} + 1`, updatedAt: now })
    .where(and(...conds))
    .returning();
  return rows[0];
}

export async function deleteGoal(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(departmentGoals)
    .where(
      and(
        eq(departmentGoals.id, id),
        eq(departmentGoals.version, version),
        inArray(departmentGoals.workflowState, ["draft", "returned"]),
      ),
    )
    .returning({ id: departmentGoals.id });
  return rows.length > 0;
}
