/**
 * Excel-native exports of stored records (issue 13 #7): each xlsx is opened with exceljs as Excel would open it.
 * Amounts are number cells in `#,##0.00` (万元 on the forms, 元 where the form asks), and the totals the forms
 * print are `SUM(…)` over the right cells with the stored total cached as the result: the budget disclosure's
 * procurement 合计 and 资产总额, a duty's budget over its activities', a project's 预算数 over its sources. The
 * expected figures are worked out here from the stored rows (exact fen arithmetic), not read from the output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { asc, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sections, sectionsOf } from "../src/budgets/department.repository.ts";
import { activities, duties } from "../src/duties/schema.ts";
import { projects } from "../src/projects/schema.ts";
import { type Client, type TestApp, testApp } from "./support/app.ts";
import { type BudgetSeed, importSeed001 } from "./support/budget-seed.ts";
import { STORES } from "./support/stores.ts";
import { uploadRaw } from "./support/upload.ts";

const SEEDS = join(import.meta.dirname, "../../../fixtures/seeds");

/** Exact 元 text → fen (string arithmetic, independent of the code under test). */
function fen(yuan: string | null | undefined): bigint {
  if (yuan === null || yuan === undefined) return 0n;
  const neg = yuan.startsWith("-");
  const [i, f = ""] = yuan.replace("-", "").split(".");
  const v = BigInt(i! + f.padEnd(2, "0").slice(0, 2));
  return neg ? -v : v;
}
/** Fen as the number a cell in 万元 (or 元) holds. */
function cellValue(f: bigint, unit: "元" | "万元"): number {
  const scale = unit === "元" ? 100n : 1_000_000n;
  const abs = f < 0n ? -f : f;
  const frac = (abs % scale).toString().padStart(unit === "元" ? 2 : 6, "0");
  return Number(`${f < 0n ? "-" : ""}${abs / scale}.${frac}`);
}

