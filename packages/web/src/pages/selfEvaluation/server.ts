import type { Evaluation, EvaluationItem, EvaluationItemInput } from "../../api/endpoints.ts";
import { BUILTIN_SCHEMES, formatWanYuan, formatYuan, parseWanYuan, parseYuan } from "../../lib/rules.ts";
import type { SeDraft } from "./model.ts";

/** The scheme core knows for a stored evaluation (the stored name may be an older spelling). */
function schemeOf(e: Evaluation): string {
  if (e.scheme && BUILTIN_SCHEMES[e.scheme]) return e.scheme;
  return e.kind === "department" ? "department-2080" : "national-project";
}

const wan = (yuan: string | null) => (yuan == null ? "" : formatWanYuan(parseYuan(yuan), 2, { grouping: false }));
const yuan = (wanText: string) =>
  wanText.trim() === "" ? null : formatYuan(parseWanYuan(wanText), { grouping: false });

/** A stored self-evaluation as the workspace edits it (amounts shown in 万元, typed text kept as it is). */
export function draftFromServer(e: Evaluation & { items: EvaluationItem[] }): SeDraft {
  return {
    id: e.id,
    projectName: e.projectName ?? (e.kind === "department" ? "部门整体" : ""),
    orgName: e.orgName,
    year: e.year,
    schemeId: schemeOf(e),
    initialBudget: wan(e.initialBudget),
    annualBudget: wan(e.fullYearBudget),
    executed: wan(e.executed),
    indicators: e.items.map((i) => ({
      id: i.id,
      level1: i.level1 ?? "",
      level2: i.level2 ?? "",
      name: i.name,
      points: trimZeros(i.points ?? ""),
      target: i.targetText ?? "",
      actual: i.actualText ?? "",
      // A score written with a reason is the evaluator's override; without one it is the document's own.
      override: i.overrideReason && i.statedScore ? i.statedScore : "",
      overrideReason: i.overrideReason ?? "",
      deviationReason: i.deviationReason ?? "",
    })),
    conclusion: e.conclusion ?? "",
    improvements: e.improvements ?? "",
    version: e.version,
  };
}

/** The rows to store: what was typed, as typed (the server and core read the values again). */
export function itemsForServer(d: SeDraft, stored: EvaluationItem[]): EvaluationItemInput[] {
  const byId = new Map(stored.map((i) => [i.id, i]));
  return d.indicators.map((i) => {
    const s = byId.get(i.id);
    return {
      indicatorId: s?.indicatorId ?? null,
      level1: i.level1 || null,
      level2: i.level2 || null,
      name: i.name,
      targetText: i.target || null,
      actualText: i.actual || null,
      points: i.points || null,
      statedScore: i.override.trim() ? i.override.trim() : i.overrideReason ? null : (s?.statedScore ?? null),
      overrideReason: i.overrideReason || null,
      deviationReason: i.deviationReason || null,
      deviationCause: s?.deviationCause ?? null,
    };
  });
}

export function fieldsForServer(d: SeDraft) {
  return {
    initialBudget: yuan(d.initialBudget),
    fullYearBudget: yuan(d.annualBudget),
    executed: yuan(d.executed),
    scheme: d.schemeId,
    conclusion: d.conclusion || null,
    improvements: d.improvements || null,
  };
}

/** `10.0000` → `10`, `2.50` → `2.5` (the stored text has four decimals; the value is the same). */
function trimZeros(t: string): string {
  return t.includes(".") ? t.replace(/0+$/, "").replace(/\.$/, "") : t;
}
