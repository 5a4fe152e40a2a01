/**
 * Text against indicators: a quantity the goal's narrative names (`购置5475件`) should be what an indicator
 * measures. It agrees when an indicator of the same unit has that value, or a run of consecutive indicators of
 * that unit adds up to it (seed 003: 266343人次 = the four exam indicators). Otherwise: a different value in an
 * indicator of the same unit is a warning (seed 004 project 3: 5475件 against ≥1200件); no indicator of that unit
 * at all is a note.
 */
import { indicatorScopes, locateText, type Scope, targetOf } from "../context.ts";
import type { Rule, RuleFinding } from "../types.ts";

const COUNT_UNIT = "人次|件|辆|套|台|个|人|名|次|份|部|起|条|项|场|批|所|处|块|路|篇|期";
const QUANTITY_RE = new RegExp(`(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(万)?\\s*(${COUNT_UNIT})(?![\\/／])`, "g");
const SAME_UNIT: Record<string, string> = { 名: "人" };
const unitKey = (u: string | undefined): string | undefined => (u === undefined ? undefined : (SAME_UNIT[u] ?? u));

interface Mention {
  value: number;
  unit: string;
  text: string;
}

function mentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(QUANTITY_RE)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 1), m.index ?? 0);
    if (/[\d.]/.test(before)) continue;
    const base = Number(m[1]!.replace(/,/g, ""));
    const value = m[2] ? Math.round(base * 10_000 * 1e6) / 1e6 : base;
    out.push({ value, unit: unitKey(m[3]!)!, text: m[0] });
  }
  return out;
}

function indicatorValues(s: Scope): { index: number; unit: string; value: number; text: string }[] {
  const out: { index: number; unit: string; value: number; text: string }[] = [];
  s.indicators.forEach((ind, index) => {
    const t = targetOf(ind);
    const unit = unitKey(t?.unit ?? ind.unit);
    if (!t || !unit) return;
    const v = t.kind === "numeric" ? t.value : t.kind === "range" ? t.max : undefined;
    if (v === undefined) return;
    out.push({ index, unit, value: v, text: ind.target!.text });
    if (t.kind === "range" && t.min !== undefined) out.push({ index, unit, value: t.min, text: ind.target!.text });
  });
  return out;
}

function agrees(m: Mention, values: { index: number; unit: string; value: number }[]): boolean {
  const same = values.filter((v) => v.unit === m.unit);
  if (same.some((v) => v.value === m.value)) return true;
  // consecutive indicators of the unit adding up to the figure
  for (let i = 0; i < same.length; i++) {
    let acc = 0;
    for (let j = i; j < same.length; j++) {
      if (j > i && same[j]!.index !== same[j - 1]!.index + 1) break;
      acc += same[j]!.value;
      if (Math.abs(acc - m.value) < 1e-9) return true;
    }
  }
  return false;
}

function check(kind: "differs" | "unmeasured") {
  return (doc: Parameters<Rule["check"]>[0]): RuleFinding[] => {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      if (s.narratives.length === 0 || s.indicators.length === 0) continue;
      const values = indicatorValues(s);
      const seen = new Set<string>();
      for (const n of s.narratives) {
        for (const m of mentions(n.text)) {
          const key = `${m.value}${m.unit}`;
          if (seen.has(key) || agrees(m, values)) continue;
          seen.add(key);
          const same = values.filter((v) => v.unit === m.unit);
          if (kind === "differs" && same.length > 0) {
            const ind = s.indicators[same[0]!.index]!;
            out.push({
              message: `「${s.name}」目标中写「${m.text}」，而指标「${ind.name}」的指标值为「${same[0]!.text}」，两者不一致`,
              messageEn: `"${s.name}": the goal says "${m.text}" but indicator "${ind.name}" targets "${same[0]!.text}"`,
              location: n.location,
              details: { stated: String(m.value), computed: String(same[0]!.value), unit: m.unit },
            });
          }
          if (kind === "unmeasured" && same.length === 0) {
            out.push({
              message: `「${s.name}」目标中写「${m.text}」，没有以「${m.unit}」计量的指标`,
              messageEn: `"${s.name}": the goal says "${m.text}" but no indicator is measured in ${m.unit}`,
              location: n.location,
              details: { stated: String(m.value), unit: m.unit },
            });
          }
        }
      }
    }
    return out;
  };
}

export const quantityDiffers: Rule = {
  id: "text.quantity-differs",
  category: "相关性",
  severity: "warning",
  title: {
    zh: "目标文字中的数量与指标值不一致",
    en: "A quantity in the goal's text differs from the indicator's target",
  },
  check: check("differs"),
};

export const quantityUnmeasured: Rule = {
  id: "text.quantity-unmeasured",
  category: "相关性",
  severity: "info",
  title: { zh: "目标文字中的数量没有指标衡量", en: "A quantity in the goal's text that no indicator measures" },
  check: check("unmeasured"),
};

export const changeWithoutReason: Rule = {
  id: "text.change-without-reason",
  category: "完整性",
  severity: "warning",
  title: { zh: "“三公”经费增减未说明原因", en: "A change in 三公 spending without its reason" },
  check(doc) {
    const t = doc.disclosure?.threePublic;
    if (!t) return [];
    const out: RuleFinding[] = [];
    t.changes.forEach((c, i) => {
      if (c.reason && c.reason.trim() !== "") return;
      const line = t.text.split("\n").find((l) => l.includes(c.item)) ?? "";
      out.push({
        message: `“三公”经费中「${c.item}」比上年${c.direction} ${c.amount.text}${c.amount.unit}，未说明原因`,
        messageEn: `三公: "${c.item}" ${c.direction === "增加" ? "rose" : "fell"} by ${c.amount.text} ${c.amount.unit} with no reason given`,
        location: locateText(doc, line, { file: doc.file, path: `disclosure.threePublic.changes[${i}]` }),
      });
    });
    return out;
  },
};

export const TEXT_RULES: Rule[] = [quantityDiffers, quantityUnmeasured, changeWithoutReason];
