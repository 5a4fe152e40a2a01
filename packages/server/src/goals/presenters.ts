import { z } from "@hono/zod-openapi";
import { WORKFLOW_STATES } from "../db/columns.ts";
import type { GoalWithOrg } from "./repository.ts";

export const GoalSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    revision: z.number().int(),
    annualGoal: z.string().nullable(),
    midTermGoal: z.string().nullable(),
    state: z.enum(WORKFLOW_STATES),
    submittedBy: z.string().uuid().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("DepartmentGoal");

export type Goal = z.infer<typeof GoalSchema>;

export function presentGoal(g: GoalWithOrg): Goal {
  return {
    id: g.id,
    orgId: g.orgId,
    orgName: g.orgName,
    year: g.year,
    revision: g.revision,
    annualGoal: g.annualGoal,
    midTermGoal: g.midTermGoal,
    state: g.workflowState,
    submittedBy: g.submittedBy,
    version: g.version,
    updatedAt: g.updatedAt.toISOString(),
  };
}
