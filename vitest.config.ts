import { defineConfig } from "vitest/config";

const BROWSER = "packages/web/test/browser/**/*.test.ts";

// One run for every package. Server tests open databases (PGlite and PostgreSQL), so the pool is
// forks with a bounded worker count: these machines have two cores.
export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    // a safety net against a hang, not a speed check: browser journeys on a loaded 2-core machine take minutes
    testTimeout: 180_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["packages/*/test/**/*.test.ts", "bench/**/*.test.ts"],
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
        // Each browser test file starts its own server and chromium: a fresh process per file, as before.
        test: { name: "browser", include: [BROWSER] },
      },
    ],
  },
});
