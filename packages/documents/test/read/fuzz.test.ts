/**
 * Damaged input never crashes a reader: whatever the bytes, the result is a document or a DomainError.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DomainError } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/read/index.ts";
import { readPastedHtml, readPastedTsv } from "../../src/read/paste.ts";
import { parseXml } from "../../src/read/xml.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const docx = new Uint8Array(readFileSync(join(root, "fixtures/generated/project-goal.docx")));
const xlsx = new Uint8Array(readFileSync(join(root, "fixtures/generated/project-goal.xlsx")));

function onlyDomainErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
  }
}

async function onlyDomainErrorsAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
  }
}

const mutation = fc.record({
  which: fc.constantFrom("docx", "xlsx"),
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
  // Bias half the flips into the last 2 KB: the central directory and the zip's tail.
  tail: fc.boolean(),
  cut: fc.option(fc.nat(), { nil: undefined }),
});

describe("fuzz: damaged files give a DomainError or a document, never a crash", () => {
  it("mutated docx / xlsx bytes", async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ({ which, flips, tail, cut }) => {
        const base = which === "docx" ? docx : xlsx;
        const buf = base.slice();
        for (const [pos, byte] of flips) {
          const at = tail ? buf.length - 1 - (pos % Math.min(2048, buf.length)) : pos % buf.length;
          buf[at] = byte;
        }
        const input = cut === undefined ? buf : buf.subarray(0, cut % buf.length);
        await onlyDomainErrorsAsync(() => readDocument(input, `fuzz.${which}`));
      }),
      { numRuns: 400 },
    );
  });

  it("random markup through the XML and HTML tokenizers and the paste readers", () => {
    const markup = fc
      .array(
        fc.constantFrom(
          "<",
          ">",
          "/",
          "a",
          "b:c",
          "=",
          '"',
          "'",
          "&",
          ";",
          "amp",
          "#x41",
          "#",
          "!--",
          "--",
          "![CDATA[",
          "]]",
          "?",
          "!DOCTYPE",
          " ",
          "\n",
          "\t",
          "td",
          "tr",
          "table",
          "rowspan=",
          "3",
          "中",
        ),
        { maxLength: 40 },
      )
      .map((a) => a.join(""));
    fc.assert(
      fc.property(markup, (src) => {
        onlyDomainErrors(() => parseXml(src, { open() {}, close() {}, text() {} }, { nsMap: { "urn:x": "x" } }));
        onlyDomainErrors(() => parseXml(src, { open() {}, close() {}, text() {} }, { html: true }));
        onlyDomainErrors(() => readPastedHtml(src));
        onlyDomainErrors(() => readPastedTsv(src));
      }),
      { numRuns: 2000 },
    );
  });

  it("random bytes through readDocument", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom("a.docx", "a.xlsx", "a.txt"),
        async (bytes, name) => {
          await onlyDomainErrorsAsync(() => readDocument(bytes, name));
        },
      ),
      { numRuns: 300 },
    );
  });

  // How the time grows with such input (linear, not quadratic) is measured in bench/markup, not asserted here.
  it("reads pathological markup to an end: a document or a DomainError, and absurd spans clamped", () => {
    const patterns: Array<(n: number) => string> = [
      (n) => "<a ".repeat(n),
      (n) => "&".repeat(n),
      (n) => `<a>${"&amp".repeat(n)}</a>`,
      (n) => "<!--".repeat(n),
      (n) => "<".repeat(n),
      (n) => `<table>${"<tr><td>&nbsp".repeat(n)}</table>`,
    ];
    for (const make of patterns) {
      const src = make(200_000);
      onlyDomainErrors(() => parseXml(src, { text() {} }));
      onlyDomainErrors(() => readPastedHtml(src));
    }
    // Absurd spans are clamped, not materialised: the grid stays small.
    let rows = 0;
    onlyDomainErrors(() => {
      const r = readPastedHtml(`<table>${"<tr><td rowspan=65534 colspan=1000>".repeat(3)}</table>`);
      rows = r.blocks.flatMap((bl) => (bl.type === "table" ? bl.table.rows : [])).length;
    });
    expect(rows).toBeLessThan(65534);
  });
});
