import { type Fen, formatWanYuan, parseYuan } from "@jixiao/core";

/** 元 (decimal text) as 万元 with thousands separators and 2 decimals; "—" when absent. */
export function wan(yuan: string | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === "") return "—";
  try {
    return formatWanYuan(parseYuan(yuan) as Fen);
  } catch {
    return yuan;
  }
}
