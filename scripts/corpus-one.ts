/**
 * One corpus document, for the reader's author: what the import read against the manifest, the tables the layout
 * stage made, and the recognition evidence. node_modules/.bin/tsx scripts/corpus-one.ts <id> [--tables]
 */
import { importDocument } from "../packages/documents/src/import/index.ts";
import { explainRecognition } from "../packages/documents/src/import/recognition.ts";
import { readExtractedText } from "../packages/documents/src/text/index.ts";
import { compare, readCorpus } from "../packages/documents/test/corpus/corpus.ts";

const [id, ...flags] = process.argv.slice(2);
const entry = readCorpus().find((c) => c.manifest.id === id);
if (!entry) {
  console.error(`no corpus document ${id}`);
  process.exit(2);
}
const doc = readExtractedText(entry.text, entry.manifest.file.split("/").pop()!);
const result = importDocument(doc);
console.log(JSON.stringify(compare(entry.manifest, result), null, 1));
console.log(JSON.stringify(explainRecognition(doc.blocks), null, 1).slice(0, 3000));
if (flags.includes("--tables")) {
  for (const b of doc.blocks) {
    if (b.type === "table") {
      console.log(`--- table (${b.table.rows.length} rows)`);
      for (const r of b.table.rows.slice(0, 40)) console.log(r.map((c) => c.text).join(" ‖ "));
    } else console.log(`¶ ${b.text.slice(0, 120)}`);
  }
}
