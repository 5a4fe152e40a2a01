/**
 * Excel-native exports (issue 13 #7): amounts, scores and rates are number cells with number formats (`#,##0.00`
 * for money), and the totals the forms print (合计, 小计, 总分, a duty's budget, 资产总额, 预算数) are `SUM(…)` over
 * the cells they add up, the stated total cached as the result. Each file is opened with exceljs as Excel would:
 * every SUM is worked out from the cells it covers and compared with its cached result and with the stored figure.
 * And (issue 13 #8) a numbered title never reads as a decimal (`1.2024年度…`).
 */
import { decimal } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import type ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { importDocument } from "../../src/import/index.ts";
import type { SourceDocument } from "../../src/model/table.ts";
import { readDocument } from "../../src/read/index.ts";
import {
  buildLayout,
  exportDocument,
  type Layout,
  layoutsFor,
  safeFileName,
  titleText,
} from "../../src/write/index.ts";
import { projectSelfEvaluationSample, SEEDS, seedDocument } from "./fixtures.ts";
import { evaluateSum, fenAs, findCell, formulas, numberOf, openXlsx, rightOf, sumCells } from "./sheet.ts";

async function xlsx(doc: ImportedDocument, as: Layout): Promise<ExcelJS.Workbook> {
  return openXlsx((await exportDocument(doc, { as, format: "xlsx" })).data);
}

const fenSum = (xs: ({ fen?: string } | undefined)[]) => xs.reduce((a, x) => a + BigInt(x?.fen ?? 0), 0n);

/** The tables' part of the document a layout writes (the disclosure's running text holds amounts as words). */
function tablesOf(doc: ImportedDocument, as: Layout): unknown {
  switch (as) {
    case "project-goals":
    case "project-goals-national":
      return doc.projects;
    case "duty-activity-goals":
      return doc.dutyGoals;
    case "department-self-evaluation": {
      // (its `projects` and `report` are read from the report's text, which holds them as words)
      const d = doc.departmentSelfEvaluation;
      return [d?.basicSpending, d?.projectSpending, d?.budget];
    }
    case "department-expenditure-self-evaluation":
      return doc.departmentExpenditureEvaluation?.budgetRows;
    case "project-self-evaluation":
      return doc.projectSelfEvaluations.map((e) => e.funds);
    case "budget-disclosure":
      return [doc.disclosure?.procurement, doc.disclosure?.assets, doc.dutyGoals];
  }
}

/** Every amount with an exact value in a part of the document. */
function amountsIn(v: unknown, out: { fen: string; unit: "元" | "万元" }[] = []) {
  if (Array.isArray(v)) for (const x of v) amountsIn(x, out);
  else if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ((o.unit === "元" || o.unit === "万元") && typeof o.fen === "string")
      out.push({ fen: o.fen, unit: o.unit as "元" | "万元" });
    else for (const x of Object.values(o)) amountsIn(x, out);
  }
  return out;
}

