/**
 * bench/export: documents per second for the official documents, against writing the same cells as CSV text
 * (the floor: every cell's text touched once, quoted, joined — no layout, no styles, no zip).
 *
 *   1. the 13-project goal table of seed 004 (项目绩效目标表) in xlsx and docx, and once as PDF;
 *   2. a batch of generated departments (default 1,000), each a duty → activity goal table the size of seed 000
 *      (3 duties, 9 activities, 27 indicators with four tiers), in xlsx and docx;
 *   3. the batch export job end to end (`export.batch` on the in-process queue over an in-memory PGlite): a
 *      subtree of units each holding seed 004's 13 projects (default 8 units, 104 projects; --projects=1000 for
 *      1,000 project goal tables, 2,000 files), every project goal
 *      table in xlsx and docx read from the store, written, progress recorded, zipped, stored and audited —
 *      against writing the same documents straight from memory.
 *
 *   node_modules/.bin/tsx bench/export/run.ts [departments] [--no-pdf] [--units=8 | --projects=104] [--no-batch]
 *
 * Prints figures and ratios; asserts nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DutyGoalTable, ImportedDocument, Indicator } from "@jixiao/core/model";
import {
  buildLayout,
  exportDocument,
  importDocument,
  pdfEngine,
  readExtractedText,
  type WDocument,
  writeDocx,
  writerPool,
  writerPoolSize,
  writeXlsx,
} from "@jixiao/documents";

const args = process.argv.slice(2);
const DEPARTMENTS = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const PDF = !args.includes("--no-pdf");
const BATCH = !args.includes("--no-batch");
// Section 3's size in projects (each written as xlsx and docx): --projects=N, or --units=N units of 13.
const PROJECTS = Number(
  args.find((a) => a.startsWith("--projects="))?.slice(11) ??
    13 * Number(args.find((a) => a.startsWith("--units="))?.slice(8) ?? 8),
);
const ROOT = join(import.meta.dirname, "../..");

function csv(doc: WDocument): string {
  const out: string[] = [];
  for (const s of doc.sections)
    for (const b of s.blocks) {
      if (b.type === "paragraph") out.push(quote(b.text));
      else for (const row of b.table.rows) out.push(row.map((c) => quote(c?.text ?? "")).join(","));
    }
  return out.join("\r\n");
}
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Wall time in ms, and the process's CPU time (user + system) beside it: on a shared machine the wall time
 * depends on the load, the CPU time much less (LibreOffice runs in its own process: its CPU is not counted).
 */
let lastCpuMs = 0;
async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = await f();
  const c = process.cpuUsage(c0);
  lastCpuMs = (c.user + c.system) / 1000;
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}
const cpu = (n: number) => `, CPU ${fmt(lastCpuMs / n)} ms/doc`;

function fmt(n: number, d = 1): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Seed 004: 13 projects, 111 indicators.

const seed = importDocument(
  readExtractedText(readFileSync(join(ROOT, "fixtures/seeds/004_8649601bbeaed617.txt"), "utf8"), "004.txt"),
).document;
const page004 = buildLayout(seed, "project-goals");
const ROUNDS = 30;

// Warm-up (module loading, JIT).
await writeXlsx(page004);
await writeDocx(page004);

