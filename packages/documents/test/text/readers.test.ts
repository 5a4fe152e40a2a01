import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SourceDocument, Table } from "../../src/model/table.ts";
import { readExtractedText, readPdfText, readWordText, sniffTextForm } from "../../src/text/index.ts";

function tables(doc: SourceDocument): Table[] {
  return doc.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
}
function grid(t: Table): string[][] {
  return t.rows.map((r) => r.map((c) => c.text));
}
function paragraphs(doc: SourceDocument): string[] {
  return doc.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
}

describe("word-text reader", () => {
  it("reads one cell per tab line, rows split by blank lines, paragraphs outside", () => {
    const text = ["标题", "\t甲", "\t乙", "", "\t1", "\t2", "", "", "正文"].join("\n");
    const doc = readWordText(text, "a.txt");
    expect(doc.format).toBe("word-text");
    expect(paragraphs(doc)).toEqual(["标题", "正文"]);
    const [t] = tables(doc);
    expect(grid(t!)).toEqual([
      ["甲", "乙"],
      ["1", "2"],
    ]);
    expect(t!.sourceRows).toEqual([2, 5]);
    expect(t!.location).toEqual({ file: "a.txt", table: 1 });
    expect(doc.blocks[0]!.type === "paragraph" && doc.blocks[0]!.location).toEqual({ file: "a.txt", row: 1 });
  });

  it("continues a cell on lines without a tab, strips bookmarks, pads short rows", () => {
    const text = ["[bookmark: _Toc1]表一", "\t购置", "数量", "\t单价", "", "\t1"].join("\n");
    const doc = readWordText(text, "b.txt");
    expect(paragraphs(doc)).toEqual(["表一"]);
    expect(grid(tables(doc)[0]!)).toEqual([
      ["购置\n数量", "单价"],
      ["1", ""],
    ]);
  });

  it("keeps an activity's full-width indentation and empties whitespace-only cells", () => {
    const doc = readWordText(["\t职责", "\t\u3000\u3000活动", "\t\u3000", "\t x "].join("\n"), "c.txt");
    expect(grid(tables(doc)[0]!)).toEqual([["职责", "\u3000\u3000活动", "", "x"]]);
  });

  it("joins a row broken by empty paragraphs inside a cell (seed 004's 系统运行维护响应时间)", () => {
    const lines = [
      "\t一级",
      "\t二级",
      "\t三级",
      "\t描述",
      "\t值",
      "",
      "\t",
      "\t时效指标",
      "\t响应时间",
      "",
      "",
      "\t响应时间",
      "",
      "",
      "\t≤2小时",
      "",
      "\t",
      "\t成本指标",
      "\t成本",
      "\t成本",
      "\t≤40万元",
    ];
    const t = tables(readWordText(lines.join("\n"), "d.txt"))[0]!;
    expect(grid(t)).toEqual([
      ["一级", "二级", "三级", "描述", "值"],
      ["", "时效指标", "响应时间", "响应时间", "≤2小时"],
      ["", "成本指标", "成本", "成本", "≤40万元"],
    ]);
    expect(t.sourceRows).toEqual([1, 7, 17]);
  });

  it("ends a table at a non-tab line after a blank line, even a line of spaces", () => {
    const doc = readWordText(["\t甲", "", "", " ", "\t乙"].join("\n"), "e.txt");
    expect(tables(doc).map(grid)).toEqual([[["甲"]], [["乙"]]]);
    expect(tables(doc)[1]!.location.table).toBe(2);
  });
});

