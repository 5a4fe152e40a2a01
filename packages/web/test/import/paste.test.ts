/**
 * The import wizard's paste helpers (pages/import/api.ts): which part of the clipboard is uploaded, the file it is
 * uploaded as (read back here by packages/documents' `readDocument`, as the server does), and the rows × columns
 * shown, checked against the documents readers' own reading of the same table.
 */
import { readDocument, readPastedHtml, readPdfText, type Table } from "@jixiao/documents";
import { describe, expect, it } from "vitest";
import { choosePaste, gridSize, PASTE_FILE_NAME, pasteFile, tsvSize } from "../../src/pages/import/api.ts";

type Span = { text: string; rowSpan?: number; colSpan?: number };

function html(rows: Span[][]): string {
  const td = (c: Span) =>
    `<td${c.rowSpan ? ` rowspan=${c.rowSpan}` : ""}${c.colSpan ? ` colspan=${c.colSpan}` : ""}>${c.text}</td>`;
  return `<table>${rows.map((r) => `<tr>${r.map(td).join("")}</tr>`).join("")}</table>`;
}

const spans = (rows: Span[][]) => rows.map((r) => r.map((c) => ({ rowSpan: c.rowSpan ?? 1, colSpan: c.colSpan ?? 1 })));

function firstTable(doc: { blocks: { type: string; table?: Table }[] }): Table {
  const t = doc.blocks.find((b) => b.type === "table")?.table;
  if (!t) throw new Error("no table");
  return t;
}

/** seed 004's layout: a title across, 预算规模及资金用途 over two rows, 一级指标 down two rows. */
const PROJECT: Span[][] = [
  [{ text: "项目支出绩效目标表", colSpan: 5 }],
  [{ text: "项目名称" }, { text: "2024年度教育训练", colSpan: 4 }],
  [
    { text: "预算规模及资金用途", rowSpan: 2 },
    { text: "预算数" },
    { text: "50.00" },
    { text: "财政资金" },
    { text: "50.00" },
  ],
  [{ text: "用于培训", colSpan: 4 }],
  [{ text: "一级指标" }, { text: "二级指标" }, { text: "三级指标" }, { text: "绩效指标描述" }, { text: "指标值" }],
  [
    { text: "产出指标", rowSpan: 2 },
    { text: "数量指标" },
    { text: "组织培训人数" },
    { text: "培训人数" },
    { text: "≥100人" },
  ],
  [{ text: "时效指标" }, { text: "培训时间" }, { text: "分阶段" }, { text: "分阶段进行" }],
];

describe("choosePaste", () => {
  it("takes the HTML when it holds a table (Excel, Word and WPS put one there), else the text", () => {
    const h = html(PROJECT);
    expect(choosePaste({ html: h, text: "项目名称\t2024年度教育训练\r\n" })).toEqual({ format: "html", content: h });
    // HTML without a table (copied from a paragraph of a web page): the text.
    expect(choosePaste({ html: "<p>项目名称</p>", text: "项目名称\t2024\r\n" })).toEqual({
      format: "text",
      content: "项目名称\t2024\r\n",
    });
    expect(choosePaste({ text: "a\tb" })).toEqual({ format: "text", content: "a\tb" });
  });

  it("says what is wrong with a paste that holds no table: nothing, or only a picture or file", () => {
    expect(choosePaste({ html: "", text: " \r\n\t" })).toEqual({ problem: "empty" });
    expect(choosePaste({})).toEqual({ problem: "empty" });
    expect(choosePaste({ html: "", text: "", files: 1 })).toEqual({ problem: "files" });
  });
});

describe("pasteFile", () => {
  it("uploads HTML as 粘贴的表格.html, read by the server's reader as the pasted table with its merged cells", async () => {
    const file = pasteFile({ format: "html", content: html(PROJECT) });
    expect(file.name).toBe(`${PASTE_FILE_NAME}.html`);
    const doc = await readDocument(new Uint8Array(await file.arrayBuffer()), file.name);
    expect(doc.format).toBe("paste-html");
    expect(doc.notes).toBeUndefined();
    if (doc.format === "text") throw new Error("read as text");
    expect(firstTable(doc).rows).toEqual(firstTable(readPastedHtml(html(PROJECT))).rows);
  });

  it("uploads text as 粘贴的表格.txt in UTF-8 with a BOM: read as UTF-8 text, no encoding guessed", async () => {
    const text = "项目名称\t2024年度教育训练\r\n一级指标\t指标值\r\n";
    const file = pasteFile({ format: "text", content: text });
    expect(file.name).toBe(`${PASTE_FILE_NAME}.txt`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await readDocument(bytes, file.name)).toEqual({
      file: file.name,
      format: "text",
      text,
      encoding: "utf-8",
    });
  });
});

describe("the size shown", () => {
  it("gridSize lays out spans as the documents' HTML reader does", () => {
    const cases: Span[][][] = [
      PROJECT,
      // A rowspan reaching past the last row is cut there.
      [[{ text: "a", rowSpan: 5 }, { text: "b" }], [{ text: "c" }]],
      // A row filled by a rowspan at its right end is as wide as the row above.
      [[{ text: "a" }, { text: "b" }, { text: "c", rowSpan: 2 }], [{ text: "d" }]],
      // A row wider than the first.
      [[{ text: "a", colSpan: 2 }], [{ text: "b" }, { text: "c", colSpan: 3 }]],
    ];
    for (const rows of cases) {
      const read = firstTable(readPastedHtml(html(rows)));
      expect(gridSize(spans(rows))).toEqual({ rows: read.rows.length, columns: read.rows[0]!.length });
    }
  });

  it("gridSize: rowspan 0 (as the browser reports rowspan=0) reaches the table's last row", () => {
    // The second row's cell goes beside the first row's first cell, into the second column.
    expect(gridSize([[{ rowSpan: 0, colSpan: 1 }], [{ rowSpan: 1, colSpan: 1 }]])).toEqual({ rows: 2, columns: 2 });
    expect(gridSize([])).toEqual({ rows: 0, columns: 0 });
  });

  it("tsvSize counts rows and columns as the server's text reader reads tab-separated text", () => {
    const texts = [
      "项目名称\t2024年度教育训练\t\r\n预算数\t50.00\t其中：财政资金\r\n",
      "\ufeffa\tb\n\t\t\nc\td\te",
      "一级指标\t二级指标\r\n\r\n产出指标\t数量指标\r\n",
    ];
    for (const text of texts) {
      const t = firstTable(readPdfText(text.replace(/^\ufeff/, ""), "p.txt"));
      expect(tsvSize(text)).toEqual({ rows: t.rows.length, columns: t.rows[0]!.length });
    }
  });
});
