/**
 * Retention (issue 15, finding 4): what background work leaves behind is removed when its time is up, so neither
 * exports nor uploads make the database grow without end.
 * - A job's stored file (a batch export's zip, `jobs.file`): RETENTION.jobFileMs after the
 *   job finished. The job row and the description of its result stay (the audit row names the zip's SHA-256).
 * - The stored pieces of an upload that never became an import waiting to be read (a request cut off while it was
 *   sending, a crash in between): RETENTION.orphanUploadMs after they were written. A normal upload turns its
 *   pieces into a waiting import as soon as its last byte arrives; the reading job deletes them.
 * The sweep runs at start and every RETENTION.sweepEveryMs in every server process (server.ts), and when a batch
 * export starts. Each sweep that removed something writes one audit row (`retention.sweep`, no actor).
 */
import { and, eq, isNotNull, lt, notExists, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { imports, uploadChunks } from "../imports/schema.ts";
import { jobs } from "./schema.ts";

const DAY = 24 * 3_600_000;

export const RETENTION = {
  /** A job's stored file (an export zip) is kept 7 days after the job finished. */
  jobFileMs: 7 * DAY,
  /** Pieces of an upload that did not become a waiting import are removed after 1 day. */
  orphanUploadMs: DAY,
  /** How often each server process sweeps: hourly. */
  sweepEveryMs: 3_600_000,
} as const;

export interface SweepResult {
  /** Jobs whose stored file was removed. */
  jobFiles: number;
  /** Uploads whose stored pieces were removed. */
  uploads: number;
}

export async function sweepExpired(db: Db, now: Date): Promise<SweepResult> {
  return transact(db, async (tx) => {
    const files = await tx
      .update(jobs)
      .set({ file: null })
      .where(and(lt(jobs.finishedAt, new Date(now.getTime() - RETENTION.jobFileMs)), isNotNull(jobs.file)))
      .returning({ id: jobs.id });
    const pieces = await tx
      .delete(uploadChunks)
      .where(
        and(
          lt(uploadChunks.createdAt, new Date(now.getTime() - RETENTION.orphanUploadMs)),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(imports)
              .where(and(eq(imports.id, uploadChunks.uploadId), eq(imports.state, "reading"))),
          ),
        ),
      )
      .returning({ uploadId: uploadChunks.uploadId });
    const result = { jobFiles: files.length, uploads: new Set(pieces.map((p) => p.uploadId)).size };
    if (result.jobFiles || result.uploads) {
      await recordAudit(tx, {
        action: "retention.sweep",
        entityType: "job",
        details: {
          ...result,
          jobIds: files.map((f) => f.id),
          retention: { jobFileDays: RETENTION.jobFileMs / DAY, orphanUploadDays: RETENTION.orphanUploadMs / DAY },
        },
        at: now,
      });
    }
    return result;
  });
}
