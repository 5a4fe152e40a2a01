/**
 * Recovery of an administrator account by an operator with shell access to the server (`jixiao admin recover`).
 * Through the API an administrator account is managed only by a security administrator, never by itself
 * (三员分立, accounts.service.ts): when the only security administrator has forgotten its password, is locked or
 * disabled, nobody can reach it there. Access to the server and its database is the higher authority that remains;
 * using it is written to the audit trail like any other change, naming the operating-system account that ran it.
 *
 * Only administrator accounts are recovered this way (a business account is the system administrator's, through
 * the API). The account gets a random initial password, to be changed at its next sign-in; its lock, failure count
 * and disabled flag are cleared and its sessions ended. Its roles are not touched.
 */
import { DomainError } from "@jixiao/core";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { randomInitialPassword } from "./bootstrap.ts";
import { checkPasswordRules, hashPassword } from "./password.ts";
import { deleteSessionsOf, membershipsOf } from "./repository.ts";
import { ADMIN_ROLES, type AdminRole, accounts } from "./schema.ts";

export interface RecoveredAccount {
  username: string;
  roles: AdminRole[];
  /** The new initial password: shown once to the operator, to be changed at the next sign-in. */
  password: string;
  /** What was cleared: a running lock, a disabled account. */
  wasLocked: boolean;
  wasDisabled: boolean;
}

export interface RecoveryOperator {
  /** The operating-system account that ran the command, and the machine. */
  osUser: string;
  host: string;
}

export async function recoverAdminAccount(
  db: Db,
  username: string,
  operator: RecoveryOperator,
  now: Date = new Date(),
): Promise<RecoveredAccount> {
  const [target] = await db
    .select()
    .from(accounts)
    .where(eq(sql`lower(${accounts.username})`, username.toLowerCase()))
    .limit(1);
  if (!target) {
    throw new DomainError(
      "not_found",
      { zh: `没有账户 ${username}`, en: `No account ${username}` },
      { field: "username" },
    );
  }
  const roles = (await membershipsOf(db, target.id))
    .map((m) => m.role)
    .filter((r): r is AdminRole => (ADMIN_ROLES as readonly string[]).includes(r));
  if (roles.length === 0) {
    throw new DomainError(
      "forbidden",
      {
        zh: `${target.username} 不是管理员账户：业务账户的密码由系统管理员在系统中重置`,
        en: `${target.username} is not an administrator account: a business account's password is reset by the system administrator in the application`,
      },
      { field: "username" },
    );
  }
  const password = randomInitialPassword();
  checkPasswordRules(password, target.username);
  const passwordHash = await hashPassword(password);
  const wasLocked = target.lockedUntil !== null && target.lockedUntil > now;
  const wasDisabled = target.disabled;
  await transact(db, async (tx) => {
    await tx
      .update(accounts)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedAttempts: 0,
        lockedUntil: null,
        disabled: false,
        updatedAt: now,
        version: sql`${accounts.version} + 1`,
      })
      .where(eq(accounts.id, target.id));
    await deleteSessionsOf(tx, target.id);
    await recordAudit(tx, {
      action: "account.recover",
      entityType: "account",
      entityId: target.id,
      before: { locked: wasLocked, disabled: wasDisabled, failedAttempts: target.failedAttempts },
      after: { locked: false, disabled: false, mustChangePassword: true },
      details: { username: target.username, roles, via: "jixiao admin recover", ...operator },
      at: now,
    });
  });
  return { username: target.username, roles, password, wasLocked, wasDisabled };
}
