/**
 * The corpus test: every real document of fixtures/corpus/ is imported and compared with the figures its
 * manifest states (verified by hand from the document, never from this code's output). A document is
 * *reproduced* when it is read as its kind and every stated figure comes out exactly.
 *
 * The documents not yet reproduced are listed in fixtures/corpus/gaps.json, each with the reason; the test fails
 * when a listed one starts to be reproduced (take it off the list) as well as when an unlisted one is not — so the
 * list is always exactly what docs/corpus.md shows as the rest.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument, KINDS } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { CORPUS, compare, readCorpus, sameNumber } from "./corpus.ts";

const corpus = readCorpus();
const gaps = JSON.parse(readFileSync(join(CORPUS, "gaps.json"), "utf8")) as Record<string, string>;
const KNOWN_KINDS = [...KINDS, "final-account-disclosure"];

describe("the corpus's manifests", () => {
  it("holds at least 40 documents from at least 12 provinces", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.manifest.province)).size).toBeGreaterThanOrEqual(12);
  });

  it("every manifest names its source, a known kind, and states amounts as exact 元 with two decimals", () => {
    for (const { manifest: m } of corpus) {
      expect(m.source.url === null || typeof m.source.url === "string", m.id).toBe(true);
      expect(KNOWN_KINDS, m.id).toContain(m.kind);
      expect(m.file.startsWith(m.heldOut ? "held-out/" : "docs/"), m.id).toBe(true);
      const amounts = Object.entries(m.figures).filter(([k]) => k.endsWith("Yuan"));
      const tp = m.figures.threePublic as Record<string, unknown> | undefined;
      if (tp) amounts.push(...Object.entries(tp).filter(([k]) => k.endsWith("Yuan")));
      for (const [k, v] of amounts) expect(String(v), `${m.id} ${k}`).toMatch(/^-?\d+\.\d{2}$/);
    }
  });

  it("lists as gaps only documents of the corpus", () => {
    const ids = new Set(corpus.map((c) => c.manifest.id));
    expect(Object.keys(gaps).filter((id) => !ids.has(id))).toEqual([]);
  });
});

/** Each document's outcome, read once: by its own test, or by the shares' test when run alone. */
const outcomes = new Map<string, ReturnType<typeof compare>>();
function outcomeOf({ manifest, text }: (typeof corpus)[number]) {
  const r = importDocument(readExtractedText(text, manifest.file.split("/").pop()!));
  const outcome = compare(manifest, r);
  outcomes.set(manifest.id, outcome);
  return { r, outcome };
}

describe("the corpus read", () => {
  for (const entry of corpus) {
    const { manifest } = entry;
    it(`${manifest.id} (${manifest.province}, ${manifest.kind}, ${manifest.layout})`, () => {
      const { r, outcome } = outcomeOf(entry);
      // whatever was read, nothing is judged on a document read too little
      if (!r.coverage.sufficient)
        expect(r.problems.some((p) => p.code === "coverage_insufficient") || r.kind === null).toBe(true);
      if (gaps[manifest.id] !== undefined) {
        expect(outcome.reproduced, `${manifest.id} is reproduced now: take it off fixtures/corpus/gaps.json`).toBe(
          false,
        );
        return;
      }
      expect(outcome.readAs, "read as its kind").toContain(manifest.kind);
      for (const [figure, [want, got]] of Object.entries(outcome.figures)) {
        // equal as exact decimals (92 = 92.00): then the expected text, else what was read
        expect(got !== undefined && sameNumber(want, got) ? want : got, figure).toBe(want);
      }
      expect(outcome.reproduced).toBe(true);
    });
  }
});

// Issue 11's measure: at least 90 % of the corpus — held-out documents included — read as its kind and with every
// figure of its manifest reproduced.
describe("the corpus's shares", () => {
  it("at least 90 % of the documents are recognised, and at least 90 % reproduced", () => {
    const all = corpus.map((entry) => outcomes.get(entry.manifest.id) ?? outcomeOf(entry).outcome);
    const recognised = all.filter((o, i) => o.readAs.includes(corpus[i]!.manifest.kind)).length;
    const reproduced = all.filter((o) => o.reproduced).length;
    expect(reproduced).toBe(corpus.length - Object.keys(gaps).length);
    expect(recognised / corpus.length).toBeGreaterThanOrEqual(0.9);
    expect(reproduced / corpus.length).toBeGreaterThanOrEqual(0.9);
  });
});
