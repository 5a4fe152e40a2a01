import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { sendFile } from "../http/download.ts";
import { receiveUpload } from "../imports/receive.ts";
import type * as r from "./rectification.routes.ts";
import {
  addAttachment,
  createFromEvaluation,
  createItem,
  getAttachment,
  getItem,
  listItemsFor,
  proposalsFor,
  removeAttachment,
  stepItem,
} from "./rectification.service.ts";
import { exportRectificationReport } from "./report.ts";

export const listItemsHandler: RouteHandler<typeof r.listItemsRoute, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  return c.json(
    await listItemsFor(c.var.deps, c.var.actor, {
      ...q,
      overdue: q.overdue === undefined ? undefined : q.overdue === "true",
    }),
    200,
  );
};

export const createItemHandler: RouteHandler<typeof r.createItemRoute, AppEnv> = async (c) =>
  c.json(await createItem(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const proposalsHandler: RouteHandler<typeof r.proposalsRoute, AppEnv> = async (c) =>
  c.json(await proposalsFor(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const createFromEvaluationHandler: RouteHandler<typeof r.createFromEvaluationRoute, AppEnv> = async (c) =>
  c.json(await createFromEvaluation(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 201);

export const getItemHandler: RouteHandler<typeof r.getItemRoute, AppEnv> = async (c) =>
  c.json(await getItem(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const answerItemHandler: RouteHandler<typeof r.answerItemRoute, AppEnv> = async (c) =>
  c.json(await stepItem(c.var.deps, c.var.actor, c.req.valid("param").id, "answer", c.req.valid("json")), 200);
export const submitItemHandler: RouteHandler<typeof r.submitItemRoute, AppEnv> = async (c) =>
  c.json(await stepItem(c.var.deps, c.var.actor, c.req.valid("param").id, "submit", c.req.valid("json")), 200);
export const acceptItemHandler: RouteHandler<typeof r.acceptItemRoute, AppEnv> = async (c) =>
  c.json(await stepItem(c.var.deps, c.var.actor, c.req.valid("param").id, "accept", c.req.valid("json")), 200);
export const returnItemHandler: RouteHandler<typeof r.returnItemRoute, AppEnv> = async (c) =>
  c.json(await stepItem(c.var.deps, c.var.actor, c.req.valid("param").id, "return", c.req.valid("json")), 200);

export const uploadAttachmentHandler: RouteHandler<typeof r.uploadAttachmentRoute, AppEnv> = async (c) => {
  const { fileName } = c.req.valid("query");
  // The service authorises first, then asks for the file: the body is read only for an authorised upload.
  const view = await addAttachment(
    c.var.deps,
    c.var.actor,
    c.req.valid("param").id,
    (options) => receiveUpload(c.req.raw, fileName, options),
    c.req.header("content-type"),
  );
  return c.json(view, 201);
};

export const getAttachmentHandler: RouteHandler<typeof r.getAttachmentRoute, AppEnv> = async (c) =>
  sendFile(c, await getAttachment(c.var.deps, c.var.actor, c.req.valid("param").attachmentId));

export const deleteAttachmentHandler: RouteHandler<typeof r.deleteAttachmentRoute, AppEnv> = async (c) => {
  await removeAttachment(c.var.deps, c.var.actor, c.req.valid("param").attachmentId);
  return c.body(null, 204);
};

export const reportHandler: RouteHandler<typeof r.reportRoute, AppEnv> = async (c) =>
  sendFile(c, await exportRectificationReport(c.var.deps, c.var.actor, c.req.valid("query")));
