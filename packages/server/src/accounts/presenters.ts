import { z } from "@hono/zod-openapi";
import type { Actor } from "./actor.ts";
import { ROLES } from "./schema.ts";

export const RoleSchema = z.enum(ROLES).openapi("Role");

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
    memberships: z.array(z.object({ role: RoleSchema, orgId: z.string().uuid().nullable() })),
    mustChangePassword: z.boolean(),
  })
  .openapi("User");

export const SessionSchema = z.object({ user: UserSchema, csrfToken: z.string() }).openapi("Session");

export function presentUser(actor: Actor): z.infer<typeof UserSchema> {
  return {
    id: actor.accountId,
    username: actor.username,
    displayName: actor.displayName,
    roles: [...new Set(actor.memberships.map((m) => m.role))],
    memberships: actor.memberships.map((m) => ({ role: m.role, orgId: m.orgId })),
    mustChangePassword: actor.mustChangePassword,
  };
}

export function presentSession(actor: Actor): z.infer<typeof SessionSchema> {
  return { user: presentUser(actor), csrfToken: actor.csrfToken };
}
