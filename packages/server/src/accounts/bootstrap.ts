/**
 * A fresh production database (no demo) gets the three separated administrators with random initial
 * passwords, printed once at start and to be changed at first sign-in.
 */
import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { checkPasswordRules, hashPassword } from "./password.ts";
import { ADMIN_ROLES, accounts, memberships, type Role } from "./schema.ts";

export interface InitialAccount {
  username: string;
  role: Role;
  password: string;
}

export function randomInitialPassword(): string {
  // Upper, lower, digit and "-" are always present; 96 random bits in between.
  return `Jx-${randomBytes(12).toString("base64url")}-7k`;
}

export async function createInitialAdmins(db: Db, now: Date = new Date()): Promise<InitialAccount[]> {
  const created: InitialAccount[] = [];
  await db.transaction(async (tx) => {
    for (const role of ADMIN_ROLES) {
      const username = role;
      const password = randomInitialPassword();
      checkPasswordRules(password, username);
      const [row] = await tx
        .insert(accounts)
        .values({
          username,
          displayName: username,
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
        })
        .returning();
      await tx.insert(memberships).values({ accountId: row!.id, role, orgId: null });
      created.push({ username, role, password });
    }
    await recordAudit(tx, {
      action: "account.bootstrap",
      details: { accounts: created.map((c) => c.username) },
      at: now,
    });
  });
  return created;
}
