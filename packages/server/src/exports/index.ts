import { sendFile } from "../http/download.ts";
import { createRouter } from "../http/router.ts";
import { getBatch, getBatchFile, startBatch } from "./batch.service.ts";
import { exportRecordRoute, getBatchFileRoute, getBatchRoute, startBatchRoute } from "./exports.routes.ts";
import { exportRecord } from "./exports.service.ts";

export { BATCH_JOB, registerBatchExportJobs } from "./batch.service.ts";

// The batch routes come first: GET /exports/batch/{jobId} would otherwise match /exports/{type}/{id}.
export const exportsRouter = createRouter()
  .openapi(startBatchRoute, async (c) => c.json(await startBatch(c.var.deps, c.var.actor, c.req.valid("json")), 202))
  .openapi(getBatchRoute, async (c) => c.json(await getBatch(c.var.deps, c.var.actor, c.req.valid("param").jobId), 200))
  .openapi(getBatchFileRoute, async (c) => {
    const file = await getBatchFile(c.var.deps, c.var.actor, c.req.valid("param").jobId);
    return sendFile(c, { ...file, contentType: "application/zip" });
  })
  .openapi(exportRecordRoute, async (c) => {
    const { type, id } = c.req.valid("param");
    const q = c.req.valid("query");
    return sendFile(c, await exportRecord(c.var.deps, c.var.actor, type, id, { format: q.format, as: q.as }));
  });
