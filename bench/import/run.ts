/**
 * bench/import: a 10,000-row project goal table (项目绩效目标表) in xlsx through the import, against the floor.
 *
 *   npx tsx bench/import/run.ts [rows] [--store pglite|pg|both]
 *
 * 1. Generates the workbook with the project's own writer (buildLayout + writeXlsx): projects of 100
 *    indicators each, one sheet per project (seed 004's layout), the indicators cycled from seed 004's 111 with
 *    numbered names. Not timed.
 * 2. read + recognise: `readUpload` (readDocument → importDocument), what an upload and `jixiao import` do.
 * 3. upload and commit through the real import service (uploadImport → commitImport: plan, one transaction, projects and
 *    indicator trees, audit), into PGlite (a data folder, as `jixiao serve` runs it) and PostgreSQL (a throwaway
 *    database on 127.0.0.1:5432, BENCH_DATABASE_URL to point elsewhere; created and dropped).
 * 4. the floor: the same indicator rows (the leaves, all columns the commit writes) as CSV COPYed into a table of
 *    the same shape (`CREATE TABLE … (LIKE indicators INCLUDING DEFAULTS)`, no keys or indexes):
 *    PostgreSQL through `psql -c "\copy t from stdin with (format csv)"` (pg-copy-streams is not installed: the
 *    CSV is piped into psql's stdin; psql's start-up, timed with the same command and no rows just before, is
 *    taken off), PGlite through `COPY t FROM '/dev/blob'` with the CSV as a Blob. The same rows are also COPYed
 *    into indicators itself (its keys, foreign keys and indexes), to show what the table costs beside the floor.
 *    Each step's CPU time of this process is printed too (with PGlite the database's work is in it): under a
 *    shared machine's load the wall times mostly measure waiting for a core.
 *
 * Steps 3 and 4 run three rounds per store (a fresh organisation, a fresh floor table), the median is shown.
 * Prints rows/s and ratios; asserts nothing.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { ImportedDocument, Indicator, Project } from "@jixiao/core/model";
import { buildLayout, importDocument, readExtractedText, writeXlsx } from "@jixiao/documents";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import type { Actor } from "../../packages/server/src/accounts/actor.ts";
import { accounts } from "../../packages/server/src/accounts/schema.ts";
import { type DatabaseHandle, openDatabase } from "../../packages/server/src/db/open.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../packages/server/src/http/context.ts";
import { commitImport, uploadImport } from "../../packages/server/src/imports/imports.service.ts";
import { readUpload } from "../../packages/server/src/imports/read.ts";
import { receiveBytes } from "../../packages/server/src/imports/receive.ts";
import { indicators } from "../../packages/server/src/indicators/schema.ts";
import { organisations } from "../../packages/server/src/orgs/schema.ts";
import { projects } from "../../packages/server/src/projects/schema.ts";
import { fiscalYears } from "../../packages/server/src/years/schema.ts";

const args = process.argv.slice(2);
const ROWS = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const storeAt = args.indexOf("--store");
const STORE = storeAt >= 0 ? args[storeAt + 1]! : "both";
if (!["pglite", "pg", "both"].includes(STORE)) throw new Error("--store pglite|pg|both");
const PER_PROJECT = 100;
const ROUNDS = 3;
const YEAR = 2024;
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROOT = join(import.meta.dirname, "../..");

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
/** CPU time of this process (ms): with PGlite it holds the database's work too, with PostgreSQL not the server's. */
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
let lastCpu = 0;
async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const c0 = cpuNow();
  const r = await f();
  lastCpu = cpuNow() - c0;
  return [performance.now() - t0, r];
}

// ------------------------------------------------------------------------------------------------ the workbook
function generate(rows: number): ImportedDocument {
  const seed = importDocument(
    readExtractedText(readFileSync(join(ROOT, "fixtures/seeds/004_8649601bbeaed617.txt"), "utf8"), "004.txt"),
  ).document;
  const pool: Indicator[] = seed.projects.flatMap((p) => p.indicators);
  const list: Project[] = [];
  let k = 0;
  for (let p = 0; k < rows; p++) {
    const base = seed.projects[p % seed.projects.length]!;
    const n = Math.min(PER_PROJECT, rows - k);
    const inds: Indicator[] = [];
    for (let i = 0; i < n; i++, k++) {
      const ind = pool[k % pool.length]!;
      inds.push({ ...ind, name: `${ind.name}（${k + 1}）` });
    }
    const { title: _title, ...rest } = base;
    list.push({ ...rest, name: `${base.name}（第${p + 1}批）`, indicators: inds });
  }
  return { ...seed, projects: list, file: "bench.xlsx", format: "xlsx" };
}

