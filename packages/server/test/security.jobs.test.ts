/**
 * Issue 15, finding 4 — background jobs are bounded and fair: at most JOB_QUOTA.perAccount jobs queued or running
 * per account and JOB_QUOTA.perOrganisation per organisation (one more is 429 until one finishes, parallel
 * requests included), and on the one-at-a-time embedded queue an import never waits behind queued batch exports.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "@jixiao/core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inProcessQueue, JOB_QUOTA } from "../src/jobs/queue.ts";
import { jobs } from "../src/jobs/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("job quotas and a fair queue on %s", (kind) => {
  const { t } = appForSuite(kind);

  it("refuses the job past an account's quota (429), counting parallel requests, until one finishes", async () => {
    const queue = inProcessQueue(t.deps.db); // not started: everything stays queued
    const account = (await t.deps.db.query.accounts.findFirst())!.id;
    const other = randomUUID();
    const tries = await Promise.allSettled(
      Array.from({ length: JOB_QUOTA.perAccount + 4 }, () => queue.enqueue("export.batch", {}, { createdBy: account })),
    );
    expect(tries.filter((r) => r.status === "fulfilled")).toHaveLength(JOB_QUOTA.perAccount);
    const refused = tries.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect(refused.reason.apiCode).toBe("too_many_requests");
    expect(refused.reason.text.zh).toMatch(/已有 5 个后台任务/);
    // Someone else is not held back by it.
    await expect(queue.enqueue("export.batch", {}, { createdBy: other })).resolves.toBeTypeOf("string");
    // Once the queue runs them (no handler: they fail and finish), the account may queue again.
    await queue.start();
    await queue.idle();
    await queue.stop();
    await expect(queue.enqueue("export.batch", {}, { createdBy: account })).resolves.toBeTypeOf("string");
  });

  it("refuses the job past an organisation's quota", async () => {
    const queue = inProcessQueue(t.deps.db);
    const orgId = t.world.sibling.id;
    for (let i = 0; i < JOB_QUOTA.perOrganisation; i++) {
      await queue.enqueue("export.batch", {}, { orgId, createdBy: randomUUID() });
    }
    await expect(queue.enqueue("import.read", {}, { orgId, createdBy: randomUUID() })).rejects.toThrow(/本单位已有/);
  });

  it("runs a waiting import before the batch exports queued ahead of it", async () => {
    // The jobs the quota tests left queued are not this test's: finish them first.
    await t.deps.db.update(jobs).set({ state: "failed" }).where(eq(jobs.state, "queued"));
    const queue = inProcessQueue(t.deps.db);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    queue.register<{ n: number }>("export.batch", async ({ payload }) => {
      order.push(`export ${payload.n}`);
      if (payload.n === 1) await gate;
    });
    queue.register("import.read", async () => {
      order.push("import");
    });
    await queue.start();
    for (const n of [1, 2, 3]) await queue.enqueue("export.batch", { n }, { createdBy: randomUUID() });
    await queue.enqueue("import.read", {}, { createdBy: randomUUID() });
    release();
    await queue.idle();
    await queue.stop();
    expect(order).toEqual(["export 1", "import", "export 2", "export 3"]);
  });
});
