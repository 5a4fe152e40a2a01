#!/usr/bin/env node
// Builds the jixiao command with the server into packages/cli/dist (esbuild, one ES module per command) when it is
// missing or older than its sources, so that `jixiao serve` (`npm start`) loads plain JavaScript instead of
// compiling the TypeScript through tsx at each start (issue 14). packages/cli/bin/jixiao.js uses the build only
// while it is newer than every source file; otherwise it runs the sources through tsx as before.
// The workspace packages (@jixiao/*) and the pure-JavaScript dependencies are bundled; those in OUTSIDE stay in
// node_modules (native, files beside themselves, or loaded only when used).
import { readFileSync, rmSync, utimesSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { newest } from "./build-web.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_DIST = join(repo, "packages/cli/dist");
/** What the build is made of: bin/jixiao.js compares these with the build's time in the same way. */
export const SERVER_SOURCES = ["core", "documents", "server", "cli"].flatMap((p) => [
  join(repo, "packages", p, "src"),
  join(repo, "packages", p, "package.json"),
]);

/** Dependencies left outside the bundle (native, files beside themselves, loaded lazily, or build tools). */
const OUTSIDE = [
  "@electric-sql/pglite", // pglite.wasm and pglite.data beside it
  "@node-rs/argon2", // native
  "exceljs", // loaded on the first xlsx written (CommonJS, large)
  "pdfmake", // required on the first PDF drawn, with its fonts
  "pg",
  "pg-boss", // PostgreSQL only, loaded when used
  "tsx",
  "esbuild",
  "vite",
];

export async function ensureServerBuilt({ force = false } = {}) {
  const built = newest(join(SERVER_DIST, "main.js"));
  // This script counts too: a changed build (its entries, what it bundles) is made again.
  const made = [...SERVER_SOURCES, fileURLToPath(import.meta.url)];
  if (!force && built > Math.max(...made.map(newest))) return false;
  const { build } = await import("esbuild");
  const started = new Date();
  rmSync(SERVER_DIST, { recursive: true, force: true });
  await build({
    entryPoints: {
      main: join(repo, "packages/cli/src/main.ts"),
      "template-main": join(repo, "packages/server/src/db/template-main.ts"),
      // Where the template is, for the prestart's check that it is there (no process started for that).
      template: join(repo, "packages/server/src/db/template.ts"),
      // The document writers' worker thread (packages/documents/src/write/pool.ts starts it from beside itself).
      "render-worker": join(repo, "packages/documents/src/write/render-worker.ts"),
    },
    outdir: SERVER_DIST,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    // CommonJS dependencies in the bundle (busboy…) call require() for Node's own modules.
    banner: {
      js: 'import { createRequire as __jixiaoRequire } from "node:module"; const require = __jixiaoRequire(import.meta.url);',
    },
    plugins: [
      {
        name: "jixiao",
        setup(b) {
          // @jixiao/* (TypeScript sources) and the pure-JavaScript dependencies are bundled: loading hundreds of
          // small modules (zod, hono, drizzle-orm…) one by one was most of the start's module loading (issue 14).
          // What finds files beside itself, is native or is loaded only when used stays in node_modules.
          b.onResolve({ filter: /^[^./]/ }, (a) =>
            OUTSIDE.some((p) => a.path === p || a.path.startsWith(`${p}/`)) ? { external: true } : undefined,
          );
          // import.meta.url keeps meaning the source file (migrations, the web app, fonts are found from it).
          b.onLoad({ filter: /\.tsx?$/ }, (a) => {
            let text = readFileSync(a.path, "utf8");
            if (text.includes("import.meta.url")) {
              const rel = relative(SERVER_DIST, a.path).split("\\").join("/");
              text = text.replaceAll("import.meta.url", `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
            }
            return { contents: text, loader: a.path.endsWith(".tsx") ? "tsx" : "ts" };
          });
        },
      },
    ],
  });
  // The build is as new as the sources it read: a file saved while it ran makes it stale.
  utimesSync(join(SERVER_DIST, "main.js"), started, started);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const built = await ensureServerBuilt({ force: process.argv.includes("--force") });
  console.log(
    built
      ? `jixiao: 服务已构建 / server built in ${Date.now() - t0} ms`
      : "jixiao: 服务已是最新 / server build up to date",
  );
}
