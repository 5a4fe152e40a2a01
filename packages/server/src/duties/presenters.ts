import { z } from "@hono/zod-openapi";
import { checkTiers, type Tiers } from "@jixiao/core";
import { Money } from "../projects/presenters.ts";
import type { ActivityIndicatorRow, ActivityRow, DutyWithOrg } from "./repository.ts";

export const ActivityIndicatorSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    targetText: z.string().nullable(),
    standards: z.object({
      优: z.string().nullable(),
      良: z.string().nullable(),
      中: z.string().nullable(),
      差: z.string().nullable(),
    }),
    /** The four tiers as parsed by core, and what core found wrong with them (overlaps, inversions, `**`). */
    standardsParsed: z.unknown(),
    problems: z.array(
      z.object({
        code: z.string(),
        severity: z.enum(["error", "warning"]),
        message: z.string(),
        messageEn: z.string(),
      }),
    ),
  })
  .openapi("ActivityIndicator");

export const ActivitySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    budget: Money.nullable(),
    content: z.string().nullable(),
    goal: z.string().nullable(),
    indicators: z.array(ActivityIndicatorSchema),
  })
  .openapi("Activity");

export const DutySchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    statedBudget: Money.nullable(),
    sortOrder: z.number().int(),
    activities: z.array(ActivitySchema),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("Duty");

export type Duty = z.infer<typeof DutySchema>;

function presentIndicator(r: ActivityIndicatorRow): z.infer<typeof ActivityIndicatorSchema> {
  const parsed = (r.standardsParsed ?? null) as Tiers | null;
  const problems = parsed
    ? checkTiers(parsed).map((p) => ({ code: p.code, severity: p.severity, message: p.zh, messageEn: p.en }))
    : [];
  return {
    id: r.id,
    name: r.name,
    targetText: r.targetText,
    standards: { 优: r.standardExcellent, 良: r.standardGood, 中: r.standardFair, 差: r.standardPoor },
    standardsParsed: parsed,
    problems,
  };
}

export function presentDuty(d: DutyWithOrg, acts: ActivityRow[], inds: ActivityIndicatorRow[]): Duty {
  return {
    id: d.id,
    orgId: d.orgId,
    orgName: d.orgName,
    year: d.year,
    name: d.name,
    description: d.description,
    statedBudget: d.statedBudget,
    sortOrder: d.sortOrder,
    activities: acts
      .filter((a) => a.dutyId === d.id)
      .map((a) => ({
        id: a.id,
        name: a.name,
        budget: a.budget,
        content: a.content,
        goal: a.goal,
        indicators: inds.filter((i) => i.activityId === a.id).map(presentIndicator),
      })),
    version: d.version,
    updatedAt: d.updatedAt.toISOString(),
  };
}
