/**
 * 部门决算公开 printed from HTML on portrait pages, tables in narrow columns (scripts/disclosure-narrow-render.ts →
 * fixtures/disclosures/narrow/): pdftotext's layout text keeps one space between cells and wraps headers, so several
 * tables' rows cannot be told apart there; the tables are rebuilt from the words' positions (read/pdf-words.ts) and
 * read and judged like the text's. The clean document printed at other widths and with amounts aligned right reads
 * back the same figures; mistakes planted in tables only the positions could read are found.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reviewDocument } from "@jixiao/core";
import type { DisclosureRow, ImportResult } from "@jixiao/core/model";
import { describe, expect, it } from "vitest";
import { doubtOf } from "../../src/import/final-account.ts";
import { importDocument } from "../../src/import/index.ts";
import type { SourceDocument } from "../../src/model/table.ts";
import { readDocument } from "../../src/read/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { DISCLOSURES, renderedCases } from "./planted.ts";

const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const skipPdf = !hasPdftotext && !process.env.CI;

async function readNarrowSource(file: string): Promise<SourceDocument> {
  const read = await readDocument(new Uint8Array(readFileSync(join(DISCLOSURES, "narrow", file))), file);
  expect(read.format).toBe("pdf");
  if (read.format === "text") throw new Error("a PDF was expected");
  return read;
}
const readNarrow = async (id: string): Promise<ImportResult> => importDocument(await readNarrowSource(`${id}.pdf`));

const textOf = (id: string) => renderedCases().find((c) => c.id === id)!.text;
/** Each table's rows as label: amounts; with the column each amount is under for the kinds named. */
const figures = (r: ImportResult, withColumns: Set<string>) =>
  r.document.finalAccount?.tables.map(
    (t) =>
      `${t.kind}|${t.unit}|${t.rows
        .map((x) => `${x.label}:${x.cells.map((c) => (withColumns.has(t.kind) ? `${c.column}=` : "") + c.amount.fen)}`)
        .join(";")}`,
  );
const WITH_ROWS = [
  "summary",
  "income",
  "expenditure",
  "fiscalSummary",
  "generalExpenditure",
  "basicExpenditure",
  "threePublic",
];

describe("a 决算公开 printed in narrow portrait columns", () => {
  const fromText = () => importDocument(readExtractedText(textOf("clean-final-2022"), "clean-final-2022.txt"));

  for (const id of ["clean-final-2022", "clean-final-2022-w70", "clean-final-2022-w80", "clean-final-2022-w85-right"])
    it.skipIf(skipPdf)(
      `${id}: every table read from the words' positions, the text's figures, no finding`,
      async () => {
        const source = await readNarrowSource(`${id}.pdf`);
        // at full width and at 80%, the layout text alone leaves tables unread: the positions are what read them
        const layoutOnly = importDocument({ ...source, positioned: undefined });
        const rebuilt = new Set(layoutOnly.document.finalAccount!.tables.filter((t) => t.unread).map((t) => t.kind));
        // (at 70% and with amounts aligned right, pdftotext happens to keep two spaces between cells: read either way)
        if (id === "clean-final-2022" || id === "clean-final-2022-w80") expect(rebuilt.size).toBeGreaterThan(0);
        const r = importDocument(source);
        expect(r.kind).toBe("final-account-disclosure");
        const tables = r.document.finalAccount!.tables;
        expect(tables.filter((t) => t.unread).map((t) => `${t.title}：${t.unread!.zh}`)).toEqual([]);
        for (const kind of WITH_ROWS) expect(tables.find((t) => t.kind === kind)!.rows.length).toBeGreaterThan(0);
        expect(figures(r, rebuilt)).toEqual(figures(fromText(), rebuilt));
        const review = reviewDocument(r.document);
        expect(review.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
        expect(review.judged).toBe(true);
      },
    );

  it.skipIf(skipPdf)("a table the positions cannot read either stays 未能判断 with why", async () => {
    const source = await readNarrowSource("clean-final-2022.pdf");
    // positions of a document without its tables: nothing to take, the layout's doubt stands
    const r = importDocument({ ...source, positioned: source.blocks.filter((b) => b.type === "paragraph") });
    const review = reviewDocument(r.document);
    expect(review.judged).toBe(false);
    const unread = r.document.finalAccount!.tables.filter((t) => t.unread);
    expect(unread.length).toBeGreaterThan(0);
    for (const t of unread) {
      expect(t.rows).toEqual([]);
      expect(review.reasons[0]!.zh).toContain(`「${t.title}」：${t.unread!.zh}`);
    }
  });

  const planted: [string, string, RegExp][] = [
    ["planted-three-public-mismatch", "disclosure.three-public-mismatch", /公务接待费.*9\.30.*7\.30/],
    ["planted-table-sum", "disclosure.table-sum", /二、收入决算表.*3,?000\.00.*3,?010\.00/],
    ["planted-zero-total", "disclosure.zero-total", /为 0/],
    ["planted-narrative-table-mismatch", "disclosure.narrative-table-mismatch", /0\.3 万元.*财政拨款收入支出决算总表/],
  ];
  for (const [id, rule, message] of planted)
    it.skipIf(skipPdf)(`${id}: found by ${rule} in a table read from the positions`, async () => {
      const r = await readNarrow(id);
      const review = reviewDocument(r.document);
      const hit = review.findings.filter((f) => f.rule === rule);
      expect(hit.map((f) => f.message).join("\n")).toMatch(message);
      // the same findings as the planted text's
      const text = reviewDocument(importDocument(readExtractedText(textOf(id), `${id}.txt`)).document);
      expect(review.findings.map((f) => f.rule).sort()).toEqual(text.findings.map((f) => f.rule).sort());
    });
});

const cell = (column: string, fen: string) => ({
  column,
  amount: { text: fen, fen, unit: "万元" as const },
  location: { file: "x" },
});
const row = (label: string, cells: ReturnType<typeof cell>[], total?: DisclosureRow["total"]): DisclosureRow => ({
  label,
  cells,
  location: { file: "x" },
  ...(total ? { total } : {}),
});

describe("doubtOf: whether a table's rows were read with confidence", () => {
  const clean = [
    row("合计", [cell("本年支出合计", "300"), cell("基本支出", "200"), cell("项目支出", "100")], "total"),
    row("公共安全支出", [cell("本年支出合计", "300"), cell("基本支出", "200"), cell("项目支出", "100")]),
  ];
  it("a table read whole: confident", () => {
    expect(doubtOf("expenditure", clean)).toBeUndefined();
  });
  it("an amount under no header column", () => {
    const rows = [clean[0]!, row("公共安全支出", [cell("本年支出合计", "300"), cell("第4列", "200")])];
    expect(doubtOf("expenditure", rows)?.zh).toMatch(/1 个金额不在表头/);
  });
  it("an amount inside a label", () => {
    const rows = [clean[0]!, row("社会保障和就业支出150.00", [cell("本年支出合计", "150")])];
    expect(doubtOf("expenditure", rows)?.zh).toMatch(/名称中夹着金额/);
    expect(doubtOf("expenditure", [clean[0]!, row(".00600.00", [])])?.zh).toMatch(/夹着金额/);
  });
  it("no total row in a table that always has one; a 三公 table by items needs none", () => {
    expect(doubtOf("expenditure", [clean[1]!])?.zh).toMatch(/没有读出合计/);
    expect(doubtOf("threePublic", [row("公务接待费", [cell("决算数", "7")])])).toBeUndefined();
  });
});
