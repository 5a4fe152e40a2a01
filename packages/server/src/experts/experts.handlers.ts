import type { RouteHandler } from "@hono/zod-openapi";
import type { ExantePoints } from "@jixiao/core";
import type { AppEnv } from "../http/context.ts";
import { sendFile } from "../http/download.ts";
import { getExante, saveExante } from "./exante.service.ts";
import { exportExante } from "./exante-report.ts";
import type * as r from "./experts.routes.ts";
import {
  assign,
  createForm,
  decide,
  getAssignment,
  getTask,
  listAssignmentsFor,
  listExperts,
  listForms,
  myTasks,
  saveTask,
} from "./experts.service.ts";
import { exportExpertReview } from "./report.ts";

export const listFormsHandler: RouteHandler<typeof r.listFormsRoute, AppEnv> = async (c) =>
  c.json(await listForms(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const createFormHandler: RouteHandler<typeof r.createFormRoute, AppEnv> = async (c) =>
  c.json(await createForm(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const listExpertsHandler: RouteHandler<typeof r.listExpertsRoute, AppEnv> = async (c) =>
  c.json(await listExperts(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const listAssignmentsHandler: RouteHandler<typeof r.listAssignmentsRoute, AppEnv> = async (c) =>
  c.json(await listAssignmentsFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const assignHandler: RouteHandler<typeof r.assignRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  return c.json(
    await assign(c.var.deps, c.var.actor, { ...body, points: body.points as Partial<ExantePoints> | undefined }),
    201,
  );
};

export const getAssignmentHandler: RouteHandler<typeof r.getAssignmentRoute, AppEnv> = async (c) =>
  c.json(await getAssignment(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const decideHandler: RouteHandler<typeof r.decideRoute, AppEnv> = async (c) =>
  c.json(await decide(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const myTasksHandler: RouteHandler<typeof r.myTasksRoute, AppEnv> = async (c) =>
  c.json(await myTasks(c.var.deps, c.var.actor), 200);

export const getTaskHandler: RouteHandler<typeof r.getTaskRoute, AppEnv> = async (c) =>
  c.json(await getTask(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const saveTaskHandler: RouteHandler<typeof r.saveTaskRoute, AppEnv> = async (c) =>
  c.json(await saveTask(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const submitTaskHandler: RouteHandler<typeof r.submitTaskRoute, AppEnv> = async (c) =>
  c.json(
    await saveTask(c.var.deps, c.var.actor, c.req.valid("param").id, { ...c.req.valid("json"), submit: true }),
    200,
  );

export const getExanteHandler: RouteHandler<typeof r.getExanteRoute, AppEnv> = async (c) =>
  c.json(await getExante(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const saveExanteHandler: RouteHandler<typeof r.saveExanteRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  return c.json(
    await saveExante(c.var.deps, c.var.actor, c.req.valid("param").id, {
      ...body,
      points: body.points as Partial<ExantePoints> | undefined,
    }),
    200,
  );
};

export const exportAssignmentHandler: RouteHandler<typeof r.exportAssignmentRoute, AppEnv> = async (c) =>
  sendFile(
    c,
    await exportExpertReview(c.var.deps, c.var.actor, {
      id: c.req.valid("param").id,
      format: c.req.valid("query").format,
    }),
  );

export const exportExanteHandler: RouteHandler<typeof r.exportExanteRoute, AppEnv> = async (c) =>
  sendFile(c, await exportExante(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("query").format));
