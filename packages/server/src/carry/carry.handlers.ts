import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type { previousValuesRoute, runCarryForwardRoute } from "./carry.routes.ts";
import { previousValues, runCarryForward } from "./carry.service.ts";

export const runCarryForwardHandler: RouteHandler<typeof runCarryForwardRoute, AppEnv> = async (c) =>
  c.json(await runCarryForward(c.var.deps, c.var.actor, c.req.valid("json")), 200);

export const previousValuesHandler: RouteHandler<typeof previousValuesRoute, AppEnv> = async (c) =>
  c.json(await previousValues(c.var.deps, c.var.actor, c.req.valid("query")), 200);
