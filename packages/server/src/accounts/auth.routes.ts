import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { SessionSchema } from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

export const loginRoute = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "登录 / sign in (sets the HTTP-only session cookie, returns the CSRF token)",
  request: {
    body: {
      required: true,
      content: json(z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })),
    },
  },
  responses: {
    200: { description: "Signed in", content: json(SessionSchema) },
    ...errorResponses(400, 401, 403, 423, 429),
  },
});

export const sessionRoute = createRoute({
  method: "get",
  path: "/auth/session",
  tags: ["auth"],
  summary: "当前会话 / the current session",
  responses: {
    200: { description: "Signed in", content: json(SessionSchema) },
    ...errorResponses(401),
  },
});

export const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "退出 / sign out",
  responses: {
    204: { description: "Signed out" },
    ...errorResponses(401, 403),
  },
});

export const passwordRoute = createRoute({
  method: "post",
  path: "/auth/password",
  tags: ["auth"],
  summary: "修改密码 / change the password (other sessions of the account end)",
  request: {
    body: {
      required: true,
      content: json(z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })),
    },
  },
  responses: {
    204: { description: "Changed" },
    ...errorResponses(400, 401, 403),
  },
});
