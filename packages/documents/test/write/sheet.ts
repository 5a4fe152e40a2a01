/**
 * Reading an exported xlsx the way Excel does, for the tests: exceljs opens it, `sumOf` works a `SUM(…)` out from
 * the cells its references cover (numbers only, as Excel adds them), `findCell` finds a label's cell.
 */
import ExcelJS from "exceljs";

export async function openXlsx(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  return wb;
}

/**
 * A cell's number: its value, or a formula's cached result; undefined for text and blanks. The result is read from
 * `cell.master.result` (a merged cell's is its master's), not `cell.value`: exceljs's `value` of a formula leaves out a falsy result, so a cached total of 0
 * (`<f>SUM(A1)</f><v>0</v>`, which the file holds) would read as none.
 */
export function numberOf(cell: ExcelJS.Cell): number | undefined {
  const v = cell.value;
  if (typeof v === "number") return v;
  if (v && typeof v === "object" && "formula" in v && typeof cell.master.result === "number") return cell.master.result;
  return undefined;
}

/** The cells a `SUM(B5:B9,D4)` covers, as [row, column] pairs. */
export function sumCells(formula: string): [number, number][] {
  const m = /^SUM\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not a SUM: ${formula}`);
  const out: [number, number][] = [];
  const ref = (s: string): [number, number] => {
    const r = /^([A-Z]+)(\d+)$/.exec(s);
    if (!r) throw new Error(`not a cell address: ${s}`);
    let col = 0;
    for (const ch of r[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    return [Number(r[2]), col];
  };
  for (const part of m[1]!.split(",")) {
    const [from, to = from] = part.split(":") as [string, string?];
    const [r1, c1] = ref(from);
    const [r2, c2] = ref(to);
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.push([r, c]);
  }
  return out;
}

/**
 * What Excel computes for the SUM: the numbers in the cells it covers, added in hundred-millionths (the exports'
 * numbers have at most 6 decimals), so that float noise does not count.
 */
export function evaluateSum(ws: ExcelJS.Worksheet, formula: string): number {
  let units = 0n;
  for (const [r, c] of sumCells(formula)) {
    const cell = ws.getCell(r, c);
    // exceljs answers a merged area's covered cells with its master's value; in the file (and for Excel) they are empty.
    if (cell.isMerged && cell.master.address !== cell.address) continue;
    const n = numberOf(cell);
    if (n !== undefined) units += BigInt(Math.round(n * 1e8));
  }
  return Number(units) / 1e8;
}

export interface FormulaCell {
  cell: ExcelJS.Cell;
  formula: string;
  result: number;
}

/** Every formula of a sheet with its cached result. */
export function formulas(ws: ExcelJS.Worksheet): FormulaCell[] {
  const out: FormulaCell[] = [];
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      const v = cell.value;
      if (v && typeof v === "object" && "formula" in v && typeof v.formula === "string")
        out.push({
          cell,
          formula: v.formula,
          result: typeof cell.master.result === "number" ? cell.master.result : Number.NaN,
        });
    });
  });
  return out;
}

/** The first cell (a merge's master) below row `after` whose text satisfies the test. */
export function findCell(ws: ExcelJS.Worksheet, test: (text: string) => boolean, after = 0): ExcelJS.Cell | undefined {
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row, r) => {
    if (r <= after) return;
    row.eachCell((cell) => {
      const master = !cell.isMerged || cell.master.address === cell.address;
      if (!found && master && typeof cell.value === "string" && test(cell.value)) found = cell;
    });
  });
  return found;
}

/** The next cell to the right of `cell` that is not covered by its merge. */
export function rightOf(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): ExcelJS.Cell {
  const row = Number(cell.row);
  let col = Number(cell.col) + 1;
  while (ws.getCell(row, col).isMerged && ws.getCell(row, col).master.address === cell.address) col++;
  return ws.getCell(row, col);
}

/** An exact fen amount in a unit as the number an xlsx cell should hold (fen / 100 or fen / 1,000,000). */
export function fenAs(fen: string | bigint, unit: "元" | "万元"): number {
  const f = BigInt(fen);
  const scale = unit === "元" ? 100n : 1_000_000n;
  const neg = f < 0n;
  const abs = neg ? -f : f;
  const digits = unit === "元" ? 2 : 6;
  return Number(`${neg ? "-" : ""}${abs / scale}.${(abs % scale).toString().padStart(digits, "0")}`);
}
