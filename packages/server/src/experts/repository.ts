/** SQL for expert forms, assignments, reviews and ex-ante assessments (the db handle injected). */
import { and, asc, desc, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import { accounts, memberships } from "../accounts/schema.ts";
import type { Db } from "../db/open.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import {
  type ExanteAssessmentRow,
  type ExpertAssignmentRow,
  type ExpertFormRow,
  type ExpertReviewRow,
  exanteAssessments,
  expertAssignments,
  expertForms,
  expertReviews,
} from "./schema.ts";

export type AssignmentWithOrg = ExpertAssignmentRow & { orgPath: string; orgName: string };
export type ReviewWithExpert = ExpertReviewRow & { expertName: string; expertUsername: string };

const assignmentColumns = { a: expertAssignments, orgPath: organisations.path, orgName: organisations.name };

export async function findAssignment(db: Db, id: string): Promise<AssignmentWithOrg | undefined> {
  const [r] = await db
    .select(assignmentColumns)
    .from(expertAssignments)
    .innerJoin(organisations, eq(organisations.id, expertAssignments.orgId))
    .where(eq(expertAssignments.id, id))
    .limit(1);
  return r ? { ...r.a, orgPath: r.orgPath, orgName: r.orgName } : undefined;
}

export async function listAssignments(
  db: Db,
  f: { scopePaths?: string[]; underPath?: string; year?: number; entityId?: string },
): Promise<AssignmentWithOrg[]> {
  const conds: SQL[] = [];
  if (f.scopePaths) {
    if (f.scopePaths.length === 0) return [];
    conds.push(or(...f.scopePaths.map((p) => like(organisations.path, likePrefix(p))))!);
  }
  if (f.underPath) conds.push(like(organisations.path, likePrefix(f.underPath)));
  if (f.year !== undefined) conds.push(eq(expertAssignments.year, f.year));
  if (f.entityId) conds.push(eq(expertAssignments.entityId, f.entityId));
  const rows = await db
    .select(assignmentColumns)
    .from(expertAssignments)
    .innerJoin(organisations, eq(organisations.id, expertAssignments.orgId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(expertAssignments.createdAt), asc(expertAssignments.id));
  return rows.map((r) => ({ ...r.a, orgPath: r.orgPath, orgName: r.orgName }));
}

export async function insertAssignment(db: Db, values: typeof expertAssignments.$inferInsert) {
  const [row] = await db.insert(expertAssignments).values(values).returning();
  return row!;
}

export async function updateAssignment(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof expertAssignments.$inferInsert>,
  now: Date,
): Promise<ExpertAssignmentRow | undefined> {
  const [row] = await db
    .update(expertAssignments)
    .set({ ...patch, version: sql`${expertAssignments.version} + 1`, updatedAt: now })
    .where(and(eq(expertAssignments.id, id), eq(expertAssignments.version, expectedVersion)))
    .returning();
  return row;
}

const reviewColumns = { r: expertReviews, expertName: accounts.displayName, expertUsername: accounts.username };

export async function reviewsOf(db: Db, assignmentIds: string[]): Promise<ReviewWithExpert[]> {
  if (assignmentIds.length === 0) return [];
  const rows = await db
    .select(reviewColumns)
    .from(expertReviews)
    .innerJoin(accounts, eq(accounts.id, expertReviews.expertId))
    .where(inArray(expertReviews.assignmentId, assignmentIds))
    .orderBy(asc(expertReviews.createdAt), asc(accounts.username));
  return rows.map((x) => ({ ...x.r, expertName: x.expertName, expertUsername: x.expertUsername }));
}

export async function findReview(db: Db, id: string): Promise<ReviewWithExpert | undefined> {
  const [x] = await db
    .select(reviewColumns)
    .from(expertReviews)
    .innerJoin(accounts, eq(accounts.id, expertReviews.expertId))
    .where(eq(expertReviews.id, id))
    .limit(1);
  return x ? { ...x.r, expertName: x.expertName, expertUsername: x.expertUsername } : undefined;
}

/** The reviews assigned to one expert, newest assignment first, with their assignments. */
export async function reviewsOfExpert(db: Db, expertId: string) {
  const rows = await db
    .select({ r: expertReviews, a: expertAssignments, orgName: organisations.name })
    .from(expertReviews)
    .innerJoin(expertAssignments, eq(expertAssignments.id, expertReviews.assignmentId))
    .innerJoin(organisations, eq(organisations.id, expertAssignments.orgId))
    .where(eq(expertReviews.expertId, expertId))
    .orderBy(asc(expertAssignments.deadline), desc(expertAssignments.createdAt));
  return rows;
}

export async function insertReviews(db: Db, values: (typeof expertReviews.$inferInsert)[]) {
  return db.insert(expertReviews).values(values).returning();
}

export async function updateReview(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: Partial<typeof expertReviews.$inferInsert>,
  now: Date,
): Promise<ExpertReviewRow | undefined> {
  const [row] = await db
    .update(expertReviews)
    .set({ ...patch, version: sql`${expertReviews.version} + 1`, updatedAt: now })
    .where(and(eq(expertReviews.id, id), eq(expertReviews.version, expectedVersion)))
    .returning();
  return row;
}

/** Accounts holding the expert role at an organisation whose subtree holds `orgPath` (the pools that cover it). */
export async function expertsCovering(db: Db, orgPath: string) {
  return db
    .selectDistinct({
      id: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      orgName: organisations.name,
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(
      and(
        eq(memberships.role, "expert"),
        eq(accounts.disabled, false),
        sql`starts_with(${orgPath}, ${organisations.path})`,
      ),
    )
    .orderBy(asc(accounts.username));
}

/** Bureau forms usable in a subtree: those defined at the organisation at `orgPath` or above it. */
export async function formsCovering(db: Db, orgPath: string): Promise<ExpertFormRow[]> {
  const rows = await db
    .select({ f: expertForms })
    .from(expertForms)
    .innerJoin(organisations, eq(organisations.id, expertForms.orgId))
    .where(sql`starts_with(${orgPath}, ${organisations.path})`)
    .orderBy(asc(expertForms.createdAt));
  return rows.map((r) => r.f);
}

export async function findForm(db: Db, id: string) {
  const [r] = await db
    .select({ f: expertForms, orgPath: organisations.path })
    .from(expertForms)
    .innerJoin(organisations, eq(organisations.id, expertForms.orgId))
    .where(eq(expertForms.id, id))
    .limit(1);
  return r ? { ...r.f, orgPath: r.orgPath } : undefined;
}

export async function insertForm(db: Db, values: typeof expertForms.$inferInsert) {
  const [row] = await db.insert(expertForms).values(values).returning();
  return row!;
}

export async function exanteOf(db: Db, projectId: string): Promise<ExanteAssessmentRow | undefined> {
  const [row] = await db.select().from(exanteAssessments).where(eq(exanteAssessments.projectId, projectId)).limit(1);
  return row;
}

/** Insert or replace (by project) the assessment; `expectedVersion` guards a replacement. */
export async function upsertExante(
  db: Db,
  values: typeof exanteAssessments.$inferInsert,
  expectedVersion: number | undefined,
  now: Date,
): Promise<ExanteAssessmentRow | undefined> {
  const existing = await exanteOf(db, values.projectId);
  if (!existing) {
    const [row] = await db.insert(exanteAssessments).values(values).returning();
    return row;
  }
  if (expectedVersion !== undefined && existing.version !== expectedVersion) return undefined;
  const [row] = await db
    .update(exanteAssessments)
    .set({ ...values, version: sql`${exanteAssessments.version} + 1`, updatedAt: now, createdAt: existing.createdAt })
    .where(and(eq(exanteAssessments.id, existing.id), eq(exanteAssessments.version, existing.version)))
    .returning();
  return row;
}
