import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { sendFile } from "../http/download.ts";
import { exportLibrary } from "./export.ts";
import type { entriesRoute, exportRoute, marksRoute, setMarkRoute, suggestionsRoute } from "./library.routes.ts";
import { entriesFor, marksFor, setMark, suggestionsFor } from "./library.service.ts";

export const suggestionsHandler: RouteHandler<typeof suggestionsRoute, AppEnv> = async (c) =>
  c.json(await suggestionsFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const entriesHandler: RouteHandler<typeof entriesRoute, AppEnv> = async (c) =>
  c.json(await entriesFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const marksHandler: RouteHandler<typeof marksRoute, AppEnv> = async (c) =>
  c.json(await marksFor(c.var.deps, c.var.actor, c.req.valid("query").orgId), 200);

export const setMarkHandler: RouteHandler<typeof setMarkRoute, AppEnv> = async (c) =>
  c.json(await setMark(c.var.deps, c.var.actor, c.req.valid("json")), 200);

export const exportHandler: RouteHandler<typeof exportRoute, AppEnv> = async (c) =>
  sendFile(c, await exportLibrary(c.var.deps, c.var.actor, c.req.valid("query")));
