/**
 * Values as written → the normalised value shapes. Parsing itself is core's: money (`parseAmount`), target values
 * (`parseTarget`), tiers (`parseTiers`, `checkTiers`), operator codes (`resolveOperatorCode`), exact decimals.
 */
import {
  checkTiers,
  DomainError,
  decimal,
  type OperatorCodeTable,
  type ParseHints,
  parseAmount,
  parseTarget,
  parseTiers,
  resolveOperatorCode,
  type TargetValue,
} from "@jixiao/core";
import type { Amount, NumberValue, PercentValue, Target, Tier, Tiers } from "@jixiao/core/model";

/** core's ParseHints. */
export type TargetHints = ParseHints;

/** Exact 元 text with two decimals for a count of fen. */
export function fenToYuanText(f: bigint): string {
  const neg = f < 0n;
  const abs = neg ? -f : f;
  const whole = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, "0");
  return `${neg ? "-" : ""}${whole}.${cents}`;
}

/** Exact 万元 text (trailing zeros kept to two decimals at least). */
export function fenToWanYuanText(f: bigint): string {
  const neg = f < 0n;
  const abs = neg ? -f : f;
  const whole = abs / 1_000_000n;
  let frac = (abs % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  if (frac.length < 2) frac = frac.padEnd(2, "0");
  return `${neg ? "-" : ""}${whole}.${frac}`;
}

export interface ValueIssue {
  code: string;
  zh: string;
  en: string;
}

/** Reads an amount; `issue` is set when the text is not one (the text is kept either way). */
export function readAmount(text: string, unit: "元" | "万元"): { amount: Amount; issue?: ValueIssue } {
  const amount: Amount = { text, unit };
  const cleaned = text.replace(/\s+/g, " ").trim();
  try {
    const f = parseAmount(cleaned, { unit });
    if (f !== undefined) {
      amount.fen = f.toString();
      amount.yuan = fenToYuanText(f);
    }
    return { amount };
  } catch (e) {
    if (e instanceof DomainError) {
      return { amount, issue: { code: "invalid_amount", zh: e.text.zh, en: e.text.en } };
    }
    throw e;
  }
}

export function fenOf(a: Amount | undefined): bigint | undefined {
  return a?.fen !== undefined ? BigInt(a.fen) : undefined;
}

const NUMBER_TEXT = /^[-+]?\d+(\.\d+)?$/;

/** A plain number (score, weight, quantity): `18`, `2`, `0.485`, `(40分)` → 40. */
export function readNumber(text: string): NumberValue {
  const t = text
    .replace(/[\s,，]/g, "")
    .replace(/^[(（]/, "")
    .replace(/分?[)）]$/, "")
    .replace(/分$/, "");
  if (NUMBER_TEXT.test(t)) {
    const r = decimal.parseDecimal(t);
    if (r) return { text, value: t.replace(/^\+/, "") };
  }
  return { text };
}

/** A percentage: `88.3%`, `88.3％`, or a bare number in a `(%)` column. */
export function readPercent(text: string): PercentValue {
  const t = text.replace(/\s+/g, "").replace(/[%％]$/, "");
  if (NUMBER_TEXT.test(t)) return { text, percent: t.replace(/^\+/, "") };
  return { text };
}

/**
 * A target, actual value or tier standard: `text` as the cell holds it, core's reading of `clean` (the text
 * with extraction artefacts removed, e.g. PDF line breaks inside words) or of the text itself.
 */
export function readTarget(text: string, hints?: TargetHints, clean?: string): Target {
  const target: Target = { text };
  const input = clean ?? text;
  if (input.trim() === "") return target;
  target.parsed = stripUndefined(parseTarget(input, hints)) as Target["parsed"];
  return target;
}

/** Drops absent fields (recursively into `parts`) so that the value is plain JSON. */
function stripUndefined(o: TargetValue): TargetValue {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = k === "parts" && Array.isArray(v) ? v.map((p) => stripUndefined(p as TargetValue)) : v;
  }
  return out as unknown as TargetValue;
}

/** Exact decimal of a number value, for checks. */
export function ratioOf(v: { value?: string } | undefined): decimal.Ratio | undefined {
  return v?.value !== undefined ? decimal.parseDecimal(v.value) : undefined;
}

/** Four tier cells (优 良 中 差) with core's reading and core's checks of them (overlap, inversion, gaps…). */
export function readTiers(
  cells: [string, string, string, string],
  name: string,
): {
  tiers: Tiers;
  problems: { code: string; severity: "error" | "warning"; zh: string; en: string; tier?: number }[];
} {
  const parsed = parseTiers({ 优: cells[0], 良: cells[1], 中: cells[2], 差: cells[3] }, { name });
  const tier = (i: number): Tier => {
    const th = parsed.thresholds[i];
    const t: Tier = { text: cells[i]! };
    if (!th) return t;
    if (cells[i]!.trim() !== "") t.parsed = stripUndefined(th.target) as Tier["parsed"];
    if (th.status) t.status = th.status;
    if (th.lower) t.lower = th.lower;
    if (th.upper) t.upper = th.upper;
    return t;
  };
  const tiers: Tiers = { excellent: tier(0), good: tier(1), fair: tier(2), poor: tier(3) };
  if (parsed.direction) tiers.direction = parsed.direction;
  if (parsed.unit) tiers.unit = parsed.unit;
  if (parsed.fractionsAsPercent) tiers.fractionsAsPercent = true;
  const problems = checkTiers(parsed).map((p) => ({
    code: `tier_${p.code}`,
    severity: p.severity,
    zh: p.zh,
    en: p.en,
    tier: ["优", "良", "中", "差"].indexOf(p.tiers[0] ?? ""),
  }));
  return { tiers, problems };
}

/** 指标性质 code → operator, by core's table (or the one given). */
export function resolveCode(code: string, table?: OperatorCodeTable): { op?: string; known: boolean; note: string } {
  return resolveOperatorCode(code, table);
}
