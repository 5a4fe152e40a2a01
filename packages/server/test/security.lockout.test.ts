/**
 * Issue 15, finding 2 — the lockout holds under parallel guesses. The account's failure counter is taken in the
 * database BEFORE the password is checked (a conditional UPDATE), so a burst cannot test more than
 * `maxFailedLogins` passwords; a correct password arriving while locked is refused and leaves the lock; and
 * failures per client address are limited too (429), whichever accounts they aim at.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts } from "../src/accounts/schema.ts";
import { createApp } from "../src/http/app.ts";
import { createAccount, PASSWORD } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("lockout under parallel guesses on %s", (kind) => {
  const { t } = appForSuite(kind, [], { poolSize: 10 });
  const WRONG = "Wrong-Password-1";

  const attempt = (username: string, password: string) => t.client().login(username, password);
  const auditCount = async (action: string, username: string) => {
    const rows = await t.deps.db.query.auditEvents.findMany({
      where: (a, { and, eq }) => and(eq(a.action, action), eq(a.actorName, username)),
    });
    return rows.length;
  };

  it("tests at most 5 passwords out of 200 parallel guesses; the rest answer 423 and the account is locked", async () => {
    await createAccount(t.deps.db, { username: "flood", roles: [{ role: "viewer", orgId: t.world.unit.id }] });
    const answers = await Promise.all(Array.from({ length: 200 }, () => attempt("flood", WRONG)));
    const count = (s: number) => answers.filter((a) => a.status === s).length;
    expect(count(401)).toBe(5);
    expect(count(423)).toBe(195);
    expect((await attempt("flood", PASSWORD)).status).toBe(423);
    expect(await auditCount("auth.lockout", "flood")).toBe(1);
  });

  it("keeps the lock when the right password comes in the same burst as 40 wrong ones", async () => {
    await createAccount(t.deps.db, { username: "burst", roles: [{ role: "viewer", orgId: t.world.unit.id }] });
    const burst = [...Array.from({ length: 40 }, () => attempt("burst", WRONG)), attempt("burst", PASSWORD)];
    const answers = await Promise.all(burst);
    // Whatever the order the database saw them in, at most 5 passwords were tested…
    expect(answers.filter((a) => a.status !== 423).length).toBeLessThanOrEqual(5);
    // …and the account is locked afterwards, even for the right password.
    expect((await attempt("burst", PASSWORD)).status).toBe(423);
    const [row] = await t.deps.db.select().from(accounts).where(eq(accounts.username, "burst"));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(t.clock.now.getTime());
  });

  it("refuses a correct password while locked without clearing the lock, and lets it in after the lock", async () => {
    await createAccount(t.deps.db, { username: "patient", roles: [{ role: "viewer", orgId: t.world.unit.id }] });
    for (let i = 0; i < 5; i++) expect((await attempt("patient", WRONG)).status).toBe(401);
    expect((await attempt("patient", PASSWORD)).status).toBe(423);
    expect((await attempt("patient", PASSWORD)).status).toBe(423);
    t.clock.advance(15 * 60_000 + 1);
    expect((await attempt("patient", PASSWORD)).status).toBe(200);
    // A success clears the failures before it: four more wrong ones do not lock.
    for (let i = 0; i < 4; i++) expect((await attempt("patient", WRONG)).status).toBe(401);
    expect((await attempt("patient", PASSWORD)).status).toBe(200);
  });

  it("locks a name that is no account exactly like an account, so a 423 does not tell which names exist", async () => {
    await createAccount(t.deps.db, { username: "real-one", roles: [{ role: "viewer", orgId: t.world.unit.id }] });
    const answers = async (username: string) => {
      const out: number[] = [];
      for (let i = 0; i < 7; i++) out.push((await attempt(username, WRONG)).status);
      return out;
    };
    const real = await answers("real-one");
    const ghost = await answers("no-such-person");
    expect(real).toEqual([401, 401, 401, 401, 401, 423, 423]);
    expect(ghost).toEqual(real);
    const a = await attempt("real-one", WRONG);
    const b = await attempt("No-Such-Person", WRONG);
    expect(b.body.error.code).toBe(a.body.error.code);
    expect(b.body.error.message).toBe(a.body.error.message);
    // Parallel guesses at a name that is no account are counted the same way too.
    const flood = await Promise.all(Array.from({ length: 30 }, () => attempt("ghost-flood", WRONG)));
    expect(flood.filter((r) => r.status === 401)).toHaveLength(5);
    t.clock.advance(15 * 60_000 + 1);
    expect((await attempt("no-such-person", WRONG)).status).toBe(401);
  });

  it("answers a disabled account as slowly as any: its password is checked too, and the failure counted", async () => {
    await createAccount(t.deps.db, { username: "gone", roles: [{ role: "viewer", orgId: t.world.unit.id }] });
    await t.deps.db.update(accounts).set({ disabled: true }).where(eq(accounts.username, "gone"));
    expect((await attempt("gone", PASSWORD)).status).toBe(401);
    const [row] = await t.deps.db.select().from(accounts).where(eq(accounts.username, "gone"));
    expect(row!.failedAttempts).toBe(1);
  });

  it("limits failures per client address over many accounts (429), counted in the database", async () => {
    const app = createApp({ ...t.deps, settings: { ...t.deps.settings, maxFailedLoginsPerIp: 8 } });
    const from = (ip: string, username: string, password: string) =>
      app.request(
        "/api/v1/auth/login",
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ username, password }),
        },
        { incoming: { socket: { remoteAddress: ip } } },
      );
    // Spraying: one guess per account (never enough to lock one), plus unknown names.
    const names = ["filler", "filler2", "approver", "reviewer", "viewer", "nobody1", "nobody2", "nobody3"];
    const sprayed = await Promise.all(names.map((n) => from("10.0.0.7", n, WRONG)));
    expect(sprayed.map((r) => r.status).sort()).toEqual(Array(8).fill(401));
    const limited = await from("10.0.0.7", "auditor", PASSWORD);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("too_many_requests");
    // Another address is not affected, and after the window the first one may try again.
    expect((await from("10.0.0.8", "auditor", PASSWORD)).status).toBe(200);
    t.clock.advance(15 * 60_000 + 1);
    expect((await from("10.0.0.7", "auditor", PASSWORD)).status).toBe(200);
  });
});
