/**
 * Publishing (an explicit act of an approver or reviewer on an APPROVED record) and withdrawing, both audited;
 * and the public reading of what is published — never anything else.
 *
 * What is published is frozen byte for byte: the normalised document (its SHA-256 over canonical JSON recorded as
 * `snapshotSha256`) and the xlsx and docx rendered at publication, kept in the row's `files` (base64 beside
 * each file's name, size and SHA-256) and served as they are — the writers stamp the time into a file, so
 * rendering again would give other bytes. A PDF is rendered at its first download (from the published docx,
 * through LibreOffice, or from the snapshot with pdfmake) and kept the same way.
 */
import { createHash } from "node:crypto";
import { DomainError } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import {
  CONTENT_TYPES,
  chooseLayout,
  convertWithLibreOffice,
  type ExportFormat,
  exportFileName,
  pdfEngine,
} from "@jixiao/documents";
import { and, desc, eq, ilike, isNull, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { authorize } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { budgetFor } from "../budgets/department.service.ts";
import { budgetDisclosureDocument } from "../budgets/disclosure.ts";
import { PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { scoredEvaluationDocument } from "../evaluations/document.ts";
import { evaluationFor } from "../evaluations/evaluations.service.ts";
import { exportStored } from "../exports/units.ts";
import { goalFor } from "../goals/goals.service.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { projectFor } from "../projects/projects.service.ts";
import { goalDocument, projectDocument } from "../review/documents.ts";
import { type PublicationRow, publications } from "./schema.ts";

export const PUBLISH_TYPES = ["project", "goal", "evaluation", "budget"] as const;
export type PublishType = (typeof PUBLISH_TYPES)[number];
const PUBLICATION = { zh: "公开文件", en: "publication" };

/** The record (as the reviewer may see it) and its normalised document: the one thing each type does its own way. */
async function recordAndDocument(db: Db, actor: Actor | undefined, type: PublishType, id: string) {
  switch (type) {
    case "project": {
      const r = await projectFor(db, actor, id, "business.review");
      return { record: r, document: async () => (await projectDocument(db, r)).document };
    }
    case "goal": {
      const r = await goalFor(db, actor, id, "business.review");
      return { record: r, document: async () => (await goalDocument(db, r)).document };
    }
    case "evaluation": {
      const r = await evaluationFor(db, actor, id, "business.review");
      return { record: r, document: () => scoredEvaluationDocument(db, r) };
    }
    case "budget": {
      const r = await budgetFor(db, actor, id, "business.review");
      return { record: r, document: () => budgetDisclosureDocument(db, r) };
    }
  }
}

async function approvedRecord(db: Db, actor: Actor | undefined, type: PublishType, id: string) {
  const { record, document } = await recordAndDocument(db, actor, type, id);
  if (record.workflowState !== "approved") {
    throw new DomainError("conflict", {
      zh: "只有审核通过的版本才能公开",
      en: "Only an approved version can be published",
    });
  }
  return { record, document: await document() };
}

/** A published file as stored: its bytes (base64) beside what the public sees of it. */
interface StoredFile {
  fileName: string;
  size: number;
  sha256: string;
  base64?: string;
}
/** The `files` column: the formats, and the snapshot's hash under a key no format has. */
type StoredFiles = Partial<Record<ExportFormat, StoredFile>> & { snapshot?: { sha256: string } };

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** JSON with object keys sorted at every level: the same document gives the same text, whatever stored it. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** The SHA-256 of a normalised document's canonical JSON (what `snapshotSha256` records). */
export function snapshotHash(document: unknown): string {
  return sha256(canonicalJson(document));
}

export interface PublicationView {
  id: string;
  type: PublishType;
  entityId: string;
  entityVersion: number;
  orgId: string;
  orgName: string;
  year: number;
  title: string;
  files: Record<string, { fileName: string; size: number; sha256: string }>;
  /** SHA-256 of the published document's canonical JSON (`canonicalJson`). */
  snapshotSha256: string | null;
  publishedAt: string;
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

function present(row: PublicationRow, orgName: string): PublicationView {
  const stored = row.files as StoredFiles;
  const files: PublicationView["files"] = {};
  for (const [format, f] of Object.entries(stored)) {
    if (format === "snapshot" || !f || !("fileName" in f)) continue;
    files[format] = { fileName: f.fileName, size: f.size, sha256: f.sha256 };
  }
  return {
    id: row.id,
    type: row.entityType as PublishType,
    entityId: row.entityId,
    entityVersion: row.entityVersion,
    orgId: row.orgId,
    orgName,
    year: row.year,
    title: row.title,
    files,
    snapshotSha256: stored.snapshot?.sha256 ?? null,
    publishedAt: row.publishedAt.toISOString(),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawReason: row.withdrawReason,
  };
}

export async function publish(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  input: { type: PublishType; id: string },
): Promise<PublicationView> {
  const { record, document } = await approvedRecord(deps.db, actor, input.type, input.id);
  const a = authorize(actor, "business.review", { orgPath: record.orgPath });
  const files: StoredFiles = { snapshot: { sha256: snapshotHash(document) } };
  for (const format of ["xlsx", "docx"] as const) {
    const f = await exportStored(document, { format });
    files[format] = {
      fileName: f.fileName,
      size: f.data.length,
      sha256: sha256(f.data),
      base64: Buffer.from(f.data).toString("base64"),
    };
  }
  const title =
    document.title ??
    document.projects[0]?.name ??
    (input.type === "evaluation" ? `${record.orgName}${record.year}年度部门整体绩效自评` : record.orgName);
  try {
    return await transact(deps.db, async (tx) => {
      const [row] = await tx
        .insert(publications)
        .values({
          entityType: input.type,
          entityId: input.id,
          entityVersion: record.version,
          orgId: record.orgId,
          year: record.year,
          title,
          document,
          files,
          publishedBy: a.accountId,
          publishedAt: deps.now(),
        })
        .returning();
      await recordAudit(tx, {
        actor: a,
        orgId: record.orgId,
        action: "publication.publish",
        entityType: input.type,
        entityId: input.id,
        after: { publication: row!.id, version: record.version, ...presentFiles(files) },
        at: deps.now(),
      });
      return present(row!, record.orgName);
    });
  } catch (e) {
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) {
      throw new DomainError("conflict", { zh: "该版本已公开", en: "This version is already published" });
    }
    throw e;
  }
}

export async function withdraw(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  reason: string,
): Promise<PublicationView> {
  const [row] = await deps.db.select().from(publications).where(eq(publications.id, id)).limit(1);
  const org = row ? await findOrganisation(deps.db, row.orgId) : undefined;
  if (!row || !org) {
    authorize(actor, "business.read");
    throw notFound(PUBLICATION);
  }
  const a = authorize(actor, "business.review", { orgPath: org.path });
  return transact(deps.db, async (tx) => {
    const [after] = await tx
      .update(publications)
      .set({ withdrawnAt: deps.now(), withdrawnBy: a.accountId, withdrawReason: reason })
      .where(and(eq(publications.id, id), isNull(publications.withdrawnAt)))
      .returning();
    if (!after) throw new DomainError("conflict", { zh: "已撤回", en: "Already withdrawn" });
    await recordAudit(tx, {
      actor: a,
      orgId: row.orgId,
      action: "publication.withdraw",
      entityType: row.entityType,
      entityId: row.entityId,
      before: { publication: id },
      details: { reason },
      at: deps.now(),
    });
    return present(after, org.name);
  });
}

// ---- The public side: published and not withdrawn, nothing else ------------------------------------------

export async function publicList(db: Db, q: { orgId?: string; year?: number; q?: string }): Promise<PublicationView[]> {
  const conds: SQL[] = [isNull(publications.withdrawnAt)];
  if (q.orgId) conds.push(eq(publications.orgId, q.orgId));
  if (q.year) conds.push(eq(publications.year, q.year));
  if (q.q) conds.push(ilike(organisations.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const rows = await db
    .select({ p: publications, orgName: organisations.name })
    .from(publications)
    .innerJoin(organisations, eq(organisations.id, publications.orgId))
    .where(and(...conds))
    .orderBy(desc(publications.year), organisations.name, publications.title)
    .limit(500);
  return rows.map((r) => present(r.p, r.orgName));
}

export async function publicOne(db: Db, id: string): Promise<{ view: PublicationView; document: ImportedDocument }> {
  const [r] = await db
    .select({ p: publications, orgName: organisations.name })
    .from(publications)
    .innerJoin(organisations, eq(organisations.id, publications.orgId))
    .where(and(eq(publications.id, id), isNull(publications.withdrawnAt)))
    .limit(1);
  if (!r) throw notFound(PUBLICATION);
  return { view: present(r.p, r.orgName), document: r.p.document as ImportedDocument };
}

function presentFiles(files: StoredFiles) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(files)) {
    if (v && "base64" in v) {
      const { base64: _bytes, ...rest } = v;
      out[k] = rest;
    } else out[k] = v;
  }
  return { files: out };
}

/**
 * A published file: the bytes kept at publication (xlsx, docx) or at the first download (PDF), so that every
 * download is the file whose SHA-256 the publication records. Publications made before the bytes were kept
 * are rendered from their frozen document.
 */
export async function publicFile(
  db: Db,
  id: string,
  format: ExportFormat,
): Promise<{ data: Uint8Array; fileName: string; contentType: string }> {
  const { document } = await publicOne(db, id);
  const [row] = await db.select({ files: publications.files }).from(publications).where(eq(publications.id, id));
  const stored = (row?.files ?? {}) as StoredFiles;
  const kept = stored[format];
  if (kept?.base64) {
    return {
      data: new Uint8Array(Buffer.from(kept.base64, "base64")),
      fileName: kept.fileName,
      contentType: CONTENT_TYPES[format],
    };
  }
  if (format !== "pdf") return exportStored(document, { format });
  // The PDF of the published docx when LibreOffice converts it (the same pages), else drawn from the snapshot.
  const docx = stored.docx?.base64;
  const data =
    docx && pdfEngine() === "libreoffice"
      ? await convertWithLibreOffice(new Uint8Array(Buffer.from(docx, "base64")))
      : (await exportStored(document, { format: "pdf" })).data;
  const pdf: StoredFile = {
    fileName:
      stored.docx?.fileName.replace(/\.docx$/, ".pdf") ?? exportFileName(document, chooseLayout(document), "pdf"),
    size: data.length,
    sha256: sha256(data),
    base64: Buffer.from(data).toString("base64"),
  };
  // Kept once: when two first downloads race, both serve the one that was stored first.
  await db
    .update(publications)
    .set({ files: sql`${publications.files} || jsonb_build_object('pdf', ${JSON.stringify(pdf)}::jsonb)` })
    .where(and(eq(publications.id, id), sql`(${publications.files} -> 'pdf') IS NULL`));
  const [again] = await db.select({ files: publications.files }).from(publications).where(eq(publications.id, id));
  const first = (again?.files as StoredFiles | undefined)?.pdf ?? pdf;
  return {
    data: new Uint8Array(Buffer.from(first.base64 ?? pdf.base64!, "base64")),
    fileName: first.fileName,
    contentType: CONTENT_TYPES.pdf,
  };
}
