import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HEADER_SYNONYMS, headerField } from "../../src/import/headers.ts";
import {
  COLUMN_MEANINGS,
  COLUMN_SYNONYMS,
  columnField,
  headerScore,
  matchHeader,
  normHeader,
  scrambledField,
  synonymsOf,
} from "../../src/vocabulary/columns.ts";

describe("column vocabulary", () => {
  it("names the columns the provinces print (issue 11's list)", () => {
    const cases: [string, string][] = [
      ["全年预算数(A)", "budget"],
      ["调整后预算数", "budget"],
      ["调整预算数(A)", "budget"],
      ["调整预算数", "adjustment"],
      ["年初预算", "initial"],
      ["全年执行数（B）", "executed"],
      ["预算执行数", "executed"],
      ["实际执行数", "executed"],
      ["分值", "weight"],
      ["权重", "weight"],
      ["年度指标值", "target"],
      ["预期指标值", "target"],
      ["年初指标值", "target"],
      ["指标值及单位", "target"],
      ["实际完成值", "actual"],
      ["完成值", "actual"],
      ["实际完成指标值", "actual"],
      ["偏差原因分析及改进措施", "deviation"],
      ["未完成原因分析", "deviation"],
      ["未完成原因及改进措施", "deviation"],
      ["原因", "deviation"],
      ["项目支出名称", "project"],
      ["部门名称", "department"],
      ["实施单位", "implementer"],
      ["指标性质", "operatorCode"],
      ["度量单位", "unit"],
      ["得分系数", "coefficient"],
      ["执行率权重", "rateWeight"],
      ["执行率得分", "rateScore"],
      ["执行率(B/A)", "rate"],
      ["一级\n指标", "level1"],
    ];
    for (const [text, field] of cases) expect([text, columnField(text)]).toEqual([text, field]);
  });

  it("keeps the recognisers' meanings: a bare 年度预算数 is a duty table's annual budget", () => {
    expect(headerField("年度预算数")).toBe("annualBudget");
    expect(headerField("预算调整数（调增为“+”；调减为“-”）")).toBe("adjustment");
    expect(headerField("年初目标值")).toBe("target");
    expect(HEADER_SYNONYMS.target).toContain("年度指标值");
    expect(HEADER_SYNONYMS.budget).toContain("调整预算数(A)");
    // a name given to two meanings is listed under the first only
    expect(HEADER_SYNONYMS.actual).toContain("实际完成情况");
  });

  it("has a meaning for every synonym and a template for every row", () => {
    const fields = new Set(COLUMN_MEANINGS.map((m) => m.field));
    for (const row of COLUMN_SYNONYMS) {
      expect(fields.has(row.field)).toBe(true);
      expect(row.templates.length).toBeGreaterThan(0);
    }
    expect(synonymsOf("chongqing").some((r) => r.text === "得分系数")).toBe(true);
    expect(synonymsOf("yunnan").some((r) => r.text === "得分系数")).toBe(false);
  });

  it("scores a header row by the known columns it names", () => {
    const national = [
      "一级指标",
      "二级指标",
      "三级指标",
      "年度指标值",
      "实际完成值",
      "分值",
      "得分",
      "偏差原因分析及改进措施",
    ];
    expect(headerScore(national)).toBe(8);
    expect(headerScore(["产出指标", "数量指标", "出警次数", "≥50次", "52次", "10", "10", ""])).toBe(0);
    // two unknown cells cost half a point
    expect(headerScore(["一级指标", "二级指标", "甲", "乙"])).toBe(1.5);
    // the same field twice counts once
    expect(matchHeader(["分值", "权重"]).known).toBe(1);
  });
});

describe("header names whose characters OCR read out of order", () => {
  // names whose characters no name of another meaning shares (the only ones the rule may read)
  const unique = COLUMN_SYNONYMS.map((r) => ({ field: columnField(r.text), text: normHeader(r.text) })).filter(
    (r) =>
      r.field !== undefined &&
      new Set(r.text).size >= 4 &&
      COLUMN_SYNONYMS.every((o) => {
        const t = normHeader(o.text);
        const same = [...new Set(t)].sort().join("") === [...new Set(r.text)].sort().join("");
        return !same || columnField(o.text) === r.field;
      }),
  );

  it("reads a name's characters in any order, one of them read twice, as the name", () => {
    expect(unique.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.constantFrom(...unique), fc.infiniteStream(fc.nat()), fc.boolean(), (name, random, twice) => {
        const chars = [...name.text];
        // a shuffle (Fisher–Yates on the stream's numbers)
        const it = random[Symbol.iterator]();
        for (let i = chars.length - 1; i > 0; i--) {
          const j = it.next().value! % (i + 1);
          [chars[i], chars[j]] = [chars[j]!, chars[i]!];
        }
        if (twice) chars.splice(it.next().value! % chars.length, 0, chars[it.next().value! % chars.length]!);
        expect([chars.join(""), columnField(chars.join(""))]).toEqual([chars.join(""), name.field]);
      }),
    );
  });

  it("reads the corpus's OCR damage and nothing that lacks or adds a character", () => {
    expect(columnField("年成值全完值")).toBe("actual");
    expect(columnField("考值参分")).toBe("weight");
    expect(scrambledField("完成值全")).toBeUndefined(); // 全年完成值 without 年
    expect(scrambledField("全年完成值率")).toBeUndefined(); // a character no name has
    expect(scrambledField("全年完成值值值")).toBeUndefined(); // more than one read twice
    expect(columnField("建设完成率")).toBeUndefined();
  });
});
