/**
 * The paragraphs of a document as one text to read sentences from, with the way back from an offset to the
 * paragraph (its source line, page) and the character in it. Paragraphs are joined with `\n`, so a sentence or
 * an amount broken across lines (`75万` / `元`) reads whole; table blocks are left out (their cells are read as
 * cells).
 */
import type { ImportLocation } from "@jixiao/core/model";
import type { Block } from "../model/table.ts";

export interface Passage {
  text: string;
  /** Each paragraph's range in `text` and its location. */
  spans: { start: number; end: number; location: ImportLocation; block: number }[];
}

export function passageOf(blocks: Block[], file: string): Passage {
  let text = "";
  const spans: Passage["spans"] = [];
  blocks.forEach((b, i) => {
    if (b.type !== "paragraph") return;
    if (text !== "") text += "\n";
    const start = text.length;
    text += b.text;
    const location: ImportLocation = { file: b.location.file ?? file };
    if (b.location.page !== undefined) location.page = b.location.page;
    if (b.location.row !== undefined) location.row = b.location.row;
    spans.push({ start, end: text.length, location, block: i });
  });
  return { text, spans };
}

/** A passage made of plain lines (tests, pasted text): line n is row n. */
export function passageOfLines(lines: string[], file: string): Passage {
  return passageOf(
    lines.map((text, i) => ({ type: "paragraph" as const, text, location: { file, row: i + 1 } })),
    file,
  );
}

/**
 * Where an offset of the passage is: the paragraph's location, `column` the 1-based character in the paragraph's
 * text as the reader gave it (text readers trim a line's leading spaces).
 */
export function locate(p: Passage, offset: number, field?: string): ImportLocation {
  // the last span starting at or before the offset (binary search: passages can be long)
  let lo = 0;
  let hi = p.spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (p.spans[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const span = p.spans[found] ?? p.spans[0];
  const loc: ImportLocation = span ? { ...span.location } : { file: "" };
  if (span) loc.column = offset - span.start + 1;
  if (field !== undefined) loc.field = field;
  return loc;
}
