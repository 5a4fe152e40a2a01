/**
 * Sign-in, sessions, password change. Sessions are rows in the database (shared by every app process);
 * the cookie carries a random token, the table its SHA-256. Lockout after `maxFailedLogins` failures.
 */

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { DomainError } from "@jixiao/core";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { ServerError } from "../http/errors.ts";
import type { Actor } from "./actor.ts";
import { checkPasswordRules, dummyPasswordHash, hashPassword, verifyPassword } from "./password.ts";
import {
  actorOf,
  deleteSession,
  deleteSessionsOf,
  findAccount,
  findAccountByUsername,
  findSession,
  insertSession,
  touchSession,
} from "./repository.ts";
import { accounts } from "./schema.ts";

export const SESSION_COOKIE = "jixiao_session";
export const CSRF_HEADER = "X-CSRF-Token";
/** lastSeenAt is written at most this often (ms), to keep reads from turning into writes. */
const TOUCH_EVERY_MS = 60_000;

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const randomToken = () => randomBytes(32).toString("base64url");

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const badCredentials = () =>
  new DomainError("unauthenticated", { zh: "用户名或密码错误", en: "Wrong username or password" });

function lockedError(until: Date): ServerError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new ServerError(
    "account_locked",
    {
      zh: `登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试或联系安全管理员`,
      en: `Too many failed sign-ins: the account is locked; try again in ${minutes} min or ask the security administrator`,
    },
    { details: { lockedUntil: until.toISOString() } },
  );
}

export interface LoginResult {
  token: string;
  actor: Actor;
}

export async function login(
  deps: Deps,
  input: { username: string; password: string; ip?: string; userAgent?: string },
): Promise<LoginResult> {
  const { db, settings } = deps;
  const now = deps.now();
  const account = await findAccountByUsername(db, input.username);
  if (!account) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await recordAudit(db, {
      action: "auth.failure",
      ip: input.ip,
      details: { username: input.username, reason: "unknown_user" },
      at: now,
    });
    throw badCredentials();
  }
  const who = { accountId: account.id, username: account.username };
  if (account.lockedUntil && account.lockedUntil > now) {
    await recordAudit(db, { actor: who, action: "auth.failure", ip: input.ip, details: { reason: "locked" }, at: now });
    throw lockedError(account.lockedUntil);
  }
  const ok = !account.disabled && (await verifyPassword(account.passwordHash, input.password));
  if (!ok) {
    await transact(db, async (tx) => {
      const [after] = await tx
        .update(accounts)
        .set({ failedAttempts: sql`${accounts.failedAttempts} + 1` })
        .where(eq(accounts.id, account.id))
        .returning({ failedAttempts: accounts.failedAttempts });
      const failures = after?.failedAttempts ?? 0;
      await recordAudit(tx, {
        actor: who,
        action: "auth.failure",
        ip: input.ip,
        details: { reason: account.disabled ? "disabled" : "wrong_password", failures },
        at: now,
      });
      if (failures >= settings.maxFailedLogins) {
        const until = new Date(now.getTime() + settings.lockoutMs);
        await tx.update(accounts).set({ lockedUntil: until, failedAttempts: 0 }).where(eq(accounts.id, account.id));
        await recordAudit(tx, {
          actor: who,
          action: "auth.lockout",
          entityType: "account",
          entityId: account.id,
          ip: input.ip,
          details: { lockedUntil: until.toISOString(), failures },
          at: now,
        });
      }
    });
    throw badCredentials();
  }
  const token = randomToken();
  const csrfToken = randomToken();
  await transact(db, async (tx) => {
    await tx.update(accounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(accounts.id, account.id));
    await insertSession(tx, {
      tokenHash: sha256(token),
      accountId: account.id,
      csrfToken,
      now,
      expiresAt: new Date(now.getTime() + settings.absoluteTimeoutMs),
      ...(input.ip ? { ip: input.ip } : {}),
      ...(input.userAgent ? { userAgent: input.userAgent.slice(0, 300) } : {}),
    });
    await recordAudit(tx, { actor: who, action: "auth.login", ip: input.ip, at: now });
  });
  return { token, actor: await actorOf(db, account, csrfToken) };
}

/** The actor behind a session token, or undefined when there is none or it expired (then it is removed). */
export async function resolveSession(
  deps: Deps,
  token: string,
): Promise<{ actor: Actor; tokenHash: string } | undefined> {
  const tokenHash = sha256(token);
  const found = await findSession(deps.db, tokenHash);
  if (!found) return undefined;
  const now = deps.now();
  const { session, account } = found;
  const idleLimit = new Date(session.lastSeenAt.getTime() + deps.settings.idleTimeoutMs);
  if (session.expiresAt <= now || idleLimit <= now || account.disabled) {
    await deleteSession(deps.db, tokenHash);
    return undefined;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, tokenHash, now);
  return { actor: await actorOf(deps.db, account, session.csrfToken), tokenHash };
}

export async function logout(deps: Deps, actor: Actor, tokenHash: string, ip?: string): Promise<void> {
  await transact(deps.db, async (tx) => {
    await deleteSession(tx, tokenHash);
    await recordAudit(tx, { actor, action: "auth.logout", ip, at: deps.now() });
  });
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  tokenHash: string,
  input: { currentPassword: string; newPassword: string; ip?: string },
): Promise<void> {
  const account = await findAccount(deps.db, actor.accountId);
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new DomainError(
      "invalid_input",
      { zh: "当前密码不正确", en: "The current password is wrong" },
      { field: "currentPassword" },
    );
  }
  checkPasswordRules(input.newPassword, account.username);
  if (await verifyPassword(account.passwordHash, input.newPassword)) {
    throw new DomainError(
      "invalid_input",
      { zh: "新密码不能与当前密码相同", en: "The new password must differ from the current one" },
      { field: "newPassword" },
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.now();
  await transact(deps.db, async (tx) => {
    await tx
      .update(accounts)
      .set({
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: now,
        version: sql`${accounts.version} + 1`,
        updatedAt: now,
      })
      .where(eq(accounts.id, account.id));
    // Other sessions of this account end: a changed password signs out everywhere else.
    await deleteSessionsOf(tx, account.id, tokenHash);
    await recordAudit(tx, {
      actor,
      action: "auth.password_change",
      entityType: "account",
      entityId: account.id,
      ip: input.ip,
      at: now,
    });
  });
}
