/**
 * PDF: each document rendered, its pages drawn to PNG with pdftoppm, its text extracted with pdftotext and
 * compared with the data (every indicator name and target value present, no replacement character), and its
 * fonts listed with pdffonts (every font embedded, a CJK one among them). With JIXIAO_SCREENSHOTS=1 the first
 * page of each document is saved as docs/screenshots/export-<layout>.png.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DomainError } from "@jixiao/core";
import type { ImportedDocument, Indicator } from "@jixiao/core/model";
import { describe, expect, it } from "vitest";
import { allIndicators } from "../../src/import/index.ts";
import {
  exportDocument,
  findSoffice,
  type Layout,
  type PdfEngine,
  pdfEngine,
  writePdf,
} from "../../src/write/index.ts";
import { buildLayout } from "../../src/write/layouts.ts";
import { projectSelfEvaluationSample, ROOT, seedDocument } from "./fixtures.ts";

const has = (bin: string) => {
  try {
    execFileSync("which", [bin], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const POPPLER = has("pdftotext") && has("pdftoppm") && has("pdffonts");

const CASES: [Layout, () => ImportedDocument][] = [
  ["project-goals", () => seedDocument("004_8649601bbeaed617")],
  ["project-goals-national", () => seedDocument("004_8649601bbeaed617")],
  ["duty-activity-goals", () => seedDocument("000_c8bf763ea5097ffd")],
  ["department-self-evaluation", () => seedDocument("002_720a01ff2c7d777f")],
  ["department-expenditure-self-evaluation", () => seedDocument("003_edf844a12b53980c")],
  ["project-self-evaluation", projectSelfEvaluationSample],
  ["budget-disclosure", () => seedDocument("001_cf6ae51127079c27")],
];

const squash = (s: string) => s.replace(/\s+/g, "");

/** The indicators a layout prints. */
function printed(doc: ImportedDocument, layout: Layout): Indicator[] {
  switch (layout) {
    case "project-goals":
    case "project-goals-national":
      return doc.projects.flatMap((p) => p.indicators);
    case "duty-activity-goals":
    case "budget-disclosure":
      return doc.dutyGoals.flatMap((t) =>
        t.duties.flatMap((d) => [...d.indicators, ...d.activities.flatMap((a) => a.indicators)]),
      );
    default:
      return allIndicators(doc);
  }
}

function checkPdf(pdf: Uint8Array, doc: ImportedDocument, layout: Layout, screenshot?: string) {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-pdf-test-"));
  const file = join(dir, "out.pdf");
  writeFileSync(file, pdf);
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");

  // Text: every indicator's name and target, as the data holds them, and no replacement character.
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  expect(text).not.toContain("\uFFFD");
  const flat = squash(text);
  const inds = printed(doc, layout);
  expect(inds.length).toBeGreaterThan(0);
  const missing: string[] = [];
  const clean = squash;
  for (const ind of inds) {
    if (!flat.includes(clean(ind.name))) missing.push(`name ${ind.name}`);
    const t = ind.target?.text ?? ind.tiers?.excellent.text;
    if (t && !flat.includes(clean(t))) missing.push(`target ${t}`);
  }
  expect(missing).toEqual([]);

  // Fonts: all embedded, a CJK face among them (no tofu: the Chinese glyphs are in the file).
  const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" })
    .split("\n")
    .slice(2)
    .filter((l) => l.trim());
  expect(fonts.length).toBeGreaterThan(0);
  for (const line of fonts) expect(line, line).toMatch(/\byes\s+yes\s+yes\b|\byes\s+(yes|no)\s+yes\b/);
  expect(fonts.some((l) => /CJK|Song|Hei|Fang/i.test(l))).toBe(true);

  // Pages drawn to PNG.
  execFileSync("pdftoppm", ["-r", "40", "-png", "-f", "1", "-l", "2", file, join(dir, "page")]);
  const pngs = readdirSync(dir).filter((f) => f.endsWith(".png"));
  expect(pngs.length).toBeGreaterThan(0);
  for (const png of pngs) expect(readFileSync(join(dir, png)).subarray(1, 4).toString()).toBe("PNG");
  if (screenshot) {
    execFileSync("pdftoppm", ["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", file, join(dir, "shot")]);
    copyFileSync(join(dir, "shot.png"), screenshot);
  }
}

const engine: PdfEngine | undefined = pdfEngine();

describe.skipIf(!POPPLER || !engine)(`PDF (${engine ?? "no engine"})`, () => {
  for (const [layout, make] of CASES) {
    it(`${layout}: text equals the data, fonts embedded, pages render`, async () => {
      const doc = make();
      const out = await exportDocument(doc, { as: layout, format: "pdf" });
      expect(out.engine).toBe(engine);
      const shot = process.env.JIXIAO_SCREENSHOTS ? join(ROOT, "docs/screenshots", `export-${layout}.png`) : undefined;
      checkPdf(out.data, doc, layout, shot);
    });
  }

  it("pdfmake draws the same text when LibreOffice is not there", async () => {
    if (!pdfEngine({ engine: "pdfmake" })) return;
    const doc = seedDocument("000_c8bf763ea5097ffd");
    const page = buildLayout(doc, "duty-activity-goals");
    const { pdf, engine: used } = await writePdf(page, async () => new Uint8Array(), {
      engine: "pdfmake",
    });
    expect(used).toBe("pdfmake");
    checkPdf(pdf, doc, "duty-activity-goals");
  });

  it("two LibreOffice conversions at once both produce their PDF (one profile each)", async () => {
    if (!findSoffice()) return;
    const a = seedDocument("000_c8bf763ea5097ffd");
    const b = seedDocument("003_edf844a12b53980c");
    const [x, y] = await Promise.all([
      exportDocument(a, { as: "duty-activity-goals", format: "pdf", pdf: { engine: "libreoffice" } }),
      exportDocument(b, {
        as: "department-expenditure-self-evaluation",
        format: "pdf",
        pdf: { engine: "libreoffice" },
      }),
    ]);
    expect(x.data.length).toBeGreaterThan(1000);
    expect(y.data.length).toBeGreaterThan(1000);
  });
});

describe("PDF without an engine", () => {
  it("says plainly, in Chinese and English, that neither LibreOffice nor a CJK font is available", async () => {
    const page = buildLayout(seedDocument("000_c8bf763ea5097ffd"), "duty-activity-goals");
    const err = await writePdf(page, async () => new Uint8Array(), {
      soffice: "/nonexistent/soffice",
      fontPaths: ["/nonexistent/font.ttc"],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.text.zh).toContain("LibreOffice");
    expect(err.text.zh).toContain("中文字体");
    expect(err.text.en).toContain("neither LibreOffice");
  });

  it.skipIf(!existsSync("/bin/sleep"))(
    "a conversion that hangs is stopped at the timeout with a clear error",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "jixiao-fake-soffice-"));
      const fake = join(dir, "soffice");
      writeFileSync(fake, "#!/bin/sh\nexec sleep 30\n", { mode: 0o755 });
      const page = buildLayout(seedDocument("000_c8bf763ea5097ffd"), "duty-activity-goals");
      const err = await writePdf(page, async () => new Uint8Array([1, 2, 3]), {
        engine: "libreoffice",
        soffice: fake,
        timeoutMs: 500,
      }).catch((e) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err.text.zh).toContain("超时");
    },
  );
});
