/**
 * The signed-in person comes from a short actor cache (issue 14, accounts/actor-cache.ts), and every change that
 * matters holds on the very next request all the same: a logout, a password changed (by its owner or reset by the
 * administrator), a role granted, revoked or changed, a membership moved with its organisation, a disabled account
 * — made through the API, or straight in the database as the CLI or another process would. On PostgreSQL a change
 * made by another process is heard when its notice arrives: that test waits for the refusal (never a fixed sleep).
 * The organisations that lists and roll-ups read under are cached beside the actors (orgs/access.ts
 * `visibleSubtree`): a move or a deletion holds at the next request as well.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ActorCache } from "../src/accounts/actor-cache.ts";
import { accounts, memberships, sessions } from "../src/accounts/schema.ts";
import { openDatabase } from "../src/db/open.ts";
import { organisations } from "../src/orgs/schema.ts";
import { createAccount, PASSWORD } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";
import { waitFor } from "./support/wait.ts";

describe.each(STORES)("the actor of each request on %s", (kind) => {
  const { t } = appForSuite(kind);
  const unitList = () => `/projects?orgId=${t.world.unit.id}&year=2024`;
  const foreignList = () => `/projects?orgId=${t.world.foreign.id}&year=2024`;

  /** Signed in, and its actor cached: a second request is answered from the cache. */
  async function cachedViewer(username: string, orgId = t.world.unit.id) {
    const account = await createAccount(t.deps.db, { username, roles: [{ role: "viewer", orgId }] });
    const client = await t.as(username);
    expect((await client.get("/auth/session")).status).toBe(200);
    const token = client.cookie!.split("=")[1]!;
    const { sha256 } = await import("../src/accounts/auth.service.ts");
    const hash = sha256(decodeURIComponent(token));
    expect(t.deps.actorCache!.get(hash, t.clock.now.getTime())?.actor.username).toBe(username);
    return { account, client, hash };
  }

  it("serves a signed-in request from the cache, and a role granted or revoked holds at the next request", async () => {
    const { account, client: viewer } = await cachedViewer("fresh-viewer");
    expect((await viewer.get(unitList())).status).toBe(200);
    expect((await viewer.get(foreignList())).status).toBe(404);

    const secadmin = await t.as(t.world.users.secadmin);
    const granted = await secadmin.post(`/accounts/${account.id}/memberships`, {
      role: "viewer",
      orgId: t.world.foreign.id,
    });
    expect(granted.status).toBe(201);
    expect((await viewer.get(foreignList())).status).toBe(200);

    const membership = (granted.body.memberships as { id: string; orgId: string | null }[]).find(
      (m) => m.orgId === t.world.foreign.id,
    )!;
    // cached again before the revocation
    expect((await viewer.get(foreignList())).status).toBe(200);
    const revoked = await secadmin.req("DELETE", `/api/v1/accounts/${account.id}/memberships/${membership.id}`);
    expect(revoked.status).toBe(204);
    expect((await viewer.get(foreignList())).status).toBe(404);
    expect((await viewer.get(unitList())).status).toBe(200);

    const sysadmin = await t.as(t.world.users.sysadmin);
    expect((await sysadmin.post(`/accounts/${account.id}/disabled`, { disabled: true })).status).toBe(200);
    expect((await viewer.get(unitList())).status).toBe(401);
  });

  it("a password changed in one session ends the others at once; a logout ends its own", async () => {
    await createAccount(t.deps.db, { username: "fresh-filler", roles: [{ role: "filler", orgId: t.world.unit.id }] });
    const here = await t.as("fresh-filler");
    const elsewhere = await t.as("fresh-filler");
    expect((await elsewhere.get("/auth/session")).status).toBe(200);
    expect((await elsewhere.get("/auth/session")).status).toBe(200);

    const changed = await here.post("/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "Another-Horse-42",
    });
    expect(changed.status).toBe(204);
    expect((await elsewhere.get("/auth/session")).status).toBe(401);
    expect((await here.get("/auth/session")).status).toBe(200);
    expect((await here.get("/auth/session")).status).toBe(200);

    expect((await here.post("/auth/logout")).status).toBe(204);
    expect((await here.get("/auth/session")).status).toBe(401);
  });

  it("a password reset by the administrator ends the cached session", async () => {
    const { account, client } = await cachedViewer("fresh-reset");
    const sysadmin = await t.as(t.world.users.sysadmin);
    const reset = await sysadmin.post(`/accounts/${account.id}/password`, { initialPassword: "Reset-Horse-77" });
    expect(reset.status).toBe(204);
    expect((await client.get(unitList())).status).toBe(401);
  });

  it("a moved organisation changes what its members see at the next request", async () => {
    const orgs = await t.as(t.world.users.sysadmin);
    const made = await orgs.post("/orgs", { parentId: t.world.city.id, code: "312099", name: "迁移测试大队" });
    expect(made.status).toBe(201);
    const { client } = await cachedViewer("fresh-mover", made.body.id);
    // the city's reviewer's subtree holds the unit; the viewer sees its own organisation's projects
    expect((await client.get(`/projects?orgId=${made.body.id}&year=2024`)).status).toBe(200);
    const moved = await orgs.patch(`/orgs/${made.body.id}`, {
      parentId: t.world.foreignRoot.id,
      version: made.body.version,
    });
    expect(moved.status).toBe(200);
    // its path changed: the cached path would still be under the city
    const session = await client.get("/auth/session");
    expect(session.status).toBe(200);
    const reviewer = await t.as(t.world.users.reviewer);
    expect((await reviewer.get(`/projects?orgId=${made.body.id}&year=2024`)).status).toBe(404);
    expect((await client.get(`/projects?orgId=${made.body.id}&year=2024`)).status).toBe(200);
  });

  it("an organisation's cached path holds until it moves (the API) or is deleted (plain SQL)", async () => {
    const sysadmin = await t.as(t.world.users.sysadmin);
    const made = await sysadmin.post("/orgs", { parentId: t.world.city.id, code: "312098", name: "路径缓存大队" });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const cache = t.deps.actorCache!;
    const cachedPath = () => cache.subtree(id, t.clock.now.getTime())?.path;
    const rollup = `/rollups/execution?orgId=${id}&year=2024`;
    const list = `/projects?orgId=${id}&year=2024`;
    const reviewer = await t.as(t.world.users.reviewer);
    const foreignFiller = await t.as(t.world.users.foreignFiller);

    expect((await reviewer.get(rollup)).status).toBe(200);
    expect(cachedPath()).toBe(`${t.world.city.path}${id}/`);
    // answered from the cached path, and still refused to whom it is not visible
    expect((await reviewer.get(list)).status).toBe(200);
    expect((await foreignFiller.get(list)).status).toBe(404);

    const moved = await sysadmin.patch(`/orgs/${id}`, { parentId: t.world.foreign.id, version: made.body.version });
    expect(moved.status).toBe(200);
    expect(cachedPath()).toBeUndefined();
    expect((await reviewer.get(rollup)).status).toBe(404);
    expect((await reviewer.get(list)).status).toBe(404);
    // On PostgreSQL the move's own notice (LISTEN) may be heard after this request and drop the entry once more
    // (never a stale one): ask until the moved path is cached, every answer the moved organisation's.
    await waitFor("the moved path cached", async () => {
      expect((await foreignFiller.get(rollup)).status).toBe(200);
      return cachedPath() === `${t.world.foreign.path}${id}/` ? true : undefined;
    });

    await t.deps.db.delete(organisations).where(eq(organisations.id, id));
    expect((await foreignFiller.get(rollup)).status).toBe(404);
    expect((await foreignFiller.get(list)).status).toBe(404);
  });

  it("the evaluations, monitoring, rectification and experts lists read under the cached path too, and a move holds at once", async () => {
    const sysadmin = await t.as(t.world.users.sysadmin);
    const made = await sysadmin.post("/orgs", { parentId: t.world.city.id, code: "312099", name: "列表缓存大队" });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const cache = t.deps.actorCache!;
    const cachedPath = () => cache.subtree(id, t.clock.now.getTime())?.path;
    const lists = [
      `/evaluations?orgId=${id}&year=2024`,
      `/monitoring/rounds?orgId=${id}&year=2024`,
      `/rectification/items?orgId=${id}&year=2024`,
      `/expert-forms?orgId=${id}`,
      `/experts?orgId=${id}`,
      `/expert-assignments?orgId=${id}&year=2024`,
    ];
    const reviewer = await t.as(t.world.users.reviewer);
    for (const list of lists) {
      cache.clear();
      expect(cachedPath()).toBeUndefined();
      // each list looks the organisation up once and leaves its path in the cache for the next request
      expect((await reviewer.get(list)).status, list).toBe(200);
      expect(cachedPath(), list).toBe(`${t.world.city.path}${id}/`);
      expect((await reviewer.get(list)).status, list).toBe(200);
    }
    const moved = await sysadmin.patch(`/orgs/${id}`, { parentId: t.world.foreign.id, version: made.body.version });
    expect(moved.status).toBe(200);
    expect(cachedPath()).toBeUndefined();
    for (const list of lists) expect((await reviewer.get(list)).status, list).toBe(404);
    // (the move's own notice may drop the entry once more on PostgreSQL: ask until the moved path is cached)
    await waitFor("the moved path cached", async () => {
      expect((await reviewer.get(lists[0]!)).status).toBe(404);
      return cachedPath() === `${t.world.foreign.path}${id}/` ? true : undefined;
    });
  });

  it("changes written straight in the database (the CLI, plain SQL) hold at the next request", async () => {
    const { account, client, hash } = await cachedViewer("fresh-sql");
    // a membership changed: the viewer now of the foreign unit
    await t.deps.db.update(memberships).set({ orgId: t.world.foreign.id }).where(eq(memberships.accountId, account.id));
    expect((await client.get(foreignList())).status).toBe(200);
    expect((await client.get(unitList())).status).toBe(404);
    // the session ended (a logout elsewhere)
    expect((await client.get(foreignList())).status).toBe(200);
    await t.deps.db.delete(sessions).where(eq(sessions.tokenHash, hash));
    expect((await client.get(foreignList())).status).toBe(401);

    const again = await t.as("fresh-sql");
    expect((await again.get(foreignList())).status).toBe(200);
    // must change the password again (a reset by the recovery command)
    await t.deps.db.update(accounts).set({ mustChangePassword: true }).where(eq(accounts.id, account.id));
    expect((await again.get(foreignList())).status).toBe(403);
  });

  // PostgreSQL only: a PGlite database lives inside its one process, so no other process can change it.
  if (kind === "postgres")
    it("a change made by another process is heard (its notice) and then holds", async () => {
      const { account, client } = await cachedViewer("fresh-other");
      const other = await openDatabase({ url: t.store.url!, migrate: false, poolSize: 1 });
      try {
        await other.db.delete(memberships).where(eq(memberships.accountId, account.id));
        // heard when the notice arrives: wait for it, on the condition itself (no role left: 403)
        let status = 0;
        for (let i = 0; i < 2_000 && status !== 403; i++) {
          status = (await client.get(unitList())).status;
          if (status !== 403) await new Promise((r) => setImmediate(r));
        }
        expect(status).toBe(403);
        await other.db.update(accounts).set({ disabled: true }).where(eq(accounts.id, account.id));
        for (let i = 0; i < 2_000 && status !== 401; i++) {
          status = (await client.get("/auth/session")).status;
          if (status !== 401) await new Promise((r) => setImmediate(r));
        }
        expect(status).toBe(401);
      } finally {
        await other.close();
      }
    });
});

describe("the cached organisations", () => {
  it("are not stored by a lookup that a change overtook, and are dropped with the actors", () => {
    const cache = new ActorCache(30_000);
    cache.listening = true;
    const entry = { id: "o", path: "/o/", cachedAt: 0 };
    const before = cache.generation;
    cache.clear();
    cache.setSubtree("o", entry, before);
    expect(cache.subtree("o", 0)).toBeUndefined();
    cache.setSubtree("o", entry, cache.generation);
    expect(cache.subtree("o", 1)?.path).toBe("/o/");
    expect(cache.subtree("o", 30_001)).toBeUndefined();
    cache.setSubtree("o", { ...entry, cachedAt: 2 }, cache.generation);
    cache.clear();
    expect(cache.subtree("o", 3)).toBeUndefined();
    cache.setSubtree("o", entry, cache.generation);
    cache.listening = false;
    expect(cache.subtree("o", 1)).toBeUndefined();
  });
});
