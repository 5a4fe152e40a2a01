import { z } from "@hono/zod-openapi";
import type { IndicatorRow } from "./schema.ts";

export const IndicatorSchema = z
  .object({
    id: z.string().uuid(),
    projectId: z.string().uuid().nullable(),
    parentId: z.string().uuid().nullable(),
    level: z.number().int().min(1).max(3),
    name: z.string().openapi({ example: "培训人数" }),
    description: z.string().nullable(),
    targetText: z.string().nullable().openapi({ example: "≥100人" }),
    targetParsed: z.unknown().nullable().openapi({ description: "The target as parsed by @jixiao/core (TargetValue)" }),
    unit: z.string().nullable(),
    natureCode: z.string().nullable(),
    weight: z.string().nullable().openapi({ example: "10.0000" }),
    isCore: z.boolean(),
    sortOrder: z.number().int(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("Indicator");

export type Indicator = z.infer<typeof IndicatorSchema>;

export function presentIndicator(row: IndicatorRow): Indicator {
  return {
    id: row.id,
    projectId: row.projectId,
    parentId: row.parentId,
    level: row.level,
    name: row.name,
    description: row.description,
    targetText: row.targetText,
    targetParsed: row.targetParsed ?? null,
    unit: row.unit,
    natureCode: row.natureCode,
    weight: row.weight,
    isCore: row.isCore,
    sortOrder: row.sortOrder,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
