/**
 * Account administration with separated duties: the system administrator creates accounts and resets
 * passwords; the security administrator grants and revokes roles and unlocks accounts; nobody holds two
 * administrator roles, and an administrator holds no business role. Every step is a security event.
 */

import { DomainError } from "@jixiao/core";
import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import { PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { findOrganisation } from "../orgs/repository.ts";
import type { Actor } from "./actor.ts";
import { authorize } from "./authorize.ts";
import { checkPasswordRules, hashPassword } from "./password.ts";
import { deleteSessionsOf, findAccount, membershipsOf } from "./repository.ts";
import { type AccountRow, ADMIN_ROLES, accounts, memberships, type Role } from "./schema.ts";

const ACCOUNT = { zh: "账户", en: "account" };
const isAdminRole = (r: Role) => (ADMIN_ROLES as readonly string[]).includes(r);

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  locked: boolean;
  disabled: boolean;
  memberships: { id: string; role: Role; orgId: string | null }[];
  version: number;
}

async function present(deps: Deps, row: AccountRow): Promise<AccountView> {
  const ms = await membershipsOf(deps.db, row.id);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword,
    locked: row.lockedUntil !== null && row.lockedUntil > deps.now(),
    disabled: row.disabled,
    memberships: ms.map((m) => ({ id: m.id, role: m.role as Role, orgId: m.orgId })),
    version: row.version,
  };
}

function requireAnyAdmin(actor: Actor | undefined): Actor {
  const a = authorize(actor, "orgs.read");
  if (!a.memberships.some((m) => m.role === "sysadmin" || m.role === "secadmin")) {
    throw new DomainError("forbidden", {
      zh: "只有系统管理员和安全管理员可以查看账户",
      en: "Only the system and security administrators see accounts",
    });
  }
  return a;
}

export async function listAccounts(deps: Deps, actor: Actor | undefined): Promise<AccountView[]> {
  requireAnyAdmin(actor);
  const rows = await deps.db.select().from(accounts).orderBy(asc(accounts.username));
  return Promise.all(rows.map((r) => present(deps, r)));
}

export async function createAccount(
  deps: Deps,
  actor: Actor | undefined,
  input: { username: string; displayName: string; initialPassword: string },
): Promise<AccountView> {
  const a = authorize(actor, "accounts.manage");
  checkPasswordRules(input.initialPassword, input.username);
  const passwordHash = await hashPassword(input.initialPassword);
  try {
    const row = await transact(deps.db, async (tx) => {
      const [created] = await tx
        .insert(accounts)
        .values({ username: input.username, displayName: input.displayName, passwordHash, mustChangePassword: true })
        .returning();
      await recordAudit(tx, {
        actor: a,
        action: "account.create",
        entityType: "account",
        entityId: created!.id,
        after: { username: input.username, displayName: input.displayName },
        at: deps.now(),
      });
      return created!;
    });
    return present(deps, row);
  } catch (e) {
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) {
      throw new DomainError("conflict", { zh: "用户名已存在", en: "The username is taken" }, { field: "username" });
    }
    throw e;
  }
}

export async function grantRole(
  deps: Deps,
  actor: Actor | undefined,
  accountId: string,
  input: { role: Role; orgId?: string | null | undefined },
): Promise<AccountView> {
  const a = authorize(actor, "roles.manage");
  const target = await findAccount(deps.db, accountId);
  if (!target) throw notFound(ACCOUNT);
  if (target.id === a.accountId) {
    throw new DomainError("forbidden", { zh: "不能给自己授予角色", en: "You cannot grant roles to yourself" });
  }
  const admin = isAdminRole(input.role);
  if (admin && input.orgId) {
    throw new DomainError(
      "invalid_input",
      { zh: "管理员角色不属于某个机构", en: "Administrator roles are not tied to an organisation" },
      { field: "orgId" },
    );
  }
  if (!admin && !input.orgId) {
    throw new DomainError(
      "invalid_input",
      { zh: "业务角色须指定机构", en: "A business role needs an organisation" },
      { field: "orgId" },
    );
  }
  if (input.orgId && !(await findOrganisation(deps.db, input.orgId)))
    throw notFound({ zh: "组织机构", en: "organisation" });
  const existing = await membershipsOf(deps.db, accountId);
  // An administrator role excludes every other role; a business role excludes the administrator roles.
  const conflict = admin ? existing.length > 0 : existing.some((m) => isAdminRole(m.role as Role));
  if (conflict) {
    throw new DomainError("conflict", {
      zh: "三员分立：管理员角色不能与其他任何角色兼任",
      en: "Separation of duties: an administrator role cannot be held together with any other role",
    });
  }
  try {
    await transact(deps.db, async (tx) => {
      const [m] = await tx
        .insert(memberships)
        .values({ accountId, role: input.role, orgId: input.orgId ?? null })
        .returning();
      await recordAudit(tx, {
        actor: a,
        orgId: input.orgId ?? null,
        action: "role.grant",
        entityType: "membership",
        entityId: m!.id,
        after: { accountId, username: target.username, role: input.role, orgId: input.orgId ?? null },
        at: deps.now(),
      });
    });
  } catch (e) {
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) {
      throw new DomainError("conflict", { zh: "该账户已有此角色", en: "The account already holds this role" });
    }
    throw e;
  }
  return present(deps, target);
}

