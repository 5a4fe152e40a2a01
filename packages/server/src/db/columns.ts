/**
 * Column helpers shared by every area. Money is numeric(18,2) in 元 and travels as a string (never a float);
 * every editable row carries `version` for optimistic locking; timestamps are timestamptz.
 */
import { type SQL, sql } from "drizzle-orm";
import { check, integer, numeric, type PgColumn, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Primary key: a random UUID (gen_random_uuid() exists in PostgreSQL 13+ and in PGlite). */
export const id = () => uuid("id").primaryKey().defaultRandom();

/** An amount of money in 元 with 2 decimals, read and written as a decimal string ("4850.00"). */
export const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

/** A quantity or weight with 4 decimals (procurement quantities, indicator weights), as a decimal string. */
export const quantity = (name: string) => numeric(name, { precision: 18, scale: 4 });

/** Optimistic-lock counter: starts at 1, every update must name the version it read and bumps it. */
export const version = () => integer("version").notNull().default(1);

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** Workflow state of a reviewable record (projects, goals, self-evaluations, budgets): see `workflow/rules.ts`. */
export const WORKFLOW_STATES = ["draft", "submitted", "unit_approved", "approved", "returned"] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];
export const workflowState = () => text("workflow_state").$type<WorkflowState>().notNull().default("draft");

/** The CHECK that keeps a `workflow_state` column within WORKFLOW_STATES: `<table>_workflow_state_ck`. */
export const workflowStateCheck = (table: string, column: PgColumn) =>
  check(
    `${table}_workflow_state_ck`,
    sql`${column} IN (${sql.join(
      WORKFLOW_STATES.map((s): SQL => sql.raw(`'${s}'`)),
      sql`, `,
    )})`,
  );
