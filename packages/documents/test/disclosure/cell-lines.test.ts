/**
 * Tables whose cells come one a line (a web page's table copied as text, blank cells lost — 湖北 南漳's 收入支出决算总表
 * as the page store gave it): the rows are put back from what each cell is (../../src/disclosure/cell-lines.ts).
 * The two clean disclosures and every planted copy written that way (each `|` / tab row's cells one a paragraph, as the
 * page store gives such pages) read back the tables of their text and raise its findings; generated tables of either
 * layout (one side, or 收入 | 支出 side by side with one side running out) read back their rows.
 */
import { reviewDocument } from "@jixiao/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCellLines } from "../../src/disclosure/cell-lines.ts";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { renderedCases } from "./planted.ts";
import { realText } from "./real.ts";

/** A text with every table cell a paragraph of its own and blank cells left out, paragraphs apart by a blank line. */
const oneCellALine = (text: string) =>
  readExtractedText(text, "x.txt")
    .blocks.flatMap((b) =>
      b.type === "paragraph" ? [b.text] : b.table.rows.flatMap((r) => r.map((c) => c.text.trim()).filter((c) => c)),
    )
    .join("\n\n");
const read = (text: string) => importDocument(readExtractedText(text, "x.txt"));
const figures = (text: string) =>
  read(text).document.finalAccount!.tables.map(
    (t) =>
      `${t.kind}|${t.unit}|${t.unread?.zh ?? ""}|${t.rows
        .map((x) => `${x.side ?? ""}${x.code ?? ""}${x.label}:${x.cells.map((c) => c.amount.fen).join(",")}`)
        .join(";")}`,
  );
const rules = (text: string) =>
  reviewDocument(read(text).document)
    .findings.map((f) => f.rule)
    .sort();

