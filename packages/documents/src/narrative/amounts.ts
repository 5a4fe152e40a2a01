/**
 * Amounts of money in Chinese sentences: `6,590.39万元`, `38万` (no 元), `1.24亿`, `54,424.16元`, `１２．５万元`,
 * `75万\n元` (broken across lines), `1271万余元`, `3千元`. Exact: a whole number of fen as a bigint, never a float;
 * an amount that is not a whole number of fen keeps `fen` undefined.
 *
 * `万` / `亿` without `元` is taken for money only where the clause speaks of money (费, 经费, 预算, 支出 …) and no
 * measure word follows (`5.3万台`, `1.9万余起` and a population `人口26.5万` are not amounts).
 */
import { normalizeNarrative } from "./normalize.ts";

export type NarrativeUnit = "元" | "千元" | "万元" | "亿元";

export interface FoundAmount {
  /** As written, from the first digit to the last character of the unit (line breaks included). */
  text: string;
  start: number;
  end: number;
  unit: NarrativeUnit;
  /** `万` / `亿` written without `元`. */
  withoutYuan: boolean;
  /** `万余元`, `多万元`: an approximate amount. */
  approximate: boolean;
  /** Exact fen; undefined when the amount is not a whole number of fen (`1.2345元`). */
  fen?: bigint;
  /** The number alone, commas removed (`6590.39`). */
  number: string;
}

const FEN_PER: Record<NarrativeUnit, bigint> = {
  元: 100n,
  千元: 100_000n,
  万元: 1_000_000n,
  亿元: 10_000_000_000n,
};

const AMOUNT_RE =
  /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?[ \t\r\n]*(?:(千)[ \t\r\n]*元|(亿|万)[ \t\r\n]*(余|多)?[ \t\r\n]*(元)?|(元))/g;

/** Words that make a clause speak of money, for `万` / `亿` written without `元`. */
const MONEY_WORDS = /费|经费|预算|决算|支出|资金|拨款|金额|收入|成本|投资|结余|结转|款|开支/;
/** A clause ends at these; the money test looks back to the last one. */
const CLAUSE_END = /[。；;，,！？!?\n：:]/;

function clauseBefore(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && !CLAUSE_END.test(text[i]!)) i--;
  return text.slice(i + 1, at);
}

/** Fen of `digits[.frac]` in `unit`; undefined when not whole. */
export function fenOfNumber(intPart: string, frac: string, unit: NarrativeUnit): bigint | undefined {
  const digits = BigInt(intPart.replace(/,/g, "") + frac);
  const scaled = digits * FEN_PER[unit];
  const div = 10n ** BigInt(frac.length);
  return scaled % div === 0n ? scaled / div : undefined;
}

export function findAmounts(written: string): FoundAmount[] {
  const text = normalizeNarrative(written);
  const out: FoundAmount[] = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const [, int, frac = "", thousand, big, approx, yuanAfterBig, yuan] = m;
    let unit: NarrativeUnit;
    let withoutYuan = false;
    if (thousand) unit = "千元";
    else if (big) {
      unit = big === "亿" ? "亿元" : "万元";
      withoutYuan = !yuanAfterBig;
    } else if (yuan) unit = "元";
    else continue;
    if (withoutYuan) {
      // `万余起`, `万台`: a count, not money
      const next = text.slice(end).match(/^[ \t]*(.)/)?.[1] ?? "";
      if (approx || /[\u4e00-\u9fff]/.test(next)) continue;
      if (!MONEY_WORDS.test(clauseBefore(text, start))) continue;
    }
    const found: FoundAmount = {
      text: written.slice(start, end),
      start,
      end,
      unit,
      withoutYuan,
      approximate: Boolean(approx),
      number: `${int!.replace(/,/g, "")}${frac ? `.${frac}` : ""}`,
    };
    const fen = fenOfNumber(int!, frac, unit);
    if (fen !== undefined) found.fen = fen;
    out.push(found);
  }
  return out;
}

export interface FoundPercent {
  text: string;
  start: number;
  end: number;
  /** Exact decimal text (`38.28`). */
  percent: string;
}

const PERCENT_RE = /(?<![\d.])(\d+(?:\.\d+)?)[ \t]*%/g;

/** Percentages: `38.28%`, `０.14 ％`, `0.14 %`. */
export function findPercents(written: string): FoundPercent[] {
  const text = normalizeNarrative(written);
  return [...text.matchAll(PERCENT_RE)].map((m) => ({
    text: written.slice(m.index, m.index + m[0].length),
    start: m.index,
    end: m.index + m[0].length,
    percent: m[1]!,
  }));
}
