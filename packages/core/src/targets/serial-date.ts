/**
 * Dates printed as a spreadsheet's serial numbers: a cell formatted as a date in Excel / WPS and copied or
 * converted without its format shows the day's number (`44,561` for 2021-12-31). The 1900 date system counts
 * 1900-01-01 as 1 and — as Lotus 1-2-3 did — holds a 1900-02-29 that never was (serial 60), so from 1900-03-01
 * (serial 61) on, serial n is 1899-12-30 + n days.
 */
import { level2Of } from "../vocabulary/indicator-framework.ts";

/** 2000-01-01 and 2050-12-31: the serials a budget form's deadline plausibly holds. */
export const SERIAL_DATE_MIN = 36526;
export const SERIAL_DATE_MAX = 55153;

const DAY_MS = 86_400_000;

/** The ISO date (YYYY-MM-DD) of a serial in the 1900 date system, or undefined (no whole day ≥ 1, or serial 60). */
export function serialDateIso(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465 || serial === 60) return undefined;
  // before the phantom 1900-02-29 day n is 1899-12-31 + n; after it one day less
  const days = serial < 60 ? serial : serial - 1;
  return new Date(Date.UTC(1899, 11, 31) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `44,561`, `44561`, `≤ 44561`, `44561.0`: an operator (none, =, ≤, <) and a whole number, thousands comma allowed;
 * the same number may follow once more after a space (a form that formats the value and its unit cell as dates
 * prints the serial in both, and a reading of space-separated words may join them).
 */
const SERIAL_TEXT = /^\s*(=|<=|≤|<)?\s*(\d{2},?\d{3})(?:\.0+)?(?:\s+\2(?:\.0+)?)?\s*$/;

/**
 * A plausible serial date (2000–2050) written alone (as the cell holds it), as a deadline; undefined for any other text. Only for a
 * cell that asks for a date: elsewhere `44561` is a number.
 */
export function serialDeadline(
  text: string,
): { kind: "deadline"; text: string; date: string; inclusive: boolean; note: string } | undefined {
  const m = SERIAL_TEXT.exec(text.normalize("NFKC"));
  if (!m) return undefined;
  const serial = Number(m[2]!.replace(",", ""));
  if (serial < SERIAL_DATE_MIN || serial > SERIAL_DATE_MAX) return undefined;
  const date = serialDateIso(serial)!;
  return {
    kind: "deadline",
    text,
    date,
    inclusive: m[1] !== "<",
    note: `表格日期序列号 ${serial}（单元格的日期格式丢失），按 ${date} 理解`,
  };
}

/**
 * Whether an indicator asks for a date — a 时效 indicator, or a name or unit saying so (完成时间, 到位日期, 年月日) —
 * so that a spreadsheet's date serial in its cells (`44,561`) is read as the date (`ParseHints.dateSerial`); a unit
 * of time (天, 小时) says the indicator counts days, not a date. `unitIsDate`: the unit cell names a date, or repeats
 * the serial, and is no measure.
 */
export function asksForDate(level2: string, name: string, unit: string): { date: boolean; unitIsDate: boolean } {
  const dateUnit = /^(日期|时间|年月日|年-月-日|年\/月\/日)$/.test(unit);
  const duration = /^(天|日|工作日|小时|分钟|月|个月|年|周|秒)$/.test(unit);
  const date =
    !duration &&
    (level2Of(level2) === "timeliness" || /时效/.test(level2) || /时间|日期|年月日|时点|期限/.test(name) || dateUnit);
  return { date, unitIsDate: dateUnit || (date && /^[\d,，.]+$/.test(unit)) };
}
