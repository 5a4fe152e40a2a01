/**
 * An organisation looked up for an action on it, with the actor's right checked the same way everywhere: an
 * organisation that does not exist answers as one the actor may not see (404), after checking that the actor
 * may hold the permission at all (403 for a role that never may, e.g. an administrator on business data).
 */
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission } from "../accounts/authorize.ts";
import type { Db } from "../db/open.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { assertOpenYear } from "../years/guard.ts";
import { findOrganisation } from "./repository.ts";
import type { OrganisationRow } from "./schema.ts";

export async function organisationFor(
  db: Db,
  actor: Actor | undefined,
  orgId: string,
  permission: Permission,
): Promise<{ actor: Actor; org: OrganisationRow }> {
  const org = await findOrganisation(db, orgId);
  if (!org) {
    authorize(actor, permission);
    throw notFound({ zh: "组织机构", en: "organisation" });
  }
  return { actor: authorize(actor, permission, { orgPath: org.path }), org };
}

/**
 * The subtree a list or a roll-up reads under: the organisation's id and path, with the right checked as
 * `organisationFor` checks it. The id and path come from the actor cache when it holds them (accounts/actor-cache.ts:
 * dropped whenever an organisation moves or is deleted), so that a signed-in read asks nothing before its own
 * query (issue 14); the actor's memberships are checked against the path on every request all the same.
 */
export async function visibleSubtree(
  deps: Pick<Deps, "db" | "now" | "actorCache">,
  actor: Actor | undefined,
  orgId: string,
  permission: Permission,
): Promise<{ actor: Actor; org: { id: string; path: string } }> {
  const cache = deps.actorCache;
  const now = deps.now().getTime();
  let org = cache?.subtree(orgId, now);
  if (!org) {
    const generation = cache?.generation ?? 0;
    const row = await findOrganisation(deps.db, orgId);
    if (!row) {
      authorize(actor, permission);
      throw notFound({ zh: "组织机构", en: "organisation" });
    }
    org = { id: row.id, path: row.path, cachedAt: now };
    cache?.setSubtree(orgId, org, generation);
  }
  return { actor: authorize(actor, permission, { orgPath: org.path }), org: { id: org.id, path: org.path } };
}

/** The organisation the actor may write business data of, for a year that is open to changes. */
export async function writableOrganisation(
  db: Db,
  actor: Actor | undefined,
  orgId: string,
  year: number,
): Promise<{ actor: Actor; org: OrganisationRow }> {
  const found = await organisationFor(db, actor, orgId, "business.write");
  await assertOpenYear(db, year);
  return found;
}
