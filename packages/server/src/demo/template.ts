/**
 * The demo made once a day and copied into every new embedded data folder that asks for it (issue 14: first start,
 * and the browser tests, which each start a server with the demo). Loading the demo costs ~5 s of CPU (hundreds of
 * statements, a published document, scoring); copying a folder a fraction of that.
 *
 * The demo is dated from the day it is loaded (deadlines, the monitoring round, the audit trail), so a template is
 * good for that day only; and it is what the code made it, so it is keyed by a hash of the sources that load it
 * (core, documents, server and the migrations) as well: a changed rule or seed makes a new one. Kept beside the
 * migrated template (db/template.ts) as `demo-<its name>-<hash of the sources>-<UTC day>-<local day>/`, made in
 * a temporary folder and renamed into place (racing processes keep the first), older ones removed. When the sources
 * cannot be found (an installed bundle without them) no template is made and the demo is loaded as before.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../db/open.ts";
import { copyFolder, ensureFolder, hashTree, templateCacheDir, templatePath } from "../db/template.ts";
import { type DemoAccount, loadDemo } from "./seed.ts";

const PACKAGES = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** What the demo is made of besides the migrations (the migrated template's key): a change makes a new template. */
const SOURCES = ["core/src", "documents/src", "server/src"].map((p) => join(PACKAGES, p));

/** Once per process: the code a running process loaded does not change under it. */
let sources: string | null | undefined;
const sourcesHash = () => {
  if (sources === undefined) sources = SOURCES.every((p) => existsSync(p)) ? hashTree(SOURCES, PACKAGES) : null;
  return sources ?? undefined;
};

const pad = (n: number) => String(n).padStart(2, "0");
/** The days the demo's dates depend on: UTC and the machine's own (they differ for part of every day). */
function dayKey(now: Date): string {
  const local = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  return `${now.toISOString().slice(0, 10).replaceAll("-", "")}-${local}`;
}

/** The demo template's folder for this moment (it may not exist yet); undefined when the sources are not there. */
export function demoTemplatePath(now: Date): string | undefined {
  const hash = sourcesHash();
  // the migrated template's name (PGlite version, migrations) and the sources' hash
  return hash && join(templateCacheDir(), `demo-${basename(templatePath())}-${hash}-${dayKey(now)}`);
}

const ACCOUNTS = "accounts.json";
const isWhole = (path: string) => existsSync(join(path, "pglite", "PG_VERSION")) && existsSync(join(path, ACCOUNTS));

/** Make the demo template for `now` when it is missing; its folder, or undefined when none can be made here. */
export async function ensureDemoTemplate(now: Date): Promise<string | undefined> {
  const path = demoTemplatePath(now);
  if (!path) return undefined;
  return ensureFolder(
    path,
    isWhole,
    async (dir) => {
      const handle = await openDatabase({ dataDir: dir });
      let accounts: DemoAccount[];
      try {
        accounts = await loadDemo(handle.db, now);
      } finally {
        await handle.close();
      }
      rmSync(join(dir, "jixiao.lock"), { force: true });
      writeFileSync(join(dir, ACCOUNTS), JSON.stringify(accounts));
    },
    // templates of other days or sources
    (name) => /^demo-.+-\d{8}-\d{8}$/.test(name),
  );
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
    await copyFolder(join(template, "pglite"), pgliteDir);
    return accounts;
  } catch {
    rmSync(pgliteDir, { recursive: true, force: true });
    return undefined;
  }
}
