import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";

export const HealthSchema = z
  .object({
    status: z.literal("ok"),
    store: z.enum(["pglite", "postgres"]),
    time: z.string().openapi({ example: "2026-01-01T00:00:00.000Z" }),
  })
  .openapi("Health");

export const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["system"],
  summary: "健康检查 / liveness and database check",
  responses: {
    200: {
      description: "The server and its database answer",
      content: { "application/json": { schema: HealthSchema } },
    },
    ...errorResponses(),
  },
});
