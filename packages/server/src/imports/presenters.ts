/** Imports on the wire: the preview (kind, summary, problems with locations, plan) and what a commit did. */
import { z } from "@hono/zod-openapi";
import type { ImportResult } from "@jixiao/core/model";
import type { Created } from "./commit.ts";
import type { Plan, PlanItem } from "./plan.ts";
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

const SectionCountsSchema = z
  .object({
    income: z.number().int(),
    spending: z.number().int(),
    threePublic: z.number().int(),
    procurement: z.number().int(),
    assets: z.number().int(),
  })
  .openapi("BudgetSectionCounts");

export const PlanItemSchema = z
  .object({
    kind: z.enum(["organisation", "project", "duty", "evaluation", "budget"]),
    name: z.string(),
    action: z.enum(["create", "update", "skip", "match"]).openapi({
      description: "match: an organisation that exists (matched by code or name, or named in unitOrgs)",
    }),
    existingId: z.string().uuid().optional(),
    reason: z.string().optional().openapi({ description: "Why it is skipped, or what it will write (zh)" }),
    reasonEn: z.string().optional(),
    indicators: z.number().int(),
    location: Location,
    unit: z.string().optional().openapi({ description: "The document's unit it belongs to" }),
    orgId: z.string().uuid().optional().openapi({ description: "The organisation it goes into (absent: to create)" }),
    sections: SectionCountsSchema.optional().openapi({ description: "A budget: rows per section after the commit" }),
    replaces: SectionCountsSchema.optional().openapi({ description: "A budget replaced: rows per section now" }),
    notes: z.array(z.object({ message: z.string(), messageEn: z.string() })).optional(),
  })
  .openapi("ImportPlanItem");

export const UnitMappingSchema = z
  .object({
    unit: z.string(),
    code: z.string().optional(),
    aliases: z.array(z.string()).optional(),
    action: z.enum(["department", "mapped", "matched", "create"]),
    orgId: z.string().uuid().optional(),
    orgName: z.string().optional(),
    orgCode: z.string().optional(),
    problem: z
      .object({ message: z.string(), messageEn: z.string() })
      .optional()
      .openapi({ description: "Why the commit cannot do it as planned (map the unit with unitOrgs)" }),
  })
  .openapi("ImportUnit");

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
    coverage: z.record(z.string(), z.unknown()).nullable().openapi({
      description:
        "How much of the document was read: lines and tables read of all, figures, whether enough to judge, and the unread tables, rows and lines with their locations (docs/import-format.md § Coverage)",
    }),
    recognition: z
      .array(
        z.object({
          kind: z.string(),
          recognised: z.boolean(),
          confidence: z.number().int(),
          reasons: z.array(z.object({ zh: z.string(), en: z.string() })),
        }),
      )
      .openapi({ description: "The evidence for each kind: confidence 0–100 and the reasons" }),
    problems: z.array(ImportProblemSchema),
    plan: z.array(PlanItemSchema),
    /**
     * The document's units and their organisations: the department is the chosen organisation; the others are
     * matched under it or created by the commit. Override with `unitOrgs` in the commit body.
     */
    units: z.array(UnitMappingSchema),
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

/** The stored plan: `{ units, items }`, or the items alone as imports before units stored them. */
export function storedPlan(value: unknown): Plan {
  if (Array.isArray(value)) return { units: [], items: value as PlanItem[] };
  const p = value as Partial<Plan> | null;
  return { units: p?.units ?? [], items: p?.items ?? [] };
}

export function presentImport(row: ImportRow, twin: Pick<ImportRow, "id"> | undefined): ImportView {
  const result = row.result as ImportResult | null;
  const plan = storedPlan(row.plan);
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
    // previews stored before coverage existed have none
    coverage: (result?.coverage as Record<string, unknown> | undefined) ?? null,
    recognition: result?.recognition ?? [],
    problems: result?.problems ?? [],
    plan: plan.items,
    units: plan.units,
    created: (row.created as Created | null as Record<string, string[]> | null) ?? null,
    alreadyImportedAs: twin?.id ?? null,
    error: row.error ?? null,
    jobId: row.jobId,
    document: result?.document ?? null,
    createdAt: row.createdAt.toISOString(),
    committedAt: row.committedAt?.toISOString() ?? null,
  };
}
