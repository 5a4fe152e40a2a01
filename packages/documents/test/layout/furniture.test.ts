/**
 * Page furniture and placeholder rows are dropped, each with a note that says which line and why; the table
 * around them is read as if they were not there.
 */
import { describe, expect, it } from "vitest";
import { furnitureOf, recoverLayout } from "../../src/layout/index.ts";
import type { SourceDocument, Table } from "../../src/model/table.ts";

const tables = (d: SourceDocument): Table[] => d.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
const grid = (t: Table) => t.rows.map((r) => r.map((c) => c.text));
const paragraphs = (d: SourceDocument) => d.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
const noteRows = (d: SourceDocument) => (d.notes ?? []).map((n) => n.location?.row);

describe("page furniture", () => {
  it("knows the furniture of web pages and printed pages", () => {
    for (const line of [
      "发布时间：2022-03-17 16:06 来源：市公安局 浏览次数：",
      "发布日期: 2022-03-17",
      "2020-03-04 13:32来源: 石嘴山网",
      "时间:2021-04-22",
      "【字体：大 中 小】",
      "[字号:大 中 小] [打印] [关闭]",
      "打印 关闭",
      "【打印本页】 【关闭窗口】",
      "来源：县财政局",
      "浏览量：1024",
      "第 3 页 共 9 页",
      "第3页",
      "- 3 -",
      "=== page 4 ===",
      "您当前的位置：首页 > 信息公开 > 部门预算",
      "首页 > 政务公开",
      "网站标识码：3413000001 皖ICP备05003258号",
      "皖公网安备 34150202000123号",
    ])
      expect([line, furnitureOf(line) !== undefined]).toEqual([line, true]);
    for (const line of [
      "项目名称 禁毒经费",
      "资金来源：财政拨款",
      "三级指标",
      "打印机采购数量",
      "第三季度完成全部验收",
      "12",
      "共开展4个项目",
      "2020年3月完成验收",
    ])
      expect([line, furnitureOf(line)]).toEqual([line, undefined]);
  });

  it("drops furniture around and inside a table, with a note each, and reads the table across it", () => {
    const text = [
      "您当前的位置：首页 > 信息公开",
      "项目支出绩效自评表",
      "发布时间：2022-03-17 来源：市公安局",
      "【字体：大 中 小】",
      "一级指标 | 二级指标 | 三级指标 | 指标值 | 分值",
      "产出指标 | 数量指标 | 出警次数 | ≥50次 | 10",
      "- 1 -",
      "=== page 2 ===",
      "一级指标 | 二级指标 | 三级指标 | 指标值 | 分值",
      "效益指标 | 社会效益指标 | 事故下降率 | ≥5% | 20",
      "打印 关闭",
    ].join("\n");
    const { document } = recoverLayout(text, "f.txt");
    expect(paragraphs(document)).toEqual(["项目支出绩效自评表"]);
    expect(tables(document).map(grid)).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "出警次数", "≥50次", "10"],
        ["效益指标", "社会效益指标", "事故下降率", "≥5%", "20"],
      ],
    ]);
    // 1, 3, 4, 7, 8, 11 are furniture; 9 repeats the header at the page break.
    expect(noteRows(document)).toEqual([1, 3, 4, 7, 8, 9, 11]);
    expect(document.notes!.find((n) => n.location?.row === 9)!.text.zh).toContain("重复表头");
    expect(document.notes!.every((n) => n.text.zh !== "" && n.text.en !== "")).toBe(true);
  });

  it("drops a font switch copied one word a line, and keeps a header repeated without a page break", () => {
    const text = [
      "大",
      "中",
      "小",
      "三级指标 | 指标值 | 分值",
      "出警次数 | ≥50次 | 10",
      "三级指标 | 指标值 | 分值",
      "处警及时率 | ≥95% | 10",
    ].join("\n");
    const { document } = recoverLayout(text, "f.txt");
    expect(noteRows(document)).toEqual([1, 2, 3]);
    // No page ends between lines 5 and 6: the repeated header is the document's, kept.
    expect(grid(tables(document)[0]!).map((r) => r[0])).toEqual(["三级指标", "出警次数", "三级指标", "处警及时率"]);
  });

  it("gives the page from form feeds and page markers", () => {
    const text = [
      "前言",
      "=== page 2 ===",
      "一级指标 | 二级指标 | 三级指标 | 指标值",
      "产出指标 | 数量指标 | 出警次数 | ≥50次",
    ].join("\n");
    const { document } = recoverLayout(text, "p.txt");
    expect(document.blocks[0]!.type === "paragraph" && document.blocks[0]!.location.page).toBe(1);
    expect(tables(document)[0]!.location.page).toBe(2);
  });

  it("keeps the tab readers' own reading when furniture is dropped from tab text", () => {
    const text = [
      "标题",
      "发布日期: 2024-01-02",
      "一级指标\t二级指标\t三级指标\t指标值",
      "\f- 2 -",
      "产出指标\t数量指标\t出警次数\t≥50次",
    ].join("\n");
    const { document } = recoverLayout(text, "t.txt");
    expect(document.format).toBe("pdf-text");
    expect(tables(document).map(grid)).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "出警次数", "≥50次"],
      ],
    ]);
    expect(tables(document)[0]!.location.page).toBe(1);
    expect(noteRows(document)).toEqual([2, 4]);
  });
});

describe("placeholder rows", () => {
  it("drops 指标2: and …… rows that hold no indicator, with a note, and keeps 指标2:名称 rows", () => {
    const text = [
      "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
      "产出指标 数量指标 指标1:宣传场次 ≥1场 1场 12 12",
      "指标2:检测试剂数量 ≥2400份 3200份 12 12",
      "……",
      "质量指标 指标1:经费支出合规性 合规 合规 10 10",
      "指标2:",
    ].join("\n");
    const { document } = recoverLayout(text, "h.txt");
    expect(tables(document).map(grid)).toEqual([
      [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "指标1:宣传场次", "≥1场", "1场", "12", "12"],
        ["", "", "指标2:检测试剂数量", "≥2400份", "3200份", "12", "12"],
        ["", "质量指标", "指标1:经费支出合规性", "合规", "合规", "10", "10"],
      ],
    ]);
    expect(noteRows(document)).toEqual([4, 6]);
  });

  it("drops a placeholder row of a | table", () => {
    const text = ["三级指标 | 指标值 | 分值", "出警次数 | ≥50次 | 10", "… | … | …", "处警及时率 | ≥95% | 10"].join(
      "\n",
    );
    const { document } = recoverLayout(text, "h.txt");
    expect(grid(tables(document)[0]!).map((r) => r[0])).toEqual(["三级指标", "出警次数", "处警及时率"]);
    expect(noteRows(document)).toEqual([3]);
  });
});
