/**
 * The format a person is shown of an imported document: a plain text file is "text" whichever of the text
 * readings it got (Word's tab form, PDF's, or no tabs at all); the readers' own format, which later steps go by
 * (cleaning PDF text for writing), is unchanged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readDocument } from "../../src/read/index.ts";
import { formatLabel, readExtractedText } from "../../src/text/index.ts";

const ROOT = join(import.meta.dirname, "../../../..");

/** A .txt upload read as the server and the CLI read it: the file's type by content, then the text readers. */
async function importedTxt(text: string, file = "plain.txt") {
  const read = await readDocument(new TextEncoder().encode(text), file);
  if (read.format !== "text") throw new Error(`read as ${read.format}, not text`);
  return importDocument(readExtractedText(read.text, read.file)).document;
}

describe("formatLabel", () => {
  it("shows a plain .txt file as text in each of its readings, the reading itself kept", async () => {
    const word = await importedTxt(["部门整体支出绩效自评表", "\t项目名称", "\t交通安全宣传", ""].join("\n"));
    const pdf = await importedTxt(["项目支出绩效目标表", "项目名称\t交通安全宣传\t", "年度目标\t完成宣传"].join("\n"));
    const plain = await importedTxt("交通安全宣传项目绩效自评报告\n本年度完成宣传活动五十场。\n");
    expect([word.format, pdf.format]).toEqual(["word-text", "pdf-text"]);
    for (const doc of [word, pdf, plain]) expect(formatLabel(doc.format)).toBe("text");
  });

  it("shows a seed text file as text", async () => {
    const bytes = readFileSync(join(ROOT, "fixtures/seeds/004_8649601bbeaed617.txt"));
    const read = await readDocument(new Uint8Array(bytes), "004.txt");
    expect(read.format).toBe("text");
    if (read.format !== "text") return;
    const doc = importDocument(readExtractedText(read.text, read.file)).document;
    expect(["word-text", "pdf-text"]).toContain(doc.format);
    expect(formatLabel(doc.format)).toBe("text");
  });

  it("names the other formats as they are: a .docx is docx", async () => {
    const bytes = readFileSync(join(ROOT, "fixtures/corpus/rendered/he-langfang-spxx-2019-pse-1.docx"));
    const read = await readDocument(new Uint8Array(bytes), "a.docx");
    expect(read.format).toBe("docx");
    if (read.format === "text") return;
    expect(formatLabel(importDocument(read).document.format)).toBe("docx");
    for (const f of ["docx", "xlsx", "pdf", "paste-tsv", "paste-html"] as const) expect(formatLabel(f)).toBe(f);
  });

  it("any text at all that reads as text is shown as text", async () => {
    const piece = fc.constantFrom("项目", "指标", "100%", "\t", "\n", " ", "≥50场", "合计", "\t\t", "\r\n");
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 40 }), async (parts) => {
        const text = `标题${parts.join("")}`;
        expect(formatLabel(readExtractedText(text, "p.txt").format)).toBe("text");
      }),
      { numRuns: 100 },
    );
  });
});
