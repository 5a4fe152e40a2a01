/**
 * Imported documents as a source of the indicator library (issue 17 point 3: "…and from imported documents"): the
 * third-level indicators of every committed import under a bureau, read from the document as it was imported (the
 * import's stored result), not from the drafts it wrote — a legacy goal table or self-evaluation says what a unit
 * used in its year even when nobody approves it again in Jixiao.
 *
 * Read per document: its projects' goal tables, its project self-evaluations (年度指标值) when the document has no
 * goal table of that project, and its department self-evaluation or expenditure evaluation (the department's
 * goal). A record counted from an approved goal in Jixiao is not counted again from the document: a document's
 * project is left out when an approved project of the same organisation, year and name is in the library, its
 * department figures when an approved department goal of that organisation and year is. The year is the import's
 * (the year the unit chose for it), the organisation the import's.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { imports } from "../imports/schema.ts";
import { organisations } from "../orgs/schema.ts";
import type { StoredUsage } from "./repository.ts";

interface DocIndicator {
  name?: unknown;
  level1?: unknown;
  level2?: unknown;
  unit?: unknown;
  target?: { text?: unknown } | null;
}
interface DocRecord {
  name?: unknown;
  indicators?: DocIndicator[] | null;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** The committed imports under `path` with the parts of their documents that hold indicators. */
async function committedDocuments(db: Db, path: string) {
  const doc = sql`${imports.result}->'document'`;
  return db
    .select({
      id: imports.id,
      year: imports.year,
      fileName: imports.fileName,
      orgId: organisations.id,
      orgName: organisations.name,
      orgPath: organisations.path,
      projects: sql<unknown>`${doc}->'projects'`,
      evaluations: sql<unknown>`${doc}->'projectSelfEvaluations'`,
      department: sql<unknown>`coalesce(${doc}->'departmentSelfEvaluation'->'indicators', ${doc}->'departmentExpenditureEvaluation'->'indicators')`,
    })
    .from(imports)
    .innerJoin(organisations, eq(organisations.id, imports.orgId))
    .where(and(eq(imports.state, "committed"), sql`starts_with(${organisations.path}, ${path})`))
    .orderBy(imports.committedAt, imports.id);
}

/** Identifies a record of an organisation and year: the same project (by name) or the department goal. */
const recordKey = (orgId: string, year: number, name: string | null) => `${orgId}\u0000${year}\u0000${name ?? ""}`;

/**
 * The usages the committed documents under `path` add to the stored ones (`stored`: the approved projects' and
 * department goals' usages under the same path, which the documents do not count again).
 */
export async function documentUsagesUnder(
  db: Db,
  path: string,
  stored: readonly StoredUsage[],
): Promise<StoredUsage[]> {
  const approved = new Set(
    stored.map((u) =>
      recordKey(u.source.orgId ?? "", u.year, u.source.kind === "project" ? u.source.name.trim() : null),
    ),
  );
  const out: StoredUsage[] = [];
  for (const d of await committedDocuments(db, path)) {
    const departmentName = `${d.orgName} 部门整体绩效目标`;
    const push = (recordName: string, rows: DocIndicator[]) => {
      for (const i of rows) {
        const name = text(i.name);
        if (!name) continue;
        out.push({
          name,
          level1: text(i.level1),
          level2: text(i.level2),
          targetText: text(i.target?.text),
          unit: text(i.unit),
          year: d.year,
          source: {
            kind: "document",
            id: d.id,
            name: `${recordName}（${d.fileName}）`,
            orgId: d.orgId,
            orgName: d.orgName,
          },
          orgPath: d.orgPath,
          documentRecord: { name: recordName === departmentName ? null : recordName },
        });
      }
    };
    const projects = list<DocRecord>(d.projects);
    const goalTables = new Set(projects.map((p) => text(p.name)?.trim()).filter((n) => n !== undefined));
    for (const p of projects) {
      const name = text(p.name)?.trim();
      if (!name || approved.has(recordKey(d.orgId, d.year, name))) continue;
      push(name, list(p.indicators));
    }
    for (const e of list<DocRecord>(d.evaluations)) {
      const name = text(e.name)?.trim();
      if (!name || goalTables.has(name) || approved.has(recordKey(d.orgId, d.year, name))) continue;
      push(name, list(e.indicators));
    }
    const department = list<DocIndicator>(d.department);
    if (department.length > 0 && !approved.has(recordKey(d.orgId, d.year, null))) {
      push(departmentName, department);
    }
  }
  return out;
}

/** What changes when the documents under `path` change: the committed imports (their number and last commit). */
export async function documentsFingerprint(db: Db, path: string): Promise<string> {
  const [r] = await db
    .select({ n: sql<string>`count(*)::text`, at: sql<string | null>`max(${imports.committedAt})::text` })
    .from(imports)
    .innerJoin(organisations, eq(organisations.id, imports.orgId))
    .where(and(eq(imports.state, "committed"), sql`starts_with(${organisations.path}, ${path})`));
  return `${r?.n}|${r?.at}`;
}