describe("xlsx numbers and totals", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed.slice(0, 3)}: amounts are number cells in #,##0.00, every SUM caches what it adds up to`, async () => {
      const doc = seedDocument(seed);
      for (const as of layoutsFor(doc)) {
        const wb = await xlsx(doc, as);
        // The numbers on the sheets shown as money, and every cell's format.
        const money = new Set<number>();
        for (const ws of wb.worksheets) {
          ws.eachRow((row) => {
            row.eachCell((cell) => {
              const n = numberOf(cell);
              if (n === undefined) return;
              expect(cell.numFmt, `${as} ${ws.name}!${cell.address}`).toMatch(/^(#,##)?0(\.0+)?%?$/);
              if (cell.numFmt.startsWith("#,##0.00")) money.add(n);
            });
          });
          for (const f of formulas(ws)) {
            expect(f.formula).toMatch(/^SUM\(/);
            expect(f.result, `${as} ${ws.name}!${f.cell.address} ${f.formula}`).toBe(evaluateSum(ws, f.formula));
          }
        }
        // Every amount of the tables is a number cell in money format (in its own unit, or 万元 where the form
        // prints 万元): none is left as text.
        const amounts = amountsIn(tablesOf(doc, as));
        expect(amounts.length, as).toBeGreaterThan(0);
        for (const a of amounts)
          expect(
            money.has(fenAs(a.fen, a.unit)) || money.has(fenAs(a.fen, "万元")),
            `${as}: ${a.fen} fen (${a.unit})`,
          ).toBe(true);
        const numbers = money.size;
        expect(numbers, as).toBeGreaterThan(0);
      }
    });
  }

  it("project goal tables (seed 004): 预算数 in 万元 as #,##0.00, the SUM of 财政资金 and 其他资金", async () => {
    const doc = seedDocument("004_8649601bbeaed617");
    const wb = await xlsx(doc, "project-goals");
    doc.projects.forEach((p, i) => {
      const ws = wb.worksheets[i]!;
      const budget = rightOf(ws, findCell(ws, (t) => t === "预算数")!);
      const fiscal = rightOf(ws, findCell(ws, (t) => t === "其中：财政资金")!);
      const other = rightOf(ws, findCell(ws, (t) => t === "其他资金")!);
      expect(budget.numFmt).toMatch(/^#,##0\.00/);
      expect(numberOf(budget)).toBe(fenAs(p.budget!.fen!, "万元"));
      expect(numberOf(fiscal)).toBe(fenAs(p.funding!.fiscal!.fen!, "万元"));
      const f = (budget.value as ExcelJS.CellFormulaValue).formula;
      const covered = sumCells(f).map(([r, c]) => ws.getCell(r, c).address);
      expect(covered).toContain(fiscal.address);
      expect(covered).toContain(other.address);
      expect(evaluateSum(ws, f)).toBe(fenAs(fenSum([p.funding?.fiscal, p.funding?.other]), "万元"));
    });
  });

  it("budget disclosure (seed 001): procurement 合计 / 小计, 资产总额 and each duty's budget are SUMs of their lines", async () => {
    const doc = seedDocument("001_cf6ae51127079c27");
    const d = doc.disclosure!;
    const wb = await xlsx(doc, "budget-disclosure");
    // Procurement by source: the totals over the 总计 column of every line.
    const pt = d.procurement[0]!;
    const ws = wb.getWorksheet("政府采购1")!;
    for (const t of pt.totals) {
      const label = findCell(ws, (x) => x === t.label)!;
      const cell = ws.getCell(Number(label.row), 8);
      const f = (cell.value as ExcelJS.CellFormulaValue).formula;
      expect(f).toMatch(/^SUM\(H\d+:H\d+\)$/);
      expect(sumCells(f)).toHaveLength(pt.lines.length);
      expect(numberOf(cell)).toBe(fenAs(t.amount!.fen!, "万元"));
      expect(evaluateSum(ws, f)).toBe(fenAs(fenSum(pt.lines.map((l) => l.amount)), "万元"));
    }
    // Assets: 资产总额 over the lines, in the table's unit.
    d.assets.forEach((a, i) => {
      const sheet = wb.getWorksheet(`国有资产${i + 1}`)!;
      const cell = rightOf(sheet, rightOf(sheet, findCell(sheet, (x) => x === "资产总额")!));
      expect(numberOf(cell)).toBe(fenAs(a.total!.fen!, a.unit));
      expect(cell.numFmt).toMatch(/^#,##0\.00/);
      const adds = fenSum(a.lines.map((l) => l.amount)) === BigInt(a.total!.fen!);
      expect(cell.formula !== undefined).toBe(adds);
      if (adds) expect(evaluateSum(sheet, cell.formula)).toBe(numberOf(cell));
    });
    // Duties: a SUM over their activities where the activities' budgets add up to the duty's.
    let sums = 0;
    for (const t of doc.dutyGoals) {
      const sheet = wb.worksheets.find((s) => findCell(s, (x) => x === t.organisation?.text))!;
      let after = 0;
      for (const duty of t.duties) {
        // (names repeat: each duty is looked for below the one before)
        const named = findCell(sheet, (x) => x === duty.name, after)!;
        after = Number(named.row);
        if (!duty.budget?.fen) continue;
        const cell = rightOf(sheet, named);
        expect(numberOf(cell)).toBe(fenAs(duty.budget.fen, "万元"));
        const parts = duty.activities.filter((a) => a.budget?.fen !== undefined);
        const adds = parts.length > 0 && fenSum(parts.map((a) => a.budget)) === BigInt(duty.budget.fen);
        expect(cell.formula !== undefined, duty.name).toBe(adds);
        if (adds) {
          sums++;
          expect(evaluateSum(sheet, cell.formula)).toBe(numberOf(cell));
        }
      }
    }
    expect(sums).toBeGreaterThan(3);
  });

  it("department self-evaluation (seed 002): 年度目标 sums the indicators' scores, 总分 the budget's and the goals'; the rate a percentage", async () => {
    const doc = seedDocument("002_720a01ff2c7d777f");
    const d = doc.departmentSelfEvaluation!;
    const wb = await xlsx(doc, "department-self-evaluation");
    const ws = wb.getWorksheet("自评表")!;
    const total = rightOf(ws, findCell(ws, (x) => x === "总分")!);
    expect(numberOf(total)).toBe(Number(d.totalScore!.value));
    expect(evaluateSum(ws, total.formula)).toBe(Number(d.totalScore!.value));
    const goal = rightOf(ws, findCell(ws, (x) => x.startsWith("年度目标"))!);
    expect(numberOf(goal)).toBe(Number(d.goalScore!.value));
    expect(sumCells(goal.formula)).toHaveLength(d.indicators.length);
    const stated = d.indicators.map((x) => decimal.parseDecimal(x.score!.value!)!);
    expect(evaluateSum(ws, goal.formula)).toBe(decimal.toNumber(decimal.sum(stated)));
    const rate = findCell(ws, (x) => x === "部门整体支出总额")!;
    const rateCell = ws.getCell(Number(rate.row), Number(rate.col) + 3);
    expect(rateCell.numFmt).toBe("0.0%");
    expect(numberOf(rateCell)).toBe(decimal.toNumber(decimal.parseDecimal(d.budget!.rate!.percent!)!) / 100);
  });

  it("department expenditure (seed 003): 年度资金总额 = 基本 + 项目支出 and 项目支出 = its sources, column by column, in 元", async () => {
    const doc = seedDocument("003_edf844a12b53980c");
    const d = doc.departmentExpenditureEvaluation!;
    const wb = await xlsx(doc, "department-expenditure-self-evaluation");
    const ws = wb.worksheets[0]!;
    const total = d.budgetRows.find((r) => r.category === "total")!;
    const label = findCell(ws, (x) => x === total.label)!;
    const keys = ["initial", "adjustment", "budget", "executed"] as const;
    keys.forEach((k, j) => {
      const cell = ws.getCell(Number(label.row), 4 + j);
      expect(cell.numFmt).toBe("#,##0.00");
      expect(numberOf(cell)).toBe(fenAs(total[k]!.fen!, "元"));
      expect(sumCells(cell.formula)).toHaveLength(2);
      const parts = d.budgetRows.filter((r) => r.category === "basic" || r.category === "project");
      expect(evaluateSum(ws, cell.formula)).toBe(fenAs(fenSum(parts.map((r) => r[k])), "元"));
    });
  });

  it("project self-evaluation: 总分's points and score are SUMs over the funds' and indicators' when they add up", async () => {
    const doc = projectSelfEvaluationSample();
    // The sample's total as the sum of its scores (a form that adds up); the second evaluation keeps a stated
    // total that does not.
    const e = doc.projectSelfEvaluations[0]!;
    const scores = [...e.funds.map((f) => f.score), ...e.indicators.map((x) => x.score)].flatMap((s) =>
      s?.value ? [decimal.parseDecimal(s.value)!] : [],
    );
    const sum = decimal.toDecimalString(decimal.sum(scores));
    e.totalScore = { text: sum, value: sum };
    const wb = await xlsx(doc, "project-self-evaluation");
    const ws = wb.worksheets[0]!;
    const label = findCell(ws, (x) => x === "总分")!;
    const score = ws.getCell(Number(label.row), 8);
    expect(numberOf(score)).toBe(Number(sum));
    expect(sumCells(score.formula)).toHaveLength(e.funds.length + e.indicators.length);
    expect(evaluateSum(ws, score.formula)).toBe(Number(sum));
    const weights = [...e.funds.map((f) => f.weight), ...e.indicators.map((x) => x.weight)].flatMap((s) =>
      s?.value ? [decimal.parseDecimal(s.value)!] : [],
    );
    const points = ws.getCell(Number(label.row), 7);
    expect(points.formula !== undefined).toBe(decimal.cmp(decimal.sum(weights), decimal.ratio(100n)) === 0);
    // The other evaluations state 88.5, which their scores do not add up to: the stated number, no formula.
    const other = wb.worksheets[1]!;
    const otherTotal = other.getCell(Number(findCell(other, (x) => x === "总分")!.row), 8);
    expect(otherTotal.formula).toBeUndefined();
    expect(numberOf(otherTotal)).toBe(88.5);
  });

  it("a stated total its lines do not add up to stays the number stated, without a formula", async () => {
    const doc = seedDocument("001_cf6ae51127079c27");
    const a = doc.disclosure!.assets[0]!;
    a.total = { ...a.total!, fen: (BigInt(a.total!.fen!) + 1n).toString() };
    const wb = await xlsx(doc, "budget-disclosure");
    const sheet = wb.getWorksheet("国有资产1")!;
    const cell = rightOf(sheet, rightOf(sheet, findCell(sheet, (x) => x === "资产总额")!));
    expect(cell.formula).toBeUndefined();
    expect(numberOf(cell)).toBe(fenAs(a.total.fen!, a.unit));
  });

  it("an amount with more decimals than two keeps them (0.485 万元 is shown 0.485, not rounded to 0.49)", async () => {
    const doc = seedDocument("004_8649601bbeaed617");
    const p = doc.projects[0]!;
    p.budget = { text: "0.485", unit: "万元", fen: "485000", yuan: "4850.00" };
    p.funding = { fiscal: { ...p.budget } };
    const ws = (await xlsx(doc, "project-goals")).worksheets[0]!;
    const cell = rightOf(ws, findCell(ws, (t) => t === "预算数")!);
    expect(cell.numFmt).toBe("#,##0.000");
    expect(numberOf(cell)).toBe(0.485);
  });
});

