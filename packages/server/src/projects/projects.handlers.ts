import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { historyOf, snapshotListOf, snapshotOf } from "../workflow/history.ts";
import { decodeCursor, encodeCursor, filterKey, sortValue } from "./cursor.ts";
import { presentProject } from "./presenters.ts";
import type {
  approveProjectRoute,
  createProjectRoute,
  deleteProjectRoute,
  getProjectRoute,
  listProjectsRoute,
  projectHistoryRoute,
  projectSnapshotRoute,
  projectSnapshotsRoute,
  returnProjectRoute,
  reviseProjectRoute,
  submitProjectRoute,
  unitApproveProjectRoute,
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
  const { order, orgId, cursor, ...q } = c.req.valid("query");
  const desc = order === "desc";
  const filter = filterKey({ ...q, ...(orgId ? { orgId } : {}) });
  const after = cursor === undefined ? undefined : decodeCursor(cursor, q.sort, desc, filter);
  const result = await listProjectsFor(c.get("deps"), c.get("actor"), {
    ...q,
    ...(orgId ? { orgId } : {}),
    ...(after ? { after: { value: after.value, id: after.id }, knownTotal: after.total } : {}),
    desc,
  });
  // A full page has a next one (perhaps empty): its token is this page's last row, with the count.
  const last = result.items.length === q.pageSize ? result.items[result.items.length - 1] : undefined;
  const nextCursor = last
    ? encodeCursor({ sort: q.sort, desc, value: sortValue(last, q.sort), id: last.id, total: result.total, filter })
    : null;
  return c.json({ ...result, nextCursor }, 200);
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

export const unitApproveProjectHandler: RouteHandler<typeof unitApproveProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await transitionProject(c.var.deps, c.var.actor, id, "unit_approve", c.req.valid("json")), 200);
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
  return c.json(await historyOf(c.var.deps.db, "project", id), 200);
};

export const projectSnapshotsHandler: RouteHandler<typeof projectSnapshotsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await projectFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotListOf(c.var.deps.db, "project", id), 200);
};

export const projectSnapshotHandler: RouteHandler<typeof projectSnapshotRoute, AppEnv> = async (c) => {
  const { id, snapshotId } = c.req.valid("param");
  await projectFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotOf(c.var.deps.db, "project", id, snapshotId), 200);
};

export const reviseProjectHandler: RouteHandler<typeof reviseProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await reviseProject(c.var.deps, c.var.actor, id, c.req.valid("json")), 201);
};
