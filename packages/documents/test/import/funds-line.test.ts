/**
 * A funds header with a cell of its own over the amounts (预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 |
 * 预算执行数 | 预算执行率 | 权重 | 得分 | 原因, as Sichuan's form prints it): the data rows have no cell under 年度预算数,
 * so by position every amount would shift one column. The rate anchors the line; a note at its end is no value.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const wan = (fen: number) => `${Math.floor(fen / 1_000_000)}.${String(Math.floor(fen / 10000) % 100).padStart(2, "0")}`;

describe("a funds line read by its rate", () => {
  it("places initial, adjusted budget, executed, rate, points and score whatever header cell has no values", () => {
    fc.assert(
      fc.property(
        // amounts in hundredths of 万元 (100 元 = 10,000 fen), as the form writes them
        fc.integer({ min: 0, max: 999_999 }).map((x) => x * 10000),
        fc.integer({ min: 1, max: 999_999 }).map((x) => x * 10000),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        (initial, budget, pct, note) => {
          const executed = Math.floor((budget / 10000) * (pct / 100)) * 10000;
          const rate = `${((executed / budget) * 100).toFixed(2)}%`;
          const text = [
            "| 部门预算项目支出绩效自评表(2023年度) |",
            "| 项目名称 | 某项目 |",
            "| 主管部门 | 某县司法局 | 实施单位 | 某县司法局 |",
            "| 预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因 |",
            `| 总额 | ${wan(initial)} | ${wan(budget)} | ${wan(executed)} | ${rate} | 10 | 9 |${note ? " 1.预算执行率=预算执行数/调整后预算数 |" : ""}`,
            "| 绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |",
            "| 产出指标 | 数量指标 | 购置台数 | ≥ | 13 | 台 | 13 | 90 | 90 | |",
            "| 合计 | 99 |",
          ].join("\n");
          const r = importDocument(readExtractedText(text, "f.txt"));
          const line = r.document.projectSelfEvaluations[0]!.funds[0]!;
          expect([line.initial?.fen, line.budget?.fen, line.executed?.fen, line.rate?.text]).toEqual([
            String(initial),
            String(budget),
            String(executed),
            rate,
          ]);
          expect([line.weight?.value, line.score?.value]).toEqual(["10", "9"]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
