/** SQL for organisations. Subtrees are `path LIKE '<path>%'` on the materialised path. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, ilike, like, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { type OrganisationRow, organisations } from "./schema.ts";

export interface NewOrganisation {
  parentId: string | null;
  code: string;
  name: string;
  nature?: string | null;
  rank?: string | null;
  fundingForm?: string | null;
  sortOrder?: number;
}

/** Escape LIKE wildcards in a literal prefix. */
export const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function findOrganisation(db: Db, id: string): Promise<OrganisationRow | undefined> {
  const rows = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return rows[0];
}

export async function insertOrganisation(db: Db, input: NewOrganisation, parent?: OrganisationRow) {
  const id = randomUUID();
  const path = `${parent ? parent.path : "/"}${id}/`;
  const [row] = await db
    .insert(organisations)
    .values({
      id,
      parentId: parent?.id ?? null,
      path,
      depth: parent ? parent.depth + 1 : 0,
      code: input.code,
      name: input.name,
      nature: input.nature ?? null,
      rank: input.rank ?? null,
      fundingForm: input.fundingForm ?? null,
      sortOrder: input.sortOrder ?? 0,
    })
    .returning();
  return row!;
}

export interface OrgListFilter {
  /** Organisation subtrees the reader may see; undefined = all. */
  scopePaths?: string[];
  /** Only this subtree. */
  underPath?: string;
  /** Search in name and code. */
  q?: string;
}

export async function listOrganisations(db: Db, filter: OrgListFilter): Promise<OrganisationRow[]> {
  const conds: SQL[] = [];
  if (filter.scopePaths) {
    if (filter.scopePaths.length === 0) return [];
    conds.push(or(...filter.scopePaths.map((p) => like(organisations.path, likePrefix(p))))!);
  }
  if (filter.underPath) conds.push(like(organisations.path, likePrefix(filter.underPath)));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(organisations.name, pattern), ilike(organisations.code, pattern))!);
  }
  return db
    .select()
    .from(organisations)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(organisations.depth), asc(organisations.sortOrder), asc(organisations.code));
}

export async function updateOrganisation(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: Partial<Pick<OrganisationRow, "parentId" | "code" | "name" | "nature" | "rank" | "fundingForm" | "sortOrder">>,
  now: Date,
): Promise<OrganisationRow | undefined> {
  const rows = await db
    .update(organisations)
    .set({ ...patch, version: sql`${organisations.version} + 1`, updatedAt: now })
    .where(and(eq(organisations.id, id), eq(organisations.version, expectedVersion)))
    .returning();
  return rows[0];
}

export async function deleteOrganisation(db: Db, id: string, expectedVersion: number): Promise<boolean> {
  const rows = await db
    .delete(organisations)
    .where(and(eq(organisations.id, id), eq(organisations.version, expectedVersion)))
    .returning({ id: organisations.id });
  return rows.length > 0;
}

export async function countChildren(db: Db, id: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organisations)
    .where(eq(organisations.parentId, id));
  return rows[0]?.n ?? 0;
}

/** The deepest level of the tree: 0 province, 1 city, 2 county, 3 unit. */
export const MAX_DEPTH = 3;

/**
 * Serialise changes of the tree's shape: a move takes the lock exclusively, a creation shares it, so a child is
 * never inserted under a path that a concurrent move is rewriting. Held until the transaction ends.
 */
const TREE_LOCK_KEY = 730_101;
export async function lockTree(db: Db, mode: "move" | "insert"): Promise<void> {
  await db.execute(
    mode === "move"
      ? sql`SELECT pg_advisory_xact_lock(${TREE_LOCK_KEY})`
      : sql`SELECT pg_advisory_xact_lock_shared(${TREE_LOCK_KEY})`,
  );
}

/** The depth of the deepest organisation in the subtree at `path` (the organisation itself included). */
export async function subtreeMaxDepth(db: Db, path: string): Promise<number> {
  const rows = await db
    .select({ d: sql<number>`max(${organisations.depth})::int` })
    .from(organisations)
    .where(like(organisations.path, likePrefix(path)));
  return rows[0]?.d ?? 0;
}

/**
 * Re-root the subtree at `oldPath` (the organisation and all its descendants) under `newParent`: every path's
 * prefix and every depth rewritten in one statement. Returns how many rows moved.
 */
export async function rewriteSubtree(
  db: Db,
  oldPath: string,
  oldDepth: number,
  id: string,
  newParent: OrganisationRow | null,
): Promise<number> {
  const newPath = `${newParent ? newParent.path : "/"}${id}/`;
  const delta = (newParent ? newParent.depth + 1 : 0) - oldDepth;
  const rows = await db
    .update(organisations)
    .set({
      path: sql`${newPath} || substr(${organisations.path}, ${oldPath.length + 1})`,
      depth: sql`${organisations.depth} + ${delta}::int`,
    })
    .where(like(organisations.path, likePrefix(oldPath)))
    .returning({ id: organisations.id });
  return rows.length;
}
