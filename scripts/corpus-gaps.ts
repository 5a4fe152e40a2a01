/**
 * Rewrites fixtures/corpus/gaps.json: the corpus documents not yet reproduced, each with why (not recognised, or
 * which figures differ). Run after a reader changes: node_modules/.bin/tsx scripts/corpus-gaps.ts
 * A reason written by hand (anything not starting with "auto:") is kept while the document stays a gap.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importDocument } from "../packages/documents/src/import/index.ts";
import { readExtractedText } from "../packages/documents/src/text/index.ts";
import { CORPUS, compare, readCorpus, sameNumber } from "../packages/documents/test/corpus/corpus.ts";

const path = join(CORPUS, "gaps.json");
const old = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Record<string, string>) : {};
const gaps: Record<string, string> = {};
for (const { manifest, text } of readCorpus()) {
  const o = compare(manifest, importDocument(readExtractedText(text, manifest.file.split("/").pop()!)));
  if (o.reproduced) continue;
  const kept = old[manifest.id];
  if (kept !== undefined && !kept.startsWith("auto:")) {
    gaps[manifest.id] = kept;
    continue;
  }
  const wrong = Object.entries(o.figures)
    .filter(([, [want, got]]) => got === undefined || !sameNumber(want, got))
    .map(([k, [want, got]]) => `${k} ${want} ≠ ${got ?? "—"}`);
  gaps[manifest.id] = o.recognised
    ? `auto: read as ${manifest.kind}, but ${wrong.join("; ")}`
    : `auto: not recognised as ${manifest.kind}${o.readAs.length ? ` (read as ${o.readAs.join(", ")})` : ""}`;
}
writeFileSync(path, `${JSON.stringify(gaps, null, 2)}\n`);
console.log(`${Object.keys(gaps).length} gaps`);
