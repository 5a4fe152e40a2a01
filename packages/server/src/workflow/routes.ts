/**
 * The workflow routes every reviewable area has, built the same way for projects, department goals and
 * self-evaluations: one POST per action, the transition history and the version snapshots.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import type { WorkflowAction } from "./rules.ts";
import { ACTION_PATHS } from "./rules.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

const IdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

export const TransitionBody = z
  .object({
    version: z.number().int().openapi({ description: "The version you read (optimistic lock)" }),
    comment: z.string().trim().max(2000).optional().openapi({ description: "Required for a return" }),
  })
  .openapi("WorkflowAction");

/** POST /<area>/{id}/<action> answering the record in its new state. */
export function workflowActionRoute<T extends z.ZodType>(
  area: string,
  action: WorkflowAction,
  record: T,
  summary: string,
) {
  return createRoute({
    method: "post",
    path: `/${area}/{id}/${ACTION_PATHS[action]}`,
    tags: ["workflow"],
    summary,
    request: { params: IdParam, body: { required: true, content: json(TransitionBody) } },
    responses: {
      200: { description: "The record in its new state", content: json(record) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });
}

export const TransitionSchema = z
  .object({
    fromState: z.string(),
    toState: z.string(),
    action: z.string().openapi({ description: "submit, unit_approve, approve or return" }),
    actorId: z.string().uuid(),
    actorName: z.string().nullable().openapi({ description: "The account's display name (or username)" }),
    comment: z.string().nullable(),
    entityVersion: z.number().int().openapi({ description: "The record's version after the step" }),
    at: z.string(),
    from: z.string().openapi({ description: "= fromState" }),
    to: z.string().openapi({ description: "= toState" }),
    version: z.number().int().openapi({ description: "= entityVersion" }),
    createdAt: z.string().openapi({ description: "= at" }),
  })
  .openapi("WorkflowTransition");

export type Transition = z.infer<typeof TransitionSchema>;

export function historyRoute(area: string, summary: string) {
  return createRoute({
    method: "get",
    path: `/${area}/{id}/transitions`,
    tags: ["workflow"],
    summary,
    request: { params: IdParam },
    responses: {
      200: { description: "Transitions, oldest first", content: json(z.object({ items: z.array(TransitionSchema) })) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
}

export const SnapshotSummarySchema = z
  .object({
    id: z.string().uuid(),
    version: z.number().int(),
    state: z.string().openapi({ description: "submitted or approved: the state the version was taken in" }),
    createdAt: z.string(),
    actorName: z.string().nullable().optional(),
  })
  .openapi("RecordSnapshotSummary");

export const SnapshotSchema = SnapshotSummarySchema.extend({
  snapshot: z.unknown().openapi({ description: "The record as it was, with its rows (indicators or items)" }),
}).openapi("RecordSnapshot");

export function snapshotsRoute(area: string, summary: string) {
  return createRoute({
    method: "get",
    path: `/${area}/{id}/snapshots`,
    tags: ["workflow"],
    summary,
    request: { params: IdParam },
    responses: {
      200: {
        description: "Snapshots, oldest first",
        content: json(z.object({ items: z.array(SnapshotSummarySchema) })),
      },
      ...errorResponses(400, 401, 403, 404),
    },
  });
}

export function snapshotRoute(area: string, summary: string) {
  return createRoute({
    method: "get",
    path: `/${area}/{id}/snapshots/{snapshotId}`,
    tags: ["workflow"],
    summary,
    request: {
      params: IdParam.extend({
        snapshotId: z
          .string()
          .uuid()
          .openapi({ param: { name: "snapshotId", in: "path" } }),
      }),
    },
    responses: {
      200: { description: "The snapshot", content: json(SnapshotSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
}
