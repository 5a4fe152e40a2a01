/**
 * Issue 15, finding 6 — security headers on every page and answer: a Content-Security-Policy without inline
 * script (and frame-ancestors 'none'), X-Frame-Options, nosniff and a Referrer-Policy — on the web app, its
 * assets and fallback routes, /public, /api/docs and the API, errors included. The pages themselves carry no
 * inline script, so the policy does not break them.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/http/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const WEB_DIST = resolve(import.meta.dirname, "../../web/dist");

function expectHardened(res: Response, where: string) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp, where).toMatch(/default-src 'self'/);
  expect(csp, where).toMatch(/script-src 'self'(;|$)/);
  expect(csp, where).toMatch(/frame-ancestors 'none'/);
  expect(csp, where).toMatch(/object-src 'none'/);
  expect(csp, where).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(res.headers.get("x-frame-options"), where).toBe("DENY");
  expect(res.headers.get("x-content-type-options"), where).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), where).toBe("no-referrer");
}

/** Every <script> of a page loads a file: no inline script for the CSP to refuse. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\bsrc=/.test(m[1]!) || m[2]!.trim() !== "")
    .map((m) => m[0].slice(0, 80));
}

describe.each(STORES)("security headers on %s", (kind) => {
  const { t } = appForSuite(kind);

  it("sends them on the API, its errors, the docs page and the public site", async () => {
    const paths = [
      "/api/v1/health",
      "/api/v1/projects", // 401
      "/api/v1/no-such-route", // 404
      "/api/openapi.json",
      "/api/docs",
      "/api/docs.js",
      "/public",
      "/public/no-such-page",
      "/",
    ];
    for (const p of paths) expectHardened(await t.app.request(p), p);
    const malformed = await t.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(400);
    expectHardened(malformed, "400");
  });

  it("serves the docs page without inline script (its code is a file of its own)", async () => {
    const html = await (await t.app.request("/api/docs")).text();
    expect(inlineScripts(html)).toEqual([]);
    expect(html).toContain('<script src="/api/docs.js"></script>');
    const js = await t.app.request("/api/docs.js");
    expect(js.headers.get("content-type")).toMatch(/javascript/);
    expect(await js.text()).toContain("/api/openapi.json");
  });

  it.runIf(existsSync(join(WEB_DIST, "index.html")))(
    "sends them on the built web app, its assets and its client routes; the app has no inline script",
    async () => {
      const app = createApp(t.deps, { webDist: WEB_DIST });
      const index = await app.request("/");
      expectHardened(index, "/");
      expect(inlineScripts(await index.text())).toEqual([]);
      expectHardened(await app.request("/projects/123"), "SPA fallback");
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(join(WEB_DIST, "index.html"), "utf8"))![1]!;
      const js = await app.request(asset);
      expect(js.status).toBe(200);
      expectHardened(js, asset);
    },
  );
});
