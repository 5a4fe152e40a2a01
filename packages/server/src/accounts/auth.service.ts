/**
 * Sign-in, sessions, password change. Sessions are rows in the database (shared by every app process);
 * the cookie carries a random token, the table its SHA-256. Lockout after `maxFailedLogins` failures, decided
 * atomically in the database; a per-address limit on failures on top.
 */

import * as crypto from "node:crypto";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { DomainError } from "@jixiao/core";
import { and, eq, gte, isNull, lt, lte, or, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
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
  findSessionActor,
  insertSession,
  touchSession,
} from "./repository.ts";
import { accounts, loginThrottle, sessions } from "./schema.ts";

export const SESSION_COOKIE = "jixiao_session";
export const CSRF_HEADER = "X-CSRF-Token";
/** lastSeenAt is written at most this often (ms), to keep reads from turning into writes. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Node's one-shot `crypto.hash` (20.12+; half the cost of a Hash object: every request hashes its session token),
 * else a Hash object: the same hex digest either way.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;
export const sha256 = oneShot
  ? (s: string) => oneShot("sha256", s, "hex")
  : (s: string) => createHash("sha256").update(s).digest("hex");
const randomToken = () => randomBytes(32).toString("base64url");

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const badCredentials = () =>
  new DomainError("unauthenticated", { zh: "用户名或密码错误", en: "Wrong username or password" });

function lockedError(until: Date, now: Date): ServerError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new ServerError(
    "account_locked",
    {
      zh: `登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试或联系安全管理员`,
      en: `Too many failed sign-ins: the account is locked; try again in ${minutes} min or ask the security administrator`,
    },
    { details: { lockedUntil: until.toISOString() } },
  );
}

function addressLimited(): ServerError {
  return new ServerError("too_many_requests", {
    zh: "来自此地址的登录失败次数过多，请稍后再试",
    en: "Too many failed sign-ins from this address: try again later",
  });
}

export interface LoginResult {
  token: string;
  actor: Actor;
}

const notLocked = (now: Date) => or(isNull(accounts.lockedUntil), lte(accounts.lockedUntil, now));

/**
 * Count one sign-in attempt for the client address before anything else, atomically (INSERT … ON CONFLICT DO
 * UPDATE … WHERE): false when the address already has `maxFailedLoginsPerIp` failures (or attempts in flight) in
 * the current window. A success gives its attempt back.
 */
async function reserveAddressAttempt(deps: Deps, ip: string, now: Date): Promise<boolean> {
  const { maxFailedLoginsPerIp, ipWindowMs } = deps.settings;
  const windowOpen = new Date(now.getTime() - ipWindowMs);
  const expired = sql`${loginThrottle.windowStart} <= ${windowOpen}`;
  const rows = await deps.db
    .insert(loginThrottle)
    .values({ ip, failures: 1, windowStart: now })
    .onConflictDoUpdate({
      target: loginThrottle.ip,
      set: {
        failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${loginThrottle.windowStart} END`,
      },
      setWhere: sql`${expired} OR ${loginThrottle.failures} < ${maxFailedLoginsPerIp}`,
    })
    .returning({ failures: loginThrottle.failures });
  return rows.length > 0;
}

/**
 * A name that is no account is "locked" exactly like an account (issue 15: only existing accounts used to answer
 * 423, which told which names exist): its failures are counted in login_throttle under `user:<name>`, the
 * `maxFailedLogins`-th sets a lock for `lockoutMs` (kept in window_start) and clears the count; while locked the
 * answer is 423. Returns the lock's end when locked, else undefined.
 */
async function countUnknownUserFailure(deps: Deps, username: string, now: Date): Promise<Date | undefined> {
  const { maxFailedLogins, lockoutMs } = deps.settings;
  const key = `user:${username.toLowerCase()}`;
  const until = new Date(now.getTime() + lockoutMs);
  const notLockedNow = sql`${loginThrottle.windowStart} <= ${now}`;
  const rows = await deps.db
    .insert(loginThrottle)
    .values({
      ip: key,
      failures: maxFailedLogins <= 1 ? 0 : 1,
      windowStart: maxFailedLogins <= 1 ? until : new Date(0),
    })
    .onConflictDoUpdate({
      target: loginThrottle.ip,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.failures} + 1 >= ${maxFailedLogins} THEN 0 ELSE ${loginThrottle.failures} + 1 END`,
        windowStart: sql`CASE WHEN ${loginThrottle.failures} + 1 >= ${maxFailedLogins} THEN ${until} ELSE ${loginThrottle.windowStart} END`,
      },
      setWhere: notLockedNow,
    })
    .returning({ failures: loginThrottle.failures });
  if (rows.length > 0) return undefined;
  const [row] = await deps.db.select().from(loginThrottle).where(eq(loginThrottle.ip, key));
  return row && row.windowStart > now ? row.windowStart : undefined;
}