const doc = generate(ROWS);
const [writeMs, xlsx] = await timed(() => writeXlsx(buildLayout(doc, "project-goals")));
console.log(
  `bench/import — node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}, ${fmt(ROWS)} indicator rows in ${doc.projects.length} projects`,
);
console.log(`workbook: ${fmt(xlsx.length / 1024)} KB, written in ${fmt(writeMs)} ms (not counted)\n`);

// ------------------------------------------------------------------------------------------ read + recognise
await readUpload(xlsx, "bench.xlsx"); // warm-up
const READS = 3;
let readMs = Number.POSITIVE_INFINITY;
let recognised = 0;
for (let i = 0; i < READS; i++) {
  const [ms, r] = await timed(() => readUpload(xlsx, "bench.xlsx"));
  readMs = Math.min(readMs, ms);
  recognised = r.summary.indicators;
}
if (recognised !== ROWS) throw new Error(`recognised ${recognised} indicators of ${ROWS}`);
console.log(`read + recognise: ${fmt(readMs)} ms (best of ${READS}), ${fmt((ROWS / readMs) * 1000)} rows/s`);

// ------------------------------------------------------------------------------------------------- the stores
interface StoreResult {
  store: string;
  uploadMs: number;
  commitMs: number;
  copyMs: number;
  /** COPY of the same rows into indicators itself (its keys, foreign keys and indexes). */
  tableCopyMs: number;
  copyHow: string;
  all: { uploads: number[]; commits: number[]; copies: number[]; tableCopies: number[]; startups: number[] };
  cpu: { uploads: number[]; commits: number[]; copies: number[] };
}

