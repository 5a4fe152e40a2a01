/**
 * A stored record written in the forms' units (its project amounts in 万元: `inFormUnits`, which lives in
 * @jixiao/documents so that the writer pool's workers can lay out stored records too).
 */

import type { ImportedDocument } from "@jixiao/core/model";
import { type ExportOptions, type ExportResult, exportDocument, inFormUnits } from "@jixiao/documents";

/** `exportDocument` for a stored record: written in the forms' units. */
export function exportStored(doc: ImportedDocument, opts: ExportOptions): Promise<ExportResult> {
  return exportDocument(inFormUnits(doc), opts);
}
