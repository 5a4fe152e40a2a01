/**
 * Account administration with separated duties: the system administrator creates accounts and resets
 * passwords; the security administrator grants and revokes roles and unlocks accounts; nobody holds two
 * administrator roles, and an administrator holds no business role. Every step is a security event.
 */

import { DomainError } from "@jixiao/core";
import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import { PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { forbidden, notFound } from "../http/errors.ts";
import { findOrganisation } from "../orgs/repository.ts";
import type { Actor } from "./actor.ts";
import { authorize, requireActor } from "./authorize.ts";
import { checkPasswordRules, hashPassword } from "./password.ts";
import { deleteSessionsOf, findAccount, membershipsOf } from "./repository.ts";
import { type AccountRow, ADMIN_ROLES, accounts, memberships, type Role } from "./schema.ts";

const ACCOUNT = { zh: "账户", en: "account" };
const isAdminRole = (r: Role) => (ADMIN_ROLES as readonly string[]).includes(r);

/** The actor holds an administrator role that manages credentials (system or security administrator), else 403. */
function requireAccountAdmin(actor: Actor | undefined): Actor {
  const a = requireActor(actor);
  if (!a.memberships.some((m) => m.role === "sysadmin" || m.role === "secadmin")) throw forbidden();
  return a;
}

/**
 * Who may reset the password of, disable or enable `target` (三员分立, decided on the TARGET's roles):
 * - an account holding no administrator role: the system administrator;
 * - an administrator account: only a security administrator, and only when the target is a security administrator
 *   too (no administrator manages another administrator kind), never itself.
 * A system administrator or auditor account is therefore never taken over through the API by another administrator.
 */
async function requireCredentialManager(db: Db, actor: Actor | undefined, target: AccountRow): Promise<Actor> {
  const a = requireAccountAdmin(actor);
  const targetRoles = (await membershipsOf(db, target.id)).map((m) => m.role as Role);
  const targetAdminKinds = targetRoles.filter(isAdminRole);
  const holds = (role: Role) => a.memberships.some((m) => m.role === role);
  if (targetAdminKinds.length === 0) return authorize(a, "accounts.manage");
  if (!holds("secadmin") || targetAdminKinds.some((r) => r !== "secadmin") || target.id === a.accountId) {
    throw new DomainError("forbidden", {
      zh: "三员分立：管理员账户的密码和停用只能由安全管理员管理，且不能管理其他类别的管理员或自己",
      en: "Separation of duties: an administrator account's password and status are managed only by a security administrator, never for another administrator kind or for oneself",
    });
  }
  return a;
}

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
    if (isAdminRole(m.role as Role)) {
      // A revoked administrator account is retired (disabled, signed out): a password another administrator knows
      // (a reset) must not become a business account's. Enabling it again is the system administrator's decision.
      await tx.update(accounts).set({ disabled: true, updatedAt: deps.now() }).where(eq(accounts.id, accountId));
      await deleteSessionsOf(tx, accountId);
    }
    await recordAudit(tx, {
      actor: a,
      orgId: m.orgId,
      action: "role.revoke",
      entityType: "membership",
      entityId: m.id,
      before: { accountId, role: m.role, orgId: m.orgId },
      ...(isAdminRole(m.role as Role) ? { details: { accountRetired: true } } : {}),
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
  requireAccountAdmin(actor);
  const target = await findAccount(deps.db, accountId);
  if (!target) throw notFound(ACCOUNT);
  const a = await requireCredentialManager(deps.db, actor, target);
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
  const me = requireAccountAdmin(actor);
  if (accountId === me.accountId) {
    throw new DomainError("forbidden", { zh: "不能停用自己的账户", en: "You cannot disable your own account" });
  }
  const row = await transact(deps.db, async (tx) => {
    const target = await findAccount(tx, accountId);
    if (!target) throw notFound(ACCOUNT);
    const a = await requireCredentialManager(tx, actor, target);
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
