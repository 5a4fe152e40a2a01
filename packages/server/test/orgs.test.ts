import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("organisations on %s", (kind) => {
  const { t, sysadmin: admin } = appForSuite(kind, ["sysadmin"]);

  it("lists only the subtree a business role covers, flat with parent ids", async () => {
    const reviewer = await t.as("reviewer");
    const r = await reviewer.get("/orgs");
    expect(r.status).toBe(200);
    expect(r.body.items.map((o: { code: string }) => o.code).sort()).toEqual(["1301", "312", "312007"]);
    const unit = r.body.items.find((o: { code: string }) => o.code === "312007");
    expect(unit).toMatchObject({ parentId: t.world.city.id, nature: "行政", rank: "正科级", fundingForm: "财政拨款" });
    const filler = await t.as("filler");
    expect((await filler.get("/orgs")).body.items.map((o: { code: string }) => o.code)).toEqual(["312007"]);
    const search = await reviewer.get(`/orgs?q=${encodeURIComponent("赵县")}`);
    expect(search.body.items.map((o: { code: string }) => o.code).sort()).toEqual(["312", "312007"]);
  });

  it("lists a subtree with `under`; the administrators see the whole tree", async () => {
    const all = await admin.get("/orgs");
    expect(all.body.items).toHaveLength(6);
    const under = await admin.get(`/orgs?under=${t.world.root.id}`);
    expect(under.body.items.map((o: { code: string }) => o.code).sort()).toEqual(["13", "1301", "312", "312007"]);
    const missing = await admin.get("/orgs/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("组织机构不存在或无权查看");
    const badId = await admin.get("/orgs/not-a-uuid");
    expect(badId.status).toBe(400);
  });

  it("creates, updates with the version (409 when stale), refuses a duplicate sibling code, deletes a leaf", async () => {
    const created = await admin.post("/orgs", {
      parentId: t.world.unit.id,
      code: "312007-01",
      name: "事故处理中队",
      nature: "行政",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ depth: 3, version: 1, parentId: t.world.unit.id });
    const dup = await admin.post("/orgs", { parentId: t.world.unit.id, code: "312007-01", name: "重复" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe("同一上级下已有相同代码的机构");
    const badNature = await admin.post("/orgs", { parentId: t.world.unit.id, code: "x", name: "x", nature: "军队" });
    expect(badNature.status).toBe(400);

    const upd = await admin.patch(`/orgs/${created.body.id}`, { version: 1, rank: "股级" });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ rank: "股级", version: 2 });
    const stale = await admin.patch(`/orgs/${created.body.id}`, { version: 1, rank: "副股级" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ rank: "股级", version: 2 });

    const parentDelete = await admin.del(`/orgs/${t.world.unit.id}?version=1`);
    expect(parentDelete.status).toBe(409);
    expect(parentDelete.body.error.message).toMatch(/不能删除/);
    expect((await admin.del(`/orgs/${created.body.id}?version=2`)).status).toBe(204);
    expect((await admin.get(`/orgs/${created.body.id}`)).status).toBe(404);
    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.body.id));
    expect(audit.map((a) => a.action)).toEqual(["org.create", "org.update", "org.delete"]);
  });

  it("refuses to delete an organisation that still has projects", async () => {
    const leaf = (await admin.post("/orgs", { parentId: t.world.sibling.id, code: "busy", name: "有数据" })).body;
    const secadmin = await t.as("secadmin");
    const acc = (
      await (
        await t.as("sysadmin")
      ).post("/accounts", {
        username: "busyfiller",
        displayName: "填报",
        initialPassword: "Initial-Pass-1",
      })
    ).body;
    expect((await secadmin.post(`/accounts/${acc.id}/memberships`, { role: "filler", orgId: leaf.id })).status).toBe(
      201,
    );
    const filler = t.client();
    await filler.login("busyfiller", "Initial-Pass-1");
    expect(
      (await filler.post("/auth/password", { currentPassword: "Initial-Pass-1", newPassword: "Changed-Pass-2" }))
        .status,
    ).toBe(204);
    expect((await filler.post("/projects", { orgId: leaf.id, year: 2024, name: "占用" })).status).toBe(201);
    const r = await admin.del(`/orgs/${leaf.id}?version=1`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
    expect(r.body.error.message).toBe("该机构下仍有下级机构、数据或账户，不能删除");
    expect(t.errors).toEqual([]);
  });
});
