import { recoverLayout } from "../layout/index.ts";
import type { SourceDocument } from "../model/table.ts";

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

/**
 * A document's format as a person is shown it (the CLI's summary of an import). `word-text` and `pdf-text` are the
 * text readers' names for how a text file lays out its columns (one cell per line; whole rows on a line — the form
 * of text extracted from a PDF, and the layout stage's answer for text with no tabs at all), never the file's type:
 * a plain text file is "text" whichever reading it got. The other formats are named as they are.
 */
export function formatLabel(format: string): string {
  return format === "word-text" || format === "pdf-text" ? "text" : format;
}

/**
 * Reads extracted text in whichever layout it is: through the layout stage (layout/index.ts), which reads the
 * tab forms above as before and the other layouts (` | ` rows, one cell per line or paragraph, columns aligned by
 * spaces, space-separated words) by the reading that best fits the header vocabulary.
 */
export function readExtractedText(text: string, file: string): SourceDocument {
  return recoverLayout(text, file).document;
}
