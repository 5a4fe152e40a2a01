/**
 * Import use-cases: upload → stored preview → commit (one transaction, audited with the file's SHA-256).
 * Authorised on the chosen organisation (business.write to upload and commit, business.read to look).
 * A file already committed into the same organisation and year is not committed again: the answer says so.
 */

import { DomainError } from "@jixiao/core";
import type { ImportResult } from "@jixiao/core/model";
import { and, eq, getTableColumns, ne } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { authorize } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { lockDepartmentYear } from "../evaluations/department-once.ts";
import type { Deps } from "../http/context.ts";
import { notFound, ServerError } from "../http/errors.ts";
import type { JobQueue } from "../jobs/queue.ts";
import { writableOrganisation } from "../orgs/access.ts";
import { findOrganisation } from "../orgs/repository.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { assertOpenYear } from "../years/guard.ts";
import { commitPlan } from "./commit.ts";
import { type Plan, planImport, unitsOf } from "./plan.ts";
import { type ImportView, presentImport } from "./presenters.ts";
import { readUpload } from "./read.ts";
import { discardUpload, type Received, type ReceiveOptions, storedUpload } from "./receive.ts";
import { type ImportRow, imports } from "./schema.ts";
import { createUnitOrgs, mapUnits } from "./units.ts";

/** The upload limit: the readers' own limit on a file (50 MB). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const IMPORT_JOB = "import.read";
const IMPORT = { zh: "导入", en: "import" };

export function tooLarge(size: number): ServerError {
  return new ServerError("file_too_large", {
    zh: `文件过大（${(size / 1048576).toFixed(1)} MB），上限为 ${MAX_UPLOAD_BYTES / 1048576} MB`,
    en: `The file is too large (${(size / 1048576).toFixed(1)} MB); the limit is ${MAX_UPLOAD_BYTES / 1048576} MB`,
  });
}

function unrecognised(result: ImportResult, file: string): ServerError {
  const p = result.problems.find((x) => x.code === "unknown_layout");
  return new ServerError(
    "unrecognised_document",
    {
      zh: p?.message ?? "无法识别文件中的表格类型",
      en: p?.messageEn ?? "No kind of document was recognised in the file",
    },
    { location: p?.location ?? { file }, details: result.problems.filter((x) => x.severity === "error") },
  );
}

/** The columns of an import but the stored result and file (several MB for a large file): for RETURNING. */
const { result: _result, source: _source, ...withoutDocument } = getTableColumns(imports);

async function findImport(db: Db, id: string): Promise<ImportRow | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id)).limit(1);
  return row;
}

/** The import with its organisation path, when the actor holds `permission` there (404 / 403 otherwise). */
async function importFor(db: Db, actor: Actor | undefined, id: string, permission: "business.read" | "business.write") {
  const row = await findImport(db, id);
  const org = row ? await findOrganisation(db, row.orgId) : undefined;
  if (!row || !org) {
    authorize(actor, "business.read");
    throw notFound(IMPORT);
  }
  const a = authorize(actor, permission, { orgPath: org.path });
  return { row, org, actor: a };
}

/** The earlier commit of the same file into the same organisation and year, if any. */
async function committedTwin(db: Db, row: Pick<ImportRow, "orgId" | "year" | "sha256" | "id">) {
  const [twin] = await db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.orgId, row.orgId),
        eq(imports.year, row.year),
        eq(imports.sha256, row.sha256),
        eq(imports.state, "committed"),
        ne(imports.id, row.id),
      ),
    )
    .limit(1);
  return twin;
}

export interface UploadInput {
  orgId: string;
  year: number;
  /**
   * Reads the file, called once the actor is authorised on the organisation and year (nothing of the body is read
   * before): kept in memory up to `spillAbove`, written to storage past it (imports/receive.ts).
   */
  receive(options: ReceiveOptions): Promise<Received>;
}

const emptyFile = (name: string) =>
  new DomainError("invalid_input", { zh: "上传的文件是空的", en: "The uploaded file is empty" }, { file: name });

