/**
 * Renders some corpus documents (fixtures/corpus/) to the files a department would have: a real .docx (paragraphs
 * and Word tables), a real .xlsx (one sheet: title rows, then the tables) and a PDF printed by LibreOffice from that
 * docx, under fixtures/corpus/rendered/<id>.docx|.xlsx|.pdf — so that every file format's path through the readers
 * is exercised on real documents (packages/documents/test/corpus/rendered.test.ts).
 *
 * Only documents reproduced today from their text are rendered (their manifest figures are what the rendered files
 * must give back): the document's blocks after the text readers (`readExtractedText(text).blocks`) are what is
 * written, through the project's own page model and writers (write/docx.ts, write/xlsx.ts, write/pdf.ts).
 * Merges where the text shows them: a row holding a single cell (a section heading inside a table) spans the
 * table's width; an empty cell of the leading label columns under a filled one (一级 / 二级 names printed once for
 * their group) is covered by a vertical merge, as in the forms.
 *
 * Run: node_modules/.bin/tsx scripts/corpus-render.ts            (all of RENDERED below)
 *      node_modules/.bin/tsx scripts/corpus-render.ts <id> …     (only these)
 * Needs LibreOffice (soffice) for the PDFs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importDocument } from "../packages/documents/src/import/index.ts";
import type { Block, Table } from "../packages/documents/src/model/table.ts";
import { readExtractedText } from "../packages/documents/src/text/index.ts";
import type { WBlock, WCell, WDocument, WTable } from "../packages/documents/src/write/index.ts";
import { displayWidth, findSoffice, writeDocx, writePdf, writeXlsx } from "../packages/documents/src/write/index.ts";
import { CORPUS, compare, readCorpus } from "../packages/documents/test/corpus/corpus.ts";

/**
 * The documents rendered: across kinds (自评表, 绩效目标表, 三公经费, 评价报告, 预算公开), provinces and text layouts;
 * none of the held-out ones (they stay layouts the rules were not tuned to). See fixtures/corpus/README.md.
 */
export const RENDERED = [
  "ah-chizhou-tangxi-2022-pse-1",
  "sc-daying-jjdd-2019-pse-1",
  "yn-longyang-tfz-2022-pse-1",
  "he-langfang-spxx-2019-pse-1",
  "sx-yangquan-glzx-2021-pg-1",
  "hn-yueyangxian-nyncj-2022-pg-1",
  "sc-dazhou-2014-3p-1",
  "cn-mps-2011-3p-1",
  "hb-hanyang-2013-3p-1",
  "hi-sanya-2017-eval-1",
  "yn-pingbian-2022-eval-1",
  "gz-liupanshui-2023-bd-1",
];

export const RENDERED_DIR = join(CORPUS, "rendered");

/** How many leading columns hold labels (一级 / 二级 / 三级 names) that a form prints once per group. */
const LABEL_COLUMNS = 2;

/** The source table as a page-model table, with the merges its text shows. */
export function toWTable(t: Table): WTable {
  const width = Math.max(1, ...t.rows.map((r) => r.length));
  const texts = t.rows.map((r) => Array.from({ length: width }, (_, j) => r[j]?.text ?? ""));
  const rows: (WCell | null)[][] = texts.map((r) => r.map((text) => ({ text })));
  texts.forEach((r, i) => {
    const filled = r.filter((x) => x.trim() !== "").length;
    // a heading row inside the table: one cell across
    if (width > 1 && filled === 1 && r[0]!.trim() !== "") {
      rows[i] = [{ text: r[0]!, colSpan: width }, ...Array<null>(width - 1).fill(null)];
    }
  });
  // vertical merges in the label columns: an empty cell under a filled one, in a row that has other content
  for (let j = 0; j < Math.min(LABEL_COLUMNS, width - 1); j++) {
    for (let i = 1; i < rows.length; i++) {
      const cell = rows[i]![j];
      if (!cell) continue;
      if (cell.text.trim() !== "" || cell.colSpan) continue;
      const rest = rows[i]!.slice(j + 1).some((x) => x && x.text.trim() !== "");
      if (!rest) continue;
      // the origin: the nearest cell above in this column, a plain one-column cell with text
      let k = i - 1;
      while (k >= 0 && rows[k]![j] === null && (rows[k]![0]?.colSpan ?? 1) === 1) k--;
      const origin = k >= 0 ? rows[k]![j] : undefined;
      if (!origin || origin.text.trim() === "" || (origin.colSpan ?? 1) !== 1) continue;
      // every row in between must be covered in this column already (a run of one merge)
      origin.rowSpan = (origin.rowSpan ?? 1) + 1;
      rows[i]![j] = null;
    }
  }
  const widths = Array.from({ length: width }, (_, j) =>
    Math.min(30, Math.max(4, ...texts.map((r) => displayWidth(r[j] ?? "")))),
  );
  return { widths, rows };
}

/** The document's blocks as one page-model section: paragraphs (the first, before any table, as its title) and tables. */
export function toWDocument(id: string, blocks: Block[]): WDocument {
  const out: WBlock[] = [];
  let titled = false;
  let wide = false;
  for (const b of blocks) {
    if (b.type === "paragraph") {
      const title: boolean = !titled && out.length === 0 && b.text.length <= 60;
      titled ||= title;
      out.push({ type: "paragraph", text: b.text, style: title ? "title" : "body" });
    } else {
      const table = toWTable(b.table);
      wide ||= table.widths.length > 6;
      out.push({ type: "table", table });
    }
  }
  return {
    title: id,
    sections: [{ name: "Sheet1", orientation: wide ? "landscape" : "portrait", blocks: out }],
  };
}

async function main(only: string[]): Promise<void> {
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is needed for the PDFs: install libreoffice-writer-nogui");
  mkdirSync(RENDERED_DIR, { recursive: true });
  const wanted = new Set(only.length > 0 ? only : RENDERED);
  for (const { manifest, text } of readCorpus()) {
    if (!wanted.has(manifest.id)) continue;
    wanted.delete(manifest.id);
    const source = readExtractedText(text, manifest.file.split("/").pop()!);
    const outcome = compare(manifest, importDocument(source));
    if (!outcome.reproduced) {
      console.error(`${manifest.id}: not reproduced from its text today — not rendered`);
      continue;
    }
    const page = toWDocument(manifest.id, source.blocks);
    const docx = await writeDocx(page);
    const xlsx = await writeXlsx(page);
    const { pdf } = await writePdf(page, async () => docx, { engine: "libreoffice", soffice });
    writeFileSync(join(RENDERED_DIR, `${manifest.id}.docx`), docx);
    writeFileSync(join(RENDERED_DIR, `${manifest.id}.xlsx`), xlsx);
    writeFileSync(join(RENDERED_DIR, `${manifest.id}.pdf`), pdf);
    console.log(`${manifest.id}: docx ${docx.length} B, xlsx ${xlsx.length} B, pdf ${pdf.length} B`);
  }
  for (const id of wanted) console.error(`${id}: not in the corpus`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
