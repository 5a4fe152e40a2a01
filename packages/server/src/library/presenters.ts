import { z } from "@hono/zod-openapi";
import type { LibraryMarkRow } from "./schema.ts";

const Counted = z.object({ value: z.string(), count: z.number().int() });
const MarkValue = z.enum(["recommended", "not_allowed"]);

export const SuggestionSchema = z
  .object({
    key: z.string().openapi({ description: "The normalised name (core normaliseIndicatorName)" }),
    name: z.string().openapi({ example: "培训人数" }),
    level1: z.string().optional(),
    level2: z.string().optional(),
    unit: z.string().optional(),
    typicalTarget: z.string().optional().openapi({ example: "≥110人" }),
    uses: z.number().int(),
    mark: MarkValue.optional(),
    match: z.enum(["exact", "prefix", "contains", "subsequence"]),
  })
  .openapi("LibrarySuggestion");

export const LibraryMarkSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    key: z.string(),
    name: z.string(),
    mark: MarkValue,
    note: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("LibraryMark");
export type LibraryMarkView = z.infer<typeof LibraryMarkSchema>;

export const LibraryEntrySchema = z
  .object({
    key: z.string(),
    name: z.string(),
    names: z.array(Counted),
    uses: z.number().int(),
    level1: z.array(Counted),
    level2: z.array(Counted),
    forms: z.array(Counted).openapi({ description: "≥ ≤ > < = 区间 时限 频次 定性, most frequent first" }),
    units: z.array(Counted),
    typical: z.array(
      z.object({
        unit: z.string(),
        count: z.number().int(),
        median: z.string().openapi({ description: "Exact decimal text" }),
        min: z.string(),
        max: z.string(),
      }),
    ),
    typicalTarget: z.string().nullable(),
    years: z.object({ first: z.number().int(), last: z.number().int() }),
    mark: LibraryMarkSchema.nullable(),
    usedIn: z
      .array(
        z.object({
          kind: z.enum(["project", "goal", "duty", "document"]),
          id: z.string(),
          name: z.string(),
          orgName: z.string().nullable(),
          year: z.number().int(),
          targetText: z.string().nullable(),
        }),
      )
      .openapi({ description: "Where it was used, in the organisations you may read (newest first, at most 20)" }),
    usedElsewhere: z.number().int().openapi({ description: "Uses in organisations you may not read (counted only)" }),
  })
  .openapi("LibraryEntry");
export type LibraryEntryView = z.infer<typeof LibraryEntrySchema>;

export function presentMark(row: LibraryMarkRow, orgName: string): LibraryMarkView {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    key: row.key,
    name: row.name,
    mark: row.mark,
    note: row.note,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
