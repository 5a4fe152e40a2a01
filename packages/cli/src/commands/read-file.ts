/**
 * Reading a file the way `jixiao import` does, shared by the commands that take a document (import, review):
 * docx, xlsx, pdf, html tables, or text extracted from Word/PDF go through `readDocument` and `importDocument`;
 * a normalised document as JSON (what `jixiao import --json` prints, or its `document` alone) is read back as is.
 * Problems reading the file are a message for the user, never an exception.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { DomainError } from "@jixiao/core";
import { type ImportedDocument, ImportedDocumentSchema } from "@jixiao/core/model";
import {
  formatExplanation,
  type ImportResult,
  importDocument,
  type Kind,
  readDocument,
  readExtractedText,
  recoverLayout,
  type SourceDocument,
} from "@jixiao/documents";

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

async function readBytes(path: string): Promise<Read<Buffer>> {
  try {
    return { ok: true, value: await readFile(path) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err?.code === "ENOENT" || err?.code === "EISDIR" || err?.code === "EACCES") {
      return { ok: false, message: `无法读取文件 cannot read file: ${path} (${err.code})` };
    }
    throw e;
  }
}

/** An import result, with the layout stage's account of the readings it tried (text files, when asked). */
export type Imported = ImportResult & { layout?: string };

async function importBytes(buf: Buffer, path: string, kind?: Kind, explain = false): Promise<Read<Imported>> {
  let source: SourceDocument;
  let layout: string | undefined;
  try {
    const read = await readDocument(new Uint8Array(buf), basename(path));
    if (read.format === "text") {
      source = readExtractedText(read.text, read.file);
      if (explain) layout = formatExplanation(recoverLayout(read.text, read.file).explain);
      if (read.notes?.length) source.notes = [...read.notes, ...(source.notes ?? [])];
    } else {
      source = read;
    }
  } catch (e) {
    if (e instanceof DomainError) {
      return { ok: false, message: `无法读取 cannot read: ${e.describe("zh")}\n${e.describe("en")}` };
    }
    throw e;
  }
  const result: Imported = importDocument(source, kind ? { kind } : {});
  if (layout !== undefined) result.layout = layout;
  return { ok: true, value: result };
}

/** A file read and recognised as `jixiao import` does it; `explain` adds the layout stage's account. */
export async function readAndImport(
  path: string,
  options: { kind?: Kind; explain?: boolean } = {},
): Promise<Read<Imported>> {
  const bytes = await readBytes(path);
  if (!bytes.ok) return bytes;
  return importBytes(bytes.value, path, options.kind, options.explain);
}

/**
 * The normalised document of a file: a JSON file holding one (an import result or the document alone) is
 * validated and used as is; anything else is imported. `imported` is the import result when there was one.
 */
export async function readNormalisedDocument(
  path: string,
): Promise<Read<{ document: ImportedDocument; imported?: ImportResult }>> {
  const bytes = await readBytes(path);
  if (!bytes.ok) return bytes;
  const head = bytes.value
    .subarray(0, 64)
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(bytes.value.toString("utf8").replace(/^\uFEFF/, ""));
    } catch (e) {
      return { ok: false, message: `JSON 无法解析 invalid JSON: ${path}: ${(e as Error).message}` };
    }
    const candidate =
      json && typeof json === "object" && "document" in json ? (json as { document: unknown }).document : json;
    const parsed = ImportedDocumentSchema.safeParse(candidate);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? first.path.join(".") : "";
      return {
        ok: false,
        message: `不是规范化文档 not a normalised document (docs/import-format.md): ${path}${where ? ` at ${where}` : ""}: ${first?.message ?? ""}`,
      };
    }
    return { ok: true, value: { document: parsed.data } };
  }
  const imported = await importBytes(bytes.value, path);
  if (!imported.ok) return imported;
  return { ok: true, value: { document: imported.value.document, imported: imported.value } };
}
