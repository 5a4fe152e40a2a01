/**
 * What the writer pool's workers do (render-worker.ts), as a function this thread can call too (a pool of size 0):
 * a page, or a stored record's document laid out first (`formPage`), written in each format asked for.
 */
import type { DomainError } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { writeDocx } from "./docx.ts";
import { formPage } from "./form.ts";
import type { Layout } from "./layouts.ts";
import type { WDocument } from "./model.ts";
import { writeXlsx } from "./xlsx.ts";

export type RenderFormat = "xlsx" | "docx";

/** What to write: a page, or a stored record's document to lay out (`formPage(doc, as)`) first. */
export type RenderSource = { page: WDocument } | { doc: ImportedDocument; as: Layout };

export interface RenderRequest {
  id: number;
  source: RenderSource;
  formats: RenderFormat[];
}

export type RenderError =
  | { domain: true; code: DomainError["code"]; text: DomainError["text"]; location: DomainError["location"] }
  | { domain: false; name: string; message: string; stack: string | undefined };

export type RenderOutcome = { data: Uint8Array } | { error: RenderError };

export interface RenderReply {
  id: number;
  /** One per format asked for, in the same order. */
  outcomes: RenderOutcome[];
}

const writeOne = (page: WDocument, format: RenderFormat) => (format === "xlsx" ? writeXlsx(page) : writeDocx(page));

/**
 * The source written in each format: a format's own error is its outcome; an error laying out the page is every
 * format's. Thrown errors are returned as they are (`unknown`), for the caller to send or to keep.
 */
export async function render(
  source: RenderSource,
  formats: RenderFormat[],
): Promise<({ data: Uint8Array } | { error: unknown })[]> {
  let page: WDocument;
  try {
    page = "page" in source ? source.page : formPage(source.doc, source.as);
  } catch (error) {
    return formats.map(() => ({ error }));
  }
  const out: ({ data: Uint8Array } | { error: unknown })[] = [];
  for (const format of formats) {
    try {
      out.push({ data: await writeOne(page, format) });
    } catch (error) {
      out.push({ error });
    }
  }
  return out;
}