export async function uploadImport(
  deps: Deps,
  actor: Actor | undefined,
  input: UploadInput,
): Promise<{ status: 201 | 202; view: ImportView }> {
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
  const queue = deps.jobs;
  const file = await input.receive({
    db: deps.db,
    spillAbove: queue ? deps.settings.importSyncBytes : undefined,
    maxBytes: MAX_UPLOAD_BYTES,
    tooLarge,
  });
  const base = {
    orgId: org.id,
    year: input.year,
    fileName: file.name,
    sha256: file.sha256,
    size: file.size,
    createdBy: a.accountId,
    createdAt: deps.now(),
  };

  if (file.uploadId !== undefined) {
    // Large: the file is in storage already; a job reads it (imports never wait behind batch exports).
    const uploadId = file.uploadId;
    let row: ImportRow;
    try {
      row = await transact(deps.db, async (tx) => {
        const [r] = await tx
          .insert(imports)
          .values({ ...base, id: uploadId, state: "reading" })
          .returning();
        await audit(tx, a, r!, "import.upload", deps.now());
        return r!;
      });
    } catch (e) {
      await discardUpload(deps.db, uploadId);
      throw e;
    }
    let jobId: string;
    try {
      jobId = await queue!.enqueue(IMPORT_JOB, { importId: row.id }, { orgId: org.id, createdBy: a.accountId });
    } catch (e) {
      // Refused by the job quota (429): the import says why, and its stored file goes at once.
      await failImport(deps.db, row.id, e);
      throw e;
    }
    await deps.db.update(imports).set({ jobId }).where(eq(imports.id, row.id));
    return { status: 202, view: presentImport({ ...row, jobId, source: null }, undefined) };
  }

  if (file.size === 0) throw emptyFile(file.name);
  const result = await readUpload(file.bytes, file.name);
  if (result.kind === null) throw unrecognised(result, file.name);
  const plan = await previewPlan(deps.db, org, input.year, result);
  const row = await transact(deps.db, async (tx) => {
    const [r] = await tx
      .insert(imports)
      .values({ ...base, state: "preview", result, plan })
      .returning(withoutDocument);
    const stored: ImportRow = { ...r!, result, source: null };
    await audit(tx, a, stored, "import.upload", deps.now());
    return stored;
  });
  return { status: 201, view: presentImport(row, await committedTwin(deps.db, row)) };
}

/** An import whose reading failed: its error kept for the UI, its stored file removed. */
async function failImport(db: Db, id: string, e: unknown) {
  const error =
    e instanceof DomainError
      ? {
          code: e instanceof ServerError ? e.apiCode : e.code,
          message: e.text.zh,
          messageEn: e.text.en,
          location: e.location ?? null,
        }
      : { code: "internal", message: "读取失败", messageEn: "The reading failed", location: null };
  await transact(db, async (tx) => {
    await tx.update(imports).set({ state: "failed", error, source: null }).where(eq(imports.id, id));
    await discardUpload(tx, id);
  });
}

/** The plan a preview shows: where each unit goes (nothing created yet) and what happens to each record. */
async function previewPlan(db: Db, org: OrganisationRow, year: number, result: ImportResult): Promise<Plan> {
  const docUnits = unitsOf(result.document);
  const units = await mapUnits(db, org, docUnits);
  return { units, items: await planImport(db, { orgId: org.id, year }, result.document, units, docUnits) };
}

async function audit(tx: Db, a: Actor, row: ImportRow, action: string, at: Date, details: object = {}) {
  await recordAudit(tx, {
    actor: a,
    orgId: row.orgId,
    action,
    entityType: "import",
    entityId: row.id,
    details: { fileName: row.fileName, sha256: row.sha256, size: row.size, year: row.year, ...details },
    at,
  });
}

/** The background reading of a large upload, with progress in the jobs table. */
export function registerImportJobs(queue: JobQueue, db: Db): void {
  queue.register<{ importId: string }>(IMPORT_JOB, async ({ payload, progress }) => {
    const row = await findImport(db, payload.importId);
    if (row?.state !== "reading") return { importId: payload.importId, state: row?.state };
    await progress(0, 3, "读取文件 / reading the file");
    try {
      // Files stored before uploads were streamed wait in `source`; newer ones in `upload_chunks`.
      const bytes = row.source ?? (await storedUpload(db, row.id));
      if (!bytes) {
        throw new DomainError("invalid_input", {
          zh: "上传的文件未能完整保存，请重新上传",
          en: "The uploaded file was not stored whole: upload it again",
        });
      }
      const result = await readUpload(bytes, row.fileName);
      if (result.kind === null) throw unrecognised(result, row.fileName);
      await progress(1, 3, "比对已有记录 / comparing with existing records");
      const org = await findOrganisation(db, row.orgId);
      if (!org) throw notFound({ zh: "组织机构", en: "organisation" });
      const plan = await previewPlan(db, org, row.year, result);
      await progress(2, 3, "保存预览 / storing the preview");
      await transact(db, async (tx) => {
        await tx.update(imports).set({ state: "preview", result, plan, source: null }).where(eq(imports.id, row.id));
        await discardUpload(tx, row.id);
      });
      await progress(3, 3);
      return { importId: row.id, state: "preview" };
    } catch (e) {
      await failImport(db, row.id, e);
      throw e;
    }
  });
}

