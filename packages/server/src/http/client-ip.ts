/**
 * The client's address, for the audit trail and the per-address sign-in limit (issue 15):
 * - the socket's address, unless it is one of the configured trusted proxies (settings.trustedProxies, e.g. the
 *   TLS proxy of docs/deploy.md);
 * - behind a trusted proxy, the right-most address of X-Forwarded-For that is not itself a trusted proxy (the
 *   left part of that header is written by the client and proves nothing).
 * Kept for the whole request (AsyncLocalStorage), so every audit row written while answering it carries it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { isIP } from "node:net";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.ts";

const request = new AsyncLocalStorage<{ ip: string | undefined }>();

/** The client address of the request being answered, if any. */
export function currentClientIp(): string | undefined {
  return request.getStore()?.ip;
}

const normalise = (ip: string) => (ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);

export function clientIpOf(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: string[]) {
  if (!socketAddress) return undefined;
  const socket = normalise(socketAddress);
  const trustedSet = new Set(trusted.map(normalise));
  if (!trustedSet.has(socket) || !forwardedFor) return socket;
  const hops = forwardedFor
    .split(",")
    .map((s) => normalise(s.trim()))
    .filter((s) => isIP(s) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedSet.has(hops[i]!)) return hops[i];
  return socket;
}

export function clientIp(c: Context<AppEnv>): string | undefined {
  const fromStore = request.getStore();
  if (fromStore) return fromStore.ip;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const trusted = c.get("deps")?.settings.trustedProxies ?? [];
  return clientIpOf(env?.incoming?.socket?.remoteAddress, c.req.header("x-forwarded-for"), trusted);
}

/** Work out the client address once per request and keep it for everything the request does. */
export function clientIpMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ip = clientIp(c);
    await request.run({ ip }, next);
  };
}
