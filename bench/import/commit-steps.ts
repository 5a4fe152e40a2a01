/**
 * bench/import/commit-steps: where an import commit's time goes, statement by statement, on PGlite or PostgreSQL.
 *
 *   npx tsx bench/import/commit-steps.ts [rows] [--store pglite|pg] [--rounds 3]
 *
 * Uploads the bench workbook (run.ts's, written once to the temporary directory) into a fresh organisation and
 * commits it, printing each statement the commit sends with its wall time (the first 80 characters of the SQL),
 * then the commit's total. Run it under `node --cpu-prof --import tsx` for a profile. Asserts nothing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLayout, writeXlsx } from "@jixiao/documents";
import pg from "pg";
import { commitImport, uploadImport } from "../../packages/server/src/imports/imports.service.ts";
import { receiveBytes } from "../../packages/server/src/imports/receive.ts";
import { benchDeps, benchOrganisation, generateDocument, openBenchStore, YEAR } from "./setup.ts";

const args = process.argv.slice(2);
const ROWS = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const opt = (name: string, d: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : d);
const STORE = opt("--store", "pglite");
const ROUNDS = Number(opt("--rounds", "3"));

const cached = join(tmpdir(), `jixiao-bench-import-${ROWS}.xlsx`);
if (!existsSync(cached)) writeFileSync(cached, await writeXlsx(buildLayout(generateDocument(ROWS), "project-goals")));
const xlsx = new Uint8Array(readFileSync(cached));

const { handle, cleanup } = await openBenchStore(STORE === "pg" ? "pg" : "pglite", "jixiao_bench_steps");

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

const deps = benchDeps(handle);
const windows: [number, number][] = [];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const { orgId, actor } = await benchOrganisation(handle.db, round, { code: "S", name: "步骤", username: "steps" });
    const up = await uploadImport(deps, actor, { orgId, year: YEAR, receive: receiveBytes("bench.xlsx", xlsx) });
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
