/**
 * The built-in scoring schemes, as data. Each differs from the others only in the numbers and settings held here;
 * `score.ts` applies whichever scheme it is given, and a finance bureau defines its own in the same shape
 * (`checkSchemeJson`, docs/scoring.md).
 *
 * - national-project: 项目支出绩效自评 (财预〔2020〕10号 附件2): 执行率 10, 产出 50, 效益 30, 满意度 10.
 * - department-2080: 部门整体绩效自评 as in seed 002 (武汉): 20 × 执行率 + 产出 40, 效益 30, 满意度 10.
 * - project-2080: 项目支出绩效自评 whose 预算执行率 weighs 20 and 年度绩效指标 80 (湖北's 财政项目绩效自评表, 云南's);
 *   the level-1 weights as the unit sets them.
 * - sichuan-project: a 权重 column over the indicators adding up to 90, 预算执行率 10; the level-1 weights as the
 *   unit sets them (only the total is fixed).
 * - chongqing-project: 10/50/30/10 with a 得分系数 (0–1) per indicator, 执行率权重 and 执行率得分 columns.
 * - ningxia-department: 决策 20 / 管理（过程）20 (预算执行率 10 inside it) / 产出 30 / 效益 30; 满意度 counts in 效益.
 *
 * Types are imported from `../scheme.ts` only as types (no cycle at run time).
 */
import type { GradeBand, QualitativeTier, ScoringScheme } from "../scheme.ts";

export const STANDARD_TIERS: QualitativeTier[] = [
  {
    key: "achieved",
    label: { zh: "达成年度指标", en: "annual target achieved" },
    min: 80,
    max: 100,
    suggest: 100,
  },
  {
    key: "partial",
    label: { zh: "部分达成年度指标并具有一定效果", en: "partly achieved with some effect" },
    min: 60,
    max: 80,
    suggest: 70,
  },
  {
    key: "not-achieved",
    label: { zh: "未达成年度指标且效果较差", en: "not achieved, poor effect" },
    min: 0,
    max: 60,
    suggest: 0,
  },
];

/** 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60. */
export const STANDARD_GRADES: GradeBand[] = [
  { grade: "优", min: 90 },
  { grade: "良", min: 80 },
  { grade: "中", min: 60 },
  { grade: "差", min: 0 },
];

/** The variant that says 合格/不合格 for the lower two bands. */
export const PASS_FAIL_GRADES: GradeBand[] = [
  { grade: "优", min: 90 },
  { grade: "良", min: 80 },
  { grade: "合格", min: 60 },
  { grade: "不合格", min: 0 },
];

const COMMON = {
  lowerIsBetter: "linear-2x",
  equalsZero: "full-if-at-most-zero",
  qualitative: STANDARD_TIERS,
  rounding: { indicator: "0.01", execution: "0.01", total: "0.01" },
  grades: STANDARD_GRADES,
} as const satisfies Partial<ScoringScheme>;

/** 项目支出绩效自评 (财预〔2020〕10号): 执行率 10, 产出 50, 效益 30, 满意度 10; no 满意度 → 5 + 5 to 产出/效益. */
export const NATIONAL_PROJECT_SCHEME: ScoringScheme = {
  id: "national-project",
  name: {
    zh: "项目支出绩效自评（全国通用：执行率10、产出50、效益30、满意度10）",
    en: "Project self-evaluation (national default 10/50/30/10)",
  },
  version: "财预〔2020〕10号",
  execution: { points: 10, capAt100: true },
  groups: [
    { level1: "output", points: 50 },
    { level1: "effect", points: 30 },
    { level1: "satisfaction", points: 10 },
  ],
  whenMissing: { satisfaction: { output: 5, effect: 5 } },
  pointsRule: "scale-to-groups",
  recognition: { headers: ["分值"], kinds: ["project-self-evaluation", "department-expenditure-self-evaluation"] },
  ...COMMON,
};

/** 部门整体绩效自评 as in seed 002 (武汉): 20 × 执行率 + 年度目标 80 = 产出 40 + 效益 30 + 满意度 10. */
export const DEPARTMENT_2080_SCHEME: ScoringScheme = {
  id: "department-2080",
  name: {
    zh: "部门整体绩效自评（20×执行率 + 产出40、效益30、满意度10）",
    en: "Department-overall self-evaluation (20 × rate + 40/30/10)",
  },
  version: "武汉 2020（种子 002）",
  aliases: ["department-20-80"],
  execution: { points: 20, capAt100: true },
  groups: [
    { level1: "output", points: 40 },
    { level1: "effect", points: 30 },
    { level1: "satisfaction", points: 10 },
  ],
  pointsRule: "scale-to-groups",
  recognition: { headers: ["年度目标", "预算执行率"], kinds: ["department-self-evaluation"] },
  ...COMMON,
};

/**
 * 项目支出绩效自评 with 预算执行率 20 and the year's indicators 80 (湖北 财政项目绩效自评表: 预算执行情况 20 分,
 * 年度绩效目标 80 分; 云南 forms alike). The unit sets the level-1 weights, so only the indicators' total is fixed;
 * known by the 20 points the form gives the rate (stated, or its stated score over the rate).
 */