/** The leaves as the commit writes them, as CSV in the floor table's column order. */
const COLUMNS = [
  "id",
  "project_id",
  "parent_id",
  "level",
  "name",
  "description",
  "target_text",
  "target_parsed",
  "unit",
  "nature_code",
  "weight",
  "sort_order",
  "created_at",
  "updated_at",
];
function csvRows(projectIds: string[], parentIds: string[]): string {
  const q = (v: string | null | undefined) =>
    v === null || v === undefined ? "" : /[",\r\n]/.test(v) || v === "" ? `"${v.replace(/"/g, '""')}"` : v;
  const now = new Date().toISOString();
  const out: string[] = [];
  doc.projects.forEach((p, pi) => {
    p.indicators.forEach((ind, i) => {
      out.push(
        [
          randomUUID(),
          projectIds[pi]!,
          parentIds[pi]!,
          "3",
          q(ind.name),
          q(ind.description),
          q(ind.target?.text),
          q(ind.target?.parsed ? JSON.stringify(ind.target.parsed) : null),
          q(ind.unit),
          q(ind.operatorCode),
          "",
          String(i),
          now,
          now,
        ].join(","),
      );
    });
  });
  return `${out.join("\n")}\n`;
}

async function setUp(db: DatabaseHandle["db"], round: number) {
  await db.insert(fiscalYears).values({ year: YEAR }).onConflictDoNothing();
  const id = randomUUID();
  await db.insert(organisations).values({ id, path: `/${id}/`, code: `B${round}`, name: `基准单位${round}` });
  const [acct] = await db
    .insert(accounts)
    .values({ username: `bench${round}`, displayName: "bench", passwordHash: "x", mustChangePassword: false })
    .returning();
  const actor: Actor = {
    accountId: acct!.id,
    username: `bench${round}`,
    displayName: "bench",
    mustChangePassword: false,
    csrfToken: "",
    memberships: [{ role: "filler", orgId: id, orgPath: `/${id}/` }],
  };
  return { orgId: id, actor };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function runStore(kind: "pglite" | "pg"): Promise<StoreResult> {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dbUrl = "";
  let dbName = "";
  if (kind === "pg") {
    dbName = `jixiao_bench_import_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
    handle = await openDatabase({ url: dbUrl, poolSize: 4 });
    cleanup = async () => {
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-bench-import-"));
    handle = await openDatabase({ dataDir: dir });
    cleanup = async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const deps: Deps = {
      db: handle.db,
      store: handle.kind,
      settings: { ...DEFAULT_SETTINGS, importSyncBytes: Number.MAX_SAFE_INTEGER },
      now: () => new Date(),
      logError: (e) => console.error(e),
    };
    const uploads: number[] = [];
    const commits: number[] = [];
    const copies: number[] = [];
    const tableCopies: number[] = [];
    const startups: number[] = [];
    const cpu = { uploads: [] as number[], commits: [] as number[], copies: [] as number[] };
    let copyHow = "";
    for (let round = 1; round <= ROUNDS; round++) {
      // A fresh organisation each round: the same file commits as new projects, not as an unchanged re-import.
      const { orgId, actor } = await setUp(handle.db, round);
      const [uploadMs, up] = await timed(() =>
        uploadImport(deps, actor, { orgId, year: YEAR, receive: receiveBytes("bench.xlsx", xlsx) }),
      );
      cpu.uploads.push(lastCpu);
      const [commitMs, done] = await timed(() => commitImport(deps, actor, up.view.id));
      cpu.commits.push(lastCpu);
      const written = (
        await handle.db
          .select({ n: sql<number>`count(*)`.mapWith(Number) })
          .from(indicators)
          .innerJoin(projects, eq(projects.id, indicators.projectId))
          .where(and(eq(projects.orgId, orgId), eq(indicators.level, 3)))
      )[0]!.n;
      if (done.unchanged || written !== ROWS) throw new Error(`${kind}: committed ${written} of ${ROWS} indicators`);
      uploads.push(uploadMs);
      commits.push(commitMs);

      // The floor: the same leaves into a fresh same-shape table, by COPY.
      const ids = await handle.db
        .select({ id: projects.id, name: projects.name })
        .from(projects)
        .where(eq(projects.orgId, orgId));
      const byName = new Map(ids.map((r) => [r.name, r.id]));
      const projectIds = doc.projects.map((p) => byName.get(p.name)!);
      const parentIds = await Promise.all(
        projectIds.map(
          async (pid) =>
            (
              await handle.db
                .select({ id: indicators.id })
                .from(indicators)
                .where(and(eq(indicators.projectId, pid), eq(indicators.level, 2)))
                .limit(1)
            )[0]!.id,
        ),
      );
      const csv = csvRows(projectIds, parentIds);
      await handle.db.execute(sql.raw("DROP TABLE IF EXISTS bench_floor"));
      await handle.db.execute(sql.raw("CREATE TABLE bench_floor (LIKE indicators INCLUDING DEFAULTS)"));
      const copy = `bench_floor (${COLUMNS.join(", ")})`;
      // The same rows (new ids) into indicators itself, under the projects just committed: what the table's keys,
      // foreign keys and indexes cost beside the bare floor.
      const tableCopy = `indicators (${COLUMNS.join(", ")})`;
      const psql = (command: string, input: string) =>
        new Promise<void>((resolve, reject) => {
          const u = new URL(dbUrl);
          const p = spawn(
            "psql",
            [
              "-h",
              u.hostname,
              "-p",
              u.port || "5432",
              "-U",
              decodeURIComponent(u.username || "postgres"),
              "-v",
              "ON_ERROR_STOP=1",
              "-q",
              dbName,
              "-c",
              command,
            ],
            { stdio: ["pipe", "ignore", "pipe"] },
          );
          let err = "";
          p.stderr.on("data", (d) => {
            err += d;
          });
          p.on("error", reject);
          p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`psql: ${code} ${err}`))));
          p.stdin.end(input);
        });
      let copyMs: number;
      let tableCopyMs: number;
      if (kind === "pg") {
        copyHow =
          "psql \\copy from stdin (CSV piped in), less psql's start-up: the same command with no rows, timed just before";
        const [startup] = await timed(() => psql(`\\copy ${copy} from stdin with (format csv)`, ""));
        startups.push(startup);
        const [whole] = await timed(() => psql(`\\copy ${copy} from stdin with (format csv)`, csv));
        copyMs = Math.max(whole - startup, 1);
        const [wholeTable] = await timed(() => psql(`\\copy ${tableCopy} from stdin with (format csv)`, csv));
        tableCopyMs = Math.max(wholeTable - startup, 1);
      } else {
        copyHow = "COPY … FROM '/dev/blob' (the CSV as a Blob)";
        [copyMs] = await timed(() =>
          handle.pglite!.query(`COPY ${copy} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) }),
        );
        cpu.copies.push(lastCpu);
        [tableCopyMs] = await timed(() =>
          handle.pglite!.query(`COPY ${tableCopy} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) }),
        );
      }
      tableCopies.push(tableCopyMs);
      const floorRows = (await handle.db.execute(sql.raw("SELECT count(*)::int AS n FROM bench_floor"))) as unknown as {
        rows: { n: number }[];
      };
      if (Number(floorRows.rows[0]!.n) !== ROWS) throw new Error(`${kind}: COPY wrote ${floorRows.rows[0]!.n}`);
      copies.push(copyMs);
    }
    return {
      store: kind === "pg" ? "PostgreSQL" : "PGlite",
      uploadMs: median(uploads),
      commitMs: median(commits),
      copyMs: median(copies),
      tableCopyMs: median(tableCopies),
      copyHow,
      all: { uploads, commits, copies, tableCopies, startups },
      cpu,
    };
  } finally {
    await cleanup();
  }
}

