import { defineConfig } from "vitest/config";

// One run for every package. Server tests open databases (PGlite and PostgreSQL), so the pool is
// forks with a bounded worker count: these machines have two cores.
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "bench/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    // a safety net against a hang, not a speed check: browser journeys on a loaded 2-core machine take minutes
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
