/**
 * Layouts of the sixth held-out set, each as a general rule over generated forms:
 * - one cell a line ending with ` |` where a row's left-out cells are counted by the pipes after its last cell: a row
 *   with none left out has no pipes to close it, and ends where it is as wide as the rows closed before it;
 * - a goal form's 年度金额(万元): label with its amount as the budget;
 * - a department-wide goal form (部门整体支出绩效目标表) whose 部门名称 row and goal grid are read as two tables, the
 *   form's funds and goals as lines between them; a code label after the name on its line (部门预算编码 901001033).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import { recoverLayout } from "../../src/layout/index.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { renderPipeCellsFull, renderSpaced, renderWords, tableArb } from "./generate.ts";

const filled = (r: string[]) => r.filter((c) => c !== "");

describe("one cell a line, left-out cells counted by the pipes after a row's last cell", () => {
  it("ends a full row, which no pipes close, where it is as wide as the rows before it", () => {
    fc.assert(
      fc.property(tableArb, fc.constantFrom("项目名称", "资金名称", "专项名称"), (t, label) => {
        // rows that leave no cell out (their last column filled) beside rows that do
        const rows = t.rows.map((r, k) => (k % 2 === 0 ? [...r.slice(0, -1), r[r.length - 1] || "按计划完成"] : r));
        const head = [["某项目区域绩效目标表"], [label, "农业发展专项资金"]];
        const text = `附件\n${renderPipeCellsFull({ ...t, rows }, head)}\n`;
        const grids = recoverLayout(text, "g.txt")
          .document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []))
          .map((tb) => tb.rows.map((r) => r.map((c) => c.text)));
        const grid = grids.find((g) => g.some((r) => r.join() === t.header.join()));
        expect(grid).toBeDefined();
        const at = grid!.findIndex((r) => r.join() === t.header.join());
        // each row of the page is a row of the grid, none glued to the next (where its cells stand is the
        // readers' business: a row padded to the header's width is kept as it stands)
        expect(grid!.slice(at).map(filled)).toEqual([t.header, ...rows].map(filled));
        expect(grid!.slice(at).every((r) => r.length === t.header.length)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  const NAMES = ["猪肉产量稳定率", "能繁母猪稳定率", "规模养殖场数量", "项目完成及时率", "群众满意度"];
  const VALUES: [string, string][] = [
    ["%", "≥95%"],
    ["%", "90%"],
    ["个", "≥12个"],
    ["%", "100%"],
  ];

  it("reads a goal form's head, its 年度金额 and every indicator row, full or short", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES)), { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.boolean(),
        (inds, amount, unitColumn) => {
          const names = inds.map(([n], i) => `${n}${i + 1}`);
          const head = ["一级指标", "二级指标", "三级指标", ...(unitColumn ? ["单位"] : []), "指标值", ""];
          const cells = (u: string, v: string) => (unitColumn ? [u, v] : [v]);
          const heads: string[][] = [
            ["某专项资金区域绩效目标表"],
            ["资金名称", "生猪调出大县奖励资金"],
            ["资金情况", "年度金额(万元):", String(amount)],
            ["其中:中央补助(万元)", String(amount)],
          ];
          // the grid one column wider than its header: the 绩效指标 label column the first row carries
          const rows = inds.map(([, [u, v]], i) =>
            i === 0 ? ["绩效指标", "产出指标", "数量指标", names[i]!, ...cells(u, v)] : [names[i]!, ...cells(u, v)],
          );
          const text = `关于下达资金的通知\n附件\n${renderPipeCellsFull({ header: head, fields: [], rows }, heads)}\n`;
          const p = importDocument(readExtractedText(text, "g.txt")).document.projects[0]!;
          expect(p.name).toBe("生猪调出大县奖励资金");
          expect(p.budget?.yuan).toBe(`${amount * 10_000}.00`);
          expect(p.indicators.map((i) => [i.name, i.target?.text])).toEqual(names.map((n, i) => [n, inds[i]![1][1]]));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("a department-wide goal form whose head and grid are two tables", () => {
  const DEPARTMENTS = ["中共某市委党史和地方志研究室", "某县民族宗教事务委员会", "某区档案馆"];
  it("names the department from its 部门名称 row (a code after it apart) and reads the grid below the form's lines", () => {
    fc.assert(
      fc.property(
        tableArb.filter((t) => t.fields.join() === "level1,level2,name,target"),
        fc.constantFrom(...DEPARTMENTS),
        fc.constantFrom("部门(单位)名称", "部门名称", "*部门名称"),
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom(renderWords, renderSpaced),
        fc.option(
          fc.tuple(fc.constantFrom("部门预算编码", "单位代码", "预算编码:"), fc.integer({ min: 1, max: 999_999_999 })),
          {
            nil: undefined,
          },
        ),
        (t, department, label, amount, render, code) => {
          const text = [
            "部门整体支出绩效目标表",
            "(2019年度)",
            // a code label and its number after the name, on the same line
            `${label} ${department}${code ? ` ${code[0]} ${code[1]}` : ""}`,
            "年度",
            "预算",
            "安排",
            "(万元)",
            `资金总额 ${amount}`,
            "年度",
            "总体",
            "目标",
            " 目标1:确保本单位日常工作正常运行;",
            "",
            render(t),
          ].join("\n");
          const r = importDocument(readExtractedText(text, "g.txt"));
          expect(r.kind).toBe("project-goals");
          const p = r.document.projects[0]!;
          expect(p.name).toBe(department);
          expect(p.budget?.yuan).toBe(`${amount * 10_000}.00`);
          expect(p.indicators.map((i) => [i.name, i.target?.text])).toEqual(t.rows.map((row) => [row[2], row[3]]));
        },
      ),
      { numRuns: 40 },
    );
  });
});
