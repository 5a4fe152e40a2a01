/**
 * The target column named 指标目标值 (甘肃 省级部门预算项目支出绩效目标表: 一级指标 | 二级指标 | 三级指标 | 指标目标值):
 * generated goal grids in pipe rows and run together (cells glued, no separator), whose targets are read under it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { columnField } from "../../src/vocabulary/columns.ts";

const ROWS: [string, string, string, string][] = [
  ["产出指标", "数量指标", "免费开放天数", "=300天"],
  ["产出指标", "质量指标", "绩效考核指标完成率", "=100%"],
  ["效益指标", "社会效益指标", "免费开放接待观众人数", "=30000人次"],
  ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥99%"],
];

function text(rows: typeof ROWS, glued: boolean): string {
  const header = ["一级指标", "二级指标", "三级指标", "指标目标值"];
  const head = ["项目名称", "博物馆免费开放补助资金", "预算数(万元)", "20"];
  if (glued) return `省级部门预算项目支出绩效目标表\n${[...head, ...header, ...rows.flat()].join("")}`;
  return ["省级部门预算项目支出绩效目标表", head, header, ...rows]
    .map((r) => (typeof r === "string" ? r : `| ${r.join(" | ")} |`))
    .join("\n");
}

describe("the target column named 指标目标值", () => {
  it("is a target column", () => {
    expect(columnField("指标目标值")).toBe("target");
  });

  it("for any grid under it, pipe rows or glued, each row's target is read", () => {
    fc.assert(
      fc.property(fc.subarray(ROWS, { minLength: 2 }), fc.boolean(), (rows, glued) => {
        const p = importDocument(readExtractedText(text(rows, glued), "goal.txt")).document.projects[0]!;
        expect(p.indicators.map((i) => [i.name, i.target?.text])).toEqual(rows.map((r) => [r[2], r[3]]));
      }),
      { numRuns: 40 },
    );
  });
});