export async function getImport(deps: Deps, actor: Actor | undefined, id: string): Promise<ImportView> {
  const { row } = await importFor(deps.db, actor, id, "business.read");
  return presentImport(row, await committedTwin(deps.db, row));
}

export interface CommitInput {
  /** Document unit (name or code) → organisation id, overriding the matching (units.ts). */
  unitOrgs?: Record<string, string> | undefined;
}

export async function commitImport(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: CommitInput = {},
): Promise<{ unchanged: boolean; message: string; messageEn: string; import: ImportView }> {
  const { row, org, actor: a } = await importFor(deps.db, actor, id, "business.write");
  await assertOpenYear(deps.db, row.year);
  const same = (view: ImportView) => ({
    unchanged: true,
    message: "同一文件已导入过该单位和年度，本次未作任何改动",
    messageEn: "This file was already imported into this organisation and year: nothing was changed",
    import: view,
  });
  if (row.state === "committed") return same(presentImport(row, undefined));
  if (row.state !== "preview" || !row.result) {
    throw new DomainError("conflict", {
      zh: row.state === "reading" ? "文件仍在读取中，请稍后再提交" : "文件未能读取，不能提交",
      en:
        row.state === "reading"
          ? "The file is still being read: commit later"
          : "The file could not be read: nothing to commit",
    });
  }
  const result = row.result as ImportResult;
  try {
    return await transact(deps.db, async (tx) => {
      const twin = await committedTwin(tx, row);
      if (twin) return same(presentImport(row, twin));
      const target = { orgId: row.orgId, year: row.year };
      const meta = { now: deps.now(), actor: a, importId: row.id, fileName: row.fileName };
      const docUnits = unitsOf(result.document);
      const units = await mapUnits(tx, org, docUnits, input.unitOrgs ?? {}, a);
      await createUnitOrgs(tx, org, units, docUnits, meta);
      // A document holding the 部门整体 self-evaluation: its year is locked before the plan looks for one, so that
      // the plan's answer holds until the commit ends. One there is updated (skipped once submitted), as the preview
      // said: the officer imports the year's 自评表 again to bring the draft up to date, not to make a second one.
      if (result.document.departmentSelfEvaluation ?? result.document.departmentExpenditureEvaluation) {
        await lockDepartmentYear(tx, target.orgId, target.year);
      }
      const items = await planImport(tx, target, result.document, units, docUnits);
      const created = await commitPlan(tx, target, result.document, items, { ...meta, units, docUnits });
      const plan: Plan = { units, items };
      // The stored result (several MB for a large file) is not read back: the row in hand has it.
      const [changed] = await tx
        .update(imports)
        .set({ state: "committed", plan, created, committedAt: deps.now() })
        .where(and(eq(imports.id, row.id), eq(imports.state, "preview")))
        .returning(withoutDocument);
      const after: ImportRow | undefined = changed && { ...changed, result: row.result, source: null };
      if (!after) throw new DomainError("conflict", { zh: "该导入已被提交", en: "This import was committed already" });
      await audit(tx, a, after, "import.commit", deps.now(), {
        created: {
          organisations: created.organisations.length,
          projects: created.projects.length,
          duties: created.duties.length,
          evaluations: created.evaluations.length,
          budgets: created.budgets.length,
        },
        updated: created.updated.length,
        skipped: created.skipped.length,
      });
      return {
        unchanged: false,
        message: "已导入",
        messageEn: "Imported",
        import: presentImport(after, undefined),
      };
    });
  } catch (e) {
    // Two commits of the same file at once: the unique index lets one through; the other changed nothing.
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) {
      const now = await findImport(deps.db, id);
      return same(presentImport(now ?? row, now ? await committedTwin(deps.db, now) : undefined));
    }
    throw e;
  }
}
