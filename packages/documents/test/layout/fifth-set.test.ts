/**
 * Layouts of the fifth held-out set, each as a general rule over generated forms:
 * - one cell a line, each ending with `|`, where a row's last cell carries the pipes of the cells after it
 *   (`宝坻区人民政府 | ||||`): those lines end the rows; head rows, the header and moved-left data rows come back;
 * - a 预算内投资 form's budget label (下达中央预算内投资(万元)) with its amount;
 * - rows under a vertical 绩效指标 label column that moved left past their merged 一级 / 二级 (name | value).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { readExtractedText } from "../../src/text/index.ts";

const NAMES = ["建设项目个数", "竣工验收合格率", "按进度计划实施情况", "新建保鲜库面积", "受益人口数量", "设备完好率"];
const VALUES = ["1", "100%", "按计划实施", "≥90%", "3550平方米", "≤30天", "1座"];

/**
 * A form's rows: each cell on its own line ending with ` |`, the row's last cell followed by the pipes of the rest
 * (the grid one column wider than its header, as the pages print it: every row ends in a run of pipes).
 */
function render(rows: string[][], width: number): string {
  return rows
    .map((r) =>
      r
        .map((c, i) =>
          i === r.length - 1 ? `${c} |${width > r.length ? ` ${"|".repeat(width - r.length)}` : ""}` : `${c} |`,
        )
        .join("\n"),
    )
    .join("\n");
}

