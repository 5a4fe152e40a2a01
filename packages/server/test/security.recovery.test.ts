/**
 * Issue 15, finding 1's way back — when the only security administrator is locked out (wrong passwords, disabled,
 * password forgotten), nobody can manage it through the API (三员分立: not the system administrator, not itself).
 * An operator with shell access recovers it (`jixiao admin recover`, accounts/recovery.ts): a new initial password
 * to change at sign-in, lock and disabled flag cleared, sessions ended, audited with the OS user. Business accounts
 * are refused (the system administrator resets them in the application).
 */
import { DomainError } from "@jixiao/core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recoverAdminAccount } from "../src/accounts/recovery.ts";
import { accounts, sessions } from "../src/accounts/schema.ts";
import { auditEvents } from "../src/audit/schema.ts";
import { PASSWORD } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

const OPERATOR = { osUser: "ops", host: "jixiao-db-1" };

describe.each(STORES)("recovery of a locked-out administrator on %s", (kind) => {
  const { t, sysadmin } = appForSuite(kind, ["sysadmin"]);

  it("gives the only security administrator, locked and disabled, a new initial password; audited", async () => {
    const secadmin = await t.as("secadmin");
    const [row] = await t.deps.db.select().from(accounts).where(eq(accounts.username, "secadmin"));
    // Locked by wrong passwords, then disabled: the API offers no way back (not the sysadmin, not itself).
    for (let i = 0; i < t.deps.settings.maxFailedLogins; i++) {
      expect((await t.client().login("secadmin", "Wrong-Password-1")).status).toBe(401);
    }
    expect((await t.client().login("secadmin", PASSWORD)).status).toBe(423);
    expect(
      (await sysadmin.post(`/accounts/${row!.id}/password`, { initialPassword: "Taken-Over-Pass-9" })).status,
    ).toBe(403);
    await t.deps.db.update(accounts).set({ disabled: true }).where(eq(accounts.id, row!.id));

    const r = await recoverAdminAccount(t.deps.db, "SecAdmin", OPERATOR, t.clock.now);
    expect(r).toMatchObject({ username: "secadmin", roles: ["secadmin"], wasLocked: true, wasDisabled: true });
    expect(r.password).not.toBe(PASSWORD);
    // The earlier session is ended; the old password no longer works; the new one must be changed first.
    expect((await secadmin.get("/auth/session")).status).toBe(401);
    expect(await t.deps.db.$count(sessions, eq(sessions.accountId, row!.id))).toBe(0);
    expect((await t.client().login("secadmin", PASSWORD)).status).toBe(401);
    const back = t.client();
    const signedIn = await back.login("secadmin", r.password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    expect((await back.get("/accounts")).status).toBe(403);
    expect(
      (await back.post("/auth/password", { currentPassword: r.password, newPassword: "Brand-New-Pass-77" })).status,
    ).toBe(204);
    expect((await back.get("/accounts")).status).toBe(200);

    const [audit] = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "account.recover"));
    expect(audit).toMatchObject({ actorId: null, entityType: "account", entityId: row!.id });
    expect(audit!.details).toMatchObject({ username: "secadmin", roles: ["secadmin"], ...OPERATOR });
    expect(audit!.before).toMatchObject({ locked: true, disabled: true });
  });

  it("refuses a business account and an unknown name, changing nothing", async () => {
    const [before] = await t.deps.db.select().from(accounts).where(eq(accounts.username, "filler"));
    const refused = await recoverAdminAccount(t.deps.db, "filler", OPERATOR).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("forbidden");
    expect((refused as DomainError).text.zh).toContain("不是管理员账户");
    const [after] = await t.deps.db.select().from(accounts).where(eq(accounts.username, "filler"));
    expect(after!.passwordHash).toBe(before!.passwordHash);
    await expect(recoverAdminAccount(t.deps.db, "nobody", OPERATOR)).rejects.toMatchObject({ code: "not_found" });
    expect(await t.deps.db.$count(auditEvents, eq(auditEvents.action, "account.recover"))).toBe(1);
  });
});
