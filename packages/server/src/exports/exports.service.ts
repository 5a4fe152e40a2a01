/**
 * Exports of stored records as the official documents (docs/export.md): the record as core's normalised
 * document, written by `exportDocument` of @jixiao/documents (xlsx, docx, PDF), downloaded with an RFC 5987
 * Content-Disposition (`contentDisposition`). Any business role that may read the record may export it.
 */
import { DomainError } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { type ExportFormat, type ExportResult, isLayout } from "@jixiao/documents";
import type { Actor } from "../accounts/actor.ts";
import { authorize } from "../accounts/authorize.ts";
import { budgetFor } from "../budgets/department.service.ts";
import { budgetDisclosureDocument } from "../budgets/disclosure.ts";
import { findDuty } from "../duties/repository.ts";
import { scoredEvaluationDocument } from "../evaluations/document.ts";
import { evaluationFor } from "../evaluations/evaluations.service.ts";
import { goalFor } from "../goals/goals.service.ts";
import type { Deps } from "../http/context.ts";
import { auditDownload } from "../http/download.ts";
import { notFound } from "../http/errors.ts";
import { projectFor } from "../projects/projects.service.ts";
import { dutyTableDocument, goalDocument, projectDocument } from "../review/documents.ts";
import { exportStored } from "./units.ts";

export const EXPORT_TYPES = ["project", "goal", "evaluation", "duties", "budget"] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

/** The record written as a document, with what the audit row names: its organisation and entity type. */
interface ExportSource {
  document: ImportedDocument;
  orgId: string;
  entityType: string;
}

async function exportSource(deps: Deps, actor: Actor | undefined, type: ExportType, id: string): Promise<ExportSource> {
  switch (type) {
    case "project": {
      const p = await projectFor(deps.db, actor, id);
      return { document: (await projectDocument(deps.db, p)).document, orgId: p.orgId, entityType: "project" };
    }
    case "goal": {
      const g = await goalFor(deps.db, actor, id);
      return { document: (await goalDocument(deps.db, g)).document, orgId: g.orgId, entityType: "department_goal" };
    }
    case "evaluation": {
      const e = await evaluationFor(deps.db, actor, id);
      const document = await scoredEvaluationDocument(deps.db, e);
      return { document, orgId: e.orgId, entityType: "self_evaluation" };
    }
    case "duties": {
      const d = await findDuty(deps.db, id);
      if (!d) {
        authorize(actor, "business.read");
        throw notFound({ zh: "职责", en: "duty" });
      }
      authorize(actor, "business.read", { orgPath: d.orgPath });
      return { document: (await dutyTableDocument(deps.db, d)).document, orgId: d.orgId, entityType: "duty" };
    }
    case "budget": {
      const b = await budgetFor(deps.db, actor, id, "business.read");
      return { document: await budgetDisclosureDocument(deps.db, b), orgId: b.orgId, entityType: "department_budget" };
    }
  }
}

export async function recordDocument(
  deps: Deps,
  actor: Actor | undefined,
  type: ExportType,
  id: string,
): Promise<ImportedDocument> {
  return (await exportSource(deps, actor, type, id)).document;
}

export async function exportRecord(
  deps: Deps,
  actor: Actor | undefined,
  type: ExportType,
  id: string,
  opts: { format: ExportFormat; as?: string | undefined },
): Promise<ExportResult> {
  const source = await exportSource(deps, actor, type, id);
  if (opts.as !== undefined && !isLayout(opts.as)) {
    throw new DomainError(
      "invalid_input",
      { zh: `未知的文书格式「${opts.as}」`, en: `Unknown layout "${opts.as}"` },
      { field: "as" },
    );
  }
  const file = await exportStored(source.document, { format: opts.format, ...(opts.as ? { as: opts.as } : {}) });
  // A document leaving the system is a security event (issue 3): `export.<type>`, written once the file exists.
  await auditDownload(deps, actor, file, {
    orgId: source.orgId,
    action: `export.${type}`,
    entityType: source.entityType,
    entityId: id,
    title: source.document.title,
  });
  return file;
}
