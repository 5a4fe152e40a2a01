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
  lockTree,
  MAX_DEPTH,
  type NewOrganisation,
  rewriteSubtree,
  subtreeMaxDepth,
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

function duplicateCode(e: unknown, moving = false): never {
  const pe = pgError(e);
  if (pe?.code === PG_UNIQUE_VIOLATION) {
    throw new DomainError(
      "conflict",
      moving
        ? {
            zh: "新上级机构下已有相同代码（code）的机构，不能移入",
            en: "The new parent already has an organisation with this code: it cannot be moved there",
          }
        : { zh: "同一上级下已有相同代码的机构", en: "A sibling organisation already has this code" },
      { field: moving ? "parentId" : "code" },
    );
  }
  throw e;
}

export async function createOrg(deps: Deps, actor: Actor | undefined, input: NewOrganisation): Promise<Org> {
  const a = authorize(actor, "orgs.manage");
  const parent = input.parentId ? await visibleOrg(deps.db, a, input.parentId) : undefined;
  try {
    return await transact(deps.db, async (tx) => {
      // Share the tree lock and read the parent again, so a concurrent move cannot leave the child on an old path.
      await lockTree(tx, "insert");
      const freshParent = parent ? await findOrganisation(tx, parent.id) : undefined;
      if (parent && !freshParent) throw notFound({ zh: "上级机构", en: "parent organisation" });
      if (freshParent) depthCheck(freshParent.depth + 1);
      const row = await insertOrganisation(tx, input, freshParent);
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

/** A sysadmin's change of an organisation's fields and, with `parentId`, of its place in the tree. */
export type OrgPatch = { version: number } & Partial<NewOrganisation>;

function levelTooDeep(deepest: number): DomainError {
  return new DomainError(
    "invalid_input",
    {
      zh: `移动后机构层级将达到第 ${deepest + 1} 级，超过“省—市—县—单位”四级`,
      en: `After the move the tree would reach level ${deepest + 1}, beyond the four levels province > city > county > unit`,
    },
    { field: "parentId" },
  );
}

function depthCheck(depth: number): void {
  if (depth > MAX_DEPTH) {
    throw new DomainError(
      "invalid_input",
      {
        zh: `上级机构已是最末一级（单位），不能再设下级机构`,
        en: `The parent is already at the last level (unit): it cannot have sub-organisations`,
      },
      { field: "parentId" },
    );
  }
}

export async function updateOrg(deps: Deps, actor: Actor | undefined, id: string, input: OrgPatch): Promise<Org> {
  const current = await visibleOrg(deps.db, actor, id);
  const a = authorize(actor, "orgs.manage", { orgPath: current.path });
  const { version, parentId, ...fields } = input;
  const moving = parentId !== undefined && parentId !== current.parentId;
  // The new parent must exist and be manageable by the actor (404 when they cannot see it).
  const target = moving && parentId ? await visibleOrg(deps.db, a, parentId) : undefined;
  if (target) authorize(a, "orgs.manage", { orgPath: target.path });
  try {
    return await transact(deps.db, async (tx) => {
      let before = current;
      let moved = 0;
      let newParent: OrganisationRow | null = null;
      if (moving) {
        await lockTree(tx, "move");
        // Read again under the lock: another move may have changed either path since.
        const fresh = await findOrganisation(tx, id);
        if (!fresh) throw notFound(ORG);
        if (fresh.version !== version) throw staleVersion(presentOrg(fresh));
        before = fresh;
        if (parentId) {
          newParent = (await findOrganisation(tx, parentId)) ?? null;
          if (!newParent) throw notFound({ zh: "上级机构", en: "parent organisation" });
          if (newParent.path.startsWith(fresh.path)) {
            throw new DomainError(
              "invalid_input",
              {
                zh: `不能把“${fresh.name}”移到它自己或它的下级机构“${newParent.name}”之下`,
                en: `“${fresh.name}” cannot be moved under itself or its own sub-organisation “${newParent.name}”`,
              },
              { field: "parentId" },
            );
          }
        }
        const deepest = (await subtreeMaxDepth(tx, fresh.path)) - fresh.depth + (newParent ? newParent.depth + 1 : 0);
        if (deepest > MAX_DEPTH) throw levelTooDeep(deepest);
      }
      const row = await updateOrganisation(
        tx,
        id,
        version,
        moving ? { ...fields, parentId: parentId ?? null } : fields,
        deps.now(),
      );
      if (!row) {
        const now = await findOrganisation(tx, id);
        if (!now) throw notFound(ORG);
        throw staleVersion(presentOrg(now));
      }
      let after = presentOrg(row);
      if (moving) {
        moved = await rewriteSubtree(tx, before.path, before.depth, id, newParent);
        after = presentOrg((await findOrganisation(tx, id))!);
      }
      await recordAudit(tx, {
        actor: a,
        orgId: id,
        action: moving ? "org.move" : "org.update",
        entityType: "organisation",
        entityId: id,
        before: presentOrg(before),
        after,
        ...(moving
          ? {
              details: {
                fromParentId: before.parentId,
                toParentId: newParent?.id ?? null,
                fromPath: before.path,
                toPath: `${newParent ? newParent.path : "/"}${id}/`,
                organisationsMoved: moved,
              },
            }
          : {}),
        at: deps.now(),
      });
      return after;
    });
  } catch (e) {
    duplicateCode(e, moving);
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