function numberOf(cell: ExcelJS.Cell): number | undefined {
  const v = cell.value;
  if (typeof v === "number") return v;
  if (v && typeof v === "object" && "formula" in v && typeof cell.master.result === "number") return cell.master.result; // not v.result: exceljs leaves a cached 0 out of value
  return undefined;
}
/** The [row, column] cells a SUM covers. */
function covered(formula: string): [number, number][] {
  const m = /^SUM\(([A-Z0-9:,]+)\)$/.exec(formula);
  if (!m) throw new Error(`not a SUM of addresses: ${formula}`);
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
/** What Excel computes for the SUM: the numbers it covers (a merge's covered cells are empty), in fen-exact units. */
function evaluate(ws: ExcelJS.Worksheet, formula: string): number {
  let units = 0n;
  for (const [r, c] of covered(formula)) {
    const cell = ws.getCell(r, c);
    if (cell.isMerged && cell.master.address !== cell.address) continue;
    const n = numberOf(cell);
    if (n !== undefined) units += BigInt(Math.round(n * 1e8));
  }
  return Number(units) / 1e8;
}
/** Rows (1-based) whose first cell's text satisfies the test, from row `after` on. */
function rowsWith(ws: ExcelJS.Worksheet, test: (t: string) => boolean, col = 1): number[] {
  const out: number[] = [];
  ws.eachRow((row, r) => {
    const v = row.getCell(col).value;
    if (typeof v === "string" && test(v)) out.push(r);
  });
  return out;
}

describe.each(STORES)("xlsx exports hold numbers and SUMs on %s", (kind) => {
  let t: TestApp;
  let s: BudgetSeed;
  let dept: Sections;
  let filler: Client;
  let projectIds: string[];
  let dutyId: string;
  beforeAll(async () => {
    t = await testApp(kind);
    s = await importSeed001(t);
    dept = await sectionsOf(t.deps.db, s.deptBudgetId);
    filler = await t.as("filler");
    const commit = async (file: string) => {
      const up = await uploadRaw(t, filler, new Uint8Array(readFileSync(join(SEEDS, file))), {
        orgId: t.world.unit.id,
        year: 2024,
        fileName: file,
      });
      return (await filler.post(`/imports/${up.body.id}/commit`)).body.import.created;
    };
    projectIds = (await commit("004_8649601bbeaed617.txt")).projects;
    dutyId = (await commit("000_c8bf763ea5097ffd.txt")).duties[0];
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const workbook = async (path: string, c: Client) => {
    const res = await t.app.request(`/api/v1${path}`, { headers: { Cookie: c.cookie! } });
    expect(res.status, path).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    return wb;
  };

  it("the budget disclosure: procurement lines as numbers, 合计 a SUM over them, 资产总额 a SUM over the assets", async () => {
    const wb = await workbook(`/exports/budget/${s.deptBudgetId}?format=xlsx`, s.filler);
    const ws = wb.getWorksheet("政府采购1")!;
    const [totalRow] = rowsWith(ws, (x) => x === "合计");
    const total = ws.getCell(totalRow!, 8);
    expect(total.numFmt).toBe("#,##0.00");
    const stored = dept.procurement.reduce((a, l) => a + fen(l.amount), 0n);
    expect(numberOf(total)).toBe(cellValue(stored, "万元"));
    expect(total.formula).toMatch(/^SUM\(H\d+:H\d+\)$/);
    // The range covers exactly the lines' 总计 cells, each the stored amount as a number.
    const cells = covered(total.formula);
    expect(cells).toHaveLength(dept.procurement.length);
    expect(cells.map(([r, c]) => numberOf(ws.getCell(r, c)))).toEqual(
      dept.procurement.map((l) => cellValue(fen(l.amount), "万元")),
    );
    expect(evaluate(ws, total.formula)).toBe(numberOf(total));

    // Assets in 元, the form's unit: 资产总额 over 房屋及土地, 车辆, 其他资产.
    const a = dept.assets!;
    const assets = wb.getWorksheet("国有资产1")!;
    const [assetRow] = rowsWith(assets, (x) => x === "资产总额");
    const cell = assets.getCell(assetRow!, 3);
    expect(cell.numFmt).toBe("#,##0.00");
    const parts = fen(a.buildings) + fen(a.vehicles) + fen(a.other);
    const statedTotal = a.statedTotal === null ? parts : fen(a.statedTotal);
    expect(numberOf(cell)).toBe(cellValue(statedTotal, "元"));
    expect(cell.formula !== undefined).toBe(statedTotal === parts);
    if (cell.formula) {
      expect(covered(cell.formula)).toHaveLength(3);
      expect(evaluate(assets, cell.formula)).toBe(cellValue(parts, "元"));
    }
  });

  it("a duty table: each duty's budget a SUM over its activities' where they add up to it, in 万元", async () => {
    const [duty] = await t.deps.db.select().from(duties).where(eq(duties.id, dutyId));
    const all = await t.deps.db
      .select()
      .from(duties)
      .where(eq(duties.orgId, duty!.orgId))
      .orderBy(asc(duties.sortOrder), asc(duties.createdAt));
    const acts = await t.deps.db
      .select()
      .from(activities)
      .where(
        inArray(
          activities.dutyId,
          all.map((d) => d.id),
        ),
      );
    const wb = await workbook(`/exports/duties/${dutyId}?format=xlsx`, filler);
    const ws = wb.worksheets[0]!;
    let sums = 0;
    let after = 0;
    for (const d of all) {
      const row = rowsWith(ws, (x) => x === d.name).find((r) => r > after)!;
      after = row;
      const cell = ws.getCell(row, 2);
      if (d.statedBudget === null) continue;
      expect(cell.numFmt).toMatch(/^#,##0\.00/);
      expect(numberOf(cell)).toBe(cellValue(fen(d.statedBudget), "万元"));
      const mine = acts.filter((x) => x.dutyId === d.id && x.budget !== null);
      const adds = mine.length > 0 && mine.reduce((x, y) => x + fen(y.budget), 0n) === fen(d.statedBudget);
      expect(cell.formula !== undefined, d.name).toBe(adds);
      if (!cell.formula) continue;
      sums++;
      expect(evaluate(ws, cell.formula)).toBe(numberOf(cell));
      // Only the duty's own rows: the range starts right under it.
      expect(covered(cell.formula)[0]![0]).toBe(row + 1);
    }
    expect(sums).toBeGreaterThan(0);
  });

  it("a project: 预算数 a number in 万元, the SUM of its sources", async () => {
    const rows = await t.deps.db.select().from(projects).where(inArray(projects.id, projectIds));
    let sums = 0;
    for (const p of rows.slice(0, 4)) {
      const wb = await workbook(`/exports/project/${p.id}?format=xlsx`, filler);
      const ws = wb.worksheets[0]!;
      let budget: ExcelJS.Cell | undefined;
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.value === "预算数") budget = row.getCell(Number(c.col) + 1);
        }),
      );
      expect(budget!.numFmt).toMatch(/^#,##0\.00/);
      expect(numberOf(budget!)).toBe(cellValue(fen(p.annualFunds), "万元"));
      const parts = fen(p.fiscalFunds) + fen(p.otherFunds) + fen(p.carryOverFunds);
      const any = [p.fiscalFunds, p.otherFunds, p.carryOverFunds].some((x) => x !== null);
      expect(budget!.formula !== undefined, p.name).toBe(any && parts === fen(p.annualFunds));
      if (budget!.formula) {
        sums++;
        expect(evaluate(ws, budget!.formula)).toBe(cellValue(parts, "万元"));
      }
      // A stored project has no title of its own: the sheet's title is its name, never `1.<name>`.
      expect(ws.getCell(1, 1).value).toBe(`${p.name}绩效目标表`);
    }
    expect(sums).toBeGreaterThan(0);
  });
});