export async function revokeRole(
  deps: Deps,
  actor: Actor | undefined,
  accountId: string,
  membershipId: string,
): Promise<void> {
  const a = authorize(actor, "roles.manage");
  await transact(deps.db, async (tx) => {
    const [m] = await tx
      .delete(memberships)
      .where(and(eq(memberships.id, membershipId), eq(memberships.accountId, accountId)))
      .returning();
    if (!m) throw notFound({ zh: "角色授权", en: "membership" });
    await recordAudit(tx, {
      actor: a,
      orgId: m.orgId,
      action: "role.revoke",
      entityType: "membership",
      entityId: m.id,
      before: { accountId, role: m.role, orgId: m.orgId },
      at: deps.now(),
    });
  });
}

export async function unlockAccount(deps: Deps, actor: Actor | undefined, accountId: string): Promise<void> {
  const a = authorize(actor, "roles.manage");
  await transact(deps.db, async (tx) => {
    const [row] = await tx
      .update(accounts)
      .set({ lockedUntil: null, failedAttempts: 0 })
      .where(eq(accounts.id, accountId))
      .returning({ id: accounts.id });
    if (!row) throw notFound(ACCOUNT);
    await recordAudit(tx, {
      actor: a,
      action: "account.unlock",
      entityType: "account",
      entityId: accountId,
      at: deps.now(),
    });
  });
}

/** The system administrator resets a password: a new initial password, changed at next sign-in; sessions end. */
export async function resetPassword(
  deps: Deps,
  actor: Actor | undefined,
  accountId: string,
  input: { initialPassword: string },
): Promise<void> {
  const a = authorize(actor, "accounts.manage");
  const target = await findAccount(deps.db, accountId);
  if (!target) throw notFound(ACCOUNT);
  checkPasswordRules(input.initialPassword, target.username);
  const passwordHash = await hashPassword(input.initialPassword);
  await transact(deps.db, async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, updatedAt: deps.now() })
      .where(eq(accounts.id, accountId));
    await deleteSessionsOf(tx, accountId);
    await recordAudit(tx, {
      actor: a,
      action: "account.password_reset",
      entityType: "account",
      entityId: accountId,
      at: deps.now(),
    });
  });
}

/** The system administrator disables or enables an account; disabling ends its sessions. */
export async function setDisabled(
  deps: Deps,
  actor: Actor | undefined,
  accountId: string,
  disabled: boolean,
): Promise<AccountView> {
  const a = authorize(actor, "accounts.manage");
  if (accountId === a.accountId) {
    throw new DomainError("forbidden", { zh: "不能停用自己的账户", en: "You cannot disable your own account" });
  }
  const row = await transact(deps.db, async (tx) => {
    const [r] = await tx
      .update(accounts)
      .set({ disabled, updatedAt: deps.now() })
      .where(eq(accounts.id, accountId))
      .returning();
    if (!r) throw notFound(ACCOUNT);
    if (disabled) await deleteSessionsOf(tx, accountId);
    await recordAudit(tx, {
      actor: a,
      action: disabled ? "account.disable" : "account.enable",
      entityType: "account",
      entityId: accountId,
      at: deps.now(),
    });
    return r;
  });
  return present(deps, row);
}
