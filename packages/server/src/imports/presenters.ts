/** Imports on the wire: the preview (kind, summary, problems with locations, plan) and what a commit did. */
import { z } from "@hono/zod-openapi";
import type { ImportResult } from "@jixiao/core/model";
import type { Created } from "./commit.ts";
import type { PlanItem } from "./plan.ts";
import { IMPORT_STATES, type ImportRow } from "./schema.ts";

const Location = z.record(z.string(), z.unknown());

export const ImportProblemSchema = z
  .object({
    severity: z.enum(["error", "warning", "info"]),
    code: z.string(),
    message: z.string(),
    messageEn: z.string(),
    location: Location,
  })
  .openapi("ImportProblem");

export const PlanItemSchema = z
  .object({
    kind: z.enum(["project", "duty", "evaluation", "budget"]),
    name: z.string(),
    action: z.enum(["create", "update", "skip"]),
    existingId: z.string().uuid().optional(),
    reason: z.string().optional(),
    reasonEn: z.string().optional(),
    indicators: z.number().int(),
    location: Location,
  })
  .openapi("ImportPlanItem");

export const ImportSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    year: z.number().int(),
    fileName: z.string(),
    sha256: z.string(),
    size: z.number().int(),
    state: z.enum(IMPORT_STATES),
    kind: z.string().nullable(),
    kinds: z.array(z.string()),
    summary: z.record(z.string(), z.unknown()).nullable(),
    problems: z.array(ImportProblemSchema),
    plan: z.array(PlanItemSchema),
    created: z.record(z.string(), z.array(z.string())).nullable(),
    /** The earlier commit of the same file into the same organisation and year: committing changes nothing. */
    alreadyImportedAs: z.string().uuid().nullable(),
    error: z.unknown().nullable(),
    jobId: z.string().uuid().nullable(),
    document: z.unknown().nullable().openapi({ description: "The normalised document (docs/import-format.md)" }),
    createdAt: z.string(),
    committedAt: z.string().nullable(),
  })
  .openapi("Import");
export type ImportView = z.infer<typeof ImportSchema>;

export function presentImport(row: ImportRow, twin: Pick<ImportRow, "id"> | undefined): ImportView {
  const result = row.result as ImportResult | null;
  return {
    id: row.id,
    orgId: row.orgId,
    year: row.year,
    fileName: row.fileName,
    sha256: row.sha256,
    size: row.size,
    state: row.state,
    kind: result?.kind ?? null,
    kinds: result?.kinds ?? [],
    summary: (result?.summary as Record<string, unknown> | undefined) ?? null,
    problems: result?.problems ?? [],
    plan: (row.plan as PlanItem[] | null) ?? [],
    created: (row.created as Created | null as Record<string, string[]> | null) ?? null,
    alreadyImportedAs: twin?.id ?? null,
    error: row.error ?? null,
    jobId: row.jobId,
    document: result?.document ?? null,
    createdAt: row.createdAt.toISOString(),
    committedAt: row.committedAt?.toISOString() ?? null,
  };
}
