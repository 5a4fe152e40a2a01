/**
 * bench/load: the sustained-load check of issue 15 — a steady stream of mixed requests (100 per second by default)
 * for a bounded time (10 minutes by default) against the real server (`jixiao serve`, its own process, with the
 * demo data) on PostgreSQL on this machine, through real sockets. Prints p50 / p90 / p99 / max latency, the error
 * rate (any answer other than the one expected for its kind, a network error or a timeout), per kind, and the
 * server's memory at the start and the end.
 *
 *   npx tsx bench/load/run.ts [--rate 100] [--seconds 600] [--short]
 *
 * `--short` is 60 seconds; Ctrl-C stops early and still reports and cleans up. The arrivals are open-loop (sent on schedule whether or not earlier answers came back,
 * as users do), so queueing shows in the latency. Bounded in count and time: at most `rate × seconds` requests,
 * at most 500 in flight (a request that would exceed it is counted as an error, not sent), each given up after
 * 30 s; loopback only (a database URL whose host is not 127.0.0.1 / localhost / ::1 is refused).
 *
 * PostgreSQL: a throwaway database `jixiao_load_*` on BENCH_DATABASE_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres), created and dropped.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { join } from "node:path";
import pg from "pg";

const ROOT = join(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const RATE = Number(arg("rate", "100"));
const SECONDS = args.includes("--short") ? 60 : Number(arg("seconds", "600"));
const MAX_IN_FLIGHT = 500;
const TIMEOUT_MS = 30_000;
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PASSWORD = "Jixiao-Demo-2026"; // the demo accounts' (packages/server/src/demo/seed.ts)
if (!(RATE > 0 && RATE <= 1000 && SECONDS > 0 && SECONDS <= 3600)) throw new Error("--rate 1..1000, --seconds 1..3600");
if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(PG_URL).hostname)) {
  throw new Error(`loopback only: ${new URL(PG_URL).hostname} is not this machine`);
}

// ------------------------------------------------------------------------------------------------ the server
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number | undefined): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) of a process so far, in ms. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}

/** The server process: tsx runs node, which runs the app; its RSS is the app's. */
function serverPid(child: ChildProcess): number | undefined {
  try {
    const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/);
    return kids[0] ? Number(kids[0]) : child.pid;
  } catch {
    return child.pid;
  }
}

