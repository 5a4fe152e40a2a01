/**
 * The tests' wait on a condition (support/wait.ts): it answers as soon as the condition holds, keeps asking while it
 * does not (letting other work run in between), fails after its overall limit naming what it waited for, and waits
 * for a job's end on the queue that can say when it is idle without asking the job's state before then.
 */
import { describe, expect, it } from "vitest";
import type { JobQueue } from "../src/jobs/queue.ts";
import { jobEnd, waitFor } from "./support/wait.ts";

const queueOf = (idle?: () => Promise<void>): JobQueue => ({
  engine: idle ? "in-process" : "pg-boss",
  register() {},
  enqueue: async () => "id",
  start: async () => {},
  stop: async () => {},
  ...(idle ? { idle } : {}),
});

describe("waitFor", () => {
  it("answers with the probe's first answer, asking until the condition holds", async () => {
    let asked = 0;
    const v = await waitFor("the fifth ask", async () => (++asked === 5 ? { asked } : undefined));
    expect(v).toEqual({ asked: 5 });
    expect(asked).toBe(5);
  });

  it("lets other work run between asks: a change made by a timer is seen", async () => {
    let done = false;
    setTimeout(() => {
      done = true;
    }, 30);
    const started = Date.now();
    expect(await waitFor("the timer", async () => (done ? "seen" : undefined))).toBe("seen");
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("fails after its overall limit, naming what it waited for", async () => {
    let asked = 0;
    const started = Date.now();
    const failure = await waitFor(
      "a condition that never holds",
      async () => {
        asked += 1;
        return undefined;
      },
      { limitMs: 100 },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    const took = Date.now() - started;
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain("a condition that never holds");
    // it waited out its limit (how much longer depends on the machine's load: no upper bound asserted)
    expect(took).toBeGreaterThanOrEqual(100);
    // asked again after the first, but not in a busy loop: the pauses grow (a loaded machine asks fewer times)
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(asked).toBeLessThan(100);
  });
});

describe("jobEnd", () => {
  it("on a queue that says when it is idle: reads the job once, after idle", async () => {
    let idle = false;
    const reads: boolean[] = [];
    const queue = queueOf(async () => {
      await new Promise((r) => setTimeout(r, 20));
      idle = true;
    });
    const v = await jobEnd(queue, async () => {
      reads.push(idle);
      return { state: idle ? "completed" : "running" };
    });
    expect(v).toEqual({ state: "completed" });
    expect(reads).toEqual([true]);
  });

  it("on a queue that is idle with the job not ended: says so rather than wait", async () => {
    const queue = queueOf(async () => {});
    await expect(jobEnd(queue, async () => ({ state: "queued" }))).rejects.toThrow("idle and the job is queued");
  });

  it("on a queue with no idle: reads the job until it has ended, completed or failed", async () => {
    for (const last of ["completed", "failed"]) {
      const states = ["queued", "running", "running", last];
      let i = 0;
      const v = await jobEnd(queueOf(), async () => ({ state: states[i++]! }));
      expect(v.state).toBe(last);
      expect(i).toBe(4);
    }
  });
});
