/**
 * A target value written back in standard Chinese: `≥100人`, `≤500元/人/天`, `50%-70%`, `2024年12月30日前`,
 * `每月1次`; qualitative values as their own text. `parseTarget(renderTarget(v))` gives back v's structure.
 */
import { fromNumber, toDecimalString } from "../numbers/decimal.ts";
import { PERIOD_WORD } from "./lexicon.ts";
import type { Op, TargetValue } from "./types.ts";

const OP_TEXT: Readonly<Record<Op, string>> = { ">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "" };

/** Plain decimal text of a number (no exponent, no grouping): 480000, 0.82, 1213989.05. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return toDecimalString(fromNumber(v), 10);
}

export function renderTarget(v: TargetValue): string {
  switch (v.kind) {
    case "numeric": {
      if (v.value === undefined) return v.text;
      return `${v.label ?? ""}${OP_TEXT[v.op ?? "="]}${formatNumber(v.value)}${v.unit ?? ""}`;
    }
    case "range": {
      if (v.min === undefined || v.max === undefined) return v.text;
      const u = v.unit ?? "";
      const left = u === "%" || u === "‰" ? `${formatNumber(v.min)}${u}` : formatNumber(v.min);
      return `${v.label ?? ""}${left}-${formatNumber(v.max)}${u}`;
    }
    case "deadline": {
      if (!v.date) return v.text;
      const [y, m, d] = v.date.split("-").map(Number);
      const day = `${y}年${m}月${d}日`;
      return v.inclusive === false ? `${day}前` : `不晚于${day}`;
    }
    case "frequency": {
      if (v.value === undefined || !v.period) return v.text;
      const pre = v.op === ">=" || v.op === ">" ? "至少" : v.op === "<=" || v.op === "<" ? "最多" : "";
      return `${pre}每${PERIOD_WORD[v.period]}${formatNumber(v.value)}${v.unit ?? "次"}`;
    }
    default: {
      if (v.parts && v.parts.length > 0) return v.parts.map(renderTarget).join("，");
      return v.text;
    }
  }
}
