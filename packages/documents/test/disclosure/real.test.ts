/**
 * Published disclosure pages of five provinces (湖北, 浙江, 广西, 云南, 江苏; fixtures/disclosures/, verbatim from the page
 * store, cut after about 1,500 characters) and copies with a mistake of issue 18's list planted in them
 * (packages/documents/test/disclosure/real.ts), read as `jixiao import` reads them: the text, and the PDF LibreOffice
 * printed from it (fixtures/disclosures/real-pdf/, scripts/disclosure-real-render.ts; pdftotext's text layer, the PDF
 * reader). Each published page is recognised, raises no error, and gives a verdict only when it was read enough;
 * each planted mistake is found by its rule, from the text and from the PDF alike.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { reviewDocument } from "@jixiao/core";
import type { ImportResult } from "@jixiao/core/model";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import type { SourceDocument } from "../../src/model/table.ts";
import { readDocument } from "../../src/read/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { replaceEach } from "./planted.ts";
import { REAL, REAL_PDF, REAL_PLANTED, realText, realTexts } from "./real.ts";

const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const skipPdf = !hasPdftotext && !process.env.CI;

const fromText = (text: string, id: string) => importDocument(readExtractedText(text, `${id}.txt`));

async function fromPdf(id: string): Promise<ImportResult> {
  const file = `${id}.pdf`;
  const read = await readDocument(new Uint8Array(readFileSync(join(REAL_PDF, file))), file);
  const source: SourceDocument = read.format === "text" ? readExtractedText(read.text, read.file) : read;
  return importDocument(source);
}

const errors = (r: ImportResult) =>
  reviewDocument(r.document)
    .findings.filter((f) => f.severity === "error")
    .map((f) => `${f.rule}: ${f.message}`);
const ruleCounts = (r: ImportResult) =>
  reviewDocument(r.document)
    .findings.map((f) => `${f.severity} ${f.rule}`)
    .sort();

describe("published disclosure pages", () => {
  it("come from five provinces, and every text and planted copy has its PDF", () => {
    expect(new Set(REAL.map((r) => r.province)).size).toBe(5);
    const files = existsSync(REAL_PDF) ? readdirSync(REAL_PDF).sort() : [];
    expect(files).toEqual(
      realTexts()
        .map((t) => `${t.id}.pdf`)
        .sort(),
    );
  });

  for (const doc of REAL) {
    it(`${doc.id} (${doc.province}): recognised as ${doc.kind}, ${doc.errors ? "its own mistakes found" : "no error"}, ${doc.judged ? "a verdict" : "no verdict"}`, () => {
      const r = fromText(realText(doc.id), doc.id);
      expect(r.kind).toBe(doc.kind);
      expect(errors(r)).toEqual((doc.errors ?? []).map((re) => expect.stringMatching(re)));
      const review = reviewDocument(r.document);
      expect(review.judged).toBe(doc.judged);
      if (doc.tables) {
        const tables = r.document.finalAccount?.tables ?? [];
        expect(tables.map((t) => t.title)).toEqual(doc.tables.titles);
        expect(tables.filter((t) => t.rows.length > 0).length).toBe(doc.tables.withRows);
      }
      if (doc.shares !== undefined) expect(r.document.finalAccount?.shares?.length).toBe(doc.shares);
    });

    it.skipIf(skipPdf)(`${doc.id}.pdf: the same kind and findings as its text, no error`, async () => {
      const pdf = await fromPdf(doc.id);
      const text = fromText(realText(doc.id), doc.id);
      expect(pdf.kind).toBe(doc.kind);
      expect(ruleCounts(pdf)).toEqual(ruleCounts(text));
      expect(errors(pdf)).toEqual((doc.errors ?? []).map((re) => expect.stringMatching(re)));
      // (whether a verdict is given may differ: the share of lines read depends on where the PDF wrapped them —
      // 施甸's text is 40% read, its PDF's more)
    });
  }
});

describe("mistakes planted in the published pages", () => {
  for (const p of REAL_PLANTED) {
    it(`${p.id}: found by ${p.rule}`, () => {
      const r = fromText(replaceEach(realText(p.base), p.edits), p.id);
      const hit = reviewDocument(r.document).findings.filter((f) => f.rule === p.rule && f.severity === "error");
      expect(hit.map((f) => f.message).join("\n")).toMatch(p.zh);
      if (p.table) expect(hit.map((f) => f.details?.table)).toContain(p.table);
      expect(hit.every((f) => f.location.row !== undefined)).toBe(true);
    });

    it.skipIf(skipPdf)(`${p.id}.pdf: found by ${p.rule}`, async () => {
      const r = await fromPdf(p.id);
      const hit = reviewDocument(r.document).findings.filter((f) => f.rule === p.rule && f.severity === "error");
      expect(hit.map((f) => f.message).join("\n")).toMatch(p.zh);
      if (p.table) expect(hit.map((f) => f.details?.table)).toContain(p.table);
    });
  }
});
