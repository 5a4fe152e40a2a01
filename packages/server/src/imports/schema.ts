/**
 * Uploaded documents on their way in (issue 4): an upload is read into a stored preview (the import result and
 * the plan of what a commit would create), then committed in one transaction into the chosen organisation and
 * year. A file (by its SHA-256) is committed at most once per organisation and year: re-importing it changes
 * nothing. Large files are written to `upload_chunks` as they arrive (never held whole by the request) and wait
 * there for a background job that reads them; `source` holds files of earlier versions still waiting.
 */
import { sql } from "drizzle-orm";
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";
import { fiscalYears } from "../years/schema.ts";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const IMPORT_STATES = ["reading", "preview", "failed", "committed"] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

export const imports = pgTable(
  "imports",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    state: text("state").$type<ImportState>().notNull().default("reading"),
    /** The file while a background job has still to read it; cleared once read. */
    source: bytea("source"),
    /** The import result (kind, summary, problems, normalised document) as @jixiao/documents returns it. */
    result: jsonb("result"),
    /** What a commit would do (plan.ts), as of the preview; the commit recomputes it in its transaction. */
    plan: jsonb("plan"),
    /** The reader's error when the file could not be read (code, message, location). */
    error: jsonb("error"),
    /** What the commit created (ids by kind), once committed. */
    created: jsonb("created"),
    jobId: uuid("job_id"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    committedAt: timestamp("committed_at", { withTimezone: true }),
  },
  (t) => [
    index("imports_org_year_idx").on(t.orgId, t.year),
    uniqueIndex("imports_committed_uq").on(t.orgId, t.year, t.sha256).where(sql`${t.state} = 'committed'`),
    check("imports_state_ck", sql`${t.state} IN ('reading', 'preview', 'failed', 'committed')`),
  ],
);

export type ImportRow = typeof imports.$inferSelect;

/**
 * A large upload written to storage as it arrives (issue 15): 1 MB pieces in order, keyed by the id its import will
 * have. No foreign key: the pieces are written before the import row exists (the row is made once the whole file has
 * arrived, with its SHA-256). The reading job deletes them; pieces of an upload cut off before its end (a refused or
 * broken request, a crash) are removed by the retention sweep (jobs/retention.ts).
 */
export const uploadChunks = pgTable(
  "upload_chunks",
  {
    uploadId: uuid("upload_id").notNull(),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);
