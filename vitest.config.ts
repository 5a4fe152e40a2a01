import { defineConfig } from "vitest/config";

const BROWSER = "packages/web/test/browser/**/*.test.ts";

// One run for every package. Server tests open databases (PGlite and PostgreSQL), so the pool is
// forks with a bounded worker count: these machines have two cores.
export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    // A safety net against a hang, not a speed check, and the only time limit of the tests and hooks (the files set
    // none of their own, except the concurrency, crash and authorisation runs' longer ones): at load 30 a browser
    // file's set-up (server, demo, chromium) took over 180 s, so any limit near the quiet durations fails under load.
    testTimeout: 900_000,
    hookTimeout: 900_000,
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
