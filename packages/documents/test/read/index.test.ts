import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DomainError } from "@jixiao/core";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/read/index.ts";
import { sniff } from "../../src/read/sniff.ts";
import { minimalXlsx } from "./make-fixtures.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const generated = (name: string) => readFileSync(join(root, "fixtures/generated", name));

async function refusal(buf: Uint8Array, name: string): Promise<string> {
  const e = await readDocument(buf, name).catch((x) => x);
  expect(e).toBeInstanceOf(DomainError);
  return (e as DomainError).text.en;
}

const ct = (override: string) =>
  `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/x" ContentType="${override}"/></Types>`;

describe("readDocument", () => {
  it("routes docx and xlsx by content, with no note when the extension is right", async () => {
    const docx = await readDocument(generated("project-goal.docx"), "a/b/项目绩效目标表.docx");
    expect(docx.format).toBe("docx");
    expect(docx.file).toBe("项目绩效目标表.docx");
    expect(docx.notes).toBeUndefined();
    const xlsx = await readDocument(generated("project-goal.xlsx"), "表.XLSX");
    expect(xlsx.format).toBe("xlsx");
    expect(xlsx.notes).toBeUndefined();
  });

  it("reads macro-enabled workbooks (xlsm) by their content type", async () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    const buf = minimalXlsx(sheet, {
      "[Content_Types].xml": ct("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
    });
    // minimalXlsx writes its own [Content_Types].xml first; the extra one replaces it.
    const doc = await readDocument(buf, "宏.xlsm");
    expect(doc.format).toBe("xlsx");
  });

  it("refuses xlsb, pptx and other zips with a clear message", async () => {
    expect(
      await refusal(
        zipSync({ "[Content_Types].xml": strToU8(ct("application/vnd.ms-excel.sheet.binary.macroEnabled.main")) }),
        "a.xlsb",
      ),
    ).toMatch(/xlsb/);
    expect(
      await refusal(
        zipSync({
          "[Content_Types].xml": strToU8(
            ct("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
          ),
        }),
        "a.pptx",
      ),
    ).toMatch(/PowerPoint/);
  });

  it("refuses RTF, Excel 2003 XML, Word 2003 XML, MHT, images and other archives by what they are", async () => {
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ["a.doc", strToU8("{\\rtf1\\ansi 项目}"), /RTF/],
      [
        "a.xls",
        strToU8(
          `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>`,
        ),
        /Excel 2003 XML/,
      ],
      [
        "a.doc",
        strToU8(`<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>`),
        /Word 2003 XML/,
      ],
      ["a.doc", strToU8("MIME-Version: 1.0\r\nContent-Type: multipart/related"), /single-file web page/],
      ["a.docx", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), /image/],
      ["a.docx", new Uint8Array([0x1f, 0x8b, 8, 0]), /archive/],
      ["a.xml", strToU8(`<?xml version="1.0"?><root/>`), /XML file/],
    ];
    for (const [name, buf, re] of cases) expect(await refusal(buf, name)).toMatch(re);
  });

  it("refuses any file over the size limit, whatever its kind", async () => {
    expect((await readDocument(new Uint8Array(2000).fill(0x41), "big.txt")).format).toBe("text");
    const e = await readDocument(new Uint8Array(2000).fill(0x41), "big.pdf", { limits: { maxFileBytes: 1000 } }).catch(
      (x) => x,
    );
    expect((e as DomainError).text.en).toMatch(/too large/);
  });

  it("returns text with its encoding for the text readers", async () => {
    const doc = await readDocument(strToU8("\ufeff\t项目名称\n\t2024年度教育训练\n"), "seed.txt");
    expect(doc).toEqual({
      file: "seed.txt",
      format: "text",
      text: "\t项目名称\n\t2024年度教育训练\n",
      encoding: "utf-8",
    });
  });

  it("reads Word's and Excel's clipboard HTML saved as a file as HTML, though its head names Office's XML", async () => {
    // Word puts <w:WordDocument> (and Excel its x: settings) in conditional comments of the head of the HTML it
    // writes to the clipboard; a paste uploaded as 粘贴的表格.html must not be taken for Word 2003 XML.
    const head = (xml: string) =>
      `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\r\n<head>\r\n<meta http-equiv=Content-Type content="text/html; charset=utf-8">\r\n<!--[if gte mso 9]><xml>\r\n${xml}\r\n</xml><![endif]-->\r\n</head>`;
    const table = "<body><table><tr><td>项目名称<td>2024年度教育训练</table></body></html>";
    for (const xml of [
      "<w:WordDocument><w:View>Normal</w:View></w:WordDocument>",
      `<x:ExcelWorkbook xmlns:x="urn:schemas-microsoft-com:office:spreadsheet"></x:ExcelWorkbook>`,
    ]) {
      const buf = strToU8(`\ufeff<!-- copied -->\r\n${head(xml)}${table}`);
      expect(sniff(buf)).toBe("html");
      const doc = await readDocument(buf, "粘贴的表格.html");
      expect(doc.format).toBe("paste-html");
      if (doc.format === "text") throw new Error("read as text");
      expect(doc.blocks).toEqual([
        {
          type: "table",
          table: {
            rows: [[{ text: "项目名称" }, { text: "2024年度教育训练" }]],
            location: { file: "粘贴的表格.html", table: 1 },
          },
        },
      ]);
    }
  });

  it("sniff sees UTF-16 HTML and clipboard HTML", () => {
    expect(sniff(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<html><table>", "utf16le")]))).toBe("html");
    expect(sniff(strToU8("Version:0.9\r\nStartHTML:00000097\r\n<html>"))).toBe("html");
    expect(sniff(strToU8("   %PDF-1.4"))).toBe("pdf");
  });
});
