/**
 * Background jobs (batch export, large imports) as the UI sees them: state and progress, whichever engine
 * runs them (pg-boss on PostgreSQL, in-process on PGlite).
 */
import { sql } from "drizzle-orm";
import { check, customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../db/columns.ts";

export const JOB_STATES = ["queued", "running", "completed", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

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
    /**
     * The file the job made (a batch export's zip), beside its result rather than inside it (base64 in jsonb
     * until session 12). Read and written as base64 through `encode` / `decode` (`JOB_FILE`, `jobFileValue`):
     * PGlite's own bytea conversion goes byte by byte in JavaScript (seconds for a province's 19 MiB zip).
     */
    file: bytea("file"),
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

/** A job's row without its file (the file is read only by the route that serves it). */
export type JobRow = Omit<typeof jobs.$inferSelect, "file">;
