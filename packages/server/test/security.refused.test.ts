/**
 * Issue 15, finding 9 (refusals) — refused requests (403: role, CSRF; 404: outside the caller's scope) and reads
 * of the audit trail are recorded, with who, the address, method, path and code; refusals are rate-limited per
 * caller so a flood cannot flood the trail, and the row after a pause says how many were left out.
 */
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { MAX_PER_WINDOW } from "../src/audit/refused.ts";
import { auditEvents } from "../src/audit/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("refused requests in the audit trail on %s", (kind) => {
  const { t, filler, viewer, foreignFiller, auditor } = appForSuite(kind, [
    "filler",
    "viewer",
    "foreignFiller",
    "auditor",
  ]);
  const rowsOf = (username: string, action = "request.refused") =>
    t.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.actorName, username)))
      .orderBy(asc(auditEvents.id));

  it("records a 403 by role, a 403 without the CSRF token and a 404 outside the caller's scope", async () => {
    const p = (await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "被拒绝" })).body;
    expect((await viewer.patch(`/projects/${p.id}`, { version: 1, name: "x" })).status).toBe(403);
    expect(
      (await viewer.req("PATCH", `/api/v1/projects/${p.id}`, { version: 1 }, { "X-CSRF-Token": "forged" })).status,
    ).toBe(403);
    expect((await foreignFiller.get(`/projects/${p.id}`)).status).toBe(404);
    const refusedViewer = (await rowsOf("viewer")).map((r) => r.details);
    expect(refusedViewer).toEqual([
      { method: "PATCH", path: `/api/v1/projects/${p.id}`, status: 403, code: "forbidden" },
      { method: "PATCH", path: `/api/v1/projects/${p.id}`, status: 403, code: "csrf_failed" },
    ]);
    expect((await rowsOf("foreignFiller")).map((r) => r.details)).toEqual([
      { method: "GET", path: `/api/v1/projects/${p.id}`, status: 404, code: "not_found" },
    ]);
    // An accepted request writes no such row.
    expect((await filler.get(`/projects/${p.id}`)).status).toBe(200);
    expect(await rowsOf("filler")).toEqual([]);
  });

  it("records a refused path holding U+0000 (%00) as sent, without an error", async () => {
    // Found by the fast-check of security.malformed: the refusal row itself failed (jsonb refuses U+0000).
    expect((await viewer.req("DELETE", "/api/v1/duties/%00", undefined, { "X-CSRF-Token": "forged" })).status).toBe(
      403,
    );
    const rows = (await rowsOf("viewer")).map((r) => r.details as { method: string });
    expect(rows.filter((d) => d.method === "DELETE")).toEqual([
      { method: "DELETE", path: "/api/v1/duties/%00", status: 403, code: "csrf_failed" },
    ]);
    expect(t.errors).toEqual([]);
  });

  it("limits the rows a flood of refusals writes, and says how many were left out", async () => {
    const missing = "/projects/00000000-0000-4000-8000-000000000000";
    for (let i = 0; i < MAX_PER_WINDOW + 20; i++) expect((await filler.get(missing)).status).toBe(404);
    expect(await rowsOf("filler")).toHaveLength(MAX_PER_WINDOW);
    t.clock.advance(61_000);
    expect((await filler.get(missing)).status).toBe(404);
    const rows = await rowsOf("filler");
    expect(rows).toHaveLength(MAX_PER_WINDOW + 1);
    expect(rows.at(-1)!.details).toMatchObject({ leftOutBefore: 20 });
  });

  it("records every read of the audit trail with its filter", async () => {
    expect((await auditor.get("/audit?action=request.refused&pageSize=5")).status).toBe(200);
    const reads = await rowsOf("auditor", "audit.read");
    expect(reads).toHaveLength(1);
    expect(reads[0]!.details).toMatchObject({ query: { action: "request.refused", pageSize: 5 } });
  });
});
