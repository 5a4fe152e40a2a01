/**
 * Issue 15, finding 4 — expired job results are removed (jobs/retention.ts): an export's zip is kept
 * RETENTION.jobFileMs after its job finished, then the sweep removes it (the job row and its result description
 * stay) and it is no longer served even before the sweep ran; the stored pieces of an upload that never became a
 * waiting import go after RETENTION.orphanUploadMs, those of a waiting import stay. A sweep that removed something
 * is audited once; one that found nothing writes nothing.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { BATCH_JOB } from "../src/exports/batch.service.ts";
import { imports, uploadChunks } from "../src/imports/schema.ts";
import { RETENTION, sweepExpired } from "../src/jobs/retention.ts";
import { jobs } from "../src/jobs/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const HOUR = 3_600_000;

describe.each(STORES)("retention of job results and uploads on %s", (kind) => {
  const { t, reviewer } = appForSuite(kind, ["reviewer"]);

  const ago = (ms: number) => new Date(t.clock.now.getTime() - ms);
  const zipBytes = new TextEncoder().encode("PK-not-really-a-zip");

  async function finishedBatch(finishedAt: Date) {
    const [row] = await t.deps.db
      .insert(jobs)
      .values({
        name: BATCH_JOB,
        state: "completed",
        payload: {},
        createdBy: (await t.deps.db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.username, "reviewer") }))!.id,
        orgId: t.world.unit.id,
        finishedAt,
        result: { zip: { fileName: "批量导出.zip", size: zipBytes.length, sha256: "x" } },
        file: zipBytes,
      })
      .returning({ id: jobs.id });
    return row!.id;
  }

  async function storedPiece(uploadId: string, writtenAt: Date) {
    await t.deps.db.insert(uploadChunks).values({ uploadId, seq: 0, data: new Uint8Array([1, 2, 3]) });
    await t.deps.db.update(uploadChunks).set({ createdAt: writtenAt }).where(eq(uploadChunks.uploadId, uploadId));
  }

  const hasZip = async (id: string) =>
    (
      await t.deps.db
        .select({ has: sql<boolean>`${jobs.file} IS NOT NULL` })
        .from(jobs)
        .where(eq(jobs.id, id))
    )[0]!.has;

  const sweeps = async () =>
    t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "retention.sweep")).orderBy(auditEvents.at);

  it("removes zips past their keeping period and orphaned upload pieces, keeps the rest, audited once", async () => {
    const old = await finishedBatch(ago(RETENTION.jobFileMs + HOUR));
    const recent = await finishedBatch(ago(RETENTION.jobFileMs - HOUR));
    // Past the keeping period, the zip is no longer served, even before a sweep removed it.
    const refused = await reviewer.get(`/exports/batch/${old}/file`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toContain("7 天");
    const served = await t.app.request(`/api/v1/exports/batch/${recent}/file`, {
      headers: { Cookie: reviewer.cookie! },
    });
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(zipBytes);

    const orphanOld = randomUUID();
    const orphanNew = randomUUID();
    const waiting = randomUUID();
    await storedPiece(orphanOld, ago(RETENTION.orphanUploadMs + HOUR));
    await storedPiece(orphanNew, ago(RETENTION.orphanUploadMs - HOUR));
    // An import waiting for its reading job keeps its pieces, however old.
    await t.deps.db.insert(imports).values({
      id: waiting,
      orgId: t.world.unit.id,
      year: 2024,
      fileName: "大文件.xlsx",
      sha256: "y",
      size: 3,
      state: "reading",
    });
    await storedPiece(waiting, ago(RETENTION.orphanUploadMs * 3));

    const result = await sweepExpired(t.deps.db, t.clock.now);
    expect(result).toEqual({ jobFiles: 1, uploads: 1 });
    expect(await hasZip(old)).toBe(false);
    expect(await hasZip(recent)).toBe(true);
    // The job and the description of its result stay.
    const view = await reviewer.get(`/exports/batch/${old}`);
    expect(view.status).toBe(200);
    expect(view.body.result.zip.fileName).toBe("批量导出.zip");
    const left = await t.deps.db.selectDistinct({ id: uploadChunks.uploadId }).from(uploadChunks);
    expect(left.map((r) => r.id).sort()).toEqual([orphanNew, waiting].sort());

    const audited = await sweeps();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actorId).toBeNull();
    expect(audited[0]!.details).toMatchObject({ jobFiles: 1, uploads: 1, jobIds: [old] });

    // Nothing more to remove: nothing is written.
    expect(await sweepExpired(t.deps.db, t.clock.now)).toEqual({ jobFiles: 0, uploads: 0 });
    expect(await sweeps()).toHaveLength(1);

    // A day later the other orphan goes; a week later the recent zip.
    t.clock.advance(RETENTION.jobFileMs);
    expect(await sweepExpired(t.deps.db, t.clock.now)).toEqual({ jobFiles: 1, uploads: 1 });
    expect(await hasZip(recent)).toBe(false);
    const still = await t.deps.db
      .select({ id: uploadChunks.uploadId })
      .from(uploadChunks)
      .where(and(eq(uploadChunks.uploadId, waiting)));
    expect(still).toHaveLength(1);
    expect(await sweeps()).toHaveLength(2);
  });
});
