import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { JOB_STATES } from "./schema.ts";

export const JobSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    state: z.enum(JOB_STATES),
    done: z.number().int(),
    total: z.number().int().nullable(),
    message: z.string().nullable(),
    result: z.unknown(),
    error: z.unknown(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("Job");

export const getJobRoute = createRoute({
  method: "get",
  path: "/jobs/{id}",
  tags: ["jobs"],
  summary: "后台任务进度 / a background job's state and progress (its creator only)",
  request: { params: IdParam },
  responses: {
    200: { description: "The job", content: { "application/json": { schema: JobSchema } } },
    ...errorResponses(400, 401, 403, 404),
  },
});
