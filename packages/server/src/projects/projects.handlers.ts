import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { transitionsOf } from "../workflow/repository.ts";
import { presentProject } from "./presenters.ts";
import type {
  approveProjectRoute,
  createProjectRoute,
  deleteProjectRoute,
  getProjectRoute,
  listProjectsRoute,
  projectHistoryRoute,
  returnProjectRoute,
  reviseProjectRoute,
  submitProjectRoute,
  updateProjectRoute,
} from "./projects.routes.ts";
import {
  createProject,
  deleteProjectFor,
  listProjectsFor,
  projectFor,
  reviseProject,
  transitionProject,
  updateProjectFor,
} from "./projects.service.ts";

export const listProjectsHandler: RouteHandler<typeof listProjectsRoute, AppEnv> = async (c) => {
  const { order, orgId, ...q } = c.req.valid("query");
  const result = await listProjectsFor(c.var.deps, c.var.actor, {
    ...q,
    ...(orgId ? { orgId } : {}),
    desc: order === "desc",
  });
  return c.json(result, 200);
};

export const getProjectHandler: RouteHandler<typeof getProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(presentProject(await projectFor(c.var.deps.db, c.var.actor, id)), 200);
};

export const createProjectHandler: RouteHandler<typeof createProjectRoute, AppEnv> = async (c) => {
  return c.json(await createProject(c.var.deps, c.var.actor, c.req.valid("json")), 201);
};

export const updateProjectHandler: RouteHandler<typeof updateProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await updateProjectFor(c.var.deps, c.var.actor, id, c.req.valid("json")), 200);
};

export const deleteProjectHandler: RouteHandler<typeof deleteProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await deleteProjectFor(c.var.deps, c.var.actor, id, c.req.valid("query").version);
  return c.body(null, 204);
};

export const submitProjectHandler: RouteHandler<typeof submitProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await transitionProject(c.var.deps, c.var.actor, id, "submit", c.req.valid("json")), 200);
};

export const approveProjectHandler: RouteHandler<typeof approveProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await transitionProject(c.var.deps, c.var.actor, id, "approve", c.req.valid("json")), 200);
};

export const returnProjectHandler: RouteHandler<typeof returnProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await transitionProject(c.var.deps, c.var.actor, id, "return", c.req.valid("json")), 200);
};

export const projectHistoryHandler: RouteHandler<typeof projectHistoryRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await projectFor(c.var.deps.db, c.var.actor, id);
  const rows = await transitionsOf(c.var.deps.db, "project", id);
  return c.json(
    {
      items: rows.map((r) => ({
        fromState: r.fromState,
        toState: r.toState,
        action: r.action,
        actorId: r.actorId,
        comment: r.comment,
        entityVersion: r.entityVersion,
        at: r.createdAt.toISOString(),
      })),
    },
    200,
  );
};

export const reviseProjectHandler: RouteHandler<typeof reviseProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await reviseProject(c.var.deps, c.var.actor, id, c.req.valid("json")), 201);
};