console.log(
  `bench/export — node ${process.version}, load average ${(await import("node:os")).loadavg()[0]!.toFixed(1)}\n`,
);
console.log("1. 项目绩效目标表, seed 004 (13 projects, 111 indicators), one document = 13 tables + 13 grids");
const [csvMs] = await timed(async () => {
  let n = 0;
  for (let i = 0; i < ROUNDS * 50; i++) n += csv(buildLayout(seed, "project-goals")).length;
  return n;
});
const csvPer = csvMs / (ROUNDS * 50);
console.log(
  `   CSV floor (layout + cells as text):  ${fmt(1000 / csvPer)} docs/s  (${fmt(csvPer, 3)} ms/doc, CPU ${fmt(lastCpuMs / (ROUNDS * 50), 3)} ms/doc)`,
);
for (const format of ["xlsx", "docx"] as const) {
  let bytes = 0;
  const [ms] = await timed(async () => {
    for (let i = 0; i < ROUNDS; i++) bytes = (await exportDocument(seed, { as: "project-goals", format })).data.length;
  });
  const per = ms / ROUNDS;
  console.log(
    `   ${format}: ${fmt(1000 / per)} docs/s  (${fmt(per)} ms/doc${cpu(ROUNDS)}, ${fmt(bytes / 1024, 0)} KiB)  ${fmt(per / csvPer, 0)}× the CSV floor`,
  );
}
if (PDF) {
  const engine = pdfEngine();
  if (!engine) console.log("   pdf: no engine here (neither LibreOffice nor a CJK font)");
  else {
    for (const e of engine === "libreoffice" ? (["libreoffice", "pdfmake"] as const) : (["pdfmake"] as const)) {
      if (!pdfEngine({ engine: e })) continue;
      const [ms, out] = await timed(() =>
        exportDocument(seed, { as: "project-goals", format: "pdf", pdf: { engine: e } }),
      );
      console.log(
        `   pdf (${e}, once): ${fmt(ms, 0)} ms  (${fmt(1000 / ms, 2)} docs/s, ${fmt(out.data.length / 1024, 0)} KiB)  ${fmt(ms / csvPer, 0)}× the CSV floor`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 2. A batch of generated departments.

let state = 0x9e3779b9;
function rand(n: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
}
const DUTIES = ["道路交通管理", "交通事故处理", "车辆和驾驶人管理", "交通安全宣传", "科技信息化建设"];
const ACTIVITIES = ["秩序管理", "事故预防", "源头监管", "执法监督", "设施维护", "应急处置"];
const loc = { file: "generated" };

function tiers(n: number): Indicator["tiers"] {
  const t = (text: string) => ({ text });
  return { excellent: t(`${n}%以上`), good: t(`${n - 5}%以上`), fair: t(`${n - 10}%以上`), poor: t(`${n - 10}%以下`) };
}

function department(k: number): ImportedDocument {
  const duties: DutyGoalTable["duties"] = [];
  for (let d = 0; d < 3; d++) {
    const activities = [];
    let dutyFen = 0n;
    for (let a = 0; a < 3; a++) {
      const fen = BigInt(1 + rand(400)) * 1_000_000n + BigInt(rand(100)) * 10_000n;
      dutyFen += fen;
      const indicators: Indicator[] = Array.from({ length: 3 }, (_, i) => ({
        name: `${ACTIVITIES[(a + i) % ACTIVITIES.length]}指标${i + 1}完成率`,
        tiers: tiers(80 + rand(15)),
        location: loc,
      }));
      activities.push({
        name: `${DUTIES[d % DUTIES.length]}${ACTIVITIES[a]}`,
        text: `${DUTIES[d % DUTIES.length]}${ACTIVITIES[a]}`,
        budget: { text: "", unit: "万元" as const, fen: fen.toString() },
        content: "依法履行职责，组织开展专项整治，完善工作机制，提高管理水平和服务质量。",
        goal: "保障道路交通安全、畅通、有序，减少交通事故，提高群众满意度。",
        indicators,
        location: loc,
      });
    }
    duties.push({
      name: DUTIES[d % DUTIES.length]!,
      text: DUTIES[d % DUTIES.length]!,
      budget: { text: "", unit: "万元", fen: dutyFen.toString() },
      content: "根据《中华人民共和国道路交通安全法》有关规定，实行统一科学管理。",
      goal: "确保道路交通安全畅通、高效便捷。",
      indicators: [],
      activities,
      location: loc,
    });
  }
  return {
    file: `dept-${k}.json`,
    format: "json",
    kinds: ["duty-activity-goals"],
    organisations: [{ name: `第${k}交警大队`, code: String(400000 + k) }],
    dutyGoals: [
      {
        organisation: { code: String(400000 + k), name: `第${k}交警大队`, text: `${400000 + k}第${k}交警大队` },
        unitNote: "单位：万元",
        duties,
        location: loc,
      },
    ],
    projects: [],
    projectSelfEvaluations: [],
    paragraphs: [],
    unmapped: [],
  };
}

console.log(
  `\n2. A batch of ${DEPARTMENTS.toLocaleString("en-US")} generated departments (duty → activity goal table each: 3 duties, 9 activities, 27 indicators)`,
);
const departments = Array.from({ length: DEPARTMENTS }, (_, k) => department(k + 1));
const [batchCsvMs] = await timed(async () => {
  let n = 0;
  for (const d of departments) n += csv(buildLayout(d, "duty-activity-goals")).length;
  return n;
});
console.log(
  `   CSV floor: ${fmt((DEPARTMENTS * 1000) / batchCsvMs, 0)} docs/s  (${fmt(batchCsvMs / 1000, 2)} s for the batch${cpu(DEPARTMENTS)})`,
);
let total = 0;
let totalCpu = 0;
for (const format of ["xlsx", "docx"] as const) {
  let bytes = 0;
  const [ms] = await timed(async () => {
    for (const d of departments) bytes += (await exportDocument(d, { as: "duty-activity-goals", format })).data.length;
  });
  total += ms;
  totalCpu += lastCpuMs;
  console.log(
    `   ${format}: ${fmt((DEPARTMENTS * 1000) / ms)} docs/s  (${fmt(ms / 1000, 2)} s${cpu(DEPARTMENTS)}, ${fmt(bytes / DEPARTMENTS / 1024, 0)} KiB/doc)  ${fmt(ms / batchCsvMs, 0)}× the CSV floor`,
  );
}
const oneThreadCpu = totalCpu;
console.log(
  `   xlsx + docx, one thread (the floor of the pool): ${fmt((2 * DEPARTMENTS * 1000) / total)} docs/s  (wall ${fmt(total / 1000, 2)} s, CPU ${fmt(totalCpu / 1000, 2)} s for ${(2 * DEPARTMENTS).toLocaleString("en-US")} files)`,
);
// The same files on the writer pool the batch export job uses (worker threads, one per core by default): the
// floor is the one-thread run just above (the bare writers, no pool).
{
  const size = writerPoolSize();
  let bytes = 0;
  let cpuMs = 0;
  const [ms] = await timed(async () => {
    const pool = writerPool(size);
    try {
      const pages = departments.map((d) => buildLayout(d, "duty-activity-goals"));
      const out = await Promise.all(pages.flatMap((p) => [pool.write(p, "xlsx"), pool.write(p, "docx")]));
      for (const o of out) bytes += o.length;
    } finally {
      await pool.close();
    }
  });
  cpuMs = lastCpuMs;
  console.log(
    `   xlsx + docx on the writer pool (${size} worker${size === 1 ? "" : "s"}, JIXIAO_EXPORT_WORKERS): ${fmt((2 * DEPARTMENTS * 1000) / ms)} docs/s  (wall ${fmt(ms / 1000, 2)} s, CPU ${fmt(cpuMs / 1000, 2)} s incl. the workers' start, ${fmt(bytes / 2 / DEPARTMENTS / 1024, 0)} KiB/doc)  wall ${fmt(ms / total, 2)}× and CPU ${fmt(cpuMs / oneThreadCpu, 2)}× the one-thread floor`,
  );
}
// ---------------------------------------------------------------------------------------------------------------
// 3. The batch export job, end to end.

if (BATCH) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { openDatabase } = await import("../../packages/server/src/db/open.ts");
  const { insertOrganisation } = await import("../../packages/server/src/orgs/repository.ts");
  const { fiscalYears } = await import("../../packages/server/src/years/schema.ts");
  const { inProcessQueue } = await import("../../packages/server/src/jobs/queue.ts");
  const { jobs } = await import("../../packages/server/src/jobs/schema.ts");
  const { eq } = await import("drizzle-orm");
  const { BATCH_JOB, registerBatchExportJobs } = await import("../../packages/server/src/exports/index.ts");
  const { projectDocument } = await import("../../packages/server/src/review/documents.ts");
  const { findProject } = await import("../../packages/server/src/projects/repository.ts");

  const { projects: projectsTable } = await import("../../packages/server/src/projects/schema.ts");
  const { indicators: indicatorsTable } = await import("../../packages/server/src/indicators/schema.ts");
  const { randomUUID } = await import("node:crypto");

  const handle = await openDatabase({ pglite: await PGlite.create() });
  const db = handle.db;
  await db.insert(fiscalYears).values({ year: 2024 });
  const root = await insertOrganisation(db, { parentId: null, code: "13", name: "河北省公安厅交通警察总队" });
  // Seed 004's projects, unit after unit (the last unit takes what is left of --projects); rows inserted in bulk,
  // ids made here so that each indicator's parent is known before it is stored.
  const ids: string[] = [];
  const units = Math.ceil(PROJECTS / seed.projects.length);
  for (let u = 1; u <= units; u++) {
    const unit = await insertOrganisation(
      db,
      { parentId: root.id, code: String(1300 + u), name: `第${u}交警支队` },
      root,
    );
    const projectRows: (typeof projectsTable.$inferInsert)[] = [];
    const indicatorRows: (typeof indicatorsTable.$inferInsert)[] = [];
    for (const p of seed.projects.slice(0, PROJECTS - ids.length)) {
      const projectId = randomUUID();
      ids.push(projectId);
      projectRows.push({
        id: projectId,
        orgId: unit.id,
        year: 2024,
        name: p.name,
        annualFunds: p.budget?.yuan ?? null,
        purpose: p.purpose ?? null,
        annualGoal: p.goal ?? null,
      });
      const parents = new Map<string, string>();
      let order = 0;
      const indicator = (row: Omit<typeof indicatorsTable.$inferInsert, "projectId" | "sortOrder" | "id">) => {
        const id = randomUUID();
        indicatorRows.push({ ...row, id, projectId, sortOrder: order++ });
        return id;
      };
      for (const ind of p.indicators) {
        const l1 = ind.level1 ?? "产出指标";
        const l2 = `${l1}/${ind.level2 ?? "数量指标"}`;
        if (!parents.has(l1)) parents.set(l1, indicator({ level: 1, name: l1 }));
        if (!parents.has(l2))
          parents.set(l2, indicator({ level: 2, name: ind.level2 ?? "数量指标", parentId: parents.get(l1)! }));
        indicator({ level: 3, name: ind.name, parentId: parents.get(l2)!, targetText: ind.target?.text ?? null });
      }
    }
    await db.insert(projectsTable).values(projectRows);
    await db.insert(indicatorsTable).values(indicatorRows);
  }
  const files = ids.length * 2;
  console.log(
    `\n3. The batch export job end to end: ${units} units × ≤ ${seed.projects.length} projects = ${ids.length} project goal tables, xlsx + docx = ${files} files (PGlite in memory)`,
  );
  // The floor of this section: the same documents read from the store once, then written from memory.
  const docs: ImportedDocument[] = [];
  for (const id of ids) docs.push((await projectDocument(db, (await findProject(db, id))!)).document);
  const [directMs] = await timed(async () => {
    for (const d of docs)
      for (const format of ["xlsx", "docx"] as const) await exportDocument(d, { as: "project-goals", format });
  });
  const directCpu = lastCpuMs;
  console.log(
    `   written from memory (no job, one thread): ${fmt((files * 1000) / directMs)} docs/s  (${fmt(directMs / 1000, 2)} s${cpu(files)}, CPU ${fmt(directCpu / 1000, 2)} s)`,
  );
  const queue = inProcessQueue(db, (e) => console.error(e));
  registerBatchExportJobs(queue, db, (e) => console.error(e));
  await queue.start();
  // Twice on the pool: the first job of a process starts the writer pool's workers (kept between jobs), the second
  // finds them up; then the same job in the job's own thread (JIXIAO_EXPORT_WORKERS=0), for the pool's ratio to
  // one thread in the same run. The main thread's busy time is its event loop's active time (PGlite included).
  const asked = process.env.JIXIAO_EXPORT_WORKERS;
  const wall: Record<string, number> = {};
  for (const [run, workers] of [
    ["first job (starts the workers)", asked],
    ["second job (workers already up)", asked],
    ["in one thread (JIXIAO_EXPORT_WORKERS=0)", "0"],
  ] as const) {
    if (workers === undefined) delete process.env.JIXIAO_EXPORT_WORKERS;
    else process.env.JIXIAO_EXPORT_WORKERS = workers;
    const elu = performance.eventLoopUtilization();
    const [jobMs, job] = await timed(async () => {
      const id = await queue.enqueue(BATCH_JOB, {
        orgId: root.id,
        year: 2024,
        documents: ["project-goals"],
        formats: ["xlsx", "docx"],
        scope: { all: true },
        actor: { accountId: "00000000-0000-4000-8000-000000000000", username: "bench" },
      });
      await queue.idle();
      // The result (the zip's bytes are beside it; reading them back is no part of the job).
      const [row] = await db.select({ result: jobs.result }).from(jobs).where(eq(jobs.id, id));
      return row;
    });
    const mainMs = performance.eventLoopUtilization(elu).active;
    wall[run] = jobMs;
    const result = job?.result as { counts: { files: number; errors: number }; zip: { size: number } } | null;
    console.log(
      `   batch job, ${run} (read, write, progress, zip, store, audit): ${fmt((files * 1000) / jobMs)} docs/s  (${fmt(jobMs / 1000, 2)} s${cpu(files)}, CPU ${fmt(lastCpuMs / 1000, 2)} s, main thread busy ${fmt(mainMs / 1000, 2)} s; ${result?.counts.files} files, ${result?.counts.errors} errors, zip ${fmt((result?.zip.size ?? 0) / 2 ** 20, 1)} MiB)  wall ${fmt(jobMs / directMs, 2)}× and CPU ${fmt(lastCpuMs / directCpu, 2)}× writing from memory in one thread`,
    );
  }
  const one = wall["in one thread (JIXIAO_EXPORT_WORKERS=0)"]!;
  console.log(
    `   the pool's job ÷ the same job in one thread (wall): first ${fmt(wall["first job (starts the workers)"]! / one, 2)}×, second ${fmt(wall["second job (workers already up)"]! / one, 2)}×`,
  );
  if (asked === undefined) delete process.env.JIXIAO_EXPORT_WORKERS;
  else process.env.JIXIAO_EXPORT_WORKERS = asked;
  await queue.stop();
  await handle.close();
}

const mem = process.memoryUsage();
console.log(`\n   rss ${fmt(mem.rss / 2 ** 20, 0)} MiB, heap ${fmt(mem.heapUsed / 2 ** 20, 0)} MiB`);
