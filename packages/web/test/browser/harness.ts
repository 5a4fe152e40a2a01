/**
 * The real-browser test harness: builds the web app once (when the build is older than its sources), starts
 * the server in-process on a free port with a temporary data folder and the demo data, and drives Debian's
 * chromium through playwright-core at 1366×768. Screenshots go to `.tmp/screenshots`; the main ones are
 * copied to `docs/screenshots/` (committed).
 *
 * When packages/server cannot be started, the harness serves the build with a stand-in (static-server.ts) and
 * says so (`harness.server === "stand-in"`).
 */
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { withFolderLock } from "../../../../test/support/folder-lock.ts";
import { startStaticServer } from "./static-server.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const WEB_DIR = resolve(here, "../..");
export const REPO_DIR = resolve(WEB_DIR, "../..");
export const DIST_DIR = join(WEB_DIR, "dist");
export const SHOTS_DIR = join(REPO_DIR, ".tmp/screenshots");
export const DOCS_SHOTS_DIR = join(REPO_DIR, "docs/screenshots");

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
export const VIEWPORT = { width: 1366, height: 768 };

/**
 * How long any Playwright wait of the browser tests may take (actions, locators, navigations, downloads): one
 * default for every page, set on its context, instead of limits of 15–120 s per call that a loaded machine broke (a
 * download took over 30 s at load 22). The waits are on conditions; this only ends a wait that would never end,
 * inside vitest's hang guard (vitest.config.ts), which also sets expect.poll's default to the same.
 * The short limits left in the page models are probes that then act (click again, press Escape).
 */
export const WAIT = 300_000;

/**
 * The pages ask for less motion (prefers-reduced-motion), and the app turns antd's animations off for it
 * (packages/web/src/lib/reducedMotion.ts): an open page that waits draws no frames, and an action never waits for a
 * dialog or menu to finish sliding. JIXIAO_WEB_MOTION=1 runs the tests with the animations.
 */
export const REDUCED_MOTION = process.env.JIXIAO_WEB_MOTION === "1" ? "no-preference" : "reduce";

async function newestMtime(path: string): Promise<number> {
  const st = await stat(path).catch(() => undefined);
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, name)));
  return newest;
}

/**
 * Builds packages/web into dist when dist is missing or older than the sources (and core, which it bundles).
 * Test files run in parallel workers: one builds at a time (a lock folder, test/support/folder-lock.ts), and the
 * others then find dist fresh.
 */
export async function ensureBuilt(force = false): Promise<{ built: boolean; ms: number }> {
  const t0 = performance.now();
  const stale = async () => {
    const built = (await stat(join(DIST_DIR, "index.html")).catch(() => undefined))?.mtimeMs ?? 0;
    const sources = Math.max(
      await newestMtime(join(WEB_DIR, "src")),
      await newestMtime(join(WEB_DIR, "index.html")),
      await newestMtime(join(WEB_DIR, "vite.config.ts")),
      await newestMtime(join(REPO_DIR, "packages/core/src")),
    );
    return built <= sources;
  };
  if (!force && !(await stale())) return { built: false, ms: performance.now() - t0 };
  return withFolderLock(join(WEB_DIR, ".build-lock"), async () => {
    if (!force && !(await stale())) return { built: false, ms: performance.now() - t0 };
    const { build } = await import("vite");
    // Vitest sets NODE_ENV=test, and Vite keeps a NODE_ENV it finds: React and antd would then be built in their
    // development form, and the tests (and an `npm start` after them, which finds dist fresh) would use a build
    // that is not the one that ships. Build the production form, as scripts/build-web.mjs does.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({ root: WEB_DIR, configFile: join(WEB_DIR, "vite.config.ts"), logLevel: "warn", mode: "production" });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    return { built: true, ms: performance.now() - t0 };
  });
}

export interface RunningServer {
  url: string;
  kind: "real" | "stand-in";
  /** Demo accounts to sign in with, by role. */
  accounts: Record<string, { username: string; password: string }>;
  close(): Promise<void>;
}

/** What the harness uses of packages/server: `startServer` (packages/server/src/server.ts). */
interface ServerModule {
  startServer?: (opts: {
    port: number;
    host?: string;
    dataDir: string;
    demo?: boolean;
    webDist?: string;
    logError?: (e: unknown) => void;
  }) => Promise<{
    url: string;
    close(): Promise<void>;
    created?: { kind: string; accounts: { username: string; role: string; password: string }[] } | undefined;
  }>;
}

async function loadServerModule(): Promise<ServerModule | undefined> {
  // The package's index once it exists; until then the server's own start module, by path.
  const candidates = ["@jixiao/server", resolve(REPO_DIR, "packages/server/src/server.ts")];
  for (const spec of candidates) {
    try {
      const mod = (await import(spec)) as ServerModule;
      if (typeof mod.startServer === "function") return mod;
    } catch {
      // not there yet
    }
  }
  return undefined;
}

/**
 * Copies dist to `to`, again while a build elsewhere is replacing it (the copy is whole when index.html and every
 * asset it names are there).
 */
