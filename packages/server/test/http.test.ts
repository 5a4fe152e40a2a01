import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";

describe.each(STORES)("HTTP skeleton on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

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
    for (const ops of Object.values(r.body.paths) as Record<string, { responses: Record<string, unknown> }>[]) {
      for (const op of Object.values(ops)) expect(Object.keys(op.responses)).toContain("500");
    }
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
