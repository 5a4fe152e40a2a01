/**
 * Reading an uploaded file the way `jixiao import` does: `readDocument` (content decides the reader; the zip
 * limits and the no-external-entities rule are the readers'), text goes through `readExtractedText`, then
 * `importDocument`. The readers' DomainError (400, with the location) passes through unchanged.
 */
import { createHash } from "node:crypto";
import {
  type ImportResult,
  importDocument,
  readDocument,
  readExtractedText,
  type SourceDocument,
} from "@jixiao/documents";

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function readUpload(bytes: Uint8Array, fileName: string): Promise<ImportResult> {
  const read = await readDocument(bytes, fileName);
  let source: SourceDocument;
  if (read.format === "text") {
    source = readExtractedText(read.text, read.file);
    if (read.notes?.length) source.notes = [...read.notes, ...(source.notes ?? [])];
  } else {
    source = read;
  }
  return importDocument(source);
}