/**
 * Reserve one attempt on the account, atomically, BEFORE the password is checked: the failure counter goes up
 * only while the account is not locked and fewer than `maxFailedLogins` attempts are counted (failures and
 * attempts still in flight). Returns the counter after this attempt, or undefined when refused — then the account
 * is locked (by this request if nobody had yet), whatever the password.
 */
async function reserveAccountAttempt(deps: Deps, accountId: string, now: Date): Promise<number | undefined> {
  const [row] = await deps.db
    .update(accounts)
    .set({ failedAttempts: sql`${accounts.failedAttempts} + 1` })
    .where(and(eq(accounts.id, accountId), notLocked(now), lt(accounts.failedAttempts, deps.settings.maxFailedLogins)))
    .returning({ failedAttempts: accounts.failedAttempts });
  return row?.failedAttempts;
}

/** Lock the account when its counted attempts reached the limit and it is not locked yet; true when this call did. */
async function lockIfDue(
  db: Db,
  deps: Deps,
  account: { id: string },
  now: Date,
  audit: { who: { accountId: string; username: string }; ip: string | undefined; failures: number },
): Promise<boolean> {
  const until = new Date(now.getTime() + deps.settings.lockoutMs);
  const [locked] = await db
    .update(accounts)
    .set({ lockedUntil: until, failedAttempts: 0 })
    .where(
      and(eq(accounts.id, account.id), notLocked(now), gte(accounts.failedAttempts, deps.settings.maxFailedLogins)),
    )
    .returning({ id: accounts.id });
  if (!locked) return false;
  await recordAudit(db, {
    actor: audit.who,
    action: "auth.lockout",
    entityType: "account",
    entityId: account.id,
    ip: audit.ip,
    details: { lockedUntil: until.toISOString(), failures: audit.failures },
    at: now,
  });
  return true;
}

async function refuseLocked(
  deps: Deps,
  account: { id: string },
  who: { accountId: string; username: string },
  ip: string | undefined,
  now: Date,
): Promise<never> {
  await transact(deps.db, async (tx) => {
    await lockIfDue(tx, deps, account, now, { who, ip, failures: deps.settings.maxFailedLogins });
    await recordAudit(tx, { actor: who, action: "auth.failure", ip, details: { reason: "locked" }, at: now });
  });
  const current = await findAccount(deps.db, account.id);
  throw lockedError(current?.lockedUntil ?? new Date(now.getTime() + deps.settings.lockoutMs), now);
}

/**
 * Sign in. The lockout is decided in the database before the password is checked: parallel guesses each take a
 * slot of the failure counter (no more than `maxFailedLogins` are ever checked), a success arriving while the
 * account is locked is refused and does not clear the lock, and a success clears only the failures counted
 * before it. Per client address, failures are limited too (429).
 */
