/**
 * bench/import/corpus: documents per second over the corpus (fixtures/corpus/, real documents of many provinces,
 * text as published), the whole import (layout → recognition → readers → coverage) and the layout stage alone,
 * against a floor: a bare loop that touches every character of every document once (splitting it into lines).
 *
 *   npx tsx bench/import/corpus.ts [rounds]
 *
 * Each figure is the best of `rounds` (default 5) passes over every document, after a warm-up pass; CPU time of
 * this process is printed beside the wall time. Asserts nothing.
 */

import { loadavg } from "node:os";
import { cpuUsage } from "node:process";
import { importDocument } from "../../packages/documents/src/import/index.ts";
import { recoverLayout } from "../../packages/documents/src/layout/index.ts";
import { readExtractedText } from "../../packages/documents/src/text/index.ts";
import { readCorpus } from "../../packages/documents/test/corpus/corpus.ts";

const rounds = Number(process.argv[2] ?? 5);
const docs = readCorpus().map(({ manifest, text }) => ({ file: manifest.file.split("/").pop()!, text }));
const chars = docs.reduce((n, d) => n + d.text.length, 0);

function best(run: () => number): { ms: number; cpuMs: number; check: number } {
  run();
  let out = { ms: Number.POSITIVE_INFINITY, cpuMs: 0, check: 0 };
  for (let i = 0; i < rounds; i++) {
    const c0 = cpuUsage();
    const t0 = performance.now();
    const check = run();
    const ms = performance.now() - t0;
    const c = cpuUsage(c0);
    if (ms < out.ms) out = { ms, cpuMs: (c.user + c.system) / 1000, check };
  }
  return out;
}

// The floor: every character seen once, as splitting into lines must.
const floor = best(() => docs.reduce((n, d) => n + d.text.split(/\r\n|\r|\n/).length, 0));
const layout = best(() => docs.reduce((n, d) => n + recoverLayout(d.text, d.file).document.blocks.length, 0));
const full = best(() =>
  docs.reduce((n, d) => n + importDocument(readExtractedText(d.text, d.file)).coverage.lines.total, 0),
);

const perSecond = (ms: number) => Math.round((docs.length / ms) * 1000);
const row = (name: string, r: { ms: number; cpuMs: number }) =>
  `| ${name} | ${r.ms.toFixed(1)} ms | ${r.cpuMs.toFixed(1)} ms | ${perSecond(r.ms).toLocaleString("en")} | ${(r.ms / floor.ms).toFixed(0)}× |`;
console.log(
  `corpus: ${docs.length} documents, ${(chars / 1000).toFixed(0)}k characters; best of ${rounds}; load ${loadavg()[0]!.toFixed(1)}`,
);
console.log("| pass | wall | cpu | documents/s | × floor |");
console.log("|---|---|---|---|---|");
console.log(row("floor: split every document into lines", floor));
console.log(row("layout stage alone (recoverLayout)", layout));
console.log(row("whole import (layout, recognition, readers, coverage)", full));
