/**
 * 部门决算 / 预算公开 from the PDF: the clean documents of fixtures/disclosures/ and one planted copy per
 * `disclosure.*` rule, written as Word files and printed to PDF by LibreOffice (scripts/disclosure-render.ts →
 * fixtures/disclosures/rendered/),
 * each read as `jixiao import` reads a file (readDocument: the PDF's text layer through pdftotext, then the text
 * readers and importDocument). The clean PDFs give the same tables as their text and raise no finding at all; each
 * planted PDF is found by its rule. PDF needs pdftotext: without it the files are skipped on a developer's machine
 * and fail in CI.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES, reviewDocument } from "@jixiao/core";
import type { ImportResult } from "@jixiao/core/model";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import type { SourceDocument } from "../../src/model/table.ts";
import { readDocument } from "../../src/read/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { RENDERED_DISCLOSURES, renderedCases } from "./planted.ts";

const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const skipPdf = !hasPdftotext && !process.env.CI;

async function readFile(id: string, format: "pdf" | "docx"): Promise<ImportResult> {
  const file = `${id}.${format}`;
  const read = await readDocument(new Uint8Array(readFileSync(join(RENDERED_DISCLOSURES, file))), file);
  let source: SourceDocument = read.format === "text" ? readExtractedText(read.text, read.file) : read;
  if (read.format === "text" && read.notes?.length) source = { ...source, notes: [...read.notes] };
  expect(format === "docx" ? read.format === "docx" : read.format === "pdf" || read.format === "text").toBe(true);
  return importDocument(source);
}

/** Each table's kind, unit and every row's label and amounts (fen), as a comparable summary. */
function tables(r: ImportResult) {
  return (r.document.finalAccount?.tables ?? []).map((t) => ({
    kind: t.kind,
    unit: t.unit,
    rows: t.rows.map((x) => `${x.code ?? ""}${x.label}:${x.cells.map((c) => c.amount.fen).join(",")}`),
  }));
}

const cases = renderedCases();

describe("the rendered disclosure PDFs", () => {
  it("are exactly the clean documents and one planted copy per disclosure rule", () => {
    const files = existsSync(RENDERED_DISCLOSURES) ? readdirSync(RENDERED_DISCLOSURES).sort() : [];
    expect(files).toEqual(cases.flatMap((c) => [`${c.id}.docx`, `${c.id}.pdf`]).sort());
    const rules = new Set(cases.flatMap((c) => (c.rule ? [c.rule] : [])));
    const all = RULES.map((r) => r.id).filter((id) => id.startsWith("disclosure."));
    expect([...rules].sort()).toEqual([...all].sort());
  });
});

describe("each rendered file read as jixiao import reads it", () => {
  for (const format of ["pdf", "docx"] as const)
    for (const c of cases) {
      it.skipIf(format === "pdf" && skipPdf)(
        c.rule ? `${c.id}.${format}: found by ${c.rule}` : `${c.id}.${format}: the text's tables, no finding`,
        async () => {
          const r = await readFile(c.id, format);
          expect(r.kind).toBe("final-account-disclosure");
          const review = reviewDocument(r.document);
          if (!c.rule) {
            const fromText = importDocument(readExtractedText(c.text, `${c.id}.txt`));
            expect(tables(r)).toEqual(tables(fromText));
            expect(review.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
            expect(review.judged).toBe(true);
            return;
          }
          const hit = review.findings.filter((f) => f.rule === c.rule && f.severity === (c.severity ?? "error"));
          expect(hit.map((f) => f.message).join("\n"), JSON.stringify(review.findings.map((f) => f.message))).toMatch(
            c.zh!,
          );
          // the PDF says what its text says: the same rules raise the same number of findings
          const fromText = reviewDocument(importDocument(readExtractedText(c.text, `${c.id}.txt`)).document);
          const count = (rv: typeof review) => rv.findings.map((f) => `${f.severity} ${f.rule}`).sort();
          expect(count(review)).toEqual(count(fromText));
        },
      );
    }
});
