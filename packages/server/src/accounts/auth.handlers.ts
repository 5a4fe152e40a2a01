import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { clientIp } from "../http/client-ip.ts";
import type { AppEnv } from "../http/context.ts";
import type { loginRoute, logoutRoute, passwordRoute, sessionRoute } from "./auth.routes.ts";
import { changePassword, login, logout, SESSION_COOKIE } from "./auth.service.ts";
import { requireActor } from "./authorize.ts";
import { presentSession } from "./presenters.ts";

export { clientIp } from "../http/client-ip.ts";

function setSessionCookie(c: Context<AppEnv>, token: string) {
  const { settings } = c.var.deps;
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: settings.secureCookies,
    path: "/",
    maxAge: Math.floor(settings.absoluteTimeoutMs / 1000),
  });
}

export const loginHandler: RouteHandler<typeof loginRoute, AppEnv> = async (c) => {
  const { username, password } = c.req.valid("json");
  const { deps } = c.var;
  const ip = clientIp(c);
  const ua = c.req.header("user-agent");
  const result = await login(deps, { username, password, ...(ip ? { ip } : {}), ...(ua ? { userAgent: ua } : {}) });
  setSessionCookie(c, result.token);
  return c.json(presentSession(result.actor), 200);
};

export const sessionHandler: RouteHandler<typeof sessionRoute, AppEnv> = async (c) => {
  return c.json(presentSession(requireActor(c.var.actor)), 200);
};

export const logoutHandler: RouteHandler<typeof logoutRoute, AppEnv> = async (c) => {
  const actor = requireActor(c.var.actor);
  await logout(c.var.deps, actor, c.var.sessionTokenHash!, clientIp(c));
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  return c.body(null, 204);
};

export const passwordHandler: RouteHandler<typeof passwordRoute, AppEnv> = async (c) => {
  const actor = requireActor(c.var.actor);
  const body = c.req.valid("json");
  const ip = clientIp(c);
  const { token } = await changePassword(c.var.deps, actor, c.var.sessionTokenHash!, {
    ...body,
    ...(ip ? { ip } : {}),
  });
  setSessionCookie(c, token);
  return c.body(null, 204);
};