const results: StoreResult[] = [];
for (const kind of STORE === "both" ? (["pglite", "pg"] as const) : [STORE as "pglite" | "pg"]) {
  results.push(await runStore(kind));
}

const rps = (ms: number) => fmt((ROWS / ms) * 1000);
console.log("");
console.log(
  `median of ${ROUNDS} rounds\nstore       upload (read+plan+preview)   commit (one transaction)        COPY floor                 commit / COPY`,
);
for (const r of results) {
  console.log(
    `${r.store.padEnd(11)} ${`${fmt(r.uploadMs)} ms, ${rps(r.uploadMs)} rows/s`.padEnd(28)} ${`${fmt(r.commitMs)} ms, ${rps(r.commitMs)} rows/s`.padEnd(31)} ${`${fmt(r.copyMs)} ms, ${rps(r.copyMs)} rows/s`.padEnd(26)} ${fmt(r.commitMs / r.copyMs, 1)}×`,
  );
}
for (const r of results) {
  console.log(`  ${r.store} floor: ${r.copyHow}`);
  const list = (xs: number[]) => xs.map((x) => fmt(x)).join(" / ");
  console.log(
    `  ${r.store} each round (ms): upload ${list(r.all.uploads)}; commit ${list(r.all.commits)}; COPY ${list(r.all.copies)}; COPY into indicators ${list(r.all.tableCopies)}${r.all.startups.length ? `; psql start-up ${list(r.all.startups)}` : ""}`,
  );
  if (r.cpu.copies.length)
    console.log(
      `  ${r.store} CPU of this process (ms, the database's included): upload ${list(r.cpu.uploads)}; commit ${list(r.cpu.commits)}; COPY ${list(r.cpu.copies)} — commit / COPY by CPU ${fmt(median(r.cpu.commits) / median(r.cpu.copies), 1)}×`,
    );
  else
    console.log(
      `  ${r.store} CPU of this process (ms, not the server's): upload ${list(r.cpu.uploads)}; commit ${list(r.cpu.commits)}`,
    );
  console.log(
    `  ${r.store} commit / COPY into indicators itself: ${fmt(r.commitMs / r.tableCopyMs, 1)}×; end to end (upload + commit) ${fmt(r.uploadMs + r.commitMs)} ms`,
  );
}
console.log(
  `\nread + recognise alone: ${fmt((ROWS / readMs) * 1000)} rows/s; upload / read: ${results.map((r) => `${r.store} ${fmt(r.uploadMs / readMs, 1)}×`).join(", ")}`,
);
