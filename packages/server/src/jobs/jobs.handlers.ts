import type { RouteHandler } from "@hono/zod-openapi";
import { requireActor } from "../accounts/authorize.ts";
import type { AppEnv } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import type { getJobRoute } from "./jobs.routes.ts";
import { findJob } from "./queue.ts";

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
      // The job's file (a zip) is not in its result: it is downloaded by its own route.
      result: job.result ?? null,
      error: job.error ?? null,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
    },
    200,
  );
};
