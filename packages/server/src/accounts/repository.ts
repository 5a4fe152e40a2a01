/** SQL for accounts, memberships and sessions. The database handle (or transaction) is a parameter. */
import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { organisations } from "../orgs/schema.ts";
import type { Actor } from "./actor.ts";
import { type AccountRow, accounts, memberships, type Role, type SessionRow, sessions } from "./schema.ts";

export async function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  const rows = await db.select().from(accounts).where(sql`lower(${accounts.username}) = lower(${username})`).limit(1);
  return rows[0];
}

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  const rows = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return rows[0];
}

export async function membershipsOf(db: Db, accountId: string) {
  return db
    .select({ id: memberships.id, role: memberships.role, orgId: memberships.orgId, orgPath: organisations.path })
    .from(memberships)
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.accountId, accountId))
    .orderBy(memberships.createdAt);
}

export async function insertSession(
  db: Db,
  row: {
    tokenHash: string;
    accountId: string;
    csrfToken: string;
    now: Date;
    expiresAt: Date;
    ip?: string;
    userAgent?: string;
  },
): Promise<void> {
  await db.insert(sessions).values({
    tokenHash: row.tokenHash,
    accountId: row.accountId,
    csrfToken: row.csrfToken,
    createdAt: row.now,
    lastSeenAt: row.now,
    expiresAt: row.expiresAt,
    ip: row.ip ?? null,
    userAgent: row.userAgent ?? null,
  });
}

export async function findSession(
  db: Db,
  tokenHash: string,
): Promise<{ session: SessionRow; account: AccountRow } | undefined> {
  const rows = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return rows[0];
}

/**
 * The session, its account and the account's memberships with their organisation paths, in one query: what every
 * signed-in request needs before anything else (two round trips before). Read fresh on every request — no cache —
 * so a logout, a password change, a disabled account or a changed role, membership or organisation path holds
 * at once, whichever process or command made it.
 */
export async function findSessionActor(
  db: Db,
  tokenHash: string,
): Promise<{ session: SessionRow; account: AccountRow; memberships: Actor["memberships"] } | undefined> {
  const rows = await db
    .select({
      session: sessions,
      account: accounts,
      memberships: sql<Actor["memberships"]>`(
        SELECT coalesce(json_agg(json_build_object('role', m.role, 'orgId', m.org_id, 'orgPath', o.path)
                                 ORDER BY m.created_at), '[]'::json)
          FROM ${memberships} m LEFT JOIN ${organisations} o ON o.id = m.org_id
         WHERE m.account_id = ${accounts.id})`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  const r = rows[0];
  if (!r) return undefined;
  const ms = typeof r.memberships === "string" ? (JSON.parse(r.memberships) as Actor["memberships"]) : r.memberships;
  return { ...r, memberships: ms.map((m) => ({ role: m.role as Role, orgId: m.orgId, orgPath: m.orgPath })) };
}

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOf(db: Db, accountId: string, exceptTokenHash?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      exceptTokenHash
        ? and(eq(sessions.accountId, accountId), sql`${sessions.tokenHash} <> ${exceptTokenHash}`)
        : eq(sessions.accountId, accountId),
    );
}

/** Remove sessions past their absolute or idle limit (housekeeping; expiry is also checked per request). */
export async function purgeExpiredSessions(db: Db, now: Date, idleMs: number): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs))));
}

export async function actorOf(db: Db, account: AccountRow, csrfToken: string): Promise<Actor> {
  const ms = await membershipsOf(db, account.id);
  return {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    mustChangePassword: account.mustChangePassword,
    csrfToken,
    memberships: ms.map((m) => ({ role: m.role as Role, orgId: m.orgId, orgPath: m.orgPath })),
  };
}
