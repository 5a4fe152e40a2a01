#!/usr/bin/env node
/**
 * bench/start: `npm start` on an empty data folder until the first healthy answer (issue 14: first start).
 *
 *   node bench/start/run.mjs [rounds] [--port 3190] [--cmd "npm start"]
 *
 * Each round: a new empty DATA_DIR in the temporary folder, `npm start` (its prestart included) in its own process
 * group, GET /api/v1/health every 50 ms until it answers 200; then the wall time, the CPU time of the whole process
 * group at that moment (npm, the prestart, the server; Linux /proc: children that have exited count through their
 * parent) and the load average; then SIGTERM to the group and the folder removed. The first round also makes
 * whatever the prestart finds missing (web app, server build, PGlite template); run it once before to time only
 * the start. Asserts nothing.
 *
 * Floor (floor.mjs, after each round): a bare Node process copying today's demo template and opening it with PGlite
 * to one query — the part of a start no server code can skip; the round's wall and CPU are given as multiples of
 * it, which the machine's load moves far less than the seconds. `--trace`: the server's own step times
 * (JIXIAO_START_TRACE=1) after each round.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const flag = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const port = Number(flag("--port", "3190"));
const cmd = flag("--cmd", "npm start");
const trace = args.includes("--trace");
const repo = join(import.meta.dirname, "../..");

function floor() {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [join(import.meta.dirname, "floor.mjs")], { cwd: repo, encoding: "utf8" });
  return { wall: (performance.now() - t0) / 1000, cpu: JSON.parse(out.trim().split("\n").at(-1)).cpu };
}
const TICK = 100; // USER_HZ on Linux

function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // after the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12) cutime(13) cstime(14)
      if (Number(f[2]) !== pgid) continue;
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / TICK;
}

async function healthy() {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    return r.status === 200;
  } catch {
    return false;
  }
}

console.log(`bench/start — node ${process.version}, \`${cmd}\` on an empty data folder, port ${port}`);
for (let round = 1; round <= rounds; round++) {
  if (await healthy()) throw new Error(`port ${port} already answers: pick another with --port`);
  const dataDir = mkdtempSync(join(tmpdir(), "jixiao-bench-start-"));
  const load0 = loadavg()[0];
  const t0 = performance.now();
  const child = spawn(cmd, {
    cwd: repo,
    shell: true,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ...(trace ? { JIXIAO_START_TRACE: "1" } : {}) },
  });
  let log = "";
  child.stdout.on("data", (d) => {
    log += d;
  });
  child.stderr.on("data", (d) => {
    log += d;
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  while (!(await healthy())) {
    if (exited) throw new Error(`the start ended before answering:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = groupCpuSeconds(child.pid);
  console.log(
    `round ${round}: healthy after ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU; load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
  );
  const done = new Promise((r) => child.on("exit", r));
  process.kill(-child.pid, "SIGTERM");
  await done;
  rmSync(dataDir, { recursive: true, force: true });
  const f = floor();
  console.log(
    `  floor (copy today's demo template, PGlite open, one query): ${f.wall.toFixed(1)} s wall, ${f.cpu.toFixed(1)} s CPU; ` +
      `the start = ${(wall / f.wall).toFixed(2)}× its wall, ${(cpu / f.cpu).toFixed(2)}× its CPU`,
  );
  if (trace) for (const line of log.split("\n").filter((l) => l.startsWith("[start]"))) console.log(`  ${line}`);
}
