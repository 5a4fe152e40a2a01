import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { sendFile } from "../http/download.ts";
import type * as r from "./results.routes.ts";
import { recommendationsFor, rulesFor, summaryFor, trendsFor, updateRules } from "./results.service.ts";
import { exportSummary } from "./summary-export.ts";

export const getRulesHandler: RouteHandler<typeof r.getRulesRoute, AppEnv> = async (c) =>
  c.json(await rulesFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const putRulesHandler: RouteHandler<typeof r.putRulesRoute, AppEnv> = async (c) =>
  c.json(await updateRules(c.var.deps, c.var.actor, c.req.valid("json")), 200);

export const recommendationsHandler: RouteHandler<typeof r.recommendationsRoute, AppEnv> = async (c) =>
  c.json(await recommendationsFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const summaryHandler: RouteHandler<typeof r.summaryRoute, AppEnv> = async (c) =>
  c.json(await summaryFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const summaryExportHandler: RouteHandler<typeof r.summaryExportRoute, AppEnv> = async (c) =>
  sendFile(c, await exportSummary(c.var.deps, c.var.actor, c.req.valid("query")));

export const trendsHandler: RouteHandler<typeof r.trendsRoute, AppEnv> = async (c) =>
  c.json(await trendsFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);
