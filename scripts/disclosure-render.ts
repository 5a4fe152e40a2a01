/**
 * Renders the disclosure documents (packages/documents/test/disclosure/planted.ts: the clean 部门决算 / 部门预算公开 of
 * fixtures/disclosures/ and one planted copy per `disclosure.*` rule) to PDF the way a department prints one: the
 * text's blocks through the project's page model and Word writer (landscape pages, so that amounts fit their
 * columns; headers still wrap in narrow columns as they do in published PDFs), then LibreOffice's PDF export, all
 * files in one LibreOffice run. Output: fixtures/disclosures/rendered/<id>.pdf and the <id>.docx printed, read back by
 * packages/documents/test/disclosure/rendered.test.ts.
 *
 * Run: node_modules/.bin/tsx scripts/disclosure-render.ts [ids…]      (needs LibreOffice: soffice on the PATH or
 * JIXIAO_SOFFICE; with ids, only those cases are rendered and the other files stay)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Block } from "../packages/documents/src/model/table.ts";
import { readExtractedText } from "../packages/documents/src/text/index.ts";
import type { WBlock, WDocument } from "../packages/documents/src/write/index.ts";
import { displayWidth, findSoffice, writeDocx } from "../packages/documents/src/write/index.ts";
import { RENDERED_DISCLOSURES, renderedCases } from "../packages/documents/test/disclosure/planted.ts";

/**
 * The blocks as a landscape page: paragraphs (the first as the title) and tables cell for cell — no merges (the
 * corpus script's vertical merges of label columns would join a 科目名称 with the 合计 row under it).
 */
function toPage(id: string, blocks: Block[]): WDocument {
  const out: WBlock[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph") {
      out.push({ type: "paragraph", text: b.text, style: out.length === 0 ? "title" : "body" });
      continue;
    }
    const width = Math.max(1, ...b.table.rows.map((r) => r.length));
    const texts = b.table.rows.map((r) => Array.from({ length: width }, (_, j) => r[j]?.text ?? ""));
    const widths = Array.from({ length: width }, (_, j) =>
      Math.min(30, Math.max(4, ...texts.map((r) => displayWidth(r[j] ?? "")))),
    );
    out.push({ type: "table", table: { widths, rows: texts.map((r) => r.map((text) => ({ text }))) } });
  }
  return { title: id, sections: [{ name: "Sheet1", orientation: "landscape", blocks: out }] };
}

async function main(): Promise<void> {
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is needed: install libreoffice-writer-nogui");
  const work = mkdtempSync(join(tmpdir(), "jixiao-disclosure-render-"));
  try {
    const inputs: string[] = [];
    // ids given on the command line: only those are rendered, the other files stay
    const only = process.argv.slice(2);
    const cases = renderedCases().filter((c) => only.length === 0 || only.includes(c.id));
    for (const c of cases) {
      const file = join(work, `${c.id}.docx`);
      writeFileSync(file, await writeDocx(toPage(c.id, readExtractedText(c.text, `${c.id}.txt`).blocks)));
      inputs.push(file);
    }
    const out = join(work, "pdf");
    const profile = pathToFileURL(join(work, "profile")).href;
    const run = spawnSync(
      soffice,
      [
        "--headless",
        "--norestore",
        "--nolockcheck",
        `-env:UserInstallation=${profile}`,
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        out,
        ...inputs,
      ],
      { stdio: "inherit", timeout: 20 * 60_000 },
    );
    if (run.status !== 0) throw new Error(`soffice exited with ${run.status}`);
    if (only.length === 0) rmSync(RENDERED_DISCLOSURES, { recursive: true, force: true });
    mkdirSync(RENDERED_DISCLOSURES, { recursive: true });
    for (const f of readdirSync(out)) copyFileSync(join(out, f), join(RENDERED_DISCLOSURES, f));
    // the Word files too: the same documents as a department's .docx (paragraphs and Word tables)
    for (const f of inputs) copyFileSync(f, join(RENDERED_DISCLOSURES, f.split("/").pop()!));
    console.log(`${readdirSync(RENDERED_DISCLOSURES).length} files in ${RENDERED_DISCLOSURES}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
