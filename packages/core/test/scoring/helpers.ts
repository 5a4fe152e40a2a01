import type { TargetFunctions } from "../../src/scoring/score.ts";
import type { Comparison, Op, TargetValue } from "../../src/targets/types.ts";

/** A numeric target or actual built by hand (no parser involved). */
export function num(value: number, unit?: string, op?: Op, text?: string): TargetValue {
  return {
    kind: "numeric",
    text: text ?? `${op ?? ""}${value}${unit ?? ""}`,
    value,
    ...(op ? { op } : {}),
    ...(unit ? { unit } : {}),
  };
}

export function words(text: string): TargetValue {
  return { kind: "qualitative", text };
}

export function range(lo: number, hi: number, unit?: string): TargetValue {
  return { kind: "range", text: `${lo}${unit ?? ""}-${hi}${unit ?? ""}`, min: lo, max: hi, ...(unit ? { unit } : {}) };
}

/** A stand-in comparison for qualitative values: same words → met, `未…` → not met, else undecided. */
export const STUB_TARGETS: TargetFunctions = {
  parse: (text) => ({ kind: "qualitative", text }),
  compare: (t, a): Comparison =>
    t.text === a.text
      ? { met: true, ratio: undefined, note: "相同" }
      : a.text.startsWith("未")
        ? { met: false, ratio: undefined, note: `实际「${a.text}」未达成` }
        : { met: undefined, ratio: undefined, note: "无法判断" },
};
