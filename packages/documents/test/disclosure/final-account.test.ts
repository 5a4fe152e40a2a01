/**
 * 部门决算公开: the reader on a clean document built on the national template (fixtures/disclosures/), and each
 * disclosure rule on a copy of it in which one mistake is planted; the clean document raises no error. Tables that
 * were not read (a contents page only) are not judged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reviewDocument } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { describe, expect, it } from "vitest";
import { ImportContext, setSpacesFromFormat } from "../../src/import/context.ts";
import { measureCoverage } from "../../src/import/coverage.ts";
import { looksLikeFinalAccount, readFinalAccount } from "../../src/import/final-account.ts";
import { readExtractedText } from "../../src/text/index.ts";

const dir = join(__dirname, "../../../../fixtures/disclosures");
const clean = readFileSync(join(dir, "clean-final-2022.txt"), "utf8");

/** What importDocument does for this kind (index.ts wires it the same way). */
function importText(text: string, file = "d.txt"): ImportedDocument {
  const source = readExtractedText(text, file);
  setSpacesFromFormat(source.format);
  const ctx = new ImportContext(source);
  const r = readFinalAccount(ctx, source.blocks);
  const doc: ImportedDocument = {
    file,
    format: source.format,
    kinds: ["final-account-disclosure"],
    organisations: [],
    dutyGoals: [],
    projects: [],
    projectSelfEvaluations: [],
    paragraphs: source.blocks.flatMap((b) =>
      b.type === "paragraph" ? [{ text: b.text, location: { ...b.location, file } }] : [],
    ),
    unmapped: [],
    finalAccount: r.disclosure,
  };
  if (r.disclosure.title) doc.title = r.disclosure.title;
  doc.coverage = measureCoverage(source.blocks, doc, new Set(r.tables), undefined, ctx.touched);
  return doc;
}

/** The clean text with `from` (which must occur exactly once) replaced. */
function plant(from: string, to: string): string {
  const parts = clean.split(from);
  expect(parts.length, `「${from}」 occurs once`).toBe(2);
  return parts.join(to);
}

const rulesOf = (text: string) => {
  const r = reviewDocument(importText(text));
  return { r, errors: r.findings.filter((f) => f.severity === "error" && f.rule.startsWith("disclosure.")) };
};

describe("reading a 部门决算公开", () => {
  const doc = importText(clean);
  const fa = doc.finalAccount!;
  it("recognises it, skips the contents and reads the nine tables with their unit and unit name", () => {
    expect(looksLikeFinalAccount(readExtractedText(clean, "d.txt").blocks)).toBe(true);
    expect(fa.basis).toBe("final");
    expect(fa.year).toBe(2022);
    expect(fa.organisation).toBe("示范市公安局交通警察支队");
    expect(fa.contents?.entries[0]).toBe("第一部分 部门概况");
    expect(fa.tables.map((t) => t.kind)).toEqual([
      "summary",
      "income",
      "expenditure",
      "fiscalSummary",
      "generalExpenditure",
      "basicExpenditure",
      "threePublic",
      "governmentFund",
      "stateCapital",
    ]);
    expect(fa.tables.every((t) => t.unit === "万元" && t.organisation?.text === "示范市公安局交通警察支队")).toBe(true);
    // the table rows are the tables', not the contents' (line 7 of the text is the contents' 一、收入支出决算总表)
    expect(fa.tables[0]!.location.row).toBeGreaterThan(20);
    const three = fa.tables[6]!;
    const vehicle = three.rows.find((r) => r.label === "公务用车购置及运行费")!;
    expect(vehicle.cells.map((c) => [c.column, c.amount.yuan])).toEqual([
      ["预算数", "500000.00"],
      ["决算数", "450000.00"],
    ]);
    expect(fa.tables[7]!.empty).toBe(true);
    expect(fa.tables[7]!.emptyNote?.text).toContain("故本表为空");
  });

  it("reads the narrative's figures with their lines, and its comparisons", () => {
    const get = (item: string, basis = "final") => fa.figures.find((f) => f.item === item && f.basis === basis);
    expect(get("incomeGrandTotal")?.amount.yuan).toBe("31000000.00");
    expect(get("personnel")?.amount.yuan).toBe("20000000.00");
    expect(get("publicUse")?.amount.yuan).toBe("3616800.00");
    expect(get("generalExpenditure", "budget")?.amount.yuan).toBe("29000000.00");
    expect(get("reception")?.amount.yuan).toBe("73000.00");
    expect(get("abroad")?.amount.yuan).toBe("0.00");
    const line = clean.split("\n").findIndex((l) => l.startsWith("本年支出合计")) + 1;
    expect(get("basicExpenditure")?.location.row).toBe(line);
    const words = fa.comparisons.map((c) => [c.item, c.word]);
    expect(words).toContainEqual(["generalExpenditure", "大于年初预算数"]);
    expect(words).toContainEqual(["abroad", "与预算持平"]);
  });

  it("the clean document raises no error and is judged", () => {
    const { r, errors } = rulesOf(clean);
    expect(errors).toEqual([]);
    expect(r.findings.filter((f) => f.rule.startsWith("disclosure."))).toEqual([]);
    expect(r.judged).toBe(true);
  });
});

