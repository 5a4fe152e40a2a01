/**
 * The tests that start `jixiao serve` as a process (crash, two-processes) start the server's build, as `npm start`
 * does, instead of the TypeScript sources through tsx: made once here (scripts/build-server.mjs, a no-op while it is
 * newer than its sources), it halves a start (measured in docs/performance.md, npm test). Test files run in parallel
 * workers and the build replaces packages/cli/dist: one builds at a time (a lock folder, test/support/folder-lock.ts),
 * the others then find it fresh. bin/jixiao.js still falls back to the sources if the build is stale, so a failed
 * build only costs time.
 */
import { resolve } from "node:path";
import { withFolderLock } from "../../../../test/support/folder-lock.ts";

const REPO = resolve(import.meta.dirname, "../../../..");

interface BuildServer {
  ensureServerBuilt(opts?: { force?: boolean }): Promise<boolean>;
}

export async function ensureServeBuilt(): Promise<void> {
  await withFolderLock(resolve(REPO, "packages/cli/.build-lock"), async () => {
    try {
      const script = resolve(REPO, "scripts/build-server.mjs");
      const { ensureServerBuilt } = (await import(script)) as BuildServer;
      await ensureServerBuilt();
    } catch (e) {
      console.warn("[serve-build] no server build, the processes run the sources:", e);
    }
  });
}