async function privateCopyOfBuild(to: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    await rm(to, { recursive: true, force: true });
    try {
      await cp(DIST_DIR, to, { recursive: true });
      const html = await readFile(join(to, "index.html"), "utf8");
      const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
      if (
        (
          await Promise.all(
            assets.map((a) =>
              stat(join(to, a)).then(
                () => true,
                () => false,
              ),
            ),
          )
        ).every(Boolean)
      )
        return to;
    } catch (e) {
      if (attempt >= 20) throw e;
    }
    if (attempt >= 20) throw new Error(`dist is not whole after ${attempt} copies`);
    await ensureBuilt();
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Starts the real server in-process (temporary PGlite folder, demo data, the built web app at /) when it can
 * be started; otherwise the stand-in over the build. `JIXIAO_WEB_STANDIN=1` forces the stand-in.
 */
export async function startServer(): Promise<RunningServer> {
  const mod = process.env.JIXIAO_WEB_STANDIN === "1" ? undefined : await loadServerModule();
  if (mod?.startServer) {
    const dataDir = await mkdtemp(join(tmpdir(), "jixiao-web-"));
    try {
      // The server serves a private copy of the build: another test run rebuilding dist meanwhile (the work tree
      // is shared) must not take the files away from under this run's pages.
      const webDist = await privateCopyOfBuild(join(dataDir, "web"));
      const s = await mod.startServer({
        port: 0,
        host: "127.0.0.1",
        dataDir: join(dataDir, "data"),
        demo: true,
        webDist,
        logError: (e) => console.error("[server]", e),
      });
      const accounts: RunningServer["accounts"] = {};
      for (const a of s.created?.accounts ?? []) accounts[a.role] ??= { username: a.username, password: a.password };
      return {
        url: s.url,
        kind: "real",
        accounts,
        close: async () => {
          await s.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      await rm(dataDir, { recursive: true, force: true });
      throw e;
    }
  }
  const stand = await startStaticServer(DIST_DIR);
  return {
    url: stand.url,
    kind: "stand-in",
    accounts: {
      filler: { username: "filler", password: "Demo-2024!" },
      unit_approver: { username: "approver", password: "Demo-2024!" },
      reviewer: { username: "reviewer", password: "Demo-2024!" },
      viewer: { username: "viewer", password: "Demo-2024!" },
    },
    close: stand.close,
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

let shared: Promise<Browser> | undefined;

/**
 * One chromium per test worker, shared by the browser files the worker runs one after the other: the browser
 * project does not isolate its files (vitest.config.ts), so this module and its browser outlive a file. Each file
 * still has its own server and its own contexts (cookies, storage), closed when the file ends; the browser is
 * closed by playwright when the worker exits, and launched again if it went away.
 */
export function sharedBrowser(): Promise<Browser> {
  if (!shared) {
    const launching = launchBrowser();
    shared = launching;
    launching.then(
      (b) =>
        b.on("disconnected", () => {
          if (shared === launching) shared = undefined;
        }),
      () => {
        if (shared === launching) shared = undefined;
      },
    );
  }
  return shared;
}

export interface Harness {
  url: string;
  server: RunningServer["kind"];
  accounts: RunningServer["accounts"];
  /** The worker's chromium, shared with the other browser files it runs: open contexts, never close it. */
  browser: Browser;
  /** A fresh context (own cookies and storage) and page at 1366×768, zh-CN. */
  newPage(): Promise<Page>;
  /** Saves `.tmp/screenshots/<name>.png`; with `publish` and JIXIAO_PUBLISH_SCREENSHOTS=1, also `docs/screenshots/`. */
  screenshot(page: Page, name: string, opts?: { publish?: boolean; fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  await ensureBuilt();
  const server = await startServer();
  const browser = await sharedBrowser();
  const contexts: BrowserContext[] = [];
  await mkdir(SHOTS_DIR, { recursive: true });
  return {
    url: server.url,
    server: server.kind,
    accounts: server.accounts,
    browser,
    async newPage() {
      // Less motion (the app then turns antd's animations off, lib/reducedMotion.ts): see REDUCED_MOTION.
      const ctx = await browser.newContext({
        viewport: VIEWPORT,
        locale: "zh-CN",
        baseURL: server.url,
        reducedMotion: REDUCED_MOTION,
      });
      ctx.setDefaultTimeout(WAIT);
      contexts.push(ctx);
      return ctx.newPage();
    },
    async screenshot(page, name, opts = {}) {
      const file = join(SHOTS_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
      // Committed screenshots are refreshed on purpose only (JIXIAO_PUBLISH_SCREENSHOTS=1), so a test run
      // leaves the work tree clean.
      if (opts.publish && process.env.JIXIAO_PUBLISH_SCREENSHOTS === "1") {
        await mkdir(DOCS_SHOTS_DIR, { recursive: true });
        await copyFile(file, join(DOCS_SHOTS_DIR, `${name}.png`));
      }
      return file;
    },
    async close() {
      // the file's contexts only: the browser is the worker's (sharedBrowser)
      for (const c of contexts) await c.close().catch(() => undefined);
      await server.close();
    },
  };
}

/** Page model: the sign-in form. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}
