/**
 * A small pool of worker threads that write pages as xlsx and docx (issue 14: a province's batch export on every
 * core instead of one). `write(page, format)` gives the same bytes as `writeXlsx` / `writeDocx` in this thread —
 * the workers run those functions — and the same errors: a `DomainError` comes back as one, with its code, text and
 * location; any other error as an `Error` with the worker's message and stack. A worker that dies (out of memory, a
 * crash in a library) fails the page it was writing with an internal error and is replaced; the pool never waits
 * on a dead worker.
 *
 * Size: `JIXIAO_EXPORT_WORKERS` (0 writes in this thread: no workers), by default the cores node may use
 * (`os.availableParallelism()`). Where the worker is: beside this file — `render-worker.mjs` (which loads the
 * TypeScript through tsx) in the sources, `render-worker.js` in the built server (scripts/build-server.mjs builds it
 * as its own entry next to the chunk holding this code).
 */
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { DomainError } from "@jixiao/core";
import { writeDocx } from "./docx.ts";
import type { WDocument } from "./model.ts";
import type { RenderReply, RenderRequest } from "./render-worker.ts";
import { writeXlsx } from "./xlsx.ts";

export type PoolFormat = "xlsx" | "docx";

export interface WriterPool {
  /** How many workers write (0: this thread writes). */
  readonly size: number;
  write(page: WDocument, format: PoolFormat): Promise<Uint8Array>;
  /** Stops the workers; pages still waiting fail. */
  close(): Promise<void>;
}

/** The pool size asked for: `JIXIAO_EXPORT_WORKERS`, or the cores node may use. */
export function writerPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.JIXIAO_EXPORT_WORKERS?.trim();
  if (asked !== undefined && asked !== "") {
    const n = Number(asked);
    if (Number.isInteger(n) && n >= 0 && n <= 64) return n;
  }
  return Math.max(1, availableParallelism());
}

function workerFile(): string {
  const here = import.meta.filename;
  return join(dirname(here), here.endsWith(".ts") ? "render-worker.mjs" : "render-worker.js");
}

/** In this thread, the same functions the workers call. */
const inThread = (page: WDocument, format: PoolFormat) => (format === "xlsx" ? writeXlsx(page) : writeDocx(page));

interface Task extends RenderRequest {
  resolve(data: Uint8Array): void;
  reject(e: Error): void;
}

const workerDied = (why: string) =>
  Object.assign(new Error(`document writer worker stopped: ${why}`), { name: "WorkerError" });

/**
 * A pool of `size` workers (default `writerPoolSize()`; at most one per page asked for at once, started on
 * demand). With size 0 the pages are written in this thread.
 */
export function writerPool(size = writerPoolSize()): WriterPool {
  if (size <= 0) return { size: 0, write: inThread, close: async () => {} };
  const queue: Task[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Task>();
  let live = 0;
  let nextId = 1;
  let closed = false;

  const spawn = () => {
    const w = new Worker(workerFile());
    live++;
    // A worker waiting for work does not keep the process alive.
    w.unref();
    w.on("message", (m: RenderReply) => {
      const t = busy.get(w);
      if (!t || t.id !== m.id) return;
      busy.delete(w);
      if ("data" in m) t.resolve(m.data);
      else if (m.error.domain) t.reject(new DomainError(m.error.code, m.error.text, m.error.location));
      else {
        const e = new Error(m.error.message);
        e.name = m.error.name;
        if (m.error.stack) e.stack = m.error.stack;
        t.reject(e);
      }
      idle.push(w);
      pump();
    });
    let gone = false;
    // 'error' (an uncaught exception in the worker) is followed by 'exit': the first one counts.
    const died = (why: string) => {
      if (gone) return;
      gone = true;
      live--;
      const i = idle.indexOf(w);
      if (i >= 0) idle.splice(i, 1);
      const t = busy.get(w);
      busy.delete(w);
      t?.reject(workerDied(why));
      pump();
    };
    w.on("error", (e) => died(e.message));
    w.on("exit", (code) => died(`exit code ${code}`));
    return w;
  };

  const pump = () => {
    while (queue.length && !closed) {
      let w = idle.pop();
      if (!w) {
        if (live >= size) return;
        w = spawn();
      }
      const t = queue.shift()!;
      busy.set(w, t);
      w.ref();
      w.postMessage({ id: t.id, page: t.page, format: t.format } satisfies RenderRequest);
    }
    for (const w of idle) w.unref();
  };

  return {
    size,
    write(page, format) {
      if (closed) return Promise.reject(workerDied("the pool is closed"));
      return new Promise<Uint8Array>((resolve, reject) => {
        queue.push({ id: nextId++, page, format, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const t of queue.splice(0)) t.reject(workerDied("the pool is closed"));
      const all = [...idle, ...busy.keys()];
      idle.length = 0;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