describe("Jixiao's reader reads the numbers and the SUMs' cached results back", () => {
  it("seed 001's procurement 合计 / 小计 and asset totals, seed 003's totals: formulas in the file, the stated fen read back", async () => {
    for (const [seed, as] of [
      ["001_cf6ae51127079c27", "budget-disclosure"],
      ["003_edf844a12b53980c", "department-expenditure-self-evaluation"],
    ] as const) {
      const doc = seedDocument(seed);
      const out = await exportDocument(doc, { as, format: "xlsx" });
      const wb = await openXlsx(out.data);
      expect(wb.worksheets.flatMap((ws) => formulas(ws)).length, seed).toBeGreaterThan(0);
      const back = importDocument((await readDocument(out.data, out.fileName)) as SourceDocument).document;
      if (as === "budget-disclosure") {
        const fens = (d: ImportedDocument) => [
          ...d.disclosure!.procurement.flatMap((pt) => pt.totals.map((t) => t.amount?.fen)),
          ...d.disclosure!.assets.map((a) => a.total?.fen),
        ];
        expect(fens(back)).toEqual(fens(doc));
      } else {
        const rows = (d: ImportedDocument) =>
          d.departmentExpenditureEvaluation!.budgetRows.map((r) => [r.initial?.fen, r.budget?.fen, r.executed?.fen]);
        expect(rows(back)).toEqual(rows(doc));
      }
    }
  });
});

