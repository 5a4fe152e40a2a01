import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type { commitImportRoute, getImportRoute, uploadImportRoute } from "./imports.routes.ts";
import { commitImport, getImport, uploadImport } from "./imports.service.ts";
import { receiveUpload } from "./receive.ts";

export const uploadImportHandler: RouteHandler<typeof uploadImportRoute, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  // The service authorises first, then asks for the file: the body is streamed only for an authorised upload.
  const { status, view } = await uploadImport(c.var.deps, c.var.actor, {
    orgId: q.orgId,
    year: q.year,
    receive: (options) => receiveUpload(c.req.raw, q.fileName, options),
  });
  return status === 201 ? c.json(view, 201) : c.json(view, 202);
};

export const getImportHandler: RouteHandler<typeof getImportRoute, AppEnv> = async (c) => {
  return c.json(await getImport(c.var.deps, c.var.actor, c.req.valid("param").id), 200);
};

export const commitImportHandler: RouteHandler<typeof commitImportRoute, AppEnv> = async (c) => {
  // The body is optional: without one (or without a JSON content type) nothing is overridden.
  const json = (c.req.header("content-type") ?? "").includes("application/json");
  const body = json ? (c.req.valid("json") as { unitOrgs?: Record<string, string> } | undefined) : undefined;
  return c.json(await commitImport(c.var.deps, c.var.actor, c.req.valid("param").id, body ?? {}), 200);
};
