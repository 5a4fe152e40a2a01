/**
 * What the disclosure tests share: a text read as importDocument reads a 部门预算 / 决算公开, a planted mistake (one
 * passage replaced) and the check that its rule finds it with a message in both languages and a location.
 */
import { reviewDocument } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { expect } from "vitest";
import { ImportContext, setSpacesFromFormat } from "../../src/import/context.ts";
import { measureCoverage } from "../../src/import/coverage.ts";
import { readFinalAccount } from "../../src/import/final-account.ts";
import { readExtractedText } from "../../src/text/index.ts";

/** What importDocument does for this kind (index.ts wires it the same way). */
export function importText(text: string, file = "d.txt"): ImportedDocument {
  const source = readExtractedText(text, file);
  setSpacesFromFormat(source.format);
  const ctx = new ImportContext(source);
  const r = readFinalAccount(ctx, source.blocks);
  const doc: ImportedDocument = {
    file,
    format: source.format,
    kinds: ["final-account-disclosure"],
    organisations: [],
    dutyGoals: [],
    projects: [],
    projectSelfEvaluations: [],
    paragraphs: source.blocks.flatMap((b) =>
      b.type === "paragraph" ? [{ text: b.text, location: { ...b.location, file } }] : [],
    ),
    unmapped: [],
    finalAccount: r.disclosure,
  };
  if (r.disclosure.title) doc.title = r.disclosure.title;
  doc.coverage = measureCoverage(source.blocks, doc, new Set(r.tables), undefined, ctx.touched);
  return doc;
}

/** A planted mistake: passages replaced (each must occur exactly once), the rule and message expected. */
export interface Planted {
  name: string;
  edits: [from: string, to: string][];
  rule: string;
  zh: RegExp;
  severity?: "error" | "warning";
  /** The table (by its printed title) and row the finding names in its details, when it is about one. */
  table?: RegExp;
  row?: string;
}

export function plant(text: string, edits: Planted["edits"]): string {
  let out = text;
  for (const [from, to] of edits) {
    const parts = out.split(from);
    expect(parts.length, `「${from}」 occurs once`).toBe(2);
    out = parts.join(to);
  }
  return out;
}

/** Each planted mistake is found by its rule, with its severity, a message in both languages and a location. */
export function expectFound(text: string, c: Planted): void {
  const r = reviewDocument(importText(text));
  const hit = r.findings.filter((f) => f.rule === c.rule && f.severity === (c.severity ?? "error"));
  expect(hit.length, JSON.stringify(r.findings.map((e) => e.message))).toBeGreaterThan(0);
  expect(hit.some((f) => c.zh.test(f.message))).toBe(true);
  if (c.table) {
    const named = hit.filter((f) => c.table!.test(String(f.details?.table ?? "")));
    expect(named.length, JSON.stringify(hit.map((f) => f.details))).toBeGreaterThan(0);
    if (c.row) expect(named.map((f) => f.details?.tableRow)).toContain(c.row);
  }
  expect(
    hit.every(
      (f) =>
        f.messageEn !== "" &&
        f.location.file === "d.txt" &&
        (f.location.row !== undefined ||
          f.location.path === "finalAccount.tables" ||
          f.location.path === "finalAccount.performance"),
    ),
  ).toBe(true);
}
