/**
 * A page holding only a 三公 table (kind `three-public`, 广西 桂林's 统计表): its table is read as the disclosure
 * reader reads one (`finalAccount.part = "threePublic"`), so the 三公 table's rules run on it, and the rules of a
 * whole 公开 (the other tables, their order, 绩效 sections) do not. Clean: the page with its own mistake corrected
 * (3.公务用车费 32.65 = 32.65 + 0) raises nothing and gets a verdict; planted: 公务接待费 2.70 in the same page is found.
 */
import { reviewDocument } from "@jixiao/core";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { replaceEach } from "./planted.ts";
import { realText } from "./real.ts";

const page = realText("gx-guilin-sfj-2015-3p-1");
const corrected = replaceEach(page, [["3.公务用车费 | 0 | 0 |", "3.公务用车费 | 32.65 | 32.65 |"]]);
const read = (text: string) => importDocument(readExtractedText(text, "gx-guilin.txt"));

describe("a page holding only a 三公 table", () => {
  it("is the three-public kind with its table read as a disclosure's part", () => {
    const r = read(corrected);
    expect(r.document.kinds).toEqual(["three-public"]);
    const f = r.document.finalAccount!;
    expect(f.part).toBe("threePublic");
    expect(f.basis).toBe("budget");
    expect(f.tables.map((t) => [t.kind, t.unit, t.rows.length])).toEqual([["threePublic", "万元", 6]]);
  });

  it("clean: no finding (no other table is asked for), a verdict", () => {
    const review = reviewDocument(read(corrected).document);
    expect(review.findings.map((x) => `${x.rule}: ${x.message}`)).toEqual([]);
    expect(review.judged).toBe(true);
  });

  it("the page as published: its own mistake (3.公务用车费 0 above its 32.65) found twice", () => {
    const errors = reviewDocument(read(page).document).findings.filter((x) => x.severity === "error");
    expect(errors.map((x) => x.message)).toEqual([
      expect.stringMatching(/“三公”经费合计（预算）：34\.35 万元 ≠ 各项之和 1\.70 万元/),
      expect.stringMatching(/公务用车购置及运行费（预算）：0\.00 万元 ≠ 各项之和 32\.65 万元/),
    ]);
  });

  it("planted: 公务接待费 2.70 against 合计 34.35 is found by disclosure.table-sum", () => {
    const planted = replaceEach(corrected, [["2.公务接待费 | 1.70 | 1.70 |", "2.公务接待费 | 2.70 | 2.70 |"]]);
    const review = reviewDocument(read(planted).document);
    const errors = review.findings.filter((x) => x.severity === "error");
    expect(errors.map((x) => x.rule)).toEqual(["disclosure.table-sum"]);
    expect(errors[0]!.message).toMatch(/34\.35 万元 ≠ 各项之和 35\.35 万元/);
  });

  it("a 三公 table whose rows cannot be read whole (施甸: a change's % wrapped onto its own line): 未能判断 with why", () => {
    const review = reviewDocument(read(realText("yn-shidian-czj-2016-3p-1")).document);
    expect(review.findings.filter((x) => x.severity === "error")).toEqual([]);
    expect(review.judged).toBe(false);
    expect(review.reasons[0]!.zh).toMatch(/未能判断：1 张公开表的行未能可靠读出.*名称中夹着金额/);
  });
});

describe("a 三公 table in space-separated rows (江苏 南通)", () => {
  const published = realText("js-nantong-gzw-2016-3p-1");
  // the page with its second amount column (其中：一般公共预算安排数, the same amounts) left out: one column of amounts
  const oneColumn = published
    .replace(/ (\d+\.?\d*) \1$/gm, " $1")
    .replace(" 单位不需填列 单位不需填列", " 单位不需填列")
    .replace("小计 其中:一般公共预算安排数\n", "");

  it("clean: rows read (单位不需填列 is no amount; a numbered row with blank cells does not end the table), no finding", () => {
    const r = read(oneColumn);
    const t = r.document.finalAccount!.tables[0]!;
    expect(t.unread).toBeUndefined();
    expect(t.rows.map((x) => `${x.label}:${x.cells.map((c) => c.amount.fen).join(",")}`).slice(0, 4)).toEqual([
      "一、“三公”经费合计:21630000",
      "(一)因公出国(境)费:",
      "(二)公务接待费:14830000",
      "(三)公务用车费:6800000",
    ]);
    const review = reviewDocument(r.document);
    expect(review.findings.map((x) => `${x.rule}: ${x.message}`)).toEqual([]);
  });

  it("planted: 公务接待费 15.83 against 合计 21.63 is found", () => {
    const review = reviewDocument(read(oneColumn.replace("14.83", "15.83")).document);
    expect(review.findings.map((x) => `${x.rule}: ${x.message}`)).toEqual([
      expect.stringMatching(/^disclosure\.table-sum: .*“三公”经费合计（预算）：21\.63 万元 ≠ 各项之和 22\.63 万元/),
    ]);
  });

  it("as published: the header's two columns, run together (项目2016年预算数 / 小计其中:一般公共预算安排数), read apart under their group heading; rows read in both columns, no finding", () => {
    const r = read(published);
    const t = r.document.finalAccount!.tables[0]!;
    expect(t.unread).toBeUndefined();
    expect(t.columns).toEqual(["2016年预算数小计", "2016年预算数其中:一般公共预算安排数"]);
    // the same rows and amounts as the page with one column, each amount twice
    const one = read(oneColumn).document.finalAccount!.tables[0]!;
    expect(t.rows.map((x) => `${x.label}:${x.cells.map((c) => c.amount.fen).join(",")}`)).toEqual(
      one.rows.map((x) => `${x.label}:${x.cells.flatMap((c) => [c.amount.fen, c.amount.fen]).join(",")}`),
    );
    const review = reviewDocument(r.document);
    expect(review.findings.map((x) => `${x.rule}: ${x.message}`)).toEqual([]);
  });

  it("as published: the rows after the blank-celled 1.公务用车购置费 are read too (its label alone, then 运行维护费, 会议费, 培训费)", () => {
    const t = read(published).document.finalAccount!.tables[0]!;
    expect(t.rows.slice(4).map((x) => `${x.label}:${x.cells.map((c) => c.amount.fen).join(",")}`)).toEqual([
      "1.公务用车购置费:",
      "2.公务用车运行维护费:6800000,6800000",
      "二、会议费:7590000,7590000",
      "三、培训费:15860000,15860000",
    ]);
  });

  it("as published, planted: 公务用车运行维护费 5.8 under 公务用车费 6.8 is found (read only since the blank-celled row no longer ends the table)", () => {
    const review = reviewDocument(read(published.replace("运行维护费 6.8 6.8", "运行维护费 5.8 5.8")).document);
    const hits = review.findings.filter((x) => x.severity === "error").map((x) => `${x.rule}: ${x.message}`);
    expect(hits).toEqual([
      expect.stringMatching(/^disclosure\.table-sum: .*公务用车购置及运行费（预算）：6\.80 万元 ≠ 各项之和 5\.80 万元/),
    ]);
  });

  it("as published, planted: 公务接待费 15.83 (both columns) against 合计 21.63 is found", () => {
    const review = reviewDocument(read(published.replace("14.83 14.83", "15.83 15.83")).document);
    const hits = review.findings.filter((x) => x.rule === "disclosure.table-sum").map((x) => x.message);
    expect(hits).toEqual([expect.stringMatching(/“三公”经费合计（预算）：21\.63 万元 ≠ 各项之和 22\.63 万元/)]);
  });
});
