/**
 * The review engine's vocabulary: a rule (id, category, severity, title, check), a finding (what is wrong, where,
 * with the numbers), and the configuration a region tunes (tolerances, required groups, thresholds, per-rule
 * severity and disabling, the verdict's weights).
 */
import type { Location } from "../errors/domain-error.ts";
import type { ImportedDocument } from "../model/document.ts";
import type { MoneyUnit } from "../money/money.ts";
import type { Level1, ScoringScheme } from "../scoring/scheme.ts";

/** The review's categories: 财预〔2015〕88号's four plus arithmetic, data quality, scoring and in-year monitoring. */
export const CATEGORIES = [
  "完整性",
  "相关性",
  "适当性",
  "可行性",
  "算术一致性",
  "数据质量",
  "评分",
  "执行监控",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_EN: Record<Category, string> = {
  完整性: "completeness",
  相关性: "relevance",
  适当性: "appropriateness",
  可行性: "feasibility",
  算术一致性: "arithmetic",
  数据质量: "data quality",
  评分: "scoring",
  执行监控: "monitoring",
};

export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** Where a finding points: the imported document's location plus a path into the document. */
export type FindingLocation = Location;

/** The numbers behind a finding, as exact decimal text (amounts in `unit`). */
export interface FindingDetails {
  stated?: string;
  computed?: string;
  /** stated − computed */
  difference?: string;
  unit?: string;
  /** Whether the difference is within the rounding tolerance of the unit. */
  withinRounding?: boolean;
  [key: string]: string | boolean | number | undefined;
}

/**
 * A one-click fix, as data: the values to set. `set-points` gives each indicator of the scope the points the scheme
 * expects (`points[i]` for the scope's indicator i, null where nothing changes; `changes` lists the changed ones
 * with their location). The server applies it to the stored rows; the page shows it as a button.
 */
export interface FindingFix {
  kind: "set-points";
  label: { zh: string; en: string };
  /** The scoring scheme the points follow. */
  scheme: string;
  /** Path of the scope in the document (`projects[0]`). */
  path: string;
  points: (string | null)[];
  changes: { index: number; name: string; from: string; to: string; location: FindingLocation }[];
}

export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  /** Plain Chinese. */
  message: string;
  messageEn: string;
  location: FindingLocation;
  details?: FindingDetails;
  /** A one-click fix, when the rule can give one. */
  fix?: FindingFix;
}

/** What a rule's check returns: the engine adds the rule id, category and (unless given) the rule's severity. */
export interface RuleFinding {
  message: string;
  messageEn: string;
  location: FindingLocation;
  details?: FindingDetails;
  /** A one-click fix, when the rule can give one. */
  fix?: FindingFix;
  /** A finding may be milder than its rule (a difference within rounding); config overrides still win. */
  severity?: Severity;
}

export interface Rule {
  id: string;
  category: Category;
  /** The default severity of the rule's findings. */
  severity: Severity;
  title: { zh: string; en: string };
  /** The config keys the rule reads (for docs/review-rules.md). */
  config?: readonly string[];
  check(document: ImportedDocument, config: ReviewConfig): RuleFinding[];
}

export type Verdict = "优" | "良" | "中" | "差";
export const VERDICTS: readonly Verdict[] = ["优", "良", "中", "差"];

export interface VerdictConfig {
  /** Points taken from 100 per finding of each severity. */
  penalty: Record<Severity, number>;
  /** At most this many findings of one rule count towards the penalty (a systematic mistake counts once-ish). */
  maxCountedPerRule: number;
  /** The lowest points for 优, 良, 中 (below 中: 差). */
  bands: { 优: number; 良: number; 中: number };
  /** The best verdict a document can get when it has at least one error in the category. */
  capOnError: Partial<Record<Category, Verdict>>;
}

export interface ReviewConfig {
  /** The largest difference, per unit, that rounding explains: reported as a warning, beyond it as an error. */
  roundingTolerance: Record<MoneyUnit, string>;
  /** Accepted sets of 一级指标: a project must hold every group of at least one set. */
  level1Sets: Level1[][];
  /** Actual ÷ target at or above which an explanation is expected (1.3 = 130%). */
  farOverRatio: string;
  /** Execution rate (percent) below which an explanation is expected. */
  executionRateMin: string;
  /** A percentage target above this is suspicious. */
  percentCap: number;
  /** Indicator names that ask for a number (…率, …数量, …次数, …人数). */
  numericNamePattern: string;
  /** The longest indicator name (characters) before it is flagged. */
  maxNameLength: number;
  /** Cell text that stands for content not filled in (`**`, `*`). */
  placeholderPattern: string;
  /** Header fields each part must have. */
  requiredFields: {
    project: ("name" | "budget" | "goal")[];
    projectSelfEvaluation: ("name" | "department" | "funds")[];
    departmentSelfEvaluation: ("organisation" | "budget")[];
    dutyTable: "organisation"[];
  };
  /** Expected Σ of indicator weights per part, when every indicator has one (decimal text). */
  weightTotals: { project: string; projectSelfEvaluation: string };
  /** The review year (deadlines after its end are flagged); default: the document's own year. */
  year?: number;
  /**
   * The date the execution figures are as of (`YYYY-MM-DD`), for the in-year monitoring rules: the share of the
   * year elapsed is read from it. Core has no clock: without a date the monitoring rules say nothing.
   */
  referenceDate?: string;
  /** Percentage points the execution rate may trail the share of the year elapsed before it is flagged. */
  executionBehindPoints: string;
  /**
   * The scoring scheme goals and self-evaluations are scored by (a built-in id or alias, or a bureau's own scheme):
   * `scoring.points-match-scheme` checks indicator points against it. Default `national-project`.
   */
  scoringScheme?: string | ScoringScheme | undefined;
  /** Per-rule severity overrides. */
  severity: Record<string, Severity>;
  /** Rule ids switched off. */
  disabled: string[];
  verdict: VerdictConfig;
}

/** A partial config: every key optional, nested objects merged key by key. */
export type ReviewConfigInput = Partial<
  Omit<ReviewConfig, "roundingTolerance" | "requiredFields" | "weightTotals" | "verdict">
> & {
  roundingTolerance?: Partial<ReviewConfig["roundingTolerance"]>;
  requiredFields?: Partial<ReviewConfig["requiredFields"]>;
  weightTotals?: Partial<ReviewConfig["weightTotals"]>;
  verdict?: Partial<Omit<VerdictConfig, "bands">> & { bands?: Partial<VerdictConfig["bands"]> };
};

export interface VerdictResult {
  verdict: Verdict;
  /** 100 − the penalties, before the category caps. */
  points: number;
  reasons: { zh: string; en: string }[];
}

/** The verdict as the engine gives it and as a reviewer decides it: persistence is the server's. */
export interface ReviewDecision {
  /** The engine's verdict; null when the document could not be judged (未能判断). */
  verdict: Verdict | null;
  reviewerVerdict?: Verdict;
  comment?: string;
}

export interface ReviewResult {
  file: string;
  findings: Finding[];
  counts: Record<Severity, number>;
  /**
   * False when too little of the document was read to judge it (its coverage is below the threshold or no figure
   * was read): then there is no verdict and no points (未能判断), and `reasons` say why.
   */
  judged: boolean;
  verdict: Verdict | null;
  verdictPoints: number | null;
  reasons: { zh: string; en: string }[];
  decision: ReviewDecision;
}
