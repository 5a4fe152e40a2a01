// Starts the writer pool's worker from the TypeScript sources (tests, `tsx`, `jixiao` without a build). A process
// started by tsx passes its loader to its workers; one that registered tsx in its own thread (bin/jixiao.js) or runs
// under vitest does not, so the worker registers tsx itself when the .ts file cannot be loaded as it is.
// The built server (scripts/build-server.mjs) starts dist/render-worker.js instead: no tsx there.
try {
  await import("./render-worker.ts");
} catch (e) {
  if (e?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw e;
  const { register } = await import("tsx/esm/api");
  register();
  // A new specifier: the failed load above stays in the module map.
  await import("./render-worker.ts?tsx");
}
