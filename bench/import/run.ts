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
 * 4. the floor (since session 11): the rows the commit wrote — its projects and their 一级/二级/三级 indicators —
 *    read back as text, given new ids and COPYed into projects and indicators themselves (the same keys, foreign
 *    keys, indexes and checks) under a fresh organisation, in one transaction, in this process (no psql start-up):
 *    PGlite from a Blob (`COPY … FROM '/dev/blob'`), PostgreSQL by COPY FROM STDIN on the pool's connection
 *    (packages/server/src/db/copy.ts). The floor used before (the 10,000 leaves alone into a table of the same shape
 *    without keys or indexes, PostgreSQL through psql less its start-up) is still measured and printed as the
 *    "old bare floor": it left out a tenth of the rows and every key the commit has to keep.
 *    Each step's CPU time of this process is printed too (with PGlite the database's work is in it): under a
 *    shared machine's load the wall times mostly measure waiting for a core.
 *
 * Steps 3 and 4 run three rounds per store (a fresh organisation, a fresh floor table), the median is shown.
 * Prints rows/s and ratios; asserts nothing.
 */
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { buildLayout, writeXlsx } from "@jixiao/documents";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { copyField, copyFrom } from "../../packages/server/src/db/copy.ts";
import { type Db, queryRows } from "../../packages/server/src/db/open.ts";
import { commitImport, uploadImport } from "../../packages/server/src/imports/imports.service.ts";
import { readUpload } from "../../packages/server/src/imports/read.ts";
import { receiveBytes } from "../../packages/server/src/imports/receive.ts";
import { indicators } from "../../packages/server/src/indicators/schema.ts";
import { organisations } from "../../packages/server/src/orgs/schema.ts";
import { projects } from "../../packages/server/src/projects/schema.ts";
import { benchDeps, benchOrganisation, generateDocument, openBenchStore, YEAR } from "./setup.ts";

