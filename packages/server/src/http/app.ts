/**
 * The HTTP application: the API under /api/v1, its OpenAPI document at /api/openapi.json, a docs page at
 * /api/docs, and (when given) the built web app at / with an SPA fallback. One error handler at the edge.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { OpenAPIHono } from "@hono/zod-openapi";
import { DomainError } from "@jixiao/core";
import { HTTPException } from "hono/http-exception";
import { accountsRouter, authRouter } from "../accounts/index.ts";
import { auditRouter } from "../audit/index.ts";
import { refusalLog } from "../audit/refused.ts";
import { budgetsRouter } from "../budgets/index.ts";
import { carryRouter } from "../carry/index.ts";
import { deadlinesRouter } from "../deadlines/index.ts";
import { dutiesRouter } from "../duties/index.ts";
import { evaluationsRouter } from "../evaluations/index.ts";
import { expertsRouter } from "../experts/index.ts";
import { exportsRouter } from "../exports/index.ts";
import { goalsRouter } from "../goals/index.ts";
import { healthRouter } from "../health/index.ts";
import { importsRouter } from "../imports/index.ts";
import { indicatorsRouter } from "../indicators/index.ts";
import { jobsRouter } from "../jobs/index.ts";
import { libraryRouter } from "../library/index.ts";
import { monitoringRouter } from "../monitoring/index.ts";
import { forwardInBackground, notificationsRouter } from "../notifications/index.ts";
import { orgsRouter } from "../orgs/index.ts";
import { projectsRouter } from "../projects/index.ts";
import { publicationsRouter, publicPages } from "../publications/index.ts";
import { rectificationRouter } from "../rectification/index.ts";
import { resultsRouter } from "../results/index.ts";
import { reviewRouter } from "../review/index.ts";
import { rollupsRouter } from "../rollups/index.ts";
import { yearsRouter } from "../years/index.ts";
import { clientIp, clientIpMiddleware } from "./client-ip.ts";
import type { AppEnv, Deps } from "./context.ts";
import { DOCS_PAGE, DOCS_SCRIPT } from "./docs-page.ts";
import { errorBody, INTERNAL_ERROR, ServerError } from "./errors.ts";
import { securityHeaders } from "./headers.ts";
import { bodyLimits, declareBodyLimits, refusedValue } from "./limits.ts";
import { sessionMiddleware } from "./session.middleware.ts";

export interface AppOptions {
  /** The built web app (packages/web/dist); when absent or missing, / says the UI is not built. */
  webDist?: string;
}

