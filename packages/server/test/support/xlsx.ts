/**
 * An exported xlsx opened as Excel opens it (exceljs), for the tests of the server's own forms: the row a label
 * starts, and what a `SUM(…)` of cell addresses adds up to from the cells it covers (numbers only, as Excel adds).
 */
import ExcelJS from "exceljs";

export async function openXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/** The cells of the first row whose first cell (a merge's master) reads `label`, from column 2 on. */
export function rowAfter(ws: ExcelJS.Worksheet, label: string): ExcelJS.Cell[] {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row ${label} on ${ws.name}`);
  const out: ExcelJS.Cell[] = [];
  for (let col = 2; col <= ws.columnCount; col++) {
    const cell = found.getCell(col);
    if (!cell.isMerged || cell.master.address === cell.address) out.push(cell);
  }
  return out;
}

/** The numbers a `SUM(A1:A3,B5)` covers (a merge's covered cells are empty for Excel). */
export function summed(ws: ExcelJS.Worksheet, formula: string): number[] {
  const m = /^SUM\(([A-Z0-9:,]+)\)$/.exec(formula);
  if (!m) throw new Error(`not a SUM of cell addresses: ${formula}`);
  const ref = (s: string): [number, number] => {
    const r = /^([A-Z]+)(\d+)$/.exec(s)!;
    return [Number(r[2]), [...r[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)];
  };
  const out: number[] = [];
  for (const part of m[1]!.split(",")) {
    const [a, b = a] = part.split(":") as [string, string?];
    const [r1, c1] = ref(a);
    const [r2, c2] = ref(b);
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) {
        const cell = ws.getCell(r, c);
        if (cell.isMerged && cell.master.address !== cell.address) continue;
        if (typeof cell.value === "number") out.push(cell.value);
      }
  }
  return out;
}
