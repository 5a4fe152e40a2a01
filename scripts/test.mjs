#!/usr/bin/env node
// The README's test command: every test of every package, on PGlite and on PostgreSQL.
// PostgreSQL: TEST_DATABASE_URL if set; else 127.0.0.1:5432 (trust auth) if it answers;
// else a throwaway cluster started from the installed binaries and removed afterwards.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

function portAnswers(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1500 }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
    s.on("timeout", () => {
      s.destroy();
      resolve(false);
    });
  });
}

function findPgBin() {
  const roots = ["/usr/lib/postgresql"];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = join(root, v, "bin");
      if (existsSync(join(bin, "initdb"))) return bin;
    }
  }
  return undefined;
}

let throwaway;
async function ensurePostgres() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  if (await portAnswers("127.0.0.1", 5432)) return "postgres://postgres@127.0.0.1:5432/postgres";
  const bin = findPgBin();
  if (!bin) {
    console.error(
      "PostgreSQL: nothing answers on 127.0.0.1:5432 and no initdb is installed (apt-get install postgresql).",
    );
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), "jixiao-pg-"));
  const port = 54329;
  const asUser = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  if (asUser.length) execFileSync("chown", ["-R", "postgres", dir]);
  const run = (cmd, args) =>
    execFileSync(asUser[0] ?? cmd, asUser.length ? [...asUser.slice(1), cmd, ...args] : args, { stdio: "inherit" });
  run(join(bin, "initdb"), ["-D", join(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]);
  run(join(bin, "pg_ctl"), [
    "-D",
    join(dir, "data"),
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    "-l",
    join(dir, "log"),
    "-w",
    "start",
  ]);
  throwaway = { dir, bin, run };
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

// Tests that need chromium, LibreOffice or poppler skip themselves on a developer machine without them; in CI
// (.ci/run installs them) a missing tool is an error, so that nothing is skipped silently there.
if (process.env.CI) {
  const tools = ["/usr/bin/chromium", "pdftotext", "pdftoppm", "soffice"];
  const missing = tools.filter((t) => spawnSync("sh", ["-c", `command -v ${t}`]).status !== 0);
  if (missing.length) {
    console.error(`CI: missing tools (run .ci/run to install them): ${missing.join(", ")}`);
    process.exit(1);
  }
}

// The quick gates first: lint/format and the type check of every package (web included).
for (const [label, cmd, args] of [
  ["lint", join("node_modules", ".bin", "biome"), ["check", "."]],
  ["typecheck", "npm", ["run", "-s", "typecheck"]],
]) {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\n${label} failed`);
    console.log("Tests: 0 passed, 1 failed");
    process.exit(1);
  }
}

const url = await ensurePostgres();
mkdirSync(".tmp", { recursive: true });
const report = join(".tmp", "vitest-report.json");
const args = ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
const vitest = spawnSync(join("node_modules", ".bin", "vitest"), args, {
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE_URL: url },
});
if (throwaway) {
  try {
    throwaway.run(join(throwaway.bin, "pg_ctl"), ["-D", join(throwaway.dir, "data"), "-m", "fast", "stop"]);
  } catch {}
  rmSync(throwaway.dir, { recursive: true, force: true });
}
let code = vitest.status ?? 1;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  const passed = r.numPassedTests ?? 0;
  // A suite that fails in a hook fails no test of its own: count it, so the closing line never says 0 failed
  // for a failed run.
  const failed = (r.numFailedTests ?? 0) || (r.success === false ? Math.max(r.numFailedTestSuites ?? 0, 1) : 0);
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  if (passed === 0) code = code || 1;
}
process.exit(code);
