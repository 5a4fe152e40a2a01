/**
 * Excel-native exports in Debian's chromium (issue 13 #7): the filler of 天津市公安交通管理局警务保障处 opens the
 * demo's 2025 department budget, downloads its 部门预算信息公开 as xlsx from the card's 导出 menu and the file is
 * opened as Excel opens it (exceljs): the procurement amounts are number cells in `#,##0.00`, 合计 is a SUM over
 * the lines' cells and 资产总额 a SUM over the three asset figures, each caching what its cells add up to — the
 * figures the budget card shows (万元 there; the asset form is in 元). And the bureau's reviewer downloads the
 * 结果应用情况表 from the results page: each unit's counts and amounts are number cells (`0`, `#,##0.00` in 万元) and
 * each 合计 a SUM whose operands are the unit rows, caching their sum — the summary's total the page is drawn from.
 * And the unit's monitoring record shows its funds as every page shows money (万元 with the 元 beside them, issue 13
 * #8); its 运行监控表 holds them as number cells and 执行率 as the quotient 执行数 ÷ 全年预算数.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseWanYuan } from "@jixiao/core";
import ExcelJS from "exceljs";
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, startHarness } from "./harness.ts";
import { BudgetPage } from "./pages/budget.ts";
import { BudgetReview } from "./pages/budgetReview.ts";
import { MonitoringPage } from "./pages/monitoring.ts";
import { ResultsPage } from "./pages/results.ts";
import { signedInAt } from "./pages/session.ts";

const hasChromium = existsSync(CHROMIUM);
const UNIT = "天津市公安交通管理局警务保障处";
const BUREAU = "天津市公安交通管理局";
const YEAR = 2025;

function numberOf(cell: ExcelJS.Cell): number | undefined {
  const v = cell.value;
  if (typeof v === "number") return v;
  if (v && typeof v === "object" && "formula" in v && typeof cell.master.result === "number") return cell.master.result; // not v.result: exceljs leaves a cached 0 out of value
  return undefined;
}

/** The cells (row, column) a SUM of addresses covers. */
function covered(formula: string): [number, number][] {
  const m = /^SUM\(([A-Z0-9:,]+)\)$/.exec(formula);
  if (!m) throw new Error(`not a SUM of cell addresses: ${formula}`);
  const ref = (s: string): [number, number] => {
    const r = /^([A-Z]+)(\d+)$/.exec(s)!;
    return [Number(r[2]), [...r[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)];
  };
  return m[1]!.split(",").flatMap((part) => {
    const [a, b = a] = part.split(":") as [string, string?];
    const [r1, c1] = ref(a);
    const [r2, c2] = ref(b);
    const out: [number, number][] = [];
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.push([r, c]);
    return out;
  });
}

/** The numbers a SUM covers (a merge's covered cells are empty in the file, as Excel sees them). */
function summed(ws: ExcelJS.Worksheet, formula: string): number[] {
  return covered(formula).flatMap(([r, c]) => {
    const cell = ws.getCell(r, c);
    if (cell.isMerged && cell.master.address !== cell.address) return [];
    const n = numberOf(cell);
    return n === undefined ? [] : [n];
  });
}

/** Fen of a number cell in 元 or 万元 (exact: the cells hold at most 6 decimals). */
const fenOf = (n: number, unit: "元" | "万元") => BigInt(Math.round(n * (unit === "元" ? 100 : 1_000_000)));

/** The row (1-based) whose first cell reads `text`. */
function rowOf(ws: ExcelJS.Worksheet, text: string): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (!found && row.getCell(1).value === text) found = r;
  });
  if (!found) throw new Error(`no row ${text} on ${ws.name}`);
  return found;
}

/** A 万元 figure as the card shows it: an input's value, or the read-only text (`1,250.00 万元`). */
async function wanOn(field: Locator): Promise<bigint> {
  const input = (await field.evaluate((e) => e.tagName)) === "INPUT";
  const text = input ? await field.inputValue() : ((await field.textContent()) ?? "");
  return parseWanYuan(text.replace(/万元|,|\s/g, ""));
}

