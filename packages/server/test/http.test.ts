import { describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("HTTP skeleton on %s", (kind) => {
  const { t } = appForSuite(kind);

  it("GET /api/v1/health answers ok with the store", async () => {
    const r = await t.client().get("/health");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "ok", store: kind });
  });

  it("serves the OpenAPI document with every route under /api/v1 and every status declared", async () => {
    const r = await t.client().req("GET", "/api/openapi.json");
    expect(r.status).toBe(200);
    const paths = Object.keys(r.body.paths);
    expect(paths).toContain("/api/v1/health");
    expect(paths).toContain("/api/v1/auth/login");
    expect(paths).toContain("/api/v1/orgs/{id}");
    // The session middleware can answer 401 (no session) and 403 (CSRF, password change) on any route but
    // these; every route can answer 500.
    const middlewareFree = new Set(["get /api/v1/health", "get /api/v1/auth/session", "post /api/v1/auth/logout"]);
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(r.body.paths as Record<string, Record<string, { responses: object }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const declared = Object.keys(op.responses);
        // The public disclosure routes (GET, no sign-in) pass the middleware whatever the session.
        const free = middlewareFree.has(`${method} ${path}`) || path.startsWith("/api/v1/public/");
        const needed = free ? ["500"] : ["401", "403", "500"];
        for (const status of needed) if (!declared.includes(status)) missing.push(`${method} ${path} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("serves a self-contained docs page (no CDN)", async () => {
    const r = await t.client().req("GET", "/api/docs");
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain("/api/openapi.json");
    expect(String(r.body)).not.toMatch(/https?:\/\//);
  });

  it("answers an unknown API path with the error shape, 404", async () => {
    const r = await t.client().get("/nope");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { code: "not_found", message: "接口不存在", messageEn: "No such endpoint" } });
  });

  it("answers an invalid body with 400 in the project's error shape, not a raw ZodError", async () => {
    const r = await t.client().post("/auth/login", { username: "" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_input");
    expect(r.body.error.message).toMatch(/请求数据无效/);
    expect(r.body.error.messageEn).toMatch(/Invalid request/);
    expect(Array.isArray(r.body.error.details)).toBe(true);
  });

  it("answers malformed JSON with 400", async () => {
    const r = await t.client().req("POST", "/api/v1/auth/login", "{not json", { "Content-Type": "application/json" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_input");
  });

  it("says the UI is not built at / when there is no web build", async () => {
    const r = await t.client().req("GET", "/");
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain("界面尚未构建");
  });
});
