import { DomainError } from "@jixiao/core";
import { describe, expect, it } from "vitest";
import type { SourceDocument, Table } from "../../src/model/table.ts";
import { readPaste, readPastedHtml, readPastedTsv, splitTsv } from "../../src/read/paste.ts";
import { expectedCells, PROJECT_GOAL_SPEC, toHtml } from "./build.ts";
import { encodeGbk } from "./make-fixtures.ts";

const tables = (doc: SourceDocument): Table[] => doc.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
const texts = (t: Table) => t.rows.map((r) => r.map((c) => c.text));

describe("splitTsv / readPastedTsv", () => {
  it("splits Excel clipboard text: CRLF rows, quoted cells with tabs, newlines and doubled quotes", () => {
    const src = 'a\t"多\r\n行"\t"含\t制表"\r\n"说""引号"""\t\t=SUM(A1)\r\n';
    expect(splitTsv(src)).toEqual([
      ["a", "多\r\n行", "含\t制表"],
      ['说"引号"', "", "=SUM(A1)"],
    ]);
  });

  it("keeps quotes that do not form a quoted cell (Word does not quote)", () => {
    expect(splitTsv('"优秀"评价\t"未闭合\nx\t"a"b"\t"')).toEqual([
      ['"优秀"评价', '"未闭合'],
      ["x", '"a"b"', '"'],
    ]);
  });

  it("reads a table: padded rows, trimmed cells, LF and CR line ends", () => {
    const doc = readPastedTsv("一级指标\t二级指标\t指标值\n产出指标\t数量指标\n  ≥100人  \r", "粘贴.tsv");
    expect(doc.format).toBe("paste-tsv");
    expect(texts(tables(doc)[0]!)).toEqual([
      ["一级指标", "二级指标", "指标值"],
      ["产出指标", "数量指标", ""],
      ["≥100人", "", ""],
    ]);
  });

  it("accepts bytes in any supported encoding", () => {
    expect(texts(tables(readPastedTsv(encodeGbk("预算数\t50.00\r\n")))[0]!)).toEqual([["预算数", "50.00"]]);
  });

  it("refuses an empty paste", () => {
    expect(() => readPastedTsv(" \r\n")).toThrow(DomainError);
  });
});

describe("readPastedHtml", () => {
  it("reads Excel's clipboard HTML with rowspan/colspan, cell-internal <br> and &nbsp;", () => {
    const doc = readPastedHtml(toHtml(PROJECT_GOAL_SPEC, "excel"));
    expect(doc.format).toBe("paste-html");
    expect(tables(doc)[0]!.rows).toEqual(expectedCells(PROJECT_GOAL_SPEC));
  });

  it("reads Word's clipboard HTML (paragraphs in cells)", () => {
    expect(tables(readPastedHtml(toHtml(PROJECT_GOAL_SPEC, "word")))[0]!.rows).toEqual(
      expectedCells(PROJECT_GOAL_SPEC),
    );
  });

  it("is lenient: unclosed td/tr, upper case, entities, whitespace collapsed, text outside as paragraphs", () => {
    const html = `<p>表 1：绩效目标</p><TABLE><TR><TD>一级&nbsp;&nbsp;指标<TD rowspan="2">指标值\n   ≥90%<TR><TD>满意度 &amp; 效益</TABLE><div>单位：万元</div>`;
    const doc = readPastedHtml(html, "p.html");
    expect(doc.blocks[0]).toEqual({ type: "paragraph", text: "表 1：绩效目标", location: { file: "p.html" } });
    expect(tables(doc)[0]!.rows).toEqual([
      [{ text: "一级  指标" }, { text: "指标值 ≥90%", rowSpan: 2 }],
      [{ text: "满意度 & 效益" }, { text: "指标值 ≥90%", mergedFrom: [0, 1] }],
    ]);
    expect(doc.blocks.at(-1)).toMatchObject({ type: "paragraph", text: "单位：万元" });
  });

  it("takes Excel's stored number (x:num) behind a rounded display, and keeps dates and texts as shown", () => {
    const html = `<table><tr><td x:num="0.485">0.49</td><td x:num="0.883">88.3%</td><td x:num="4850">4,850.00</td><td x:num="45656">2024/12/30</td><td x:num="1234.5600000000001">1,234.56</td><td x:num>12</td><td>≥90%</td></tr></table>`;
    expect(texts(tables(readPastedHtml(html))[0]!)).toEqual([
      ["0.485", "88.3%", "4850", "2024/12/30", "1234.56", "12", "≥90%"],
    ]);
  });

  it("cuts a rowspan that runs past the table, and clamps absurd spans", () => {
    const t = tables(readPastedHtml(`<table><tr><td rowspan=9 colspan=99999>a</td><td>b</td></tr></table>`))[0]!;
    expect(t.rows.length).toBe(1);
    expect(t.rows[0]!.length).toBe(1001);
    expect(t.rows[0]![0]).toEqual({ text: "a", colSpan: 1000 });
  });

  it("flattens a nested table into its cell and lists it after the outer one", () => {
    const doc = readPastedHtml(`<table><tr><td>标准<td><table><tr><td>优<td>≥95</table></table>`);
    const ts = tables(doc);
    expect(ts.map((t) => t.location.table)).toEqual([1, 2]);
    expect(ts[0]!.rows[0]![1]!.text).toBe("优\t≥95");
    expect(texts(ts[1]!)).toEqual([["优", "≥95"]]);
  });

  it("refuses HTML without a table", () => {
    expect(() => readPastedHtml("<p>no table</p>")).toThrow(/没有表格/);
  });
});

describe("readPaste", () => {
  it("prefers the HTML flavour when it holds a table, else the text", () => {
    expect(readPaste({ html: "<table><tr><td>a</td></tr></table>", text: "b" }).format).toBe("paste-html");
    expect(readPaste({ html: "<b>x</b>", text: "b\tc" }).format).toBe("paste-tsv");
  });
});