export async function login(
  deps: Deps,
  input: { username: string; password: string; ip?: string; userAgent?: string },
): Promise<LoginResult> {
  const { db, settings } = deps;
  const now = deps.now();
  const ip = input.ip;
  if (ip && !(await reserveAddressAttempt(deps, ip, now))) {
    await recordAudit(db, {
      action: "auth.failure",
      ip,
      details: { username: input.username, reason: "address_limited" },
      at: now,
    });
    throw addressLimited();
  }
  const account = await findAccountByUsername(db, input.username);
  if (!account) {
    const lockedUntil = await countUnknownUserFailure(deps, input.username, now);
    if (lockedUntil) throw lockedError(lockedUntil, now);
    await verifyPassword(await dummyPasswordHash(), input.password);
    await recordAudit(db, {
      action: "auth.failure",
      ip,
      details: { username: input.username, reason: "unknown_user" },
      at: now,
    });
    throw badCredentials();
  }
  const who = { accountId: account.id, username: account.username };
  const reserved = await reserveAccountAttempt(deps, account.id, now);
  if (reserved === undefined) return refuseLocked(deps, account, who, ip, now);
  // The hash is checked for a disabled account too, so it answers as slowly as any other.
  const verified = await verifyPassword(account.passwordHash, input.password);
  if (!verified || account.disabled) {
    await transact(db, async (tx) => {
      await recordAudit(tx, {
        actor: who,
        action: "auth.failure",
        ip,
        details: { reason: account.disabled ? "disabled" : "wrong_password", failures: reserved },
        at: now,
      });
      await lockIfDue(tx, deps, account, now, { who, ip, failures: reserved });
    });
    throw badCredentials();
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const admitted = await transact(db, async (tx) => {
    // Clear this attempt and the failures counted before it — only while not locked (a lock that a parallel
    // failure set meanwhile stands: this success is refused).
    const [row] = await tx
      .update(accounts)
      .set({ failedAttempts: sql`GREATEST(${accounts.failedAttempts} - ${reserved}, 0)`, lockedUntil: null })
      .where(and(eq(accounts.id, account.id), notLocked(now)))
      .returning({ id: accounts.id });
    if (!row) return false;
    if (ip) {
      await tx
        .update(loginThrottle)
        .set({ failures: sql`GREATEST(${loginThrottle.failures} - 1, 0)` })
        .where(eq(loginThrottle.ip, ip));
    }
    await insertSession(tx, {
      tokenHash: sha256(token),
      accountId: account.id,
      csrfToken,
      now,
      expiresAt: new Date(now.getTime() + settings.absoluteTimeoutMs),
      ...(ip ? { ip } : {}),
      ...(input.userAgent ? { userAgent: input.userAgent.slice(0, 300) } : {}),
    });
    await recordAudit(tx, { actor: who, action: "auth.login", ip, at: now });
    return true;
  });
  if (!admitted) return refuseLocked(deps, account, who, ip, now);
  return { token, actor: await actorOf(db, account, csrfToken) };
}

/**
 * The actor behind a session token, or undefined when there is none or it expired (then it is removed). From the
 * actor cache when it holds the session and nothing needs deciding (no limit reached, no last-seen time to write);
 * else read fresh — the session, its account and memberships in one query — and cached.
 */
export async function resolveSession(
  deps: Deps,
  token: string,
): Promise<{ actor: Actor; tokenHash: string } | undefined> {
  const tokenHash = sha256(token);
  const now = deps.now();
  const t = now.getTime();
  const cache = deps.actorCache;
  const hit = cache?.get(tokenHash, t);
  if (
    hit &&
    !hit.disabled &&
    hit.expiresAt.getTime() > t &&
    hit.lastSeenAt.getTime() + deps.settings.idleTimeoutMs > t &&
    t - hit.lastSeenAt.getTime() <= TOUCH_EVERY_MS
  ) {
    return { actor: hit.actor, tokenHash };
  }
  const generation = cache?.generation ?? 0;
  const found = await findSessionActor(deps.db, tokenHash);
  if (!found) return undefined;
  const { session, account } = found;
  const idleLimit = new Date(session.lastSeenAt.getTime() + deps.settings.idleTimeoutMs);
  if (session.expiresAt <= now || idleLimit <= now || account.disabled) {
    cache?.delete(tokenHash);
    await deleteSession(deps.db, tokenHash);
    return undefined;
  }
  let lastSeenAt = session.lastSeenAt;
  if (t - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSession(deps.db, tokenHash, now);
    lastSeenAt = now;
  }
  const actor: Actor = {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    mustChangePassword: account.mustChangePassword,
    csrfToken: session.csrfToken,
    memberships: found.memberships,
  };
  cache?.set(
    tokenHash,
    { actor, lastSeenAt, expiresAt: session.expiresAt, disabled: account.disabled, cachedAt: t },
    generation,
  );
  return { actor, tokenHash };
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
): Promise<{ token: string }> {
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
  const token = randomToken();
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
    // Other sessions of this account end: a changed password signs out everywhere else. This session goes on
    // under a new token (rotated): whoever held the old one — e.g. a token known from before — holds nothing.
    await deleteSessionsOf(tx, account.id, tokenHash);
    await tx
      .update(sessions)
      .set({ tokenHash: sha256(token), lastSeenAt: now })
      .where(eq(sessions.tokenHash, tokenHash));
    await recordAudit(tx, {
      actor,
      action: "auth.password_change",
      entityType: "account",
      entityId: account.id,
      ip: input.ip,
      at: now,
    });
  });
  return { token };
}