export const PROJECT_2080_SCHEME: ScoringScheme = {
  id: "project-2080",
  name: {
    zh: "项目支出绩效自评（20×执行率 + 绩效指标80）",
    en: "Project self-evaluation (20 × rate + indicators 80)",
  },
  version: "湖北 2021",
  execution: { points: 20, capAt100: true },
  groups: [
    { level1: "output", points: 40 },
    { level1: "effect", points: 30 },
    { level1: "satisfaction", points: 10 },
  ],
  whenMissing: { satisfaction: { output: 5, effect: 5 } },
  pointsRule: "scale-to-total",
  recognition: { kinds: ["project-self-evaluation"] },
  ...COMMON,
};

/** 四川: a 权重 column adding up to 90 over the indicators, 预算执行率 10; level-1 weights set by the unit. */
export const SICHUAN_PROJECT_SCHEME: ScoringScheme = {
  id: "sichuan-project",
  name: {
    zh: "项目支出绩效自评（四川式：指标权重合计90、预算执行率10）",
    en: "Project self-evaluation (Sichuan style: indicator weights 90 + execution 10)",
  },
  version: "四川 2021",
  execution: { points: 10, capAt100: true },
  groups: [
    { level1: "output", points: 50 },
    { level1: "effect", points: 30 },
    { level1: "satisfaction", points: 10 },
  ],
  whenMissing: { satisfaction: { output: 5, effect: 5 } },
  pointsRule: "scale-to-total",
  recognition: { headers: ["权重", "指标权重", "指标性质"], kinds: ["project-self-evaluation"] },
  ...COMMON,
};

/** 重庆: 得分系数 (0–1) × 分值 per indicator; 执行率权重 10 and 执行率得分; 产出 50, 效益 30, 满意度 10. */
export const CHONGQING_PROJECT_SCHEME: ScoringScheme = {
  id: "chongqing-project",
  name: {
    zh: "项目支出绩效自评（重庆式：得分系数 × 分值，执行率权重10）",
    en: "Project self-evaluation (Chongqing style: score coefficient × points, execution weight 10)",
  },
  version: "重庆 2021",
  execution: { points: 10, capAt100: true },
  groups: [
    { level1: "output", points: 50 },
    { level1: "effect", points: 30 },
    { level1: "satisfaction", points: 10 },
  ],
  whenMissing: { satisfaction: { output: 5, effect: 5 } },
  pointsRule: "scale-to-groups",
  indicatorScore: "coefficient",
  recognition: { headers: ["得分系数", "执行率权重", "执行率得分"], kinds: ["project-self-evaluation"] },
  ...COMMON,
};

/**
 * 宁夏 (部门整体 / 评价框架): 决策 20, 管理（过程）20 of which 预算执行率 10, 产出 30, 效益 30 = 100; 满意度 indicators
 * are counted in 效益 (服务对象满意度 is a level-2 of 效益 there).
 */
export const NINGXIA_DEPARTMENT_SCHEME: ScoringScheme = {
  id: "ningxia-department",
  name: {
    zh: "部门整体绩效评价（宁夏式：决策20、管理20（含预算执行率10）、产出30、效益30）",
    en: "Department evaluation (Ningxia style: decision 20, process 20 incl. execution 10, output 30, effect 30)",
  },
  version: "宁夏 2020",
  execution: { points: 10, capAt100: true },
  executionWithin: "process",
  groups: [
    { level1: "decision", points: 20 },
    { level1: "process", points: 10 },
    { level1: "output", points: 30 },
    { level1: "effect", points: 30 },
  ],
  folds: { satisfaction: "effect" },
  pointsRule: "scale-to-groups",
  recognition: {
    headers: ["决策", "管理", "过程"],
    kinds: ["department-self-evaluation", "department-expenditure-self-evaluation", "project-self-evaluation"],
  },
  ...COMMON,
};

export const BUILTIN_SCHEMES: Record<string, ScoringScheme> = {
  [NATIONAL_PROJECT_SCHEME.id]: NATIONAL_PROJECT_SCHEME,
  [DEPARTMENT_2080_SCHEME.id]: DEPARTMENT_2080_SCHEME,
  [SICHUAN_PROJECT_SCHEME.id]: SICHUAN_PROJECT_SCHEME,
  [PROJECT_2080_SCHEME.id]: PROJECT_2080_SCHEME,
  [CHONGQING_PROJECT_SCHEME.id]: CHONGQING_PROJECT_SCHEME,
  [NINGXIA_DEPARTMENT_SCHEME.id]: NINGXIA_DEPARTMENT_SCHEME,
};

function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== "object" || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}

/**
 * The built-in schemes (and the tiers and grades they share) are frozen through and through: what is derived from
 * one (its validity, its JSON definition) can then be worked out once per scheme (score.ts) and never go stale.
 */
export const FROZEN_SCHEMES: ReadonlySet<ScoringScheme> = new Set(Object.values(BUILTIN_SCHEMES));
for (const s of FROZEN_SCHEMES) deepFreeze(s);
