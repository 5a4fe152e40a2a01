/**
 * Forwarding notifications to another system (a webhook): each notification as one JSON POST to the configured URL,
 * signed with HMAC-SHA256 of the exact body under a shared secret (header `X-Jixiao-Signature: sha256=<hex>`), tried
 * a bounded number of times (a network error or a status other than 2xx is retried after the given delays).
 *
 * It runs after the user's request has been answered (http/app.ts), on the notifications not yet tried written in
 * the last day; each is claimed by one runner only. A failure is logged (deps.logError) and the notification marked
 * failed: it never reaches the user's action, which has long been committed.
 */
import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/open.ts";
import { claimForWebhook, setWebhookState } from "./repository.ts";

export interface WebhookSettings {
  /** Where to POST (http or https). */
  url: string;
  /** The shared secret of the signature. */
  secret: string;
  /** Tries per notification, the first included: 3. */
  attempts: number;
  /** The wait before each retry (ms): [1000, 5000]. */
  retryDelaysMs: number[];
  /** Each try's time limit (ms): 5000. */
  timeoutMs: number;
}

export const WEBHOOK_DEFAULTS = { attempts: 3, retryDelaysMs: [1000, 5000], timeoutMs: 5000 } as const;

/** The settings from the environment (JIXIAO_WEBHOOK_URL, JIXIAO_WEBHOOK_SECRET), or none when no URL is set. */
export function webhookFromEnv(env: Record<string, string | undefined>): WebhookSettings | undefined {
  const url = env.JIXIAO_WEBHOOK_URL?.trim();
  if (!url) return undefined;
  if (!/^https?:\/\//.test(url)) throw new Error(`JIXIAO_WEBHOOK_URL must be an http(s) URL: ${url}`);
  const secret = env.JIXIAO_WEBHOOK_SECRET ?? "";
  if (secret.length < 16) throw new Error("JIXIAO_WEBHOOK_SECRET must be set (16 characters or more)");
  return { url, secret, ...WEBHOOK_DEFAULTS, retryDelaysMs: [...WEBHOOK_DEFAULTS.retryDelaysMs] };
}

/** `sha256=<hex>`: HMAC-SHA256 of the body (the bytes sent) under the secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export interface WebhookPayload {
  id: string;
  event: "notification";
  kind: string;
  title: string;
  titleEn: string;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  account: { id: string; username: string };
  org: { id: string; name: string } | null;
  createdAt: string;
}

/** POST one payload, retrying; how many tries it took and whether one succeeded (the last error when not). */
export async function deliver(
  settings: WebhookSettings,
  payload: WebhookPayload,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<{ ok: boolean; attempts: number; error?: string }> {
  const body = JSON.stringify(payload);
  let error = "";
  for (let attempt = 1; attempt <= settings.attempts; attempt++) {
    if (attempt > 1) await wait(settings.retryDelaysMs[attempt - 2] ?? settings.retryDelaysMs.at(-1) ?? 0);
    try {
      const res = await fetch(settings.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "X-Jixiao-Event": "notification",
          "X-Jixiao-Delivery": payload.id,
          "X-Jixiao-Signature": signature(settings.secret, body),
        },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, attempts: attempt };
      error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  return { ok: false, attempts: settings.attempts, error };
}

/**
 * Forward what is waiting (claimed in batches): each notification once; a failure is logged and marked failed.
 * Resolves when all claimed ones are done; never rejects.
 */
export async function forwardPending(
  deps: { db: Db; now: () => Date; logError: (e: unknown) => void },
  settings: WebhookSettings,
): Promise<{ sent: number; failed: number }> {
  const done = { sent: 0, failed: 0 };
  try {
    const since = new Date(deps.now().getTime() - 86_400_000);
    for (;;) {
      const batch = await claimForWebhook(deps.db, since, 20);
      if (batch.length === 0) return done;
      const names = await namesOf(
        deps.db,
        batch.map((n) => n.accountId),
        batch.flatMap((n) => (n.orgId ? [n.orgId] : [])),
      );
      await Promise.all(
        batch.map(async (n) => {
          const r = await deliver(settings, {
            id: n.id,
            event: "notification",
            kind: n.kind,
            title: n.title,
            titleEn: n.titleEn,
            link: n.link,
            entityType: n.entityType,
            entityId: n.entityId,
            account: { id: n.accountId, username: names.get(n.accountId) ?? "" },
            org: n.orgId ? { id: n.orgId, name: names.get(n.orgId) ?? "" } : null,
            createdAt: n.createdAt.toISOString(),
          });
          await setWebhookState(deps.db, n.id, r.ok ? "sent" : "failed", r.attempts);
          if (r.ok) done.sent++;
          else {
            done.failed++;
            deps.logError(
              new Error(
                `通知转发失败 / webhook delivery failed: notification ${n.id} to ${settings.url} after ${r.attempts} tries: ${r.error}`,
              ),
            );
          }
        }),
      );
    }
  } catch (e) {
    deps.logError(e);
    return done;
  }
}

async function namesOf(db: Db, accountIds: string[], orgIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set([...accountIds, ...orgIds])];
  if (ids.length === 0) return new Map();
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT id, username AS name FROM accounts WHERE id IN (${list})
        UNION ALL SELECT id, name FROM organisations WHERE id IN (${list})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The forwarding runs started for an app (by its deps), so a test or a shutdown can wait for them. */
const running = new WeakMap<object, Set<Promise<unknown>>>();

/** Start forwarding in the background (when a webhook is set); the request it follows is not held up. */
export function forwardInBackground(deps: {
  db: Db;
  now: () => Date;
  logError: (e: unknown) => void;
  settings: { webhook?: WebhookSettings | undefined };
}): void {
  const settings = deps.settings.webhook;
  if (!settings) return;
  const set = running.get(deps) ?? new Set();
  running.set(deps, set);
  const p = forwardPending(deps, settings).finally(() => set.delete(p));
  set.add(p);
}

/** Resolves once every forwarding started for these deps has finished. */
export async function forwardingSettled(deps: object): Promise<void> {
  for (let set = running.get(deps); set && set.size > 0; set = running.get(deps)) await Promise.all([...set]);
}
