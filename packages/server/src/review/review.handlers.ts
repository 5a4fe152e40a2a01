import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type { decideReviewRoute, runReviewRoute } from "./review.routes.ts";
import { decideReview, runReview } from "./review.service.ts";

export const runReviewHandler: RouteHandler<typeof runReviewRoute, AppEnv> = async (c) => {
  const { type, id } = c.req.valid("param");
  return c.json(await runReview(c.var.deps, c.var.actor, type, id), 200);
};

export const decideReviewHandler: RouteHandler<typeof decideReviewRoute, AppEnv> = async (c) => {
  const { type, id } = c.req.valid("param");
  return c.json(await decideReview(c.var.deps, c.var.actor, type, id, c.req.valid("json")), 200);
};
