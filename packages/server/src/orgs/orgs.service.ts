/** Organisation use-cases: authorise → act → audit in the same transaction. */

import { DomainError } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { isReferenceViolation, PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound, staleVersion } from "../http/errors.ts";
import { type Org, presentOrg } from "./presenters.ts";
import {
  countChildren,
  deleteOrganisation,
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  type NewOrganisation,
  updateOrganisation,
} from "./repository.ts";
import type { OrganisationRow } from "./schema.ts";

const ORG = { zh: "组织机构", en: "organisation" };

/** The organisation if the actor may read it, else 404. */
export async function visibleOrg(db: Db, actor: Actor | undefined, id: string): Promise<OrganisationRow> {
  const row = await findOrganisation(db, id);
  if (!row) {
    authorize(actor, "orgs.read");
    throw notFound(ORG);
  }
  authorize(actor, "orgs.read", { orgPath: row.path });
  return row;
}

export async function listOrgs(
  deps: Deps,
  actor: Actor | undefined,
  q: { under?: string; q?: string },
): Promise<Org[]> {
  const a = authorize(actor, "orgs.read");
  const scope = scopeOf(a, "orgs.read");
  const under = q.under ? await visibleOrg(deps.db, a, q.under) : undefined;
  const rows = await listOrganisations(deps.db, {
    ...(scope.all ? {} : { scopePaths: scope.paths }),
    ...(under ? { underPath: under.path } : {}),
    ...(q.q ? { q: q.q } : {}),
  });
  return rows.map(presentOrg);
}

function duplicateCode(e: unknown): never {
  const pe = pgError(e);
  if (pe?.code === PG_UNIQUE_VIOLATION) {
    throw new DomainError(
      "conflict",
      { zh: "同一上级下已有相同代码的机构", en: "A sibling organisation already has this code" },
      { field: "code" },
    );
  }
  throw e;
}

export async function createOrg(deps: Deps, actor: Actor | undefined, input: NewOrganisation): Promise<Org> {
  const a = authorize(actor, "orgs.manage");
  const parent = input.parentId ? await visibleOrg(deps.db, a, input.parentId) : undefined;
  try {
    return await transact(deps.db, async (tx) => {
      const row = await insertOrganisation(tx, input, parent);
      const after = presentOrg(row);
      await recordAudit(tx, {
        actor: a,
        orgId: row.id,
        action: "org.create",
        entityType: "organisation",
        entityId: row.id,
        after,
        at: deps.now(),
      });
      return after;
    });
  } catch (e) {
    duplicateCode(e);
  }
}

export async function updateOrg(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: { version: number } & Partial<Omit<NewOrganisation, "parentId">>,
): Promise<Org> {
  const current = await visibleOrg(deps.db, actor, id);
  const a = authorize(actor, "orgs.manage", { orgPath: current.path });
  const { version, ...patch } = input;
  try {
    return await transact(deps.db, async (tx) => {
      const row = await updateOrganisation(tx, id, version, patch, deps.now());
      if (!row) {
        const now = await findOrganisation(tx, id);
        if (!now) throw notFound(ORG);
        throw staleVersion(presentOrg(now));
      }
      const after = presentOrg(row);
      await recordAudit(tx, {
        actor: a,
        orgId: id,
        action: "org.update",
        entityType: "organisation",
        entityId: id,
        before: presentOrg(current),
        after,
        at: deps.now(),
      });
      return after;
    });
  } catch (e) {
    duplicateCode(e);
  }
}

export async function deleteOrg(deps: Deps, actor: Actor | undefined, id: string, version: number): Promise<void> {
  const current = await visibleOrg(deps.db, actor, id);
  const a = authorize(actor, "orgs.manage", { orgPath: current.path });
  const inUse = () =>
    new DomainError("conflict", {
      zh: "该机构下仍有下级机构、数据或账户，不能删除",
      en: "The organisation still has sub-organisations, data or accounts: it cannot be deleted",
    });
  if ((await countChildren(deps.db, id)) > 0) throw inUse();
  try {
    await transact(deps.db, async (tx) => {
      const deleted = await deleteOrganisation(tx, id, version);
      if (!deleted) {
        const now = await findOrganisation(tx, id);
        if (!now) throw notFound(ORG);
        throw staleVersion(presentOrg(now));
      }
      await recordAudit(tx, {
        actor: a,
        orgId: id,
        action: "org.delete",
        entityType: "organisation",
        entityId: id,
        before: presentOrg(current),
        at: deps.now(),
      });
    });
  } catch (e) {
    if (isReferenceViolation(e)) throw inUse();
    throw e;
  }
}
