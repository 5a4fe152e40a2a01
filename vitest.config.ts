import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const BROWSER = "packages/web/test/browser/**/*.test.ts";

/**
 * The longest files first within each project (longest-processing-time scheduling on the two workers), from the
 * durations of a full run kept in test/durations.json (scripts/test-durations.mjs): on a fresh clone vitest has no
 * timings of its own and orders by file size, which left the 385 s crash test to run alone at the end. Files not in
 * the list run first (as vitest does with unknown ones); the projects keep vitest's order.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const path = new URL("test/durations.json", import.meta.url);
    if (!existsSync(path)) return sorted;
    const durations = JSON.parse(readFileSync(path, "utf8")) as Record<string, number>;
    const root = this.ctx.config.root;
    const seconds = (f: TestSpecification) =>
      durations[`${f.project.name}:${relative(root, f.moduleId)}`] ?? Number.POSITIVE_INFINITY;
    const projectAt = new Map<string, number>();
    for (const f of sorted) if (!projectAt.has(f.project.name)) projectAt.set(f.project.name, projectAt.size);
    return sorted
      .map((f, i) => ({ f, i, s: seconds(f), p: projectAt.get(f.project.name)! }))
      .sort((a, b) => a.p - b.p || b.s - a.s || a.i - b.i)
      .map((x) => x.f);
  }
}

// One run for every package. Server tests open databases (PGlite and PostgreSQL), so the pool is
// forks with a bounded worker count: these machines have two cores.
export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    // A safety net against a hang, not a speed check, and the only time limit of the tests and hooks (the files set
    // none of their own, except the concurrency, crash and authorisation runs' longer ones): at load 30 a browser
    // file's set-up (server, demo, chromium) took over 180 s, so any limit near the quiet durations fails under load.
    // one fast-check seed a run (FC_SEED to explore others): docs/decisions/0007-fixed-property-seed.md
    setupFiles: ["test/fast-check-seed.ts"],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["packages/*/test/**/*.test.ts", "bench/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [BROWSER, "**/node_modules/**"],
          // A worker keeps its imported modules (drizzle, hono, the server's routes, core, documents) from one test
          // file to the next instead of importing them again for each file: about 4 s of CPU per file. Each test
          // file is still evaluated afresh and opens its own database (support/stores.ts), and what the files
          // change in the process (environment variables) they restore.
          isolate: false,
        },
      },
      {
        extends: true,
        // Each browser test file starts its own server (a copy of the demo) and its own browser contexts; the worker
        // keeps its imported modules (the server's, playwright) and one chromium (harness.ts, sharedBrowser) from one
        // file to the next, as the node project keeps its modules: ~5 s of CPU per file less.
        // expect.poll waits on the page like Playwright's waits (harness.ts, WAIT): vitest's own default is 1 s.
        test: { name: "browser", include: [BROWSER], isolate: false, expect: { poll: { timeout: 300_000 } } },
      },
    ],
  },
});