const args = process.argv.slice(2);
const ROWS = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const storeAt = args.indexOf("--store");
const STORE = storeAt >= 0 ? args[storeAt + 1]! : "both";
if (!["pglite", "pg", "both"].includes(STORE)) throw new Error("--store pglite|pg|both");
const PER_PROJECT = 100;
const ROUNDS = 3;

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
const doc = generateDocument(ROWS, PER_PROJECT);
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
  /** The floor used before session 11: the leaves alone into a table with no keys or indexes. */
  bareCopyMs: number;
  all: { uploads: number[]; commits: number[]; copies: number[]; bareCopies: number[] };
  cpu: { uploads: number[]; commits: number[]; copies: number[] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function runStore(kind: "pglite" | "pg"): Promise<StoreResult> {
  const { handle, cleanup } = await openBenchStore(kind, "jixiao_bench_import");
  try {
    const deps = benchDeps(handle);
    const uploads: number[] = [];
    const commits: number[] = [];
    const copies: number[] = [];
    const bareCopies: number[] = [];
    const cpu = { uploads: [] as number[], commits: [] as number[], copies: [] as number[] };
    for (let round = 1; round <= ROUNDS; round++) {
      // A fresh organisation each round: the same file commits as new projects, not as an unchanged re-import.
      const { orgId, actor } = await benchOrganisation(handle.db, round, {
        code: "B",
        name: "基准单位",
        username: "bench",
      });
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

      // The floor: the rows this commit wrote (its projects and their 一级/二级/三级 indicators), read back as
      // text and given new ids, COPYed into projects and indicators themselves — the same keys, foreign keys,
      // indexes and checks — under a fresh organisation, in one transaction, on the store's own connection.
      const floorOrg = randomUUID();
      await handle.db
        .insert(organisations)
        .values({ id: floorOrg, path: `/${floorOrg}/`, code: `F${round}`, name: `基准下限${round}` });
      const projectCols = Object.values(getTableColumns(projects)).map((c) => c.name);
      const indicatorCols = Object.values(getTableColumns(indicators)).map((c) => c.name);
      const asText = (cols: string[]) => sql.raw(cols.map((c) => `"${c}"::text AS "${c}"`).join(", "));
      const projectRows = await queryRows<Record<string, string | null>>(
        handle.db,
        sql`SELECT ${asText(projectCols)} FROM projects WHERE org_id = ${orgId}`,
      );
      const indicatorRows = await queryRows<Record<string, string | null>>(
        handle.db,
        sql`SELECT ${asText(indicatorCols)} FROM indicators WHERE project_id IN (SELECT id FROM projects WHERE org_id = ${orgId}) ORDER BY level`,
      );
      const fresh = new Map<string, string>();
      for (const r of [...projectRows, ...indicatorRows]) fresh.set(r.id!, randomUUID());
      const moved = (v: string | null) => (v === null ? null : (fresh.get(v) ?? v));
      const lines = (rows: Record<string, string | null>[], cols: string[], change: Record<string, string | null>) =>
        `${rows.map((r) => cols.map((c) => copyField(c in change ? change[c]! : r[c]!)).join("\t")).join("\n")}\n`;
      const projectData = projectRows
        .map((r) => lines([r], projectCols, { id: moved(r.id!), org_id: floorOrg }))
        .join("");
      const indicatorData = indicatorRows
        .map((r) =>
          lines([r], indicatorCols, {
            id: moved(r.id!),
            project_id: moved(r.project_id!),
            parent_id: moved(r.parent_id!),
          }),
        )
        .join("");
      if (indicatorRows.length !== ROWS + indicatorRows.filter((r) => r.level !== "3").length)
        throw new Error(`${kind}: read back ${indicatorRows.length} indicator rows`);
      const [copyMs] = await timed(() =>
        handle.db.transaction(async (tx) => {
          await copyFrom(tx as unknown as Db, "projects", projectCols, projectData);
          await copyFrom(tx as unknown as Db, "indicators", indicatorCols, indicatorData);
        }),
      );
      cpu.copies.push(lastCpu);
      const floorCount = (
        await queryRows<{ n: number }>(
          handle.db,
          sql`SELECT count(*)::int AS n FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.org_id = ${floorOrg}`,
        )
      )[0]!.n;
      if (Number(floorCount) !== indicatorRows.length) throw new Error(`${kind}: COPY wrote ${floorCount}`);
      copies.push(copyMs);
      floorRows = { projects: projectRows.length, indicators: indicatorRows.length };

      // The floor the bench used before session 11 (not the same work: only the 10,000 leaves, into a table of
      // the same shape with no keys, foreign keys or indexes), kept to compare with earlier figures.
      await handle.db.execute(sql.raw("DROP TABLE IF EXISTS bench_floor"));
      await handle.db.execute(sql.raw("CREATE TABLE bench_floor (LIKE indicators INCLUDING DEFAULTS)"));
      const leaves = indicatorRows.filter((r) => r.level === "3");
      const [bareMs] = await timed(() =>
        handle.db.transaction((tx) =>
          copyFrom(tx as unknown as Db, "bench_floor", indicatorCols, lines(leaves, indicatorCols, {})),
        ),
      );
      bareCopies.push(bareMs);
    }
    return {
      store: kind === "pg" ? "PostgreSQL" : "PGlite",
      uploadMs: median(uploads),
      commitMs: median(commits),
      copyMs: median(copies),
      bareCopyMs: median(bareCopies),
      all: { uploads, commits, copies, bareCopies },
      cpu,
    };
  } finally {
    await cleanup();
  }
}

let floorRows = { projects: 0, indicators: 0 };
const results: StoreResult[] = [];
for (const kind of STORE === "both" ? (["pglite", "pg"] as const) : [STORE as "pglite" | "pg"]) {
  results.push(await runStore(kind));
}

const rps = (ms: number) => fmt((ROWS / ms) * 1000);
const list = (xs: number[]) => xs.map((x) => fmt(x)).join(" / ");
console.log("");
console.log(
  `floor: the commit's rows (${fmt(floorRows.projects)} projects, ${fmt(floorRows.indicators)} indicators of three levels) COPYed into projects and indicators themselves, one transaction, no process start-up`,
);
console.log(
  `median of ${ROUNDS} rounds\nstore       upload (read+plan+preview)   commit (one transaction)        COPY floor                 commit / COPY`,
);
for (const r of results) {
  console.log(
    `${r.store.padEnd(11)} ${`${fmt(r.uploadMs)} ms, ${rps(r.uploadMs)} rows/s`.padEnd(28)} ${`${fmt(r.commitMs)} ms, ${rps(r.commitMs)} rows/s`.padEnd(31)} ${`${fmt(r.copyMs)} ms, ${rps(r.copyMs)} rows/s`.padEnd(26)} ${fmt(r.commitMs / r.copyMs, 1)}×`,
  );
}
for (const r of results) {
  console.log(
    `  ${r.store} each round (ms): upload ${list(r.all.uploads)}; commit ${list(r.all.commits)}; COPY floor ${list(r.all.copies)}; old bare floor ${list(r.all.bareCopies)}`,
  );
  console.log(
    `  ${r.store} CPU of this process (ms${r.store === "PGlite" ? ", the database's included" : ", not the server's"}): upload ${list(r.cpu.uploads)}; commit ${list(r.cpu.commits)}; COPY floor ${list(r.cpu.copies)}${r.store === "PGlite" ? ` — commit / COPY by CPU ${fmt(median(r.cpu.commits) / median(r.cpu.copies), 1)}×` : ""}`,
  );
  console.log(
    `  ${r.store} commit / old bare floor (leaves only, no keys): ${fmt(r.commitMs / r.bareCopyMs, 1)}×; end to end (upload + commit) ${fmt(r.uploadMs + r.commitMs)} ms`,
  );
}
console.log(
  `\nread + recognise alone: ${fmt((ROWS / readMs) * 1000)} rows/s; upload / read: ${results.map((r) => `${r.store} ${fmt(r.uploadMs / readMs, 1)}×`).join(", ")}`,
);
