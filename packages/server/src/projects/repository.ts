/** SQL for projects: list with filter/sort/page inside the reader's organisation scope. */
import { and, asc, eq, ilike, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { WorkflowState } from "../db/columns.ts";
import type { Db } from "../db/open.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { type ProjectRow, projects } from "./schema.ts";

export type ProjectWithOrg = ProjectRow & { orgPath: string; orgName: string; supersededById: string | null };

const withOrg = {
  project: projects,
  orgPath: organisations.path,
  orgName: organisations.name,
  /** The revision that adjusts this one (预算调整), if any: at most one (unique supersedes_id). */
  supersededById: sql<string | null>`(SELECT later.id FROM projects later WHERE later.supersedes_id = ${projects.id})`,
};

export async function findProject(db: Db, id: string): Promise<ProjectWithOrg | undefined> {
  const rows = await db
    .select(withOrg)
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(eq(projects.id, id))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.project, orgPath: r.orgPath, orgName: r.orgName, supersededById: r.supersededById } : undefined;
}

/** Several projects with their organisation, in no particular order; ids not found are left out. */
export async function findProjects(db: Db, ids: string[]): Promise<ProjectWithOrg[]> {
  if (!ids.length) return [];
  const rows = await db
    .select(withOrg)
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(inArray(projects.id, ids));
  return rows.map((r) => ({ ...r.project, orgPath: r.orgPath, orgName: r.orgName, supersededById: r.supersededById }));
}

export const PROJECT_SORTS = ["name", "code", "updatedAt", "annualFunds", "state"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export interface ProjectFilter {
  scopePaths?: string[];
  underPath?: string;
  year?: number;
  state?: ProjectRow["workflowState"];
  q?: string;
  sort: ProjectSort;
  desc: boolean;
  page: number;
  pageSize: number;
  /**
   * Keyset pagination: the page starts after this row (its sort key as text and its id), whatever the depth;
   * `page` is then not used to find the rows.
   */
  after?: { value: string | null; id: string };
  /** With `after`: the count the first page gave (the cursor carries it), so that a cursor page does not count. */
  knownTotal?: number;
}

/**
 * The sort keys. The time is compared to the millisecond, as the API writes it (a cursor carries what the API
 * wrote); no index serves that sort, so nothing is lost.
 */
const SORT_COLUMNS = {
  name: projects.name,
  code: projects.code,
  updatedAt: sql`date_trunc('milliseconds', ${projects.updatedAt})`,
  annualFunds: projects.annualFunds,
  state: projects.workflowState,
} as const;
/** The sort keys that may be NULL (they come last, in either direction). */
const NULLABLE_SORTS: ReadonlySet<ProjectSort> = new Set(["code", "annualFunds"]);

/**
 * One page of the projects in scope, and the count of all of them: two plain queries rather than `count(*) over ()`,
 * which made the database build and buffer every matching row before the LIMIT. The page is chosen on ids first,
 * so that the revision subquery (`supersededById`) runs for the page's rows only. The subtree prefix is applied
 * once: a listed organisation inside a scope path already limits the rows.
 *
 * With `after` (a cursor) the page is the next rows after it in the sort order — `key < v OR (key = v AND id > i)`
 * bounded by `key <= v`, so that the index `projects_year_state_funds_idx` is entered at the cursor instead of
 * walked from the start — and the rows without a key (last in either direction) asked apart when the keyed ones
 * run out. Every page then costs the same, the first and the last alike.
 */
export async function listProjects(db: Db, f: ProjectFilter): Promise<{ items: ProjectWithOrg[]; total: number }> {
  const conds: SQL[] = [];
  // The organisation asked for lies in the scope (the service authorised it): its subtree is all in scope.
  const scopeCovers = f.underPath !== undefined && f.scopePaths?.some((p) => f.underPath!.startsWith(p)) === true;
  if (f.scopePaths && !scopeCovers) {
    if (f.scopePaths.length === 0) return { items: [], total: 0 };
    conds.push(or(...f.scopePaths.map((p) => like(organisations.path, likePrefix(p))))!);
  }
  if (f.underPath) conds.push(like(organisations.path, likePrefix(f.underPath)));
  if (f.year !== undefined) conds.push(eq(projects.year, f.year));
  if (f.state) conds.push(eq(projects.workflowState, f.state));
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(projects.name, pattern), ilike(projects.code, pattern))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const column = SORT_COLUMNS[f.sort];
  const order = [f.desc ? sql`${column} DESC NULLS LAST` : sql`${column} ASC NULLS LAST`, asc(projects.id)];

  // The page's ids, organisation and sort key come from one index-ordered scan; the outer query only adds each
  // row's columns and revision. Joining the organisations again outside made planning cost more than running
  // (1.1–1.4 ms against 0.27–0.33 ms, docs/performance.md, session 14).
  const pageOf = async (extra: SQL | undefined, limit: number, offset: number) => {
    const page = db
      .select({
        id: projects.id,
        orgPath: sql<string>`${organisations.path}`.as("org_path"),
        orgName: sql<string>`${organisations.name}`.as("org_name"),
        key: sql`${column}`.as("sort_key"),
      })
      .from(projects)
      .innerJoin(organisations, eq(organisations.id, projects.orgId))
      .where(extra ? and(where, extra) : where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset)
      .as("page");
    return db
      .select({
        project: projects,
        orgPath: page.orgPath,
        orgName: page.orgName,
        supersededById: withOrg.supersededById,
      })
      .from(page)
      .innerJoin(projects, eq(projects.id, page.id))
      .orderBy(f.desc ? sql`${page.key} DESC NULLS LAST` : sql`${page.key} ASC NULLS LAST`, asc(page.id));
  };
  const countAll = async () => {
    const [c] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(projects)
      .innerJoin(organisations, eq(organisations.id, projects.orgId))
      .where(where);
    return c?.n ?? 0;
  };

  let rows: Awaited<ReturnType<typeof pageOf>>;
  let total: number;
  if (f.after) {
    const { value, id } = f.after;
    if (value === null) {
      rows = await pageOf(sql`${column} IS NULL AND ${projects.id} > ${id}`, f.pageSize, 0);
    } else {
      const keyed = f.desc
        ? sql`${column} <= ${value} AND (${column} < ${value} OR ${projects.id} > ${id})`
        : sql`${column} >= ${value} AND (${column} > ${value} OR ${projects.id} > ${id})`;
      rows = await pageOf(keyed, f.pageSize, 0);
      if (rows.length < f.pageSize && NULLABLE_SORTS.has(f.sort)) {
        rows = [...rows, ...(await pageOf(sql`${column} IS NULL`, f.pageSize - rows.length, 0))];
      }
    }
    total = f.knownTotal ?? (await countAll());
  } else {
    const offset = (f.page - 1) * f.pageSize;
    rows = await pageOf(undefined, f.pageSize, offset);
    // The count is known without counting when this page is the last one and not past the end.
    total = rows.length === f.pageSize || (rows.length === 0 && offset > 0) ? await countAll() : offset + rows.length;
  }
  return {
    items: rows.map((r) => ({
      ...r.project,
      orgPath: r.orgPath,
      orgName: r.orgName,
      supersededById: r.supersededById,
    })),
    total,
  };
}