/** Every area's router, mounted under /api/v1. */
export function apiRouter(): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>();
  // One statement per area, in this order: a single chain of every area's routes makes a type too complex for the
  // compiler (TS2590) once enough areas are mounted.
  api.route("/", healthRouter);
  api.route("/", authRouter);
  api.route("/", accountsRouter);
  api.route("/", orgsRouter);
  api.route("/", yearsRouter);
  api.route("/", projectsRouter);
  api.route("/", indicatorsRouter);
  api.route("/", goalsRouter);
  api.route("/", libraryRouter);
  api.route("/", carryRouter);
  api.route("/", evaluationsRouter);
  api.route("/", budgetsRouter);
  api.route("/", dutiesRouter);
  api.route("/", rollupsRouter);
  api.route("/", resultsRouter);
  api.route("/", monitoringRouter);
  api.route("/", deadlinesRouter);
  api.route("/", notificationsRouter);
  api.route("/", expertsRouter);
  api.route("/", rectificationRouter);
  api.route("/", importsRouter);
  api.route("/", reviewRouter);
  api.route("/", exportsRouter);
  api.route("/", publicationsRouter);
  api.route("/", jobsRouter);
  api.route("/", auditRouter);
  return api;
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>();

  app.use("*", securityHeaders());
  app.use("/api/*", async (c, next) => {
    c.set("deps", deps);
    // (X-Content-Type-Options and the other security headers: securityHeaders, on every answer)
    c.header("Cache-Control", "no-store");
    await next();
  });
  app.use("/api/*", clientIpMiddleware());
  app.use("/api/v1/*", sessionMiddleware());
  app.use("/api/v1/*", bodyLimits());
  // After a change (or a notification list, which makes deadline reminders), forward the new notifications to the
  // webhook when one is set: in the background, the answer is not held up and a failure never reaches it.
  app.use("/api/v1/*", async (c, next) => {
    await next();
    if (c.req.method !== "GET" || c.req.path.startsWith("/api/v1/notifications")) forwardInBackground(deps);
  });
  app.route("/api/v1", apiRouter());
  declareBodyLimits(app);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Jixiao 绩效 API",
      version: "1",
      description:
        "预算绩效管理 / budget performance management. Errors: { error: { code, message, messageEn, location?, details? } }",
    },
  });
  app.get("/api/docs", (c) => c.html(DOCS_PAGE));
  app.get("/api/docs.js", (c) => c.body(DOCS_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  // The public disclosure site: no sign-in, published documents only.
  app.use("/public/*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use("/public", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.route("/public", publicPages());

  app.notFound((c) => {
    const { status, body } = errorBody(new DomainError("not_found", { zh: "接口不存在", en: "No such endpoint" }));
    if (c.req.path.startsWith("/api/")) return c.json(body, status);
    return c.text("Not found", 404);
  });

  const refusals = refusalLog();
  app.onError(async (err, c) => {
    if (err instanceof DomainError) {
      // "Please sign in" becomes "your session has ended" when a session cookie came with the request.
      const e =
        err.code === "unauthenticated" &&
        c.get("sessionEnded") &&
        !(err instanceof ServerError) &&
        c.req.path !== "/api/v1/auth/login"
          ? new ServerError("session_expired", {
              zh: "会话已结束（超时或已在别处退出），请重新登录",
              en: "Your session has ended (timed out or signed out elsewhere): please sign in again",
            })
          : err;
      const { status, body } = errorBody(e);
      if (
        (status === 403 || status === 404) &&
        c.req.path.startsWith("/api/v1/") &&
        !c.req.path.startsWith("/api/v1/public/")
      ) {
        await refusals
          .record(deps, {
            actor: c.get("actor"),
            ip: clientIp(c),
            method: c.req.method,
            path: c.req.path,
            status,
            code: body.error.code,
          })
          .catch((x) => deps.logError(x));
      }
      return c.json(body, status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const { body } = errorBody(
        new DomainError("invalid_input", {
          zh: "请求格式错误（例如 JSON 无法解析）",
          en: "Malformed request (e.g. the JSON cannot be parsed)",
        }),
      );
      return c.json(body, err.status);
    }
    const refused = refusedValue(err);
    if (refused) {
      const { status, body } = errorBody(refused);
      return c.json(body, status);
    }
    deps.logError(err);
    return c.json(INTERNAL_ERROR, 500);
  });

  mountWeb(app, options.webDist);
  return app;
}

function mountWeb(app: OpenAPIHono<AppEnv>, webDist: string | undefined) {
  const index = webDist ? join(webDist, "index.html") : undefined;
  if (!webDist || !index || !existsSync(index)) {
    app.get("/", (c) =>
      c.html(
        `<!doctype html><meta charset="utf-8"><title>Jixiao 绩效</title><h1>Jixiao 绩效</h1>
<p>界面尚未构建（npm run build -w packages/web）。API 可用：<a href="/api/docs">/api/docs</a>，<a href="/api/v1/health">/api/v1/health</a>。</p>
<p>The web UI is not built yet (npm run build -w packages/web). The API works: <a href="/api/docs">/api/docs</a>.</p>`,
      ),
    );
    return;
  }
  const html = readFileSync(index, "utf8");
  app.use("/*", serveStatic({ root: webDist }));
  // SPA fallback: any other GET outside /api is the app's own route.
  app.get("*", (c) => (c.req.path.startsWith("/api/") ? c.notFound() : c.html(html)));
}
