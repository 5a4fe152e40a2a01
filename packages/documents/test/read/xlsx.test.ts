import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { SourceDocument, Table } from "../../src/model/table.ts";
import {
  formatDateKind,
  isPercentFormat,
  numberText,
  parseRef,
  percentText,
  readXlsx,
  serialToIso,
} from "../../src/read/xlsx.ts";
import { buildXlsx, expectedCells, PROJECT_GOAL_SPEC } from "./build.ts";
import { minimalXlsx } from "./make-fixtures.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const tables = (doc: SourceDocument): Table[] => doc.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
const texts = (t: Table) => t.rows.map((r) => r.map((c) => c.text));
const SS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
const sheet = (data: string, tail = "") =>
  `<?xml version="1.0"?><worksheet ${SS}><sheetData>${data}</sheetData>${tail}</worksheet>`;

describe("readXlsx", () => {
  it("reads the generated 项目支出绩效目标表 cell by cell (committed fixture)", () => {
    const doc = readXlsx(readFileSync(join(root, "fixtures/generated/project-goal.xlsx")), "project-goal.xlsx");
    expect(doc.format).toBe("xlsx");
    const [t] = tables(doc);
    expect(t!.location).toEqual({ file: "project-goal.xlsx", sheet: "项目支出绩效目标表" });
    const expected = expectedCells(PROJECT_GOAL_SPEC);
    for (let r = 0; r < expected.length; r++)
      for (let c = 0; c < expected[r]!.length; c++) expect([r, c, t!.rows[r]![c]]).toEqual([r, c, expected[r]![c]]);
    expect(t!.sourceRows).toEqual(expected.map((_, i) => i + 1));
  });

  it("gives one table per sheet, named by the sheet, with the real row numbers", async () => {
    const buf = await buildXlsx([
      { name: "封面", spec: [[{ text: "2024年部门整体支出绩效自评表" }]] },
      {
        name: "自评表",
        spec: [
          [{ text: "指标" }, { text: "得分" }],
          [{ text: "产出" }, { text: "18" }],
        ],
        startRow: 4,
      },
    ]);
    const ts = tables(readXlsx(buf, "two.xlsx"));
    expect(ts.map((t) => t.location.sheet)).toEqual(["封面", "自评表"]);
    expect(ts[1]!.sourceRows).toEqual([4, 5]);
    expect(texts(ts[1]!)).toEqual([
      ["指标", "得分"],
      ["产出", "18"],
    ]);
  });

  it("keeps numbers as stored, removes float noise, writes exponents out", () => {
    const cells = [
      ["A1", "0.485"],
      ["B1", "1234.5600000000001"],
      ["C1", "0.30000000000000004"],
      ["D1", "1E-3"],
      ["E1", "1.2345678901234E+17"],
      ["F1", "100"],
      ["G1", "-0.5"],
      ["H1", "4850.00"],
    ]
      .map(([r, v]) => `<c r="${r}"><v>${v}</v></c>`)
      .join("");
    const [t] = tables(readXlsx(minimalXlsx(sheet(`<row r="1">${cells}</row>`)), "n.xlsx"));
    expect(texts(t!)).toEqual([["0.485", "1234.56", "0.3", "0.001", "123456789012340000", "100", "-0.5", "4850.00"]]);
  });

  it("reads shared strings, rich text (without phonetic runs), inline strings, booleans, errors, formulas", () => {
    const sst = `<sst ${SS} count="3" uniqueCount="3"><si><t>项目名称</t></si><si><r><rPr><b/></rPr><t>一级</t></r><r><t xml:space="preserve">指标 </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t>第一行_x000D_
第二行</t></si><si><t>_x005F_x000D_ 字面</t></si></sst>`;
    const data = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>内联 &amp; 文本</t></is></c><c r="E1" t="s"><v>3</v></c></row><row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2"><f>SUM(A1:A3)</f><v>92</v></c><c r="E2" t="str"><f>A1&amp;"x"</f><v>文本公式</v></c><c r="F2"><f>NOW()</f></c></row>`;
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
    const buf = minimalXlsx(sheet(data), { "xl/sharedStrings.xml": sst, "xl/_rels/workbook.xml.rels": rels });
    const doc = readXlsx(buf, "s.xlsx");
    const [t] = tables(doc);
    expect(doc.notes?.map((n) => [n.text.en, n.location])).toEqual([
      [
        'sheet "Sheet1" has 1 formula cells without a saved result (e.g. F2), read as empty; open and save the file in Excel / WPS and retry',
        { file: "s.xlsx", sheet: "Sheet1", row: 2, column: "F" },
      ],
    ]);
    expect(texts(t!)).toEqual([
      ["项目名称", "一级指标", "第一行\n第二行", "内联 & 文本", "_x000D_ 字面"],
      ["TRUE", "FALSE", "#DIV/0!", "92", "文本公式"],
    ]);
  });

  it("turns date-formatted numbers into ISO dates (built-in and custom formats, 1900 and 1904), percentages into n%", () => {
    const styles = `<styleSheet ${SS}><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00%"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="22"/></cellXfs></styleSheet>`;
    const data = `<row r="1"><c r="A1" s="1"><v>45656</v></c><c r="B1" s="2"><v>45291</v></c><c r="C1" s="3"><v>0.883</v></c><c r="D1" s="4"><v>45656.5</v></c><c r="E1" t="d"><v>2024-12-30T00:00:00</v></c><c r="F1" s="0"><v>45656</v></c></row>`;
    const buf = minimalXlsx(sheet(data), { "xl/styles.xml": styles });
    expect(texts(tables(readXlsx(buf, "d.xlsx"))[0]!)).toEqual([
      ["2024-12-30", "2023-12-31", "88.3%", "2024-12-30T12:00:00", "2024-12-30T00:00:00", "45656"],
    ]);
    const wb1904 = `<workbook ${SS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const buf1904 = minimalXlsx(sheet(`<row r="1"><c r="A1" s="1"><v>0</v></c></row>`), {
      "xl/styles.xml": styles,
      "xl/workbook.xml": wb1904,
    });
    expect(texts(tables(readXlsx(buf1904, "d.xlsx"))[0]!)).toEqual([["1904-01-01"]]);
  });

  it("fills sparse rows and columns with empty cells, from column A, and trusts cell references", () => {
    const data = `<row r="3"><c r="C3"><v>1</v></c></row><row r="5"><c r="A5" t="inlineStr"><is><t>x</t></is></c><c r="E5"><v>2</v></c></row><row><c><v>7</v></c><c><v>8</v></c></row>`;
    const [t] = tables(readXlsx(minimalXlsx(sheet(data)), "sp.xlsx"));
    expect(t!.sourceRows).toEqual([3, 4, 5, 6]);
    expect(texts(t!)).toEqual([
      ["", "", "1", "", ""],
      ["", "", "", "", ""],
      ["x", "", "", "", "2"],
      ["7", "8", "", "", ""],
    ]);
  });

  it("lays merges out with rowSpan / colSpan and mergedFrom, including merges past the data", () => {
    const data = `<row r="1"><c r="A1" t="inlineStr"><is><t>绩效指标</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>产出指标</t></is></c><c r="B2" t="inlineStr"><is><t>数量</t></is></c></row><row r="3"><c r="B3" t="inlineStr"><is><t>质量</t></is></c></row>`;
    const merges = `<mergeCells count="3"><mergeCell ref="A1:D1"/><mergeCell ref="A2:A3"/><mergeCell ref="B1:B2"/></mergeCells>`;
    const [t] = tables(readXlsx(minimalXlsx(sheet(data, merges)), "m.xlsx"));
    expect(t!.rows).toEqual([
      [
        { text: "绩效指标", colSpan: 4 },
        { text: "绩效指标", mergedFrom: [0, 0] },
        { text: "绩效指标", mergedFrom: [0, 0] },
        { text: "绩效指标", mergedFrom: [0, 0] },
      ],
      [{ text: "产出指标", rowSpan: 2 }, { text: "数量" }, { text: "" }, { text: "" }],
      [{ text: "产出指标", mergedFrom: [1, 0] }, { text: "质量" }, { text: "" }, { text: "" }],
    ]);
  });

  it("accepts a prefixed SpreadsheetML namespace (x:worksheet, as the Open XML SDK writes)", () => {
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(texts(tables(readXlsx(minimalXlsx(xml), "x.xlsx"))[0]!)).toEqual([["前缀"]]);
  });

  it("gives an empty sheet an empty table", () => {
    const [t] = tables(readXlsx(minimalXlsx(sheet("")), "e.xlsx"));
    expect(t!.rows).toEqual([]);
  });

  it("refuses sheets beyond Excel's limits and sheets that would materialise too many cells", () => {
    const tooFar = sheet(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`);
    expect(() => readXlsx(minimalXlsx(tooFar), "f.xlsx")).toThrow(/1048576/);
    const wide = `<worksheet ${SS}><dimension ref="A1:XFE2"/><sheetData/></worksheet>`;
    expect(() => readXlsx(minimalXlsx(wide), "w.xlsx")).toThrow(/16384/);
    const sparse = sheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="Z1000000"><v>2</v></c></row>`);
    try {
      readXlsx(minimalXlsx(sparse), "s.xlsx");
      throw new Error("read");
    } catch (e) {
      expect((e as Error).message).toMatch(/1000000 行 × 26 列/);
      expect((e as { location: unknown }).location).toEqual({ file: "s.xlsx", sheet: "Sheet1" });
    }
    expect(() =>
      readXlsx(minimalXlsx(sheet(`<row r="1"><c r="J1"><v>1</v></c></row>`)), "s.xlsx", { maxCells: 5 }),
    ).toThrow(/5 个单元格/);
  });

  it("refuses a shared string index that does not exist, with the cell's location", () => {
    try {
      readXlsx(minimalXlsx(sheet(`<row r="2"><c r="B2" t="s"><v>9</v></c></row>`)), "ss.xlsx");
      throw new Error("read");
    } catch (e) {
      expect((e as { location: unknown }).location).toEqual({ file: "ss.xlsx", sheet: "Sheet1", row: 2, column: "B" });
    }
  });

  it("skips chart sheets and notes hidden ones", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("可见").getCell("A1").value = "a";
    const hidden = wb.addWorksheet("隐藏", { state: "hidden" });
    hidden.getCell("A1").value = "b";
    const doc = readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), "h.xlsx");
    expect(tables(doc).map((t) => t.location.sheet)).toEqual(["可见", "隐藏"]);
    expect(doc.notes?.map((n) => n.text.en)).toEqual(['sheet "隐藏" is hidden']);
  });

  it("reads numbers, dates, booleans and formulas as exceljs writes them", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = 0.485;
    ws.getCell("B1").value = new Date(Date.UTC(2024, 11, 30));
    ws.getCell("B1").numFmt = "yyyy-mm-dd";
    ws.getCell("C1").value = true;
    ws.getCell("D1").value = { formula: "A1*10000", result: 4850 };
    ws.getCell("E1").value = { richText: [{ text: "≥", font: { bold: true } }, { text: "90%" }] };
    ws.getCell("F1").value = 1234.56 + 1e-13;
    const [t] = tables(readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), "e.xlsx"));
    expect(texts(t!)).toEqual([["0.485", "2024-12-30", "TRUE", "4850", "≥90%", "1234.56"]]);
  });
});

describe("xlsx helpers", () => {
  it("numberText", () => {
    expect(numberText("0.485")).toBe("0.485");
    expect(numberText("1234.5600000000001")).toBe("1234.56");
    expect(numberText("-0")).toBe("0");
    expect(numberText("2.5E+3")).toBe("2500");
    expect(numberText("1.5e-7")).toBe("0.00000015");
    expect(numberText("abc")).toBe("abc");
  });
  it("percent formats and exact percent text", () => {
    expect(isPercentFormat("0.00%")).toBe(true);
    expect(isPercentFormat('0.00"%"')).toBe(false);
    expect(isPercentFormat("0.00")).toBe(false);
    expect(percentText("0.883")).toBe("88.3%");
    expect(percentText("1")).toBe("100%");
    expect(percentText("0.0005")).toBe("0.05%");
    expect(percentText("-0.25")).toBe("-25%");
    expect(percentText("0")).toBe("0%");
    expect(percentText("12.3456789")).toBe("1234.56789%");
  });
  it("serialToIso", () => {
    expect(serialToIso(1, "date", false)).toBe("1900-01-01");
    expect(serialToIso(59, "date", false)).toBe("1900-02-28");
    expect(serialToIso(60, "date", false)).toBe("1900-02-29");
    expect(serialToIso(61, "date", false)).toBe("1900-03-01");
    expect(serialToIso(0.5, "time", false)).toBe("12:00:00");
    expect(serialToIso(-1, "date", false)).toBeUndefined();
  });
  it("formatDateKind", () => {
    expect(formatDateKind('yyyy"年"m"月"d"日"')).toBe("date");
    expect(formatDateKind("yyyy年m月d日")).toBe("date");
    expect(formatDateKind("h:mm:ss")).toBe("time");
    expect(formatDateKind("[h]:mm")).toBeUndefined();
    expect(formatDateKind("0.00%")).toBeUndefined();
    expect(formatDateKind('#,##0.00"元"')).toBeUndefined();
    expect(formatDateKind("[Red]0.00")).toBeUndefined();
    expect(formatDateKind("General")).toBeUndefined();
  });
  it("parseRef", () => {
    expect(parseRef("A1")).toEqual([0, 0]);
    expect(parseRef("$XFD$1048576")).toEqual([1048575, 16383]);
    expect(parseRef("1A")).toBeUndefined();
  });
});
