/**
 * Exports of stored records as the official documents (docs/export.md): the record as core's normalised
 * document, written by `exportDocument` of @jixiao/documents (xlsx, docx, PDF), downloaded with an RFC 5987
 * Content-Disposition (`contentDisposition`). Any business role that may read the record may export it.
 */

import { DomainError } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { type ExportFormat, type ExportResult, exportDocument, isLayout } from "@jixiao/documents";
import type { Actor } from "../accounts/actor.ts";
import { authorize } from "../accounts/authorize.ts";
import { findDuty } from "../duties/repository.ts";
import { evaluationFor } from "../evaluations/evaluations.service.ts";
import { goalFor } from "../goals/goals.service.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { projectFor } from "../projects/projects.service.ts";
import { dutyTableDocument, evaluationDocument, goalDocument, projectDocument } from "../review/documents.ts";

export const EXPORT_TYPES = ["project", "goal", "evaluation", "duties"] as const;
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
  return exportDocument(doc, { format: opts.format, ...(opts.as ? { as: opts.as } : {}) });
}
