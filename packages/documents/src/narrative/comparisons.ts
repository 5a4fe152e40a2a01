/**
 * Year-on-year comparisons in sentences: `比上年减少49万元，下降38.28%`, `较2015年下降2.3%`, `与上年持平`,
 * `较2024年的2190万元减少221万元`, `与2010年支出相比，压减1271.24万元，减少7%`, `同比增长5%`.
 * A change is a direction word followed by an amount and/or a percentage (or 持平 / 一致 / 无增减 right after
 * what it is compared with); an amount and a percentage in two clauses of the same direction are one change.
 *
 * A prior-year figure worked back from a change is `derived`: from an amount exactly, from a percentage rounded
 * half-up to the fen (`priorFromChange`). It is never reported as stated.
 */
import { decimal } from "@jixiao/core";
import { type FoundAmount, type FoundPercent, findAmounts, findPercents } from "./amounts.ts";
import { normalizeNarrative } from "./normalize.ts";

export type Direction = "increase" | "decrease" | "same";

export interface FoundReference {
  /** As written: `上年`, `2015年`, `2021年预算`. */
  text: string;
  year?: number;
  /** `上年` / `去年` / `同比`: the year before the statement's. */
  relative: boolean;
  start: number;
  end: number;
}

export interface FoundChange {
  direction: Direction;
  /** The direction word as written. */
  word: string;
  amount?: FoundAmount;
  percent?: FoundPercent;
  reference?: FoundReference;
  /** `较2024年的2190万元`: the prior figure written before the change. */
  statedPrior?: FoundAmount;
  reason?: string;
  start: number;
  end: number;
}

const REF_RE =
  /(?:比|较|与|同比|对比|相比)[ \t]*(上年度|上一年度|上一年|上年|去年|(?:19|20)\d{2}[ \t]*年(?:度)?)?(?:同期|年初|同口径)?(预算数|预算|决算数|决算|支出数|支出|实际支出)?/g;
const DIR_RE = /基本持平|持平|一致|无增减|增加|增长|增支|上升|提高|减少|下降|降低|压减|减支|节约/g;
const SENTENCE_END = /[。；;\n]/;

function directionOf(word: string): Direction {
  if (/持平|一致|无增减/.test(word)) return "same";
  if (/增加|增长|增支|上升|提高/.test(word)) return "increase";
  return "decrease";
}

function sentenceStart(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && !SENTENCE_END.test(text[i]!)) i--;
  return i + 1;
}

function sentenceEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !SENTENCE_END.test(text[i]!)) i++;
  return i;
}

export function findReferences(written: string): FoundReference[] {
  const text = normalizeNarrative(written);
  const out: FoundReference[] = [];
  for (const m of text.matchAll(REF_RE)) {
    const [whole, when, basis] = m;
    if (!when && !/^同比|^对比/.test(whole)) continue;
    const ref: FoundReference = {
      text: written.slice(m.index, m.index + whole.length).replace(/^(比|较|与|同比|对比|相比)[ \t]*/, ""),
      relative: !when || !/\d/.test(when),
      start: m.index,
      end: m.index + whole.length,
    };
    if (ref.text === "") ref.text = whole;
    const y = when ? /((?:19|20)\d{2})/.exec(when) : null;
    if (y) ref.year = Number(y[1]);
    void basis;
    // `与上年对比` / `与2010年支出相比`: the trailing 对比 / 相比 belongs to the reference before it
    const prev = out[out.length - 1];
    if (!when && prev && m.index - prev.end <= 1) {
      prev.end = ref.end;
      continue;
    }
    out.push(ref);
  }
  return out;
}

const AFTER_WORD = /^[ \t]*(?:了|率|幅度|率为|幅度为|为|达)?[ \t]*/;