describe("湖北 南漳: its 收入支出决算总表 as published, one cell a line", () => {
  const page = realText("hb-nanzhang-zsfw-2019-fad-1");

  it("the rows before the page is cut are put back, 收入 beside 支出 with their 行次", () => {
    const cells = page
      .slice(page.indexOf("收入\n\n支出"))
      .split(/\n+/)
      .filter((x) => x.trim() !== "");
    const t = readCellLines(cells, { twoSided: true })!;
    expect(t.header).toEqual([
      ["收入", "", "", "支出", "", ""],
      ["项目", "行次", "金额", "项目", "行次", "金额"],
    ]);
    expect(t.rows.map((r) => r.cells.join("|"))).toEqual([
      "一、一般公共预算财政拨款收入|1|440.55|一、一般公共服务支出|29|423.20",
      "二、政府性基金预算财政拨款收入|2|0.00|二、外交支出|30|0.00",
      "三、上级补助收入|3|10.00|三、国防支出|31|0.00",
      "四、事业收入|4|0.00|四、公共安全支出|32|0.00",
    ]);
    // the cut `五、经` after the last amount is no row
    expect(cells[t.used]).toBe("五、经");
    expect(t.doubt).toBeUndefined();
  });

  it("read as jixiao import reads it: the table's rows were read, but it is cut before its 总计, so 未能判断 says so", () => {
    const r = read(page);
    const [t] = r.document.finalAccount!.tables;
    expect(t!.unread?.zh).toBe("没有读出合计（总计）行");
    const review = reviewDocument(r.document);
    expect(review.judged).toBe(false);
    expect(review.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("the clean and planted disclosures written one cell a line", () => {
  const cases = renderedCases();
  for (const id of ["clean-final-2022", "clean-final-2022-long"])
    it(`${id}: the text's tables, no finding`, () => {
      const text = cases.find((c) => c.id === id)!.text;
      const flat = oneCellALine(text);
      expect(flat).not.toContain("|");
      expect(figures(flat)).toEqual(figures(text));
      const review = reviewDocument(read(flat).document);
      expect(review.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      expect(review.judged).toBe(true);
    });

  it("clean-budget-2024 (tab rows, amounts in 元 with thousands commas, a 三公 table laid across under merged heads): the same amounts, no finding", () => {
    const text = cases.find((c) => c.id === "clean-budget-2024")!.text;
    const flat = oneCellALine(text);
    // the 三公 table's columns are named by the standard order, not from the flattened merged header
    const amountsOnly = (fs: string[]) => fs.map((f) => f.replace(/[^|;:,\d]/g, ""));
    expect(amountsOnly(figures(flat))).toEqual(amountsOnly(figures(text)));
    const review = reviewDocument(read(flat).document);
    expect(review.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    expect(review.judged).toBe(true);
  });

  // a table with blank cells among several amount columns (国有资产占用情况表: 资产总额 | | 1500.00) cannot be put back
  // one cell a line: it is unread with why, so the statements' rules about it do not run
  const blanksLost = new Set(["clean-final-2022-statements", "planted-assets", "planted-procurement"]);
  for (const c of cases.filter((x) => x.rule && !blanksLost.has(x.id)))
    it(`${c.id}: found by ${c.rule}, the text's findings`, () => {
      const flat = oneCellALine(c.text);
      const review = reviewDocument(read(flat).document);
      const hit = review.findings.filter((f) => f.rule === c.rule);
      // (the unread table's why is this layout's: an amount more than its header's columns is a row with one too many)
      if (c.rule === "disclosure.table-unread")
        expect(hit.map((f) => f.message).join("\n")).toMatch(/「二、收入决算表」未能判断：有 \d 行的金额少于/);
      else expect(hit.map((f) => f.message).join("\n")).toMatch(c.zh!);
      expect(rules(flat)).toEqual(rules(c.text));
    });

  it("planted-procurement: still found by disclosure.procurement, its 政府采购 table 未能判断 beside it", () => {
    const c = cases.find((x) => x.id === "planted-procurement")!;
    const review = reviewDocument(read(oneCellALine(c.text)).document);
    expect(
      review.findings
        .filter((f) => f.rule === c.rule)
        .map((f) => f.message)
        .join("\n"),
    ).toMatch(c.zh!);
    expect(review.findings.filter((f) => f.rule === "disclosure.table-unread")).toHaveLength(1);
  });

  it("a table with blank cells under several amount columns: unread, with why", () => {
    const flat = oneCellALine(cases.find((c) => c.id === "clean-final-2022-statements")!.text);
    const tables = read(flat).document.finalAccount!.tables;
    const assets = tables.find((t) => t.kind === "assets")!;
    expect(assets.unread?.zh).toMatch(/有 2 行的金额少于 2 个（空单元格未留下位置/);
    expect(tables.filter((t) => t.unread)).toEqual([assets]);
    const review = reviewDocument(read(flat).document);
    expect(review.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });
});

// generated tables: labels that are no amounts, codes and amounts of their own shapes
const amount = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 }))
  .map(([a, b]) => `${a}.${String(b).padStart(2, "0")}`);
const word = fc.constantFrom(
  "公共安全",
  "社会保障和就业",
  "住房保障",
  "教育",
  "卫生健康",
  "农林水",
  "节能环保",
  "文化旅游",
);
const HEADS = ["合计", "基本支出", "项目支出", "上缴上级支出", "经营支出"];

describe("generated tables one cell a line read back their rows", () => {
  it("one side: a header (maybe 科目编码, maybe 行次), rows of a label (maybe its code) and n amounts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.tuple(word, fc.integer({ min: 200, max: 299 })), { minLength: 2, maxLength: 12 }),
        fc.array(amount, { minLength: 60, maxLength: 60 }),
        (n, withCode, withLine, labels, amounts) => {
          const header = [...(withCode ? ["科目编码", "科目名称"] : ["项目"]), ...(withLine ? ["行次"] : [])];
          header.push(...HEADS.slice(0, n));
          const rows = labels.map(([w, code], i) => ({
            label: `${w}支出`,
            code: String(code),
            line: String(i + 1),
            values: amounts.slice(i * n, i * n + n),
          }));
          const cells = [
            ...header,
            ...(withLine ? ["栏次", ...Array.from({ length: n }, (_, j) => String(j + 1))] : []),
            ...rows.flatMap((r) => [
              ...(withCode ? [r.code] : []),
              r.label,
              ...(withLine ? [r.line] : []),
              ...r.values,
            ]),
            "二、收入决算情况说明",
          ];
          const t = readCellLines(cells)!;
          expect(t.doubt).toBeUndefined();
          expect(t.used).toBe(cells.length - 1);
          expect(t.header.at(-1)!.slice(withLine ? 2 : 1)).toEqual(HEADS.slice(0, n));
          expect(t.rows.map((r) => r.cells)).toEqual(
            rows.map((r) => [withCode ? `${r.code} ${r.label}` : r.label, ...(withLine ? [r.line] : []), ...r.values]),
          );
          // each cell points at the line it came from
          for (const r of t.rows)
            r.from.forEach((f, j) => {
              expect(r.cells[j]).toContain(cells[f]!);
            });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("two sides (收入 | 支出): rows side by side, the longer side's rows with the other half blank", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(word, { minLength: 1, maxLength: 8 }),
        fc.array(amount, { minLength: 16, maxLength: 16 }),
        fc.boolean(),
        (inWords, outWords, amounts, withLine) => {
          const income = inWords.map((w, i) => ({ label: `${w}收入`, line: String(i + 1), value: amounts[i]! }));
          const spend = outWords.map((w, i) => ({ label: `${w}支出`, line: String(i + 30), value: amounts[8 + i]! }));
          const half = (x: { label: string; line: string; value: string } | undefined) =>
            x ? [x.label, ...(withLine ? [x.line] : []), x.value] : new Array<string>(withLine ? 3 : 2).fill("");
          const expected = Array.from({ length: Math.max(income.length, spend.length) }, (_, i) => [
            ...half(income[i]),
            ...half(spend[i]),
          ]);
          const cells = [
            "收入",
            "支出",
            ...(withLine ? ["项目", "行次", "金额", "项目", "行次", "金额"] : ["项目", "决算数", "项目", "决算数"]),
            ...expected.flatMap((r) => r.filter((c) => c !== "")),
          ];
          const t = readCellLines(cells, { twoSided: true })!;
          expect(t.rows.map((r) => r.cells)).toEqual(expected);
          expect(t.header[0]![0]).toBe("收入");
          expect(t.used).toBe(cells.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a blank cell lost among several amount columns: the rows are put back but the table is doubted", () => {
    const t = readCellLines(["项目", "合计", "基本支出", "甲支出", "3.00", "1.00", "2.00", "乙支出", "5.00", "5.00"])!;
    expect(t.rows).toHaveLength(2);
    expect(t.doubt?.zh).toMatch(/有 1 行的金额少于 3 个/);
  });

  it("lines that are no table: no amounts, or a single amount after a heading", () => {
    expect(readCellLines(["一、部门职能", "二、机构设置"])).toBeUndefined();
    expect(readCellLines(["项目", "合计", "12.00"])).toBeUndefined();
  });
});
