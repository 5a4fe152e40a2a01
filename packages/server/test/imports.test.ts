/**
 * The import flow on both stores: upload (raw body or multipart) → stored preview with the plan and the
 * problems → commit in one transaction (audited with the file's SHA-256) → the same file again changes
 * nothing. Damaged and hostile files get the readers' clear error; large files are read by a job.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../src/audit/schema.ts";
import { activities, activityIndicators, duties } from "../src/duties/schema.ts";
import { evaluationItems, selfEvaluations } from "../src/evaluations/schema.ts";
import { registerImportJobs } from "../src/imports/index.ts";
import { indicators } from "../src/indicators/schema.ts";
import { inProcessQueue } from "../src/jobs/queue.ts";
import { projects } from "../src/projects/schema.ts";
import { STORES } from "./support/stores.ts";
import { appForSuite } from "./support/suite.ts";
import { uploadRaw } from "./support/upload.ts";

const FIXTURES = join(import.meta.dirname, "../../../fixtures");
const SEED = {
  duties: "seeds/000_c8bf763ea5097ffd.txt",
  disclosure: "seeds/001_cf6ae51127079c27.txt",
  department: "seeds/002_720a01ff2c7d777f.txt",
  expenditure: "seeds/003_edf844a12b53980c.txt",
  projects: "seeds/004_8649601bbeaed617.txt",
};
const bytesOf = (p: string) => new Uint8Array(readFileSync(join(FIXTURES, p)));

describe.each(STORES)("imports on %s", (kind) => {
  const { t, filler } = appForSuite(kind, ["filler"]);
  const upload = (file: string, year = 2024, orgId = t.world.unit.id, c = filler) =>
    uploadRaw(t, c, bytesOf(file), { orgId, year, fileName: file.split("/").pop()! });
  const count = async (table: typeof projects | typeof duties, year: number) =>
    (
      await t.deps.db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(table)
        .where(and(eq(table.orgId, t.world.unit.id), eq(table.year, year)))
    )[0]!.n;

  it("previews seed 004 (13 projects, 111 indicators), commits them in one go, audited with the SHA-256", async () => {
    const up = await upload(SEED.projects);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ state: "preview", kind: "project-goals", alreadyImportedAs: null });
    expect(up.body.sha256).toBe(createHash("sha256").update(bytesOf(SEED.projects)).digest("hex"));
    expect(up.body.summary).toMatchObject({ projects: 13, indicators: 111, budgetTotalWanYuan: "3070.21" });
    expect(up.body.plan).toHaveLength(13);
    expect(up.body.plan.every((p: { action: string }) => p.action === "create")).toBe(true);
    expect(up.body.plan.reduce((s: number, p: { indicators: number }) => s + p.indicators, 0)).toBe(111);
    expect(await count(projects, 2024)).toBe(0);

    const c = await filler.post(`/imports/${up.body.id}/commit`);
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ unchanged: false, import: { state: "committed" } });
    expect(c.body.import.created.projects).toHaveLength(13);
    expect(await count(projects, 2024)).toBe(13);
    const leaves = await t.deps.db
      .select({ n: sql<number>`count(*)`.mapWith(Number), funds: sql<string>`sum(${projects.annualFunds})::text` })
      .from(projects)
      .where(and(eq(projects.orgId, t.world.unit.id), eq(projects.year, 2024)));
    expect(leaves[0]!.funds).toBe("30702100.00");
    const [ind] = await t.deps.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(indicators)
      .innerJoin(projects, eq(projects.id, indicators.projectId))
      .where(and(eq(indicators.level, 3), eq(projects.year, 2024), eq(projects.orgId, t.world.unit.id)));
    expect(ind!.n).toBe(111);
    const listed = await filler.get(`/projects?orgId=${t.world.unit.id}&year=2024&pageSize=50`);
    expect(listed.body.total).toBe(13);

    const audit = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.entityId, up.body.id));
    expect(audit.map((a) => a.action)).toEqual(["import.upload", "import.commit"]);
    expect(audit[1]!.details).toMatchObject({ sha256: up.body.sha256, created: { projects: 13 } });
  });

  it("the same file again changes nothing and says so (a new upload, and the same import twice)", async () => {
    const before = await t.deps.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditEvents);
    const again = await upload(SEED.projects);
    expect(again.status).toBe(201);
    expect(again.body.alreadyImportedAs).not.toBeNull();
    const c = await filler.post(`/imports/${again.body.id}/commit`);
    expect(c.status).toBe(200);
    expect(c.body.unchanged).toBe(true);
    expect(c.body.messageEn).toMatch(/already imported/);
    const twice = await filler.post(`/imports/${again.body.alreadyImportedAs}/commit`);
    expect(twice.body.unchanged).toBe(true);
    expect(await count(projects, 2024)).toBe(13);
    const after = await t.deps.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditEvents);
    expect(after[0]!.n - before[0]!.n).toBe(1); // the upload only
  });

  it("plans an update of an editable project of the same name and a skip of a submitted one", async () => {
    const names = (await filler.get(`/projects?orgId=${t.world.unit.id}&year=2024&pageSize=50&sort=name`)).body.items;
    const [a, b] = names as { id: string; name: string }[];
    await filler.post(`/projects/${a!.id}/submit`, { version: 1 });
    // A changed file (another hash) with the same projects: one submitted (skip), the others updated.
    const changed = new Uint8Array([...bytesOf(SEED.projects), 0x0a]);
    const up = await uploadRaw(t, filler, changed, { orgId: t.world.unit.id, year: 2024, fileName: "004.txt" });
    expect(up.status).toBe(201);
    const planA = up.body.plan.find((p: { name: string }) => p.name === a!.name);
    const planB = up.body.plan.find((p: { name: string }) => p.name === b!.name);
    expect(planA).toMatchObject({ action: "skip", existingId: a!.id });
    expect(planB).toMatchObject({ action: "update", existingId: b!.id });
    const c = await filler.post(`/imports/${up.body.id}/commit`);
    expect(c.body.import.created.updated).toHaveLength(12);
    expect(await count(projects, 2024)).toBe(13);
    const [ind] = await t.deps.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(indicators)
      .innerJoin(projects, eq(projects.id, indicators.projectId))
      .where(and(eq(indicators.level, 3), eq(projects.year, 2024), eq(projects.orgId, t.world.unit.id)));
    expect(ind!.n).toBe(111);
  });

  it("imports seed 000 as 3 duties, 9 activities and 27 indicators with four tiers (multipart upload)", async () => {
    const form = new FormData();
    form.append("file", new File([bytesOf(SEED.duties)], "000.txt"));
    const res = await t.app.request(`/api/v1/imports?orgId=${t.world.unit.id}&year=2025`, {
      method: "POST",
      headers: { Cookie: filler.cookie!, "X-CSRF-Token": filler.csrf! },
      body: form,
    });
    expect(res.status).toBe(201);
    const up = (await res.json()) as { id: string; fileName: string; kind: string };
    expect(up).toMatchObject({ fileName: "000.txt", kind: "duty-activity-goals" });
    expect((await filler.post(`/imports/${up.id}/commit`)).status).toBe(200);
    expect(await count(duties, 2025)).toBe(3);
    const acts = await t.deps.db
      .select({ id: activities.id })
      .from(activities)
      .innerJoin(duties, eq(duties.id, activities.dutyId))
      .where(eq(duties.year, 2025));
    expect(acts).toHaveLength(9);
    const inds = await t.deps.db
      .select({ good: activityIndicators.standardGood })
      .from(activityIndicators)
      .innerJoin(activities, eq(activities.id, activityIndicators.activityId))
      .innerJoin(duties, eq(duties.id, activities.dutyId))
      .where(eq(duties.year, 2025));
    expect(inds).toHaveLength(27);
    expect(inds.every((i) => i.good !== null)).toBe(true);

    // The imported duties read as the duty editor's own: each tier's reading, and the automatic review of the table.
    const listed = await filler.get(`/duties?orgId=${t.world.unit.id}&year=2025`);
    expect(listed.status).toBe(200);
    type Listed = {
      id: string;
      activities: { indicators: { standardsParsed: { thresholds: { text: string }[] } }[] }[];
    };
    const items = listed.body.items as Listed[];
    const readings = items.flatMap((d) => d.activities.flatMap((a) => a.indicators.map((i) => i.standardsParsed)));
    expect(readings).toHaveLength(27);
    for (const r of readings)
      expect(r.thresholds.map((x) => typeof x.text)).toEqual(["string", "string", "string", "string"]);
    const reviewed = await filler.get(`/reviews/duty/${items[0]!.id}`);
    expect(reviewed.status).toBe(200);
    // A row an early import stored in the document's form (no thresholds) is read again from its cells.
    await t.deps.db.update(activityIndicators).set({
      standardsParsed: { excellent: { text: "x" }, good: { text: "y" }, fair: { text: "z" }, poor: { text: "w" } },
    });
    const again = await filler.get(`/duties?orgId=${t.world.unit.id}&year=2025`);
    expect(again.status).toBe(200);
    const reread = (again.body.items as Listed[]).flatMap((d) =>
      d.activities.flatMap((a) => a.indicators.map((i) => i.standardsParsed.thresholds.length)),
    );
    expect(reread).toEqual(readings.map(() => 4));
  });

  it("imports the self-evaluations of seeds 002 and 003 with their stated scores kept", async () => {
    // Outside the filler's unit: not found.
    expect((await upload(SEED.department, 2025, t.world.sibling.id)).status).toBe(404);
    const own = await upload(SEED.department, 2025);
    expect(own.status).toBe(201);
    expect((await filler.post(`/imports/${own.body.id}/commit`)).body.import.created.evaluations).toHaveLength(1);
    const [e] = await t.deps.db
      .select()
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.orgId, t.world.unit.id), eq(selfEvaluations.year, 2025)));
    expect(e!.statedTotal).toBe("92.0000");
    const items = await t.deps.db.select().from(evaluationItems).where(eq(evaluationItems.evaluationId, e!.id));
    expect(items.length).toBe(24);
    // Scored by core as imported (the one stored score, issue 12): the stated 92 kept beside the computed total.
    expect(e!.scoredAt).not.toBeNull();
    expect(e!.scoreResult).toMatchObject({ statedTotal: 92 });
    expect(Number(e!.computedTotal)).toBeLessThanOrEqual(100);
    // Seed 003 is a department evaluation too: the same organisation and year → an update of the draft.
    const exp = await upload(SEED.expenditure, 2025);
    expect(exp.body.plan).toMatchObject([{ kind: "evaluation", action: "update", existingId: e!.id }]);
  });

  it("refuses wrong and damaged files with the readers' clear error and its location; stores nothing", async () => {
    const before = await t.deps.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditEvents);
    for (const f of ["hostile/truncated.docx", "hostile/bomb.xlsx", "hostile/xxe.docx", "hostile/old-word.doc"]) {
      const r = await upload(f);
      expect(r.status, f).toBe(400);
      expect(r.body.error.code).toBe("invalid_input");
      expect(r.body.error.location.file, f).toBe(f.split("/").pop());
    }
    const empty = await uploadRaw(t, filler, new Uint8Array(), {
      orgId: t.world.unit.id,
      year: 2024,
      fileName: "a.docx",
    });
    expect(empty.status).toBe(400);
    const text = new TextEncoder().encode("这不是表格\n只是两行文字\n");
    const unknown = await uploadRaw(t, filler, text, { orgId: t.world.unit.id, year: 2024, fileName: "note.txt" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("unrecognised_document");
    const noName = await uploadRaw(t, filler, text, { orgId: t.world.unit.id, year: 2024 });
    expect(noName.status).toBe(400);
    const after = await t.deps.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(t.errors).toEqual([]);
  });

  it("refuses a file above the limit with 413 before reading it", async () => {
    const res = await t.app.request(`/api/v1/imports?orgId=${t.world.unit.id}&year=2024&fileName=big.xlsx`, {
      method: "POST",
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Length": String(60 * 1024 * 1024),
        Cookie: filler.cookie!,
        "X-CSRF-Token": filler.csrf!,
      },
      body: new Uint8Array(10),
    });
    expect(res.status).toBe(413);
  });

  it("reads a large file in a background job with progress, then commits it", async () => {
    const queue = inProcessQueue(t.deps.db, (e) => t.errors.push(e));
    registerImportJobs(queue, t.deps.db);
    await queue.start();
    t.deps.jobs = queue;
    t.deps.settings = { ...t.deps.settings, importSyncBytes: 1024 };
    try {
      const up = await upload(SEED.projects, 2025);
      expect(up.status).toBe(202);
      expect(up.body).toMatchObject({ state: "reading", plan: [] });
      await queue.idle();
      const job = await filler.get(`/jobs/${up.body.jobId}`);
      expect(job.body).toMatchObject({ state: "completed", done: 3, total: 3 });
      const got = await filler.get(`/imports/${up.body.id}`);
      expect(got.body).toMatchObject({ state: "preview", kind: "project-goals" });
      expect(got.body.plan).toHaveLength(13);
      expect((await filler.post(`/imports/${up.body.id}/commit`)).body.import.created.projects).toHaveLength(13);
      // A damaged large file: the job fails with the reader's message; the import says so.
      const bad = await upload("hostile/truncated.docx", 2025);
      expect(bad.status).toBe(202);
      await queue.idle();
      const failed = await filler.get(`/imports/${bad.body.id}`);
      expect(failed.body.state).toBe("failed");
      expect(failed.body.error).toMatchObject({ code: "invalid_input", location: { file: "truncated.docx" } });
      expect((await filler.post(`/imports/${bad.body.id}/commit`)).status).toBe(409);
    } finally {
      await queue.stop();
      delete t.deps.jobs;
      t.deps.settings = { ...t.deps.settings, importSyncBytes: 2 * 1024 * 1024 };
    }
    expect(t.errors).toEqual([]);
  });
});