// ------------------------------------------------------------------------------------------------ clients
class Client {
  cookie = "";
  csrf = "";
  constructor(readonly base: string) {}
  async send(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== "GET" && this.csrf) headers["X-CSRF-Token"] = this.csrf;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    const cookie = res.headers.get("set-cookie")?.split(";")[0];
    if (cookie && /=.+/.test(cookie)) this.cookie = cookie;
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, json };
  }
  async login(username: string): Promise<{ memberships: { orgId: string | null }[] }> {
    const r = await this.send("POST", "/auth/login", { username, password: PASSWORD });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.json)}`);
    const body = r.json as { csrfToken: string; user: { memberships: { orgId: string | null }[] } };
    this.csrf = body.csrfToken;
    return body.user;
  }
}

// ------------------------------------------------------------------------------------------------ the mix
interface Kind {
  name: string;
  weight: number;
  /** Sends one request; answers its status. */
  run: () => Promise<number>;
  /** The statuses that are a correct answer for this kind. */
  ok: number[];
}

interface World {
  filler: Client;
  reviewer: Client;
  viewer: Client;
  auditor: Client;
  orgId: string;
  reviewerOrgId: string;
  year: number;
  projects: { id: string; version: number }[];
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

function mix(w: World, base: string): Kind[] {
  let created = 0;
  return [
    {
      name: "GET /projects (list page)",
      weight: 25,
      ok: [200],
      run: async () => (await w.filler.send("GET", `/projects?orgId=${w.orgId}&year=${w.year}&pageSize=20`)).status,
    },
    {
      name: "GET /projects/{id}",
      weight: 15,
      ok: [200],
      run: async () => (await w.filler.send("GET", `/projects/${pick(w.projects).id}`)).status,
    },
    {
      name: "GET /projects/{id}/indicators",
      weight: 10,
      ok: [200],
      run: async () => (await w.filler.send("GET", `/projects/${pick(w.projects).id}/indicators`)).status,
    },
    {
      name: "GET /rollups/execution",
      weight: 5,
      ok: [200],
      run: async () =>
        (await w.reviewer.send("GET", `/rollups/execution?orgId=${w.reviewerOrgId}&year=${w.year}`)).status,
    },
    {
      name: "GET /rollups/scores/summary",
      weight: 5,
      ok: [200],
      run: async () =>
        (await w.reviewer.send("GET", `/rollups/scores/summary?orgId=${w.reviewerOrgId}&year=${w.year}`)).status,
    },
    {
      name: "GET /workflow/todo/count",
      weight: 5,
      ok: [200],
      run: async () =>
        (await w.reviewer.send("GET", `/workflow/todo/count?orgId=${w.reviewerOrgId}&year=${w.year}`)).status,
    },
    {
      name: "GET /audit (auditor)",
      weight: 5,
      ok: [200],
      run: async () => (await w.auditor.send("GET", "/audit?pageSize=20")).status,
    },
    {
      name: "GET /health",
      weight: 5,
      ok: [200],
      run: async () => (await w.filler.send("GET", "/health")).status,
    },
    {
      name: "POST /projects (create)",
      weight: 6,
      ok: [201],
      run: async () => {
        const r = await w.filler.send("POST", "/projects", {
          orgId: w.orgId,
          year: w.year,
          name: `负载测试项目 ${++created}`,
        });
        const p = r.json as { id?: string; version?: number };
        if (r.status === 201 && p.id && w.projects.length < 2_000)
          w.projects.push({ id: p.id, version: p.version ?? 1 });
        return r.status;
      },
    },
    {
      // An edit with the version last seen: 409 when another edit got there first is the correct answer.
      name: "PATCH /projects/{id} (edit)",
      weight: 6,
      ok: [200, 409],
      run: async () => {
        const p = pick(w.projects);
        const r = await w.filler.send("PATCH", `/projects/${p.id}`, {
          version: p.version,
          annualFunds: `${1000 + Math.floor(Math.random() * 9000)}.${String(Math.floor(Math.random() * 100)).padStart(2, "0")}`,
        });
        const body = r.json as { version?: number; error?: { current?: { version?: number } } };
        if (r.status === 200 && body.version) p.version = body.version;
        if (r.status === 409 && body.error?.current?.version) p.version = body.error.current.version;
        return r.status;
      },
    },
    {
      name: "POST /projects as viewer (refused)",
      weight: 5,
      ok: [403],
      run: async () =>
        (await w.viewer.send("POST", "/projects", { orgId: w.orgId, year: w.year, name: "不应创建" })).status,
    },
    {
      name: "GET another's id (404)",
      weight: 3,
      ok: [404],
      run: async () => (await w.filler.send("GET", "/projects/00000000-0000-4000-8000-000000000000")).status,
    },
    {
      // A fresh sign-in (argon2) and sign-out: the most expensive request per CPU. (No wrong passwords: all
      // requests come from 127.0.0.1, and 50 failures from one address close sign-in to it for 15 minutes.)
      name: "sign in + sign out",
      weight: 1,
      ok: [204],
      run: async () => {
        const c = new Client(base);
        await c.login("demo-viewer");
        return (await c.send("POST", "/auth/logout")).status;
      },
    },
  ];
}

// ------------------------------------------------------------------------------------------------ measuring
const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : Number.NaN;
const ms = (n: number) => (Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(1) : String(Math.round(n)));

interface Sample {
  kind: string;
  /** When it was sent, in seconds from the start. */
  at: number;
  ms: number;
  error: string | undefined;
}

async function main() {
  const dbName = `jixiao_load_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  try {
    child = spawn(
      join(ROOT, "node_modules/.bin/tsx"),
      [join(ROOT, "packages/cli/src/main.ts"), "serve", "--port", String(port), "--demo"],
      {
        env: { ...process.env, HOST: "127.0.0.1", DATABASE_URL: url.toString(), DATA_DIR: "" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr!.on("data", (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((r) => child!.once("exit", r));
    // Wait for the server to answer (it migrates and loads the demo first), bounded.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const up = await fetch(`${base}/api/v1/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (up) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const w: World = {
      filler: new Client(base),
      reviewer: new Client(base),
      viewer: new Client(base),
      auditor: new Client(base),
      orgId: "",
      reviewerOrgId: "",
      year: 2024,
      projects: [],
    };
    w.orgId = (await w.filler.login("demo-filler")).memberships.find((m) => m.orgId)!.orgId!;
    w.reviewerOrgId = (await w.reviewer.login("demo-reviewer")).memberships.find((m) => m.orgId)!.orgId!;
    await w.viewer.login("demo-viewer");
    await w.auditor.login("demo-auditor");
    const list = await w.filler.send("GET", `/projects?orgId=${w.orgId}&year=${w.year}&pageSize=100`);
    for (const p of (list.json as { items: { id: string; version: number }[] }).items) w.projects.push(p);
    if (w.projects.length === 0) {
      const r = await w.filler.send("POST", "/projects", { orgId: w.orgId, year: w.year, name: "负载测试起始项目" });
      const p = r.json as { id: string; version: number };
      w.projects.push({ id: p.id, version: p.version });
    }
    const kinds = mix(w, base);
    const totalWeight = kinds.reduce((n, k) => n + k.weight, 0);
    const chooseKind = () => {
      let x = Math.random() * totalWeight;
      for (const k of kinds) {
        x -= k.weight;
        if (x < 0) return k;
      }
      return kinds.at(-1)!;
    };

    const pid = serverPid(child);
    const rssStart = rssMb(pid);
    const loadStart = loadavg()[0]!;
    const cpuStart = cpuMs(pid);
    console.log(
      `bench/load: ${RATE} requests/s for ${SECONDS} s on PostgreSQL (${dbName}), server pid ${pid}, RSS ${rssStart} MB, load ${loadStart.toFixed(1)}`,
    );
    const samples: Sample[] = [];
    let inFlight = 0;
    let sent = 0;
    let maxInFlight = 0;
    const total = Math.round(RATE * SECONDS);
    const started = performance.now();
    const pending = new Set<Promise<void>>();
    const fire = () => {
      const kind = chooseKind();
      const sentAt = (performance.now() - started) / 1000;
      sent++;
      if (inFlight >= MAX_IN_FLIGHT) {
        samples.push({ kind: kind.name, at: sentAt, ms: Number.NaN, error: "over 500 in flight: not sent" });
        return;
      }
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const t0 = performance.now();
      const p = kind
        .run()
        .then(
          (status) => {
            samples.push({
              kind: kind.name,
              at: sentAt,
              ms: performance.now() - t0,
              error: kind.ok.includes(status) ? undefined : `HTTP ${status}`,
            });
          },
          (e: unknown) => {
            samples.push({
              kind: kind.name,
              at: sentAt,
              ms: performance.now() - t0,
              error: (e as Error)?.name ?? String(e),
            });
          },
        )
        .finally(() => {
          inFlight--;
          pending.delete(p);
        });
      pending.add(p);
    };
    // Ctrl-C / SIGTERM: stop sending, report what was measured, and clean up (server, database) as at the end.
    let stopping = false;
    const stop = () => {
      stopping = true;
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    // Open loop: every tick sends what is due by the clock (catching up after a slow tick), never more than total.
    let lastReport = started;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - started) / 1000) * RATE));
        while (sent < due) fire();
        if (now - lastReport >= 10_000) {
          lastReport = now;
          const done = samples
            .filter((s) => !Number.isNaN(s.ms))
            .map((s) => s.ms)
            .sort((a, b) => a - b);
          const errors = samples.filter((s) => s.error).length;
          console.log(
            `  ${Math.round((now - started) / 1000)} s: sent ${sent}, answered ${samples.length}, in flight ${inFlight}, p50 ${ms(quantile(done, 0.5))} ms, p99 ${ms(quantile(done, 0.99))} ms, errors ${errors}, server RSS ${rssMb(pid)} MB`,
          );
        }
        if (sent >= total || stopping) {
          clearInterval(tick);
          resolve();
        }
      }, 5);
    });
    const sendingSeconds = (performance.now() - started) / 1000;
    await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, TIMEOUT_MS + 5_000))]);
    const rssEnd = rssMb(pid);
    const serverCpu = cpuMs(pid) - cpuStart;
    const loadEnd = loadavg()[0]!;

    // ---- report
    const report = (rows: Sample[]) => {
      const lat = rows
        .filter((s) => !Number.isNaN(s.ms))
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      const errors = rows.filter((s) => s.error).length;
      return {
        n: rows.length,
        p50: quantile(lat, 0.5),
        p90: quantile(lat, 0.9),
        p99: quantile(lat, 0.99),
        max: lat.at(-1) ?? Number.NaN,
        errors,
        rate: rows.length ? (100 * errors) / rows.length : 0,
      };
    };
    const all = report(samples);
    console.log(
      `\nsent ${sent} in ${sendingSeconds.toFixed(1)} s (${(sent / sendingSeconds).toFixed(1)}/s), answered ${samples.length}, most in flight ${maxInFlight}`,
    );
    console.log(
      `server CPU ${(serverCpu / 1000).toFixed(1)} s = ${(serverCpu / Math.max(1, samples.length)).toFixed(1)} ms per request; server RSS ${rssStart} → ${rssEnd} MB; load average ${loadStart.toFixed(1)} → ${loadEnd.toFixed(1)} (2 cores shared)`,
    );
    console.log("\n| kind | share | requests | p50 ms | p90 ms | p99 ms | max ms | errors |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const k of kinds) {
      const r = report(samples.filter((s) => s.kind === k.name));
      console.log(
        `| ${k.name} | ${Math.round((100 * k.weight) / totalWeight)} % | ${r.n} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} |`,
      );
    }
    console.log(
      `| **all** | 100 % | ${all.n} | ${ms(all.p50)} | ${ms(all.p90)} | ${ms(all.p99)} | ${ms(all.max)} | ${all.errors} (${all.rate.toFixed(2)} %) |`,
    );
    // Per minute of the run (by when each request was sent): how the figures move as the run goes on.
    console.log("\n| minute | requests | p50 ms | p90 ms | p99 ms | max ms | errors |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|");
    for (let m = 0; m * 60 < sendingSeconds; m++) {
      const r = report(samples.filter((s) => s.at >= m * 60 && s.at < (m + 1) * 60));
      console.log(`| ${m + 1} | ${r.n} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} |`);
    }
    const kindsOfError = new Map<string, number>();
    for (const s of samples)
      if (s.error) kindsOfError.set(`${s.kind}: ${s.error}`, (kindsOfError.get(`${s.kind}: ${s.error}`) ?? 0) + 1);
    for (const [e, n] of kindsOfError) console.log(`  error × ${n}: ${e}`);
    if (stderr.includes("unexpected error"))
      console.log(`\nthe server logged unexpected errors:\n${stderr.slice(0, 4000)}`);
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  } finally {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

await main();
