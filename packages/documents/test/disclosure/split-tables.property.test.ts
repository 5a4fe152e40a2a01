/**
 * A table continued on the next page is one table: the two clean disclosures of fixtures/disclosures/ (a 决算 in `|`
 * rows, a 预算 in tab rows) with a page break put between two data rows of any of their tables, the way a PDF's text
 * layer gives it — a form feed, maybe a page number printed alone before it (`7`, `- 7 -`, `第 7 页`), then on the new
 * page maybe `续表`, the title printed again (with or without `（续）`), the 部门 / 单位 line again, the header rows
 * again. Read as `jixiao import` reads a text (readExtractedText, importDocument), every generated document gives
 * exactly the tables of the unbroken one (kind, unit, every row's label and amounts) and raises no finding.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reviewDocument } from "@jixiao/core";
import type { ImportResult } from "@jixiao/core/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellShape, organisationOfLine, tableTitleKind, unitOfLine } from "../../src/disclosure/tables.ts";
import { isContinuationMark, sameTitle, titleWords } from "../../src/import/final-account.ts";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { DISCLOSURES } from "./planted.ts";
import { importText } from "./support.ts";

const isRow = (line: string) => /[|\t]/.test(line);
const cellsOf = (line: string) => line.split(/[|\t]/).map((c) => c.trim());
const hasValue = (line: string) => cellsOf(line).some((c) => cellShape(c, false) === "number");

interface Gap {
  /** The break goes after this line (0-based). */
  after: number;
  title: string;
  /** The 部门 / 单位 lines under the title and the header rows, as printed. */
  heads: string[];
  header: string[];
}

/** Every place between two data rows of one table where a page may break. */
function gaps(lines: string[]): Gap[] {
  const out: Gap[] = [];
  let title: string | undefined;
  let heads: string[] = [];
  let header: string[] = [];
  let data = 0;
  lines.forEach((line, i) => {
    if (tableTitleKind(line.trim())) {
      title = line.trim();
      heads = [];
      header = [];
      data = 0;
      return;
    }
    if (title === undefined) return;
    if (unitOfLine(line) || organisationOfLine(line)) {
      heads.push(line);
      return;
    }
    if (!isRow(line)) {
      title = undefined;
      return;
    }
    if (!hasValue(line)) {
      if (data === 0) header.push(line);
      return;
    }
    data += 1;
    const next = lines[i + 1] ?? "";
    if (data >= 1 && isRow(next) && hasValue(next)) out.push({ after: i, title, heads, header: [...header] });
  });
  return out;
}

function summary(r: ImportResult) {
  return (r.document.finalAccount?.tables ?? []).map((t) => ({
    kind: t.kind,
    title: t.title,
    unit: t.unit,
    rows: t.rows.map((x) => `${x.code ?? ""}${x.label}:${x.cells.map((c) => `${c.column}=${c.amount.fen}`).join(",")}`),
  }));
}

const read = (text: string, file: string) => importDocument(readExtractedText(text, file));

const breakArb = fc.record({
  pageNumber: fc.constantFrom(undefined, "7", "- 7 -", "第 7 页", "12"),
  mark: fc.constantFrom("none", "续表", "（续表）", "title", "title（续）", "title-bare"),
  heads: fc.boolean(),
  header: fc.boolean(),
});

describe("a table broken over two pages is read as one table", () => {
  for (const name of ["clean-final-2022.txt", "clean-budget-2024.txt"]) {
    const text = readFileSync(join(DISCLOSURES, name), "utf8");
    const lines = text.split("\n");
    const places = gaps(lines);
    const whole = read(text, name);

    it(`${name}: there are places to break (a table with two data rows or more)`, () => {
      expect(places.length).toBeGreaterThan(10);
      expect(reviewDocument(whole.document).findings).toEqual([]);
    });

    it(`${name}: any break, with any of what a new page repeats, gives the same tables and no finding`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: places.length - 1 }), breakArb, (pi, br) => {
          const g = places[pi]!;
          const inserted: string[] = [];
          if (br.pageNumber) inserted.push(br.pageNumber);
          const newPage: string[] = [];
          if (br.mark === "续表" || br.mark === "（续表）") newPage.push(br.mark);
          if (br.mark === "title") newPage.push(g.title);
          if (br.mark === "title（续）") newPage.push(`${g.title}（续）`);
          // the title without its number (`收入决算表` for `二、收入决算表`)
          if (br.mark === "title-bare") newPage.push(titleWords(g.title));
          if (br.heads) newPage.push(...g.heads);
          if (br.header) newPage.push(...g.header);
          newPage.push(lines[g.after + 1]!);
          const out = [
            ...lines.slice(0, g.after + 1),
            ...inserted,
            `\f${newPage[0]}`,
            ...newPage.slice(1),
            ...lines.slice(g.after + 2),
          ].join("\n");
          const broken = read(out, name);
          expect(broken.kind).toBe("final-account-disclosure");
          expect(summary(broken)).toEqual(summary(whole));
          expect(reviewDocument(broken.document).findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });
  }

  it("without a page break, the same title again starts another table (only 续 or a new page continue one)", () => {
    const text = [
      "示范局2022年度部门决算",
      "一、收入决算表",
      "单位：万元",
      "项目 | 决算数",
      "甲 | 1.00",
      "合计 | 1.00",
      "一、收入决算表",
      "单位：万元",
      "项目 | 决算数",
      "乙 | 2.00",
      "合计 | 2.00",
    ].join("\n");
    const doc = importText(text);
    expect(doc.finalAccount?.tables.filter((t) => t.kind === "income").length).toBe(2);
  });

  it("names: the marks and titles the rule accepts", () => {
    for (const m of ["续表", "（续表）", "(续)", "续上表", "续表："]) expect(isContinuationMark(m)).toBe(true);
    for (const m of ["继续", "续表如下所示", "7", "表"]) expect(isContinuationMark(m)).toBe(false);
    expect(sameTitle("二、收入决算表（续）", "二、收入决算表")).toBe(true);
    expect(sameTitle("示范局2022年度收入决算表", "收入决算表")).toBe(true);
    expect(sameTitle("收入决算表", "支出决算表")).toBe(false);
    expect(sameTitle("一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表")).toBe(false);
  });
});
