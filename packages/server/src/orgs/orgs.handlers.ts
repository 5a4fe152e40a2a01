import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type { createOrgRoute, deleteOrgRoute, getOrgRoute, listOrgsRoute, updateOrgRoute } from "./orgs.routes.ts";
import { createOrg, deleteOrg, listOrgs, updateOrg, visibleOrg } from "./orgs.service.ts";
import { presentOrg } from "./presenters.ts";

export const listOrgsHandler: RouteHandler<typeof listOrgsRoute, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  return c.json({ items: await listOrgs(c.var.deps, c.var.actor, q) }, 200);
};

export const getOrgHandler: RouteHandler<typeof getOrgRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(presentOrg(await visibleOrg(c.var.deps.db, c.var.actor, id)), 200);
};

export const createOrgHandler: RouteHandler<typeof createOrgRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  return c.json(await createOrg(c.var.deps, c.var.actor, { ...body, parentId: body.parentId ?? null }), 201);
};

export const updateOrgHandler: RouteHandler<typeof updateOrgRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await updateOrg(c.var.deps, c.var.actor, id, c.req.valid("json")), 200);
};

export const deleteOrgHandler: RouteHandler<typeof deleteOrgRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await deleteOrg(c.var.deps, c.var.actor, id, c.req.valid("query").version);
  return c.body(null, 204);
};
