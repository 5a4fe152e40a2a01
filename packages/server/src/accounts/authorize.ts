/**
 * The one authorisation function every route uses: role + organisation scope.
 * Business roles act on their membership organisation's subtree; the three administrator roles are global
 * but see no business data. A record in an organisation none of your memberships covers is "not found"
 * (404), not "forbidden": its existence is not revealed. A covered record your role may not touch is 403.
 */
import { DomainError } from "@jixiao/core";
import { forbidden, notFound } from "../http/errors.ts";
import type { Actor } from "./actor.ts";
import type { Role } from "./schema.ts";

export type Permission =
  | "business.read"
  | "business.write"
  | "business.unit_approve"
  | "business.review"
  | "orgs.read"
  | "orgs.manage"
  | "accounts.manage"
  | "roles.manage"
  | "audit.read"
  /** Score the records assigned to oneself (the expert role; it reads nothing else). */
  | "expert.score";

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  filler: ["business.read", "business.write", "orgs.read"],
  // The two review stages are separate roles: the unit approver (单位审核) first, then the reviewer (主管/财政审核).
  unit_approver: ["business.read", "business.unit_approve", "orgs.read"],
  reviewer: ["business.read", "business.review", "orgs.read"],
  viewer: ["business.read", "orgs.read"],
  // An expert reads and scores only the records assigned to them (experts/): no business or organisation reads.
  expert: ["expert.score"],
  sysadmin: ["orgs.read", "orgs.manage", "accounts.manage"],
  secadmin: ["orgs.read", "roles.manage"],
  auditor: ["orgs.read", "audit.read"],
};

export function unauthenticated(): DomainError {
  return new DomainError("unauthenticated", { zh: "请先登录", en: "Please sign in first" });
}

export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

export type Scope = { all: true } | { all: false; paths: string[] };

/** The organisation subtrees in which the actor holds `permission` (all organisations for global roles). */
export function scopeOf(actor: Actor, permission: Permission): Scope {
  const paths: string[] = [];
  for (const m of actor.memberships) {
    if (!ROLE_PERMISSIONS[m.role].includes(permission)) continue;
    if (m.orgPath === null) return { all: true };
    paths.push(m.orgPath);
  }
  return { all: false, paths };
}

export function inScope(scope: Scope, orgPath: string): boolean {
  return scope.all || scope.paths.some((p) => orgPath.startsWith(p));
}

/**
 * Check `permission` for the actor, on a record of the organisation at `orgPath` when given.
 * Throws 401 (no actor), 404 (record outside every membership's subtree), 403 (covered, role not allowed).
 */
export function authorize(actor: Actor | undefined, permission: Permission, target?: { orgPath: string }): Actor {
  const a = requireActor(actor);
  const scope = scopeOf(a, permission);
  if (target === undefined) {
    if (scope.all || scope.paths.length > 0) return a;
    throw forbidden();
  }
  if (inScope(scope, target.orgPath)) return a;
  // Visible to the actor (they may read it) → 403; invisible → 404, so its existence is not revealed.
  const read = READ_PERMISSION[permission];
  if (read && inScope(scopeOf(a, read), target.orgPath)) throw forbidden();
  throw notFound();
}

/** The permission that makes a record visible, for each permission that acts on one. */
const READ_PERMISSION: Partial<Record<Permission, Permission>> = {
  "business.read": "business.read",
  "business.write": "business.read",
  "business.unit_approve": "business.read",
  "business.review": "business.read",
  "orgs.read": "orgs.read",
  "orgs.manage": "orgs.read",
};
