/**
 * bench/import/commit-steps: where an import commit's time goes, statement by statement, on PGlite or PostgreSQL.
 *
 *   npx tsx bench/import/commit-steps.ts [rows] [--store pglite|pg] [--rounds 3]
 *
 * Uploads the bench workbook (run.ts's, written once to the temporary directory) into a fresh organisation and
 * commits it, printing each statement the commit sends with its wall time (the first 80 characters of the SQL),
 * then the commit's total. Run it under `node --cpu-prof --import tsx` for a profile. Asserts nothing.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImportedDocument, Indicator, Project } from "@jixiao/core/model";
import { buildLayout, importDocument, readExtractedText, writeXlsx } from "@jixiao/documents";
import pg from "pg";
import type { Actor } from "../../packages/server/src/accounts/actor.ts";
import { accounts } from "../../packages/server/src/accounts/schema.ts";
import { type DatabaseHandle, openDatabase } from "../../packages/server/src/db/open.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../packages/server/src/http/context.ts";
import { commitImport, uploadImport } from "../../packages/server/src/imports/imports.service.ts";
import { receiveBytes } from "../../packages/server/src/imports/receive.ts";
import { organisations } from "../../packages/server/src/orgs/schema.ts";
import { fiscalYears } from "../../packages/server/src/years/schema.ts";

const args = process.argv.slice(2);
const ROWS = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const opt = (name: string, d: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : d);
const STORE = opt("--store", "pglite");
const ROUNDS = Number(opt("--rounds", "3"));
const ROOT = join(import.meta.dirname, "../..");
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function generate(rows: number): ImportedDocument {
  const seed = importDocument(
    readExtractedText(readFileSync(join(ROOT, "fixtures/seeds/004_8649601bbeaed617.txt"), "utf8"), "004.txt"),
  ).document;
  const pool: Indicator[] = seed.projects.flatMap((p) => p.indicators);
  const list: Project[] = [];
  let k = 0;
  for (let p = 0; k < rows; p++) {
    const base = seed.projects[p % seed.projects.length]!;
    const n = Math.min(100, rows - k);
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

const cached = join(tmpdir(), `jixiao-bench-import-${ROWS}.xlsx`);
if (!existsSync(cached)) writeFileSync(cached, await writeXlsx(buildLayout(generate(ROWS), "project-goals")));
const xlsx = new Uint8Array(readFileSync(cached));

let handle: DatabaseHandle;
let cleanup: () => Promise<void>;
if (STORE === "pg") {
  const name = `jixiao_bench_steps_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  cleanup = async () => {
    await handle.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
} else {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-bench-steps-"));
  handle = await openDatabase({ dataDir: dir });
  cleanup = async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

// Statement timing: wrap the driver's query function.
let log: { sql: string; ms: number }[] | undefined;
const wrap = (obj: Record<string, unknown>, fn: string) => {
  const orig = obj[fn] as (...a: unknown[]) => Promise<unknown>;
  obj[fn] = async function (this: unknown, ...a: unknown[]) {
    const t0 = performance.now();
    try {
      return await orig.apply(this, a);
    } finally {
      const q = a[0];
      const text = typeof q === "string" ? q : ((q as { text?: string })?.text ?? String(q));
      log?.push({ sql: text.replace(/\s+/g, " ").slice(0, 80), ms: performance.now() - t0 });
    }
  };
};
if (handle.pglite) {
  wrap(handle.pglite as unknown as Record<string, unknown>, "query");
  wrap(handle.pglite as unknown as Record<string, unknown>, "exec");
  const pgl = handle.pglite as unknown as Record<string, unknown>;
  const transaction = pgl.transaction as (cb: (tx: unknown) => Promise<unknown>) => Promise<unknown>;
  pgl.transaction = (cb: (tx: unknown) => Promise<unknown>) =>
    transaction.call(handle.pglite, (tx) => {
      wrap(tx as Record<string, unknown>, "query");
      wrap(tx as Record<string, unknown>, "exec");
      return cb(tx);
    });
} else {
  wrap(pg.Client.prototype as unknown as Record<string, unknown>, "query");
}

const deps: Deps = {
  db: handle.db,
  store: handle.kind,
  settings: { ...DEFAULT_SETTINGS, importSyncBytes: Number.MAX_SAFE_INTEGER },
  now: () => new Date(),
  logError: (e) => console.error(e),
};
await handle.db.insert(fiscalYears).values({ year: 2024 }).onConflictDoNothing();
const windows: [number, number][] = [];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const orgId = randomUUID();
    await handle.db
      .insert(organisations)
      .values({ id: orgId, path: `/${orgId}/`, code: `S${round}`, name: `步骤${round}` });
    const [acct] = await handle.db
      .insert(accounts)
      .values({ username: `steps${round}`, displayName: "s", passwordHash: "x", mustChangePassword: false })
      .returning();
    const actor: Actor = {
      accountId: acct!.id,
      username: `steps${round}`,
      displayName: "s",
      mustChangePassword: false,
      csrfToken: "",
      memberships: [{ role: "filler", orgId, orgPath: `/${orgId}/` }],
    };
    const up = await uploadImport(deps, actor, { orgId, year: 2024, receive: receiveBytes("bench.xlsx", xlsx) });
    log = [];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const h0 = process.hrtime.bigint();
    await commitImport(deps, actor, up.view.id);
    const ms = performance.now() - t0;
    // Microseconds on the clock of a --cpu-prof profile's timestamps, to cut the commit out of it.
    windows.push([Number(h0 / 1000n), Number(process.hrtime.bigint() / 1000n)]);
    const cpu = process.cpuUsage(c0);
    const inDb = log.reduce((s, l) => s + l.ms, 0);
    console.log(
      `round ${round}: commit ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU; ${log.length} statements, ${inDb.toFixed(0)} ms in them`,
    );
    for (const l of log) if (l.ms >= 5) console.log(`  ${l.ms.toFixed(0).padStart(6)} ms  ${l.sql}`);
    log = undefined;
  }
} finally {
  await cleanup();
}
if (process.env.COMMIT_WINDOWS) writeFileSync(process.env.COMMIT_WINDOWS, JSON.stringify(windows));
