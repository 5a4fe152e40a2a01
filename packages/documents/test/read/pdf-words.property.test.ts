/**
 * Tables rebuilt from words' positions (src/read/pdf-words.ts), generated: a page of one table — columns of any widths
 * with a gutter between them, each cell placed anywhere across its column (left, right, centred or at any offset) and
 * at the top or the middle of its row, a label wrapped over one to three lines stacked as a PDF prints them, amounts
 * of any length — as `pdftotext -bbox-layout` gives it (each cell a block of lines of words) reads back every row and
 * every cell, the label's lines joined. Printed through LibreOffice, such tables are what narrow.test.ts reads.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PdfLine, type PdfPage, pdfWordPages, positionedBlocks } from "../../src/read/pdf-words.ts";
import { findSoffice } from "../../src/write/index.ts";

const H = 10; // a line's height
const CJK_W = 10; // a Chinese character's width
const DIGIT_W = 5;

interface GenCell {
  /** The cell's lines (a wrapped label: several). */
  lines: string[];
  /** Where across its column's free width (0 left … 1 right). */
  across: number;
  /** At the top of the row or in its middle. */
  middle: boolean;
}

const widthOf = (s: string) => [...s].reduce((w, ch) => w + (/\d|\./.test(ch) ? DIGIT_W : CJK_W), 0);

const HAN = "公共安全支出社会保障和就业住房教育卫生健康农林水节能环保文化旅游体育与传媒一般服务".split("");
const label = fc.array(fc.constantFrom(...HAN), { minLength: 2, maxLength: 12 }).chain((chars) =>
  fc.integer({ min: 1, max: Math.min(3, chars.length) }).map((lines) => {
    // wrapped into `lines` lines of (nearly) equal length, as a narrow cell wraps
    const per = Math.ceil(chars.length / lines);
    const out: string[] = [];
    for (let i = 0; i < chars.length; i += per) out.push(chars.slice(i, i + per).join(""));
    return out;
  }),
);
const amount = fc
  .tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 99 }))
  .map(([a, b]) => [`${a}.${String(b).padStart(2, "0")}`]);

const cellOf = (lines: fc.Arbitrary<string[]>) =>
  fc.record({ lines, across: fc.double({ min: 0, max: 1, noNaN: true }), middle: fc.boolean() });

/** A table: a label column and 1–5 amount columns, 2–10 rows. */
const table = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.record({
    rows: fc.array(fc.tuple(cellOf(label), fc.array(cellOf(amount), { minLength: n, maxLength: n })), {
      minLength: 2,
      maxLength: 10,
    }),
    /** Each column's slack beyond its widest cell, and the gutter after it. */
    slack: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: n + 1, maxLength: n + 1 }),
    gutter: fc.array(fc.integer({ min: 2, max: 12 }), { minLength: n + 1, maxLength: n + 1 }),
  }),
);

/** The page pdftotext gives for the table: each cell a block, its lines stacked one under the other. */
function pageOf(t: { rows: [GenCell, GenCell[]][]; slack: number[]; gutter: number[] }): PdfPage {
  const grid: GenCell[][] = t.rows.map(([l, vs]) => [l, ...vs]);
  const cols = grid[0]!.length;
  const widths = Array.from(
    { length: cols },
    (_, j) => Math.max(...grid.map((r) => Math.max(...r[j]!.lines.map(widthOf)))) + t.slack[j]!,
  );
  const lefts: number[] = [];
  let x = 50;
  for (let j = 0; j < cols; j++) {
    lefts.push(x);
    x += widths[j]! + t.gutter[j]!;
  }
  const blocks: PdfLine[][] = [];
  let top = 100;
  for (const r of grid) {
    const height = Math.max(...r.map((c) => c.lines.length)) * (H + 1);
    r.forEach((c, j) => {
      const own = c.lines.length * (H + 1);
      let y = c.middle ? top + (height - own) / 2 : top;
      const lines: PdfLine[] = [];
      for (const text of c.lines) {
        const w = widthOf(text);
        const x0 = lefts[j]! + (widths[j]! - w) * c.across;
        lines.push({ words: [{ x0, x1: x0 + w, y0: y, y1: y + H, text }], x0, y0: y, y1: y + H });
        y += H + 1;
      }
      blocks.push(lines);
    });
    top += height + 4;
  }
  return { blocks };
}

