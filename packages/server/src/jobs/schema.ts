/**
 * Background jobs (batch export, large imports) as the UI sees them: state and progress, whichever engine
 * runs them (pg-boss on PostgreSQL, in-process on PGlite).
 */
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../db/columns.ts";

export const JOB_STATES = ["queued", "running", "completed", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    name: text("name").notNull(),
    state: text("state").$type<JobState>().notNull().default("queued"),
    payload: jsonb("payload").notNull(),
    /** Progress as done of total (total NULL while unknown). */
    done: integer("done").notNull().default(0),
    total: integer("total"),
    message: text("message"),
    result: jsonb("result"),
    error: jsonb("error"),
    orgId: uuid("org_id"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_created_by_idx").on(t.createdBy),
    index("jobs_state_idx").on(t.state),
    check("jobs_state_ck", sql`${t.state} IN ('queued', 'running', 'completed', 'failed')`),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
