import { describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("account administration and the audit trail on %s", (kind) => {
  const { t, sysadmin, secadmin, auditor } = appForSuite(kind, ["sysadmin", "secadmin", "auditor"]);

  it("creates an account with an initial password that obeys the rules and must be changed", async () => {
    const weak = await sysadmin.post("/accounts", { username: "zhang", displayName: "张三", initialPassword: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/至少 10 个字符/);
    const r = await sysadmin.post("/accounts", {
      username: "zhang",
      displayName: "张三",
      initialPassword: "Initial-Pass-1",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ username: "zhang", mustChangePassword: true, memberships: [] });
    const dup = await sysadmin.post("/accounts", {
      username: "ZHANG",
      displayName: "x",
      initialPassword: "Initial-Pass-1",
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe("用户名已存在");
    const c = t.client();
    expect((await c.login("zhang", "Initial-Pass-1")).body.user.mustChangePassword).toBe(true);
  });

  it("keeps the three administrator roles separate from each other and from business roles", async () => {
    const acc = (
      await sysadmin.post("/accounts", { username: "li", displayName: "李四", initialPassword: "Initial-Pass-1" })
    ).body;
    const grant = (body: unknown) => secadmin.post(`/accounts/${acc.id}/memberships`, body);
    const noOrg = await grant({ role: "filler" });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.message).toBe("业务角色须指定机构");
    const withOrg = await grant({ role: "auditor", orgId: t.world.unit.id });
    expect(withOrg.status).toBe(400);
    expect((await grant({ role: "auditor" })).status).toBe(201);
    const second = await grant({ role: "sysadmin" });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/三员分立/);
    const business = await grant({ role: "viewer", orgId: t.world.unit.id });
    expect(business.status).toBe(409);
    const listed = (await secadmin.get("/accounts")).body.items.find((a: { id: string }) => a.id === acc.id);
    expect(listed.memberships.map((m: { role: string }) => m.role)).toEqual(["auditor"]);
    expect((await secadmin.del(`/accounts/${acc.id}/memberships/${listed.memberships[0].id}`)).status).toBe(204);
    expect((await grant({ role: "viewer", orgId: t.world.unit.id })).status).toBe(201);
    expect((await grant({ role: "filler", orgId: t.world.unit.id })).status).toBe(201);
    expect((await grant({ role: "filler", orgId: t.world.unit.id })).status).toBe(409);
    const me = (await secadmin.get("/auth/session")).body.user.id;
    const self = await secadmin.post(`/accounts/${me}/memberships`, { role: "viewer", orgId: t.world.unit.id });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe("不能给自己授予角色");
  });

  it("unlocks a locked account (security administrator)", async () => {
    const acc = (
      await sysadmin.post("/accounts", { username: "wang", displayName: "王五", initialPassword: "Initial-Pass-1" })
    ).body;
    const c = t.client();
    for (let i = 0; i < 5; i++) await c.login("wang", "Wrong-Password-1");
    expect((await c.login("wang", "Initial-Pass-1")).status).toBe(423);
    const listed = (await secadmin.get("/accounts")).body.items.find((a: { id: string }) => a.id === acc.id);
    expect(listed.locked).toBe(true);
    expect((await secadmin.post(`/accounts/${acc.id}/unlock`)).status).toBe(204);
    expect((await c.login("wang", "Initial-Pass-1")).status).toBe(200);
    expect((await secadmin.post("/accounts/00000000-0000-4000-8000-000000000000/unlock")).status).toBe(404);
  });

  it("resets a password (initial, to be changed; sessions end) and disables an account (sign-in refused)", async () => {
    const acc = (
      await sysadmin.post("/accounts", { username: "zhao", displayName: "赵六", initialPassword: "Initial-Pass-1" })
    ).body;
    const c = t.client();
    await c.login("zhao", "Initial-Pass-1");
    expect(
      (await c.post("/auth/password", { currentPassword: "Initial-Pass-1", newPassword: "Own-Password-22" })).status,
    ).toBe(204);
    expect((await c.get("/auth/session")).body.user.mustChangePassword).toBe(false);
    const weak = await sysadmin.post(`/accounts/${acc.id}/password`, { initialPassword: "zhao-12345-X" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toBe("密码不能包含用户名");
    expect((await sysadmin.post(`/accounts/${acc.id}/password`, { initialPassword: "Reset-Pass-2026" })).status).toBe(
      204,
    );
    expect((await c.get("/auth/session")).status).toBe(401);
    const again = await c.login("zhao", "Reset-Pass-2026");
    expect(again.body.user.mustChangePassword).toBe(true);
    const disabled = await sysadmin.post(`/accounts/${acc.id}/disabled`, { disabled: true });
    expect(disabled.body).toMatchObject({ disabled: true });
    expect((await c.get("/auth/session")).status).toBe(401);
    expect((await t.client().login("zhao", "Reset-Pass-2026")).status).toBe(401);
    const me = (await sysadmin.get("/auth/session")).body.user.id;
    expect((await sysadmin.post(`/accounts/${me}/disabled`, { disabled: true })).status).toBe(403);
    await sysadmin.post(`/accounts/${acc.id}/disabled`, { disabled: false });
    expect((await t.client().login("zhao", "Reset-Pass-2026")).status).toBe(200);
  });

  it("lets the system administrator add and close fiscal years (409 when stale or duplicate)", async () => {
    const r = await sysadmin.post("/years", { year: 2027 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ year: 2027, status: "open", version: 1 });
    const dup = await sysadmin.post("/years", { year: 2027 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe("预算年度 2027 已存在");
    const closed = await sysadmin.patch("/years/2027", { status: "closed", version: 1 });
    expect(closed.body).toMatchObject({ status: "closed", version: 2 });
    const stale = await sysadmin.patch("/years/2027", { status: "open", version: 1 });
    expect(stale.status).toBe(409);
    expect((await sysadmin.patch("/years/2099", { status: "open", version: 1 })).status).toBe(404);
    const years = await (await t.as("viewer")).get("/years");
    expect(years.body.items.find((y: { year: number }) => y.year === 2027)).toMatchObject({ status: "closed" });
  });

  it("lets the auditor read the trail — security events included — with filters, and nobody else", async () => {
    const r = await auditor.get("/audit?action=auth.&pageSize=500");
    expect(r.status).toBe(200);
    const actions = new Set(r.body.items.map((e: { action: string }) => e.action));
    for (const a of ["auth.login", "auth.failure", "auth.lockout"]) expect(actions.has(a)).toBe(true);
    const roles = await auditor.get("/audit?action=role.grant");
    expect(roles.body.items).toHaveLength(3);
    expect(roles.body.items[0]).toMatchObject({ actorName: "secadmin", entityType: "membership" });
    const unlock = await auditor.get("/audit?action=account.unlock");
    expect(unlock.body.items).toHaveLength(1);
    const page = await auditor.get("/audit?pageSize=2&page=1");
    expect(page.body.items).toHaveLength(2);
    expect(Number(page.body.items[0].id)).toBeGreaterThan(Number(page.body.items[1].id));
    for (const who of [sysadmin, secadmin, await t.as("reviewer")]) {
      const denied = await who.get("/audit");
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe("您的角色无权执行此操作");
    }
  });
});
