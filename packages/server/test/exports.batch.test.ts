/**
 * Batch export on both stores: a background job (pg-boss on PostgreSQL, in-process on PGlite) writes every
 * document of an organisation's subtree for a year into one zip — a folder per organisation, Chinese names
 * with the UTF-8 flag — with progress up to its total; what it writes reads back through the importer; the
 * starter alone sees and downloads it; foreign and out-of-scope organisations are 404; a document that fails
 * goes to errors.txt without stopping the batch; the completed batch is audited with the zip's SHA-256.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openZip, writeZip } from "@jixiao/documents";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "../src/accounts/schema.ts";
import { auditEvents } from "../src/audit/schema.ts";
import { registerBatchExportJobs } from "../src/exports/index.ts";
import { readUpload } from "../src/imports/read.ts";
import { inProcessQueue, type JobQueue, pgBossQueue } from "../src/jobs/queue.ts";
import { jobs } from "../src/jobs/schema.ts";
import { organisations } from "../src/orgs/schema.ts";
import { projects } from "../src/projects/schema.ts";
import { type Client, createAccount, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";
import { uploadRaw } from "./support/upload.ts";
import { jobEnd } from "./support/wait.ts";

const SEEDS = join(import.meta.dirname, "../../../fixtures/seeds");
const GENERATED = 50;

describe.each(STORES)("batch export on %s", (kind) => {
  let t: TestApp;
  let queue: JobQueue;
  let filler: Client;
  let reviewer: Client;
  beforeAll(async () => {
    t = await testApp(kind);
    const { db, pool } = t.store.handle;
    queue = kind === "postgres" ? await pgBossQueue(db, pool!, (e) => t.errors.push(e)) : inProcessQueue(db);
    registerBatchExportJobs(queue, db, (e) => t.errors.push(e));
    await queue.start();
    t.deps.jobs = queue;
    filler = await t.as("filler");
    reviewer = await t.as("reviewer");
    // The unit: seed 004's 13 projects, seed 000's duty table, a department goal and a department self-evaluation.
    for (const seed of ["004_8649601bbeaed617.txt", "000_c8bf763ea5097ffd.txt"]) {
      const up = await uploadRaw(t, filler, new Uint8Array(readFileSync(join(SEEDS, seed))), {
        orgId: t.world.unit.id,
        year: 2024,
        fileName: seed,
      });
      expect((await filler.post(`/imports/${up.body.id}/commit`)).status).toBe(200);
    }
    expect(
      (await filler.post("/goals", { orgId: t.world.unit.id, year: 2024, annualGoal: "保障道路交通安全畅通" })).status,
    ).toBe(201);
    expect((await filler.post("/evaluations", { kind: "department", orgId: t.world.unit.id, year: 2024 })).status).toBe(
      201,
    );
    // The sibling: a big-ish subtree of generated projects, each with a three-level indicator.
    await createAccount(db, { username: "siblingFiller", roles: [{ role: "filler", orgId: t.world.sibling.id }] });
    const sib = await t.as("siblingFiller");
    for (let i = 1; i <= GENERATED; i++) {
      const p = (
        await sib.post("/projects", {
          orgId: t.world.sibling.id,
          year: 2024,
          name: `生成项目${String(i).padStart(2, "0")}：道路设施维护`,
          annualFunds: `${i * 1000}.50`,
        })
      ).body;
      const l1 = (await sib.post(`/projects/${p.id}/indicators`, { level: 1, name: "产出指标" })).body;
      const l2 = (await sib.post(`/projects/${p.id}/indicators`, { level: 2, name: "数量指标", parentId: l1.id })).body;
      await sib.post(`/projects/${p.id}/indicators`, {
        level: 3,
        name: `维护路段${i}`,
        parentId: l2.id,
        targetText: `≥${i}公里`,
      });
    }
    // A foreign organisation's project, and one of another year: neither may appear.
    const foreign = await t.as("foreignFiller");
    await foreign.post("/projects", { orgId: t.world.foreign.id, year: 2024, name: "外省项目", annualFunds: "1.00" });
    await filler.post("/projects", { orgId: t.world.unit.id, year: 2025, name: "下一年度项目", annualFunds: "1.00" });
  });
  afterAll(async () => {
    await queue?.stop();
    await t?.dispose();
  });

  const download = async (c: Client, path: string) => {
    const res = await t.app.request(`/api/v1${path}`, { headers: { Cookie: c.cookie! } });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  /** The batch's view once it has ended (the queue announces the end: support/wait.ts). */
  const finished = (c: Client, jobId: string) =>
    jobEnd(queue, jobId, async () => {
      const r = await c.get(`/exports/batch/${jobId}`);
      expect(r.status).toBe(200);
      return r.body;
    });
  interface BatchView {
    result: {
      counts: Record<string, unknown>;
      zip: { sha256: string };
      files: { path: string; document: string; organisation: string }[];
    };
  }
  let batch: { jobId: string; zip: Uint8Array; view: BatchView };

  it("writes the reviewer's subtree for the year into one zip, a folder per organisation, progress up to total", async () => {
    const start = await reviewer.post("/exports/batch", {
      orgId: t.world.city.id,
      year: 2024,
      formats: ["xlsx", "docx"],
    });
    expect(start.status).toBe(202);
    const view = await finished(reviewer, start.body.jobId);
    expect(view.state, JSON.stringify(view.error)).toBe("completed");

    // What the subtree holds, read from the store: the unit's and the sibling's projects of 2024.
    const rows = await t.deps.db
      .select({ name: projects.name, org: organisations.name })
      .from(projects)
      .innerJoin(organisations, eq(organisations.id, projects.orgId))
      .where(and(eq(projects.year, 2024), isNull(projects.supersedesId)));
    const inSubtree = rows.filter((r) => r.org !== t.world.foreign.name);
    expect(inSubtree).toHaveLength(13 + GENERATED);
    // Records: the projects, one goal, one duty table, one department self-evaluation.
    const records = inSubtree.length + 3;
    expect(view.result.counts).toMatchObject({ records, files: records * 2, errors: 0 });
    expect(view.total).toBe(records * 2);
    expect(view.done).toBe(view.total);
    expect(view.result.counts.byDocument).toEqual({
      "project-goals": inSubtree.length * 2,
      "department-goals": 2,
      "duty-activity-goals": 2,
      "department-self-evaluation": 2,
    });

    const file = await download(reviewer, `/exports/batch/${start.body.jobId}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/zip");
    expect(decodeURIComponent(file.headers.get("content-disposition")!.split("UTF-8''")[1]!)).toBe(
      `${t.world.city.name}-2024年度-批量导出.zip`,
    );
    expect(createHash("sha256").update(file.bytes).digest("hex")).toBe(view.result.zip.sha256);
    expect(file.bytes.length).toBe(view.result.zip.size);

    const zip = openZip(file.bytes, "batch.zip");
    const names = [...zip.entries.keys()];
    const documents = names.filter((n) => n !== "清单.txt");
    expect(names).toContain("清单.txt");
    expect(names).not.toContain("errors.txt");
    expect(documents).toEqual(view.result.files.map((f: { path: string }) => f.path));
    // Every name is Chinese, flagged UTF-8 (general purpose bit 11).
    for (const e of zip.entries.values()) expect(e.flags & 0x800, e.name).toBe(0x800);
    // A folder per organisation of the subtree holding records, nothing of the foreign one or of 2025.
    const folders = new Set(documents.map((n) => n.split("/")[0]));
    expect(folders).toEqual(new Set([t.world.unit.name, t.world.sibling.name]));
    expect(names.join("\n")).not.toContain("外省项目");
    expect(names.join("\n")).not.toContain("下一年度项目");
    const manifest = zip.readText("清单.txt")!;
    for (const n of documents) expect(manifest).toContain(n);
    batch = { jobId: start.body.jobId, zip: file.bytes, view };
  });

  it("round trip: every file reads back through the importer to its organisation's records", async () => {
    const zip = openZip(batch.zip, "batch.zip");
    const backNames: Record<string, string[]> = {};
    for (const f of batch.view.result.files) {
      const ext = f.path.endsWith(".xlsx") ? "xlsx" : "docx";
      const back = await readUpload(zip.read(f.path)!, f.path.split("/").pop()!);
      if (f.document === "project-goals") {
        expect(back.kind, f.path).toBe("project-goals");
        expect(back.document.projects).toHaveLength(1);
        const p = back.document.projects[0]!;
        const key = `${f.organisation}.${ext}`;
        backNames[key] = [...(backNames[key] ?? []), p.name];
        expect(p.indicators.length, f.path).toBeGreaterThan(0);
      } else if (f.document === "duty-activity-goals") {
        expect(back.summary, f.path).toMatchObject({ duties: 3, activities: 9, indicators: 27 });
      } else if (f.document === "department-goals") {
        expect(back.kind).toBe("project-goals");
        expect(back.document.projects[0]!.goal).toBe("保障道路交通安全畅通");
      } else {
        expect(f.document).toBe("department-self-evaluation");
        expect(back.kind).toBe("department-self-evaluation");
        expect(back.document.departmentSelfEvaluation?.organisation).toBe(t.world.unit.name);
      }
    }
    const rows = await t.deps.db
      .select({ name: projects.name, org: organisations.name })
      .from(projects)
      .innerJoin(organisations, eq(organisations.id, projects.orgId))
      .where(eq(projects.year, 2024));
    for (const org of [t.world.unit.name, t.world.sibling.name]) {
      const stored = rows
        .filter((r) => r.org === org)
        .map((r) => r.name)
        .sort();
      expect(backNames[`${org}.xlsx`]?.sort()).toEqual(stored);
      expect(backNames[`${org}.docx`]?.sort()).toEqual(stored);
    }
    // A generated project's amount and target come back exactly.
    const p7 = await readUpload(
      zip.read(`${t.world.sibling.name}/生成项目07：道路设施维护-项目绩效目标表.xlsx`)!,
      "p.xlsx",
    );
    expect(p7.document.projects[0]!.budget?.yuan).toBe("7000.50");
    expect(p7.document.projects[0]!.indicators[0]).toMatchObject({ name: "维护路段7", target: { text: "≥7公里" } });
  });

  it("is audited once, with the counts and the zip's SHA-256", async () => {
    const rows = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.action, "export.batch"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorName: "reviewer", entityType: "job", entityId: batch.jobId });
    expect(rows[0]!.details).toMatchObject({
      year: 2024,
      counts: batch.view.result.counts,
      zip: { sha256: createHash("sha256").update(batch.zip).digest("hex") },
    });
  });

  it("only the starter sees the job and downloads the zip; GET /jobs never shows the zip's bytes", async () => {
    for (const other of ["approver", "filler", "auditor"]) {
      const c = await t.as(other);
      expect((await c.get(`/exports/batch/${batch.jobId}`)).status, other).toBe(404);
      expect((await download(c, `/exports/batch/${batch.jobId}/file`)).status, other).toBe(404);
      expect((await c.get(`/jobs/${batch.jobId}`)).status, other).toBe(404);
    }
    expect((await t.client().get(`/exports/batch/${batch.jobId}`)).status).toBe(401);
    const job = await reviewer.get(`/jobs/${batch.jobId}`);
    expect(job.status).toBe(200);
    expect(job.body.result.zip.sha256).toBe(batch.view.result.zip.sha256);
    expect(JSON.stringify(job.body).length).toBeLessThan(batch.zip.length);
    expect(job.body.result).not.toHaveProperty("blobBase64");
    expect(batch.view.result).not.toHaveProperty("blobBase64");
  });

  it("refuses organisations outside the starter's scope (404) and bad input (400)", async () => {
    // The reviewer's scope is the city: its parent and the foreign province are invisible.
    for (const orgId of [t.world.root.id, t.world.foreign.id, t.world.foreignRoot.id]) {
      expect((await reviewer.post("/exports/batch", { orgId, year: 2024 })).status).toBe(404);
    }
    // The unit's filler may not export the city's subtree.
    expect((await filler.post("/exports/batch", { orgId: t.world.city.id, year: 2024 })).status).toBe(404);
    const admin = await t.as("sysadmin");
    expect((await admin.post("/exports/batch", { orgId: t.world.unit.id, year: 2024 })).status).toBe(403);
    expect(
      (await reviewer.post("/exports/batch", { orgId: t.world.city.id, year: 2024, formats: ["csv"] })).status,
    ).toBe(400);
    expect(
      (await reviewer.post("/exports/batch", { orgId: t.world.city.id, year: 2024, documents: ["budget-execution"] }))
        .status,
    ).toBe(400);
  });

  it("answers 409 for the zip until the job has completed", async () => {
    const [account] = await t.deps.db.select().from(accounts).where(eq(accounts.username, "reviewer"));
    const [row] = await t.deps.db
      .insert(jobs)
      .values({ name: "export.batch", state: "running", payload: {}, done: 3, total: 10, createdBy: account!.id })
      .returning();
    const r = await download(reviewer, `/exports/batch/${row!.id}/file`);
    expect(r.status).toBe(409);
    expect(JSON.parse(new TextDecoder().decode(r.bytes)).error.message).toContain("3/10");
    expect((await reviewer.get(`/exports/batch/${row!.id}`)).body).toMatchObject({
      state: "running",
      done: 3,
      total: 10,
    });
  });

  it("a document that fails goes to errors.txt and the job result; the others are written", async () => {
    const saved = process.env.JIXIAO_SOFFICE;
    // A LibreOffice that exits at once without writing anything: every PDF fails, xlsx does not.
    process.env.JIXIAO_SOFFICE = "/bin/false";
    try {
      const start = await filler.post("/exports/batch", {
        orgId: t.world.unit.id,
        year: 2024,
        documents: ["duty-activity-goals", "department-goals"],
        formats: ["xlsx", "pdf"],
      });
      expect(start.status).toBe(202);
      const view = await finished(filler, start.body.jobId);
      expect(view.state).toBe("completed");
      expect(view.result.counts).toMatchObject({ records: 2, files: 2, errors: 2 });
      expect(view.result.errors).toHaveLength(2);
      for (const e of view.result.errors) {
        expect(e).toMatchObject({ organisation: t.world.unit.name, format: "pdf" });
        expect(e.message).toContain("LibreOffice 未能生成 PDF");
        expect(e.messageEn).toContain("LibreOffice produced no PDF");
      }
      const file = await download(filler, `/exports/batch/${start.body.jobId}/file`);
      const zip = openZip(file.bytes, "b.zip");
      const errors = zip.readText("errors.txt")!;
      expect(errors).toContain(
        `${t.world.unit.name} / 部门职责-工作活动绩效目标表 / 部门职责-工作活动绩效目标表 / pdf`,
      );
      expect(errors).toContain("LibreOffice produced no PDF");
      expect([...zip.entries.keys()].filter((n) => n.endsWith(".xlsx"))).toHaveLength(2);
      expect([...zip.entries.keys()].filter((n) => n.endsWith(".pdf"))).toHaveLength(0);
    } finally {
      if (saved === undefined) delete process.env.JIXIAO_SOFFICE;
      else process.env.JIXIAO_SOFFICE = saved;
    }
    expect(t.errors).toEqual([]);
  });

  it("drops zips 7 days after their job finished, when the next batch starts; the job and its result stay", async () => {
    await t.deps.db
      .update(jobs)
      .set({ finishedAt: new Date(Date.now() - 8 * 24 * 3_600_000) })
      .where(eq(jobs.id, batch.jobId));
    const next = await reviewer.post("/exports/batch", {
      orgId: t.world.unit.id,
      year: 2024,
      documents: ["department-goals"],
    });
    expect((await finished(reviewer, next.body.jobId)).state).toBe("completed");
    const old = await download(reviewer, `/exports/batch/${batch.jobId}/file`);
    expect(old.status).toBe(404);
    expect(JSON.parse(new TextDecoder().decode(old.bytes)).error.message).toContain("7 天");
    const view = await reviewer.get(`/exports/batch/${batch.jobId}`);
    expect(view.body.result.zip.sha256).toBe(batch.view.result.zip.sha256);
    expect((await download(reviewer, `/exports/batch/${next.body.jobId}/file`)).status).toBe(200);
  });
});

describe("writeZip (the batch's zip writer)", () => {
  it("writes safe, unique paths, flags non-ASCII names UTF-8, stores OOXML, deflates text, and reads back exactly", () => {
    const xlsx = new Uint8Array([80, 75, 3, 4, 1, 2, 3]);
    const { data, paths } = writeZip([
      { path: "../单位甲/项目:一.xlsx", data: xlsx },
      { path: "单位甲/项目_一.xlsx", data: xlsx },
      { path: "/单位甲\\项目_一.XLSX", data: "x" },
      { path: "readme.txt", data: "说明 ".repeat(200) },
    ]);
    expect(paths).toEqual(["单位甲/项目_一.xlsx", "单位甲/项目_一 (2).xlsx", "单位甲_项目_一.XLSX", "readme.txt"]);
    const zip = openZip(data, "t.zip");
    expect([...zip.entries.keys()]).toEqual(paths);
    expect(zip.read(paths[0]!)).toEqual(xlsx);
    expect(zip.readText("readme.txt")).toBe("说明 ".repeat(200));
    expect(zip.entries.get(paths[0]!)).toMatchObject({ method: 0 });
    expect(zip.entries.get("readme.txt")).toMatchObject({ method: 8 });
    expect(zip.entries.get(paths[0]!)!.flags & 0x800).toBe(0x800);
    expect(zip.entries.get("readme.txt")!.flags & 0x800).toBe(0);
    // The same entries give the same bytes (one timestamp for all).
    expect(writeZip([{ path: "a.txt", data: "1" }]).data).toEqual(writeZip([{ path: "a.txt", data: "1" }]).data);
  });
});
