#!/usr/bin/env node
import { readdirSync } from "node:fs";
/**
 * bench/start's floor: what any first start must do at the least — a Node process that copies today's demo
 * template (node_modules/.cache/jixiao/demo-*) into a new folder, opens it with PGlite and answers one query; no
 * server code, no npm. Prints `{"cpu": seconds}` (its own CPU, all threads); the caller times the wall.
 * Run by run.mjs after each round; needs the template made by a start before it.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";

const cache = join(import.meta.dirname, "../../node_modules/.cache/jixiao");
const demo = readdirSync(cache)
  .filter((n) => n.startsWith("demo-") && !n.includes(".building-"))
  .sort()
  .at(-1);
if (!demo) throw new Error(`no demo template in ${cache}: run a start first`);

async function copyFolder(from, to) {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? copyFolder(join(from, e.name), join(to, e.name))
        : copyFile(join(from, e.name), join(to, e.name)),
    ),
  );
}

const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-floor-"));
await copyFolder(join(cache, demo, "pglite"), join(dir, "pglite"));
const db = await PGlite.create({ dataDir: join(dir, "pglite") });
await db.query("SELECT 1");
const cpu = process.cpuUsage();
console.log(JSON.stringify({ cpu: (cpu.user + cpu.system) / 1e6 }));
await db.close();
await rm(dir, { recursive: true, force: true });
