import { defineConfig } from "vitest/config";

// One run for every package. Server tests open databases (PGlite and PostgreSQL), so the pool is
// forks with a bounded worker count: these machines have two cores.
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "bench/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