describe("each planted mistake is found", () => {
  const cases: { name: string; from: string; to: string; rule: string; zh: RegExp }[] = [
    {
      name: "a placeholder unit name in a table header",
      from: "二、收入决算表\n部门：示范市公安局交通警察支队",
      to: "二、收入决算表\n部门：示范市XX局",
      rule: "disclosure.placeholder",
      zh: /占位符/,
    },
    {
      name: "another unit's name in a table header",
      from: "三、支出决算表\n部门：示范市公安局交通警察支队",
      to: "三、支出决算表\n部门：示范市公安局巡逻警察支队",
      rule: "disclosure.unit-name-mismatch",
      zh: /巡逻警察支队.*不一致/,
    },
    {
      name: "a wrong year in a heading",
      from: "第三部分 2022年度部门决算情况说明\n一、",
      to: "第三部分 2021年度部门决算情况说明\n一、",
      rule: "disclosure.year-mismatch",
      zh: /2021 年/,
    },
    {
      name: "a wrong year in an as-of date",
      from: "截至2022年12月31日",
      to: "截至2021年12月31日",
      rule: "disclosure.year-mismatch",
      zh: /截至2021年12月31日/,
    },
    {
      name: "a total of 0 in a table whose rows hold amounts",
      from: "合计 | | 3050.00 | 2450.00 | 600.00",
      to: "合计 | | 0.00 | 2450.00 | 600.00",
      rule: "disclosure.zero-total",
      zh: /为 0/,
    },
    {
      name: "a narrative that contradicts the table (财政拨款收支总计 0.3 万元 for 2961.68)",
      from: "2022年度财政拨款收入总计2961.68万元",
      to: "2022年度财政拨款收入总计0.3万元",
      rule: "disclosure.narrative-table-mismatch",
      zh: /财政拨款收入支出决算总表/,
    },
    {
      name: "三公 figures that differ from the 三公 table",
      from: "公务接待费支出决算为7.30万元",
      to: "公务接待费支出决算为9.30万元",
      rule: "disclosure.three-public-mismatch",
      zh: /公务接待费/,
    },
    {
      name: "a table total that is not the sum of its rows",
      from: "204 | 公共安全支出 | 2750.00 | 2711.68 | 38.32",
      to: "204 | 公共安全支出 | 2760.00 | 2711.68 | 38.32",
      rule: "disclosure.table-sum",
      zh: /各行之和/,
    },
    {
      name: "基本支出 that is not 人员经费 + 公用经费",
      from: "公用经费361.68万元，主要",
      to: "公用经费316.68万元，主要",
      rule: "disclosure.basic-parts",
      zh: /人员经费.*公用经费/,
    },
    {
      name: "大于 where the figure is below the budget",
      from: "决算数大于年初预算数",
      to: "决算数小于年初预算数",
      rule: "disclosure.comparison-words",
      zh: /实际大于预算/,
    },
    {
      name: "a share of the budget that does not follow from the figures",
      from: "完成预算的87.17%",
      to: "完成预算的97.17%",
      rule: "disclosure.comparison-words",
      zh: /87\.17%/,
    },
    {
      name: "a percentage of an increase that does not follow from the amount",
      from: "增长3.33%",
      to: "增长4.33%",
      rule: "disclosure.comparison-words",
      zh: /3\.33%/,
    },
    {
      name: "a removed table with no note",
      from: "八、政府性基金预算财政拨款收入支出决算表\n部门：示范市公安局交通警察支队 | 单位：万元\n项目 | 年初结转和结余 | 本年收入 | 本年支出 | 年末结转和结余\n合计 | 0.00 | 0.00 | 0.00 | 0.00\n注：本单位2022年度无政府性基金预算财政拨款收入、支出，故本表为空。\n",
      to: "",
      rule: "disclosure.required-tables",
      zh: /政府性基金预算财政拨款收支表/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const text =
        c.rule === "disclosure.required-tables"
          ? plant(c.from, c.to).replace(
              "八、政府性基金预算财政拨款收入支出决算情况说明\n本单位2022年度无政府性基金预算财政拨款收入、支出。\n",
              "",
            )
          : plant(c.from, c.to);
      const { errors } = rulesOf(text);
      const hit = errors.filter((f) => f.rule === c.rule);
      expect(hit.length, JSON.stringify(errors.map((e) => e.message))).toBeGreaterThan(0);
      expect(hit.some((f) => c.zh.test(f.message))).toBe(true);
      expect(hit.every((f) => f.messageEn !== "" && f.location.file === "d.txt")).toBe(true);
    });
  }
});

describe("documents whose tables were not read are not judged", () => {
  it("a contents page listing the tables gives no tables and no verdict", () => {
    const text = readFileSync(join(dir, "yn-shuangjiang-jjdd-2023-fad-1.txt"), "utf8");
    const doc = importText(text);
    expect(doc.finalAccount?.tables).toEqual([]);
    const r = reviewDocument(doc);
    expect(r.findings.filter((f) => f.rule === "disclosure.required-tables")).toEqual([]);
    expect(r.judged).toBe(false);
  });
});
