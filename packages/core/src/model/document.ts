/**
 * The normalised import document: what `importDocument` makes of any recognised source, whatever its layout.
 * These zod schemas are the single source of truth (types are inferred from them); docs/import-format.md
 * describes them field by field.
 *
 * Every value keeps `text`, exactly as written, beside its parsed form. Amounts are exact: `fen` is a whole
 * number of fen (分) written as decimal text (a bigint in code), `yuan` the same amount in 元 as exact decimal
 * text. Nothing is a float except the numbers inside a parsed target value (core's TargetValue).
 */
import { z } from "zod";

export const KINDS = [
  "duty-activity-goals",
  "project-goals",
  "project-self-evaluation",
  "department-self-evaluation",
  "department-expenditure-self-evaluation",
  "budget-disclosure",
  "three-public",
  "evaluation-report",
  "final-account-disclosure",
] as const;
export const KindSchema = z.enum(KINDS);
export type Kind = z.infer<typeof KindSchema>;

export const KIND_NAMES: Record<Kind, { zh: string; en: string }> = {
  "duty-activity-goals": { zh: "部门职责-工作活动绩效目标表", en: "duty → activity goal table" },
  "project-goals": { zh: "项目支出绩效目标表", en: "project goal table" },
  "project-self-evaluation": { zh: "项目支出绩效自评表", en: "project self-evaluation" },
  "department-self-evaluation": { zh: "部门整体绩效自评（表及报告）", en: "department-overall self-evaluation" },
  "department-expenditure-self-evaluation": {
    zh: "部门整体支出绩效自评表",
    en: "department-overall expenditure self-evaluation",
  },
  "budget-disclosure": { zh: "部门预算信息公开", en: "budget disclosure" },
  "three-public": {
    zh: "“三公”经费预算／决算说明",
    en: "三公 (three public expenses) budget / final-account statement",
  },
  "evaluation-report": { zh: "绩效评价（自评）报告", en: "narrative performance evaluation report" },
  "final-account-disclosure": {
    zh: "部门预算／决算公开（公开表及情况说明）",
    en: "department budget / final-account disclosure (standard tables and narrative)",
  },
};

export const LocationSchema = z.object({
  file: z.string(),
  sheet: z.string().optional(),
  /** Table number in the source (1-based). */
  table: z.number().int().optional(),
  page: z.number().int().optional(),
  /** Source row: the line number for text sources, the sheet row for xlsx, the table row otherwise. */
  row: z.number().int().optional(),
  /** Column (1-based) or header name. */
  column: z.union([z.number().int(), z.string()]).optional(),
  /** The normalised field the value went to, e.g. `target`. */
  field: z.string().optional(),
});
export type ImportLocation = z.infer<typeof LocationSchema>;

export const ProblemSchema = z.object({
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  /** Plain Chinese. */
  message: z.string(),
  messageEn: z.string(),
  location: LocationSchema,
});
export type Problem = z.infer<typeof ProblemSchema>;

/** An amount of money as written, with its exact value when it could be read. */
export const AmountSchema = z.object({
  text: z.string(),
  /** The unit the text is in: stated in the cell, the header, the table's 单位 line, or the layout's rule. */
  unit: z.enum(["元", "万元"]),
  /** Exact amount in fen (分), as decimal integer text. Absent when the text is not an amount (`**`). */
  fen: z
    .string()
    .regex(/^-?\d+$/)
    .optional(),
  /** The same in 元, exact decimal text with two decimals (`4850.00`). */
  yuan: z.string().optional(),
});
export type Amount = z.infer<typeof AmountSchema>;

/** A plain number (score, weight, quantity) as written, with its exact decimal value when it is one. */
export const NumberSchema = z.object({ text: z.string(), value: z.string().optional() });
export type NumberValue = z.infer<typeof NumberSchema>;

/** A percentage as written (`88.3%`, `99.32` in a 执行率(%) column), with the exact percent value. */
export const PercentSchema = z.object({ text: z.string(), percent: z.string().optional() });
export type PercentValue = z.infer<typeof PercentSchema>;

/** core's TargetValue (packages/core/src/targets/types.ts). */
export const TargetValueSchema = z.object({
  kind: z.enum(["numeric", "range", "deadline", "frequency", "qualitative"]),
  text: z.string(),
  op: z.enum([">=", ">", "=", "<", "<="]).optional(),
  value: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  date: z.string().optional(),
  inclusive: z.boolean().optional(),
  period: z.enum(["day", "week", "month", "quarter", "year"]).optional(),
  quality: z.enum(["meets", "improves", "satisfied", "none", "other"]).optional(),
  note: z.string().optional(),
  label: z.string().optional(),
  get parts() {
    return z.array(TargetValueSchema).optional();
  },
});
export type ParsedTarget = z.infer<typeof TargetValueSchema>;

