/**
 * Issue 15, finding 9 (addresses) — every audit row written while answering a request carries the client's
 * address, not only sign-ins; behind a configured trusted proxy the address comes from X-Forwarded-For (its
 * right-most untrusted hop), and from anyone else that header is ignored.
 */
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { createApp } from "../src/http/app.ts";
import { clientIpOf } from "../src/http/client-ip.ts";
import { PASSWORD } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe("the client address", () => {
  it("is the socket's unless the socket is a trusted proxy", () => {
    expect(clientIpOf("10.0.0.5", "1.2.3.4", [])).toBe("10.0.0.5");
    expect(clientIpOf("10.0.0.5", "1.2.3.4", ["127.0.0.1"])).toBe("10.0.0.5");
    expect(clientIpOf("127.0.0.1", "203.0.113.9", ["127.0.0.1"])).toBe("203.0.113.9");
    expect(clientIpOf("::ffff:127.0.0.1", "203.0.113.9", ["127.0.0.1"])).toBe("203.0.113.9");
    // A client-written left part is not believed: the right-most hop not a trusted proxy is.
    expect(clientIpOf("127.0.0.1", "6.6.6.6, 203.0.113.9", ["127.0.0.1"])).toBe("203.0.113.9");
    expect(clientIpOf("127.0.0.1", "203.0.113.9, 10.1.1.1", ["127.0.0.1", "10.1.1.1"])).toBe("203.0.113.9");
    expect(clientIpOf("127.0.0.1", "garbage", ["127.0.0.1"])).toBe("127.0.0.1");
    expect(clientIpOf(undefined, "1.2.3.4", ["127.0.0.1"])).toBeUndefined();
  });
});

describe.each(STORES)("addresses in the audit trail on %s", (kind) => {
  const { t } = appForSuite(kind);

  it("records the client's address on every change, through a trusted proxy and directly", async () => {
    const app = createApp({ ...t.deps, settings: { ...t.deps.settings, trustedProxies: ["127.0.0.1"] } });
    const call = async (socket: string, path: string, init: RequestInit & { headers: Record<string, string> }) =>
      app.request(`/api/v1${path}`, init, { incoming: { socket: { remoteAddress: socket } } });
    const json = { "Content-Type": "application/json" };
    const login = await call("127.0.0.1", "/auth/login", {
      method: "POST",
      headers: { ...json, "X-Forwarded-For": "6.6.6.6, 203.0.113.9" },
      body: JSON.stringify({ username: "filler", password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const created = await call("127.0.0.1", "/projects", {
      method: "POST",
      headers: { ...json, Cookie: cookie, "X-CSRF-Token": csrf, "X-Forwarded-For": "203.0.113.9" },
      body: JSON.stringify({ orgId: t.world.unit.id, year: 2024, name: "有地址的项目" }),
    });
    expect(created.status).toBe(201);
    // Not through the proxy: the header is the client's own claim and is ignored.
    const direct = await call("10.0.0.5", "/projects", {
      method: "POST",
      headers: { ...json, Cookie: cookie, "X-CSRF-Token": csrf, "X-Forwarded-For": "1.2.3.4" },
      body: JSON.stringify({ orgId: t.world.unit.id, year: 2024, name: "直连的项目" }),
    });
    expect(direct.status).toBe(201);
    const rows = await t.deps.db
      .select({ action: auditEvents.action, ip: auditEvents.ip })
      .from(auditEvents)
      .where(eq(auditEvents.actorName, "filler"))
      .orderBy(desc(auditEvents.id))
      .limit(3);
    expect(rows.reverse()).toEqual([
      { action: "auth.login", ip: "203.0.113.9" },
      { action: "project.create", ip: "203.0.113.9" },
      { action: "project.create", ip: "10.0.0.5" },
    ]);
  });
});
