/**
 * The audit trail: each kind of change produces exactly its audit rows, refused requests change nothing (a 403 or
 * 404 is recorded as a refusal), and
 * a change whose audit row cannot be written does not happen (same transaction).
 */
import { asc, gt, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("audit trail on %s", (kind) => {
  const { t, filler, approver, reviewer } = appForSuite(kind, ["filler", "approver", "reviewer"]);

  const lastId = async () => {
    const [r] = await t.deps.db
      .select({ id: sql<string>`coalesce(max(${auditEvents.id}), 0)::text` })
      .from(auditEvents);
    return BigInt(r!.id);
  };
  const since = async (id: bigint) =>
    (await t.deps.db.select().from(auditEvents).where(gt(auditEvents.id, id)).orderBy(asc(auditEvents.id))).map(
      (a) => `${a.actorName}:${a.action}`,
    );

  it("writes exactly one row per change, in order, with who and the organisation", async () => {
    const start = await lastId();
    const unit = t.world.unit.id;
    const p = (await filler.post("/projects", { orgId: unit, year: 2024, name: "审计" })).body;
    const i = (await filler.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
    await filler.patch(`/indicators/${i.id}`, { version: 1, name: "产出" });
    await filler.patch(`/projects/${p.id}`, { version: 1, purpose: "目的" });
    await filler.post(`/projects/${p.id}/submit`, { version: 2 });
    await approver.post(`/projects/${p.id}/return`, { version: 3, comment: "请修改" });
    await filler.post(`/projects/${p.id}/submit`, { version: 4 });
    await approver.post(`/projects/${p.id}/unit-approve`, { version: 5 });
    await reviewer.post(`/projects/${p.id}/return`, { version: 6, comment: "再修改" });
    await filler.post(`/projects/${p.id}/submit`, { version: 7 });
    await approver.post(`/projects/${p.id}/unit-approve`, { version: 8 });
    await reviewer.post(`/projects/${p.id}/approve`, { version: 9 });
    const e = (await filler.post("/evaluations", { kind: "department", orgId: unit, year: 2024 })).body;
    await filler.req("PUT", `/api/v1/evaluations/${e.id}/items`, { version: 1, items: [{ name: "指标" }] });
    const d = (await filler.post("/duties", { orgId: unit, year: 2024, name: "职责" })).body;
    await filler.del(`/duties/${d.id}?version=1`);
    await filler.post("/execution", { orgId: unit, year: 2024, scope: "total", executed: "1.00" });
    expect(await since(start)).toEqual([
      "filler:project.create",
      "filler:indicator.create",
      "filler:indicator.update",
      "filler:project.update",
      "filler:workflow.submit",
      "approver:workflow.return",
      "filler:workflow.submit",
      "approver:workflow.unit_approve",
      "reviewer:workflow.return",
      "filler:workflow.submit",
      "approver:workflow.unit_approve",
      "reviewer:workflow.approve",
      "filler:evaluation.create",
      "filler:evaluation.items",
      "filler:duty.create",
      "filler:duty.delete",
      "filler:execution.create",
    ]);
    const rows = await t.deps.db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, start))
      .orderBy(asc(auditEvents.id));
    expect(rows.every((r) => r.orgId === unit)).toBe(true);
    // Each workflow step's row says from which state and version to which, and a return's comment.
    const steps = rows
      .filter((r) => r.action.startsWith("workflow."))
      .map((r) => {
        const before = r.before as { state: string; version: number };
        const after = r.after as { state: string; version: number };
        const comment = (r.details as { comment?: string } | null)?.comment;
        return `${before.state}@${before.version}>${after.state}@${after.version}${comment ? ` ${comment}` : ""}`;
      });
    expect(steps).toEqual([
      "draft@2>submitted@3",
      "submitted@3>returned@4 请修改",
      "returned@4>submitted@5",
      "submitted@5>unit_approved@6",
      "unit_approved@6>returned@7 再修改",
      "returned@7>submitted@8",
      "submitted@8>unit_approved@9",
      "unit_approved@9>approved@10",
    ]);
  });

  it("changes nothing for refused requests (stale, forbidden, invalid, not found); 403/404 are recorded as refusals", async () => {
    const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "拒绝" })).body;
    const start = await lastId();
    expect((await filler.patch(`/projects/${p.id}`, { version: 9, name: "x" })).status).toBe(409);
    expect((await (await t.as("viewer")).patch(`/projects/${p.id}`, { version: 1, name: "x" })).status).toBe(403);
    expect((await filler.patch(`/projects/${p.id}`, { version: 1, annualFunds: "1.234" })).status).toBe(400);
    expect((await filler.patch("/projects/00000000-0000-4000-8000-000000000000", { version: 1 })).status).toBe(404);
    // Refused workflow steps: wrong role (403), wrong state (409), a return without a comment (400).
    expect((await reviewer.post(`/projects/${p.id}/unit-approve`, { version: 1 })).status).toBe(403);
    expect((await approver.post(`/projects/${p.id}/approve`, { version: 1 })).status).toBe(403);
    expect((await filler.post(`/projects/${p.id}/submit`, { version: 1 })).status).toBe(200);
    const afterSubmit = await lastId();
    expect((await approver.post(`/projects/${p.id}/approve`, { version: 2 })).status).toBe(403);
    expect((await reviewer.post(`/projects/${p.id}/approve`, { version: 2 })).status).toBe(409);
    expect((await approver.post(`/projects/${p.id}/return`, { version: 2 })).status).toBe(400);
    expect(await since(afterSubmit)).toEqual(["approver:request.refused"]);
    // Only the viewer's sign-in, the one accepted submission and the refusals (403 and 404, issue 15) are there.
    expect(await since(start)).toEqual([
      "viewer:auth.login",
      "viewer:request.refused",
      "filler:request.refused",
      "reviewer:request.refused",
      "approver:request.refused",
      "filler:workflow.submit",
      "approver:request.refused",
    ]);
  });

  it("does not make a change whose audit row cannot be written (same transaction)", async () => {
    const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "原名" })).body;
    await t.deps.db.execute(
      sql`ALTER TABLE audit_events ADD CONSTRAINT audit_test_refuse CHECK (action <> 'project.update') NOT VALID`,
    );
    try {
      const r = await filler.patch(`/projects/${p.id}`, { version: 1, name: "新名" });
      expect(r.status).toBe(500);
      expect(r.body.error).toEqual({
        code: "internal",
        message: "服务器内部错误，请稍后重试。",
        messageEn: "Internal server error: try again later.",
      });
    } finally {
      await t.deps.db.execute(sql`ALTER TABLE audit_events DROP CONSTRAINT audit_test_refuse`);
    }
    const now = (await filler.get(`/projects/${p.id}`)).body;
    expect(now).toMatchObject({ name: "原名", version: 1 });
    expect(t.errors.length).toBe(1);
    t.errors.length = 0;
  });
});