/** A target or actual value (指标值, 实际完成值, a tier standard): the text and what was understood of it. */
export const TargetSchema = z.object({ text: z.string(), parsed: TargetValueSchema.optional() });
export type Target = z.infer<typeof TargetSchema>;

const BoundSchema = z.object({ value: z.number(), inclusive: z.boolean() });

/** One tier standard: the cell as written, core's reading of it, and the values that reach the tier. */
export const TierSchema = TargetSchema.extend({
  status: z.enum(["numeric", "words", "compound", "empty", "placeholder", "unreadable"]).optional(),
  lower: BoundSchema.optional(),
  upper: BoundSchema.optional(),
});
export type Tier = z.infer<typeof TierSchema>;

/** Four-tier standards 优 / 良 / 中 / 差, with the row's direction and unit as core reads them. */
export const TiersSchema = z.object({
  excellent: TierSchema,
  good: TierSchema,
  fair: TierSchema,
  poor: TierSchema,
  direction: z.enum(["higher", "lower"]).optional(),
  unit: z.string().optional(),
  fractionsAsPercent: z.boolean().optional(),
});
export type Tiers = z.infer<typeof TiersSchema>;

/** One indicator (三级指标) of any layout; fields absent when the layout has no such column. */
export const IndicatorSchema = z.object({
  level1: z.string().optional(),
  level2: z.string().optional(),
  /** The 三级指标 / 绩效指标 name, whitespace tidied; `nameText` when the written form differs. */
  name: z.string(),
  nameText: z.string().optional(),
  description: z.string().optional(),
  /** 指标值 / 年初目标值 / 年度指标值. */
  target: TargetSchema.optional(),
  /** 度量单位 / 计量单位 column. */
  unit: z.string().optional(),
  /** 指标性质 code as written (seed 003: 001–004) and the operator it stands for when known. */
  operatorCode: z.string().optional(),
  operator: z.string().optional(),
  /** 分值 / 权重. */
  weight: NumberSchema.optional(),
  /** 实际完成值 / 全年完成值. */
  actual: TargetSchema.optional(),
  /** The stated score 得分, kept even when it disagrees with the arithmetic. */
  score: NumberSchema.optional(),
  deviation: z.string().optional(),
  tiers: TiersSchema.optional(),
  location: LocationSchema,
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const OrganisationRefSchema = z.object({
  code: z.string().optional(),
  name: z.string(),
  /** As written (`312007 赵县交警大队`). */
  text: z.string(),
});

export const ActivitySchema = z.object({
  name: z.string(),
  /** The name cell as written (with its indentation). */
  text: z.string(),
  budget: AmountSchema.optional(),
  content: z.string().optional(),
  goal: z.string().optional(),
  indicators: z.array(IndicatorSchema),
  location: LocationSchema,
});
export type Activity = z.infer<typeof ActivitySchema>;

export const DutySchema = ActivitySchema.extend({ activities: z.array(ActivitySchema) });
export type Duty = z.infer<typeof DutySchema>;

/** 部门职责-工作活动绩效目标表: one per unit. Indicators of a duty without activities sit on the duty. */
export const DutyGoalTableSchema = z.object({
  organisation: OrganisationRefSchema.optional(),
  /** `单位：万元` when written; amounts of this table are in 万元 either way. */
  unitNote: z.string().optional(),
  duties: z.array(DutySchema),
  location: LocationSchema,
});
export type DutyGoalTable = z.infer<typeof DutyGoalTableSchema>;

/** A project: from a goal table (seed 004), a self-evaluation, or a report (seed 002). */
export const ProjectSchema = z.object({
  name: z.string(),
  /** The heading above the tables (`1.2024年度教育训练绩效目标表`). */
  title: z.string().optional(),
  organisation: OrganisationRefSchema.optional(),
  /** 预算数 / 年度资金申请总额 / 全年预算数. */
  budget: AmountSchema.optional(),
  funding: z
    .object({
      fiscal: AmountSchema.optional(),
      carryOver: AmountSchema.optional(),
      other: AmountSchema.optional(),
    })
    .optional(),
  /** 全年执行数 / 完成 … 万元. */
  executed: AmountSchema.optional(),
  /** 自评 … 分 (seed 002's report). */
  statedScore: NumberSchema.optional(),
  purpose: z.string().optional(),
  goal: z.string().optional(),
  /** Other header fields as written (项目属性, 实施单位, 计划开始日期 …). */
  fields: z.record(z.string(), z.string()).optional(),
  indicators: z.array(IndicatorSchema),
  location: LocationSchema,
});
export type Project = z.infer<typeof ProjectSchema>;

/** A 资金 line of a self-evaluation (年度资金总额, 其中：当年财政拨款 …). */
export const FundLineSchema = z.object({
  label: z.string(),
  initial: AmountSchema.optional(),
  adjustment: AmountSchema.optional(),
  budget: AmountSchema.optional(),
  executed: AmountSchema.optional(),
  weight: NumberSchema.optional(),
  rate: PercentSchema.optional(),
  score: NumberSchema.optional(),
  note: z.string().optional(),
  location: LocationSchema,
});
export type FundLine = z.infer<typeof FundLineSchema>;

/** 项目支出绩效自评表 (national layout, 财预〔2020〕10号). */
export const ProjectSelfEvaluationSchema = z.object({
  name: z.string(),
  department: z.string().optional(),
  implementer: z.string().optional(),
  funds: z.array(FundLineSchema),
  expectedGoal: z.string().optional(),
  actualOutcome: z.string().optional(),
  indicators: z.array(IndicatorSchema),
  totalScore: NumberSchema.optional(),
  location: LocationSchema,
});
export type ProjectSelfEvaluation = z.infer<typeof ProjectSelfEvaluationSchema>;

/** 部门整体绩效自评表 with its report (seed 002). */
export const DepartmentSelfEvaluationSchema = z.object({
  organisation: z.string(),
  year: z.number().int().optional(),
  /** 部门整体绩效自评得分 / 总分 as stated. */
  totalScore: NumberSchema.optional(),
  basicSpending: AmountSchema.optional(),
  projectSpending: AmountSchema.optional(),
  budget: FundLineSchema.optional(),
  /** 预算执行情况 points (20) and the rule as written (`20分*执行率`). */
  budgetPoints: NumberSchema.optional(),
  /** 年度目标 points (80) and stated score (74). */
  goalPoints: NumberSchema.optional(),
  goalScore: NumberSchema.optional(),
  /** Points per 一级指标 as stated (`(40分)`, `(30分)`, `(10分)`). */
  sections: z.array(z.object({ level1: z.string(), points: NumberSchema.optional() })),
  indicators: z.array(IndicatorSchema),
  deviation: z.string().optional(),
  improvement: z.string().optional(),
  /** Projects with budget and execution as the report states them. */
  projects: z.array(ProjectSchema),
  /** The report's headline (纳入绩效考核项目预算数 … 执行数 … 执行率 …). */
  report: z
    .object({
      budget: AmountSchema.optional(),
      executed: AmountSchema.optional(),
      rate: PercentSchema.optional(),
      statedScore: NumberSchema.optional(),
      projectCount: z.number().int().optional(),
    })
    .optional(),
  location: LocationSchema,
});
export type DepartmentSelfEvaluation = z.infer<typeof DepartmentSelfEvaluationSchema>;

/** 部门整体支出绩效自评表 with 预算调整 and 指标性质 codes (seed 003). */
export const DepartmentExpenditureEvaluationSchema = z.object({
  organisation: z.string(),
  year: z.number().int().optional(),
  /** The unit the header names (`部门预算资金(万元)`) and the unit the amounts were read in. */
  statedUnit: z.string().optional(),
  amountUnit: z.enum(["元", "万元"]),
  budgetRows: z.array(
    FundLineSchema.extend({
      category: z.enum(["total", "basic", "project", "fiscal", "other", "carryOver", "unknown"]),
    }),
  ),
  goal: z.string().optional(),
  indicators: z.array(IndicatorSchema),
  notes: z.array(z.string()),
  location: LocationSchema,
});
export type DepartmentExpenditureEvaluation = z.infer<typeof DepartmentExpenditureEvaluationSchema>;

export const ProcurementLineSchema = z.object({
  /** The group or source the line is under (`一、专用技术装备`, a project name). */
  group: z.string().optional(),
  project: z.string().optional(),
  projectBudget: AmountSchema.optional(),
  number: z.string().optional(),
  item: z.string(),
  catalog: z.string().optional(),
  quantityUnit: z.string().optional(),
  quantity: NumberSchema.optional(),
  unitPrice: AmountSchema.optional(),
  amount: AmountSchema.optional(),
  funding: z.record(z.string(), AmountSchema).optional(),
  location: LocationSchema,
});

export const ProcurementTableSchema = z.object({
  organisation: z.string().optional(),
  region: z.string().optional(),
  /** Stated total lines (合计 / 小计 / a region's total) as written. */
  totals: z.array(z.object({ label: z.string(), amount: AmountSchema, location: LocationSchema })),
  lines: z.array(ProcurementLineSchema),
  location: LocationSchema,
});

export const AssetTableSchema = z.object({
  title: z.string(),
  organisation: z.string().optional(),
  asOf: z.string().optional(),
  unit: z.enum(["元", "万元"]),
  total: AmountSchema.optional(),
  lines: z.array(
    z.object({ label: z.string(), quantity: NumberSchema.optional(), amount: AmountSchema, location: LocationSchema }),
  ),
  location: LocationSchema,
});

export const StatedAmountSchema = z.object({ label: z.string(), amount: AmountSchema });

/** 部门预算信息公开 (seed 001): the explanatory text and its tables. Goal tables go to `dutyGoals`. */
export const DisclosureSchema = z.object({
  title: z.string().optional(),
  organisation: z.string().optional(),
  year: z.number().int().optional(),
  duties: z.array(z.object({ number: z.string(), name: z.string(), text: z.string() })),
  units: z.array(
    z.object({
      name: z.string(),
      nature: z.string().optional(),
      rank: z.string().optional(),
      fundingForm: z.string().optional(),
      location: LocationSchema,
    }),
  ),
  overview: z
    .object({
      text: z.string(),
      total: AmountSchema.optional(),
      parts: z.array(StatedAmountSchema),
      priorYearTotal: AmountSchema.optional(),
      comparisons: z.array(
        z.object({ item: z.string(), values: z.array(z.object({ year: z.number(), amount: AmountSchema })) }),
      ),
    })
    .optional(),
  runningCosts: z.object({ text: z.string(), amount: AmountSchema.optional() }).optional(),
  threePublic: z
    .object({
      text: z.string(),
      total: AmountSchema.optional(),
      abroad: AmountSchema.optional(),
      vehicles: AmountSchema.optional(),
      vehicleOperation: AmountSchema.optional(),
      vehiclePurchase: AmountSchema.optional(),
      reception: AmountSchema.optional(),
      /** Year-on-year changes as stated: item, 增加/减少, amount, reason. */
      changes: z.array(
        z.object({
          item: z.string(),
          direction: z.enum(["增加", "减少"]),
          amount: AmountSchema,
          reason: z.string().optional(),
        }),
      ),
    })
    .optional(),
  procurementStated: z.array(StatedAmountSchema),
  procurement: z.array(ProcurementTableSchema),
  assetsStated: z.array(StatedAmountSchema),
  assets: z.array(AssetTableSchema),
  /** Paragraphs by section heading (一、… 九、), as written. */
  sections: z.array(z.object({ heading: z.string(), paragraphs: z.array(z.string()) })),
});
export type Disclosure = z.infer<typeof DisclosureSchema>;

/**
 * A figure read from a sentence or a table cell, with where it is and how it came about: `stated` (written
 * there), `computed` (the sum of stated parts, e.g. a vehicle 小计 that is not printed) or `derived` (a prior
 * year worked back from a stated change: from an amount, exact; from a percentage, rounded half-up to the fen).
 * A derived figure is never a stated one.
 */
export const NarrativeFigureSchema = z.object({
  amount: AmountSchema,
  origin: z.enum(["stated", "computed", "derived"]),
  /** For a derived figure: what it was derived from (`percent`: rounded; `amount`, `same` (持平): exact). */
  from: z.enum(["amount", "percent", "same", "statement"]).optional(),
  location: LocationSchema,
});
export type NarrativeFigure = z.infer<typeof NarrativeFigureSchema>;

export const THREE_PUBLIC_ITEMS = [
  "total",
  "abroad",
  "reception",
  "vehicle",
  "vehiclePurchase",
  "vehicleRunning",
] as const;
export const ThreePublicItemSchema = z.enum(THREE_PUBLIC_ITEMS);
export type ThreePublicItem = z.infer<typeof ThreePublicItemSchema>;

/** A stated year-on-year change: 比上年减少49万元 / 较2015年下降2.3% / 与上年持平, and the reason given. */
export const NarrativeChangeSchema = z.object({
  direction: z.enum(["increase", "decrease", "same"]),
  amount: AmountSchema.optional(),
  percent: PercentSchema.optional(),
  /** What it is compared with, as written (`上年`, `2015年`, `2021年预算`). */
  comparedWith: z.string(),
  comparedYear: z.number().int().optional(),
  /** `基本持平`, `减少1271万余元`: roughly, so no prior year is derived from it and it is not checked. */
  approximate: z.boolean().optional(),
  reason: z.string().optional(),
  location: LocationSchema,
});
export type NarrativeChange = z.infer<typeof NarrativeChangeSchema>;

/** One 三公 item of a statement: this year's figure, the change stated and the prior year (stated or derived). */
export const ThreePublicLineSchema = z.object({
  figure: NarrativeFigureSchema.optional(),
  change: NarrativeChangeSchema.optional(),
  prior: NarrativeFigureSchema.extend({ year: z.number().int().optional() }).optional(),
});
export type ThreePublicLine = z.infer<typeof ThreePublicLineSchema>;

/** 三公经费 of one basis (预算 budget / 决算 final) and one year; budget and final are never mixed. */
export const ThreePublicStatementSchema = z.object({
  basis: z.enum(["budget", "final"]),
  year: z.number().int().optional(),
  items: z.object({
    total: ThreePublicLineSchema.optional(),
    abroad: ThreePublicLineSchema.optional(),
    reception: ThreePublicLineSchema.optional(),
    vehicle: ThreePublicLineSchema.optional(),
    vehiclePurchase: ThreePublicLineSchema.optional(),
    vehicleRunning: ThreePublicLineSchema.optional(),
  }),
  location: LocationSchema,
});
export type ThreePublicStatement = z.infer<typeof ThreePublicStatementSchema>;

/** A 三公经费 statement (prose and/or tables): its statements per basis and year. */
export const ThreePublicSchema = z.object({
  title: z.string().optional(),
  organisation: z.string().optional(),
  statements: z.array(ThreePublicStatementSchema),
});
export type ThreePublic = z.infer<typeof ThreePublicSchema>;

/** A narrative 绩效评价（自评）报告: figures read from its sentences, each with its location. */
export const EvaluationReportSchema = z.object({
  title: z.string().optional(),
  organisation: z.string().optional(),
  year: z.number().int().optional(),
  /** 项目支出 or 部门整体支出, from the title. */
  scope: z.enum(["project", "department", "unknown"]),
  initialBudget: NarrativeFigureSchema.optional(),
  budget: NarrativeFigureSchema.optional(),
  executed: NarrativeFigureSchema.optional(),
  rate: z.object({ percent: PercentSchema, location: LocationSchema }).optional(),
  score: z.object({ value: NumberSchema, max: NumberSchema.optional(), location: LocationSchema }).optional(),
  grade: z.object({ text: z.string(), location: LocationSchema }).optional(),
  /** `共开展4个项目` and the names listed after it. */
  projectCount: z.object({ stated: z.number().int(), text: z.string(), location: LocationSchema }).optional(),
  projectNames: z.array(z.object({ name: z.string(), location: LocationSchema })),
  /** Budget / executed / rate stated together for one project or part. */
  projects: z.array(
    z.object({
      name: z.string().optional(),
      budget: NarrativeFigureSchema.optional(),
      executed: NarrativeFigureSchema.optional(),
      rate: z.object({ percent: PercentSchema, location: LocationSchema }).optional(),
      location: LocationSchema,
    }),
  ),
  /** Score parts as stated (投入 15 / 11.54 …). */
  sections: z.array(
    z.object({ label: z.string(), points: NumberSchema.optional(), score: NumberSchema, location: LocationSchema }),
  ),
});
export type EvaluationReport = z.infer<typeof EvaluationReportSchema>;

/** The standard tables of a 部门预算 / 部门决算 公开 (national names and their local variants). */
export const DISCLOSURE_TABLE_KINDS = [
  "summary",
  "income",
  "expenditure",
  "fiscalSummary",
  "generalExpenditure",
  "basicExpenditure",
  "threePublic",
  "governmentFund",
  "stateCapital",
  "projectExpenditure",
  /** 机关运行经费支出表 (some local templates). */
  "runningCosts",
  /** 政府采购（预算）表 / 政府采购情况表. */
  "procurement",
  /** 国有资产占用情况表 / 固定资产占用情况表 (数量 and 金额 columns). */
  "assets",
] as const;
export const DisclosureTableKindSchema = z.enum(DISCLOSURE_TABLE_KINDS);
export type DisclosureTableKind = z.infer<typeof DisclosureTableKindSchema>;

/** One amount cell of a disclosure table: its column header (joined over header rows) and the amount. */
export const DisclosureCellSchema = z.object({
  column: z.string(),
  amount: AmountSchema,
  location: LocationSchema,
});

/** One row of a disclosure table; two-sided tables (收支总表) give each side its own row. */
export const DisclosureRowSchema = z.object({
  label: z.string(),
  /** 功能分类 / 经济分类 code (`204`, `20402`), when the row has one. */
  code: z.string().optional(),
  /** The side of a two-sided table: 收入 (left) or 支出 (right). */
  side: z.enum(["income", "expenditure"]).optional(),
  /** 合计 / 总计 / 小计 rows, and the 本年 totals. */
  total: z.enum(["total", "grandTotal", "subtotal"]).optional(),
  cells: z.array(DisclosureCellSchema),
  location: LocationSchema,
});
export type DisclosureRow = z.infer<typeof DisclosureRowSchema>;

export const DisclosureTableSchema = z.object({
  kind: DisclosureTableKindSchema,
  /** The table's title as written (`一般公共预算财政拨款“三公”经费支出决算表`). */
  title: z.string(),
  year: z.number().int().optional(),
  /** The unit stated for the table (`单位：万元`); absent when none is stated (then amounts are read in 元). */
  unit: z.enum(["元", "万元"]).optional(),
  /** The unit (organisation) named in the table's header line (`部门：…`, `编制单位：…`). */
  organisation: z.object({ text: z.string(), location: LocationSchema }).optional(),
  /** Amount columns, as headed. */
  columns: z.array(z.string()),
  rows: z.array(DisclosureRowSchema),
  /** No amount in the table (or only zeros). */
  empty: z.boolean(),
  /** The note that says why the table is empty (`本单位无政府性基金…故本表为空`). */
  emptyNote: z.object({ text: z.string(), location: LocationSchema }).optional(),
  /**
   * The rows could not be read with confidence (amounts outside the header's columns, an amount inside a label, no
   * total row): why, in Chinese and English. The rows are then left out — no finding comes from this table, and the
   * review says 未能判断 for it instead.
   */
  unread: z.object({ zh: z.string(), en: z.string() }).optional(),
  location: LocationSchema,
});
export type DisclosureTable = z.infer<typeof DisclosureTableSchema>;

export const DISCLOSURE_FIGURE_ITEMS = [
  "incomeGrandTotal",
  "expenditureGrandTotal",
  "income",
  "expenditure",
  "fiscalIncomeGrandTotal",
  "fiscalExpenditureGrandTotal",
  "fiscalIncome",
  "fiscalExpenditure",
  "generalIncome",
  "generalExpenditure",
  "basicExpenditure",
  "projectExpenditure",
  "generalBasicExpenditure",
  "personnel",
  "publicUse",
  "threePublicTotal",
  "abroad",
  "vehicle",
  "vehiclePurchase",
  "vehicleRunning",
  "reception",
  "runningCosts",
] as const;
export const DisclosureFigureItemSchema = z.enum(DISCLOSURE_FIGURE_ITEMS);
export type DisclosureFigureItem = z.infer<typeof DisclosureFigureItemSchema>;

/** A figure the 情况说明 states: what it is, on which basis (预算 or 决算), as written, where. */
export const DisclosureFigureSchema = z.object({
  item: DisclosureFigureItemSchema,
  basis: z.enum(["budget", "final"]),
  /** The words it was read from (`本年支出合计`, `公务接待费支出决算`). */
  label: z.string(),
  amount: AmountSchema,
  location: LocationSchema,
});
export type DisclosureFigure = z.infer<typeof DisclosureFigureSchema>;

/**
 * A statement comparing two figures in words: 决算数大于预算数 (`against: budget`), 比上年增加…万元 (`against:
 * prior`), 完成预算的87.17% (`percent` of the budget), with the item it is about when the sentence names one.
 */
export const DisclosureComparisonSchema = z.object({
  item: DisclosureFigureItemSchema.optional(),
  against: z.enum(["budget", "prior"]),
  word: z.string(),
  direction: z.enum(["increase", "decrease", "same"]).optional(),
  amount: AmountSchema.optional(),
  percent: PercentSchema.optional(),
  /** The figure the sentence states for the item (this year's / the 决算), as read. */
  current: AmountSchema.optional(),
  text: z.string(),
  /** The reason given for the change, in its sentence or the sentence right after it (`主要原因是…`). */
  reason: z.string().optional(),
  location: LocationSchema,
});
export type DisclosureComparison = z.infer<typeof DisclosureComparisonSchema>;

/** An amount the narrative states in a statement (政府采购, 国有资产), with its place. */
const PlacedAmountSchema = z.object({ amount: AmountSchema, location: LocationSchema });
/** A count the narrative states (`共有车辆35辆`, `执法执勤用车30辆`), with its words and place. */
const PlacedCountSchema = z.object({ label: z.string(), count: z.number().int(), location: LocationSchema });

/**
 * The 政府采购 statement of a 情况说明: `政府采购支出总额120万元，其中：货物80万元、工程0万元、服务40万元；授予中小企业
 * 合同金额100万元，占政府采购支出总额的83.33%，其中授予小微企业合同金额60万元，占…的60%`.
 */
export const DisclosureProcurementSchema = z.object({
  text: z.string(),
  location: LocationSchema,
  total: PlacedAmountSchema.optional(),
  goods: PlacedAmountSchema.optional(),
  works: PlacedAmountSchema.optional(),
  services: PlacedAmountSchema.optional(),
  /** 授予中小企业合同金额, with its stated share of `total`. */
  sme: PlacedAmountSchema.extend({ percent: PercentSchema.optional() }).optional(),
  /** 授予小微企业合同金额, with its stated share and what it is a share of (the total or the 中小企业 amount). */
  small: PlacedAmountSchema.extend({ percent: PercentSchema.optional(), of: z.enum(["total", "sme"]) }).optional(),
});
export type DisclosureProcurement = z.infer<typeof DisclosureProcurementSchema>;

/**
 * The 国有资产占用 statement: `截至2022年12月31日，本部门共有车辆35辆，其中：…用车2辆、执法执勤用车30辆…`, and
 * `国有资产总额为853.46万元`.
 */
export const DisclosureAssetsSchema = z.object({
  text: z.string(),
  location: LocationSchema,
  /** 资产总额 as stated. */
  total: PlacedAmountSchema.optional(),
  vehicles: PlacedCountSchema.optional(),
  /** The kinds of vehicle the sentence lists after its total (`其中：…`). */
  vehicleParts: z.array(PlacedCountSchema),
});
export type DisclosureAssets = z.infer<typeof DisclosureAssetsSchema>;

/** 部门预算公开 / 部门决算公开 with the standard tables (kind `final-account-disclosure`). */
export const FinalAccountDisclosureSchema = z.object({
  basis: z.enum(["budget", "final"]),
  /**
   * `threePublic`: not a whole 公开 but a page holding only its 三公 table (a 三公 statement, kind `three-public`):
   * the table's own rules run, the rules of the whole (required tables, their order, 绩效 sections) do not.
   */
  part: z.literal("threePublic").optional(),
  title: z.string().optional(),
  organisation: z.string().optional(),
  year: z.number().int().optional(),
  /** The table of contents, recognised and skipped (its lines are not the tables). */
  contents: z
    .object({
      entries: z.array(z.string()),
      /** The standard tables the contents lists, in its order (entries that title a table). */
      tables: z.array(z.object({ kind: DisclosureTableKindSchema, text: z.string() })).optional(),
      location: LocationSchema,
    })
    .optional(),
  /** Headings of parts, sections and tables, with the year they name. */
  headings: z.array(z.object({ text: z.string(), year: z.number().int().optional(), location: LocationSchema })),
  /** `截至2022年12月31日` / `2022年末` statements. */
  asOf: z.array(z.object({ text: z.string(), year: z.number().int(), location: LocationSchema })),
  tables: z.array(DisclosureTableSchema),
  /** Figures the narrative (情况说明) states, each with its location. */
  figures: z.array(DisclosureFigureSchema),
  comparisons: z.array(DisclosureComparisonSchema),
  /**
   * Shares the narrative states (`其他收入38.32万元，占1.28%`): the amount, the percentage, and the total it is a
   * share of (the total the phrase names, `占收入合计…`, else the paragraph's first total before it).
   */
  shares: z
    .array(
      z.object({
        amount: AmountSchema,
        percent: PercentSchema,
        base: AmountSchema,
        baseLabel: z.string(),
        text: z.string(),
        location: LocationSchema,
      }),
    )
    .optional(),
  /** The 绩效目标 / 绩效自评 / 预算绩效 section of the narrative, when there is one. */
  performance: z.object({ text: z.string(), location: LocationSchema }).optional(),
  /** Notes saying a table is empty (`本单位无政府性基金…`), by the table kind they name. */
  emptyNotes: z.array(z.object({ kind: DisclosureTableKindSchema, text: z.string(), location: LocationSchema })),
  procurement: DisclosureProcurementSchema.optional(),
  assets: DisclosureAssetsSchema.optional(),
});
export type FinalAccountDisclosure = z.infer<typeof FinalAccountDisclosureSchema>;

export const OrganisationSchema = z.object({
  name: z.string(),
  code: z.string().optional(),
  /** Other names the same unit goes by in the document. */
  aliases: z.array(z.string()).optional(),
});

/** Rows or paragraphs that no recogniser took, each also reported as a problem. */
export const UnmappedSchema = z.object({ text: z.string(), location: LocationSchema });

/**
 * How much of the document was read (packages/documents/src/import/coverage.ts): content lines are non-empty
 * table rows and paragraphs that carry a figure; `share` and `threshold` are percentages with one decimal.
 * Below the threshold, or with no figure read, review and scoring give no verdict (未能判断).
 */
export const CoverageSchema = z.object({
  lines: z.object({ total: z.number().int(), read: z.number().int() }),
  /** Paragraphs of words only, kept whole as text and not counted in `lines`. */
  textLines: z.number().int(),
  tables: z.object({ total: z.number().int(), read: z.number().int() }),
  share: z.string(),
  threshold: z.string(),
  figures: z.number().int(),
  sufficient: z.boolean(),
  /** Why the document cannot be judged (empty when `sufficient`). */
  reasons: z.array(z.object({ zh: z.string(), en: z.string() })),
  /** Tables, rows and runs of lines left unread, with where they are and how they start. */
  unread: z.array(
    z.object({
      what: z.enum(["table", "rows", "lines"]),
      location: LocationSchema,
      /** The last source row of the run, when it is more than one. */
      toRow: z.number().int().optional(),
      lines: z.number().int(),
      text: z.string(),
    }),
  ),
  /** Unread places not listed (past the first hundred). */
  unreadOmitted: z.number().int().optional(),
});
export type Coverage = z.infer<typeof CoverageSchema>;

export const ImportedDocumentSchema = z.object({
  file: z.string(),
  format: z.string(),
  kinds: z.array(KindSchema),
  title: z.string().optional(),
  organisations: z.array(OrganisationSchema),
  dutyGoals: z.array(DutyGoalTableSchema),
  projects: z.array(ProjectSchema),
  projectSelfEvaluations: z.array(ProjectSelfEvaluationSchema),
  departmentSelfEvaluation: DepartmentSelfEvaluationSchema.optional(),
  departmentExpenditureEvaluation: DepartmentExpenditureEvaluationSchema.optional(),
  disclosure: DisclosureSchema.optional(),
  threePublic: ThreePublicSchema.optional(),
  evaluationReport: EvaluationReportSchema.optional(),
  finalAccount: FinalAccountDisclosureSchema.optional(),
  /** Every paragraph outside tables, as written, with its source line: report text is kept whole. */
  paragraphs: z.array(z.object({ text: z.string(), location: LocationSchema })),
  unmapped: z.array(UnmappedSchema),
  /** How much of the source was read; absent for documents not read from a file (stored records). */
  coverage: CoverageSchema.optional(),
});
export type ImportedDocument = z.infer<typeof ImportedDocumentSchema>;

export const SummarySchema = z.object({
  organisations: z.number().int(),
  duties: z.number().int(),
  activities: z.number().int(),
  projects: z.number().int(),
  indicators: z.number().int(),
  /** The document's budget total, exact 元 text (two decimals); absent when none is stated. */
  budgetTotalYuan: z.string().optional(),
  budgetTotalWanYuan: z.string().optional(),
  /** What the total is: `预算确定数合计`, `项目预算数合计` … */
  budgetTotalBasis: z.string().optional(),
  problems: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
});
export type Summary = z.infer<typeof SummarySchema>;

export const ImportResultSchema = z.object({
  kind: KindSchema.nullable(),
  kinds: z.array(KindSchema),
  summary: SummarySchema,
  problems: z.array(ProblemSchema),
  document: ImportedDocumentSchema,
  coverage: CoverageSchema,
  /** Evidence for each kind the readers know (confidence 0–100 and the reasons), most confident first. */
  recognition: z.array(
    z.object({
      kind: KindSchema,
      recognised: z.boolean(),
      confidence: z.number().int(),
      reasons: z.array(z.object({ zh: z.string(), en: z.string() })),
    }),
  ),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
