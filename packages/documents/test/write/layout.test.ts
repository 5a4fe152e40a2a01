/**
 * The forms as tables: merged header cells, header rows repeated on each page (docx tblHeader, xlsx print
 * titles), A4 in the orientation each form needs, 宋体 through the eastAsia font attribute, amounts as the
 * forms print them (万元 with two decimals or more when needed, 元 with thousands separators).
 */
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { amountText, buildLayout, exportDocument, type Layout, type WCell } from "../../src/write/index.ts";
import { checkTable } from "../../src/write/model.ts";
import { projectSelfEvaluationSample, seedDocument } from "./fixtures.ts";

const count = (s: string, re: RegExp) => [...s.matchAll(re)].length;

const CASES: [Layout, string, "portrait" | "landscape"][] = [
  ["project-goals", "004_8649601bbeaed617", "portrait"],
  ["project-goals-national", "004_8649601bbeaed617", "portrait"],
  ["duty-activity-goals", "000_c8bf763ea5097ffd", "landscape"],
  ["department-self-evaluation", "002_720a01ff2c7d777f", "portrait"],
  ["department-expenditure-self-evaluation", "003_edf844a12b53980c", "landscape"],
  ["budget-disclosure", "001_cf6ae51127079c27", "portrait"],
];

describe("the forms as real tables", () => {
  for (const [layout, seed, orientation] of CASES) {
    it(`${layout}: merges, repeated headers, A4 ${orientation}, 宋体`, async () => {
      const doc = seedDocument(seed);
      const docx = unzipSync((await exportDocument(doc, { as: layout, format: "docx" })).data);
      const body = strFromU8(docx["word/document.xml"]!);
      expect(count(body, /<w:gridSpan /g) + count(body, /<w:vMerge/g)).toBeGreaterThan(0);
      expect(count(body, /<w:tblHeader\/?>/g)).toBeGreaterThan(0);
      // 宋体 and zh-CN in the document's default run style (cells), titles and report text in their own runs.
      const styles = strFromU8(docx["word/styles.xml"]!);
      expect(styles).toMatch(/<w:docDefaults>.*w:eastAsia="宋体".*<\/w:docDefaults>/s);
      expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
      const sizes = [...body.matchAll(/<w:pgSz w:w="(\d+)" w:h="(\d+)"( w:orient="landscape")?/g)];
      expect(sizes.length).toBeGreaterThan(0);
      const first = sizes[layout === "department-self-evaluation" ? 1 : 0] ?? sizes[0]!;
      const [w, h] = [Number(first[1]), Number(first[2])];
      expect([Math.min(w, h), Math.max(w, h)]).toEqual([11906, 16838]);
      expect(w > h).toBe(orientation === "landscape");

      const xlsx = unzipSync((await exportDocument(doc, { as: layout, format: "xlsx" })).data);
      const workbook = strFromU8(xlsx["xl/workbook.xml"]!);
      const sheets = Object.keys(xlsx).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
      const all = sheets.map((f) => strFromU8(xlsx[f]!)).join("\n");
      expect(count(all, /<mergeCell /g)).toBeGreaterThan(0);
      expect(all).toMatch(/<pageSetup [^>]*paperSize="9"/);
      expect(all).toContain(`orientation="${orientation}"`);
      expect(all).toMatch(/fitToPage="1"/);
      if (layout !== "budget-disclosure") expect(workbook).toContain("_xlnm.Print_Titles");
      expect(strFromU8(xlsx["xl/styles.xml"]!)).toContain('val="宋体"');
    });
  }

  it("every layout's tables are rectangular with consistent merges", () => {
    const docs: [Layout, () => ReturnType<typeof seedDocument>][] = [
      ...CASES.map(([l, s]) => [l, () => seedDocument(s)] as [Layout, () => ReturnType<typeof seedDocument>]),
      ["project-self-evaluation", projectSelfEvaluationSample],
      ["duty-activity-goals", () => seedDocument("001_cf6ae51127079c27")],
    ];
    for (const [layout, make] of docs) {
      const page = buildLayout(make(), layout);
      for (const s of page.sections) for (const b of s.blocks) if (b.type === "table") checkTable(b.table);
    }
  });
});

describe("amounts as the forms print them", () => {
  const cells = (layout: Layout, seed: string) =>
    buildLayout(seedDocument(seed), layout)
      .sections.flatMap((s) => s.blocks)
      .flatMap((b) => (b.type === "table" ? b.table.rows.flat() : []))
      .filter((c): c is WCell => c !== null)
      .map((c) => c.text);

  it("万元 with two decimals (seed 004's 50.00, seed 000's 349 → 349.00)", () => {
    expect(cells("project-goals", "004_8649601bbeaed617")).toContain("50.00");
    expect(cells("duty-activity-goals", "000_c8bf763ea5097ffd")).toContain("349.00");
  });

  it("元 with thousands separators and two decimals, under the unit the header stated (seed 003: 万元)", () => {
    const texts = cells("department-expenditure-self-evaluation", "003_edf844a12b53980c");
    expect(texts).toContain("170,294,599.63");
    expect(texts).toContain("-3,361,340.55");
    // the seed's own mistake kept: its header says 万元 over figures in 元 (roundtrip.test.ts reads it back)
    expect(texts).toContain("部门预算资金（万元）");
  });

  it("never rounds money away: 0.485 万元 stays 0.485; an amount that is not one is written as written", () => {
    expect(amountText({ text: "0.485", unit: "万元", fen: "485000", yuan: "4850.00" })).toBe("0.485");
    expect(amountText({ text: "4850", unit: "元", fen: "485000", yuan: "4850.00" })).toBe("4,850.00");
    expect(amountText({ text: "4850", unit: "元", fen: "485000", yuan: "4850.00" }, "万元")).toBe("0.485");
    expect(amountText({ text: "**", unit: "万元" })).toBe("**");
  });

  it("stated values are written as stated (targets, rates, scores)", () => {
    const texts = cells("department-self-evaluation", "002_720a01ff2c7d777f");
    for (const t of ["大于 90%", "88.3%", "18", "92", "双评议满意率 92.22%"]) expect(texts).toContain(t);
    const goals = cells("project-goals", "004_8649601bbeaed617");
    for (const t of ["≤500元/人/天", "2024年12月30日前", "≥90百分比", "<0.1%"]) expect(goals).toContain(t);
  });
});
