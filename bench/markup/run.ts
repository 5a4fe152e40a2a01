/**
 * bench/markup: the XML and pasted-HTML readers on pathological markup (`<a ` repeated, bare `&`, unclosed comments,
 * `<` alone, a table of `&nbsp` cells) at 12,500 and 200,000 repetitions — 16× the input. A linear reader takes
 * about 16× the time, a quadratic one about 256×; the ratio of the two is printed beside that floor (16×). Best of
 * three, interleaved, so a pause hits both sizes alike. Prints figures; asserts nothing (the tests check that such
 * input ends in a document or a DomainError, never a crash). Last, the streaming parser fed 4 KiB chunks of one token
 * far larger than the chunks (8 MB of attribute and text), against the same text parsed whole.
 *
 *   npx tsx bench/markup/run.ts
 */
import { DomainError } from "@jixiao/core";
import { readPastedHtml } from "../../packages/documents/src/read/paste.ts";
import { createXmlParser, parseXml } from "../../packages/documents/src/read/xml.ts";

const PATTERNS: [string, (n: number) => string][] = [
  ["<a ", (n) => "<a ".repeat(n)],
  ["&", (n) => "&".repeat(n)],
  ["&amp in a text", (n) => `<a>${"&amp".repeat(n)}</a>`],
  ["<!--", (n) => "<!--".repeat(n)],
  ["<", (n) => "<".repeat(n)],
  ["&nbsp cells", (n) => `<table>${"<tr><td>&nbsp".repeat(n)}</table>`],
  // a sheet's cells with text and an entity between them (moved here from packages/documents/test/read/xml.test.ts:
  // speed is measured by benchmarks, never by timed assertions in tests)
  ["sheet cells", (n) => `<r>${'<c r="A1" t="s"><v>1</v></c>text &amp; more'.repeat(n)}</r>`],
];

function quietly(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
  }
}

/** Milliseconds of one run of `fn`. */
function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * The best of `n` runs of each of `fns`, interleaved (one of each, `n` times), so a pause of the machine hits every
 * one alike: the milliseconds in the order of `fns`.
 */
function bestOf(fns: (() => void)[], n = 3): number[] {
  const best = fns.map(() => Number.POSITIVE_INFINITY);
  for (let k = 0; k < n; k++) {
    for (const [i, fn] of fns.entries()) best[i] = Math.min(best[i]!, timed(fn));
  }
  return best;
}

/** Both readers on `src`, a DomainError being an answer. */
function readBoth(src: string): void {
  quietly(() => parseXml(src, { text() {} }));
  quietly(() => readPastedHtml(src));
}

console.log("pattern            12,500 (ms)   200,000 (ms)   ratio (linear 16×, quadratic 256×)");
for (const [name, make] of PATTERNS) {
  readBoth(make(5_000));
  const small = make(12_500);
  const big = make(200_000);
  const [a, b] = bestOf([() => readBoth(small), () => readBoth(big)]) as [number, number];
  console.log(
    `${name.padEnd(18)} ${a.toFixed(1).padStart(11)} ${b.toFixed(1).padStart(14)}   ${(b / Math.max(a, 0.1)).toFixed(1)}×`,
  );
}
const spans = timed(() =>
  quietly(() => readPastedHtml(`<table>${"<tr><td rowspan=65534 colspan=1000>".repeat(3)}</table>`)),
);
console.log(`absurd spans (rowspan 65534 × colspan 1000, 3 rows): ${spans.toFixed(1)} ms`);

// One token far larger than the chunks: the streaming parser must not scan its buffer again for every chunk.
{
  const big = `<a v="${"x".repeat(4_000_000)}">${"y".repeat(4_000_000)}</a>`;
  const streamed = () => {
    const p = createXmlParser({ text() {} });
    for (let k = 0; k < big.length; k += 4096) p.write(big.slice(k, k + 4096));
    p.end();
  };
  const whole = () => parseXml(big, { text() {} });
  const [s, w] = bestOf([streamed, whole]) as [number, number];
  console.log(
    `one 8 MB token in 4 KiB chunks: ${s.toFixed(1)} ms streamed, ${w.toFixed(1)} ms parsed whole (floor) — ${(s / Math.max(w, 0.1)).toFixed(1)}×`,
  );
}
