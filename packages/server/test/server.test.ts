import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/demo/seed.ts";
import { startServer } from "../src/server.ts";
import { freshStore } from "./support/stores.ts";

async function login(url: string, username: string, password: string) {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return {
    status: r.status,
    cookie: r.headers.get("set-cookie")?.split(";")[0],
    body: (await r.json()) as { user: { mustChangePassword: boolean } },
  };
}

describe("startServer on PGlite (the embedded default)", () => {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-serve-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the database, loads the demo once, serves /health, refuses a second process, restarts cleanly", async () => {
    const first = await startServer({ port: 0, host: "127.0.0.1", dataDir: dir, logError: () => {} });
    try {
      expect(first.created?.kind).toBe("demo");
      expect([...new Set(first.created?.accounts.map((a) => a.role))].sort()).toEqual([
        "auditor",
        "filler",
        "reviewer",
        "secadmin",
        "sysadmin",
        "unit_approver",
        "viewer",
      ]);
      const health = await fetch(`${first.url}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", store: "pglite" });
      const signedIn = await login(first.url, "demo-filler", DEMO_PASSWORD);
      expect(signedIn.status).toBe(200);
      const list = await fetch(`${first.url}/api/v1/projects`, { headers: { Cookie: signedIn.cookie! } });
      const body = (await list.json()) as { items: { name: string; orgName: string }[] };
      expect(body.items.map((p) => p.name)).toEqual(["2024年度教育训练"]);
      const reviewer = await login(first.url, "demo-reviewer", DEMO_PASSWORD);
      const orgs = (await (
        await fetch(`${first.url}/api/v1/orgs`, { headers: { Cookie: reviewer.cookie! } })
      ).json()) as {
        items: { id: string; code: string }[];
      };
      expect(orgs.items.map((o) => o.code).sort()).toEqual(["312", "312007", "374", "374101", "420107", "530300"]);
      const qingshan = orgs.items.find((o) => o.code === "420107")!;
      const scores = await fetch(`${first.url}/api/v1/rollups/scores?orgId=${qingshan.id}&year=2020`, {
        headers: { Cookie: reviewer.cookie! },
      });
      expect(((await scores.json()) as { items: unknown[] }).items).toEqual([
        expect.objectContaining({ total: "92", grade: "优" }),
      ]);
      await expect(startServer({ port: 0, host: "127.0.0.1", dataDir: dir })).rejects.toThrow(/已被另一个进程占用/);
    } finally {
      await first.close();
    }
    const second = await startServer({ port: 0, host: "127.0.0.1", dataDir: dir, logError: () => {} });
    try {
      expect(second.created).toBeUndefined();
      expect((await login(second.url, "demo-viewer", DEMO_PASSWORD)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe("startServer on PostgreSQL", () => {
  it("creates the three administrators with random initial passwords to be changed, and no demo", async () => {
    const store = await freshStore("postgres");
    await store.handle.close();
    try {
      const server = await startServer({
        port: 0,
        host: "127.0.0.1",
        dataDir: "unused",
        databaseUrl: store.url!,
        logError: () => {},
      });
      try {
        expect(server.created?.kind).toBe("initial");
        const admin = server.created!.accounts.find((a) => a.role === "sysadmin")!;
        const r = await login(server.url, admin.username, admin.password);
        expect(r.status).toBe(200);
        expect(r.body.user.mustChangePassword).toBe(true);
        expect((await login(server.url, "demo-filler", DEMO_PASSWORD)).status).toBe(401);
      } finally {
        await server.close();
      }
    } finally {
      await store.dispose();
    }
  });
});
