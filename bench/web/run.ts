/**
 * bench/web: the size of the web app's initial JS (gzip) as built, and the time to interactive of the
 * dashboard in the same headless chromium the browser tests use (1366×768).
 *
 *   node_modules/.bin/tsx bench/web/run.ts [--runs 5] [--rebuild]
 *
 * Initial JS = the entry script and every chunk index.html preloads (what the first screen must fetch).
 * Time to interactive = from navigation start until the dashboard's charts are drawn and the main thread has
 * had no long task (> 50 ms) for 500 ms, taken as the end of the last long task (or the charts, if later).
 * The same for a project page with 1,000 indicators (created through the API before measuring): until its
 * indicator grid shows its first rows and the page is quiet.
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
  // tsx keeps function names through a __name helper, which functions passed to page.evaluate carry along.
  window.__name = window.__name || ((f) => f);
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.startTime + e.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch {}
`;

/** Creates a project with `n` level-3 indicators (under 4 level-1 and 10 level-2) through the API, as the page's user. */
async function createBigProject(page: import("playwright-core").Page, n: number): Promise<string> {
  return page.evaluate(async (count) => {
    const session = await (await fetch("/api/v1/auth/session")).json();
    const headers = { "Content-Type": "application/json", "X-CSRF-Token": session.csrfToken };
    const post = async (path: string, body: unknown) => {
      const r = await fetch(`/api/v1${path}`, { method: "POST", headers, body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const orgs = (await (await fetch("/api/v1/orgs")).json()).items;
    const project = await post("/projects", { orgId: orgs[0].id, year: 2024, name: `bench: ${count} 个指标` });
    const tree: [string, string[]][] = [
      ["产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
      ["效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]],
      ["满意度指标", ["服务对象满意度指标"]],
      ["成本指标", ["经济成本指标"]],
    ];
    const parents: string[] = [];
    let order = 0;
    for (const [l1, l2s] of tree) {
      const a = await post(`/projects/${project.id}/indicators`, { level: 1, name: l1, sortOrder: order++ });
      for (const l2 of l2s) {
        const b = await post(`/projects/${project.id}/indicators`, {
          level: 2,
          parentId: a.id,
          name: l2,
          sortOrder: order++,
        });
        parents.push(b.id);
      }
    }
    const targets = ["≥100人", "≤500元/人/天", "2024年12月31日前", "每月1次", "符合相关规定", "≥95%", "50%-70%"];
    for (let i = 0; i < count; i++) {
      await post(`/projects/${project.id}/indicators`, {
        level: 3,
        parentId: parents[i % parents.length],
        name: `指标${i + 1}`,
        targetText: targets[i % targets.length],
        weight: "1",
        sortOrder: order++,
      });
    }
    return project.id as string;
  }, n);
}

/** From navigation start until `ready` and then no long task for 500 ms (see the header). */
async function timeToInteractive(
  page: import("playwright-core").Page,
  url: string,
  ready: () => Promise<void>,
): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  await ready();
  const readyAt = await page.evaluate(() => performance.now());
  for (;;) {
    await page.waitForTimeout(500);
    const last = await page.evaluate(() =>
      Math.max(0, ...((window as unknown as { __longTasks: number[] }).__longTasks ?? [])),
    );
    const now = await page.evaluate(() => performance.now());
    if (now - last >= 500) return Math.max(readyAt, last);
  }
}

async function measureTti(): Promise<{
  cold: number[];
  warm: number[];
  gridCold: number[];
  gridWarm: number[];
  server: string;
}> {
  const server = await startServer();
  const browser = await launchBrowser();
  const cold: number[] = [];
  const warm: number[] = [];
  const gridCold: number[] = [];
  const gridWarm: number[] = [];
  let bigProject: string | undefined;
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
      // The dashboard is ready when its execution chart is drawn (or says there are no figures) and the grade
      // chart is drawn.
      const dashboard = async () => {
        await page
          .locator('[data-testid="chart-execution"] canvas, [data-testid="no-execution"]')
          .first()
          .waitFor({ timeout: 60_000 });
        await page.locator('[data-testid="chart-grades"] canvas').waitFor({ timeout: 60_000 });
      };
      const c = await timeToInteractive(page, "/", dashboard);
      const w = await timeToInteractive(page, "/", dashboard); // same context: HTTP cache warm
      bigProject ??= await createBigProject(page, 1000);
      await cdp.send("Network.clearBrowserCache");
      const grid = async () => {
        await page.locator('[data-testid="grid-row-0"]').waitFor({ timeout: 60_000 });
      };
      const gc = await timeToInteractive(page, `/projects/${bigProject}`, grid);
      const gw = await timeToInteractive(page, `/projects/${bigProject}`, grid);
      if (i > 0) {
        // the first round warms chromium and the server; not counted
        cold.push(c);
        warm.push(w);
        gridCold.push(gc);
        gridWarm.push(gw);
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { cold, warm, gridCold, gridWarm, server: server.kind };
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
console.log(`Project page with a 1,000-indicator grid, time to interactive (${runs} runs):`);
console.log(
  `  cold cache: median ${median(tti.gridCold).toFixed(0)} ms  (runs: ${tti.gridCold.map((x) => x.toFixed(0)).join(", ")})`,
);
console.log(
  `  warm cache: median ${median(tti.gridWarm).toFixed(0)} ms  (runs: ${tti.gridWarm.map((x) => x.toFixed(0)).join(", ")})`,
);
console.log("");
console.log(
  JSON.stringify({
    initialJsGzipBytes: initialGzip,
    initialJsBytes: initialRaw,
    allAssetsGzipBytes: allGzip,
    dashboardTtiColdMs: Math.round(median(tti.cold)),
    dashboardTtiWarmMs: Math.round(median(tti.warm)),
    grid1000TtiColdMs: Math.round(median(tti.gridCold)),
    grid1000TtiWarmMs: Math.round(median(tti.gridWarm)),
    server: tti.server,
  }),
);
