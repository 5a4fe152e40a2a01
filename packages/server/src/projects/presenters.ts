import { z } from "@hono/zod-openapi";
import { WORKFLOW_STATES } from "../db/columns.ts";
import type { ProjectRow } from "./schema.ts";

/** An amount in 元 as exact decimal text: at most 16 integer digits and 2 decimals. */
export const Money = z
  .string()
  .regex(/^-?\d{1,16}(\.\d{1,2})?$/, "金额须为元，最多两位小数 / an amount in 元 with at most 2 decimals")
  .openapi({ example: "4850.00" });

export const ProjectSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    code: z.string().nullable(),
    name: z.string(),
    implementingUnit: z.string().nullable(),
    attribute: z.string().nullable(),
    category: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    totalFunds: Money.nullable(),
    annualFunds: Money.nullable(),
    fiscalFunds: Money.nullable(),
    carryOverFunds: Money.nullable(),
    otherFunds: Money.nullable(),
    purpose: z.string().nullable(),
    annualGoal: z.string().nullable(),
    midTermGoal: z.string().nullable(),
    state: z.enum(WORKFLOW_STATES),
    revision: z.number().int(),
    supersedesId: z.string().uuid().nullable(),
    supersededById: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: "The later revision that adjusts this approved one (预算调整), if there is one" }),
    submittedBy: z.string().uuid().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("Project");

export type Project = z.infer<typeof ProjectSchema>;

/** `supersededById` comes with a read (findProject, listProjects); a row just written has no later revision. */
export function presentProject(row: ProjectRow & { orgName: string; supersededById?: string | null }): Project {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    year: row.year,
    code: row.code,
    name: row.name,
    implementingUnit: row.implementingUnit,
    attribute: row.attribute,
    category: row.category,
    startDate: row.startDate,
    endDate: row.endDate,
    totalFunds: row.totalFunds,
    annualFunds: row.annualFunds,
    fiscalFunds: row.fiscalFunds,
    carryOverFunds: row.carryOverFunds,
    otherFunds: row.otherFunds,
    purpose: row.purpose,
    annualGoal: row.annualGoal,
    midTermGoal: row.midTermGoal,
    state: row.workflowState,
    revision: row.revision,
    supersedesId: row.supersedesId,
    supersededById: row.supersededById ?? null,
    submittedBy: row.submittedBy,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
