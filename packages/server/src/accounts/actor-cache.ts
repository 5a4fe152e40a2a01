/**
 * A short cache of the actor behind a session token (issue 14): the session's times, the account and its
 * memberships with their organisation paths, so that a signed-in request needs no query before its own.
 *
 * Invalidation (docs/decisions/0006-actor-cache.md):
 * - Triggers (migration 0023) NOTIFY `jixiao_auth` at commit whenever a session ends or its token rotates, an
 *   account's name, password, status or must-change flag changes, a role is granted or revoked or an organisation
 *   moves — whoever writes (the API, the CLI, another process, plain SQL). Each process drops every cached actor.
 * - At once in the process that writes: PGlite calls its listener before the commit returns; on PostgreSQL every
 *   connection of the pool LISTENs too, and a session's own notice arrives before its COMMIT's answer, so the
 *   cache is empty before the writer goes on. Another process hears it when the notice reaches its connections,
 *   a moment after the commit.
 * - While the listener is not connected (PostgreSQL restarting), nothing is served from the cache.
 * - A fill that began before a drop is not stored (a generation counter), so a read of the old rows racing a
 *   change cannot put them back.
 * - An entry lives at most `ttlMs`, and is not used once its session needs its last-seen time written (every
 *   minute), is past its idle or absolute limit, or its account is disabled: the fresh path decides those.
 *
 * Beside the actors, the id and path of the organisations that requests read under (orgs/access.ts
 * `visibleSubtree`): a list or a roll-up then asks nothing before its own query. A path changes only when its
 * organisation (or an ancestor) moves and an id disappears only when it is deleted — both fire the same trigger, so
 * the paths are dropped with the actors, live at most `ttlMs` as they do, and are not stored by a fill that a drop
 * overtook. The authorisation itself is not cached: every request checks the actor's memberships against the path.
 */
import type pg from "pg";
import type { DatabaseHandle } from "../db/open.ts";
import type { Actor } from "./actor.ts";

export const AUTH_CHANNEL = "jixiao_auth";

export interface CachedSession {
  actor: Actor;
  lastSeenAt: Date;
  expiresAt: Date;
  disabled: boolean;
  /** When it was cached (the app's clock). */
  cachedAt: number;
}

/** An organisation as a subtree to read under: its id as stored and its path. */
export interface CachedSubtree {
  id: string;
  path: string;
  cachedAt: number;
}

/**
 * Entries that live at most `ttlMs` from their `cachedAt` (one from a clock set back is dropped too), at most
 * `maxEntries` of them, the oldest stored going first. The actors and the organisations each keep one.
 */
class TimedMap<V extends { cachedAt: number }> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, now: number): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.cachedAt > this.ttlMs || now < e.cachedAt) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  set(key: string, entry: V): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export class ActorCache {
  private readonly actors: TimedMap<CachedSession>;
  private readonly subtrees: TimedMap<CachedSubtree>;
  private gen = 0;
  /** Whether changes are being heard; when not, the cache answers nothing. */
  listening = false;
  stop: () => Promise<void> = async () => {};

  constructor(
    readonly ttlMs = 30_000,
    readonly maxEntries = 10_000,
  ) {
    this.actors = new TimedMap(ttlMs, maxEntries);
    this.subtrees = new TimedMap(ttlMs, maxEntries);
  }

  /** The generation to give back to `set`: a drop in between makes the fill void. */
  get generation(): number {
    return this.gen;
  }

  get(tokenHash: string, now: number): CachedSession | undefined {
    return this.listening ? this.actors.get(tokenHash, now) : undefined;
  }

  set(tokenHash: string, entry: CachedSession, generation: number): void {
    if (this.listening && generation === this.gen) this.actors.set(tokenHash, entry);
  }

  /** The organisation `orgId` as cached, while it is fresh. */
  subtree(orgId: string, now: number): CachedSubtree | undefined {
    return this.listening ? this.subtrees.get(orgId, now) : undefined;
  }

  setSubtree(orgId: string, entry: CachedSubtree, generation: number): void {
    if (this.listening && generation === this.gen) this.subtrees.set(orgId, entry);
  }

  delete(tokenHash: string): void {
    this.gen++;
    this.actors.delete(tokenHash);
  }

  /** Drop every cached actor and organisation. */
  clear(): void {
    this.gen++;
    this.actors.clear();
    this.subtrees.clear();
  }

  get size(): number {
    return this.actors.size;
  }
}

/**
 * A cache that hears the database's changes: PGlite's own listener, or on PostgreSQL a connection of its own that
 * LISTENs (reconnected after a loss; the cache is off meanwhile). Stopped when the handle closes.
 */
export async function attachActorCache(
  handle: DatabaseHandle,
  options: { ttlMs?: number; logError?: (e: unknown) => void } = {},
): Promise<ActorCache> {
  const cache = new ActorCache(options.ttlMs);
  const drop = () => cache.clear();
  if (handle.pglite) {
    const unlisten = await handle.pglite.listen(AUTH_CHANNEL, drop);
    cache.listening = true;
    cache.stop = async () => {
      cache.listening = false;
      cache.clear();
      if (!handle.pglite!.closed) await unlisten();
    };
  } else if (handle.pool) {
    const { default: pgModule } = await import("pg");
    const options_ = (handle.pool as unknown as { options: pg.ClientConfig }).options;
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const c = new pgModule.Client({ ...options_ });
      const lost = () => {
        cache.listening = false;
        cache.clear();
        if (client === c) client = undefined;
        c.removeAllListeners("notification");
        if (!stopped && !retry) {
          retry = setTimeout(() => {
            retry = undefined;
            connect().catch(() => lost());
          }, 1_000);
          retry.unref();
        }
      };
      c.on("error", lost);
      c.on("end", lost);
      c.on("notification", (n) => {
        if (n.channel === AUTH_CHANNEL) drop();
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${AUTH_CHANNEL}`);
      } catch (e) {
        c.end().catch(() => {});
        throw e;
      }
      if (stopped) {
        await c.end();
        return;
      }
      client = c;
      // Whatever changed while nobody listened is not known: start empty.
      cache.clear();
      cache.listening = true;
    };
    try {
      await connect();
    } catch (e) {
      options.logError?.(e);
    }
    // Every connection of the pool listens as well — a transaction's own notice comes before its COMMIT's answer —
    // from its connect on, before the pool hands it out. The idle ones made before (the migrations') are ended.
    const pool = handle.pool as pg.Pool & { Client: typeof pg.Client };
    const Base = pool.Client;
    class ListeningClient extends Base {
      constructor(config?: pg.ClientConfig) {
        super(config);
        this.on("notification", (n) => {
          if (n.channel === AUTH_CHANNEL) drop();
        });
      }
      // biome-ignore lint/suspicious/noExplicitAny: pg-pool connects with a callback, others with a promise; the overloads differ
      override connect(callback?: any): any {
        const done = super.connect().then(() => this.query(`LISTEN ${AUTH_CHANNEL}`).then(() => undefined));
        if (!callback) return done;
        done.then(
          () => callback(null),
          (e: Error) => callback(e),
        );
      }
    }
    pool.Client = ListeningClient as unknown as typeof pg.Client;
    const idle = pool.idleCount;
    for (let i = 0; i < idle; i++) (await pool.connect()).release(true);
    cache.stop = async () => {
      stopped = true;
      cache.listening = false;
      cache.clear();
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners("end");
        c.removeAllListeners("error");
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    };
  }
  const close = handle.close.bind(handle);
  handle.close = async () => {
    await cache.stop();
    await close();
  };
  return cache;
}
