/**
 * GET /years says which years hold a record the person may read (`hasData`): the web app opens on the latest of
 * them. A record of an organisation outside the person's subtree does not count.
 */
import { describe, expect, it } from "vitest";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";

describe.each(STORES)("fiscal years with records on %s", (kind) => {
  const { t, filler, viewer, foreignFiller, auditor } = appForSuite(kind, [
    "filler",
    "viewer",
    "foreignFiller",
    "auditor",
  ]);

  const hasData = async (c: typeof viewer) => {
    const r = await c.get("/years");
    expect(r.status).toBe(200);
    return Object.fromEntries((r.body.items as { year: number; hasData: boolean }[]).map((y) => [y.year, y.hasData]));
  };

  it("marks the years with a record of the person's organisations, and no other", async () => {
    expect(await hasData(viewer)).toEqual({ 2024: false, 2025: false });
    const created = await filler.post("/projects", { orgId: t.world.unit.id, year: 2024, name: "2024年度教育训练" });
    expect(created.status).toBe(201);
    expect(await hasData(viewer)).toEqual({ 2024: true, 2025: false });
    // Another root's filler reads nothing of the unit.
    expect(await hasData(foreignFiller)).toEqual({ 2024: false, 2025: false });
    // Nor does an administrator without a business role.
    expect(await hasData(auditor)).toEqual({ 2024: false, 2025: false });
  });
});
