/**
 * bench/layout: `recoverLayout` on long texts of generated tables one after another, in each form (pipes, aligned by
 * spaces, words, a cell a paragraph), at 150 and 600 tables — 4× the input. The floor is linear growth, 4× the time
 * (quadratic would be 16×); the ratio is printed beside it. Best of three, interleaved. The test
 * (packages/documents/test/layout/robust.test.ts) checks that every table of the 150 is found; here the count is
 * printed too.
 *
 *   npx tsx bench/layout/run.ts
 */
import fc from "fast-check";
import { recoverLayout } from "../../packages/documents/src/layout/index.ts";
import {
  renderCellParagraphs,
  renderPipes,
  renderSpaced,
  renderWords,
  tableArb,
} from "../../packages/documents/test/layout/generate.ts";

const SIZES = [150, 600] as const;
const FORMS = { pipes: renderPipes, spaced: renderSpaced, words: renderWords, "cell paragraphs": renderCellParagraphs };

/** Milliseconds of one reading of `text`, and the tables it found. */
function read(text: string): { ms: number; tables: number } {
  const t0 = performance.now();
  const { document } = recoverLayout(text, "long.txt");
  const ms = performance.now() - t0;
  return { ms, tables: document.blocks.filter((b) => b.type === "table").length };
}

const samples = fc.sample(tableArb, { numRuns: SIZES[1], seed: 11 });
console.log("form               150 tables (ms)   600 tables (ms)   ratio (linear 4×, quadratic 16×)   found");
for (const [name, render] of Object.entries(FORMS)) {
  const texts = SIZES.map((n) =>
    samples
      .slice(0, n)
      .map((t) => `说明文字第${t.rows.length}段。\n\n${render(t)}`)
      .join("\n\n"),
  );
  const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  const found = [0, 0];
  for (let k = 0; k < 3; k++) {
    for (const [i, text] of texts.entries()) {
      const r = read(text);
      best[i] = Math.min(best[i]!, r.ms);
      found[i] = r.tables;
    }
  }
  const [a, b] = best as [number, number];
  console.log(
    `${name.padEnd(18)} ${a.toFixed(0).padStart(15)} ${b.toFixed(0).padStart(17)}   ${(b / a).toFixed(1).padStart(5)}×${" ".repeat(29)}${found[0]}/${SIZES[0]}, ${found[1]}/${SIZES[1]}`,
  );
}
