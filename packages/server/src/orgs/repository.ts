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
  patch: Partial<Pick<OrganisationRow, "code" | "name" | "nature" | "rank" | "fundingForm" | "sortOrder">>,
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