/** Every change in the text, in order. */
export function findChanges(written: string): FoundChange[] {
  const text = normalizeNarrative(written);
  const amounts = findAmounts(written);
  const percents = findPercents(written);
  const refs = findReferences(written);
  const changes: FoundChange[] = [];
  const amountAt = new Map(amounts.map((a) => [a.start, a]));
  const percentAt = new Map(percents.map((p) => [p.start, p]));
  let lastRef: FoundReference | undefined;
  let refIndex = -1; // the last reference ending at or before the current direction word
  for (const m of text.matchAll(DIR_RE)) {
    const word = m[0];
    const at = m.index;
    const direction = directionOf(word);
    const sStart = sentenceStart(text, at);
    while (refIndex + 1 < refs.length && refs[refIndex + 1]!.end <= at) refIndex++;
    const candidate = refs[refIndex];
    const ref = candidate && candidate.start >= sStart && at - candidate.end <= 40 ? candidate : undefined;
    let pos = at + word.length;
    const lead = AFTER_WORD.exec(text.slice(pos))?.[0] ?? "";
    pos += lead.length;
    const amount = amountAt.get(pos);
    let percent = percentAt.get(pos);
    let end = amount?.end ?? percent?.end ?? at + word.length;
    if (amount) {
      // `减少49万元(，)下降38.28%` or `增加0.5万元，增长1.75 %` in one go
      const rest = text.slice(amount.end);
      const m2 =
        /^[ \t]*[，,、]?[ \t]*(?:同比)?(增长|增加|上升|下降|减少|降低|减幅|增幅)?(?:率|幅度)?(?:为|了)?[ \t]*/.exec(
          rest,
        );
      const p2 = m2 ? percentAt.get(amount.end + m2[0].length) : undefined;
      if (p2 && (!m2![1] || directionOf(m2![1]) === direction || /幅/.test(m2![1]))) {
        percent = p2;
        end = p2.end;
      }
    }
    if (direction === "same") {
      // 持平 only right after what it is compared with
      const r = ref ?? undefined;
      if (!r || at - r.end > 8) continue;
    } else if (!amount && !percent) continue;
    // the second half of a change already taken (`…减少49万元，下降38.28%`)
    const prev = changes[changes.length - 1];
    if (prev && prev.end >= at) continue;
    if (
      prev &&
      !ref &&
      prev.direction === direction &&
      prev.amount &&
      !prev.percent &&
      percent &&
      !amount &&
      /^[ \t]*[，,、；;]?[ \t]*$/.test(text.slice(prev.end, at))
    ) {
      prev.percent = percent;
      prev.end = percent.end;
      continue;
    }
    const reference = ref ?? (lastRef && at - lastRef.end < 300 ? lastRef : undefined);
    if (ref) lastRef = ref;
    const change: FoundChange = { direction, word, start: ref?.start ?? at, end };
    if (amount) change.amount = amount;
    if (percent) change.percent = percent;
    if (reference) change.reference = reference;
    if (ref) {
      // `较2024年的2190万元减少…`: an amount between the reference and the direction word
      for (let k = ref.end; k < at; k++) {
        const prior = amountAt.get(k);
        if (prior && prior.end <= at) {
          change.statedPrior = prior;
          break;
        }
      }
    }
    const reason = reasonAfter(written, text, end);
    if (reason) change.reason = reason;
    changes.push(change);
  }
  return changes;
}

const REASON_RE = /(?:主要)?原因(?:主要)?(?:是|为|在于)?[：:]?\s*|主要是(?:因为|由于)?|主要用于|系/;

/** The reason stated in the rest of the sentence after a change (`主要原因是…`), if any. */
function reasonAfter(written: string, text: string, from: number): string | undefined {
  const end = sentenceEnd(text, from);
  const rest = text.slice(from, end);
  const m = REASON_RE.exec(rest);
  if (!m) return undefined;
  const r = written
    .slice(from + m.index + m[0].length, end)
    .replace(/^[，,：:\s]+/, "")
    .trim();
  return r === "" ? undefined : r;
}

/**
 * The prior-year amount implied by this year's and a change: from an amount exactly (increase: current − amount;
 * decrease: current + amount); from a percentage current ÷ (1 ± p/100), rounded half-up to the fen; 持平: the same.
 * Undefined when the change gives neither (or a 100% decrease).
 */
export function priorFromChange(
  current: bigint,
  change: Pick<FoundChange, "direction" | "amount" | "percent">,
): { fen: bigint; from: "amount" | "percent" | "same" } | undefined {
  if (change.direction === "same") return { fen: current, from: "same" };
  const sign = change.direction === "increase" ? 1n : -1n;
  if (change.amount?.fen !== undefined) return { fen: current - sign * change.amount.fen, from: "amount" };
  if (change.percent) {
    const p = decimal.parseDecimal(change.percent.percent);
    if (!p) return undefined;
    const factor = decimal.add(decimal.fromInt(100), sign === 1n ? p : decimal.neg(p));
    if (decimal.isZero(factor) || decimal.cmp(factor, decimal.ZERO) < 0) return undefined;
    const prior = decimal.div(decimal.mul(decimal.fromInt(current), decimal.fromInt(100)), factor);
    return { fen: roundHalfUp(prior), from: "percent" };
  }
  return undefined;
}

/** A non-negative ratio rounded half-up to an integer (fen). */
function roundHalfUp(r: decimal.Ratio): bigint {
  return decimal.roundToUnits(r, 0);
}

/**
 * The percentage a change amounts to, to the stated percentage's number of decimals, for checking a stated one:
 * amount ÷ prior × 100. Undefined when the prior is zero.
 */
export function percentOfChange(amountFen: bigint, priorFen: bigint, decimals: number): string | undefined {
  if (priorFen === 0n) return undefined;
  const abs = amountFen < 0n ? -amountFen : amountFen;
  const p = decimal.div(
    decimal.mul(decimal.fromInt(abs), decimal.fromInt(100)),
    decimal.fromInt(priorFen < 0n ? -priorFen : priorFen),
  );
  return decimal.toFixed(p, decimals);
}
