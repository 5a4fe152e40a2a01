/**
 * bench/pdf-stop: how soon a hung pdftotext is stopped, moved from packages/documents/test/read/pdf.test.ts (the test
 * checks that it is killed and the reader answers with its error; the time is measured here). A stand-in pdftotext
 * that reads its input then sleeps, stopped by the reader's timeout (300 ms here), against the floor: that timeout
 * (its clock starts with the process, so the start is inside it). Beside it, a whole run of a stand-in that reads its
 * input and ends at once: what a start and end cost. Best of five, interleaved. Prints figures and the ratio; asserts
 * nothing.
 *
 *   npx tsx bench/pdf-stop/run.ts
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pdfToLayoutText } from "../../packages/documents/src/read/pdf.ts";

const TIMEOUT_MS = 300;
const ROUNDS = 5;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn().catch(() => undefined);
  return performance.now() - t0;
}

const dir = mkdtempSync(join(tmpdir(), "jixiao-pdf-stop-"));
try {
  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\ncat >/dev/null\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  const hang = script("hang.sh", "exec sleep 30");
  const quick = script("quick.sh", "exit 0");
  const input = new TextEncoder().encode("%PDF-1.4\n");
  let stopped = Number.POSITIVE_INFINITY;
  let start = Number.POSITIVE_INFINITY;
  for (let k = 0; k < ROUNDS; k++) {
    stopped = Math.min(
      stopped,
      await timed(() => pdfToLayoutText(input, "h.pdf", { command: hang, timeoutMs: TIMEOUT_MS })),
    );
    start = Math.min(start, await timed(() => pdfToLayoutText(input, "q.pdf", { command: quick })));
  }
  console.log(
    `hung pdftotext stopped after ${stopped.toFixed(1)} ms; floor: its timeout, ${TIMEOUT_MS} ms — ${(stopped / TIMEOUT_MS).toFixed(2)}× (a quick one's whole run: ${start.toFixed(1)} ms)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
