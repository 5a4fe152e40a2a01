/**
 * Issue 15, finding 1 — 三员分立 that stays separated: an administrator's action on an account looks at the
 * TARGET's roles. The system administrator manages business (and role-less) accounts only; no administrator
 * resets or disables an account of another administrator kind; the security administrator manages the credentials
 * of security-administrator accounts, unlocks anyone, and never gets business data for itself; an administrator
 * role that is revoked retires the account (disabled, sessions end), so a known password cannot be turned into a
 * business puppet.
 */
import { describe, expect, it } from "vitest";
import { createAccount } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("separated administrators stay separated on %s", (kind) => {
  const { t, sysadmin, secadmin, auditor } = appForSuite(kind, ["sysadmin", "secadmin", "auditor"]);

  const idOf = async (username: string): Promise<string> => {
    const r = await secadmin.get("/accounts");
    return r.body.items.find((a: { username: string }) => a.username === username).id;
  };

  it("refuses the system administrator resetting the password of, or disabling, any administrator account", async () => {
    for (const target of ["secadmin", "auditor"]) {
      const id = await idOf(target);
      const reset = await sysadmin.post(`/accounts/${id}/password`, { initialPassword: "Takeover-Pass-2026" });
      expect(reset.status).toBe(403);
      expect(reset.body.error.message).toMatch(/三员分立/);
      const off = await sysadmin.post(`/accounts/${id}/disabled`, { disabled: true });
      expect(off.status).toBe(403);
    }
    // The targets still sign in with their own password and keep their sessions.
    expect((await t.client().login("secadmin")).status).toBe(200);
    expect((await auditor.get("/audit?pageSize=1")).status).toBe(200);
    // And nothing was written as if it had happened.
    const resets = await auditor.get("/audit?action=account.password_reset");
    expect(resets.body.items).toHaveLength(0);
  });

  it("refuses a second system administrator account being reset or disabled by the first", async () => {
    await createAccount(t.deps.db, { username: "sysadmin2", roles: [{ role: "sysadmin" }] });
    const id = await idOf("sysadmin2");
    expect((await sysadmin.post(`/accounts/${id}/password`, { initialPassword: "Takeover-Pass-2026" })).status).toBe(
      403,
    );
    expect((await sysadmin.post(`/accounts/${id}/disabled`, { disabled: true })).status).toBe(403);
  });

  it("still lets the system administrator reset and disable business and role-less accounts", async () => {
    const viewer = await idOf("viewer");
    expect((await sysadmin.post(`/accounts/${viewer}/password`, { initialPassword: "Reset-Pass-2026" })).status).toBe(
      204,
    );
    const created = await sysadmin.post("/accounts", {
      username: "fresh",
      displayName: "新人",
      initialPassword: "Initial-Pass-1",
    });
    expect((await sysadmin.post(`/accounts/${created.body.id}/disabled`, { disabled: true })).status).toBe(200);
    expect((await sysadmin.post(`/accounts/${created.body.id}/disabled`, { disabled: false })).status).toBe(200);
  });

  it("lets only the security administrator manage security-administrator credentials, never another kind", async () => {
    await createAccount(t.deps.db, { username: "secadmin2", roles: [{ role: "secadmin" }] });
    const sec2 = await idOf("secadmin2");
    expect((await secadmin.post(`/accounts/${sec2}/password`, { initialPassword: "Reset-Sec-2026x" })).status).toBe(
      204,
    );
    expect((await secadmin.post(`/accounts/${sec2}/disabled`, { disabled: true })).status).toBe(200);
    expect((await secadmin.post(`/accounts/${sec2}/disabled`, { disabled: false })).status).toBe(200);
    for (const target of ["sysadmin", "auditor", "viewer"]) {
      const id = await idOf(target);
      const reset = await secadmin.post(`/accounts/${id}/password`, { initialPassword: "Takeover-Pass-2026" });
      expect(reset.status).toBe(403);
      expect((await secadmin.post(`/accounts/${id}/disabled`, { disabled: true })).status).toBe(403);
    }
    // The auditor manages nobody's credentials.
    expect((await auditor.post(`/accounts/${sec2}/password`, { initialPassword: "Takeover-Pass-2026" })).status).toBe(
      403,
    );
  });

  it("keeps the security administrator away from business roles for itself, directly or through a puppet", async () => {
    const me = await idOf("secadmin");
    const self = await secadmin.post(`/accounts/${me}/memberships`, { role: "reviewer", orgId: t.world.city.id });
    expect(self.status).toBe(403);
    // A puppet: a second security administrator whose password this one has just reset (so knows).
    await createAccount(t.deps.db, { username: "secadmin3", roles: [{ role: "secadmin" }] });
    const puppet = await idOf("secadmin3");
    expect((await secadmin.post(`/accounts/${puppet}/password`, { initialPassword: "Puppet-Pass-2026" })).status).toBe(
      204,
    );
    const listed = (await secadmin.get("/accounts")).body.items.find((a: { id: string }) => a.id === puppet);
    expect((await secadmin.del(`/accounts/${puppet}/memberships/${listed.memberships[0].id}`)).status).toBe(204);
    expect(
      (await secadmin.post(`/accounts/${puppet}/memberships`, { role: "reviewer", orgId: t.world.city.id })).status,
    ).toBe(201);
    // The revoked administrator account is retired: the known password opens nothing.
    const signIn = await t.client().login("secadmin3", "Puppet-Pass-2026");
    expect(signIn.status).toBe(401);
    const after = (await secadmin.get("/accounts")).body.items.find((a: { id: string }) => a.id === puppet);
    expect(after.disabled).toBe(true);
    // Re-enabling a role-less or business account is the system administrator's, not the security administrator's.
    expect((await secadmin.post(`/accounts/${puppet}/disabled`, { disabled: false })).status).toBe(403);
  });

  it("lets the security administrator unlock any account, administrators included", async () => {
    const c = t.client();
    for (let i = 0; i < 5; i++) await c.login("auditor", "Wrong-Password-1");
    expect((await c.login("auditor")).status).toBe(423);
    expect((await secadmin.post(`/accounts/${await idOf("auditor")}/unlock`)).status).toBe(204);
    expect((await c.login("auditor")).status).toBe(200);
    expect((await sysadmin.post(`/accounts/${await idOf("auditor")}/unlock`)).status).toBe(403);
  });
});
