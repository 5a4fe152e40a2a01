/**
 * A small pool of worker threads that write pages as xlsx and docx (issue 14: a province's batch export on every
 * core instead of one). `write(page, format)` gives the same bytes as `writeXlsx` / `writeDocx` in this thread —
 * the workers run those functions — and `writeForm(doc, as, formats)` lays a stored record's document out in the
 * worker too (`formPage`) and writes it in each format: the sending thread only hands out data. The same errors: a `DomainError` comes back as one, with its code, text and
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
import type { ImportedDocument } from "@jixiao/core/model";
import type { Layout } from "./layouts.ts";
import type { WDocument } from "./model.ts";
import {
  type RenderError,
  type RenderFormat,
  type RenderOutcome,
  type RenderReply,
  type RenderRequest,
  type RenderSource,
  render,
} from "./render.ts";

export type PoolFormat = RenderFormat;

/** A file the pool wrote, or why it could not (a `DomainError` as one; anything else an `Error`). */
export type Written = { data: Uint8Array } | { error: unknown };

export interface WriterPool {
  /** How many workers write (0: this thread writes). */
  readonly size: number;
  write(page: WDocument, format: PoolFormat): Promise<Uint8Array>;
  /**
   * A stored record's document laid out as `as` in the forms' units (`formPage`) and written in each format, in
   * that order; an error laying it out is every format's. Rejects only when the worker died or the pool is closed.
   */
  writeForm(doc: ImportedDocument, as: Layout, formats: PoolFormat[]): Promise<Written[]>;
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

/** One outcome as the caller gets it: the bytes, or the error thrown again. */
function unwrap(o: Written): Uint8Array {
  if ("data" in o) return o.data;
  throw o.error;
}

/** An error sent back by a worker, as the error it was there. */
function fromData(e: RenderError): unknown {
  if (e.domain) return new DomainError(e.code, e.text, e.location);
  const out = new Error(e.message);
  out.name = e.name;
  if (e.stack) out.stack = e.stack;
  return out;
}

/** In this thread, the same function the workers call. */
const inThread: Pick<WriterPool, "write" | "writeForm"> = {
  write: async (page, format) => unwrap((await render({ page }, [format]))[0]!),
  writeForm: (doc, as, formats) => render({ doc, as }, formats),
};

interface Task extends Omit<RenderRequest, "id"> {
  id: number;
  resolve(outcomes: RenderOutcome[]): void;
  reject(e: Error): void;
}

const workerDied = (why: string) =>
  Object.assign(new Error(`document writer worker stopped: ${why}`), { name: "WorkerError" });

/**
 * A pool of `size` workers (default `writerPoolSize()`; at most one per page asked for at once, started on
 * demand). With size 0 the pages are written in this thread.
 */
export function writerPool(size = writerPoolSize()): WriterPool {
  if (size <= 0) return { size: 0, ...inThread, close: async () => {} };
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
      t.resolve(m.outcomes);
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
      w.postMessage({ id: t.id, source: t.source, formats: t.formats } satisfies RenderRequest);
    }
    for (const w of idle) w.unref();
  };

  const send = (source: RenderSource, formats: PoolFormat[]): Promise<Written[]> => {
    if (closed) return Promise.reject(workerDied("the pool is closed"));
    return new Promise<RenderOutcome[]>((resolve, reject) => {
      queue.push({ id: nextId++, source, formats, resolve, reject });
      pump();
    }).then((outcomes) => outcomes.map((o) => ("data" in o ? o : { error: fromData(o.error) })));
  };

  return {
    size,
    write: async (page, format) => unwrap((await send({ page }, [format]))[0]!),
    writeForm: (doc, as, formats) => send({ doc, as }, formats),
    async close() {
      closed = true;
      for (const t of queue.splice(0)) t.reject(workerDied("the pool is closed"));
      const all = [...idle, ...busy.keys()];
      idle.length = 0;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
