/**
 * Operator codes written in a separate column (seed 003's 指标性质: `004`, `003`, `002`, `001`).
 *
 * No public table defines these codes. The default reading comes from seed 003's own rows: 004 on counts
 * that were exceeded (≥), 003 on `100 %` / `1 次` / `0 %` rows met exactly (＝), 002 on `安全事故发生率 0 %`
 * (≤), and 001 on two satisfaction rows that repeat 004 rows — unknown. Regions differ, so the table is
 * data: pass your own to `resolveOperatorCode`.
 */
import type { Op } from "./types.ts";

export type OperatorCodeTable = Readonly<Record<string, Op | undefined>>;

export const DEFAULT_OPERATOR_CODES: OperatorCodeTable = {
  "004": ">=",
  "003": "=",
  "002": "<=",
  "001": undefined,
};

export interface ResolvedOperatorCode {
  /** The operator, when the code is known and means one. */
  op?: Op;
  /** Whether the code is in the table (001 is in the table but means no known operator). */
  known: boolean;
  /** Chinese explanation for the reviewer. */
  note: string;
}

/** `004` → `>=`; tolerates spaces, full-width digits, and codes written without leading zeros (`4`). */
export function resolveOperatorCode(
  code: string | number | undefined | null,
  table: OperatorCodeTable = DEFAULT_OPERATOR_CODES,
): ResolvedOperatorCode {
  if (code === undefined || code === null) return { known: false, note: "未写指标性质代码" };
  const raw = String(code).normalize("NFKC").trim();
  if (raw === "") return { known: false, note: "未写指标性质代码" };
  const candidates = [raw, /^[0-9]{1,3}$/.test(raw) ? raw.padStart(3, "0") : raw];
  for (const c of candidates) {
    if (Object.hasOwn(table, c)) {
      const op = table[c];
      return op
        ? { op, known: true, note: `指标性质 ${c} 按“${op}”理解` }
        : { known: true, note: `指标性质 ${c} 含义不明，未取比较符号` };
    }
  }
  return { known: false, note: `未知的指标性质代码“${raw}”` };
}
