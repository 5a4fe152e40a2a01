/**
 * The writer pool's worker (pool.ts): writes pages (the page model, `WDocument`) as xlsx or docx for the thread
 * that sent them. A writer's error goes back as data — a `DomainError` with its code, text and location, anything
 * else with its message and stack — so that the sender reports it as it would have in its own thread.
 */
import { parentPort } from "node:worker_threads";
import { DomainError } from "@jixiao/core";
import { writeDocx } from "./docx.ts";
import type { WDocument } from "./model.ts";
import { writeXlsx } from "./xlsx.ts";

export interface RenderRequest {
  id: number;
  page: WDocument;
  format: "xlsx" | "docx";
}

export type RenderReply =
  | { id: number; data: Uint8Array }
  | {
      id: number;
      error:
        | { domain: true; code: DomainError["code"]; text: DomainError["text"]; location: DomainError["location"] }
        | { domain: false; name: string; message: string; stack: string | undefined };
    };

export async function render(page: WDocument, format: "xlsx" | "docx"): Promise<Uint8Array> {
  return format === "xlsx" ? writeXlsx(page) : writeDocx(page);
}

const port = parentPort;
if (port) {
  port.on("message", async (m: RenderRequest) => {
    let reply: RenderReply;
    try {
      const data = await render(m.page, m.format);
      reply = { id: m.id, data };
      port.postMessage(reply, [data.buffer as ArrayBuffer]);
      return;
    } catch (e) {
      reply = {
        id: m.id,
        error:
          e instanceof DomainError
            ? { domain: true, code: e.code, text: e.text, location: e.location }
            : {
                domain: false,
                name: e instanceof Error ? e.name : "Error",
                message: e instanceof Error ? e.message : String(e),
                stack: e instanceof Error ? e.stack : undefined,
              },
      };
    }
    port.postMessage(reply);
  });
}
