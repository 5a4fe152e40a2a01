/**
 * Accounts, memberships (account × organisation × role, covering the organisation's subtree) and server-side
 * sessions. Sessions live in the database so several app processes share them; the cookie holds a random
 * token and the table keeps only its SHA-256.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";

export const BUSINESS_ROLES = ["filler", "unit_approver", "reviewer", "viewer"] as const;
/**
 * An expert or third-party evaluator (专家 / 第三方): held at an organisation (the bureau whose reviewers may assign
 * records to them), yet sees only the records assigned to them (experts/).
 */
export const EXPERT_ROLES = ["expert"] as const;
export const ADMIN_ROLES = ["sysadmin", "secadmin", "auditor"] as const;
export const ROLES = [...BUSINESS_ROLES, ...EXPERT_ROLES, ...ADMIN_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const accounts = pgTable(
  "accounts",
  {
    id: id(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** An initial or reset password must be changed before anything else is allowed. */
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    disabled: boolean("disabled").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("accounts_username_uq").on(sql`lower(${t.username})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The organisation whose subtree the role covers; NULL for the three administrator roles. */
    orgId: uuid("org_id").references(() => organisations.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_uq").on(
      t.accountId,
      t.role,
      sql`coalesce(${t.orgId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index("memberships_account_idx").on(t.accountId),
    check(
      "memberships_role_ck",
      sql`${t.role} IN ('filler', 'unit_approver', 'reviewer', 'viewer', 'expert', 'sysadmin', 'secadmin', 'auditor')`,
    ),
    check("memberships_scope_ck", sql`(${t.role} IN ('sysadmin', 'secadmin', 'auditor')) = (${t.orgId} IS NULL)`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 (hex) of the session token held in the cookie. */
    tokenHash: text("token_hash").primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute expiry (created + 12 h); the idle limit is checked against lastSeenAt. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_account_idx").on(t.accountId)],
);

/**
 * Failed sign-ins per client address, counted atomically in the database (shared by every app process): a
 * per-address limit on top of the per-account lockout, so one address cannot spray guesses over many accounts.
 */
export const loginThrottle = pgTable("login_throttle", {
  /**
   * The client address; or `user:<name>` for failures against a name that is no account (locked like an account,
   * window_start then holding the lock's end), so that a lock does not tell which names exist.
   */
  ip: text("ip").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
});

export type AccountRow = typeof accounts.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
