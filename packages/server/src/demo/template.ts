/**
 * The demo made once a day and copied into every new embedded data folder that asks for it (issue 14: first start,
 * and the browser tests, which each start a server with the demo). Loading the demo costs ~5 s of CPU (hundreds of
 * statements, a published document, scoring); copying a folder a fraction of that.
 *
 * The demo is dated from the day it is loaded (deadlines, the monitoring round, the audit trail), so a template is
 * good for that day only; and it is what the code made it, so it is keyed by a hash of the sources that load it
 * (core, documents, server and the migrations) as well: a changed rule or seed makes a new one. Kept beside the
 * migrated template (db/template.ts) as `demo-<PGlite version>-<hash of the sources>-<UTC day>-<local day>/`, made in
 * a temporary folder and renamed into place (racing processes keep the first), older ones removed. When the sources
 * cannot be found (an installed bundle without them) no template is made and the demo is loaded as before.
 */
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../db/open.ts";
import { pgliteVersion, templateCacheDir } from "../db/template.ts";
import { type DemoAccount, loadDemo } from "./seed.ts";

const PACKAGES = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** What the demo is made of: a change to any of these makes a new template. */
const SOURCES = ["core/src", "documents/src", "server/src", "server/drizzle"].map((p) => join(PACKAGES, p));

function sourcesHash(): string | undefined {
  if (!SOURCES.every((p) => existsSync(p))) return undefined;
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p.slice(PACKAGES.length)).update(readFileSync(p));
    }
  };
  for (const s of SOURCES) walk(s);
  return h.digest("hex").slice(0, 12);
}

const pad = (n: number) => String(n).padStart(2, "0");
/** The days the demo's dates depend on: UTC and the machine's own (they differ for part of every day). */
function dayKey(now: Date): string {
  const local = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  return `${now.toISOString().slice(0, 10).replaceAll("-", "")}-${local}`;
}

/** The demo template's folder for this moment (it may not exist yet); undefined when the sources are not there. */
export function demoTemplatePath(now: Date): string | undefined {
  const sources = sourcesHash();
  return sources && join(templateCacheDir(), `demo-${pgliteVersion()}-${sources}-${dayKey(now)}`);
}

const ACCOUNTS = "accounts.json";
const isWhole = (path: string) => existsSync(join(path, "pglite", "PG_VERSION")) && existsSync(join(path, ACCOUNTS));

/** Make the demo template for `now` when it is missing; its folder, or undefined when none can be made here. */
export async function ensureDemoTemplate(now: Date): Promise<string | undefined> {
  const path = demoTemplatePath(now);
  if (!path) return undefined;
  if (isWhole(path)) return path;
  const cache = dirname(path);
  mkdirSync(cache, { recursive: true });
  const building = `${path}.building-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    const handle = await openDatabase({ dataDir: building });
    let accounts: DemoAccount[];
    try {
      accounts = await loadDemo(handle.db, now);
    } finally {
      await handle.close();
    }
    rmSync(join(building, "jixiao.lock"), { force: true });
    writeFileSync(join(building, ACCOUNTS), JSON.stringify(accounts));
    try {
      renameSync(building, path);
    } catch (e) {
      // Another process put its template in place first: keep that one.
      if (!isWhole(path)) throw e;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  // Templates of other days or sources (not those being made by someone else right now).
  for (const name of readdirSync(cache)) {
    if (/^demo-.+-\d{8}-\d{8}$/.test(name) && join(cache, name) !== path) {
      rmSync(join(cache, name), { recursive: true, force: true });
    }
  }
  return path;
}

/**
 * Fill an empty PGlite folder with today's demo (the template made first if missing); the demo's accounts, or
 * undefined — the folder left empty — when no template can be had (the caller then loads the demo itself).
 */
export async function seedDemoFromTemplate(pgliteDir: string, now: Date): Promise<DemoAccount[] | undefined> {
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) return undefined;
  try {
    const template = await ensureDemoTemplate(now);
    if (!template) return undefined;
    const accounts = JSON.parse(readFileSync(join(template, ACCOUNTS), "utf8")) as DemoAccount[];
    cpSync(join(template, "pglite"), pgliteDir, { recursive: true });
    return accounts;
  } catch {
    rmSync(pgliteDir, { recursive: true, force: true });
    return undefined;
  }
}
