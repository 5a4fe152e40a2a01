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
