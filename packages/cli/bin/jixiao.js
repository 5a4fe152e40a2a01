#!/usr/bin/env node
// The jixiao command runs from the TypeScript sources through tsx: `npx jixiao` works right after `npm ci`.
// `jixiao serve` runs the build in ../dist instead (scripts/build-server.mjs, made by `npm start`'s prestart)
// while it is newer than every source file it was made from: no compiling at each start (issue 14).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

function newest(path) {
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

function freshBuild() {
  if (process.env.JIXIAO_FROM_SOURCES === "1") return undefined;
  const packages = fileURLToPath(new URL("../../", import.meta.url));
  const main = join(packages, "cli/dist/main.js");
  const built = newest(main);
  if (built === 0) return undefined;
  for (const p of ["core", "documents", "server", "cli"]) {
    if (newest(join(packages, p, "src")) >= built || newest(join(packages, p, "package.json")) >= built)
      return undefined;
  }
  return main;
}

const build = process.argv[2] === "serve" ? freshBuild() : undefined;
if (build) {
  await import(pathToFileURL(build).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
