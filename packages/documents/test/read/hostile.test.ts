import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DomainError } from "@jixiao/core";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/read/index.ts";
import { deflateRepeated, GBK_TEXT, rawZip } from "./make-fixtures.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const hostile = (name: string) => readFileSync(join(root, "fixtures/hostile", name));

async function refusal(buf: Uint8Array, name: string): Promise<DomainError> {
  try {
    await readDocument(buf, name);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const err = e as DomainError;
    expect(err.code).toBe("invalid_input");
    expect(err.location?.file).toBe(name);
    expect(err.text.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(err.text.en).toMatch(/[a-z]/);
    return err;
  }
  throw new Error(`${name} was read, but it should have been refused`);
}

describe("hostile files: a clear error or a read, never a crash or a hang", () => {
  const refused: Array<[string, RegExp]> = [
    ["truncated.docx", /damaged or truncated/],
    ["truncated-tail.xlsx", /damaged or truncated/],
    ["bomb.xlsx", /zip bomb/],
    ["bomb-lying-size.xlsx", /zip bomb/],
    ["xxe.docx", /DTD/],
    ["billion-laughs.xlsx", /DTD/],
    ["old-word.doc", /old Word document \(\.doc\)/],
    ["old-excel-named.xlsx", /old Excel workbook \(\.xls\)/],
    ["encrypted.docx", /password-protected/],
    ["empty.docx", /empty/],
    ["deep-nesting.docx", /nests too deeply/],
  ];
  for (const [name, message] of refused)
    it(`refuses ${name}`, async () => {
      const err = await refusal(hostile(name), name);
      expect(err.text.en).toMatch(message);
    });

  it("names a fake .xlsx that is a (broken) PDF as a PDF problem", async () => {
    const err = await refusal(hostile("not-a-zip.xlsx"), "not-a-zip.xlsx");
    expect(err.text.en).toMatch(/PDF/);
  });

  it("reads a docx named .xlsx by its content and says so", async () => {
    const doc = await readDocument(hostile("docx-named.xlsx"), "docx-named.xlsx");
    expect(doc.format).toBe("docx");
    expect(doc.notes?.[0]?.text.en).toMatch(/named "\.xlsx" but holds a Word document/);
  });

  it("returns a text file named .docx as text, with a note", async () => {
    const doc = await readDocument(hostile("text-named.docx"), "text-named.docx");
    expect(doc.format).toBe("text");
    if (doc.format !== "text") return;
    expect(doc.text).toBe("项目名称\t2024年度教育训练\n预算数\t50.00\n");
    expect(doc.notes?.[0]?.text.zh).toMatch(/扩展名为「\.docx」/);
  });

  for (const [name, encoding] of [
    ["gbk.txt", "gb18030"],
    ["utf16le-bom.txt", "utf-16le"],
    ["utf16be-nobom.txt", "utf-16be"],
  ] as const)
    it(`decodes ${name} as ${encoding}`, async () => {
      const doc = await readDocument(hostile(name), name);
      expect(doc.format).toBe("text");
      if (doc.format !== "text") return;
      expect(doc.encoding).toBe(encoding);
      expect(doc.text).toBe(GBK_TEXT);
    });

  it("reads an HTML table saved as .xls (what many systems export) and says so", async () => {
    const doc = await readDocument(hostile("html-table.xls"), "html-table.xls");
    expect(doc.format).toBe("paste-html");
    if (doc.format === "text") return;
    const t = doc.blocks[0];
    expect(t?.type === "table" && t.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["一级指标", "指标值"],
      ["产出指标", "≥100人"],
    ]);
    expect(doc.notes?.[0]?.text.en).toMatch(/named "\.xls" but holds an HTML table/);
  });

  it("refuses a zip whose entries add up past the total limit, before inflating", async () => {
    // 600 entries of 1 MB (each under the ratio rule's exemption) = 600 MB declared.
    const one = deflateRepeated(1024 * 1024);
    const entries = Array.from({ length: 600 }, (_, i) => ({ name: `xl/media/f${i}.xml`, ...one, size: 1024 * 1024 }));
    const err = await refusal(rawZip(entries), "many.xlsx");
    expect(err.text.en).toMatch(/too large.*zip bomb/);
  });

  it("refuses a zip with too many entries", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 10_001; i++) files[`f${i}`] = new Uint8Array(0);
    const err = await refusal(zipSync(files, { level: 0 }), "entries.xlsx");
    expect(err.text.en).toMatch(/too many entries/);
  });

  it("refuses a zip that is neither docx nor xlsx, and OpenDocument by name", async () => {
    expect((await refusal(zipSync({ "a.txt": strToU8("x") }), "a.docx")).text.en).toMatch(/not a Word/);
    const odt = zipSync({
      mimetype: strToU8("application/vnd.oasis.opendocument.text"),
      "content.xml": strToU8("<x/>"),
    });
    expect((await refusal(odt, "a.odt")).text.en).toMatch(/OpenDocument/);
  });

  it("refuses binary junk that is no known format", async () => {
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 32;
    expect((await refusal(junk, "junk.docx")).text.en).toMatch(/unrecognised/);
  });

  // Its speed is bench/'s to measure (a time limit here fails on a loaded machine); this test bounds the memory.
  it("reads a 100,000-row xlsx in bounded memory", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const dir = mkdtempSync(join(tmpdir(), "jixiao-big-"));
    try {
      const path = join(dir, "big.xlsx");
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
      const ws = wb.addWorksheet("明细");
      ws.addRow(["序号", "项目名称", "一级指标", "指标值", "金额（万元）"]).commit();
      for (let i = 1; i <= 100_000; i++)
        ws.addRow([i, `项目${i % 500}`, "产出指标", `≥${i % 97}人`, (i % 1000) / 8]).commit();
      ws.commit();
      await wb.commit();
      const buf = readFileSync(path);
      global.gc?.();
      const before = process.memoryUsage().rss;
      const t0 = performance.now();
      const doc = await readDocument(buf, "big.xlsx");
      const ms = performance.now() - t0;
      const grown = process.memoryUsage().rss - before;
      if (doc.format !== "xlsx") throw new Error(doc.format);
      const t = doc.blocks[0];
      if (t?.type !== "table") throw new Error("no table");
      expect(t.table.rows.length).toBe(100_001);
      expect(t.table.rows[100_000]!.map((c) => c.text)).toEqual(["100000", "项目0", "产出指标", "≥90人", "0"]);
      expect(t.table.rows[3]!.map((c) => c.text)).toEqual(["3", "项目3", "产出指标", "≥3人", "0.375"]);
      expect(t.table.sourceRows?.[100_000]).toBe(100_001);
      expect(grown).toBeLessThan(1024 * 1024 * 1024);
      console.log(
        `100,000-row xlsx (${(buf.length / 1e6).toFixed(1)} MB): ${ms.toFixed(0)} ms, rss +${(grown / 1e6).toFixed(0)} MB`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("streams a sheet: 36 MB of XML with a few values reads without holding the XML", async () => {
    // 1.5 million styled but empty cells (what "format the whole column" leaves behind) and three values.
    const row = (r: number) =>
      `<row r="${r}">${Array.from({ length: 16 }, (_, k) => `<c r="${String.fromCharCode(65 + k)}${r}" s="1"/>`).join("")}</row>`;
    const parts: Uint8Array[] = [
      strToU8(
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目</t></is></c><c r="B1"><v>0.485</v></c></row>`,
      ),
    ];
    let size = parts[0]!.length;
    for (let r = 2; r <= 100_000; r++) {
      const bytes = strToU8(row(r));
      parts.push(bytes);
      size += bytes.length;
    }
    parts.push(strToU8(`<row r="100001"><c r="C100001"><v>7</v></c></row></sheetData></worksheet>`));
    const xml = new Uint8Array(size + parts.at(-1)!.length);
    let o = 0;
    for (const p of parts) {
      xml.set(p, o);
      o += p.length;
    }
    const zip = zipSync(
      {
        "[Content_Types].xml": strToU8(
          `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
        ),
        "xl/workbook.xml": strToU8(
          `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
        "xl/_rels/workbook.xml.rels": strToU8(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
        "xl/worksheets/sheet1.xml": xml,
      },
      { level: 1 },
    );
    global.gc?.();
    const before = process.memoryUsage().rss;
    const doc = await readDocument(zip, "sparse.xlsx", { limits: { maxRatio: 1000 } });
    const grown = process.memoryUsage().rss - before;
    if (doc.format !== "xlsx") throw new Error(doc.format);
    const t = doc.blocks[0];
    if (t?.type !== "table") throw new Error("no table");
    expect(t.table.rows.length).toBe(100_001);
    expect(t.table.rows[0]!.map((c) => c.text)).toEqual(["项目", "0.485", ""]);
    expect(t.table.rows[100_000]!.map((c) => c.text)).toEqual(["", "", "7"]);
    // Held whole, the XML would be a 36 MB string plus its copy; streamed, memory grows by the grid
    // (100,001 × 3 small cells) only.
    expect(grown).toBeLessThan(400 * 1024 * 1024);
    console.log(`sparse sheet: ${(xml.length / 1e6).toFixed(0)} MB of XML, rss +${(grown / 1e6).toFixed(0)} MB`);
  });

  it("survives every prefix of a docx cut short (never a crash, never a wrong success)", async () => {
    const full = hostile("docx-named.xlsx");
    for (let n = 0; n < full.length; n += 97) {
      const part = full.subarray(0, n);
      try {
        const doc = await readDocument(part, "cut.docx");
        // A prefix can only be read when it still decodes as something else (plain text): never as a docx.
        expect(doc.format).not.toBe("docx");
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
      }
    }
  });

  it("writes nothing outside its temp dir", () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-x-"));
    writeFileSync(join(dir, "x"), "x");
    rmSync(dir, { recursive: true, force: true });
  });
});
