import type { RouteHandler } from "@hono/zod-openapi";
import { requireActor } from "../accounts/authorize.ts";
import type { AppEnv } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import type { getJobRoute } from "./jobs.routes.ts";
import { findJob, JOB_BLOB_KEY } from "./queue.ts";

export const getJobHandler: RouteHandler<typeof getJobRoute, AppEnv> = async (c) => {
  const actor = requireActor(c.var.actor);
  const { id } = c.req.valid("param");
  const job = await findJob(c.var.deps.db, id);
  // Someone else's job is invisible: its payload and result may hold another organisation's data.
  if (!job || job.createdBy !== actor.accountId) throw notFound({ zh: "任务", en: "job" });
  return c.json(
    {
      id: job.id,
      name: job.name,
      state: job.state,
      done: job.done,
      total: job.total,
      message: job.message,
      result: withoutBlob(job.result),
      error: job.error ?? null,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
    },
    200,
  );
};

/** A job's result as shown: without the stored file it may hold (that is downloaded by its own route). */
export function withoutBlob(result: unknown): unknown {
  if (result === null || result === undefined) return null;
  if (typeof result !== "object" || Array.isArray(result) || !(JOB_BLOB_KEY in result)) return result;
  const { [JOB_BLOB_KEY]: _blob, ...rest } = result as Record<string, unknown>;
  return rest;
}
