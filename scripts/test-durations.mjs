#!/usr/bin/env node
/**
 * Writes test/durations.json from a run's JSON report (.tmp/vitest-report.json, which `npm test` writes): each test
 * file's wall time in seconds, keyed `<project>:<path>`. vitest.config.ts runs the longest files first from it (on a
 * fresh clone vitest has no timings of its own and orders by file size, which put the 385 s crash test last).
 * Rerun after a full run when files were added or their durations changed much:
 *   node scripts/test-durations.mjs [report.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const reportPath = process.argv[2] ?? join(root, ".tmp/vitest-report.json");
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const durations = {};
for (const f of report.testResults) {
  // The report's paths are absolute in the clone it ran in: keep the part from packages/ or bench/.
  const path = /(?:^|\/)((?:packages|bench)\/.*)$/.exec(f.name)?.[1] ?? relative(root, f.name);
  const project = path.includes("/test/browser/") ? "browser" : "node";
  durations[`${project}:${path}`] = Math.round((f.endTime - f.startTime) / 100) / 10;
}
const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(root, "test/durations.json"), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} files`);
