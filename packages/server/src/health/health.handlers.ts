import type { RouteHandler } from "@hono/zod-openapi";
import { ping } from "../db/open.ts";
import type { AppEnv } from "../http/context.ts";
import type { health } from "./health.routes.ts";

export const healthHandler: RouteHandler<typeof health, AppEnv> = async (c) => {
  const { deps } = c.var;
  await ping(deps.db);
  return c.json({ status: "ok" as const, store: deps.store, time: deps.now().toISOString() }, 200);
};
