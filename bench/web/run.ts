/**
 * bench/web: the size of the web app's initial JS (gzip) as built, and the time to interactive of the
 * dashboard in the same headless chromium the browser tests use (1366×768).
 *
 *   node_modules/.bin/tsx bench/web/run.ts [--runs 5] [--rebuild]
 *
 * Initial JS = the entry script and every chunk index.html preloads (what the first screen must fetch).
 * Time to interactive = from navigation start until the dashboard's charts are drawn and the main thread has
 * had no long task (> 50 ms) for 500 ms, taken as the end of the last long task (or the charts, if later).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  DIST_DIR,
  ensureBuilt,
  launchBrowser,
  signIn,
  startServer,
  VIEWPORT,
} from "../../packages/web/test/browser/harness.ts";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 5;
const rebuild = args.includes("--rebuild");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function bundleSizes(): Promise<{
  initial: { file: string; raw: number; gzip: number }[];
  all: { file: string; raw: number; gzip: number }[];
}> {
  const html = await readFile(join(DIST_DIR, "index.html"), "utf8");
  const initialFiles = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)) initialFiles.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)) initialFiles.add(m[1]!);
  const { readdir } = await import("node:fs/promises");
  const all: { file: string; raw: number; gzip: number }[] = [];
  for (const name of await readdir(join(DIST_DIR, "assets"))) {
    if (!name.endsWith(".js") && !name.endsWith(".css")) continue;
    const body = await readFile(join(DIST_DIR, "assets", name));
    all.push({ file: `assets/${name}`, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  all.sort((a, b) => b.gzip - a.gzip);
  return { initial: all.filter((f) => initialFiles.has(f.file)), all };
}

/** In the page: records long tasks from the start, and resolves TTI once the charts are drawn and it is quiet. */
const TTI_SCRIPT = `
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.startTime + e.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch {}
`;

async function measureTti(): Promise<{ cold: number[]; warm: number[]; server: string }> {
  const server = await startServer();
  const browser = await launchBrowser();
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    const acct = server.accounts.filler ?? Object.values(server.accounts)[0];
    if (!acct) throw new Error("no demo account to sign in with");
    for (let i = 0; i < runs + 1; i++) {
      const ctx = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN", baseURL: server.url });
      await ctx.addInitScript(TTI_SCRIPT);
      const page = await ctx.newPage();
      await signIn(page, acct.username, acct.password);
      // Fresh cache for the cold load: a new context has none; the sign-in above only fetched the shell,
      // so clear it through CDP to measure a first visit of the dashboard.
      const cdp = await ctx.newCDPSession(page);
      await cdp.send("Network.clearBrowserCache");
      const measure = async () => {
        await page.goto("/", { waitUntil: "commit" });
        await page.locator('[data-testid="chart-execution"] canvas').waitFor({ timeout: 60_000 });
        await page.locator('[data-testid="chart-grades"] canvas').waitFor({ timeout: 60_000 });
        const chartsAt = await page.evaluate(() => performance.now());
        // quiet window: no long task for 500 ms
        for (;;) {
          await page.waitForTimeout(500);
          const last = await page.evaluate(() =>
            Math.max(0, ...((window as unknown as { __longTasks: number[] }).__longTasks ?? [])),
          );
          const now = await page.evaluate(() => performance.now());
          if (now - last >= 500) return Math.max(chartsAt, last);
        }
      };
      const c = await measure();
      const w = await measure(); // same context: HTTP cache warm
      if (i > 0) {
        // the first round warms chromium and the server; not counted
        cold.push(c);
        warm.push(w);
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { cold, warm, server: server.kind };
}

const build = await ensureBuilt(rebuild);
const sizes = await bundleSizes();
const initialGzip = sizes.initial.reduce((s, f) => s + f.gzip, 0);
const initialRaw = sizes.initial.reduce((s, f) => s + f.raw, 0);
const allGzip = sizes.all.reduce((s, f) => s + f.gzip, 0);

console.log(
  `bench/web — ${new Date().toISOString()}${build.built ? ` (built in ${(build.ms / 1000).toFixed(1)} s)` : ""}`,
);
console.log("");
console.log("Initial JS (entry + preloaded chunks):");
for (const f of sizes.initial)
  console.log(`  ${f.file.padEnd(44)} ${kb(f.raw).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}`);
console.log(`  ${"total".padEnd(44)} ${kb(initialRaw).padStart(10)}  gzip ${kb(initialGzip).padStart(9)}`);
console.log(
  `All JS/CSS: gzip ${kb(allGzip)} in ${sizes.all.length} files; initial is ${((initialGzip / allGzip) * 100).toFixed(0)}% of it`,
);
console.log("Largest lazy chunks:");
for (const f of sizes.all.filter((x) => !sizes.initial.includes(x)).slice(0, 4)) {
  console.log(`  ${f.file.padEnd(44)} gzip ${kb(f.gzip).padStart(9)}`);
}

const tti = await measureTti();
console.log("");
console.log(`Dashboard time to interactive, headless chromium 1366×768, ${runs} runs (server: ${tti.server}):`);
console.log(
  `  cold cache: median ${median(tti.cold).toFixed(0)} ms  (runs: ${tti.cold.map((x) => x.toFixed(0)).join(", ")})`,
);
console.log(
  `  warm cache: median ${median(tti.warm).toFixed(0)} ms  (runs: ${tti.warm.map((x) => x.toFixed(0)).join(", ")})`,
);
console.log("");
console.log(
  JSON.stringify({
    initialJsGzipBytes: initialGzip,
    initialJsBytes: initialRaw,
    allAssetsGzipBytes: allGzip,
    dashboardTtiColdMs: Math.round(median(tti.cold)),
    dashboardTtiWarmMs: Math.round(median(tti.warm)),
    server: tti.server,
  }),
);
