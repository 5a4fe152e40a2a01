/**
 * Builds the indicator library (指标库) from usages: groups third-level indicators by their normalised name and
 * says, per group, the usual 一级/二级, the target forms and units, and the typical values of the numeric targets.
 *
 * Targets are read by the target parser (`parseTarget`, with the unit column and the year as hints). Typical values
 * are computed on exact fractions (a parsed number is converted through its shortest decimal text, never summed as
 * a float): the median (the mean of the two middle values for an even count) and the range, per canonical unit.
 * Only `numeric` targets count towards them (a range, a deadline or words has no single value).
 */
import { add, cmp, div, fromInt, fromNumber, type Ratio, toDecimalString } from "../numbers/decimal.ts";
import { canonicalUnit, parseTarget } from "../targets/parse.ts";
import type { TargetValue } from "../targets/types.ts";
import { normaliseIndicatorName } from "./normalise.ts";
import type { Counted, IndicatorUsage, LibraryEntry, TargetForm, TypicalValues } from "./types.ts";

/** The target as the library reads it: the parser with the row's unit column and year as hints. */
export function readUsageTarget(u: Pick<IndicatorUsage, "targetText" | "unit" | "year">): TargetValue | undefined {
  const text = u.targetText?.trim();
  if (!text) return undefined;
  return parseTarget(text, { year: u.year, ...(u.unit?.trim() ? { unit: u.unit.trim() } : {}) });
}

const OP_FORM: Record<string, TargetForm> = { ">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=" };

export function formOf(v: TargetValue): TargetForm {
  switch (v.kind) {
    case "numeric":
      return OP_FORM[v.op ?? "="] ?? "=";
    case "range":
      return "区间";
    case "deadline":
      return "时限";
    case "frequency":
      return "频次";
    default:
      return "定性";
  }
}

function counted(values: Iterable<string | null | undefined>): Counted[] {
  const m = new Map<string, number>();
  for (const v of values) {
    const t = v?.trim();
    if (t) m.set(t, (m.get(t) ?? 0) + 1);
  }
  return [...m.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.length - b.value.length || (a.value < b.value ? -1 : 1));
}

/** The median of exact values (the mean of the two middle ones for an even count); the list is sorted in place. */
export function median(values: Ratio[]): Ratio {
  if (values.length === 0) throw new RangeError("median of nothing");
  values.sort(cmp);
  const mid = values.length >> 1;
  if (values.length % 2 === 1) return values[mid]!;
  return div(add(values[mid - 1]!, values[mid]!), fromInt(2));
}

const show = (r: Ratio): string => toDecimalString(r, 10);

interface Read {
  usage: IndicatorUsage;
  target: TargetValue | undefined;
  unit: string | undefined;
}

function unitOf(u: IndicatorUsage, t: TargetValue | undefined): string | undefined {
  if (t && (t.kind === "numeric" || t.kind === "range" || t.kind === "frequency") && t.unit) return t.unit;
  return canonicalUnit(u.unit?.trim() || undefined);
}

function typicalOf(reads: Read[], units: Counted[]): TypicalValues[] {
  const byUnit = new Map<string, Ratio[]>();
  for (const r of reads) {
    const t = r.target;
    if (t?.kind !== "numeric" || t.value === undefined || !Number.isFinite(t.value)) continue;
    const key = t.unit ?? "";
    const list = byUnit.get(key) ?? [];
    list.push(fromNumber(t.value));
    byUnit.set(key, list);
  }
  const order = new Map(units.map((u, i) => [u.value, i]));
  return [...byUnit.entries()]
    .map(([unit, values]) => {
      const m = median(values); // sorts
      return { unit, count: values.length, median: show(m), min: show(values[0]!), max: show(values.at(-1)!) };
    })
    .sort(
      (a, b) =>
        b.count - a.count ||
        (order.get(a.unit) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.unit) ?? Number.MAX_SAFE_INTEGER),
    );
}

const OP_TEXT: Partial<Record<TargetForm, string>> = { "≥": "≥", "≤": "≤", ">": ">", "<": "<", "=": "" };

function typicalTargetOf(reads: Read[], forms: Counted[], typical: TypicalValues[]): string | undefined {
  const form = forms[0]?.value as TargetForm | undefined;
  if (!form) return undefined;
  const op = OP_TEXT[form];
  if (op !== undefined) {
    // the usual operator with the median of the most frequent unit
    const t = typical[0];
    if (t) return `${op}${t.median}${t.unit}`;
  }
  return counted(reads.filter((r) => r.target && formOf(r.target) === form).map((r) => r.usage.targetText))[0]?.value;
}

/** One entry per normalised name, most used first (then by name). Usages whose name normalises to "" are left out. */
export function buildLibrary(usages: readonly IndicatorUsage[]): LibraryEntry[] {
  const groups = new Map<string, Read[]>();
  for (const usage of usages) {
    const key = normaliseIndicatorName(usage.name);
    if (key === "") continue;
    const target = readUsageTarget(usage);
    const list = groups.get(key) ?? [];
    list.push({ usage, target, unit: unitOf(usage, target) });
    groups.set(key, list);
  }
  const entries: LibraryEntry[] = [];
  for (const [key, reads] of groups) {
    const names = counted(reads.map((r) => r.usage.name.trim()));
    const forms = counted(reads.map((r) => (r.target ? formOf(r.target) : undefined)));
    const units = counted(reads.map((r) => r.unit));
    const typical = typicalOf(reads, units);
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const r of reads) {
      first = Math.min(first, r.usage.year);
      last = Math.max(last, r.usage.year);
    }
    const typicalTarget = typicalTargetOf(reads, forms, typical);
    entries.push({
      key,
      name: names[0]?.value ?? key,
      names,
      uses: reads.length,
      level1: counted(reads.map((r) => r.usage.level1)),
      level2: counted(reads.map((r) => r.usage.level2)),
      forms,
      units,
      typical,
      ...(typicalTarget !== undefined ? { typicalTarget } : {}),
      years: { first, last },
      usages: reads.map((r) => r.usage).sort((a, b) => b.year - a.year),
    });
  }
  return entries.sort((a, b) => b.uses - a.uses || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
