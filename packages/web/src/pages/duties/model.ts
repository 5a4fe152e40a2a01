/**
 * The duty editor's draft (text as typed, money in 万元 as the forms show it) and its one door to the rules of
 * @jixiao/core: the four-tier standards are read by core's parseTiers / checkTiers / tierOf, and the duty's
 * budget is checked against its activities by core's checkTotal. Nothing is computed here by itself.
 * (parseTiers, checkTiers, tierOf and checkTotal are not in lib/rules.ts yet: imported from core directly.)
 */
import {
  type Bound,
  checkTiers,
  checkTotal,
  DomainError,
  type Fen,
  formatWanYuan,
  formatYuan,
  parseTiers,
  parseWanYuan,
  parseYuan,
  TIER_NAMES,
  type TierName,
  type TierProblem,
  type Tiers,
  type TierThreshold,
  tierOf,
} from "@jixiao/core";
import type { Lang } from "../../i18n.tsx";
import type { ActivityInput, Duty } from "./api.ts";

export { TIER_NAMES, type TierName };

export interface IndicatorDraft {
  key: string;
  name: string;
  targetText: string;
  standards: Record<TierName, string>;
  /** 实际完成值 as typed (saved with the activities; the server stores the tier it reaches). */
  actualText: string;
  /** The tier stored for the saved actual value (the server's, by core's tierOf). */
  tierReached?: TierName | null | undefined;
}

export interface ActivityDraft {
  key: string;
  name: string;
  /** 万元, as typed. */
  budget: string;
  content: string;
  goal: string;
  indicators: IndicatorDraft[];
}

export interface DutyDraft {
  name: string;
  /** 万元, as typed. */
  statedBudget: string;
  description: string;
  activities: ActivityDraft[];
}

/** The list with the item at `from` moved to `to`; the same list when `to` is outside it. */
export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = list.slice();
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x!);
  return next;
}

/** Whether the fiscal year is closed (the years list carries its status): then everything is read only. */
export function yearClosed(years: { year: number }[], year: number): boolean {
  return (years.find((y) => y.year === year) as { status?: string } | undefined)?.status === "closed";
}

let next = 1;
export const newKey = (): string => `new-${next++}`;

/** 元 decimal text from the server → 万元 as typed in the forms (exact: up to six decimals, at least two). */
export function wanText(yuan: string | null | undefined): string {
  if (yuan == null || yuan === "") return "";
  const s = formatWanYuan(parseYuan(yuan), 6, { grouping: false });
  return s.replace(/(\.\d\d\d*?)0+$/, "$1");
}

export function draftOf(d: Duty): DutyDraft {
  return {
    name: d.name,
    statedBudget: wanText(d.statedBudget),
    description: d.description ?? "",
    activities: d.activities.map((a) => ({
      key: a.id,
      name: a.name,
      budget: wanText(a.budget),
      content: a.content ?? "",
      goal: a.goal ?? "",
      indicators: a.indicators.map((i) => ({
        key: i.id,
        name: i.name,
        targetText: i.targetText ?? "",
        actualText: i.actualText ?? "",
        tierReached: i.tierReached ?? null,
        standards: {
          优: i.standards.优 ?? "",
          良: i.standards.良 ?? "",
          中: i.standards.中 ?? "",
          差: i.standards.差 ?? "",
        },
      })),
    })),
  };
}

export function emptyActivity(name: string): ActivityDraft {
  return { key: newKey(), name, budget: "", content: "", goal: "", indicators: [] };
}

export function emptyIndicator(): IndicatorDraft {
  return { key: newKey(), name: "", targetText: "", actualText: "", standards: { 优: "", 良: "", 中: "", 差: "" } };
}

/** The indicator columns in the order a block copied from Excel fills them: 指标, 指标值, 优, 良, 中, 差. */
export const PASTE_FIELDS = ["name", "targetText", "优", "良", "中", "差"] as const;
export type PasteField = (typeof PASTE_FIELDS)[number];

/** Pastes `block` (rows of cells) into the indicators from (row, col), adding indicators when needed. */
export function pasteIndicators(list: IndicatorDraft[], row: number, col: number, block: string[][]): IndicatorDraft[] {
  const next = list.slice();
  block.forEach((cells, r) => {
    const at = row + r;
    while (next.length <= at) next.push(emptyIndicator());
    const ind = { ...next[at]!, standards: { ...next[at]!.standards } };
    cells.forEach((v, c) => {
      const f = PASTE_FIELDS[col + c];
      if (f === "name" || f === "targetText") ind[f] = v.trim();
      else if (f) ind.standards[f] = v.trim();
    });
    next[at] = ind;
  });
  return next;
}

/** A money field: the fen it holds, nothing when blank, or what core says is wrong with it. */
export function readWan(text: string, lang: Lang): { fen?: Fen; error?: string } {
  if (text.trim() === "") return {};
  try {
    return { fen: parseWanYuan(text) };
  } catch (e) {
    if (e instanceof DomainError) return { error: e.describe(lang) };
    throw e;
  }
}

/** 万元 text → the exact 元 decimal string the server takes (never a float); null when blank. */
export function wireYuan(text: string): string | null {
  if (text.trim() === "") return null;
  return formatYuan(parseWanYuan(text), { grouping: false });
}

export const headerChanged = (a: DutyDraft, b: DutyDraft): boolean =>
  a.name !== b.name || a.statedBudget !== b.statedBudget || a.description !== b.description;

const stripKeys = (acts: ActivityDraft[]) =>
  JSON.stringify(
    acts.map(({ key: _k, indicators, ...a }) => ({ ...a, indicators: indicators.map(({ key: _i, ...i }) => i) })),
  );

