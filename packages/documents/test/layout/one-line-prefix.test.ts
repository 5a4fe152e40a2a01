/**
 * A table on one line keeps the words before it: a web page's one-line 自评表 starts with its title, 项目名称 and
 * the funds before the indicator header; whichever table reading is kept, those words stay as the paragraph
 * before the table (they were dropped once, and the form could not be recognised).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoverLayout } from "../../src/layout/index.ts";

const GRID = "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施";
const ROWS = "产出指标(50分) 数量指标 基建工程委托业务项目数量 ≥50个 50 8 8 质量指标 委托业务报告合格率 ≥100% 100 8 8";

describe("a table on one line keeps the words before it", () => {
  it("the title, the project's labels and the funds stay as the paragraph before the table", () => {
    const head = "项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 某镇人民政府";
    const funds =
      "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 90 89.974 89.974 10 100% 10";
    const r = recoverLayout(`${head} ${funds} ${GRID} ${ROWS}`, "one.txt");
    const words = r.document.blocks.flatMap((b) =>
      b.type === "paragraph" ? b.text.split(" ") : b.table.rows.flatMap((row) => row.map((c) => c.text)),
    );
    for (const w of `${head} ${funds}`.split(" ")) expect(words, w).toContain(w);
    expect(r.document.blocks.some((b) => b.type === "table")).toBe(true);
  });

  it("for any words before a one-line table, none is lost", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("附件", "某项目", "2022年度", "单位名称:某局", "填报日期", "说明"), {
          minLength: 1,
          maxLength: 8,
        }),
        (before) => {
          const r = recoverLayout(`${before.join(" ")} ${GRID} ${ROWS}`, "one.txt");
          const text = r.document.blocks
            .map((b) =>
              b.type === "paragraph" ? b.text : b.table.rows.map((row) => row.map((c) => c.text).join(" ")).join(" "),
            )
            .join(" ");
          for (const w of before) expect(text).toContain(w);
        },
      ),
      // found by a CI run: the words before the table end with its first header word, repeated before 附件
      { numRuns: 40, examples: [[["说明", "说明", "附件", "说明", "说明"]]] },
    );
  });
});
