/**
 * The seeds read exactly as before the layout stage: for each seed, the layout stage's document equals what
 * today's tab reader (word-text.ts or pdf-text.ts, picked by `sniffTextForm`) makes of it — same blocks, same
 * locations, same notes — and no other reading took any of its lines. (The seeds' imported results are checked
 * against fixtures/expected/*.json by test/import/seeds.test.ts, which reads through the layout stage too.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";
import { readPdfText, readWordText, sniffTextForm } from "../../src/text/index.ts";

const SEEDS = join(import.meta.dirname, "../../../../fixtures/seeds");

describe("seeds through the layout stage", () => {
  const files = readdirSync(SEEDS).filter((f) => f.endsWith(".txt"));
  it("has the five seeds", () => expect(files.length).toBe(5));
  for (const f of files) {
    it(`reads ${f} exactly as its tab reader does`, () => {
      const text = readFileSync(join(SEEDS, f), "utf8");
      const form = sniffTextForm(text);
      const before = form === "word-text" ? readWordText(text, f) : readPdfText(text, f);
      const { document, explain } = recoverLayout(text, f);
      expect(document).toEqual(before);
      expect(new Set(explain.filter((e) => e.chosen).map((e) => e.candidate))).toEqual(new Set([form, "paragraphs"]));
    });
  }
});