describe.skipIf(!hasChromium)("an xlsx export holds numbers and SUMs", () => {
  let h: Harness;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("downloads the budget disclosure from the card; amounts are numbers, 合计 and 资产总额 SUMs of the figures the card shows", async () => {
    expect(h.server, "the real server (the export is written there)").toBe("real");
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: YEAR, errors });
    const review = new BudgetReview(page);
    await review.open();
    const card = new BudgetPage(page);

    // What the card shows: the procurement total and the asset figures, in 万元.
    await card.tab(/政府采购/);
    const totalText = (await page.getByTestId("procurement-total").textContent()) ?? "";
    const procurementFen = parseWanYuan(/([\d,]+(?:\.\d+)?)\s*万元/.exec(totalText)![1]!.replace(/,/g, ""));
    await card.tab(/资产/);
    const assets = {
      buildings: await wanOn(page.getByTestId("assets-buildings")),
      vehicles: await wanOn(page.getByTestId("assets-vehicles")),
      other: await wanOn(page.getByTestId("assets-other")),
      statedTotal: await wanOn(page.getByTestId("assets-statedTotal")),
    };

    const download = await review.export("xlsx");
    expect(download.suggestedFilename()).toMatch(/部门预算信息公开\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    const bytes = await readFile((await download.path())!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);

    // 政府采购: 合计 in the 总计 column (H) is a SUM over the lines below it, in 万元.
    const procurement = wb.getWorksheet("政府采购1")!;
    const total = procurement.getCell(rowOf(procurement, "合计"), 8);
    expect(total.numFmt).toBe("#,##0.00");
    expect(total.formula).toMatch(/^SUM\(H\d+(:H\d+)?\)$/);
    const lines = summed(procurement, total.formula);
    expect(lines.length).toBeGreaterThan(0);
    for (const [r, c] of covered(total.formula)) expect(procurement.getCell(r, c).numFmt).toBe("#,##0.00");
    const linesFen = lines.reduce((a, n) => a + fenOf(n, "万元"), 0n);
    expect(fenOf(numberOf(total)!, "万元")).toBe(linesFen);
    expect(linesFen).toBe(procurementFen);

    // 国有资产 (in 元, the form's unit): 资产总额 a SUM over 房屋及土地, 车辆, 其他资产.
    const sheet = wb.getWorksheet("国有资产1")!;
    const assetTotal = sheet.getCell(rowOf(sheet, "资产总额"), 3);
    expect(assetTotal.numFmt).toBe("#,##0.00");
    expect(assetTotal.formula).toMatch(/^SUM\(C\d+:C\d+\)$/);
    const parts = summed(sheet, assetTotal.formula).map((n) => fenOf(n, "元"));
    expect(parts).toEqual([assets.buildings, assets.vehicles, assets.other]);
    expect(fenOf(numberOf(assetTotal)!, "元")).toBe(parts.reduce((a, b) => a + b, 0n));
    expect(fenOf(numberOf(assetTotal)!, "元")).toBe(assets.statedTotal);
    expect(errors).toEqual([]);
  });

  it("downloads the 结果应用情况表 from the results page; each unit's figures are numbers, 合计 SUMs over the units", async () => {
    const { page } = await signedInAt(h, "reviewer", { org: BUREAU, year: YEAR, errors });
    const results = new ResultsPage(page);
    const answer = page.waitForResponse((r) => r.url().includes("/results/summary?") && r.ok());
    await results.open();
    const summary = (await (await answer).json()) as {
      total: Figures;
      units: (Figures & { orgName: string })[];
    };
    expect(summary.units.length).toBeGreaterThan(0);
    // the page shows each unit's row
    for (const u of summary.units) expect(await results.unitRow(u.orgName)).toContain(u.orgName);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("results-export").click()]);
    expect(download.suggestedFilename()).toMatch(/结果应用情况表\.xlsx$/);
    const bytes = await readFile((await download.path())!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const head = rowOf(ws, "单位");
    const totalRow = rowOf(ws, "合计");
    const heads = ws.getRow(head).values as unknown[];
    const col = (name: string) => heads.indexOf(name);
    // the unit rows between the header and 合计, in the summary's order
    expect(Array.from({ length: totalRow - head - 1 }, (_, i) => ws.getCell(head + 1 + i, 1).value)).toEqual(
      summary.units.map((u) => u.orgName),
    );
    const columns: [string, (f: Figures) => bigint, "count" | "万元"][] = [
      ["项目数", (f) => BigInt(f.projects), "count"],
      ["新增项目", (f) => BigInt(f.newProjects), "count"],
      ["申请金额（万元）", (f) => yuanFen(f.requested), "万元"],
      ["建议压减额（万元）", (f) => yuanFen(f.reduction), "万元"],
    ];
    for (const [name, figure, kind] of columns) {
      const c = col(name);
      expect(c, name).toBeGreaterThan(1);
      const total = ws.getCell(totalRow, c);
      // a SUM whose operands are exactly the unit rows of this column
      expect(total.formula, name).toMatch(/^SUM\([A-Z]+\d+(:[A-Z]+\d+)?\)$/);
      expect(covered(total.formula).sort((a, b) => a[0] - b[0])).toEqual(
        summary.units.map((_, i) => [head + 1 + i, c]),
      );
      const toUnits = (n: number) => (kind === "count" ? BigInt(n) : fenOf(n, "万元"));
      const cells = summary.units.map((_, i) => ws.getCell(head + 1 + i, c));
      for (const x of cells) {
        expect(typeof x.value, `${name} ${x.address}`).toBe("number");
        expect(x.numFmt).toBe(kind === "count" ? "0" : "#,##0.00");
      }
      // each unit's cell is its figure; the cached total is their sum and the summary's total
      expect(cells.map((x) => toUnits(x.value as number))).toEqual(summary.units.map(figure));
      const sum = cells.reduce((a, x) => a + toUnits(x.value as number), 0n);
      expect(toUnits(numberOf(total)!)).toBe(sum);
      expect(sum).toBe(figure(summary.total));
    }
    expect(errors).toEqual([]);
  });

  it("the monitoring record shows its funds in 万元 with the 元 beside them; its form's 执行率 is 执行数 ÷ 全年预算数", async () => {
    const { page } = await signedInAt(h, "filler", { org: UNIT, year: 2024, errors });
    const m = new MonitoringPage(page);
    await m.open();
    await m.openRecord("2024年度交通安全宣传");
    // one number format on the page (issue 13 #8): `12.00 万元（120,000.00 元）`, the two the same amount
    const shown = async (id: string) => {
      const text = (await page.getByTestId(id).textContent()) ?? "";
      const parts = /^(-?[\d,]+\.\d{2,6}) 万元（(-?\d{1,3}(?:,\d{3})*\.\d{2}) 元）$/.exec(text);
      expect(parts, `${id}: ${text}`).not.toBeNull();
      const fen = yuanFen(parts![2]!.replace(/,/g, ""));
      expect(parseWanYuan(parts![1]!.replace(/,/g, ""))).toBe(fen);
      return fen;
    };
    const budget = await shown("record-budget");
    const executed = await shown("record-executed");
    expect(budget).toBeGreaterThan(0n);

    await page.getByTestId("record-export").hover();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("record-export-xlsx").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/项目支出绩效运行监控表\.xlsx$/);
    const bytes = await readFile((await download.path())!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let head: ExcelJS.Cell | undefined;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === "全年预算数") head = cell;
      }),
    );
    const below = (k: number) => ws.getCell(Number(head!.row) + 1, Number(head!.col) + k);
    const [b, e, rate] = [below(0), below(1), below(2)];
    for (const x of [b, e]) {
      expect(typeof x.value).toBe("number");
      expect(x.numFmt).toBe("#,##0.00");
    }
    expect(fenOf(b.value as number, "万元")).toBe(budget);
    expect(fenOf(e.value as number, "万元")).toBe(executed);
    // 执行率 the quotient of the two cells, caching it (a viewer that does not recalculate shows 55.00%)
    expect(rate.formula).toBe(`${e.address}/${b.address}`);
    expect(rate.numFmt).toBe("0.00%");
    expect(numberOf(rate)).toBeCloseTo(Number(executed) / Number(budget), 12);
    expect(errors).toEqual([]);
  });
});

interface Figures {
  projects: number;
  newProjects: number;
  requested: string;
  reduction: string;
}

/** Fen of a stored 元 amount (`600000.00`). */
const yuanFen = (yuan: string) => {
  const [w, f = ""] = yuan.split(".") as [string, string?];
  return BigInt(w) * 100n + BigInt((f + "00").slice(0, 2)) * (yuan.startsWith("-") ? -1n : 1n);
};
