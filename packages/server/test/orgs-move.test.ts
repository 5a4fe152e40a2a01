/**
 * Moving an organisation (PATCH /orgs/{id} with a new parentId): the whole subtree's paths and levels are
 * rewritten in one transaction, cycles and a fifth level are refused, the version is checked, the move is
 * audited, and business scopes follow the new place in the tree.
 */
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { organisations } from "../src/orgs/schema.ts";
import { createAccount } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

interface OrgBody {
  id: string;
  parentId: string | null;
  code: string;
  depth: number;
  version: number;
}

describe.each(STORES)("moving organisations on %s", (kind) => {
  const { t, sysadmin: admin } = appForSuite(kind, ["sysadmin"]);

  const row = async (id: string) => (await t.deps.db.select().from(organisations).where(eq(organisations.id, id)))[0]!;
  const get = async (id: string) => (await admin.get<OrgBody>(`/orgs/${id}`)).body;

  it("moves a unit with its sub-organisations: paths and levels of the whole subtree follow, audited", async () => {
    // 13 省 > 1301 市 > 县 > 单位 > (nothing deeper); move the county with its unit under the foreign city 5303.
    const county = (await admin.post<OrgBody>("/orgs", { parentId: t.world.city.id, code: "130133", name: "赵县" }))
      .body;
    const unit = (await admin.post<OrgBody>("/orgs", { parentId: county.id, code: "130133-1", name: "赵县交警" })).body;
    expect([county.depth, unit.depth]).toEqual([2, 3]);
    const r = await admin.patch<OrgBody>(`/orgs/${county.id}`, { version: 1, parentId: t.world.foreign.id });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: county.id, parentId: t.world.foreign.id, depth: 2, version: 2 });

    const [c, u] = [await row(county.id), await row(unit.id)];
    expect(c.path).toBe(`${t.world.foreign.path}${county.id}/`);
    expect(u.path).toBe(`${t.world.foreign.path}${county.id}/${unit.id}/`);
    expect(u.depth).toBe(3);
    expect(u.parentId).toBe(county.id);
    // Nothing is left on the old path.
    const left = await t.deps.db
      .select()
      .from(organisations)
      .where(like(organisations.path, `${t.world.city.path}${county.id}/%`));
    expect(left).toEqual([]);
    // The foreign province's subtree lists both now, the old city's does not.
    const underForeign = (await admin.get<{ items: OrgBody[] }>(`/orgs?under=${t.world.foreignRoot.id}`)).body.items;
    expect(underForeign.map((o) => o.code)).toEqual(expect.arrayContaining(["130133", "130133-1"]));
    const underCity = (await admin.get<{ items: OrgBody[] }>(`/orgs?under=${t.world.city.id}`)).body.items;
    expect(underCity.map((o) => o.code)).not.toContain("130133-1");

    const audit = await t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, county.id), eq(auditEvents.action, "org.move")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ parentId: t.world.city.id, version: 1 });
    expect(audit[0]!.after).toMatchObject({ parentId: t.world.foreign.id, version: 2 });
    expect(audit[0]!.details).toMatchObject({
      fromParentId: t.world.city.id,
      toParentId: t.world.foreign.id,
      organisationsMoved: 2,
    });
    expect(audit[0]!.actorName).toBe("sysadmin");
  });

  it("refuses a move under the organisation itself or one of its descendants, naming parentId", async () => {
    const city = await get(t.world.city.id);
    const self = await admin.patch(`/orgs/${city.id}`, { version: city.version, parentId: city.id });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe("invalid_input");
    expect(self.body.error.location).toMatchObject({ field: "parentId" });
    expect(self.body.error.message).toContain("不能把“石家庄市公安局”移到它自己或它的下级机构");
    expect(self.body.error.messageEn).toContain("cannot be moved under itself or its own sub-organisation");

    const below = await admin.patch(`/orgs/${city.id}`, { version: city.version, parentId: t.world.unit.id });
    expect(below.status).toBe(400);
    expect(below.body.error.location).toMatchObject({ field: "parentId" });
    expect(below.body.error.message).toContain("赵县公安局交警大队");
    // Nothing changed.
    const after = await row(city.id);
    expect(after.parentId).toBe(t.world.root.id);
    expect(after.version).toBe(city.version);
  });

  it("keeps the four levels (province > city > county > unit): a move or a creation below a unit is refused", async () => {
    // A city-level branch with two levels below it cannot go under a city (it would reach a fifth level).
    const branch = (await admin.post<OrgBody>("/orgs", { parentId: t.world.root.id, code: "1399", name: "支队" })).body;
    const team = (await admin.post<OrgBody>("/orgs", { parentId: branch.id, code: "1399-1", name: "大队" })).body;
    await admin.post<OrgBody>("/orgs", { parentId: team.id, code: "1399-1-1", name: "中队" });
    const deep = await admin.patch(`/orgs/${branch.id}`, { version: 1, parentId: t.world.city.id });
    expect(deep.status).toBe(400);
    expect(deep.body.error.location).toMatchObject({ field: "parentId" });
    expect(deep.body.error.message).toContain("第 5 级");
    expect((await row(branch.id)).parentId).toBe(t.world.root.id);

    const tooDeep = await admin.post("/orgs", { parentId: (await row(team.id)).id, code: "x", name: "x" });
    expect(tooDeep.status).toBe(201); // level 4 of 4 (中队 sibling): allowed
    const fifth = await admin.post("/orgs", { parentId: tooDeep.body.id, code: "y", name: "y" });
    expect(fifth.status).toBe(400);
    expect(fifth.body.error.location).toMatchObject({ field: "parentId" });

    // The same branch may become a province of its own (top level), its levels shifting up by one.
    const top = await admin.patch<OrgBody>(`/orgs/${branch.id}`, { version: 1, parentId: null });
    expect(top.status).toBe(200);
    expect(top.body).toMatchObject({ parentId: null, depth: 0 });
    expect((await row(team.id)).depth).toBe(1);
    expect((await row(team.id)).path).toBe(`/${branch.id}/${team.id}/`);
  });

  it("checks the version (409 with the current record), the parent's existence and a duplicate code there", async () => {
    const leaf = (await admin.post<OrgBody>("/orgs", { parentId: t.world.root.id, code: "1302", name: "保定" })).body;
    expect((await admin.patch(`/orgs/${leaf.id}`, { version: 1, name: "保定市公安局" })).status).toBe(200);
    const stale = await admin.patch(`/orgs/${leaf.id}`, { version: 1, parentId: t.world.foreignRoot.id });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ name: "保定市公安局", version: 2, parentId: t.world.root.id });

    const missing = await admin.patch(`/orgs/${leaf.id}`, {
      version: 2,
      parentId: "00000000-0000-4000-8000-000000000000",
    });
    expect(missing.status).toBe(404);

    await admin.post("/orgs", { parentId: t.world.foreignRoot.id, code: "1302", name: "同代码" });
    const dup = await admin.patch(`/orgs/${leaf.id}`, { version: 2, parentId: t.world.foreignRoot.id });
    expect(dup.status).toBe(409);
    expect(dup.body.error.location).toMatchObject({ field: "parentId" });
    expect(dup.body.error.message).toContain("新上级机构下已有相同代码");
    expect((await row(leaf.id)).parentId).toBe(t.world.root.id);

    // The same parent again is no move: a plain update.
    const same = await admin.patch<OrgBody>(`/orgs/${leaf.id}`, {
      version: 2,
      parentId: t.world.root.id,
      rank: "正处级",
    });
    expect(same.status).toBe(200);
    const actions = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.entityId, leaf.id));
    expect(actions.map((a) => a.action)).toEqual(["org.create", "org.update", "org.update"]);
  });

  it("needs orgs.manage: a reviewer covering both places may not move (403), a foreign filler sees nothing (404)", async () => {
    const reviewer = await t.as("reviewer");
    const sibling = await get(t.world.sibling.id);
    const r = await reviewer.patch(`/orgs/${sibling.id}`, { version: sibling.version, parentId: t.world.root.id });
    expect(r.status).toBe(403);
    const foreign = await t.as("foreignFiller");
    const f = await foreign.patch(`/orgs/${sibling.id}`, { version: sibling.version, parentId: t.world.foreign.id });
    expect(f.status).toBe(404);
    expect((await row(sibling.id)).parentId).toBe(t.world.city.id);
    expect(t.errors).toEqual([]);
  });

  it("scopes follow the move: the old parent's reviewer loses sight, the new parent's gains it, the unit's filler keeps it", async () => {
    const unit = await admin.post<OrgBody>("/orgs", { parentId: t.world.city.id, code: "312099", name: "移动大队" });
    expect(unit.status).toBe(201);
    await createAccount(t.deps.db, { username: "movefiller", roles: [{ role: "filler", orgId: unit.body.id }] });
    await createAccount(t.deps.db, {
      username: "foreignReviewer",
      roles: [{ role: "reviewer", orgId: t.world.foreignRoot.id }],
    });
    const filler = await t.as("movefiller");
    const cityReviewer = await t.as("reviewer");
    const foreignReviewer = await t.as("foreignReviewer");
    const project = await filler.post("/projects", { orgId: unit.body.id, year: 2024, name: "随机构移动的项目" });
    expect(project.status).toBe(201);

    expect((await cityReviewer.get(`/orgs/${unit.body.id}`)).status).toBe(200);
    expect((await cityReviewer.get(`/projects/${project.body.id}`)).status).toBe(200);
    expect((await foreignReviewer.get(`/orgs/${unit.body.id}`)).status).toBe(404);
    expect((await foreignReviewer.get(`/projects/${project.body.id}`)).status).toBe(404);

    const moved = await admin.patch(`/orgs/${unit.body.id}`, { version: 1, parentId: t.world.foreign.id });
    expect(moved.status).toBe(200);

    // The same signed-in sessions, no new login: scopes are read from the tree on every request.
    expect((await cityReviewer.get(`/orgs/${unit.body.id}`)).status).toBe(404);
    expect((await cityReviewer.get(`/projects/${project.body.id}`)).status).toBe(404);
    const cityList = (await cityReviewer.get(`/projects?orgId=${t.world.city.id}&year=2024`)).body.items as {
      id: string;
    }[];
    expect(cityList.map((p) => p.id)).not.toContain(project.body.id);

    expect((await foreignReviewer.get(`/orgs/${unit.body.id}`)).status).toBe(200);
    expect((await foreignReviewer.get(`/projects/${project.body.id}`)).status).toBe(200);
    const foreignList = (await foreignReviewer.get(`/projects?orgId=${t.world.foreignRoot.id}&year=2024`)).body
      .items as { id: string }[];
    expect(foreignList.map((p) => p.id)).toContain(project.body.id);

    const own = await filler.get(`/projects/${project.body.id}`);
    expect(own.status).toBe(200);
    const edit = await filler.patch(`/projects/${project.body.id}`, { version: own.body.version, purpose: "搬家后" });
    expect(edit.status).toBe(200);
    expect(t.errors).toEqual([]);
  });

  it("crossing moves at once (A under B, B under A) never make a cycle: of each pair one wins, the other is refused", async () => {
    // Eight pairs at the same time, so that on PostgreSQL the two checks of a pair do overlap.
    const pairs = await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        const a = (await admin.post<OrgBody>("/orgs", { parentId: t.world.foreignRoot.id, code: `A${n}`, name: "甲" }))
          .body;
        const b = (await admin.post<OrgBody>("/orgs", { parentId: t.world.foreignRoot.id, code: `B${n}`, name: "乙" }))
          .body;
        return [a, b] as const;
      }),
    );
    const results = await Promise.all(
      pairs.flatMap(([a, b]) => [
        admin.patch(`/orgs/${a.id}`, { version: 1, parentId: b.id }),
        admin.patch(`/orgs/${b.id}`, { version: 1, parentId: a.id }),
      ]),
    );
    for (const [n, [a, b]] of pairs.entries()) {
      const [ra, rb] = [results[2 * n]!, results[2 * n + 1]!];
      expect([ra.status, rb.status].sort()).toEqual([200, 400]);
      const [ca, cb] = [await row(a.id), await row(b.id)];
      const child = ra.status === 200 ? ca : cb;
      const parent = ra.status === 200 ? cb : ca;
      expect(child.parentId).toBe(parent.id);
      expect(parent.parentId).toBe(t.world.foreignRoot.id);
      expect(child.path).toBe(`${parent.path}${child.id}/`);
    }
  });
});
