/**
 * Batch export (docs/export.md, "Batch export"): every document of an organisation's subtree for a year, written
 * by a background job (`export.batch`) with progress in the jobs table, packed into one zip — a folder per
 * organisation, Chinese names with the zip's UTF-8 flag, `清单.txt` listing what is inside and `errors.txt` what
 * could not be written (a document that fails does not stop the batch).
 *
 * The zip is kept in the job's own row (`jobs.file`, beside its description in `jobs.result`), not on a disk: with
 * PostgreSQL several app processes share the work, and the process that runs the job is not necessarily the
 * one that serves the download; the database is what they all share. Zips are dropped 7 days after their job
 * finished. Only the account that started the job sees it and downloads it.
 */
import { createHash } from "node:crypto";
import { DomainError } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import {
  type ExportFormat,
  formPage,
  type Layout,
  type PoolFormat,
  pdfEngine,
  safeFileName,
  type WDocument,
  type WriterPool,
  type Written,
  writeAs,
  writerPool,
  writerPoolSize,
  writeZip,
  zipPaths,
} from "@jixiao/documents";
import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { authorize, inScope, requireActor, type Scope, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { findBudget } from "../budgets/department.repository.ts";
import { budgetDisclosureDocument } from "../budgets/disclosure.ts";
import { departmentBudgets } from "../budgets/schema.ts";
import type { Db } from "../db/open.ts";
import { findDuty } from "../duties/repository.ts";
import { duties } from "../duties/schema.ts";
import { scoredEvaluationDocument } from "../evaluations/document.ts";
import { findEvaluation } from "../evaluations/repository.ts";
import { selfEvaluations } from "../evaluations/schema.ts";
import { findGoal } from "../goals/repository.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { departmentGoals } from "../indicators/schema.ts";
import { findJobFile, JobOutcome, type JobQueue } from "../jobs/queue.ts";
import { RETENTION, sweepExpired } from "../jobs/retention.ts";
import { type JobState, jobs } from "../jobs/schema.ts";
import { monitoringFormPage } from "../monitoring/export.service.ts";
import { DEPARTMENT_RECORD_NAME } from "../monitoring/repository.ts";
import { monitoringRecords, monitoringRounds } from "../monitoring/schema.ts";
import { findOrganisation, likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { findProjects } from "../projects/repository.ts";
import { projects } from "../projects/schema.ts";
import { dutyTableDocument, goalDocument, projectDocuments, type RecordDocument } from "../review/documents.ts";
import { EXPORT_TYPES, type ExportType } from "./exports.service.ts";

export const BATCH_JOB = "export.batch";

/** The documents a batch can hold: every kind the stored records can be written as. */
export const BATCH_DOCUMENTS = [
  "project-goals",
  "department-goals",
  "duty-activity-goals",
  "department-self-evaluation",
  "project-self-evaluation",
  "budget-disclosure",
  "monitoring-records",
] as const;
export type BatchDocument = (typeof BATCH_DOCUMENTS)[number];

export const BATCH_DOCUMENT_NAMES: Record<BatchDocument, { zh: string; en: string }> = {
  "project-goals": { zh: "项目绩效目标表", en: "project goal tables" },
  "department-goals": { zh: "部门整体绩效目标表", en: "department goal tables" },
  "duty-activity-goals": { zh: "部门职责-工作活动绩效目标表", en: "duty → activity goal tables" },
  "department-self-evaluation": { zh: "部门整体绩效自评表", en: "department self-evaluations" },
  "project-self-evaluation": { zh: "项目支出绩效自评表", en: "project self-evaluations" },
  "budget-disclosure": { zh: "部门预算信息公开", en: "budget disclosures" },
  "monitoring-records": { zh: "绩效运行监控表", en: "monitoring records" },
};

/** What a batch file is written from: a stored record's kind (exports.service) or a monitoring record. */
export const BATCH_TYPES = [...EXPORT_TYPES, "monitoring"] as const;
export type BatchType = (typeof BATCH_TYPES)[number];

/** The layout of each document written through `exportDocument` (the monitoring form has its own writer). */
const LAYOUT_OF: Record<Exclude<BatchDocument, "monitoring-records">, Layout> = {
  "project-goals": "project-goals",
  "department-goals": "project-goals",
  "duty-activity-goals": "duty-activity-goals",
  "department-self-evaluation": "department-self-evaluation",
  "project-self-evaluation": "project-self-evaluation",
  "budget-disclosure": "budget-disclosure",
};

/** Zips are kept this long after their job finished (jobs/retention.ts removes them). */
export const BATCH_KEEP_MS = RETENTION.jobFileMs;
/** Larger zips are refused (a bytea value holds at most 1 GB; it travels as base64, a third more). */
export const MAX_BATCH_ZIP_BYTES = 150 * 1024 * 1024;

const JOB = { zh: "导出任务", en: "export job" };

/** A running batch writes its progress at most this often (and always when its last file is done). */
const PROGRESS_EVERY_MS = 250;

export interface BatchPayload {
  orgId: string;
  year: number;
  documents: BatchDocument[];
  formats: ExportFormat[];
  /** The starter's reading scope when the job was started: nothing outside it is written. */
  scope: Scope;
  actor: { accountId: string; username: string };
}

export interface BatchError {
  organisation: string;
  document: string;
  record: string;
  format: ExportFormat;
  message: string;
  messageEn: string;
}

export interface BatchResult {
  orgId: string;
  orgName: string;
  year: number;
  documents: BatchDocument[];
  formats: ExportFormat[];
  counts: { records: number; files: number; errors: number; byDocument: Partial<Record<BatchDocument, number>> };
  zip: { fileName: string; size: number; sha256: string };
  /** The zip's entries: one per file written, with where it came from. */
  files: { path: string; organisation: string; document: BatchDocument; type: BatchType; id: string }[];
  errors: BatchError[];
}

interface BatchItem {
  document: BatchDocument;
  type: BatchType;
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  orgCode: string;
  /** The record as a person names it (project name, …), for the file name, errors.txt and progress. */
  label: string;
}

// ---- Starting a batch --------------------------------------------------------------------------------------

export async function startBatch(
  deps: Deps,
  actor: Actor | undefined,
  input: { orgId: string; year: number; documents?: BatchDocument[] | undefined; formats: ExportFormat[] },
): Promise<{ jobId: string }> {
  const a = authorize(actor, "business.read");
  const org = await findOrganisation(deps.db, input.orgId);
  if (!org) throw notFound({ zh: "组织机构", en: "organisation" });
  authorize(a, "business.read", { orgPath: org.path });
  const formats = [...new Set(input.formats)];
  if (formats.includes("pdf") && !pdfEngine()) {
    throw new DomainError(
      "invalid_input",
      {
        zh: "本服务器无法生成 PDF：既没有安装 LibreOffice（soffice），也没有中文字体（fonts-noto-cjk）。请只选 xlsx / docx，或请管理员安装其一。",
        en: "This server cannot produce PDF: neither LibreOffice (soffice) nor a CJK font (fonts-noto-cjk) is installed. Choose xlsx / docx only, or ask the administrator to install one.",
      },
      { field: "formats" },
    );
  }
  if (!deps.jobs) {
    throw new DomainError("conflict", {
      zh: "后台任务未运行，无法批量导出",
      en: "Background jobs are not running: batch export is unavailable",
    });
  }
  const payload: BatchPayload = {
    orgId: org.id,
    year: input.year,
    documents: input.documents?.length ? [...new Set(input.documents)] : [...BATCH_DOCUMENTS],
    formats,
    scope: scopeOf(a, "business.read"),
    actor: { accountId: a.accountId, username: a.username },
  };
  // A PDF batch of a large subtree runs long: pg-boss must not take it for lost after its default 15 minutes.
  const jobId = await deps.jobs.enqueue(BATCH_JOB, payload, {
    orgId: org.id,
    createdBy: a.accountId,
    expireInSeconds: 6 * 3600,
  });
  return { jobId };
}

// ---- The job ---------------------------------------------------------------------------------------------

const under = (path: string) => like(organisations.path, likePrefix(path));
const orgColumns = {
  orgId: organisations.id,
  orgPath: organisations.path,
  orgName: organisations.name,
  orgCode: organisations.code,
};

/** The records of the subtree and year for each document asked for, in tree order; the current revisions only. */
async function collect(db: Db, p: BatchPayload, rootPath: string): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  const want = new Set(p.documents);
  if (want.has("project-goals")) {
    const rows = await db
      .select({ id: projects.id, label: projects.name, ...orgColumns })
      .from(projects)
      .innerJoin(organisations, eq(organisations.id, projects.orgId))
      .where(
        and(
          under(rootPath),
          eq(projects.year, p.year),
          // An adjusted project's earlier revision stays frozen; the batch writes the current one.
          sql`NOT EXISTS (SELECT 1 FROM projects later WHERE later.supersedes_id = ${projects.id})`,
        ),
      )
      .orderBy(asc(organisations.path), asc(projects.name), asc(projects.id));
    for (const r of rows) items.push({ ...r, document: "project-goals", type: "project" });
  }
  if (want.has("department-goals")) {
    const rows = await db
      .select({ id: departmentGoals.id, revision: departmentGoals.revision, ...orgColumns })
      .from(departmentGoals)
      .innerJoin(organisations, eq(organisations.id, departmentGoals.orgId))
      .where(
        and(
          under(rootPath),
          eq(departmentGoals.year, p.year),
          sql`NOT EXISTS (SELECT 1 FROM department_goals later WHERE later.org_id = ${departmentGoals.orgId}
                AND later.year = ${departmentGoals.year} AND later.revision > ${departmentGoals.revision})`,
        ),
      )
      .orderBy(asc(organisations.path));
    for (const r of rows)
      items.push({
        ...r,
        label: BATCH_DOCUMENT_NAMES["department-goals"].zh,
        document: "department-goals",
        type: "goal",
      });
  }
  if (want.has("duty-activity-goals")) {
    // One table per organisation: any of its duties of the year names it (the export writes all of them).
    const rows = await db
      .select({ id: sql<string>`min(${duties.id}::text)`, ...orgColumns })
      .from(duties)
      .innerJoin(organisations, eq(organisations.id, duties.orgId))
      .where(and(under(rootPath), eq(duties.year, p.year)))
      .groupBy(organisations.id, organisations.path, organisations.name, organisations.code)
      .orderBy(asc(organisations.path));
    for (const r of rows)
      items.push({
        ...r,
        label: BATCH_DOCUMENT_NAMES["duty-activity-goals"].zh,
        document: "duty-activity-goals",
        type: "duties",
      });
  }
  const kinds = (["department", "project"] as const).filter((k) => want.has(`${k}-self-evaluation`));
  if (kinds.length) {
    const rows = await db
      .select({ id: selfEvaluations.id, kind: selfEvaluations.kind, projectName: projects.name, ...orgColumns })
      .from(selfEvaluations)
      .innerJoin(organisations, eq(organisations.id, selfEvaluations.orgId))
      .leftJoin(projects, eq(projects.id, selfEvaluations.projectId))
      .where(and(under(rootPath), eq(selfEvaluations.year, p.year), inArray(selfEvaluations.kind, kinds)))
      .orderBy(asc(organisations.path), asc(selfEvaluations.kind), asc(projects.name), asc(selfEvaluations.id));
    for (const r of rows) {
      const document = r.kind === "project" ? "project-self-evaluation" : "department-self-evaluation";
      items.push({
        ...r,
        label: r.kind === "project" ? (r.projectName ?? "项目自评") : BATCH_DOCUMENT_NAMES[document].zh,
        document,
        type: "evaluation",
      });
    }
  }
  if (want.has("budget-disclosure")) {
    // One disclosure per department: a budget of the year (current revision) with no budget of the year above it
    // in the subtree (a unit's budget under its department's is a part of the department's disclosure).
    const rows = await db
      .select({ id: departmentBudgets.id, ...orgColumns })
      .from(departmentBudgets)
      .innerJoin(organisations, eq(organisations.id, departmentBudgets.orgId))
      .where(
        and(
          under(rootPath),
          eq(departmentBudgets.year, p.year),
          sql`NOT EXISTS (SELECT 1 FROM department_budgets later WHERE later.org_id = ${departmentBudgets.orgId}
                AND later.year = ${departmentBudgets.year} AND later.revision > ${departmentBudgets.revision})`,
          sql`NOT EXISTS (SELECT 1 FROM department_budgets above JOIN organisations ao ON ao.id = above.org_id
                WHERE above.year = ${departmentBudgets.year} AND ao.id <> ${organisations.id}
                AND starts_with(ao.path, ${rootPath}) AND starts_with(${organisations.path}, ao.path))`,
        ),
      )
      .orderBy(asc(organisations.path));
    for (const r of rows)
      items.push({
        ...r,
        label: BATCH_DOCUMENT_NAMES["budget-disclosure"].zh,
        document: "budget-disclosure",
        type: "budget",
      });
  }
  if (want.has("monitoring-records")) {
    // Every monitoring record of the year in the subtree (of every round: 1–6月, 1–9月…), project and department.
    const rows = await db
      .select({
        id: monitoringRecords.id,
        projectName: sql<string>`coalesce(${projects.name}, ${DEPARTMENT_RECORD_NAME})`,
        cutoffMonth: monitoringRounds.cutoffMonth,
        ...orgColumns,
      })
      .from(monitoringRecords)
      .innerJoin(organisations, eq(organisations.id, monitoringRecords.orgId))
      .innerJoin(monitoringRounds, eq(monitoringRounds.id, monitoringRecords.roundId))
      .leftJoin(projects, eq(projects.id, monitoringRecords.projectId))
      .where(and(under(rootPath), eq(monitoringRecords.year, p.year)))
      .orderBy(asc(organisations.path), asc(monitoringRounds.cutoffMonth), sql`${projects.name} NULLS FIRST`);
    for (const r of rows)
      items.push({
        ...r,
        label: `${r.projectName}（1–${r.cutoffMonth}月）`,
        document: "monitoring-records",
        type: "monitoring",
      });
  }
  // Defence in depth: the starter could read the whole subtree when the job started; keep to that scope.
  return items
    .filter((i) => inScope(p.scope, i.orgPath))
    .sort((x, y) => (x.orgPath < y.orgPath ? -1 : x.orgPath > y.orgPath ? 1 : 0));
}

const gone = (item: BatchItem) =>
  new DomainError("not_found", {
    zh: `「${item.label}」已被删除`,
    en: `"${item.label}" has been deleted`,
  });

/** Projects are read this many at a time (three queries for the lot instead of three per project). */
const PROJECTS_PER_READ = 100;

/**
 * The stored documents of the batch's projects, read a slice at a time just ahead of the writers: `get(at)` reads
 * the slice from item `at` on when its project has not been read yet. A project deleted since the batch was
 * collected has no document (`gone`).
 */
function projectReader(db: Db, items: BatchItem[]) {
  const read = new Map<string, RecordDocument | null>();
  return async (at: number): Promise<ImportedDocument> => {
    const item = items[at]!;
    if (!read.has(item.id)) {
      const ids: string[] = [];
      for (let i = at; i < items.length && ids.length < PROJECTS_PER_READ; i++)
        if (items[i]!.type === "project" && !read.has(items[i]!.id)) ids.push(items[i]!.id);
      const docs = await projectDocuments(db, await findProjects(db, ids));
      for (const id of ids) read.set(id, docs.get(id) ?? null);
    }
    const doc = read.get(item.id);
    // What is written is let go (a province's documents are not all kept in memory).
    read.delete(item.id);
    if (!doc) throw gone(item);
    return doc.document;
  };
}

async function documentOf(
  db: Db,
  item: BatchItem & { type: Exclude<ExportType, "project"> },
): Promise<ImportedDocument> {
  switch (item.type) {
    case "goal": {
      const r = await findGoal(db, item.id);
      if (!r) throw gone(item);
      return (await goalDocument(db, r)).document;
    }
    case "evaluation": {
      const r = await findEvaluation(db, item.id);
      if (!r) throw gone(item);
      return scoredEvaluationDocument(db, r);
    }
    case "duties": {
      const r = await findDuty(db, item.id);
      if (!r) throw gone(item);
      return (await dutyTableDocument(db, r)).document;
    }
    case "budget": {
      const r = await findBudget(db, item.id);
      if (!r) throw gone(item);
      return budgetDisclosureDocument(db, r);
    }
  }
}

/** A folder per organisation: its name, with its code when two organisations of the batch share a name. */
function folderNames(items: BatchItem[]): Map<string, string> {
  const byName = new Map<string, Set<string>>();
  for (const i of items) byName.set(i.orgName, (byName.get(i.orgName) ?? new Set()).add(i.orgId));
  const out = new Map<string, string>();
  for (const i of items) {
    const shared = (byName.get(i.orgName)?.size ?? 0) > 1;
    out.set(i.orgId, safeFileName(shared ? `${i.orgName}（${i.orgCode}）` : i.orgName, "x").replace(/\.x$/, ""));
  }
  return out;
}

function fileStem(item: BatchItem): string {
  const form = BATCH_DOCUMENT_NAMES[item.document].zh;
  return item.type === "project" || item.type === "monitoring" || item.document === "project-self-evaluation"
    ? `${item.label}-${form}`
    : form;
}

function errorOf(e: unknown): { message: string; messageEn: string } {
  if (e instanceof DomainError) return { message: e.text.zh, messageEn: e.text.en };
  return { message: "写出文书时发生内部错误", messageEn: "An internal error occurred while writing the document" };
}

/**
 * The writer pool of this process, shared by its batch jobs and kept between them (its idle workers do not keep the
 * process alive): a worker's start — loading the writers — is paid once, not per batch. Made again when
 * JIXIAO_EXPORT_WORKERS changes.
 */
let writers: WriterPool | undefined;
const IN_THREAD = writerPool(0);
function sharedWriters(): WriterPool {
  const size = writerPoolSize();
  if (writers?.size !== size) {
    void writers?.close();
    writers = writerPool(size);
  }
  return writers;
}

export function registerBatchExportJobs(queue: JobQueue, db: Db, logError: (e: unknown) => void = () => {}): void {
  queue.register<BatchPayload>(BATCH_JOB, async ({ id, payload: p, progress }) => {
    // What has outlived its keeping period goes before a new zip is made (besides the hourly sweep).
    await sweepExpired(db, new Date());
    const org = await findOrganisation(db, p.orgId);
    if (!org) throw notFound({ zh: "组织机构", en: "organisation" });
    await progress(0, undefined, "查找文书 / finding the documents");
    const items = await collect(db, p, org.path);
    const total = items.length * p.formats.length;
    const folders = folderNames(items);
    const entries: { path: string; data: Uint8Array }[] = [];
    const sources: Omit<BatchResult["files"][number], "path">[] = [];
    const errors: BatchError[] = [];
    const byDocument: BatchResult["counts"]["byDocument"] = {};
    let done = 0;
    await progress(0, total, total ? undefined : "没有可导出的文书 / nothing to export");
    // Each record's data is read here (it needs the store) and handed to a pool of worker threads that lay out its
    // pages and write them as xlsx and docx (issue 14: a province's batch on every core; this thread only reads,
    // hands out and zips). PDF goes through LibreOffice or pdfmake here as before; the monitoring form is laid out
    // here (it reads the store) and written by the pool. Each file's outcome goes into its slot, so the zip, its
    // order and the result are the same as writing one by one.
    const pool = total > 1 ? sharedWriters() : IN_THREAD;
    const pooled = p.formats.filter((f): f is PoolFormat => f !== "pdf");
    const outcomes: Written[] = new Array(total);
    const inFlight = new Set<Promise<void>>();
    // Progress is written in the order the files finish, one update at a time, at most every PROGRESS_EVERY_MS
    // (an UPDATE per file was a large part of a province's batch); the last file's always.
    let reported: Promise<void> = Promise.resolve();
    let reportedAt = 0;
    const finished = (message: string) => {
      const d = ++done;
      const now = Date.now();
      if (d < total && now - reportedAt < PROGRESS_EVERY_MS) return reported;
      reportedAt = now;
      reported = reported.then(() => progress(d, total, message));
      return reported;
    };
    // Records handed out and not yet written: enough for the workers to go on while this thread reads the next
    // hundred projects from the store.
    const limit = Math.max(2, pool.size * 16);
    const settle = (write: () => Promise<Uint8Array>): Promise<Written> =>
      write().then(
        (data) => ({ data }),
        (error: unknown) => ({ error }),
      );
    /** Every format of one record, in `p.formats` order: xlsx and docx in one message to the pool, PDF here. */
    const writeRecord = async (item: BatchItem, source: ImportedDocument | WDocument): Promise<Written[]> => {
      const layout = LAYOUT_OF[item.document as Exclude<BatchDocument, "monitoring-records">];
      // The monitoring form comes laid out; a stored record's document is laid out where it is written.
      const page = () =>
        item.type === "monitoring" ? (source as WDocument) : formPage(source as ImportedDocument, layout);
      const written =
        item.type === "monitoring"
          ? await Promise.all(pooled.map((f) => settle(() => pool.write(page(), f))))
          : await pool
              .writeForm(source as ImportedDocument, layout, pooled)
              .catch((error: unknown) => pooled.map((): Written => ({ error })));
      let k = 0;
      return Promise.all(
        p.formats.map((f) => (f === "pdf" ? settle(async () => writeAs(page(), "pdf")) : written[k++]!)),
      );
    };
    try {
      let slot = 0;
      const projectDocument = projectReader(db, items);
      for (const [at, item] of items.entries()) {
        const first = slot;
        slot += p.formats.length;
        // The store is read here, one record after another (projects a hundred at a time, ahead of the writers).
        let read: { source: ImportedDocument | WDocument } | { error: unknown };
        try {
          read = {
            source:
              item.type === "monitoring"
                ? await monitoringFormPage(db, item.id, () => gone(item))
                : item.type === "project"
                  ? await projectDocument(at)
                  : await documentOf(db, { ...item, type: item.type }),
          };
        } catch (error) {
          read = { error };
        }
        const task = (async () => {
          const written =
            "source" in read ? await writeRecord(item, read.source) : p.formats.map((): Written => ({ ...read }));
          for (const [k, format] of p.formats.entries()) {
            outcomes[first + k] = written[k]!;
            await finished(`${item.orgName} · ${item.label}（${format}）`);
          }
        })();
        inFlight.add(task);
        void task.then(
          () => inFlight.delete(task),
          () => {},
        );
        while (inFlight.size >= limit) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    } finally {
      // A failed progress update fails the job once the files still being written are done.
      await Promise.allSettled(inFlight);
    }
    let slot = 0;
    for (const item of items) {
      const where = {
        organisation: item.orgName,
        document: BATCH_DOCUMENT_NAMES[item.document].zh,
        record: item.label,
      };
      for (const format of p.formats) {
        const out = outcomes[slot++]!;
        if ("data" in out) {
          entries.push({ path: `${folders.get(item.orgId)}/${safeFileName(fileStem(item), format)}`, data: out.data });
          sources.push({ organisation: item.orgName, document: item.document, type: item.type, id: item.id });
          byDocument[item.document] = (byDocument[item.document] ?? 0) + 1;
        } else {
          if (!(out.error instanceof DomainError)) logError(out.error);
          errors.push({ ...where, format, ...errorOf(out.error) });
        }
      }
    }
    const manifest = [
      `${org.name} ${p.year} 年度 批量导出 / batch export`,
      `文书 documents: ${p.documents.map((d) => BATCH_DOCUMENT_NAMES[d].zh).join("、")}`,
      `格式 formats: ${p.formats.join(", ")}`,
      `文件 files: ${entries.length}；错误 errors: ${errors.length}`,
      "",
    ];
    const extra: { path: string; data: string }[] = [];
    if (errors.length) {
      extra.push({
        path: "errors.txt",
        data: `${errors
          .map(
            (e) =>
              `${e.organisation} / ${e.document} / ${e.record} / ${e.format}\r\n  ${e.message}\r\n  ${e.messageEn}`,
          )
          .join("\r\n")}\r\n`,
      });
    }
    const paths = zipPaths(entries.map((e) => e.path));
    manifest.push(...paths);
    const zip = writeZip([
      ...entries.map((e, i) => ({ path: paths[i]!, data: e.data })),
      ...extra,
      { path: "清单.txt", data: `${manifest.join("\r\n")}\r\n` },
    ]).data;
    if (zip.length > MAX_BATCH_ZIP_BYTES) {
      throw new DomainError("invalid_input", {
        zh: `压缩包过大（${Math.round(zip.length / 1048576)} MB，上限 ${MAX_BATCH_ZIP_BYTES / 1048576} MB），请缩小范围（下级单位或少选文书、格式）`,
        en: `The zip is too large (${Math.round(zip.length / 1048576)} MB, at most ${MAX_BATCH_ZIP_BYTES / 1048576} MB): export a narrower range (a sub-unit, fewer documents or formats)`,
      });
    }
    const sha256 = createHash("sha256").update(zip).digest("hex");
    const result: BatchResult = {
      orgId: org.id,
      orgName: org.name,
      year: p.year,
      documents: p.documents,
      formats: p.formats,
      counts: { records: items.length, files: entries.length, errors: errors.length, byDocument },
      zip: { fileName: safeFileName(`${org.name}-${p.year}年度-批量导出`, "zip"), size: zip.length, sha256 },
      files: sources.map((s, i) => ({ path: paths[i]!, ...s })),
      errors,
    };
    return new JobOutcome(
      result,
      async (tx) => {
        await recordAudit(tx, {
          actor: p.actor,
          orgId: org.id,
          action: "export.batch",
          entityType: "job",
          entityId: id,
          details: {
            year: p.year,
            documents: p.documents,
            formats: p.formats,
            counts: result.counts,
            zip: result.zip,
          },
        });
      },
      zip,
    );
  });
}

// ---- Reading a batch -------------------------------------------------------------------------------------

export interface BatchView {
  id: string;
  state: JobState;
  done: number;
  total: number | null;
  message: string | null;
  result: BatchResult | null;
  error: unknown;
  createdAt: string;
  finishedAt: string | null;
}

/** The batch job when the actor started it (404 otherwise: another's job is not revealed), without the zip. */
async function batchFor(db: Db, actor: Actor | undefined, jobId: string) {
  const a = requireActor(actor);
  const [row] = await db
    .select({
      id: jobs.id,
      state: jobs.state,
      done: jobs.done,
      total: jobs.total,
      message: jobs.message,
      result: sql<BatchResult | null>`${jobs.result}`,
      error: jobs.error,
      createdBy: jobs.createdBy,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.name, BATCH_JOB)))
    .limit(1);
  if (!row || row.createdBy !== a.accountId) throw notFound(JOB);
  return row;
}

export async function getBatch(deps: Deps, actor: Actor | undefined, jobId: string): Promise<BatchView> {
  const row = await batchFor(deps.db, actor, jobId);
  return {
    id: row.id,
    state: row.state,
    done: row.done,
    total: row.total,
    message: row.message,
    result: row.result ?? null,
    error: row.error ?? null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function getBatchFile(
  deps: Deps,
  actor: Actor | undefined,
  jobId: string,
): Promise<{ data: Uint8Array; fileName: string }> {
  const row = await batchFor(deps.db, actor, jobId);
  if (row.state !== "completed" || !row.result) {
    throw new DomainError(
      "conflict",
      row.state === "failed"
        ? { zh: "导出任务失败，没有压缩包", en: "The export job failed: there is no zip" }
        : {
            zh: `导出尚未完成（${row.done}/${row.total ?? "?"}），请稍后再下载`,
            en: `The export is not finished yet (${row.done}/${row.total ?? "?"}): download it when it is`,
          },
    );
  }
  const expired = row.finishedAt && row.finishedAt.getTime() + BATCH_KEEP_MS <= deps.now().getTime();
  const data = expired ? undefined : await findJobFile(deps.db, jobId);
  if (!data) {
    throw new DomainError("not_found", {
      zh: "压缩包已超过保留期限（任务完成后 7 天）被删除，请重新导出",
      en: "The zip was deleted after its keeping period (7 days after the job finished): start the export again",
    });
  }
  return { data, fileName: row.result.zip.fileName };
}