describe("pdf-text reader", () => {
  it("reads a row per line with tab-separated cells, across blank lines", () => {
    const text = ["题目", "部门名称\t某大队\t", "", "\t产出\t100%", "说明"].join("\n");
    const doc = readPdfText(text, "p.txt");
    expect(doc.format).toBe("pdf-text");
    expect(paragraphs(doc)).toEqual(["题目", "说明"]);
    const t = tables(doc)[0]!;
    expect(grid(t)).toEqual([
      ["部门名称", "某大队", ""],
      ["", "产出", "100%"],
    ]);
    expect(t.sourceRows).toEqual([2, 4]);
  });

  it("joins the rest of a long cell continued on the next line (seed 002's 服务辖区经济)", () => {
    const text = [
      "\t(30分)\t社会效益指标\t服务辖区经济\t辖区道路交通秩序良好、道路拥堵率、交通事故控\t上级考核达标\t10",
      "",
      "\t\t\t\t制数达标\t\t",
      "\t\t社会效益 指标\t减轻群众负担\t100%\t100%\t5",
    ].join("\n");
    const t = tables(readPdfText(text, "p.txt"))[0]!;
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0]![4]!.text).toBe("辖区道路交通秩序良好、道路拥堵率、交通事故控\n制数达标");
    expect(t.sourceRows).toEqual([1, 4]);
  });

  it("does not join short labels, group rows or numbers", () => {
    const text = [
      "\t\t其他资金\t2,000,000.00\t-2,000,000.00",
      "\t\t上年结转\t\t",
      "产出指标\t\t\t\t",
      "\t数量指标\t\t数量指标\t",
      "\t\t很长很长的指标名称还没有写完\t004\t",
      "\t\t\t5\t",
    ].join("\n");
    const t = tables(readPdfText(text, "p.txt"))[0]!;
    expect(t.rows).toHaveLength(6);
  });
});

describe("pdf-text pages", () => {
  it("gives tables and paragraphs the page they start on when the text has form feeds", () => {
    const doc = readPdfText(["第一页", "甲\t乙", "\f第二页", "丙\t丁", "戊\t己"].join("\n"), "p.txt");
    expect(doc.blocks.map((b) => (b.type === "table" ? b.table.location.page : b.location.page))).toEqual([1, 1, 2, 2]);
  });
});

describe("sniffing the text form", () => {
  it("tells Word text from PDF text", () => {
    expect(sniffTextForm("\ta\n\tb\n\n\tc")).toBe("word-text");
    expect(sniffTextForm("a\tb\n\tc\td")).toBe("pdf-text");
    expect(readExtractedText("a\tb", "x.txt").format).toBe("pdf-text");
  });
});

// Random rectangular tables rendered to both forms and read back give the same cells.
const cellText = fc
  .array(fc.constantFrom("甲", "乙", "丙", "率", "1", "0", ".", "%", "≥", "a", "Z", "　", " ", "（", "）", "-"), {
    maxLength: 8,
  })
  .map((cs) => cs.join("").replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""));
const keyText = cellText.filter((t) => t !== "" && !/^[-+]?[\d,]+(\.\d+)?%?$/.test(t));

const tableArb = fc.integer({ min: 2, max: 6 }).chain((width) =>
  fc.array(
    fc
      .tuple(keyText, fc.array(cellText, { minLength: width - 1, maxLength: width - 1 }))
      .map(([k, rest]) => [k, ...rest]),
    { minLength: 1, maxLength: 8 },
  ),
);

function renderWord(rows: string[][]): string {
  return rows.map((r) => r.map((c) => `\t${c}`).join("\n")).join("\n\n");
}
function renderPdf(rows: string[][]): string {
  return rows.map((r) => r.join("\t")).join("\n");
}
/** What a reader makes of a cell: leading full-width indentation kept, whitespace-only cells empty. */
function expected(rows: string[][]): string[][] {
  return rows.map((r) => r.map((c) => (/^[\s\u3000]*$/.test(c) ? "" : c)));
}

describe("round trip (property)", () => {
  it("word-text: rendered tables read back cell for cell", () => {
    fc.assert(
      fc.property(tableArb, (rows) => {
        const doc = readWordText(`前言\n${renderWord(rows)}\n\n结语`, "w.txt");
        expect(tables(doc).map(grid)).toEqual([expected(rows)]);
        expect(paragraphs(doc)).toEqual(["前言", "结语"]);
      }),
    );
  });

  it("pdf-text: rendered tables read back cell for cell", () => {
    fc.assert(
      fc.property(tableArb, (rows) => {
        const doc = readPdfText(`前言\n${renderPdf(rows)}\n结语`, "p.txt");
        expect(tables(doc).map(grid)).toEqual([expected(rows)]);
      }),
    );
  });
});
