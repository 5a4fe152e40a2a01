/**
 * Refused requests in the audit trail (issue 15): a 403 (role, CSRF, password change first) or 404 (outside the
 * caller's scope, or missing) on the API is recorded as `request.refused` with who, the address, the method,
 * path and code — so probing shows. Rate-limited per caller (signed-in account, else address) and process: at most
 * `MAX_PER_WINDOW` rows a minute; the next row written says how many were left out. Refusals of the public
 * disclosure site (anonymous, read-only) are not recorded.
 */
import type { Actor } from "../accounts/actor.ts";
import type { Deps } from "../http/context.ts";
import { recordAudit } from "./audit.ts";

export const MAX_PER_WINDOW = 30;
const WINDOW_MS = 60_000;
const MAX_KEYS = 10_000;

interface Window {
  start: number;
  written: number;
  suppressed: number;
}

export interface RefusalLog {
  record(
    deps: Deps,
    refusal: {
      actor: Actor | undefined;
      ip: string | undefined;
      method: string;
      path: string;
      status: number;
      code: string;
    },
  ): Promise<void>;
}

export function refusalLog(): RefusalLog {
  const windows = new Map<string, Window>();
  return {
    async record(deps, r) {
      const now = deps.now().getTime();
      const key = r.actor ? `a:${r.actor.accountId}` : `ip:${r.ip ?? "?"}`;
      let w = windows.get(key);
      if (!w || now - w.start >= WINDOW_MS) {
        const suppressed = w?.suppressed ?? 0;
        if (windows.size >= MAX_KEYS) windows.clear();
        w = { start: now, written: 0, suppressed: 0 };
        windows.set(key, w);
        if (suppressed > 0) w.suppressed = -suppressed; // reported with the next row written
      }
      if (w.written >= MAX_PER_WINDOW) {
        w.suppressed++;
        return;
      }
      w.written++;
      const leftOut = w.suppressed < 0 ? -w.suppressed : 0;
      if (w.suppressed < 0) w.suppressed = 0;
      await recordAudit(deps.db, {
        actor: r.actor,
        action: "request.refused",
        ip: r.ip,
        details: {
          method: r.method,
          // The path as the client sent it, which may hold U+0000 (decoded from %00): jsonb refuses that character,
          // so it is written back as %00 — a refusal must never fail to be recorded.
          path: r.path.replaceAll("\u0000", "%00").slice(0, 300),
          status: r.status,
          code: r.code,
          ...(leftOut ? { leftOutBefore: leftOut } : {}),
        },
        at: deps.now(),
      });
    },
  };
}
