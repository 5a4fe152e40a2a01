/**
 * Waiting on a condition in tests, never for a fixed time.
 * - `jobEnd`: a job's end, as the queue that runs it announces it (`ended`, jobs/queue.ts: resolved once the
 *   outcome is written), then the job's view read once.
 * - `waitFor`: asks `probe` until it answers (anything but undefined), again after each turn of the event loop, so
 *   the work it waits for runs in between; the probe does its own I/O (a request, a read). After `limitMs` in all — a
 *   generous safety net, not a speed check — it fails naming what it waited for.
 */
import type { JobQueue } from "../../src/jobs/queue.ts";

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: { limitMs?: number } = {},
): Promise<T> {
  const limitMs = opts.limitMs ?? 240_000;
  const end = Date.now() + limitMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() >= end) throw new Error(`waited ${limitMs} ms for ${what}: not yet`);
    await new Promise((r) => setImmediate(r));
  }
}

const ENDED = new Set(["completed", "failed"]);

/** The job's view once it has ended (completed or failed), on either queue: see above. */
export async function jobEnd<V extends { state: string }>(
  queue: JobQueue,
  jobId: string,
  view: () => Promise<V>,
): Promise<V> {
  await queue.ended(jobId);
  const v = await view();
  if (!ENDED.has(v.state)) throw new Error(`the queue says job ${jobId} ended and its view says ${v.state}`);
  return v;
}
