/** A router for one area: OpenAPIHono with the project's validation-error hook. */
import { OpenAPIHono } from "@hono/zod-openapi";
import { DomainError } from "@jixiao/core";
import type { AppEnv } from "./context.ts";
import { errorBody } from "./errors.ts";

export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const path = issue?.path.map(String).join(".") ?? "";
      const e = new DomainError(
        "invalid_input",
        {
          zh: `请求数据无效${path ? `：${path}` : ""}（${issue?.message ?? "格式错误"}）`,
          en: `Invalid request${path ? ` at ${path}` : ""}: ${issue?.message ?? "bad format"}`,
        },
        path ? { path, field: String(issue?.path.at(-1) ?? "") } : undefined,
      );
      const { status, body } = errorBody(e);
      body.error.details = result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
      return c.json(body, status);
    },
  });
}
