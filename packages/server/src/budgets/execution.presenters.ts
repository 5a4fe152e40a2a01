import { z } from "@hono/zod-openapi";
import { checkBudgetLine, type Fen, parseYuan } from "@jixiao/core";
import { Money } from "../projects/presenters.ts";
import type { ExecutionWithOrg } from "./execution.repository.ts";

export const EXECUTION_SCOPES = ["total", "basic", "project_spending", "project"] as const;

export const ExecutionSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    scope: z.enum(EXECUTION_SCOPES),
    projectId: z.string().uuid().nullable(),
    month: z.number().int().nullable(),
    initialBudget: Money.nullable(),
    adjustment: Money.nullable(),
    determinedBudget: Money.nullable(),
    executed: Money.nullable(),
    /** 执行率 (%) computed by core, as text; null when it cannot be computed. */
    rate: z.string().nullable(),
    /** What core's checks found: 年初 + 调整 ≠ 确定, executed over budget, zero budget… (kept as written). */
    problems: z.array(z.object({ code: z.string(), message: z.string(), messageEn: z.string() })),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("BudgetExecution");

const fen = (v: string | null): Fen | undefined => (v === null ? undefined : parseYuan(v));

export function presentExecution(r: ExecutionWithOrg): z.infer<typeof ExecutionSchema> {
  const check = checkBudgetLine({
    initial: fen(r.initialBudget),
    adjustment: fen(r.adjustment),
    final: fen(r.determinedBudget),
    executed: fen(r.executed),
  });
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    year: r.year,
    scope: r.scope as (typeof EXECUTION_SCOPES)[number],
    projectId: r.projectId,
    month: r.month,
    initialBudget: r.initialBudget,
    adjustment: r.adjustment,
    determinedBudget: r.determinedBudget,
    executed: r.executed,
    rate: check.rate?.text ?? null,
    problems: check.problems.map((p) => ({ code: p.code, message: p.zh, messageEn: p.en })),
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}
