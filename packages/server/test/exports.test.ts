/** Exports of stored records as xlsx / docx / PDF with an RFC 5987 file name, read back by the importer. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { readUpload } from "../src/imports/read.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { uploadRaw } from "./support/upload.ts";

const SEEDS = join(import.meta.dirname, "../../../fixtures/seeds");

describe.each(STORES)("exports on %s", (kind) => {
  let t: TestApp;
  let filler: Client;
  let projectId: string;
  let dutyId: string;
  beforeAll(async () => {
    t = await testApp(kind);
    filler = await t.as("filler");
    const up = await uploadRaw(t, filler, new Uint8Array(readFileSync(join(SEEDS, "004_8649601bbeaed617.txt"))), {
      orgId: t.world.unit.id,
      year: 2024,
      fileName: "004.txt",
    });
    const c = await filler.post(`/imports/${up.body.id}/commit`);
    projectId = c.body.import.created.projects[0];
    const up0 = await uploadRaw(t, filler, new Uint8Array(readFileSync(join(SEEDS, "000_c8bf763ea5097ffd.txt"))), {
      orgId: t.world.unit.id,
      year: 2024,
      fileName: "000.txt",
    });
    dutyId = (await filler.post(`/imports/${up0.body.id}/commit`)).body.import.created.duties[0];
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const download = async (path: string, c = filler) => {
    const res = await t.app.request(`/api/v1${path}`, { headers: { Cookie: c.cookie! } });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  it("exports a stored project as xlsx and docx that the importer reads back to the same project", async () => {
    const p = (await filler.get(`/projects/${projectId}`)).body;
    const indicators = (await filler.get(`/projects/${projectId}/indicators`)).body.items.filter(
      (i: { level: number }) => i.level === 3,
    );
    for (const format of ["xlsx", "docx"] as const) {
      const r = await download(`/exports/project/${projectId}?format=${format}`);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toContain(format === "xlsx" ? "spreadsheetml" : "wordprocessingml");
      const cd = r.headers.get("content-disposition")!;
      expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[%A-Za-z0-9._-]+$/);
      expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toMatch(new RegExp(`\\.${format}$`));
      const back = await readUpload(r.bytes, `p.${format}`);
      expect(back.kind).toBe("project-goals");
      expect(back.document.projects[0]!.name).toBe(p.name);
      expect(back.document.projects[0]!.indicators).toHaveLength(indicators.length);
      expect(back.document.projects[0]!.budget?.yuan).toBe(p.annualFunds);
    }
  });

  it("exports the duty table of the organisation and year (3 duties, 27 indicators with four tiers)", async () => {
    const r = await download(`/exports/duties/${dutyId}?format=xlsx`);
    expect(r.status).toBe(200);
    const back = await readUpload(r.bytes, "d.xlsx");
    expect(back.summary).toMatchObject({ duties: 3, activities: 9, indicators: 27, budgetTotalWanYuan: "390.00" });
  });

  it("audits every export as a security event: who, which record, and the file's name, size and SHA-256", async () => {
    const audited = async () =>
      (await t.deps.db.select().from(auditEvents).where(like(auditEvents.action, "export.%"))).filter(
        (e) => e.action !== "export.batch",
      );
    const before = (await audited()).length;
    const p = await download(`/exports/project/${projectId}?format=docx`);
    const d = await download(`/exports/duties/${dutyId}?format=xlsx`);
    const refused = await download(`/exports/project/${projectId}?format=doc`);
    expect(refused.status).toBe(400);
    const rows = (await audited()).slice(before);
    expect(rows.map((r) => [r.action, r.entityType, r.entityId])).toEqual([
      ["export.project", "project", projectId],
      ["export.duties", "duty", dutyId],
    ]);
    const me = (await filler.get("/auth/session")).body.user;
    for (const [row, file] of [
      [rows[0]!, p],
      [rows[1]!, d],
    ] as const) {
      expect(row.actorId).toBe(me.id);
      expect(row.orgId).toBe(t.world.unit.id);
      const details = row.details as { size: number; sha256: string };
      expect(details.size).toBe(file.bytes.length);
      expect(details.sha256).toBe(createHash("sha256").update(file.bytes).digest("hex"));
    }
  });

  it("exports a PDF; refuses foreign records (404), an unknown format (400) and a layout without data (400)", async () => {
    const pdf = await download(`/exports/project/${projectId}?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-");
    const foreign = await t.as("foreignFiller");
    expect((await download(`/exports/project/${projectId}`, foreign)).status).toBe(404);
    expect((await download(`/exports/project/${projectId}?format=doc`)).status).toBe(400);
    expect((await download(`/exports/project/${projectId}?as=budget-disclosure`)).status).toBe(400);
  });
});
