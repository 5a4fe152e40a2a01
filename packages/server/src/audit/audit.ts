/**
 * Write an audit event. Call it with the transaction of the change it records, so both commit or neither.
 * Security events (login, failure, lockout) are written on their own.
 */
import type { Db } from "../db/open.ts";
import { currentClientIp } from "../http/client-ip.ts";
import { auditEvents } from "./schema.ts";

export interface AuditEvent {
  actor?: { accountId: string; username: string } | undefined;
  orgId?: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  ip?: string | undefined;
  details?: unknown;
  at?: Date;
}

/** JSON-safe copy: Dates as ISO strings, bigints as decimal strings. */
export function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: event.actor?.accountId ?? null,
    actorName: event.actor?.username ?? null,
    orgId: event.orgId ?? null,
    action: event.action,
    entityType: event.entityType ?? null,
    entityId: event.entityId ?? null,
    before: event.before === undefined ? null : toJson(event.before),
    after: event.after === undefined ? null : toJson(event.after),
    // Every row written while answering a request carries the client's address (http/client-ip.ts).
    ip: event.ip ?? currentClientIp() ?? null,
    details: event.details === undefined ? null : toJson(event.details),
    ...(event.at ? { at: event.at } : {}),
  });
}
