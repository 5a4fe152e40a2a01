import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, sessions } from "../src/accounts/schema.ts";
import { auditEvents } from "../src/audit/schema.ts";
import { createAccount, PASSWORD } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("accounts and sessions on %s", (kind) => {
  const { t } = appForSuite(kind);
  const auditOf = (action: string) => t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, action));

  it("signs in: HTTP-only SameSite=Lax cookie, CSRF token and the user; the session lives in the database", async () => {
    const c = t.client();
    const r = await c.login("filler");
    expect(r.status).toBe(200);
    const cookie = r.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^jixiao_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(r.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(r.body.user).toMatchObject({ username: "filler", roles: ["filler"], mustChangePassword: false });
    const s = await c.get("/auth/session");
    expect(s.status).toBe(200);
    expect(s.body.user.username).toBe("filler");
    const rows = await t.deps.db.select().from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    // The cookie token itself is not stored, only its hash.
    const token = c.cookie!.split("=")[1]!;
    expect(rows.some((row) => row.tokenHash === token)).toBe(false);
    expect((await auditOf("auth.login")).length).toBeGreaterThan(0);
  });

  it("answers 401 without a session, and with a wrong password (same message as an unknown user)", async () => {
    const c = t.client();
    expect((await c.get("/auth/session")).status).toBe(401);
    const wrong = await c.login("viewer", "Wrong-password-1");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: "unauthenticated", message: "用户名或密码错误" });
    const unknown = await c.login("nobody", "Wrong-password-1");
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    const failures = await auditOf("auth.failure");
    expect(failures.map((f) => (f.details as { reason: string }).reason)).toEqual(
      expect.arrayContaining(["wrong_password", "unknown_user"]),
    );
  });

  it("requires the CSRF header on writes", async () => {
    const c = await t.as("filler");
    const none = await c.req("POST", "/api/v1/auth/logout", undefined, { "X-CSRF-Token": "" });
    expect(none.status).toBe(403);
    expect(none.body.error).toMatchObject({ code: "csrf_failed" });
    const bad = await c.req("POST", "/api/v1/auth/logout", undefined, { "X-CSRF-Token": "x".repeat(43) });
    expect(bad.status).toBe(403);
    const ok = await c.post("/auth/logout");
    expect(ok.status).toBe(204);
    expect((await c.get("/auth/session")).status).toBe(401);
  });

  it("locks the account after 5 failures for 15 minutes (423), then lets it in again", async () => {
    await createAccount(t.deps.db, { username: "locky", roles: [{ role: "viewer", orgId: t.world.unit.id }] });
    const c = t.client();
    for (let i = 0; i < 5; i++) expect((await c.login("locky", "Wrong-password-1")).status).toBe(401);
    const locked = await c.login("locky");
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe("account_locked");
    expect(locked.body.error.message).toMatch(/已锁定/);
    expect(await auditOf("auth.lockout")).toHaveLength(1);
    t.clock.advance(14 * 60_000);
    expect((await c.login("locky")).status).toBe(423);
    t.clock.advance(2 * 60_000);
    expect((await c.login("locky")).status).toBe(200);
  });

  it("ends a session after 30 minutes idle, and after 12 hours however active", async () => {
    const c = await t.as("viewer");
    t.clock.advance(29 * 60_000);
    expect((await c.get("/auth/session")).status).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await c.get("/auth/session")).status).toBe(200);
    t.clock.advance(31 * 60_000);
    const ended = await c.get("/auth/session");
    expect(ended.status).toBe(401);
    expect(ended.body.error).toMatchObject({
      code: "session_expired",
      message: "会话已结束（超时或已在别处退出），请重新登录",
    });
    // The cookie is cleared: the next request is simply "not signed in".
    expect((await c.get("/auth/session")).body.error.code).toBe("unauthenticated");
    // A sign-in with a stale cookie and a wrong password says just that.
    const stale = t.client();
    stale.cookie = "jixiao_session=stale-token";
    expect((await stale.login("viewer", "Wrong-Password-1")).body.error.message).toBe("用户名或密码错误");

    const d = await t.as("viewer");
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60_000);
      if ((await d.get("/auth/session")).status !== 200) break;
    }
    // 25 × 29 min > 12 h: the absolute limit ended it although it was never idle.
    expect((await d.get("/auth/session")).status).toBe(401);
  });

  it("forces a change of the initial password; enforces the password rules", async () => {
    await createAccount(t.deps.db, {
      username: "newbie",
      roles: [{ role: "viewer", orgId: t.world.unit.id }],
      mustChangePassword: true,
    });
    const c = await t.as("newbie");
    expect((await c.get("/auth/session")).body.user.mustChangePassword).toBe(true);
    const blocked = await c.get("/orgs");
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("password_change_required");

    const cases: [string, RegExp][] = [
      ["Short-1", /至少 10 个字符/],
      ["alllowercase1234", /至少三类/],
      ["Newbie-12345", /不能包含用户名/],
    ];
    for (const [pw, message] of cases) {
      const r = await c.post("/auth/password", { currentPassword: PASSWORD, newPassword: pw });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(message);
    }
    const wrongCurrent = await c.post("/auth/password", {
      currentPassword: "nope-Nope-1",
      newPassword: "Fresh-Password-7",
    });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.location).toEqual({ field: "currentPassword" });
    const ok = await c.post("/auth/password", { currentPassword: PASSWORD, newPassword: "Fresh-Password-7" });
    expect(ok.status).toBe(204);
    expect((await c.get("/orgs")).status).toBe(200);
    const [row] = await t.deps.db.select().from(accounts).where(eq(accounts.username, "newbie"));
    expect(row?.mustChangePassword).toBe(false);
    // The server hashes at the production cost (argon2id, 19 MiB, two passes, one lane); the test accounts' own
    // hashes are cheaper (support/app.ts testPasswordHash), which the server verifies by the parameters they carry.
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const changes = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.password_change"), eq(auditEvents.actorId, row!.id)));
    expect(changes).toHaveLength(1);
  });
});
