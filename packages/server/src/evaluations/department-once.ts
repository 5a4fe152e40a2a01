/**
 * One 部门整体 self-evaluation per organisation and year. Every path that makes one — POST /evaluations with kind
 * "department", POST /evaluations/department, an import's commit — claims the year here, inside its transaction,
 * before it writes: two at once, the second waits on the lock until the first commits and then finds its record.
 * (The lock is the transaction's: it is let go at commit or rollback; taken twice in one transaction, it is held.)
 */
import { DomainError, type Location } from "@jixiao/core";
import { and, eq, sql } from "drizzle-orm";
import { PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { selfEvaluations } from "./schema.ts";

/** The advisory lock's first key: the organisation-and-year's 部门整体 self-evaluation (730004–5: jobs/queue.ts). */
const DEPARTMENT_YEAR_LOCK = 730006;

/**
 * Locks the organisation's 部门整体 year (until the transaction ends) and returns its self-evaluation, if any — for
 * a caller that decides what to do with one that exists (an import updates it: imports/imports.service.ts).
 */
export async function lockDepartmentYear(
  tx: Db,
  orgId: string,
  year: number,
): Promise<{ id: string; state: string } | undefined> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEPARTMENT_YEAR_LOCK}, hashtext(${`${orgId}:${year}`}))`);
  const [row] = await tx
    .select({ id: selfEvaluations.id, state: selfEvaluations.workflowState })
    .from(selfEvaluations)
    .where(
      and(eq(selfEvaluations.orgId, orgId), eq(selfEvaluations.year, year), eq(selfEvaluations.kind, "department")),
    )
    .limit(1);
  return row;
}

/** The partial unique index that holds the rule in the database (migration 0025), whatever path writes the row. */
export const DEPARTMENT_YEAR_INDEX = "self_evaluations_department_org_year_uq";

/** The refusal of a second 部门整体 self-evaluation of the organisation and year (409), at `where` or the field "year". */
export function departmentYearTaken(year: number, where?: Location): DomainError {
  return new DomainError(
    "conflict",
    {
      zh: `本单位 ${year} 年度已有部门整体自评，每个单位每年只有一份：请打开已有的自评继续填写`,
      en: `The organisation already has a department self-evaluation for ${year} (one per organisation and year): open the existing one`,
    },
    where ?? { field: "year" },
  );
}

/** Whether `e` is the database refusing a second 部门整体 self-evaluation of an organisation and year (the index). */
export function isDepartmentYearViolation(e: unknown): boolean {
  const pe = pgError(e);
  return (
    pe?.code === PG_UNIQUE_VIOLATION &&
    (pe.constraint === DEPARTMENT_YEAR_INDEX || pe.message.includes(DEPARTMENT_YEAR_INDEX))
  );
}

/**
 * Claims the year for a new 部门整体 self-evaluation of the organisation: refused (conflict, 409) when it has one.
 * `where` says where the new one came from (an imported file), at the field "year" otherwise.
 */
export async function claimDepartmentYear(tx: Db, orgId: string, year: number, where?: Location): Promise<void> {
  const existing = await lockDepartmentYear(tx, orgId, year);
  if (existing) throw departmentYearTaken(year, where);
}
