#!/usr/bin/env node
// Run by `npm start` (prestart) and `npm run build`: everything a start needs that is made once, each a no-op when
// up to date — the web app (build-web.mjs), the server built to JavaScript (build-server.mjs) and the migrated
// PGlite template that a new data folder is copied from (packages/server/src/db/template.ts). The web build and
// the template are made side by side. `--force` rebuilds the web app and the server.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureServerBuilt, SERVER_DIST } from "./build-server.mjs";
import { ensureWebBuilt } from "./build-web.mjs";

const force = process.argv.includes("--force");
const t0 = Date.now();
const ms = () => `${Date.now() - t0} ms`;

/** The template's folder when it is already made (read through the server build, in this process), else undefined. */
async function madeTemplate() {
  try {
    const { templatePath } = await import(pathToFileURL(join(SERVER_DIST, "template.js")).href);
    const path = templatePath();
    return existsSync(join(path, "PG_VERSION")) ? path : undefined;
  } catch {
    return undefined;
  }
}

async function makeTemplate() {
  if (serverReady) {
    const made = await madeTemplate();
    if (made) return made;
  }
  const built = join(SERVER_DIST, "template-main.js");
  const args = existsSync(built)
    ? [built]
    : ["--import", "tsx", fileURLToPath(new URL("../packages/server/src/db/template-main.ts", import.meta.url))];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.on("error", () => resolve(undefined));
    child.on("exit", (code) => resolve(code === 0 ? out.trim() : undefined));
  });
}

console.log("jixiao: 准备启动 / preparing the start (web app, server build, database template)…");
let serverBuilt = false;
let serverReady = false;
try {
  serverBuilt = await ensureServerBuilt({ force });
  serverReady = true;
} catch (e) {
  // Not fatal: bin/jixiao.js then runs the sources through tsx.
  console.log(`jixiao: 服务构建失败，改用源码运行 / server build failed, running from the sources: ${e?.message ?? e}`);
}
const [template, webBuilt] = await Promise.all([makeTemplate(), ensureWebBuilt({ force })]);
console.log(
  [
    serverBuilt ? "server built" : "server up to date",
    webBuilt ? "web app built" : "web app up to date",
    template ? "database template ready" : "no database template (the server runs initdb itself)",
  ].join(" · ") + ` (${ms()})`,
);
