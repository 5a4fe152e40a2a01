/**
 * A document leaving the system as a download (issue 3, docs/export.md), the same way for every export route: the
 * file written in the format asked (xlsx, docx or PDF) and named from its title, audited once it exists (who, which
 * record, the file's name, size and SHA-256 — a failed export leaves no row), then sent with its content type and a
 * Content-Disposition that keeps the Chinese name (RFC 5987). Used by the record exports, the 整改情况报告, the
 * 专家评审意见汇总表 and the 结果应用情况表; `sendFile` also by the monitoring forms and the public files (audited by
 * their own services).
 */
import { createHash } from "node:crypto";
import { z } from "@hono/zod-openapi";
import {
  CONTENT_TYPES,
  contentDisposition,
  type ExportFormat,
  safeFileName,
  type WDocument,
  writeAs,
} from "@jixiao/documents";
import type { Context } from "hono";
import type { Actor } from "../accounts/actor.ts";
import { requireActor } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "./context.ts";

export interface DownloadFile {
  fileName: string;
  contentType: string;
  data: Uint8Array;
}

/** What the audit row of a download names: the action (`export.…`), the record, and details of its own. */
export interface DownloadAudit {
  orgId: string;
  action: string;
  entityType: string;
  entityId: string;
  /** The document's title (an imported document may have none). */
  title: string | undefined;
  /** More details (the year of a report…), beside the file's name, size and SHA-256. */
  details?: Record<string, unknown>;
}

/** The OpenAPI 200 of a document download: the file in one of the three office formats. */
export function officeFileResponse(description = "The file") {
  const binary = { schema: z.string().openapi({ format: "binary" }) };
  return {
    description,
    content: {
      [CONTENT_TYPES.xlsx]: binary,
      [CONTENT_TYPES.docx]: binary,
      [CONTENT_TYPES.pdf]: binary,
    } as Record<
      | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
      | "application/pdf",
      typeof binary
    >,
  };
}

/** Audits a file leaving the system (its own transaction, once the file exists). */
export async function auditDownload(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  file: DownloadFile,
  audit: DownloadAudit,
): Promise<void> {
  const a = requireActor(actor);
  await transact(deps.db, (tx) =>
    recordAudit(tx, {
      actor: a,
      orgId: audit.orgId,
      action: audit.action,
      entityType: audit.entityType,
      entityId: audit.entityId,
      details: {
        title: audit.title,
        ...audit.details,
        fileName: file.fileName,
        size: file.data.length,
        sha256: createHash("sha256").update(file.data).digest("hex"),
      },
      at: deps.now(),
    }),
  );
}

/** A page model written in the format, named from its title, audited: the file to send. */
export async function writeDownload(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  doc: WDocument,
  format: ExportFormat,
  audit: Omit<DownloadAudit, "title">,
): Promise<DownloadFile> {
  const file = {
    fileName: safeFileName(doc.title, format),
    contentType: CONTENT_TYPES[format],
    data: await writeAs(doc, format),
  };
  await auditDownload(deps, actor, file, { ...audit, title: doc.title });
  return file;
}

/** The response of a download: the bytes with their content type and the Chinese file name kept (RFC 5987). */
export function sendFile(c: Context, file: Pick<DownloadFile, "fileName" | "contentType" | "data">): never {
  return c.body(file.data as Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": file.contentType,
    "Content-Disposition": contentDisposition(file.fileName),
  }) as never;
}
