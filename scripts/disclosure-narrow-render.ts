/**
 * Prints disclosure documents the other way departments do: from HTML, on portrait A4 pages, tables at the page's
 * width so that the columns are narrow (headers wrap, pdftotext keeps one space between cells). The clean 部门决算公开
 * and a planted copy (packages/documents/test/disclosure/planted.ts) → fixtures/disclosures/narrow/<id>.pdf, read
 * back by packages/documents/test/disclosure/narrow.test.ts.
 *
 * Run: node_modules/.bin/tsx scripts/disclosure-narrow-render.ts      (needs LibreOffice: soffice or JIXIAO_SOFFICE)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { readExtractedText } from "../packages/documents/src/text/index.ts";
import { findSoffice } from "../packages/documents/src/write/index.ts";
import { DISCLOSURES, renderedCases } from "../packages/documents/test/disclosure/planted.ts";

export const NARROW_IDS = [
  "clean-final-2022",
  "planted-three-public-mismatch",
  "planted-table-sum",
  "planted-zero-total",
  "planted-narrative-table-mismatch",
];

/**
 * The clean 决算 printed again with its tables at other widths of the page and with amounts aligned right
 * (`<id>-w<width>[-right].pdf`): read back, every one gives the text's figures (narrow.test.ts).
 */
export const WIDTHS: { suffix: string; width: number; right: boolean }[] = [
  { suffix: "w70", width: 70, right: false },
  { suffix: "w80", width: 80, right: false },
  { suffix: "w85-right", width: 85, right: true },
];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function html(text: string, file: string, width = 100, right = false): string {
  let h =
    '<html><head><meta charset="utf-8"><style>@page{size:A4 portrait;margin:2cm}' +
    "table{border-collapse:collapse;width:100%}td{border:1px solid #000;font-size:10pt}</style></head><body>\n";
  // LibreOffice's HTML import takes a table's width and a cell's alignment from attributes, not from the style
  const td = (c: string) =>
    right && /^-?[\d,]+(\.\d+)?%?$/.test(c) ? `<td align="right">${esc(c)}</td>` : `<td>${esc(c)}</td>`;
  for (const b of readExtractedText(text, file).blocks) {
    if (b.type === "paragraph") h += `<p>${esc(b.text)}</p>\n`;
    else {
      h += width === 100 ? "<table>" : `<table width="${width}%">`;
      for (const r of b.table.rows) h += `<tr>${r.map((c) => td(c.text)).join("")}</tr>`;
      h += "</table>\n";
    }
  }
  return `${h}</body></html>\n`;
}

function main(): void {
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is needed: install libreoffice-writer-nogui");
  const work = mkdtempSync(join(tmpdir(), "jixiao-disclosure-narrow-"));
  try {
    const inputs: string[] = [];
    for (const c of renderedCases().filter((x) => NARROW_IDS.includes(x.id))) {
      const file = join(work, `${c.id}.html`);
      writeFileSync(file, html(c.text, `${c.id}.txt`));
      inputs.push(file);
      if (c.id !== "clean-final-2022") continue;
      for (const w of WIDTHS) {
        const variant = join(work, `${c.id}-${w.suffix}.html`);
        writeFileSync(variant, html(c.text, `${c.id}.txt`, w.width, w.right));
        inputs.push(variant);
      }
    }
    const out = join(work, "pdf");
    const run = spawnSync(
      soffice,
      [
        "--headless",
        "--norestore",
        "--nolockcheck",
        `-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`,
        "--convert-to",
        "pdf:writer_web_pdf_Export",
        "--outdir",
        out,
        ...inputs,
      ],
      { stdio: "inherit", timeout: 10 * 60_000 },
    );
    if (run.status !== 0) throw new Error(`soffice exited with ${run.status}`);
    const dest = join(DISCLOSURES, "narrow");
    mkdirSync(dest, { recursive: true });
    for (const f of readdirSync(out)) copyFileSync(join(out, f), join(dest, f));
    console.log(`${readdirSync(dest).length} files in ${dest}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
