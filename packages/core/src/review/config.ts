/**
 * The default review configuration (the national rules as DOMAIN.md states them) and how a region's partial
 * configuration is laid over it.
 */
import type { ReviewConfig, ReviewConfigInput } from "./types.ts";

export const DEFAULT_REVIEW_CONFIG: ReviewConfig = {
  roundingTolerance: { 元: "1", 万元: "0.01" },
  level1Sets: [
    ["output", "effect", "satisfaction"],
    ["output", "cost", "effect", "satisfaction"],
  ],
  farOverRatio: "1.3",
  executionRateMin: "90",
  executionBehindPoints: "20",
  percentCap: 100,
  numericNamePattern: "(率|数量|次数|人数)$",
  maxNameLength: 100,
  placeholderPattern: "^[*＊]+$",
  requiredFields: {
    project: ["name", "budget", "goal"],
    projectSelfEvaluation: ["name", "funds"],
    departmentSelfEvaluation: ["organisation", "budget"],
    dutyTable: ["organisation"],
  },
  weightTotals: { project: "100", projectSelfEvaluation: "90" },
  severity: {},
  disabled: [],
  verdict: {
    penalty: { error: 6, warning: 1, info: 0 },
    maxCountedPerRule: 3,
    bands: { 优: 90, 良: 80, 中: 60 },
    capOnError: {
      完整性: "中",
      相关性: "中",
      适当性: "良",
      可行性: "良",
      算术一致性: "良",
      数据质量: "良",
      评分: "良",
    },
  },
};

/** The defaults with the given keys replaced (nested objects key by key). */
export function resolveReviewConfig(input: ReviewConfigInput = {}): ReviewConfig {
  const d = DEFAULT_REVIEW_CONFIG;
  return {
    ...d,
    ...input,
    roundingTolerance: { ...d.roundingTolerance, ...input.roundingTolerance },
    requiredFields: { ...d.requiredFields, ...input.requiredFields },
    weightTotals: { ...d.weightTotals, ...input.weightTotals },
    severity: { ...d.severity, ...input.severity },
    disabled: [...(input.disabled ?? d.disabled)],
    verdict: {
      ...d.verdict,
      ...input.verdict,
      penalty: { ...d.verdict.penalty, ...input.verdict?.penalty },
      bands: { ...d.verdict.bands, ...input.verdict?.bands },
      capOnError: { ...d.verdict.capOnError, ...input.verdict?.capOnError },
    },
  };
}
