import {
  AlignmentType,
  Document,
  LevelFormat,
  LevelSuffix,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDocx } from "../../src/read/docx.ts";
import { chineseNumber, formatNumber } from "../../src/read/docx-numbering.ts";

describe("docx automatic numbering", () => {
  it("puts Word's list numbers back in front of paragraphs, in body and cells, restarting lower levels", async () => {
    const numbered = (text: string, level: number, reference = "heads") =>
      new Paragraph({ children: [new TextRun(text)], numbering: { reference, level } });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: "heads",
            levels: [
              {
                level: 0,
                format: LevelFormat.CHINESE_COUNTING,
                text: "%1、",
                alignment: AlignmentType.LEFT,
                suffix: LevelSuffix.NOTHING,
              },
              {
                level: 1,
                format: LevelFormat.CHINESE_COUNTING,
                text: "（%2）",
                alignment: AlignmentType.LEFT,
                suffix: LevelSuffix.NOTHING,
              },
              { level: 2, format: LevelFormat.DECIMAL, text: "%3.", alignment: AlignmentType.LEFT },
            ],
          },
          {
            reference: "circled",
            levels: [
              {
                level: 0,
                format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE,
                text: "%1",
                alignment: AlignmentType.LEFT,
                suffix: LevelSuffix.SPACE,
              },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            numbered("部门职责", 0),
            numbered("主要职能", 1),
            numbered("维护道路交通秩序", 2),
            numbered("处理交通事故", 2),
            numbered("机构设置", 1),
            numbered("开展宣传", 2),
            numbered("部门预算", 0),
            numbered("收入预算", 1),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph("目标")] }),
                    new TableCell({
                      children: [numbered("提升水平", 0, "circled"), numbered("减少事故", 0, "circled")],
                    }),
                  ],
                }),
              ],
            }),
            new Paragraph("未编号的段落"),
            ...Array.from({ length: 10 }, (_, i) => numbered(`项目${i + 3}`, 0)),
          ],
        },
      ],
    });
    const read = readDocx(await Packer.toBuffer(doc), "n.docx");
    const paragraphs = read.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
    expect(paragraphs.slice(0, 9)).toEqual([
      "一、部门职责",
      "（一）主要职能",
      "1.维护道路交通秩序",
      "2.处理交通事故",
      "（二）机构设置",
      "1.开展宣传",
      "二、部门预算",
      "（一）收入预算",
      "未编号的段落",
    ]);
    expect(paragraphs.at(-1)).toBe("十二、项目12");
    const table = read.blocks.find((b) => b.type === "table");
    expect(table?.type === "table" && table.table.rows[0]![1]!.text).toBe("① 提升水平\n② 减少事故");
  });

  it("takes numbering from heading styles (basedOn chains), with direct numPr winning", () => {
    const W = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>`;
    const styles = `<w:styles ${W}><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Body"/></w:styles>`;
    const p = (style: string, text: string) =>
      `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const body = `${p("1", "部门职责")}${p("2", "主要职能")}${p("2", "机构设置")}${p("Body", "正文")}${p("1", "部门预算")}<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>取消编号</w:t></w:r></w:p>`;
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
    const buf = zipSync({
      "word/document.xml": strToU8(`<w:document ${W}><w:body>${body}</w:body></w:document>`),
      "word/_rels/document.xml.rels": strToU8(rels),
      "word/numbering.xml": strToU8(numbering),
      "word/styles.xml": strToU8(styles),
    });
    const read = readDocx(buf, "s.docx");
    expect(read.blocks.map((b) => (b.type === "paragraph" ? b.text : ""))).toEqual([
      "一、部门职责",
      "（一）主要职能",
      "（二）机构设置",
      "正文",
      "二、部门预算",
      "取消编号",
    ]);
  });

  it("formats numbers the way Word does", () => {
    expect([1, 10, 11, 20, 21, 100, 105, 110, 1001].map(chineseNumber)).toEqual([
      "一",
      "十",
      "十一",
      "二十",
      "二十一",
      "一百",
      "一百零五",
      "一百一十",
      "一千零一",
    ]);
    expect(formatNumber(3, "upperLetter")).toBe("C");
    expect(formatNumber(28, "lowerLetter")).toBe("bb");
    expect(formatNumber(14, "upperRoman")).toBe("XIV");
    expect(formatNumber(2, "ideographTraditional")).toBe("乙");
    expect(formatNumber(12, "decimalFullWidth")).toBe("１２");
  });
});
