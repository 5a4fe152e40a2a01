/**
 * Exports of stored records as the official documents (docs/export.md): the record as core's normalised
 * document, written by `exportDocument` of @jixiao/documents (xlsx, docx, PDF), downloaded with an RFC 5987
 * Content-Disposition (`contentDisposition`). Any business role that may read the record may export it.
 */
import { createHash } from "node:crypto";
import { DomainError } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { type ExportFormat, type ExportResult, exportDocument, isLayout } from "@jixiao/documents";
import type { Actor } from "../accounts/actor.ts";
import { authorize, requireActor } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { findBudget } from "../budgets/department.repository.ts";
import { budgetFor } from "../budgets/department.service.ts";
import { budgetDisclosureDocument } from "../budgets/disclosure.ts";
import { transact } from "../db/transaction.ts";
import { findDuty } from "../duties/repository.ts";
import { evaluationFor } from "../evaluations/evaluations.service.ts";
import { goalFor } from "../goals/goals.service.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { projectFor } from "../projects/projects.service.ts";
import { dutyTableDocument, evaluationDocument, goalDocument, projectDocument } from "../review/documents.ts";

export const EXPORT_TYPES = ["project", "goal", "evaluation", "duties", "budget"] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

export async function recordDocument(
  deps: Deps,
  actor: Actor | undefined,
  type: ExportType,
  id: string,
): Promise<ImportedDocument> {
  switch (type) {
    case "project":
      return (await projectDocument(deps.db, await projectFor(deps.db, actor, id))).document;
    case "goal":
      return (await goalDocument(deps.db, await goalFor(deps.db, actor, id))).document;
    case "evaluation":
      return (await evaluationDocument(deps.db, await evaluationFor(deps.db, actor, id))).document;
    case "duties": {
      const d = await findDuty(deps.db, id);
      if (!d) {
        authorize(actor, "business.read");
        throw notFound({ zh: "职责", en: "duty" });
      }
      authorize(actor, "business.read", { orgPath: d.orgPath });
      return (await dutyTableDocument(deps.db, d)).document;
    }
    case "budget":
      return budgetDisclosureDocument(deps.db, await budgetFor(deps.db, actor, id, "business.read"));
  }
}

export async function exportRecord(
  deps: Deps,
  actor: Actor | undefined,
  type: ExportType,
  id: string,
  opts: { format: ExportFormat; as?: string | undefined },
): Promise<ExportResult> {
  const doc = await recordDocument(deps, actor, type, id);
  if (opts.as !== undefined && !isLayout(opts.as)) {
    throw new DomainError(
      "invalid_input",
      { zh: `未知的文书格式「${opts.as}」`, en: `Unknown layout "${opts.as}"` },
      { field: "as" },
    );
  }
  const file = await exportDocument(doc, { format: opts.format, ...(opts.as ? { as: opts.as } : {}) });
  if (type === "budget") await auditExport(deps, actor, doc, id, file);
  return file;
}

/** A budget's disclosure leaving the system is audited (`export.budget`): who, which budget, format and hash. */
async function auditExport(deps: Deps, actor: Actor | undefined, doc: ImportedDocument, id: string, f: ExportResult) {
  const a = requireActor(actor);
  const b = await findBudget(deps.db, id);
  if (!b) return;
  await transact(deps.db, (tx) =>
    recordAudit(tx, {
      actor: a,
      orgId: b.orgId,
      action: "export.budget",
      entityType: "department_budget",
      entityId: id,
      details: {
        title: doc.title,
        fileName: f.fileName,
        size: f.data.length,
        sha256: createHash("sha256").update(f.data).digest("hex"),
      },
      at: deps.now(),
    }),
  );
}
