/**
 * The signed-in person is read afresh on every request (issue 14: the session, account and memberships now come in
 * one query, and there is no actor cache): a granted or revoked role, a disabled account, a password changed in
 * another session and a logout all hold on the very next request.
 */
import { describe, expect, it } from "vitest";
import { createAccount, PASSWORD } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("the actor of each request on %s", (kind) => {
  const { t } = appForSuite(kind);

  it("a role granted or revoked, and a disabled account, hold at the next request", async () => {
    const account = await createAccount(t.deps.db, {
      username: "fresh-viewer",
      roles: [{ role: "viewer", orgId: t.world.unit.id }],
    });
    const viewer = await t.as("fresh-viewer");
    const foreignList = `/projects?orgId=${t.world.foreign.id}&year=2024`;
    expect((await viewer.get(`/projects?orgId=${t.world.unit.id}&year=2024`)).status).toBe(200);
    expect((await viewer.get(foreignList)).status).toBe(404);

    const secadmin = await t.as(t.world.users.secadmin);
    const granted = await secadmin.post(`/accounts/${account.id}/memberships`, {
      role: "viewer",
      orgId: t.world.foreign.id,
    });
    expect(granted.status).toBe(201);
    expect((await viewer.get(foreignList)).status).toBe(200);
    const session = await viewer.get("/auth/session");
    expect(session.status).toBe(200);

    const membership = (granted.body.memberships as { id: string; orgId: string | null }[]).find(
      (m) => m.orgId === t.world.foreign.id,
    )!;
    const revoked = await secadmin.req("DELETE", `/api/v1/accounts/${account.id}/memberships/${membership.id}`);
    expect(revoked.status).toBe(204);
    expect((await viewer.get(foreignList)).status).toBe(404);
    expect((await viewer.get(`/projects?orgId=${t.world.unit.id}&year=2024`)).status).toBe(200);

    const sysadmin = await t.as(t.world.users.sysadmin);
    expect((await sysadmin.post(`/accounts/${account.id}/disabled`, { disabled: true })).status).toBe(200);
    expect((await viewer.get(`/projects?orgId=${t.world.unit.id}&year=2024`)).status).toBe(401);
  });

  it("a password changed in one session ends the others at once; a logout ends its own", async () => {
    await createAccount(t.deps.db, { username: "fresh-filler", roles: [{ role: "filler", orgId: t.world.unit.id }] });
    const here = await t.as("fresh-filler");
    const elsewhere = await t.as("fresh-filler");
    expect((await elsewhere.get("/auth/session")).status).toBe(200);

    const changed = await here.post("/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "Another-Horse-42",
    });
    expect(changed.status).toBe(204);
    expect((await elsewhere.get("/auth/session")).status).toBe(401);
    expect((await here.get("/auth/session")).status).toBe(200);

    expect((await here.post("/auth/logout")).status).toBe(204);
    expect((await here.get("/auth/session")).status).toBe(401);
  });
});
