/**
 * A scoring scheme as JSON — what a finance bureau defines for its subtree and year (the server stores it): the
 * zod schema of the whole `ScoringScheme` and `checkSchemeJson`, which returns the scheme or every problem with its
 * field path and a Chinese and English message (the shape first, then the rules of `schemeProblems`: groups add up
 * to 100 with the execution points, tiers and grade bands ordered without gaps or overlaps, every rule known).
 */
import { z } from "zod";
import { zodProblems } from "./input.ts";
import { LEVEL1_NAMES, type Level1, type SchemeProblem, type ScoringScheme, schemeProblems } from "./scheme.ts";

const Text = z.strictObject({ zh: z.string(), en: z.string() });
const Level1Key = z.enum(Object.keys(LEVEL1_NAMES) as [Level1, ...Level1[]]);
const Rounding = z.enum(["none", "0.01", "0.1", "1"]);

export const ScoringSchemeSchema = z.strictObject({
  id: z.string().min(1),
  name: Text,
  version: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  execution: z.strictObject({ points: z.number(), capAt100: z.boolean() }),
  groups: z.array(z.strictObject({ level1: Level1Key, points: z.number() })).min(1),
  whenMissing: z.partialRecord(Level1Key, z.partialRecord(Level1Key, z.number())).optional(),
  folds: z.partialRecord(Level1Key, Level1Key).optional(),
  pointsRule: z.enum(["scale-to-groups", "scale-to-total"]).optional(),
  indicatorScore: z.enum(["points", "coefficient"]).optional(),
  executionWithin: Level1Key.optional(),
  recognition: z
    .strictObject({ headers: z.array(z.string()).optional(), kinds: z.array(z.string()).optional() })
    .optional(),
  lowerIsBetter: z.enum(["linear-2x", "ratio"]),
  equalsZero: z.enum(["full-if-at-most-zero", "full-if-zero"]),
  qualitative: z.array(
    z.strictObject({
      key: z.enum(["achieved", "partial", "not-achieved"]),
      label: Text,
      min: z.number(),
      max: z.number(),
      suggest: z.number(),
    }),
  ),
  rounding: z.strictObject({ indicator: Rounding, execution: Rounding, total: Rounding }),
  grades: z.array(z.strictObject({ grade: z.string(), min: z.number() })),
});

export type SchemeCheck = { ok: true; scheme: ScoringScheme } | { ok: false; problems: SchemeProblem[] };

/** The scheme, or every problem with its path (`groups[1].points`) and a Chinese and English message. */
export function checkSchemeJson(json: unknown): SchemeCheck {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return {
      ok: false,
      problems: [{ path: "", zh: "评分方案应为一个 JSON 对象 {…}", en: "a scoring scheme must be a JSON object {…}" }],
    };
  }
  const shape = ScoringSchemeSchema.safeParse(json);
  if (!shape.success) {
    return {
      ok: false,
      problems: zodProblems(shape.error.issues, json).map((p) => ({ path: p.path, zh: p.zh, en: p.en })),
    };
  }
  const scheme = shape.data as ScoringScheme;
  const problems = schemeProblems(scheme);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scheme };
}
