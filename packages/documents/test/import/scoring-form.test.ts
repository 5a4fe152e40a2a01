/**
 * The older project evaluation form (the 决策 / 管理 / 绩效 评分表, one cell a paragraph as a docx preview gives it):
 * no 项目名称 row — the title names the project —, funds as labels with their amounts (计划投资额 (万元) 570, 实际使用情况
 * (万元) 395.86), and a grid scored at every level with no target column. Read as a project self-evaluation.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { LEVEL_POINTS_HEADER, levelPointsArb, levelPointsRows } from "../layout/generate.ts";

const yuan = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/** Each indicator row with the 一级 / 二级 it stands under (the merged cells filled down). */
function indicatorsOf(rows: string[][]): string[][] {
  let l1 = "";
  let l2 = "";
  return rows.map((r) => {
    l1 = r[0] || l1;
    l2 = r[2] || l2;
    return [l1, l2, r[4]!, r[5]!, r[6]!];
  });
}

describe("the older evaluation form: title-named, labelled funds, a grid scored at every level", () => {
  it("reads the project's name, budget, executed amount and every scored indicator", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("服务贸易项目", "商贸流通发展专项", "会展业扶持资金项目"),
        fc.integer({ min: 100, max: 9_999_999 }),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        levelPointsArb,
        (name, planned, pct, noteInLabel, groups) => {
          const used = Math.floor((planned * pct) / 100);
          const rows = levelPointsRows(groups);
          const cells = [
            `${name}绩效自评表.docx`,
            `${name}绩效自评表`,
            "一、项目基本情况",
            "项目实施单位",
            "省商务厅某处",
            "主管部门",
            "省商务厅",
            "项目负责人",
            "某某",
            "计划投资额",
            "(万元)",
            yuan(planned),
            "实际到位资金",
            "(万元)",
            yuan(planned),
            ...(noteInLabel ? ["实际使用情况(万元)"] : ["实际使用情况", "(万元)"]),
            yuan(used),
            "二、绩效评价指标评分",
            ...LEVEL_POINTS_HEADER,
            ...rows.flatMap((r) => r.filter((c) => c !== "")),
          ];
          const r = importDocument(readExtractedText(cells.join("\n\n"), "g.txt"));
          expect(r.kind).toBe("project-self-evaluation");
          const p = r.document.projectSelfEvaluations[0]!;
          expect(p.name).toBe(name);
          expect(p.department).toBe("省商务厅");
          expect(p.funds[0]?.budget?.yuan).toBe(`${yuan(planned * 10_000)}`);
          expect(p.funds[0]?.executed?.yuan).toBe(`${yuan(used * 10_000)}`);
          expect(p.indicators.map((i) => [i.level1, i.level2, i.name, i.weight?.text, i.score?.text])).toEqual(
            indicatorsOf(rows),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
