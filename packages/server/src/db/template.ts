/**
 * A migrated PGlite data folder made once and copied into every new embedded data folder (issue 14: first start).
 * PGlite's initdb and the migrations take 10–30 s; copying the folder takes a fraction of a second. The template is
 * kept in `node_modules/.cache/jixiao/pglite-<PGlite version>-<hash of the migrations>/`, so a new migration or a
 * PGlite upgrade makes a new one (older ones are removed). It is made in a temporary folder and renamed into place,
 * so processes racing to make it never see half of one. `npm start` makes it before the server starts
 * (scripts/prepare-start.mjs, through template-main.ts); the server makes it on the spot when it is missing.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { copyFile, mkdir, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");
const REPO = resolve(MIGRATIONS, "../../..");

/** Where templates are kept (JIXIAO_CACHE_DIR overrides). */
export function templateCacheDir(): string {
  return process.env.JIXIAO_CACHE_DIR || join(REPO, "node_modules/.cache/jixiao");
}

function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  for (let i = 0; i < 4; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "@electric-sql/pglite") return pkg.version ?? "unknown";
    }
    dir = dirname(dir);
  }
  return "unknown";
}

/** A short hash of the files under `roots` (names relative to `base`, and contents), in a stable order. */
export function hashTree(roots: readonly string[], base: string): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p.slice(base.length)).update(readFileSync(p));
    }
  };
  for (const r of roots) walk(r);
  return h.digest("hex").slice(0, 12);
}

/** Once per process: the migrations a running process applies do not change under it. */
let migrations: string | undefined;
const migrationsHash = () => {
  migrations ??= hashTree([MIGRATIONS], MIGRATIONS);
  return migrations;
};

/** The template folder for the present PGlite and migrations (it may not exist yet). */
export function templatePath(): string {
  return join(templateCacheDir(), `pglite-${pgliteVersion()}-${migrationsHash()}`);
}

/**
 * A prepared folder made once: `build` fills a temporary folder beside `path`, which is then renamed into place, so
 * processes racing to make it never see half of one (the first in place is kept); afterwards the folders of the
 * cache that `stale` names (other versions, not those being made by someone else) are removed.
 */
export async function ensureFolder(
  path: string,
  isWhole: (dir: string) => boolean,
  build: (dir: string) => Promise<void>,
  stale: (name: string) => boolean,
): Promise<string> {
  if (isWhole(path)) return path;
  const cache = dirname(path);
  mkdirSync(cache, { recursive: true });
  const building = `${path}.building-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await build(building);
    try {
      renameSync(building, path);
    } catch (e) {
      // Another process put its folder in place first: keep that one.
      if (!isWhole(path)) throw e;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  for (const name of readdirSync(cache)) {
    if (!name.includes(".building-") && join(cache, name) !== path && stale(name)) {
      rmSync(join(cache, name), { recursive: true, force: true });
    }
  }
  return path;
}

/** Make the template when it is missing; returns its folder. */
export async function ensurePgliteTemplate(): Promise<string> {
  return ensureFolder(
    templatePath(),
    (dir) => existsSync(join(dir, "PG_VERSION")),
    async (dir) => {
      // Loaded only to make the template: `npm start`'s check that it is there (template-main.ts) stays cheap.
      const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
        import("@electric-sql/pglite"),
        import("drizzle-orm/pglite"),
        import("drizzle-orm/pglite/migrator"),
      ]);
      const client = await PGlite.create({ dataDir: dir });
      try {
        await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
      } finally {
        await client.close();
      }
    },
    // templates of older migrations or PGlite versions
    (name) => /^pglite-.+-[0-9a-f]{12}$/.test(name),
  );
}

/**
 * Copy a folder (a template's ~1,200 files, 40 MB) with every file's copy started at once: libuv's threads copy
 * them side by side while the main thread goes on. `fs.cpSync` took 2–3× the wall time and more CPU (its checks
 * of every path) on the loaded 2-core machine (issue 14: first start).
 */
export async function copyFolder(from: string, to: string): Promise<void> {
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

/**
 * Fill an empty PGlite folder from the template (made first if missing). Returns false, leaving the folder as it
 * was, when it already holds a database or the template cannot be made (PGlite then runs initdb there itself).
 */
export async function seedFromTemplate(pgliteDir: string): Promise<boolean> {
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) return false;
  try {
    const template = await ensurePgliteTemplate();
    await copyFolder(template, pgliteDir);
    return true;
  } catch {
    rmSync(pgliteDir, { recursive: true, force: true });
    return false;
  }
}