export type ProjectPatch = Partial<
  Omit<ProjectRow, "id" | "orgId" | "version" | "createdAt" | "updatedAt" | "createdBy">
>;

export async function insertProject(db: Db, values: typeof projects.$inferInsert): Promise<ProjectRow> {
  const [row] = await db.insert(projects).values(values).returning();
  return row!;
}

/** Extra conditions of an optimistic write: only while editable, or only from a given state. */
export interface WriteGuard {
  editableOnly?: boolean;
  fromState?: WorkflowState;
}

function guardConditions(id: string, expectedVersion: number, guard: WriteGuard): SQL {
  const conds: SQL[] = [eq(projects.id, id), eq(projects.version, expectedVersion)];
  if (guard.editableOnly) conds.push(inArray(projects.workflowState, ["draft", "returned"]));
  if (guard.fromState) conds.push(eq(projects.workflowState, guard.fromState));
  return and(...conds)!;
}

/** Update when the version (and guard) still match; undefined when not (or the row is gone). */
export async function updateProject(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: ProjectPatch,
  now: Date,
  guard: WriteGuard = {},
): Promise<ProjectRow | undefined> {
  const rows = await db
    .update(projects)
    .set({ ...patch, version: sql`${projects.version} + 1`, updatedAt: now })
    .where(guardConditions(id, expectedVersion, guard))
    .returning();
  return rows[0];
}

export async function deleteProject(
  db: Db,
  id: string,
  expectedVersion: number,
  guard: WriteGuard = {},
): Promise<boolean> {
  const rows = await db
    .delete(projects)
    .where(guardConditions(id, expectedVersion, guard))
    .returning({ id: projects.id });
  return rows.length > 0;
}
