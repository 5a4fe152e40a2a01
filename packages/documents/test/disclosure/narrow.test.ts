/**
 * 部门决算公开 printed from HTML on portrait pages, tables in narrow columns (scripts/disclosure-narrow-render.ts →
 * fixtures/disclosures/narrow/): pdftotext keeps one space between cells, headers wrap, so several tables' rows
 * cannot be told apart. Such a table is not judged (未能判断, with why) instead of raising false errors; the tables
 * read whole still are, and a mistake planted in one of them is found.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reviewDocument } from "@jixiao/core";
import type { DisclosureRow, ImportResult } from "@jixiao/core/model";
import { describe, expect, it } from "vitest";
import { doubtOf } from "../../src/import/final-account.ts";
import { importDocument } from "../../src/import/index.ts";
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

async function readNarrow(id: string): Promise<ImportResult> {
  const file = `${id}.pdf`;
  const read = await readDocument(new Uint8Array(readFileSync(join(DISCLOSURES, "narrow", file))), file);
  expect(read.format).toBe("pdf");
  if (read.format === "text") throw new Error("a PDF was expected");
  return importDocument(read);
}

const textOf = (id: string) => renderedCases().find((c) => c.id === id)!.text;
const rowsOf = (r: ImportResult, kind: string) =>
  r.document.finalAccount?.tables
    .find((t) => t.kind === kind)
    ?.rows.map((x) => `${x.label}:${x.cells.map((c) => c.amount.fen).join(",")}`);

describe("a 决算公开 printed in narrow portrait columns", () => {
  it.skipIf(skipPdf)(
    "clean: no finding; the tables whose rows ran together are 未能判断 with why",
    {
      timeout: 60_000,
    },
    async () => {
      const r = await readNarrow("clean-final-2022");
      expect(r.kind).toBe("final-account-disclosure");
      const review = reviewDocument(r.document);
      expect(review.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      expect(review.judged).toBe(false);
      const unread = r.document.finalAccount!.tables.filter((t) => t.unread);
      expect(unread.map((t) => t.kind)).toEqual(
        expect.arrayContaining(["summary", "income", "expenditure", "fiscalSummary", "generalExpenditure"]),
      );
      for (const t of unread) {
        expect(t.rows).toEqual([]);
        expect(review.reasons[0]!.zh).toContain(`「${t.title}」：${t.unread!.zh}`);
      }
      // the tables read whole are the text's
      const fromText = importDocument(readExtractedText(textOf("clean-final-2022"), "clean-final-2022.txt"));
      for (const kind of ["basicExpenditure", "threePublic"]) expect(rowsOf(r, kind)).toEqual(rowsOf(fromText, kind));
    },
  );

  it.skipIf(skipPdf)(
    "planted 公务接待费 in the narrative: found against the 三公 table read whole",
    {
      timeout: 60_000,
    },
    async () => {
      const r = await readNarrow("planted-three-public-mismatch");
      const review = reviewDocument(r.document);
      const hit = review.findings.filter((f) => f.rule === "disclosure.three-public-mismatch");
      expect(hit.map((f) => f.message).join("\n")).toMatch(/公务接待费.*9\.30.*7\.30/);
      expect(review.findings.every((f) => /公务接待费/.test(f.message))).toBe(true);
    },
  );
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