describe("tables rebuilt from words' positions, cells placed anywhere", () => {
  it("read back every row and cell (a wrapped label joined)", () => {
    fc.assert(
      fc.property(table, (t) => {
        const blocks = positionedBlocks([pageOf(t)], "g.pdf");
        expect(blocks).toHaveLength(1);
        const b = blocks[0]!;
        if (b.type !== "table") throw new Error("a table was expected");
        expect(b.table.rows.map((r) => r.map((c) => c.text))).toEqual(
          t.rows.map(([l, vs]) => [l.lines.join(""), ...vs.map((v) => v.lines.join(""))]),
        );
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * The same, printed: generated tables (labels of up to ten characters that wrap in the narrow columns, amounts up to
 * 999999.99, each cell aligned left, right or centred at random — a label set right against an amount set left leaves
 * no gap the text shows —, 1–5 amount columns, the table at 70–100% of a portrait page, a table to a page) written as
 * HTML and printed to PDF by LibreOffice in one run, read back from `pdftotext -bbox-layout` as `jixiao import` reads
 * a PDF. Outside what is read whole (and so left out here): a label wrapped over more than three lines, a number
 * broken over lines, a cell wrapped across a page break.
 */
describe("generated tables printed by LibreOffice in narrow columns", () => {
  const soffice = findSoffice();
  const poppler = (() => {
    try {
      execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  const printed = fc.record({
    width: fc.integer({ min: 70, max: 100 }),
    n: fc.integer({ min: 1, max: 5 }),
    rows: fc.array(
      fc.record({
        label: fc.array(fc.constantFrom(...HAN), { minLength: 2, maxLength: 10 }).map((cs) => cs.join("")),
        // amounts that fit their column (a number is not broken over lines: 6 digits before the point at most)
        amounts: fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 }))
            .map(([a, b]) => `${a}.${String(b).padStart(2, "0")}`),
          { minLength: 5, maxLength: 5 },
        ),
        align: fc.array(fc.constantFrom("left", "right", "center"), { minLength: 6, maxLength: 6 }),
      }),
      // a table to a page (a table broken over pages with a cell wrapped across the break is not read whole: the
      // fixtures README says so)
      { minLength: 2, maxLength: 6 },
    ),
  });

  it.skipIf(!soffice || !poppler)(
    "every table reads back its rows and cells",
    async () => {
      const tables = fc.sample(printed, { numRuns: 24, seed: 18 });
      const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
      let html =
        '<html><head><meta charset="utf-8"><style>@page{size:A4 portrait;margin:2cm}td{border:1px solid #000;font-size:10pt}</style></head><body>\n';
      for (const [k, t] of tables.entries()) {
        html += `<p style="page-break-before: always">生成表${k + 1}</p>\n<table width="${t.width}%" style="border-collapse:collapse">`;
        for (const r of t.rows) {
          const cells = [r.label, ...r.amounts.slice(0, t.n)];
          html += `<tr>${cells.map((c, j) => `<td align="${r.align[j]}">${esc(c)}</td>`).join("")}</tr>`;
        }
        html += "</table>\n";
      }
      html += "</body></html>\n";
      const dir = mkdtempSync(join(tmpdir(), "jixiao-pdf-words-"));
      try {
        writeFileSync(join(dir, "t.html"), html);
        execFileSync(
          soffice!,
          [
            "--headless",
            "--norestore",
            "--nolockcheck",
            `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
            "--convert-to",
            "pdf:writer_web_pdf_Export",
            "--outdir",
            dir,
            join(dir, "t.html"),
          ],
          { stdio: "ignore", timeout: 240_000 },
        );

        const pages = await pdfWordPages(new Uint8Array(readFileSync(join(dir, "t.pdf"))));
        const blocks = positionedBlocks(pages!, "t.pdf");
        const read = blocks.flatMap((b) => (b.type === "table" ? [b.table.rows.map((r) => r.map((c) => c.text))] : []));
        expect(read).toEqual(tables.map((t) => t.rows.map((r) => [r.label, ...r.amounts.slice(0, t.n)])));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
