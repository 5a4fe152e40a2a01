/**
 * Two app processes against one PostgreSQL serve the same users: sessions, CSRF tokens, lockout counters
 * and optimistic locks live in the database, not in process memory.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, PASSWORD, seedWorld, type World } from "./support/app.ts";
import { ensureServeBuilt } from "./support/serve-build.ts";
import { freshStore, type TestStore } from "./support/stores.ts";

const BIN = resolve(import.meta.dirname, "../../cli/bin/jixiao.js");

function startProcess(url: string): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], {
      env: { ...process.env, DATABASE_URL: url, HOST: "127.0.0.1", JIXIAO_DEMO: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => fail(new Error(`no start: ${out}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done({ child, base: m[1]! });
      }
    });
    child.stderr!.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("exit", (code) => fail(new Error(`exited ${code}: ${out}`)));
  });
}

/** A Client that talks to a real server over HTTP (the same cookie and CSRF handling). */
function httpClient(base: string): Client {
  const app = { request: (path: string, init: RequestInit) => fetch(`${base}${path}`, init) };
  return new Client(app as never);
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    child.once("exit", (code) => done(code));
    child.kill("SIGTERM");
  });
}

describe("two app processes on one PostgreSQL", () => {
  let store: TestStore;
  let world: World;
  let a: { child: ChildProcess; base: string };
  let b: { child: ChildProcess; base: string };
  beforeAll(async () => {
    await ensureServeBuilt(); // the processes run the server's build, as `npm start` does
    store = await freshStore("postgres");
    world = await seedWorld(store.handle.db);
    [a, b] = await Promise.all([startProcess(store.url!), startProcess(store.url!)]);
  });
  afterAll(async () => {
    const codes = await Promise.all([a, b].filter(Boolean).map((p) => stop(p.child)));
    expect(codes).toEqual([0, 0]);
    await store?.dispose();
  });

  it("shares sessions: sign in on A, work on B, sign out on B ends it on A", async () => {
    const onA = httpClient(a.base);
    expect((await onA.login("filler")).status).toBe(200);
    const onB = httpClient(b.base);
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    expect((await onB.get("/auth/session")).body.user.username).toBe("filler");
    const created = await onB.post("/projects", { orgId: world.unit.id, year: 2024, name: "两进程" });
    expect(created.status).toBe(201);
    // The optimistic lock holds across processes too.
    expect((await onA.patch(`/projects/${created.body.id}`, { version: 1, name: "A" })).status).toBe(200);
    const stale = await onB.patch(`/projects/${created.body.id}`, { version: 1, name: "B" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.name).toBe("A");
    expect((await onB.post("/auth/logout")).status).toBe(204);
    expect((await onA.get("/auth/session")).status).toBe(401);
  });

  it("counts failed sign-ins across processes: lockout after 5, wherever they came from", async () => {
    for (let i = 0; i < 5; i++) {
      const c = httpClient(i % 2 ? a.base : b.base);
      expect((await c.login("viewer", "Wrong-Password-1")).status).toBe(401);
    }
    expect((await httpClient(a.base).login("viewer", PASSWORD)).status).toBe(423);
    expect((await httpClient(b.base).login("viewer", PASSWORD)).status).toBe(423);
  });
});
