/**
 * `JIXIAO_START_TRACE=1`: each step of the start written to stderr with the time since the process began and the
 * CPU it has used so far (issue 14: where the first start's seconds go; bench/start prints them with `--trace`).
 */
import { performance } from "node:perf_hooks";

const on = process.env.JIXIAO_START_TRACE === "1";

export function traceStart(step: string): void {
  if (!on) return;
  const cpu = process.cpuUsage();
  const wall = performance.now().toFixed(0).padStart(6);
  const used = ((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6);
  process.stderr.write(`[start] ${wall} ms wall ${used} ms CPU  ${step}\n`);
}
