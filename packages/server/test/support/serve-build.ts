/**
 * The tests that start `jixiao serve` as a process (crash, two-processes) start the server's build, as `npm start`
 * does, instead of the TypeScript sources through tsx: made once here (scripts/build-server.mjs, a no-op while it is
 * newer than its sources), it halves a start (measured in docs/performance.md, npm test). Test files run in parallel
 * workers and the build replaces packages/cli/dist: one builds at a time (a lock folder), the others then find it
 * fresh. bin/jixiao.js still falls back to the sources if the build is stale, so a failed build only costs time.
 */
import { mkdir, rm, stat } from "node:fs/promises";
import { resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "../../../..");

interface BuildServer {
  ensureServerBuilt(opts?: { force?: boolean }): Promise<boolean>;
}

export async function ensureServeBuilt(): Promise<void> {
  const lock = resolve(REPO, "packages/cli/.build-lock");
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // another worker builds; a lock older than two minutes is left over from a killed run
      const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now());
      if (age > 120_000) await rm(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const script = resolve(REPO, "scripts/build-server.mjs");
    const { ensureServerBuilt } = (await import(script)) as BuildServer;
    await ensureServerBuilt();
  } catch (e) {
    console.warn("[serve-build] no server build, the processes run the sources:", e);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
