import type { SourceDocument } from "../model/table.ts";
import { readPdfText } from "./pdf-text.ts";
import { readWordText } from "./word-text.ts";

export { readPdfText } from "./pdf-text.ts";
export { readWordText } from "./word-text.ts";

/**
 * Which form a piece of extracted text is in: Word text has one cell per line (lines that start with a tab
 * and hold no other tab); PDF text has whole rows on a line (tabs inside lines).
 */
export function sniffTextForm(text: string): "word-text" | "pdf-text" {
  let word = 0;
  let pdf = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.includes("\t")) continue;
    if (/^\t[^\t]*$/.test(line)) word += 1;
    else pdf += 1;
  }
  return word >= pdf && word > 0 ? "word-text" : "pdf-text";
}

/** Reads extracted text in whichever form it is. */
export function readExtractedText(text: string, file: string): SourceDocument {
  return sniffTextForm(text) === "word-text" ? readWordText(text, file) : readPdfText(text, file);
}