export const activitiesChanged = (a: DutyDraft, b: DutyDraft): boolean =>
  stripKeys(a.activities) !== stripKeys(b.activities);

/**
 * After a 409: the user's edits over the record as it is now. A header field the user did not touch takes the
 * server's value; the activities are the user's when they changed them, the server's otherwise.
 */
export function mergeDraft(original: DutyDraft, mine: DutyDraft, theirs: DutyDraft): DutyDraft {
  const pick = <K extends "name" | "statedBudget" | "description">(k: K) =>
    mine[k] === original[k] ? theirs[k] : mine[k];
  return {
    name: pick("name"),
    statedBudget: pick("statedBudget"),
    description: pick("description"),
    activities: activitiesChanged(original, mine) ? mine.activities : theirs.activities,
  };
}

/** What keeps the draft from being saved: names missing, money that is not an amount. */
export function draftErrors(d: DutyDraft, lang: Lang): string[] {
  const zh = lang === "zh";
  const out: string[] = [];
  if (!d.name.trim()) out.push(zh ? "职责名称不能为空" : "The duty needs a name");
  const duty = readWan(d.statedBudget, lang);
  if (duty.error) out.push(`${zh ? "职责预算" : "Duty budget"}: ${duty.error}`);
  d.activities.forEach((a, i) => {
    const where = zh ? `工作活动 ${i + 1}` : `Activity ${i + 1}`;
    if (!a.name.trim()) out.push(`${where}: ${zh ? "名称不能为空" : "a name is needed"}`);
    const b = readWan(a.budget, lang);
    if (b.error) out.push(`${where}: ${b.error}`);
    a.indicators.forEach((ind, j) => {
      if (!ind.name.trim())
        out.push(`${where}, ${zh ? `指标 ${j + 1}：名称不能为空` : `indicator ${j + 1}: a name is needed`}`);
    });
  });
  return out;
}

export function toActivityInput(d: DutyDraft): ActivityInput[] {
  const t = (s: string) => (s.trim() === "" ? null : s.trim());
  return d.activities.map((a) => ({
    name: a.name.trim(),
    budget: wireYuan(a.budget),
    content: t(a.content),
    goal: t(a.goal),
    indicators: a.indicators.map((i) => ({
      name: i.name.trim(),
      targetText: t(i.targetText),
      actualText: t(i.actualText ?? ""),
      standards: { 优: t(i.standards.优), 良: t(i.standards.良), 中: t(i.standards.中), 差: t(i.standards.差) },
    })),
  }));
}

export interface BudgetCheck {
  /** Σ activities, 万元 and 元. */
  sumWan: string;
  sumYuan: string;
  /** Stated − Σ, when a duty budget is stated. */
  differenceWan?: string;
  differenceYuan?: string;
  holds?: boolean;
}

/** The duty's stated budget against the sum of its activities (core's checkTotal; blank budgets count as 0). */
export function budgetCheck(d: DutyDraft, lang: Lang): BudgetCheck {
  const parts = d.activities.map((a) => readWan(a.budget, lang).fen);
  const stated = readWan(d.statedBudget, lang).fen;
  const c = checkTotal(stated ?? (0n as Fen), parts);
  const out: BudgetCheck = { sumWan: formatWanYuan(c.sum, 2), sumYuan: formatYuan(c.sum) };
  if (stated !== undefined) {
    out.holds = c.holds;
    out.differenceWan = formatWanYuan(c.difference, 6).replace(/(\.\d\d\d*?)0+$/, "$1");
    out.differenceYuan = formatYuan(c.difference);
  }
  return out;
}

export interface TierReading {
  tiers?: Tiers;
  /** Per tier: how core read the cell. */
  cells: Record<TierName, string>;
  problems: TierProblem[];
}

function bound(b: Bound | undefined, unit: string): string {
  return b ? `${b.value}${unit}` : "";
}

function readingOf(t: TierThreshold, lang: Lang): string {
  const zh = lang === "zh";
  const u = t.unit ?? "";
  switch (t.status) {
    case "numeric": {
      const { lower, upper } = t;
      if (lower && upper) {
        return `${lower.inclusive ? "[" : "("}${bound(lower, u)}, ${bound(upper, u)}${upper.inclusive ? "]" : ")"}`;
      }
      if (lower) return `${lower.inclusive ? "≥" : ">"}${bound(lower, u)}`;
      if (upper) return `${upper.inclusive ? "≤" : "<"}${bound(upper, u)}`;
      return zh ? "任意值" : "any value";
    }
    case "words":
      return zh ? "文字标准" : "in words";
    case "compound":
      return zh ? "多项标准" : "several measures";
    case "empty":
      return zh ? "未填" : "empty";
    case "placeholder":
      return zh ? "占位符 **" : "placeholder **";
    default:
      return zh ? "无法识别" : "unreadable";
  }
}

/** Core's reading of one indicator's four tiers, live as typed; nothing when all four are blank. */
export function readTiers(standards: Record<TierName, string>, lang: Lang): TierReading {
  const cells = { 优: "", 良: "", 中: "", 差: "" } as Record<TierName, string>;
  if (TIER_NAMES.every((t) => standards[t].trim() === "")) return { cells, problems: [] };
  const tiers = parseTiers(standards);
  for (const th of tiers.thresholds) cells[th.tier] = readingOf(th, lang);
  return { tiers, cells, problems: checkTiers(tiers) };
}

/** Which tier an actual value falls in, as core's tierOf says (for trying a value against the standards). */
export function tryActual(tiers: Tiers | undefined, actual: string): { tier?: TierName; note: string } | undefined {
  if (!tiers || actual.trim() === "") return undefined;
  const r = tierOf(tiers, actual);
  return r.tier ? { tier: r.tier, note: r.note } : { note: r.note };
}
