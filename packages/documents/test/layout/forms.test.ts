/**
 * One test per layout form: a random table from the vocabulary and the indicator framework, rendered in the
 * form, is recovered cell for cell (merged cells left out come back as empty cells), after a title paragraph.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatExplanation, recoverLayout } from "../../src/layout/index.ts";
import type { SourceDocument, Table } from "../../src/model/table.ts";
import {
  type GenTable,
  renderCellLines,
  renderCellParagraphs,
  renderCellParagraphsRowGaps,
  renderGlued,
  renderGluedWrappedHeader,
  renderOneLine,
  renderPipeCells,
  renderPipeCellsBare,
  renderPipeCellsPadded,
  renderPipes,
  renderPipesBroken,
  renderPipesRagged,
  renderSpaced,
  renderTabCells,
  renderTabRows,
  renderWords,
  renderWordsVertical,
  tableArb,
} from "./generate.ts";

const TITLE = "2024年度项目支出绩效自评表";

function tables(doc: SourceDocument): Table[] {
  return doc.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
}

const grid = (t: Table) => t.rows.map((r) => r.map((c) => c.text));

function recovered(text: string): { doc: SourceDocument; grids: string[][][] } {
  const { document } = recoverLayout(text, "g.txt");
  return { doc: document, grids: tables(document).map(grid) };
}

const FORMS: [string, (t: GenTable) => string, string][] = [
  ["PDF text (tabs between cells)", renderTabRows, "pdf-text"],
  ["Word text (a cell a line after a tab)", renderTabCells, "word-text"],
  ["markdown-like | rows with a |---| rule", renderPipes, "pipe"],
  ["ragged ` | ` rows (merged cells left out)", renderPipesRagged, "pipe"],
  ["| rows broken where a cell began on a new line", renderPipesBroken, "pipe"],
  ["a cell a line ending with |", renderPipeCells, "pipe-cells"],
  ["a cell a line ending with |, each row ended by a bare |", renderPipeCellsBare, "pipe-cells"],
  ["a cell a line ending with |, rows opened by | and closed by a line of pipes", renderPipeCellsPadded, "pipe-cells"],
  ["a cell a line, no separators (Word text without tabs)", renderCellLines, "stream"],
  ["a cell a paragraph", renderCellParagraphs, "stream"],
  ["a cell a paragraph, rows set apart by longer blank runs", renderCellParagraphsRowGaps, "stream"],
  ["columns aligned by spaces (pdftotext -layout)", renderSpaced, "spaced"],
  ["rows of space-separated words", renderWords, "tokens"],
  ["a whole table on one line", renderOneLine, "tokens"],
  ["run-together: a row a line, cells glued without separators", renderGlued, "run-together"],
  ["run-together, header cells wrapped (a space inside a name)", renderGluedWrappedHeader, "run-together"],
  ["rows of words, 一级 / 二级 printed vertically over lines of their own", renderWordsVertical, "tokens"],
];

describe("layout forms: a generated table comes back cell for cell", () => {
  for (const [name, render, candidate] of FORMS) {
    it(name, () => {
      fc.assert(
        fc.property(tableArb, (t) => {
          const text = `${TITLE}\n\n${render(t)}\n`;
          const { doc, grids } = recovered(text);
          expect(grids).toEqual([[t.header, ...t.rows]]);
          const first = doc.blocks[0]!;
          expect(first.type === "paragraph" && first.text).toBe(TITLE);
          const { explain } = recoverLayout(text, "g.txt");
          expect(explain.filter((e) => e.chosen && e.candidate !== "paragraphs").map((e) => e.candidate)).toEqual([
            candidate,
          ]);
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe("layout forms: line ends and separators", () => {
  it("reads CRLF text, with a BOM, as it reads LF text", () => {
    fc.assert(
      fc.property(
        tableArb,
        fc.constantFrom(renderPipes, renderSpaced, renderWords, renderCellLines, renderTabRows),
        (t, render) => {
          const lf = `${TITLE}\n\n${render(t)}\n`;
          const crlf = `\ufeff${lf.replace(/\n/g, "\r\n")}`;
          expect(recovered(crlf).grids).toEqual(recovered(lf).grids);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("reads full-width ｜ between cells", () => {
    const text = ["一级指标｜二级指标｜三级指标｜指标值", "产出指标｜数量指标｜出警次数｜≥50次"].join("\n");
    expect(recovered(text).grids).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "出警次数", "≥50次"],
      ],
    ]);
  });
});

describe("layout forms: hand-checked cases", () => {
  it("splits the issue's one-line table at its header and cuts the rows by the header's width", () => {
    const line =
      "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 " +
      "产出指标(50分) 数量指标 基建工程委托业务项目数量 ≥50个 50 8 8 质量指标 工程验收合格率 100% 100% 8 8 " +
      "效益指标(30分) 社会效益指标 群众满意程度 ≥90% 95% 10 9 宣传不足";
    const { grids } = recovered(line);
    expect(grids).toEqual([
      [
        [
          "绩效指标",
          "一级指标",
          "二级指标",
          "三级指标",
          "年度指标值",
          "实际完成值",
          "分值",
          "得分",
          "偏差原因分析及改进措施",
        ],
        ["", "产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", "8", "8", ""],
        ["", "", "质量指标", "工程验收合格率", "100%", "100%", "8", "8", ""],
        ["", "效益指标(30分)", "社会效益指标", "群众满意程度", "≥90%", "95%", "10", "9", "宣传不足"],
      ],
    ]);
  });

  it("reads -layout columns by display position, CJK counted double, empty cells missing", () => {
    const text = [
      "一级指标    二级指标    三级指标            指标值      分值",
      "产出指标    数量指标    出警次数            ≥50次       10",
      "                        处警及时率          ≥95%        10",
      "            质量指标    群众回访率          ≥90%        5",
    ].join("\n");
    expect(recovered(text).grids).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "出警次数", "≥50次", "10"],
        ["", "", "处警及时率", "≥95%", "10"],
        ["", "质量指标", "群众回访率", "≥90%", "5"],
      ],
    ]);
  });

  it("reads a -layout page: wrapped header and cells joined, a page number in the table dropped", () => {
    const text = [
      "                         项目支出绩效自评表",
      "",
      " 一级指标    二级指标       三级指标                 年度指标值    实际完成值    分值   得分   偏差原因分析及改进",
      "                                                                                                 措施",
      " 产出指标    数量指标       设备维护点位数量         ≥120个        126个         20     20",
      "                            交通信号灯故障修复       ≥95%          93%           10     9      部分配件采购周期",
      "                            及时率                                                             较长",
      "                                   - 1 -",
      " 满意度指标  服务对象满意   群众满意度               ≥90%          92%           10     10",
      "             度指标",
    ].join("\n");
    const { doc, grids } = recovered(text);
    expect(grids).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "设备维护点位数量", "≥120个", "126个", "20", "20", ""],
        ["", "", "交通信号灯故障修复及时率", "≥95%", "93%", "10", "9", "部分配件采购周期较长"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "10", "10", ""],
      ],
    ]);
    expect(doc.notes?.map((n) => n.location?.row)).toEqual([8]);
    // The explanation says which reading took which lines, with its score, and why the others lost.
    const { explain } = recoverLayout(text, "g.txt");
    const spaced = explain.find((e) => e.candidate === "spaced")!;
    expect([spaced.chosen, spaced.first, spaced.last, spaced.known]).toEqual([true, 3, 10, 8]);
    const lost = explain.filter((e) => !e.chosen);
    expect(lost.length).toBeGreaterThan(0);
    for (const e of lost) {
      expect(e.score).toBeLessThanOrEqual(spaced.score);
      expect(e.why).toBeDefined();
    }
    expect(formatExplanation(explain)).toContain("spaced");
  });

  it("joins a header wrapped over two lines in -layout text (一级 / 指标)", () => {
    const text = [
      "一级      二级      三级指标        年度      分值",
      "指标      指标                      指标值",
      "产出指标  数量指标  出警次数        ≥50次     10",
    ].join("\n");
    expect(recovered(text).grids).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "分值"],
        ["产出指标", "数量指标", "出警次数", "≥50次", "10"],
      ],
    ]);
  });

  it("aligns a ragged | row short by two cells at its start (merged 一级 / 二级)", () => {
    const text = [
      "一级指标 | 二级指标 | 三级指标 | 指标值 | 分值",
      "产出指标 | 数量指标 | 出警次数 | ≥50次 | 10",
      "处警及时率 | ≥95% | 10",
    ].join("\n");
    expect(recovered(text).grids[0]![2]).toEqual(["", "", "处警及时率", "≥95%", "10"]);
  });

  it("joins a | header whose spanning cells came one or two a row", () => {
    const text = [
      "绩效指标 | 一级指标 | |",
      "二级指标 | | |",
      "三级指标 | 指标值 | |",
      "产出指标 | 数量指标 | 出警次数 | ≥50次",
    ].join("\n");
    expect(recovered(text).grids).toEqual([
      [
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "出警次数", "≥50次"],
      ],
    ]);
  });

  it("keeps a wrapped 一级 name broken by vertical text with the row it starts (tokens)", () => {
    const text = [
      "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
      "(50分)",
      "数量指标 指标1:宣传场次 ≥1场 1场 12 12",
      "指标2:检测试剂数量 ≥2400份 3200份 12 12",
    ].join("\n");
    expect(recovered(text).grids).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["(50分)", "数量指标", "指标1:宣传场次", "≥1场", "1场", "12", "12"],
        ["", "", "指标2:检测试剂数量", "≥2400份", "3200份", "12", "12"],
      ],
    ]);
  });

  it("joins a 二级 name wrapped over two paragraphs (经济效益 / 指标) in a cell-a-paragraph table", () => {
    const text = [
      "一级指标",
      "二级指标",
      "三级指标",
      "指标值",
      "效益指标",
      "经济效益",
      "指标",
      "年增粮食",
      "3500公斤",
      "社会效益",
      "指标",
      "受益人口数",
      "≥500人",
    ].join("\n\n");
    expect(recovered(text).grids).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["效益指标", "经济效益指标", "年增粮食", "3500公斤"],
        ["", "社会效益指标", "受益人口数", "≥500人"],
      ],
    ]);
  });

  it("reads a form's label / value lines as a table, and leaves one 部门名称：… heading line a paragraph", () => {
    const text = [
      "项目名称 禁毒经费",
      "主管部门 市公安局 实施单位 禁毒支队",
      "",
      "项目名称",
      "交通秩序整治",
      "实施单位：交警支队",
      "一、部门概况",
      "部门名称：市公安局交警支队",
    ].join("\n");
    const { doc, grids } = recovered(text);
    expect(grids).toEqual([
      [
        ["项目名称", "禁毒经费", "", ""],
        ["主管部门", "市公安局", "实施单位", "禁毒支队"],
        ["项目名称", "交通秩序整治", "", ""],
        ["实施单位", "交警支队", "", ""],
      ],
    ]);
    expect(doc.blocks.slice(1)).toMatchObject([
      { type: "paragraph", text: "一、部门概况" },
      { type: "paragraph", text: "部门名称：市公安局交警支队" },
    ]);
  });

  it("leaves prose as paragraphs when no reading finds a known header", () => {
    const text = "今年共开展4个项目。\n\n预算 2953.33 万元，执行 2609.14 万元。\n一 二 三 四 五";
    const { doc } = recovered(text);
    expect(doc.blocks.map((b) => b.type)).toEqual(["paragraph", "paragraph", "paragraph"]);
  });

  it("reads a form's labels glued to their values, two labels on one line", () => {
    const text = [
      "项目名称农村学校改造补助资金",
      "项目主管部门某区教育局项目执行单位某中学",
      "部门名称：某区教育局",
    ].join("\n");
    expect(recovered(text).grids).toEqual([
      [
        ["项目名称", "农村学校改造补助资金", "", ""],
        ["项目主管部门", "某区教育局", "项目执行单位", "某中学"],
        ["部门名称", "某区教育局", "", ""],
      ],
    ]);
  });

  it("reads words rows whose 一级 / 二级 are printed vertically with their points, and drops a row marked not applicable", () => {
    // the 一级 name lost but its points (30分); 经济效益 / 指标 and 服务对象 / 满意度指标 broken over lines;
    // 指标1:/ / / is the form's row left not applicable
    const text = [
      "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
      "(30分)",
      "经济效益",
      "指标",
      "指标1:全市安全度汛 10 10",
      "生态效益",
      "指标",
      "指标1:/ / /",
      "满意度指标",
      "(10分)",
      "服务对象",
      "满意度指标",
      "指标1:服务对象满意度 90% 100% 10 10",
    ].join("\n");
    expect(recovered(text).grids).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["(30分)", "经济效益指标", "指标1:全市安全度汛", "", "", "10", "10"],
        ["满意度指标(10分)", "服务对象满意度指标", "指标1:服务对象满意度", "90%", "100%", "10", "10"],
      ],
    ]);
  });

  it("reads space-separated rows under a 绩效指标 label column, the label printed again and a 一级 name over two lines", () => {
    // the older Sichuan goal table: 一级 项目完成 / 指标 (项目完成指标) broken over two lines after the label 绩效指标
    const text = [
      "绩效指标 一级指标 二级指标 三级指标 指标值",
      "绩效指标 项目完成",
      "指标",
      "数量指标 慰问休养员人数 32人",
      "宣传教育 覆盖全区所有人员",
      "项目效益",
      "指标",
      "社会效益指标 群众防治意识 明显增强",
    ].join("\n");
    expect(recovered(text).grids).toEqual([
      [
        // the label printed again sits in the row-label column before the header's first name
        ["", "绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["绩效指标", "", "项目完成指标", "", "", ""],
        ["", "", "", "数量指标", "慰问休养员人数", "32人"],
        ["", "", "", "", "宣传教育", "覆盖全区所有人员"],
        // a 一级 name on lines of its own starts the row under it (merged cells: the name beside its first row)
        ["", "", "项目效益指标", "社会效益指标", "群众防治意识", "明显增强"],
      ],
    ]);
  });

  it("joins a header's bracketed note printed as a cell of its own (得分 / (20分*执行率)), not a bracketed value", () => {
    const text = [
      "预算数(A)\n\n执行数(B)\n\n执行率(B/A)\n\n得分\n\n(20分*执行率)",
      "年度财政资金总额\n\n50\n\n10\n\n20\n\n4",
      "一级指标\n\n二级指标\n\n三级指标\n\n年初目标值\n\n实际完成值\n\n得分",
      "产出指标\n\n数量指标\n\n建设猪舍\n\n(≥77平方米)\n\n80平方米\n\n3",
      "数量指标\n\n购置设备\n\n(≥2台)\n\n2台\n\n2",
      "满意度指标\n\n服务对象满意度指标\n\n社员满意度\n\n≥90%\n\n95%\n\n1",
    ].join("\n".repeat(11));
    expect(recovered(text).grids).toEqual([
      [
        ["", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
        ["年度财政资金总额", "50", "10", "20", "4"],
      ],
      [
        ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "建设猪舍", "(≥77平方米)", "80平方米", "3"],
        ["", "数量指标", "购置设备", "(≥2台)", "2台", "2"],
        ["满意度指标", "服务对象满意度指标", "社员满意度", "≥90%", "95%", "1"],
      ],
    ]);
  });
});
