/**
 * Per request: the actor from the session cookie; CSRF check on writes; an initial password must be
 * changed before anything else.
 */
import type { MiddlewareHandler } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { CSRF_HEADER, resolveSession, SESSION_COOKIE, sameToken } from "../accounts/auth.service.ts";
import { unauthenticated } from "../accounts/authorize.ts";
import type { AppEnv } from "./context.ts";
import { ServerError } from "./errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** What a signed-in person who must change their password may still do. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = ["/auth/session", "/auth/logout", "/auth/password", "/health"];
/** The only write an anonymous request may make; every other anonymous write is 401 before its body is read. */
const ANONYMOUS_WRITES = new Set(["/auth/login"]);

export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  // c.get, not c.var, on every request's path: hono's `c.var` copies every variable into a new object per read.
  return async (c, next) => {
    c.set("actor", undefined);
    c.set("sessionTokenHash", undefined);
    c.set("sessionEnded", false);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = await resolveSession(c.get("deps"), token);
      if (found) {
        c.set("actor", found.actor);
        c.set("sessionTokenHash", found.tokenHash);
      } else {
        c.set("sessionEnded", true);
        deleteCookie(c, SESSION_COOKIE, { path: "/" });
      }
    }
    const actor = c.get("actor");
    if (!actor && !SAFE_METHODS.has(c.req.method) && !ANONYMOUS_WRITES.has(c.req.path.replace(/^\/api\/v1/, ""))) {
      throw unauthenticated();
    }
    if (actor && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameToken(sent, actor.csrfToken)) {
        throw new ServerError("csrf_failed", {
          zh: `缺少或错误的 CSRF 令牌（请求头 ${CSRF_HEADER}）`,
          en: `Missing or wrong CSRF token (header ${CSRF_HEADER})`,
        });
      }
    }
    if (actor?.mustChangePassword) {
      const path = c.req.path.replace(/^\/api\/v1/, "");
      // The public disclosure data needs no account at all, so no password change either.
      if (!ALLOWED_BEFORE_PASSWORD_CHANGE.includes(path) && !path.startsWith("/public/")) {
        throw new ServerError("password_change_required", {
          zh: "请先修改初始密码",
          en: "Change your initial password first",
        });
      }
    }
    await next();
  };
}
