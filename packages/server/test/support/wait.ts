/**
 * Waiting on a condition in tests, never for a fixed time.
 * - `jobEnd`: a job's end. The in-process queue (PGlite) says when it is idle (`idle()`, jobs/queue.ts): the job's
 *   view is read once after that. pg-boss (PostgreSQL) has no such promise — its jobs may run in any instance — so
 *   the view is read until the job has ended (`waitFor`).
 * - `waitFor`: asks `probe` until it answers (anything but undefined): again at once after a turn of the event loop,
 *   then after pauses that grow to `maxPauseMs` (so a long job is not asked hundreds of times a second), for at
 *   most `limitMs` in all — a generous safety net, not a speed check — and then fails naming what it waited for.
 */
import type { JobQueue } from "../../src/jobs/queue.ts";

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: { limitMs?: number; maxPauseMs?: number } = {},
): Promise<T> {
  const limitMs = opts.limitMs ?? 240_000;
  const maxPauseMs = opts.maxPauseMs ?? 200;
  const end = Date.now() + limitMs;
  let pause = 0;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() >= end) throw new Error(`waited ${limitMs} ms for ${what}: not yet`);
    if (pause === 0) await new Promise((r) => setImmediate(r));
    else await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(0, end - Date.now()))));
    pause = pause === 0 ? 5 : Math.min(pause * 2, maxPauseMs);
  }
}

const ENDED = new Set(["completed", "failed"]);

/** The job's view once it has ended (completed or failed), on either queue: see above. */
export async function jobEnd<V extends { state: string }>(
  queue: JobQueue,
  view: () => Promise<V>,
  limitMs = 240_000,
): Promise<V> {
  const idle = (queue as Partial<{ idle(): Promise<void> }>).idle;
  if (typeof idle === "function") {
    await idle.call(queue);
    const v = await view();
    if (!ENDED.has(v.state)) throw new Error(`the queue is idle and the job is ${v.state}`);
    return v;
  }
  return waitFor(
    "the job's end",
    async () => {
      const v = await view();
      return ENDED.has(v.state) ? v : undefined;
    },
    { limitMs },
  );
}