describe("one cell a line, a row's last cell carrying the pipes of the cells after it", () => {
  it("reads the form's head, its budget and every indicator row, full or moved left", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("专项名称", "项目名称"),
        fc.constantFrom("下达中央预算内投资(万元)", "年度资金总额(万元)", "下达资金(万元)"),
        fc.integer({ min: 1, max: 99_999 }),
        fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES)), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        (nameLabel, budgetLabel, amount, inds, split, tail) => {
          const rows: string[][] = [
            [nameLabel, "农业绿色发展专项"],
            ["下达地方或单位", "某区人民政府"],
            [budgetLabel, String(amount)],
            ["总 体 目 标", "提高综合利用率。"],
            ["绩 效 指 标", "一级指标", "二级指标", "三级指标", "指标值"],
          ];
          const names = inds.map(([n], i) => `${n}${i + 1}`);
          inds.forEach(([, v], i) => {
            if (i === 0) rows.push(["产出指标", "数量指标", names[i]!, v]);
            else if (i === split) rows.push(["效益指标", "社会效益指标", names[i]!, v]);
            else rows.push([names[i]!, v]);
          });
          const text = `关于下达资金的通知\n附件\n某项目绩效目标表\n${render(rows, tail ? 7 : 6)}\n`;
          const r = importDocument(readExtractedText(text, "g.txt"));
          const p = r.document.projects[0]!;
          expect(p.name).toBe("农业绿色发展专项");
          expect(p.budget?.yuan).toBe(`${amount * 10_000}.00`);
          expect(p.indicators.map((i) => [i.name, i.target?.text])).toEqual(names.map((n, i) => [n, inds[i]![1]]));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("a category of a goal grid filled with a sentence and no value", () => {
  const SENTENCES = ["增加就业机会,提高农民收入。", "提高森林覆盖率,促进生物多样性保护。", "显著改善项目区的生态环境;"];
  it("is no indicator, whether the row stands under its headers or moved left past the label column", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES)), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...SENTENCES),
        fc.constantFrom("经济效益指标 (选填)", "生态效益 指标（选填）", "可持续影响指标"),
        fc.boolean(),
        (inds, sentence, category, moved) => {
          const names = inds.map(([n], i) => `${n}${i + 1}`);
          const rows = [
            "项目名称 | 某项目 | ||||",
            "绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | |",
            ...inds.map(([, v], i) =>
              i === 0 ? `产出指标 | 数量指标 | ${names[i]} | ${v} | ||` : `${names[i]} | ${v} | ||||`,
            ),
            moved ? `效益指标 | ${category} | ${sentence} | |||` : `| 效益指标 | ${category} | ${sentence} | ||`,
          ];
          const r = importDocument(readExtractedText(`某项目绩效目标表\n${rows.join("\n")}\n`, "g.txt"));
          const p = r.document.projects[0]!;
          expect(p.indicators.map((i) => [i.name, i.target?.text])).toEqual(names.map((n, i) => [n, inds[i]![1]]));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("a department-wide goal table (部门整体绩效目标) in markdown pipe rows", () => {
  const DEPTS = ["浮梁县林业局", "某县水利局", "某市教育局"];
  const ROWS = [
    ["保障在职职工人数(人)", "=", "116", "人"],
    ["湿地保有量(公顷)", "≥", "4900", "公顷"],
    ["林业产业(万亩)", "=", "0.5", "万亩"],
    ["签订保险(单)", "≤", "3", "单"],
    ["新闻投稿数(篇)", "≥", "30", "篇"],
  ] as const;
  it("is read as a goal table named by its department, each row's operator, value, unit and note in place", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DEPTS),
        fc.constantFrom("部门名称:", "*部门名称", "部门名称"),
        fc.boolean(),
        fc.constantFrom(
          ["计算符号", "目标值", "度量单位", "指标值说明"],
          ["计算符号", "指标值", "计量单位", "指标说明"],
        ),
        fc.uniqueArray(fc.nat(ROWS.length - 1), { minLength: 2, maxLength: ROWS.length }),
        (dept, label, coded, cols, picks) => {
          const width = 3 + cols.length + 1;
          const pad = (cells: string[]) => `| ${cells.join(" | ")} | ${"|".repeat(Math.max(1, width - cells.length))}`;
          const head = coded ? ["部门编码:", "316", label, dept, "*联系人:", "王某"] : [label, dept];
          const picked = picks.map((k) => ROWS[k]!);
          const lines = [
            pad(["部门整体绩效目标"]),
            pad(["基本信息"]),
            pad(head),
            pad(["*年度绩效总目标", "保证职能实现,保障人员经费。"]),
            pad(["一级指标", "二级指标", "三级指标", ...cols]),
            ...picked.map(([n, op, v, u], i) =>
              pad(
                i === 0 ? ["产出指标", "数量指标", n, op, v, u, "该指标值数据合理"] : [n, op, v, u, "该指标值数据合理"],
              ),
            ),
          ];
          const r = importDocument(
            readExtractedText(`Overview\n部门整体支出绩效目标表\n${lines.join("\n")}\n`, "g.txt"),
          );
          expect(r.document.kinds).toContain("project-goals");
          const p = r.document.projects[0]!;
          expect(p.name).toBe(dept);
          expect(p.organisation?.name).toBe(dept);
          expect(p.indicators.map((i) => [i.name, i.operator, i.target?.text, i.unit, i.description])).toEqual(
            picked.map(([n, op, v, u]) => [n, op, v, u, "该指标值数据合理"]),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("one cell a line, the text cut inside its last row (the last line without its `|`)", () => {
  const INDS = [
    ["农村低保发放人数(≥**人)", "5", ">=21933人", "21980人", "5"],
    ["接受临时救助的人次数(≥**人次)", "5", ">=59人次", "87人次", "5"],
    ["农村低保标准(≥**元/人·月)", "10", ">=530元/人*月", "583元/人*月", "10"],
    ["扶贫临时救助标准(<**元/户·年)", "10", "<=5300元/户", "5830元/户", "10"],
    ["受助对象满意度(≥**%)", "10", ">=90%", "95%", "10"],
  ] as const;
  it("reads the rows before it and leaves the cut row out with a warning", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(INDS.length - 1), { minLength: 2, maxLength: INDS.length }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (picks, full, part) => {
          const rows = picks.map((k) => INDS[k]!);
          const cells = (r: readonly string[]) => r.map((c) => (c === "" ? "|" : `${c} |`));
          const lines = [
            ...cells(["项目名称", "某项目"]),
            "||||",
            "|",
            ...cells(["全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"]),
            "||",
            ...cells(["年度资金总额:", "30", "30", "10", "100%", "10"]),
            "||",
            ...cells(["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分"]),
            "||",
          ];
          rows.forEach((r, i) => {
            const lead = i === 0 ? ["产出指标(50分)", "数量指标"] : ["", ""];
            if (i < rows.length - 1) lines.push(...cells([...lead, ...r]), "|", "||");
            else {
              // the last row: its first `full` cells, then the start of the next one, without its `|`
              lines.push(...cells([...lead, ...r.slice(0, full)]));
              lines.push([...r[full]!].slice(0, part).join(""));
            }
          });
          const res = importDocument(readExtractedText(`2019年度项目绩效目标自评表\n${lines.join("\n")}\n`, "g.txt"));
          const e = res.document.projectSelfEvaluations[0]!;
          expect(e.indicators.map((i) => i.name)).toEqual(rows.slice(0, -1).map((r) => r[0]));
          expect(res.problems.some((p) => p.code === "text_cut")).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
