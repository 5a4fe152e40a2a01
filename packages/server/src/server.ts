/**
 * Start the whole server: open the storage (migrating it), load the demo or the initial administrators on an
 * empty database, serve the API and the web app, and close everything on `close()`.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { attachActorCache } from "./accounts/actor-cache.ts";
import { createInitialAdmins, type InitialAccount } from "./accounts/bootstrap.ts";
import { purgeExpiredSessions } from "./accounts/repository.ts";
import { verifyAuditChain } from "./audit/chain.ts";
import { type DatabaseHandle, openDatabase } from "./db/open.ts";
import { type DemoAccount, isEmpty, loadDemo } from "./demo/seed.ts";
import { seedDemoFromTemplate } from "./demo/template.ts";
import { registerBatchExportJobs } from "./exports/index.ts";
import { createApp } from "./http/app.ts";
import { DEFAULT_SETTINGS, type Deps, type Settings } from "./http/context.ts";
import { registerImportJobs } from "./imports/index.ts";
import { inProcessQueue, pgBossQueue } from "./jobs/queue.ts";
import { RETENTION, sweepExpired } from "./jobs/retention.ts";
import { traceStart } from "./start-trace.ts";

export interface ServerOptions {
  port: number;
  host?: string;
  /** PostgreSQL when set; otherwise PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** The built web app folder (served at / when it holds index.html). */
  webDist?: string;
  /** Load the demo on an empty database: default yes for the embedded store, no for PostgreSQL. */
  demo?: boolean | undefined;
  settings?: Partial<Settings>;
  logError?: (e: unknown) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  handle: DatabaseHandle;
  /** Accounts created at this start (demo or initial administrators), to print once. */
  created: { kind: "demo"; accounts: DemoAccount[] } | { kind: "initial"; accounts: InitialAccount[] } | undefined;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  traceStart("server code loaded");
  // A new embedded folder with the demo starts as a copy of today's demo (demo/template.ts) when one can be had.
  let created: RunningServer["created"];
  const seed = async (pgliteDir: string) => {
    const accounts = await seedDemoFromTemplate(pgliteDir, new Date());
    traceStart(accounts ? "demo copied from its template" : "no demo template");
    if (accounts) created = { kind: "demo", accounts };
    return accounts !== undefined;
  };
  const handle = options.databaseUrl
    ? await openDatabase({ url: options.databaseUrl })
    : await openDatabase({ dataDir: options.dataDir, ...(options.demo !== false ? { seed } : {}) });
  traceStart("database open and migrated");
  try {
    if (!created && (await isEmpty(handle.db))) {
      const demo = options.demo ?? handle.kind === "pglite";
      created = demo
        ? { kind: "demo", accounts: await loadDemo(handle.db) }
        : { kind: "initial", accounts: await createInitialAdmins(handle.db) };
    }
    const logError = options.logError ?? ((e: unknown) => console.error("[jixiao] unexpected error", e));
    // The audit trail's hash chain is checked at every start; a break is reported loudly (the server still starts,
    // so the evidence can be read and the break investigated: `jixiao audit verify`).
    const chain = await verifyAuditChain(handle.db);
    traceStart("audit chain verified");
    if (!chain.ok) {
      logError(
        new Error(
          `审计哈希链已断开 / the audit trail's hash chain is broken:\n${chain.breaks.map((b) => `${b.zh} / ${b.en}`).join("\n")}`,
        ),
      );
    }
    const jobs =
      handle.kind === "postgres"
        ? await pgBossQueue(handle.db, handle.pool!, logError)
        : inProcessQueue(handle.db, logError);
    registerImportJobs(jobs, handle.db);
    registerBatchExportJobs(jobs, handle.db, logError);
    await jobs.start();
    const deps: Deps = {
      db: handle.db,
      store: handle.kind,
      settings: { ...DEFAULT_SETTINGS, ...options.settings },
      now: () => new Date(),
      logError,
      jobs,
      actorCache: await attachActorCache(handle, { logError }),
    };
    traceStart("jobs and actor cache ready");
    const app = createApp(deps, options.webDist ? { webDist: options.webDist } : {});
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host ?? "0.0.0.0" }, () => resolve(s));
      s.once("error", reject);
    });
    const purge = setInterval(() => {
      purgeExpiredSessions(handle.db, new Date(), deps.settings.idleTimeoutMs).catch(deps.logError);
    }, 10 * 60_000);
    purge.unref();
    // Expired export zips and abandoned upload pieces (jobs/retention.ts): at start, then hourly.
    const sweep = () => sweepExpired(handle.db, new Date()).catch(deps.logError);
    traceStart("listening");
    await sweep();
    traceStart("expired files swept");
    const sweeper = setInterval(sweep, RETENTION.sweepEveryMs);
    sweeper.unref();
    const port = (server.address() as AddressInfo).port;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${options.host && options.host !== "0.0.0.0" ? options.host : "localhost"}:${port}`,
      port,
      handle,
      created,
      close() {
        closing ??= (async () => {
          clearInterval(purge);
          clearInterval(sweeper);
          await jobs.stop();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            // Keep-alive connections would hold close() open: end them.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          });
          await handle.close();
        })();
        return closing;
      },
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
