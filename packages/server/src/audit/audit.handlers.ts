import type { RouteHandler } from "@hono/zod-openapi";
import { and, desc, eq, gte, like, lte, type SQL } from "drizzle-orm";
import { authorize } from "../accounts/authorize.ts";
import type { AppEnv } from "../http/context.ts";
import { likePrefix } from "../orgs/repository.ts";
import type { listAuditRoute } from "./audit.routes.ts";
import { recordAudit } from "./audit.ts";
import { auditEvents } from "./schema.ts";

export const listAuditHandler: RouteHandler<typeof listAuditRoute, AppEnv> = async (c) => {
  const actor = authorize(c.var.actor, "audit.read");
  const q = c.req.valid("query");
  // Reading the trail is itself recorded: who looked at what.
  await recordAudit(c.var.deps.db, { actor, action: "audit.read", details: { query: q }, at: c.var.deps.now() });
  const conds: SQL[] = [];
  if (q.action)
    conds.push(
      q.action.endsWith(".") ? like(auditEvents.action, likePrefix(q.action)) : eq(auditEvents.action, q.action),
    );
  if (q.entityType) conds.push(eq(auditEvents.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditEvents.entityId, q.entityId));
  if (q.actorId) conds.push(eq(auditEvents.actorId, q.actorId));
  if (q.orgId) conds.push(eq(auditEvents.orgId, q.orgId));
  if (q.from) conds.push(gte(auditEvents.at, new Date(q.from)));
  if (q.to) conds.push(lte(auditEvents.at, new Date(q.to)));
  const rows = await c.var.deps.db
    .select()
    .from(auditEvents)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return c.json(
    {
      items: rows.map((r) => ({
        id: r.id.toString(),
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        orgId: r.orgId,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
        ip: r.ip,
        details: r.details,
      })),
      page: q.page,
      pageSize: q.pageSize,
    },
    200,
  );
};
