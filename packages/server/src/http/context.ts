/** What every handler receives: the injected dependencies and, once signed in, the actor. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Actor } from "../accounts/actor.ts";
import type { ActorCache } from "../accounts/actor-cache.ts";
import type { DatabaseHandle, Db } from "../db/open.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { WebhookSettings } from "../notifications/webhook.ts";

export interface Settings {
  /** Session idle timeout (ms): 30 min. */
  idleTimeoutMs: number;
  /** Session absolute timeout (ms): 12 h. */
  absoluteTimeoutMs: number;
  /** Failed logins before lockout: 5. */
  maxFailedLogins: number;
  /** Lockout duration (ms): 15 min. */
  lockoutMs: number;
  /** Failed sign-ins per client address within `ipWindowMs` before that address gets 429: 50. */
  maxFailedLoginsPerIp: number;
  /** The per-address window (ms): 15 min. */
  ipWindowMs: number;
  /** The largest JSON (or other non-file) request body, in bytes, refused unread or unparsed above: 1 MB. */
  jsonBodyLimit: number;
  /** The largest upload body (multipart/form-data, application/octet-stream), in bytes: 50 MB + 64 KB of form. */
  uploadBodyLimit: number;
  /**
   * Addresses of the reverse proxies whose X-Forwarded-For is believed (e.g. ["127.0.0.1"] for a TLS proxy on the
   * same machine); empty: the socket's address is the client's.
   */
  trustedProxies: string[];
  /** Set the cookie's Secure flag (behind TLS). */
  secureCookies: boolean;
  /**
   * Approving a new project's goals needs its 事前绩效评估 (JIXIAO_EXANTE_REQUIRED=1): where a bureau requires one
   * before approval. Off by default: the reviewer sees the assessment, or that there is none, and decides.
   */
  exanteRequired: boolean;
  /** Uploads larger than this (bytes) are read by a background job when a queue runs: 2 MB. */
  importSyncBytes: number;
  /** Forward every notification to another system (JIXIAO_WEBHOOK_URL / _SECRET; docs/notifications.md): none. */
  webhook?: WebhookSettings | undefined;
}

export const DEFAULT_SETTINGS: Settings = {
  idleTimeoutMs: 30 * 60_000,
  absoluteTimeoutMs: 12 * 3_600_000,
  maxFailedLogins: 5,
  lockoutMs: 15 * 60_000,
  maxFailedLoginsPerIp: 50,
  ipWindowMs: 15 * 60_000,
  trustedProxies: [],
  jsonBodyLimit: 1024 * 1024,
  uploadBodyLimit: 50 * 1024 * 1024 + 64 * 1024,
  secureCookies: false,
  exanteRequired: false,
  importSyncBytes: 2 * 1024 * 1024,
};

export interface Deps {
  db: Db;
  store: DatabaseHandle["kind"];
  settings: Settings;
  /** The clock, injectable for timeout tests. */
  now: () => Date;
  /** Where to log unexpected errors (never sent to the client). */
  logError: (e: unknown) => void;
  /** Background jobs (absent in tests that do not need them). */
  jobs?: JobQueue;
  /** The short cache of session → actor (accounts/actor-cache.ts); without it every request reads the session. */
  actorCache?: ActorCache;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    actor: Actor | undefined;
    sessionTokenHash: string | undefined;
    /** A session cookie came with the request but its session has ended (timeout, sign-out, password change). */
    sessionEnded: boolean;
  };
}

export type AppRouter = OpenAPIHono<AppEnv>;
