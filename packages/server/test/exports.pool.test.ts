/**
 * The batch export's writer pool (issue 14): the same batch written by worker threads (JIXIAO_EXPORT_WORKERS=2)
 * and in the job's own thread (JIXIAO_EXPORT_WORKERS=0) gives the same zip — the same entries in the same order,
 * every xlsx and docx with the same parts (only the creation time in docProps/core.xml differs), the same 清单.txt —
 * the same result, and progress up to the total.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { importDocument, openZip, readExtractedText } from "@jixiao/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parts } from "../../documents/test/write/parts.ts";
import { openDatabase } from "../src/db/open.ts";
import { BATCH_JOB, registerBatchExportJobs } from "../src/exports/index.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { findJob, findJobFile, inProcessQueue } from "../src/jobs/queue.ts";
import { insertOrganisation } from "../src/orgs/repository.ts";
import { insertProject } from "../src/projects/repository.ts";
import { fiscalYears } from "../src/years/schema.ts";

const seed = importDocument(
  readExtractedText(
    readFileSync(join(import.meta.dirname, "../../../fixtures/seeds/004_8649601bbeaed617.txt"), "utf8"),
    "004.txt",
  ),
).document;

describe("batch export through the writer pool", () => {
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  let rootId: string;
  const errors: unknown[] = [];
  beforeAll(async () => {
    handle = await openDatabase({ pglite: await PGlite.create() });
    const db = handle.db;
    await db.insert(fiscalYears).values({ year: 2024 });
    const root = await insertOrganisation(db, { parentId: null, code: "13", name: "河北省公安厅交通警察总队" });
    rootId = root.id;
    for (let u = 1; u <= 2; u++) {
      const unit = await insertOrganisation(db, { parentId: root.id, code: `130${u}`, name: `第${u}交警支队` }, root);
      for (const p of seed.projects.slice(0, 4)) {
        const row = await insertProject(db, {
          orgId: unit.id,
          year: 2024,
          name: p.name,
          annualFunds: p.budget?.yuan ?? null,
          purpose: p.purpose ?? null,
          annualGoal: p.goal ?? null,
        });
        const l1 = await insertIndicator(db, { projectId: row.id, level: 1, name: "产出指标", sortOrder: 0 });
        const l2 = await insertIndicator(db, {
          projectId: row.id,
          level: 2,
          name: "数量指标",
          parentId: l1.id,
          sortOrder: 1,
        });
        for (const [i, ind] of p.indicators.entries())
          await insertIndicator(db, {
            projectId: row.id,
            level: 3,
            name: ind.name,
            parentId: l2.id,
            targetText: ind.target?.text ?? null,
            sortOrder: i + 2,
          });
      }
    }
  });
  afterAll(async () => {
    delete process.env.JIXIAO_EXPORT_WORKERS;
    await handle?.close();
  });

  async function batch(workers: string) {
    process.env.JIXIAO_EXPORT_WORKERS = workers;
    const queue = inProcessQueue(handle.db, (e) => errors.push(e));
    registerBatchExportJobs(queue, handle.db, (e) => errors.push(e));
    await queue.start();
    try {
      const id = await queue.enqueue(BATCH_JOB, {
        orgId: rootId,
        year: 2024,
        documents: ["project-goals"],
        formats: ["xlsx", "docx"],
        scope: { all: true },
        actor: { accountId: "00000000-0000-4000-8000-000000000000", username: "test" },
      });
      await queue.idle();
      return { ...(await findJob(handle.db, id))!, zip: (await findJobFile(handle.db, id))! };
    } finally {
      await queue.stop();
    }
  }

  it("gives the zip and the result the job's own thread gives", async () => {
    const one = await batch("0");
    const pooled = await batch("2");
    for (const job of [one, pooled]) {
      expect(job.state).toBe("completed");
      expect(job.done).toBe(16);
      expect(job.total).toBe(16);
    }
    const { zip: za, ...ra } = one.result as Record<string, unknown>;
    const { zip: zb, ...rb } = pooled.result as Record<string, unknown>;
    expect(rb).toEqual(ra);
    expect((ra.counts as { files: number }).files).toBe(16);
    expect((zb as { fileName: string }).fileName).toBe((za as { fileName: string }).fileName);
    const zipA = openZip(Buffer.from(one.zip), "a.zip");
    const zipB = openZip(Buffer.from(pooled.zip), "b.zip");
    const names = [...zipA.entries.keys()];
    expect([...zipB.entries.keys()]).toEqual(names);
    expect(names.filter((n) => n.endsWith(".docx"))).toHaveLength(8);
    for (const name of names) {
      if (/\.(xlsx|docx)$/.test(name)) expect(parts(zipB.read(name)!), name).toEqual(parts(zipA.read(name)!));
      else expect(zipB.readText(name), name).toBe(zipA.readText(name));
    }
    expect(errors).toEqual([]);
  });
});
