/**
 * The writer pool's worker (pool.ts): writes pages (the page model, `WDocument`) as xlsx or docx for the thread
 * that sent them — or lays out a stored record's document first (`formPage`) and writes that page in each format
 * asked for, so that the sender only hands out data (issue 14). A writer's error goes back as data — a
 * `DomainError` with its code, text and location, anything else with its message and stack — so that the sender
 * reports it as it would have in its own thread; each format has its own outcome.
 */
import { parentPort } from "node:worker_threads";
import { DomainError } from "@jixiao/core";
import { type RenderError, type RenderOutcome, type RenderReply, type RenderRequest, render } from "./render.ts";

function asData(e: unknown): RenderError {
  return e instanceof DomainError
    ? { domain: true, code: e.code, text: e.text, location: e.location }
    : {
        domain: false,
        name: e instanceof Error ? e.name : "Error",
        message: e instanceof Error ? e.message : String(e),
        stack: e instanceof Error ? e.stack : undefined,
      };
}

const port = parentPort;
if (port) {
  port.on("message", async (m: RenderRequest) => {
    const written = await render(m.source, m.formats);
    const outcomes = written.map((o): RenderOutcome => ("data" in o ? o : { error: asData(o.error) }));
    const reply: RenderReply = { id: m.id, outcomes };
    const buffers = outcomes.flatMap((o) => ("data" in o ? [o.data.buffer as ArrayBuffer] : []));
    // The bytes move to the sender without a copy (each writer returns bytes of its own).
    port.postMessage(reply, [...new Set(buffers)]);
  });
}
