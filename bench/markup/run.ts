/**
 * bench/markup: the XML and pasted-HTML readers on pathological markup (`<a ` repeated, bare `&`, unclosed comments,
 * `<` alone, a table of `&nbsp` cells) at 12,500 and 200,000 repetitions — 16× the input. A linear reader takes
 * about 16× the time, a quadratic one about 256×; the ratio of the two is printed beside that floor (16×). Best of
 * three, interleaved, so a pause hits both sizes alike. Prints figures; asserts nothing (the tests check that such
 * input ends in a document or a DomainError, never a crash).
 *
 *   npx tsx bench/markup/run.ts
 */
import { DomainError } from "@jixiao/core";
import { readPastedHtml } from "../../packages/documents/src/read/paste.ts";
import { parseXml } from "../../packages/documents/src/read/xml.ts";

const PATTERNS: [string, (n: number) => string][] = [
  ["<a ", (n) => "<a ".repeat(n)],
  ["&", (n) => "&".repeat(n)],
  ["&amp in a text", (n) => `<a>${"&amp".repeat(n)}</a>`],
  ["<!--", (n) => "<!--".repeat(n)],
  ["<", (n) => "<".repeat(n)],
  ["&nbsp cells", (n) => `<table>${"<tr><td>&nbsp".repeat(n)}</table>`],
];

function quietly(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
  }
}

function time(src: string): number {
  const t0 = performance.now();
  quietly(() => parseXml(src, { text() {} }));
  quietly(() => readPastedHtml(src));
  return performance.now() - t0;
}

console.log("pattern            12,500 (ms)   200,000 (ms)   ratio (linear 16×, quadratic 256×)");
for (const [name, make] of PATTERNS) {
  time(make(5_000));
  const small = make(12_500);
  const big = make(200_000);
  let a = Number.POSITIVE_INFINITY;
  let b = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 3; k++) {
    a = Math.min(a, time(small));
    b = Math.min(b, time(big));
  }
  console.log(
    `${name.padEnd(18)} ${a.toFixed(1).padStart(11)} ${b.toFixed(1).padStart(14)}   ${(b / Math.max(a, 0.1)).toFixed(1)}×`,
  );
}
const t0 = performance.now();
quietly(() => readPastedHtml(`<table>${"<tr><td rowspan=65534 colspan=1000>".repeat(3)}</table>`));
console.log(`absurd spans (rowspan 65534 × colspan 1000, 3 rows): ${(performance.now() - t0).toFixed(1)} ms`);
