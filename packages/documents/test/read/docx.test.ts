import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { Cell, SourceDocument, Table } from "../../src/model/table.ts";
import { readDocx } from "../../src/read/docx.ts";
import { buildDocx, docxTable, expectedCells, PROJECT_GOAL_SPEC, para } from "./build.ts";
import { minimalDocx } from "./make-fixtures.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

function tables(doc: SourceDocument): Table[] {
  return doc.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
}
const texts = (t: Table) => t.rows.map((r) => r.map((c) => c.text));

const tc = (text: string, pr = "") =>
  `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ""}${text
    .split("\n")
    .map((l) => `<w:p><w:r><w:t xml:space="preserve">${l}</w:t></w:r></w:p>`)
    .join("")}</w:tc>`;
const tr = (cells: string, trPr = "") => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ""}${cells}</w:tr>`;
const tbl = (cols: number, rows: string) =>
  `<w:tbl><w:tblPr/><w:tblGrid>${"<w:gridCol/>".repeat(cols)}</w:tblGrid>${rows}</w:tbl>`;

describe("readDocx", () => {
  it("reads the generated 项目支出绩效目标表 cell by cell (committed fixture)", () => {
    const doc = readDocx(readFileSync(join(root, "fixtures/generated/project-goal.docx")), "dir/project-goal.docx");
    expect(doc.file).toBe("project-goal.docx");
    expect(doc.format).toBe("docx");
    expect(doc.blocks.slice(0, 2)).toEqual([
      {
        type: "paragraph",
        text: "1.2024年度教育训练绩效目标表",
        location: { file: "project-goal.docx", path: "p[1]" },
      },
      { type: "paragraph", text: "单位：万元", location: { file: "project-goal.docx", path: "p[2]" } },
    ]);
    const [t] = tables(doc);
    expect(t!.location).toEqual({ file: "project-goal.docx", table: 1 });
    const expected = expectedCells(PROJECT_GOAL_SPEC);
    expect(t!.rows.length).toBe(expected.length);
    for (let r = 0; r < expected.length; r++)
      for (let c = 0; c < expected[r]!.length; c++) expect([r, c, t!.rows[r]![c]]).toEqual([r, c, expected[r]![c]]);
    // The points an importer relies on, spelled out.
    expect(t!.rows[6]![0]).toEqual({ text: "产出指标", rowSpan: 4 });
    expect(t!.rows[9]![0]).toEqual({ text: "产出指标", mergedFrom: [6, 0] });
    expect(t!.rows[2]![3]!.text).toBe("其中：财政\n资金");
    expect(t!.rows[3]![2]!.text).toBe("**");
    expect(t!.rows[0]![4]).toEqual({ text: "项目支出绩效目标表", mergedFrom: [0, 0] });
  });

  it("keeps document order of paragraphs and tables", async () => {
    const buf = await buildDocx([
      para("一、部门职责"),
      docxTable([[{ text: "a" }, { text: "b" }]]),
      para("二、绩效目标"),
      docxTable([[{ text: "c" }]]),
    ]);
    const doc = readDocx(buf, "o.docx");
    expect(doc.blocks.map((b) => (b.type === "paragraph" ? b.text : `table ${b.table.location.table}`))).toEqual([
      "一、部门职责",
      "table 1",
      "二、绩效目标",
      "table 2",
    ]);
  });

  it("lays out gridBefore / gridAfter and short rows with empty cells", () => {
    const body = tbl(
      4,
      tr(tc("a") + tc("b"), `<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>`) +
        tr(tc("c") + tc("d", `<w:gridSpan w:val="3"/>`)) +
        tr(tc("e")),
    );
    const [t] = tables(readDocx(minimalDocx(body), "g.docx"));
    expect(t!.rows).toEqual([
      [{ text: "" }, { text: "a" }, { text: "b" }, { text: "" }],
      [{ text: "c" }, { text: "d", colSpan: 3 }, { text: "d", mergedFrom: [1, 1] }, { text: "d", mergedFrom: [1, 1] }],
      [{ text: "e" }, { text: "" }, { text: "" }, { text: "" }],
    ]);
  });

  it("follows vMerge chains by grid column, including after a gridSpan and across gridBefore", () => {
    const R = `<w:vMerge w:val="restart"/>`;
    const C = `<w:vMerge/>`;
    const body = tbl(
      4,
      tr(tc("x", `<w:gridSpan w:val="2"/>`) + tc("一级", R) + tc("y")) +
        tr(tc("z", `<w:gridSpan w:val="2"/>`) + tc("", C) + tc("w")) +
        tr(tc("", C) + tc("v"), `<w:gridBefore w:val="2"/>`),
    );
    const [t] = tables(readDocx(minimalDocx(body), "v.docx"));
    expect(t!.rows[0]![2]).toEqual({ text: "一级", rowSpan: 3 });
    expect(t!.rows[1]![2]).toEqual({ text: "一级", mergedFrom: [0, 2] });
    expect(t!.rows[2]).toEqual([{ text: "" }, { text: "" }, { text: "一级", mergedFrom: [0, 2] }, { text: "v" }]);
  });

  it("treats a vMerge continue with nothing above as a cell of its own", () => {
    const body = tbl(2, tr(tc("a", "<w:vMerge/>") + tc("b")) + tr(tc("c") + tc("d", "<w:vMerge/>")));
    const [t] = tables(readDocx(minimalDocx(body), "v.docx"));
    expect(texts(t!)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(t!.rows.flat().every((c) => !c.mergedFrom && !c.rowSpan)).toBe(true);
  });

  it("merges a two-column vMerge block (gridSpan + vMerge) into one rectangle", () => {
    const body = tbl(
      3,
      tr(tc("项目名称", `<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`) + tc("a")) +
        tr(tc("", `<w:gridSpan w:val="2"/><w:vMerge/>`) + tc("b")),
    );
    const [t] = tables(readDocx(minimalDocx(body), "v.docx"));
    expect(t!.rows).toEqual([
      [{ text: "项目名称", rowSpan: 2, colSpan: 2 }, { text: "项目名称", mergedFrom: [0, 0] }, { text: "a" }],
      [{ text: "项目名称", mergedFrom: [0, 0] }, { text: "项目名称", mergedFrom: [0, 0] }, { text: "b" }],
    ]);
  });

  it("keeps the row's own layout when a continuation's span differs from its origin's (untidy Word XML)", () => {
    const body = tbl(
      3,
      tr(tc("宽", `<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`) + tc("a")) +
        tr(tc("", "<w:vMerge/>") + tc("b") + tc("c")),
    );
    const [t] = tables(readDocx(minimalDocx(body), "u.docx"));
    expect(texts(t!)).toEqual([
      ["宽", "宽", "a"],
      ["宽", "b", "c"],
    ]);
    expect(t!.rows[0]![0]).toEqual({ text: "宽", colSpan: 2, rowSpan: 2 });
  });

  it("reads legacy hMerge as a horizontal merge", () => {
    const body = tbl(3, tr(tc("合计", `<w:hMerge w:val="restart"/>`) + tc("", "<w:hMerge/>") + tc("9")));
    const [t] = tables(readDocx(minimalDocx(body), "h.docx"));
    expect(t!.rows[0]).toEqual([{ text: "合计", colSpan: 2 }, { text: "合计", mergedFrom: [0, 0] }, { text: "9" }]);
  });

  it("reads cell text: paragraphs as lines, w:br, w:tab, entities; skips deleted text and field codes", () => {
    const cell = `<w:tc><w:p><w:r><w:t>≥100</w:t></w:r><w:r><w:tab/><w:t>人</w:t></w:r></w:p><w:p><w:r><w:t>A &amp; B &lt;1&gt;</w:t><w:br/><w:t>下一行</w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del><w:ins><w:r><w:t>插入的</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc>`;
    const [t] = tables(readDocx(minimalDocx(tbl(1, `<w:tr>${cell}</w:tr>`)), "t.docx"));
    expect(t!.rows[0]![0]!.text).toBe("≥100\t人\nA & B <1>\n下一行插入的3");
  });

  it("leaves out table rows deleted with tracked changes", () => {
    const body = tbl(
      1,
      tr(tc("保留")) +
        tr(tc("已删除"), `<w:del w:id="1" w:author="x" w:date="2024-01-01T00:00:00Z"/>`) +
        tr(tc("也保留")),
    );
    expect(texts(tables(readDocx(minimalDocx(body), "d.docx"))[0]!)).toEqual([["保留"], ["也保留"]]);
  });

  it("flattens a nested table into its cell and lists it after the outer table, with a note", () => {
    const inner = tbl(2, tr(tc("优") + tc("≥95%")) + tr(tc("良") + tc("≥85%")));
    const body =
      tbl(2, `<w:tr>${tc("评分标准")}<w:tc><w:p><w:r><w:t>四档</w:t></w:r></w:p>${inner}<w:p/></w:tc></w:tr>`) +
      `<w:p><w:r><w:t>后文</w:t></w:r></w:p>`;
    const doc = readDocx(minimalDocx(body), "n.docx");
    const ts = tables(doc);
    expect(ts.map((t) => t.location.table)).toEqual([1, 2]);
    expect(ts[0]!.rows[0]![1]!.text).toBe("四档\n优\t≥95%\n良\t≥85%");
    expect(texts(ts[1]!)).toEqual([
      ["优", "≥95%"],
      ["良", "≥85%"],
    ]);
    expect(doc.blocks.map((b) => b.type)).toEqual(["table", "table", "paragraph"]);
    expect(doc.notes?.[0]?.text.en).toMatch(/table 2 is nested in table 1, row 1, column 2/);
  });

  it("looks through content controls (w:sdt) around blocks, rows and cells", () => {
    const body = `<w:sdt><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p>${tbl(
      2,
      `<w:sdt><w:sdtContent>${tr(`${tc("a")}<w:sdt><w:sdtContent>${tc("b")}</w:sdtContent></w:sdt>`)}</w:sdtContent></w:sdt>`,
    )}</w:sdtContent></w:sdt>`;
    const doc = readDocx(minimalDocx(body), "s.docx");
    expect(doc.blocks[0]).toMatchObject({ type: "paragraph", text: "控件中的段落" });
    expect(texts(tables(doc)[0]!)).toEqual([["a", "b"]]);
  });

  it("accepts any namespace prefix for WordprocessingML (found by URI, not by name)", () => {
    const xml = `<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>前缀不同</x:t></x:r></x:p><x:tbl><x:tr><x:tc><x:p><x:r><x:t>c</x:t></x:r></x:p></x:tc></x:tr></x:tbl></x:body></x:document>`;
    const buf = zipSync({ "word/document.xml": strToU8(xml) });
    const doc = readDocx(buf, "p.docx");
    expect(doc.blocks[0]).toMatchObject({ text: "前缀不同" });
    expect(texts(tables(doc)[0]!)).toEqual([["c"]]);
  });

  it("finds the main part through _rels/.rels when it is not word/document.xml", () => {
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`;
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>second</w:t></w:r></w:p></w:body></w:document>`;
    const doc = readDocx(zipSync({ "_rels/.rels": strToU8(rels), "word/document2.xml": strToU8(xml) }), "r.docx");
    expect(doc.blocks[0]).toMatchObject({ text: "second" });
  });

  it("refuses a zip with no document part, and a document without a body", () => {
    expect(() => readDocx(zipSync({ "a.xml": strToU8("<a/>") }), "x.docx")).toThrow(/word\/document\.xml/);
    expect(() =>
      readDocx(
        zipSync({
          "word/document.xml": strToU8(
            `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`,
          ),
        }),
        "x.docx",
      ),
    ).toThrow(/w:body/);
  });

  it("refuses a document.xml that is cut short with a location", () => {
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>cut`;
    try {
      readDocx(zipSync({ "word/document.xml": strToU8(xml) }), "c.docx");
      throw new Error("read");
    } catch (e) {
      expect((e as { location: unknown }).location).toEqual({ file: "c.docx", path: "word/document.xml" });
      expect((e as Error).message).toMatch(/XML/);
    }
  });

  it("gives every row the same length", () => {
    const body = tbl(2, tr(tc("a")) + tr(tc("b") + tc("c") + tc("d")));
    const [t] = tables(readDocx(minimalDocx(body), "w.docx"));
    expect(t!.rows.map((r) => r.length)).toEqual([3, 3]);
    const cells: Cell[] = t!.rows[0]!;
    expect(cells[2]).toEqual({ text: "" });
  });
});
