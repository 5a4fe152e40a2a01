import { DomainError } from "@jixiao/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findJob, inProcessQueue, type JobQueue, pgBossQueue } from "../src/jobs/queue.ts";
import { jobs } from "../src/jobs/schema.ts";
import { freshStore, STORES, type TestStore } from "./support/stores.ts";
import { jobEnd } from "./support/wait.ts";

describe.each(STORES)("job queue on %s", (kind) => {
  let store: TestStore;
  let queue: JobQueue;
  const seen: number[] = [];
  beforeAll(async () => {
    store = await freshStore(kind);
    const { db, pool } = store.handle;
    // A job left "running" by a crash before this start.
    await db.insert(jobs).values({ name: "count", state: "running", payload: { upTo: 1 } });
    queue = kind === "postgres" ? await pgBossQueue(db, pool!) : inProcessQueue(db);
    queue.register<{ upTo: number }>("count", async ({ payload, progress }) => {
      let sum = 0;
      for (let i = 1; i <= payload.upTo; i++) {
        sum += i;
        seen.push(i);
        await progress(i, payload.upTo, `第 ${i} 项`);
      }
      return { sum };
    });
    queue.register("fail", async () => {
      throw new DomainError("invalid_input", { zh: "第 3 行金额无效", en: "Row 3: invalid amount" }, { row: 3 });
    });
    await queue.start();
  });
  afterAll(async () => {
    await queue?.stop();
    await store?.dispose();
  });

  it(`runs a job to completion with progress (${kind === "postgres" ? "pg-boss" : "in-process"})`, async () => {
    expect(queue.engine).toBe(kind === "postgres" ? "pg-boss" : "in-process");
    const id = await queue.enqueue("count", { upTo: 5 }, { createdBy: null });
    const done = await jobEnd(queue, id, async () => (await findJob(store.handle.db, id))!);
    expect(done.state).toBe("completed");
    expect(done).toMatchObject({ done: 5, total: 5, message: "第 5 项", result: { sum: 15 } });
    expect(done.startedAt).toBeInstanceOf(Date);
    // asked again after the end: the row says so, at once
    await expect(queue.ended(id)).resolves.toBeUndefined();
  });

  it("records a failure with the domain error's message and location", async () => {
    const id = await queue.enqueue("fail", {});
    const failed = await jobEnd(queue, id, async () => (await findJob(store.handle.db, id))!);
    expect(failed.state).toBe("failed");
    expect(failed.error).toMatchObject({ code: "invalid_input", message: "第 3 行金额无效", location: { row: 3 } });
  });

  // In-process (PGlite) only: on PostgreSQL the jobs are pg-boss's, which retries one whose worker died once it
  // expires; nothing is marked at start.
  if (kind === "pglite")
    it("marks a job interrupted by a crash as failed at start", async () => {
      const rows = await store.handle.db.select().from(jobs);
      const interrupted = rows.find((r) => (r.payload as { upTo?: number }).upTo === 1);
      expect(interrupted).toMatchObject({ state: "failed", error: { code: "interrupted" } });
    });
});
