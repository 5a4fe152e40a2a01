/**
 * Funds headers of project self-evaluations beyond the national words (import/self-evaluation-funds.ts): 调整预算数 in
 * the place of 全年预算数 is the budget when the header has no budget column, and a form cut short before its grid
 * is recognised by its scored funds under a self-evaluation title.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { adjustedIsBudget, scoresFunds } from "../../src/import/self-evaluation-funds.ts";
import { readExtractedText } from "../../src/text/index.ts";

/** Hundredths of 万元 as the form writes them, and as 元. */
const wan = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;
const yuan = (n: number) => `${n * 100}.00`;

function form(title: string, header: string[], values: string[], grid: boolean): string {
  const pipes = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const width = header.length + 1;
  const pad = (cells: string[]) => [...cells, ...new Array(width - cells.length).fill("")];
  const lines = [
    title,
    "（2021年度）",
    pipes(pad(["项目名称", "市场抽查经费"])),
    pipes(pad(["主管部门", "某县市场监督管理局"])),
    pipes(["项目资金(万元)", ...header]),
    pipes(["年度资金总额", ...values]),
    "年度总体目标",
  ];
  if (grid)
    lines.push(
      pipes(pad(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])),
      pipes(pad(["产出指标", "数量指标", "抽查批次", "≥90批次", "95批次", "20", "20"])),
    );
  return lines.join("\n");
}

const amounts = fc.integer({ min: 1, max: 9_999_999 });

describe("adjustedIsBudget", () => {
  it("makes 调整预算数 the budget only with 执行数 and 执行率 and no budget column", () => {
    const cells = ["", "年初预算数", "调整预算数", "全年执行数", "分值", "执行率", "得分"];
    const found = new Map([
      ["initial", 1],
      ["adjustment", 2],
      ["executed", 3],
      ["rate", 5],
    ]);
    adjustedIsBudget(cells, found);
    expect(found.get("budget")).toBe(2);
    expect(found.has("adjustment")).toBe(false);
    // 预算调整数 is the change; a header with a budget column keeps 调整预算数 as the adjustment
    const change = new Map([
      ["adjustment", 2],
      ["executed", 3],
      ["rate", 5],
    ]);
    adjustedIsBudget(["", "年初预算数", "预算调整数", "全年执行数", "分值", "执行率"], change);
    expect(change.has("budget")).toBe(false);
    const both = new Map([
      ["adjustment", 2],
      ["budget", 3],
      ["executed", 4],
      ["rate", 5],
    ]);
    adjustedIsBudget(["", "年初预算数", "调整预算数", "全年预算数", "全年执行数", "执行率"], both);
    expect(both.get("budget")).toBe(3);
    expect(both.get("adjustment")).toBe(2);
  });

  it("says a funds header scores its funds with a rate and points", () => {
    expect(scoresFunds(new Map([["rate", 1]]))).toBe(false);
    expect(
      scoresFunds(
        new Map([
          ["rate", 1],
          ["score", 2],
        ]),
      ),
    ).toBe(true);
  });
});

describe("a self-evaluation whose funds header prints 调整预算数, read whole or cut before its grid", () => {
  it("reads 调整预算数 as the budget and the rest of the funds row", () => {
    fc.assert(
      fc.property(amounts, amounts, amounts, fc.boolean(), (initial, adjusted, executed, grid) => {
        const text = form(
          "项目支出绩效自评表",
          ["年初预算数", "调整预算数", "全年执行数", "分值", "执行率", "得分"],
          [wan(initial), wan(adjusted), wan(executed), "10", "90%", "9"],
          grid,
        );
        const r = importDocument(readExtractedText(text, "g.txt"));
        expect(r.kinds).toContain("project-self-evaluation");
        const p = r.document.projectSelfEvaluations!.find((x) => x.name === "市场抽查经费")!;
        const line = p.funds[0]!;
        expect([line.initial?.yuan, line.budget?.yuan, line.executed?.yuan]).toEqual([
          yuan(initial),
          yuan(adjusted),
          yuan(executed),
        ]);
        expect(p.indicators.length).toBe(grid ? 1 : 0);
      }),
      { numRuns: 25 },
    );
  });

  it("keeps 调整预算数 the adjustment beside a 全年预算数 column", () => {
    fc.assert(
      fc.property(amounts, amounts, amounts, (initial, budget, executed) => {
        const text = form(
          "项目支出绩效自评表",
          ["年初预算数", "调整预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
          [wan(initial), "0.00", wan(budget), wan(executed), "10", "90%", "9"],
          true,
        );
        const p = importDocument(readExtractedText(text, "g.txt")).document.projectSelfEvaluations![0]!;
        expect([p.funds[0]!.initial?.yuan, p.funds[0]!.budget?.yuan]).toEqual([yuan(initial), yuan(budget)]);
      }),
      { numRuns: 15 },
    );
  });

  it("recognises a form cut before its grid only under a self-evaluation title and with scored funds", () => {
    const header = ["年初预算数", "调整预算数", "全年执行数", "分值", "执行率", "得分"];
    const values = ["30", "30", "30", "10", "100%", "10"];
    const kinds = (text: string) => importDocument(readExtractedText(text, "g.txt")).kinds;
    expect(kinds(form("项目支出绩效自评表", header, values, false))).toContain("project-self-evaluation");
    expect(kinds(form("2021年度项目绩效自评表", header, values, false))).toContain("project-self-evaluation");
    expect(kinds(form("资金使用情况表", header, values, false))).not.toContain("project-self-evaluation");
    // funds without points or a score: nothing says the form is a self-evaluation
    expect(
      kinds(form("项目支出绩效自评表", ["年初预算数", "调整预算数", "全年执行数"], ["30", "30", "30"], false)),
    ).not.toContain("project-self-evaluation");
  });
});
