#!/usr/bin/env node
// Builds the web app (packages/web/dist) when it is missing or older than its sources, so that
// `npm ci && npm start` serves the UI on a fresh clone. Run by `npm start` (prestart); a no-op when up to date.
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(repo, "packages/web");

/** The newest modification time under a path (0 when it does not exist): a build is fresh when newer than this. */
export function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

export async function ensureWebBuilt({ force = false } = {}) {
  const built = newest(join(web, "dist/index.html"));
  const sources = Math.max(
    newest(join(web, "src")),
    newest(join(web, "index.html")),
    newest(join(web, "vite.config.ts")),
    newest(join(repo, "packages/core/src")),
  );
  if (!force && built > sources) return false;
  const { build } = await import("vite");
  // Always the production form of React and antd, whatever NODE_ENV the shell has (Vite keeps one it finds).
  process.env.NODE_ENV = "production";
  await build({ root: web, configFile: join(web, "vite.config.ts"), logLevel: "warn", mode: "production" });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  console.log("jixiao: 检查界面构建 / checking the web build…");
  const built = await ensureWebBuilt({ force: process.argv.includes("--force") });
  console.log(
    built ? `jixiao: 界面已构建 / web app built in ${Date.now() - t0} ms` : "jixiao: 界面已是最新 / web app up to date",
  );
}