describe("numbered titles never read as decimals", () => {
  /** A project as the server writes a stored one: no title of its own. */
  const untitled = (n: number) => {
    const doc = seedDocument("004_8649601bbeaed617");
    doc.projects = doc.projects.slice(0, n).map((p) => {
      const { title: _, ...rest } = p;
      return rest;
    });
    return doc;
  };
  const titles = (doc: ImportedDocument, as: Layout) =>
    buildLayout(doc, as).sections.flatMap((s) => [
      s.name,
      ...s.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : [])),
    ]);

  it("one project: its title bare (2024年度教育训练绩效目标表), in the layout and in the docx", async () => {
    const doc = untitled(1);
    const name = doc.projects[0]!.name;
    expect(name).toMatch(/^\d/);
    expect(titles(doc, "project-goals")).toContain(`${name}绩效目标表`);
    const out = await exportDocument(doc, { as: "project-goals", format: "docx" });
    const xml = strFromU8(unzipSync(out.data)["word/document.xml"]!);
    expect(xml).toContain(`${name}绩效目标表`);
    expect(xml).not.toMatch(/\d\.\s*2024年度/);
  });

  it("a title that comes numbered (a source's outline 1.2024年度…, a stored name) is separated 1、2024年度… in every format and file name", async () => {
    expect(titleText("1.2024年度教育训练绩效目标表")).toBe("1、2024年度教育训练绩效目标表");
    expect(titleText("12．2025年交通安全宣传")).toBe("12、2025年交通安全宣传");
    // a decimal that is not an outline before a year, or a year alone, stays
    expect(titleText("2024年度教育训练")).toBe("2024年度教育训练");
    expect(titleText("1.5倍工作量")).toBe("1.5倍工作量");
    expect(titleText("第1.2024批")).toBe("第1.2024批");
    const doc = untitled(1);
    doc.projects[0]!.title = `1.${doc.projects[0]!.name}绩效目标表`;
    const want = `1、${doc.projects[0]!.name}绩效目标表`;
    const docx = await exportDocument(doc, { as: "project-goals", format: "docx" });
    const xml = strFromU8(unzipSync(docx.data)["word/document.xml"]!);
    expect(xml).toContain(want);
    expect(xml).not.toMatch(/\d\.\s*2024年度/);
    const wb = await openXlsx((await exportDocument(doc, { as: "project-goals", format: "xlsx" })).data);
    expect(findCell(wb.worksheets[0]!, (t) => t === want)).toBeDefined();
    expect(safeFileName("1.2024年度教育训练绩效目标表", "pdf")).toBe("1、2024年度教育训练绩效目标表.pdf");
  });

  it("several: numbered 1、2、…, never 1.2024…", () => {
    const doc = untitled(3);
    for (const as of ["project-goals", "project-goals-national"] as const)
      for (const t of titles(doc, as)) expect(t, as).not.toMatch(/^\d+\.\d/);
    expect(titles(doc, "project-goals")).toContain(`1、${doc.projects[0]!.name}绩效目标表`);
    const evals = projectSelfEvaluationSample();
    for (const t of titles(evals, "project-self-evaluation")) expect(t).not.toMatch(/^\d+\./);
  });
});
