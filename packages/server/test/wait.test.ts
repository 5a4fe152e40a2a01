/**
 * The tests' wait on a condition (support/wait.ts): it answers as soon as the condition holds, keeps asking while it
 * does not (letting other work run in between), fails after its overall limit naming what it waited for; and a
 * job's end is waited on as the queue announces it, the view read once after.
 */
import { describe, expect, it } from "vitest";
import type { JobQueue } from "../src/jobs/queue.ts";
import { jobEnd, waitFor } from "./support/wait.ts";

/** A queue whose only part here is `ended`: resolved when the test says so. */
const queueEnding = () => {
  let end: () => void = () => {};
  const ended = new Promise<void>((r) => {
    end = r;
  });
  const queue: JobQueue = {
    engine: "in-process",
    register() {},
    enqueue: async () => "id",
    start: async () => {},
    stop: async () => {},
    ended: () => ended,
  };
  return { queue, end };
};

describe("waitFor", () => {
  it("answers with the probe's first answer, asking until the condition holds", async () => {
    let asked = 0;
    const v = await waitFor("the fifth ask", async () => (++asked === 5 ? { asked } : undefined));
    expect(v).toEqual({ asked: 5 });
    expect(asked).toBe(5);
  });

  it("lets other work run between asks: a change made by other work is seen", async () => {
    let done = false;
    // other work: a few turns of the event loop away
    void (async () => {
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      done = true;
    })();
    expect(await waitFor("the other work", async () => (done ? "seen" : undefined))).toBe("seen");
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
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain("a condition that never holds");
    // it waited out its limit (how much longer depends on the machine's load: no upper bound asserted)
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(asked).toBeGreaterThanOrEqual(2);
  });
});

describe("jobEnd", () => {
  it("reads the job's view once, after the queue has announced its end", async () => {
    const { queue, end } = queueEnding();
    let announced = false;
    const reads: boolean[] = [];
    const waiting = jobEnd(queue, "id", async () => {
      reads.push(announced);
      return { state: announced ? "completed" : "running" };
    });
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    expect(reads).toEqual([]);
    announced = true;
    end();
    expect(await waiting).toEqual({ state: "completed" });
    expect(reads).toEqual([true]);
  });

  it("fails, saying so, when the view has not ended after the announcement", async () => {
    const { queue, end } = queueEnding();
    end();
    await expect(jobEnd(queue, "j1", async () => ({ state: "running" }))).rejects.toThrow(/j1.*running/);
  });
});
