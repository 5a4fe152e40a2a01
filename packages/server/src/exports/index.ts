import { contentDisposition } from "@jixiao/documents";
import { createRouter } from "../http/router.ts";
import { exportRecordRoute } from "./exports.routes.ts";
import { exportRecord } from "./exports.service.ts";

export const exportsRouter = createRouter().openapi(exportRecordRoute, async (c) => {
  const { type, id } = c.req.valid("param");
  const q = c.req.valid("query");
  const file = await exportRecord(c.var.deps, c.var.actor, type, id, { format: q.format, as: q.as });
  return c.body(file.data as Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": file.contentType,
    "Content-Disposition": contentDisposition(file.fileName),
  }) as never;
});
