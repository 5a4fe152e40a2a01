/**
 * The review configuration a region writes (JSON), validated with zod: every key optional, unknown keys and
 * unknown rule ids reported with their path, nothing thrown for bad input.
 */
import { z } from "zod";
import { type ScoringScheme, schemeById, schemeProblems } from "../scoring/scheme.ts";
import { ScoringSchemeSchema } from "../scoring/scheme-json.ts";
import { RULES } from "./engine.ts";
import { parseIsoDate } from "./rules/monitoring.ts";
import { CATEGORIES, type ReviewConfigInput } from "./types.ts";

const Decimal = z.string().regex(/^\d+(?:\.\d+)?$/, '应为非负十进制数文本，如 "0.01" / a non-negative decimal as text');
const SeverityEnum = z.enum(["error", "warning", "info"]);
const Level1Enum = z.enum(["output", "effect", "satisfaction", "cost"]);
const VerdictEnum = z.enum(["优", "良", "中", "差"]);
const RuleId = z.string().refine((id) => RULES.some((r) => r.id === id), { message: "未知规则 unknown rule id" });

export const ReviewConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  roundingTolerance: z.strictObject({ 元: Decimal.optional(), 万元: Decimal.optional() }).optional(),
  level1Sets: z.array(z.array(Level1Enum).min(1)).optional(),
  farOverRatio: Decimal.optional(),
  executionRateMin: Decimal.optional(),
  percentCap: z.number().positive().optional(),
  numericNamePattern: z.string().optional(),
  placeholderPattern: z.string().optional(),
  maxNameLength: z.number().int().positive().optional(),
  requiredFields: z
    .strictObject({
      project: z.array(z.enum(["name", "budget", "goal"])).optional(),
      projectSelfEvaluation: z.array(z.enum(["name", "department", "funds"])).optional(),
      departmentSelfEvaluation: z.array(z.enum(["organisation", "budget"])).optional(),
      dutyTable: z.array(z.enum(["organisation"])).optional(),
    })
    .optional(),
  weightTotals: z.strictObject({ project: Decimal.optional(), projectSelfEvaluation: Decimal.optional() }).optional(),
  year: z.number().int().min(1900).max(2999).optional(),
  referenceDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '应为日期 YYYY-MM-DD / a date as "YYYY-MM-DD"')
    .refine((d) => parseIsoDate(d) !== undefined, { message: "日期不存在 no such date" })
    .optional(),
  executionBehindPoints: Decimal.optional(),
  scoringScheme: z
    .union([
      z.string().refine((id) => schemeById(id) !== undefined, { message: "未知评分方案 unknown scoring scheme" }),
      ScoringSchemeSchema,
    ])
    .optional(),
  severity: z.record(RuleId, SeverityEnum).optional(),
  disabled: z.array(RuleId).optional(),
  verdict: z
    .strictObject({
      penalty: z
        .strictObject({ error: z.number().min(0), warning: z.number().min(0), info: z.number().min(0) })
        .partial()
        .optional(),
      maxCountedPerRule: z.number().int().min(1).optional(),
      bands: z.strictObject({ 优: z.number(), 良: z.number(), 中: z.number() }).partial().optional(),
      capOnError: z.partialRecord(z.enum(CATEGORIES), VerdictEnum).optional(),
    })
    .optional(),
});

export type ParsedReviewConfig =
  | { ok: true; config: ReviewConfigInput }
  | { ok: false; problems: { path: string; message: string }[] };

/** Validates a region's configuration (parsed JSON). Regular expressions are checked to compile. */
export function parseReviewConfig(json: unknown): ParsedReviewConfig {
  const r = ReviewConfigSchema.safeParse(json);
  if (!r.success) {
    return {
      ok: false,
      problems: r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    };
  }
  const problems: { path: string; message: string }[] = [];
  for (const key of ["numericNamePattern", "placeholderPattern"] as const) {
    const src = r.data[key];
    if (src === undefined) continue;
    try {
      new RegExp(src);
    } catch (e) {
      problems.push({ path: key, message: `正则表达式无效 invalid regular expression: ${(e as Error).message}` });
    }
  }
  const scheme = r.data.scoringScheme;
  if (scheme !== undefined && typeof scheme !== "string") {
    for (const p of schemeProblems(scheme as ScoringScheme)) {
      problems.push({ path: `scoringScheme.${p.path}`, message: `${p.zh} / ${p.en}` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const { $schema: _, ...config } = r.data;
  return { ok: true, config: config as ReviewConfigInput };
}
