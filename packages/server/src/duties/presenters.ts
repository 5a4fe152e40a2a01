import { z } from "@hono/zod-openapi";
import { checkTiers, checkTotal, type Fen, formatYuan, parseTiers, parseYuan, type Tiers } from "@jixiao/core";
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
    actualText: z.string().nullable().openapi({ description: "实际完成值 as written" }),
    tierReached: z
      .enum(["优", "良", "中", "差"])
      .nullable()
      .openapi({ description: "The tier the actual value reaches by the standards, stored when saved" }),
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
    /** Σ of the activities' budgets (blank ones count as 0). */
    activitiesBudget: Money,
    /** The duty's stated budget against its activities (checked with core's exact money, kept as written). */
    problems: z.array(z.object({ code: z.literal("budget_mismatch"), message: z.string(), messageEn: z.string() })),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("Duty");

export type Duty = z.infer<typeof DutySchema>;

/**
 * Core's reading of the four tiers: as stored, or read again from the cells when what is stored is not core's
 * form (rows an early import wrote in the document's form, without `thresholds`).
 */
function readingOf(r: ActivityIndicatorRow): Tiers | null {
  const stored = r.standardsParsed as Partial<Tiers> | null;
  if (stored && Array.isArray(stored.thresholds)) return stored as Tiers;
  const cells = {
    优: r.standardExcellent ?? "",
    良: r.standardGood ?? "",
    中: r.standardFair ?? "",
    差: r.standardPoor ?? "",
  };
  return Object.values(cells).some((c) => c.trim() !== "") ? parseTiers(cells) : null;
}

function presentIndicator(r: ActivityIndicatorRow): z.infer<typeof ActivityIndicatorSchema> {
  const parsed = readingOf(r);
  const problems = parsed
    ? checkTiers(parsed).map((p) => ({ code: p.code, severity: p.severity, message: p.zh, messageEn: p.en }))
    : [];
  return {
    id: r.id,
    name: r.name,
    targetText: r.targetText,
    standards: { 优: r.standardExcellent, 良: r.standardGood, 中: r.standardFair, 差: r.standardPoor },
    actualText: r.actualText,
    tierReached: (r.tierReached as "优" | "良" | "中" | "差" | null) ?? null,
    standardsParsed: parsed,
    problems,
  };
}

export function presentDuty(d: DutyWithOrg, acts: ActivityRow[], inds: ActivityIndicatorRow[]): Duty {
  const own = acts.filter((a) => a.dutyId === d.id);
  const parts = own.map((a) => (a.budget === null ? undefined : parseYuan(a.budget)));
  const sum = checkTotal(0n as Fen, parts).sum;
  const problems: Duty["problems"] = [];
  if (d.statedBudget !== null) {
    const c = checkTotal(parseYuan(d.statedBudget), parts);
    if (!c.holds) {
      problems.push({
        code: "budget_mismatch",
        message: `职责「${d.name}」预算 ${formatYuan(parseYuan(d.statedBudget))} 元，工作活动合计 ${formatYuan(c.sum)} 元，相差 ${formatYuan(c.difference)} 元`,
        messageEn: `Duty "${d.name}": budget ${formatYuan(parseYuan(d.statedBudget))} yuan, its activities sum to ${formatYuan(c.sum)} yuan, difference ${formatYuan(c.difference)} yuan`,
      });
    }
  }
  return {
    id: d.id,
    orgId: d.orgId,
    orgName: d.orgName,
    year: d.year,
    name: d.name,
    description: d.description,
    statedBudget: d.statedBudget,
    sortOrder: d.sortOrder,
    activities: own.map((a) => ({
      id: a.id,
      name: a.name,
      budget: a.budget,
      content: a.content,
      goal: a.goal,
      indicators: inds.filter((i) => i.activityId === a.id).map(presentIndicator),
    })),
    activitiesBudget: formatYuan(sum, { grouping: false }),
    problems,
    version: d.version,
    updatedAt: d.updatedAt.toISOString(),
  };
}
