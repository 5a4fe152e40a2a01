/**
 * Prints the published disclosure pages of fixtures/disclosures/ and their planted copies
 * (packages/documents/test/disclosure/real.ts) to PDF with LibreOffice, as the plain text they are (only their text is
 * published in the page store): fixtures/disclosures/real-pdf/<id>.pdf, read back by
 * packages/documents/test/disclosure/real.test.ts.
 *
 * Run: node_modules/.bin/tsx scripts/disclosure-real-render.ts      (needs LibreOffice: soffice on the PATH or JIXIAO_SOFFICE)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findSoffice } from "../packages/documents/src/write/index.ts";
import { REAL_PDF, realTexts } from "../packages/documents/test/disclosure/real.ts";

const soffice = findSoffice();
if (!soffice) throw new Error("LibreOffice (soffice) not found");
const dir = mkdtempSync(join(tmpdir(), "jixiao-real-"));
const texts = realTexts();
for (const t of texts) writeFileSync(join(dir, `${t.id}.txt`), t.text);
const r = spawnSync(
  soffice,
  [
    `-env:UserInstallation=file://${join(dir, "profile")}`,
    "--headless",
    "--infilter=Text (encoded):UTF8,LF,,,",
    "--convert-to",
    "pdf",
    "--outdir",
    join(dir, "out"),
    ...texts.map((t) => join(dir, `${t.id}.txt`)),
  ],
  { stdio: "inherit", timeout: 600_000 },
);
if (r.status !== 0) throw new Error(`soffice exited with ${r.status}`);
mkdirSync(REAL_PDF, { recursive: true });
for (const t of texts) copyFileSync(join(dir, "out", `${t.id}.pdf`), join(REAL_PDF, `${t.id}.pdf`));
rmSync(dir, { recursive: true, force: true });
console.log(`${texts.length} PDFs in ${REAL_PDF}`);
