/**
 * The official layouts: each turns (part of) a normalised document into the page model. What each form holds
 * and where is decided here once, so that xlsx, docx and PDF hold the same cells; the headers are the ones the
 * forms print (and the importers recognise, so that what Jixiao writes reads back to the same data).
 */
import type {
  Amount,
  DepartmentExpenditureEvaluation,
  DepartmentSelfEvaluation,
  Disclosure,
  DutyGoalTable,
  ImportedDocument,
  Indicator,
  NumberValue,
  PercentValue,
  Project,
  ProjectSelfEvaluation,
} from "@jixiao/core/model";
import { totalOf } from "./cells.ts";
import { amountNumber, amountText, cleanText, numberText, percentNumber, percentText, plainNumber } from "./format.ts";
import { type GridColumn, gridRows, level1Run, level2Run } from "./grid.ts";
import {
  c,
  checkTable,
  p,
  row,
  type ScoredDocument,
  type ScoreSheet,
  type WBlock,
  type WCell,
  type WDocument,
  type WSection,
  type WTable,
} from "./model.ts";

/** The layouts Jixiao writes (`--as`). */
export const LAYOUTS = [
  "project-goals",
  "project-goals-national",
  "duty-activity-goals",
  "department-self-evaluation",
  "department-expenditure-self-evaluation",
  "project-self-evaluation",
  "budget-disclosure",
] as const;
export type Layout = (typeof LAYOUTS)[number];

export const LAYOUT_NAMES: Record<Layout, { zh: string; en: string }> = {
  "project-goals": { zh: "项目绩效目标表", en: "project goal tables" },
  "project-goals-national": { zh: "项目支出绩效目标申报表", en: "project goal declaration (national form)" },
  "duty-activity-goals": { zh: "部门职责-工作活动绩效目标表", en: "duty → activity goal table" },
  "department-self-evaluation": { zh: "部门整体绩效自评表及自评报告", en: "department self-evaluation and report" },
  "department-expenditure-self-evaluation": {
    zh: "部门整体支出绩效自评表",
    en: "department expenditure self-evaluation",
  },
  "project-self-evaluation": { zh: "项目支出绩效自评表", en: "project self-evaluation" },
  "budget-disclosure": { zh: "部门预算信息公开", en: "budget disclosure" },
};

/** The layouts a document has data for, its main kind first. */
export function layoutsFor(doc: ImportedDocument): Layout[] {
  const out: Layout[] = [];
  for (const k of doc.kinds) {
    if (k === "project-goals" && doc.projects.length > 0) out.push("project-goals", "project-goals-national");
    if (k === "duty-activity-goals" && doc.dutyGoals.length > 0) out.push("duty-activity-goals");
    if (k === "department-self-evaluation" && doc.departmentSelfEvaluation) out.push("department-self-evaluation");
    if (k === "department-expenditure-self-evaluation" && doc.departmentExpenditureEvaluation)
      out.push("department-expenditure-self-evaluation");
    if (k === "project-self-evaluation" && doc.projectSelfEvaluations.length > 0) out.push("project-self-evaluation");
    if (k === "budget-disclosure" && doc.disclosure) out.push("budget-disclosure");
  }
  if (doc.dutyGoals.length > 0 && !out.includes("duty-activity-goals")) out.push("duty-activity-goals");
  return out;
}

export function buildLayout(doc: ImportedDocument, layout: Layout): WDocument {
  const clean = (s: string | undefined) => cleanText(s, doc.format);
  let built: WDocument;
  switch (layout) {
    case "project-goals":
      built = projectGoals(doc.projects, clean, false);
      break;
    case "project-goals-national":
      built = projectGoals(doc.projects, clean, true);
      break;
    case "duty-activity-goals":
      built = {
        title: "部门职责-工作活动绩效目标表",
        sections: doc.dutyGoals.map((t, i) => ({
          name: t.organisation?.text ? clean(t.organisation.text) : `职责活动${i + 1}`,
          orientation: "landscape" as const,
          blocks: dutyTableBlocks(t, clean, true),
        })),
      };
      break;
    case "department-self-evaluation":
      built = departmentSelfEvaluation(doc, need(doc.departmentSelfEvaluation, layout), clean);
      break;
    case "department-expenditure-self-evaluation":
      built = departmentExpenditure(need(doc.departmentExpenditureEvaluation, layout), clean);
      break;
    case "project-self-evaluation":
      built = projectSelfEvaluations(
        doc.projectSelfEvaluations,
        clean,
        (doc as ScoredDocument<ImportedDocument>).scoreSheet,
      );
      break;
    case "budget-disclosure":
      built = disclosure(doc, need(doc.disclosure, layout), clean);
      break;
  }
  for (const s of built.sections) for (const b of s.blocks) if (b.type === "table") checkTable(b.table);
  return built;
}

function need<T>(v: T | undefined, layout: Layout): T {
  if (v === undefined) throw new Error(`no data for ${layout}`);
  return v;
}

type Clean = (s: string | undefined) => string;

const H = (text: string, opts: Omit<WCell, "text"> = {}): WCell => c(text, { bold: true, align: "center", ...opts });
const N = (text: string, opts: Omit<WCell, "text"> = {}): WCell => c(text, { numeric: true, align: "right", ...opts });
/** An amount in `unit`: the text with thousands separators, a number cell in xlsx (`#,##0.00`). */
const A = (a: Amount | undefined, unit: "元" | "万元", opts: Omit<WCell, "text"> = {}): WCell => {
  const number = amountNumber(a, unit);
  return N(amountText(a, unit, { grouping: true }), { ...(number ? { number } : {}), ...opts });
};
/** A stated score, points or quantity: the text as stated, a number cell in xlsx when it is a plain number. */
const V = (n: NumberValue | string | undefined, opts: Omit<WCell, "text"> = {}): WCell => {
  const text = typeof n === "string" ? n : numberText(n);
  const number = plainNumber(text);
  return N(text, { ...(number ? { number } : {}), ...opts });
};
/** A stated rate: the text as stated, a percentage cell in xlsx (`88.3%` → 0.883 shown `0.0%`). */
const R = (r: PercentValue | undefined, opts: Omit<WCell, "text"> = {}): WCell => {
  const number = percentNumber(r);
  return N(percentText(r), { ...(number ? { number } : {}), ...opts });
};
/**
 * A numbered title or sheet name when a document holds several (`1、2024年度教育训练绩效目标表`), the bare text when it
 * holds one: never `1.2024年度…`, which reads as a decimal.
 */
export function numbered(index: number, count: number, text: string): string {
  return count > 1 ? `${index + 1}、${text}` : text;
}
const nulls = (n: number): null[] => Array<null>(n).fill(null);
const table = (widths: number[], headerRows: number, rows: (WCell | null)[][], repeatStart = 0): WTable =>
  headerRows > 0 ? { widths, rows, repeat: { start: repeatStart, count: headerRows } } : { widths, rows };

// ---------------------------------------------------------------------------------------------------------------
// 项目绩效目标表 (seed 004) and 项目支出绩效目标申报表 (national)

/** The unit a project's amounts were stated in: its budget's, else its funding's, else 万元. */
function projectUnit(pr: Project): "元" | "万元" {
  const f = pr.funding;
  return (pr.budget ?? f?.fiscal ?? f?.other ?? f?.carryOver)?.unit ?? "万元";
}

function projectGoals(projects: Project[], clean: Clean, national: boolean): WDocument {
  const sections: WSection[] = projects.map((pr, i) => {
    const W = national ? 9 : 7;
    const rows: (WCell | null)[][] = [];
    const title = pr.title
      ? clean(pr.title)
      : national
        ? `项目支出绩效目标申报表`
        : numbered(i, projects.length, `${clean(pr.name)}绩效目标表`);
    // The unit line: the organisation and the money unit — the one the project's amounts were stated in (万元 on
    // the official forms; a table stated in 元 is written in 元, so that it reads back as it was).
    const unit = projectUnit(pr);
    rows.push(
      row(
        c(pr.organisation ? clean(pr.organisation.text) : "", { colSpan: W - 2 }),
        c(`单位：${unit}`, { colSpan: 2, align: "right" }),
      ),
    );
    rows.push(row(H("项目名称"), c(clean(pr.name), { colSpan: W - 1 })));
    // Other header fields (主管部门, 实施单位, 项目属性…) as label/value pairs.
    const fields = Object.entries(pr.fields ?? {});
    const perRow = Math.floor(W / 2);
    for (let k = 0; k < fields.length; k += perRow) {
      const cells: WCell[] = [];
      for (const [label, value] of fields.slice(k, k + perRow)) cells.push(H(label), c(clean(value)));
      while (cells.length < W) cells.push(c(""));
      rows.push(cells);
    }
    // Funds: 预算数 and its split; the row under it: the use of the funds.
    // 预算数 is the sum of its parts (财政资金, 其他资金, 上年结转): a SUM in xlsx when they add up to it.
    const total = A(pr.budget, unit);
    const fiscal = A(pr.funding?.fiscal, unit);
    const other = A(pr.funding?.other, unit);
    const carryOver = A(pr.funding?.carryOver, unit);
    const fund = national
      ? [H("年度资金申请总额"), total, H("其中：当年财政拨款"), fiscal, H("上年结转"), carryOver, H("其他资金"), other]
      : [H("预算数"), total, H("其中：财政资金"), fiscal, H("其他资金"), other];
    const extra = !national && pr.funding?.carryOver ? [H("上年结转"), carryOver] : [];
    totalOf(total, [fiscal, other, ...(national || extra.length > 0 ? [carryOver] : [])]);
    const fundRows = 2 + (extra.length > 0 ? 1 : 0);
    rows.push(row(H(national ? "资金用途" : "预算规模及资金用途", { rowSpan: fundRows }), ...fund));
    if (extra.length > 0) rows.push(row(null, ...extra, c("", { colSpan: W - 1 - extra.length })));
    rows.push(row(null, c(clean(pr.purpose), { colSpan: W - 1 })));
    rows.push(row(H(national ? "总体目标" : "绩效目标"), c(clean(pr.goal), { colSpan: W - 1 })));
    // The indicator grid.
    const hasDesc = pr.indicators.some((x) => x.description);
    const gridHeader = rows.length;
    const targetHeader = national ? "年度指标值" : "指标值";
    const descSpan = national ? 3 : 2;
    const targetSpan = hasDesc ? W - 3 - descSpan : W - 3;
    rows.push(
      row(
        H("一级指标"),
        H("二级指标"),
        H("三级指标"),
        ...(hasDesc ? [H(national ? "指标解释" : "绩效指标描述", { colSpan: descSpan })] : []),
        H(targetHeader, { colSpan: targetSpan }),
      ),
    );
    const cols: GridColumn[] = [
      { value: (x) => x.level1 ?? "", run: level1Run, align: "center" },
      { value: (x) => x.level2 ?? "", run: level2Run, align: "center" },
      { value: (x) => x.name },
      ...(hasDesc ? [{ span: descSpan, value: (x: Indicator) => clean(x.description) }] : []),
      { span: targetSpan, value: (x) => clean(x.target?.text), align: "center" },
    ];
    rows.push(...gridRows(pr.indicators, cols));
    const widths = national ? [10, 12, 10, 12, 10, 10, 10, 10, 10] : [14, 12, 16, 12, 16, 10, 12];
    // Two tables, as seed 004 prints them: the project's information, then the indicator grid whose header
    // repeats on each page.
    // The national form's heading, then the project's own title (the one the importer keeps).
    const heading = national && title !== "项目支出绩效目标申报表" ? [p("项目支出绩效目标申报表", "title")] : [];
    return {
      name: numbered(i, projects.length, clean(pr.name)),
      orientation: "portrait" as const,
      blocks: [
        ...heading,
        p(title, heading.length > 0 ? "subtitle" : "title", "center"),
        { type: "table" as const, table: table(widths, 0, rows.slice(0, gridHeader)) },
        { type: "table" as const, table: table(widths, 1, rows.slice(gridHeader)) },
      ],
    };
  });
  return { title: national ? "项目支出绩效目标申报表" : "项目绩效目标表", sections };
}

// ---------------------------------------------------------------------------------------------------------------
// 部门职责-工作活动绩效目标表 (seed 000 / 001)

export function dutyTableBlocks(t: DutyGoalTable, clean: Clean, withTitle: boolean): WBlock[] {
  const W = 9;
  const rows: (WCell | null)[][] = [];
  rows.push(
    row(
      c(t.organisation ? clean(t.organisation.text) : "", { colSpan: W - 2 }),
      c(t.unitNote ?? "", { colSpan: 2, align: "right" }),
    ),
  );
  rows.push(
    row(
      H("职责活动", { rowSpan: 2 }),
      H(t.unitNote ? "年度预算数" : "年度预算数（万元）", { rowSpan: 2 }),
      H("内容描述", { rowSpan: 2 }),
      H("绩效目标", { rowSpan: 2 }),
      H("绩效指标", { rowSpan: 2 }),
      H("评价标准", { colSpan: 4 }),
    ),
  );
  rows.push(row(null, null, null, null, null, H("优"), H("良"), H("中"), H("差")));
  const tierCells = (ind: Indicator) => [
    c(clean(ind.tiers?.excellent.text)),
    c(clean(ind.tiers?.good.text)),
    c(clean(ind.tiers?.fair.text)),
    c(clean(ind.tiers?.poor.text)),
  ];
  const indicatorCells = (ind: Indicator) => [c(ind.name), ...tierCells(ind)];
  for (const duty of t.duties) {
    // The duty's own row (its indicator and tier cells merged into one blank cell: that is how the importer tells
    // a duty from an activity once the readers have trimmed the activities' indentation), then its own
    // indicators, then its activities.
    // A duty's budget is the sum of its activities' (a SUM in xlsx when they add up to it).
    const dutyBudget = A(duty.budget, "万元");
    const activityBudgets: WCell[] = [];
    rows.push(
      row(c(duty.name, { bold: true }), dutyBudget, c(clean(duty.content)), c(clean(duty.goal)), c("", { colSpan: 5 })),
    );
    for (const ind of duty.indicators) rows.push(row(c(""), c(""), c(""), c(""), ...indicatorCells(ind)));
    for (const act of duty.activities) {
      const n = Math.max(1, act.indicators.length);
      const span = n > 1 ? { rowSpan: n } : {};
      const first = act.indicators[0];
      const budget = A(act.budget, "万元", span);
      activityBudgets.push(budget);
      rows.push(
        row(
          c(`\u3000\u3000${act.name}`, span),
          budget,
          c(clean(act.content), span),
          c(clean(act.goal), span),
          ...(first ? indicatorCells(first) : [c(""), c(""), c(""), c(""), c("")]),
        ),
      );
      for (const ind of act.indicators.slice(1)) rows.push(row(...nulls(4), ...indicatorCells(ind)));
    }
    totalOf(dutyBudget, activityBudgets);
  }
  const blocks: WBlock[] = [];
  if (withTitle) blocks.push(p("部门职责-工作活动绩效目标表", "title"));
  blocks.push({
    type: "table",
    table: table([16, 9, 22, 20, 16, 11, 11, 11, 11], 3, rows),
  });
  return blocks;
}

// ---------------------------------------------------------------------------------------------------------------
// 部门整体绩效自评表 and its report (seed 002)

function departmentSelfEvaluation(doc: ImportedDocument, d: DepartmentSelfEvaluation, clean: Clean): WDocument {
  const W = 7;
  const rows: (WCell | null)[][] = [];
  rows.push(row(H("部门名称"), c(clean(d.organisation), { colSpan: W - 1 })));
  rows.push(
    row(
      H("基本支出总额（万元）"),
      A(d.basicSpending, "万元", { colSpan: 2 }),
      H("项目支出总额（万元）"),
      A(d.projectSpending, "万元", { colSpan: 3 }),
    ),
  );
  const b = d.budget;
  rows.push(
    row(
      H(`预算执行情况（万元）${d.budgetPoints?.text ?? ""}`, { colSpan: 2 }),
      H("预算数(A)"),
      H("执行数(B)"),
      H("执行率(B/A)"),
      H(`得分${d.budgetPoints?.value ? `（${d.budgetPoints.value}分*执行率）` : ""}`, { colSpan: 2 }),
    ),
  );
  const budgetScore = V(b?.score, { colSpan: 2 });
  rows.push(
    row(
      c(""),
      c(clean(b?.label ?? "部门整体支出总额")),
      A(b?.budget, "万元"),
      A(b?.executed, "万元"),
      R(b?.rate),
      budgetScore,
    ),
  );
  // 年度目标's score is the sum of the indicators' scores; 总分 that of the budget's and the goals' (SUMs in xlsx
  // when the stated figures add up).
  const goalScore = V(d.goalScore, { colSpan: W - 2 });
  rows.push(row(H(`年度目标：${d.goalPoints?.text ?? ""}`, { colSpan: 2 }), goalScore));

  // Sections and their points: where each stated points text goes so that it reads back as it was.
  const first = d.sections[0];
  let headerLead = "年度绩效指标";
  const bare = new Set<string>();
  const pointsCell = new Map<string, string>();
  d.sections.forEach((s, k) => {
    if (!s.points) return;
    const words = s.points.text.replace(/[\s\u3000]+/g, "").replace(/[（(][^（）()]*[)）]/g, "");
    if (words === s.level1) pointsCell.set(s.level1, s.points.text);
    else if (words === "" && k > 0) bare.add(s.level1);
    else if (k === 0 && s === first) headerLead = s.points.text;
    else pointsCell.set(s.level1, `${s.level1}${s.points.text}`);
  });
  const gridStart = rows.length;
  const inds = d.indicators;
  rows.push(
    row(
      H(headerLead, { rowSpan: inds.length + 1 }),
      H("一级指标"),
      H("二级指标"),
      H("三级指标"),
      H("年初目标值(A)"),
      H("实际完成值(B)"),
      H("得分"),
    ),
  );
  const firstOf = new Map<string, number>();
  inds.forEach((x, i) => {
    if (x.level1 && !firstOf.has(x.level1)) firstOf.set(x.level1, i);
  });
  const level1Value = (x: Indicator, i: number): string => {
    const l1 = x.level1 ?? "";
    const at = firstOf.get(l1);
    if (bare.has(l1)) {
      if (at === i) return l1;
      if (at !== undefined && i === at + 1 && inds[i]!.level1 === l1)
        return d.sections.find((s) => s.level1 === l1)?.points?.text ?? "";
      return "";
    }
    return at === i ? (pointsCell.get(l1) ?? l1) : "";
  };
  const grid = gridRows(inds, [
    {
      value: level1Value,
      run: (x) => (x.level1 && !bare.has(x.level1) ? x.level1 : undefined),
      align: "center",
    },
    { value: (x) => x.level2 ?? "", run: level2Run, align: "center" },
    { value: (x) => x.name },
    { value: (x) => clean(x.target?.text), align: "center" },
    { value: (x) => clean(x.actual?.text), align: "center" },
    { value: (x) => numberText(x.score), numeric: true, number: (x) => plainNumber(x.score?.text) },
  ]);
  for (const g of grid) rows.push([null, ...g]);
  const scoreCells = grid.map((g) => g[g.length - 1]);
  totalOf(goalScore, scoreCells);
  const sheet = (doc as ScoredDocument<ImportedDocument>).scoreSheet;
  for (const g of sheet?.groups ?? [])
    rows.push(
      row(
        H(`${g.name}小计（${g.points}分）`, { colSpan: 2 }),
        totalOf(
          V(g.score, { colSpan: W - 2 }),
          scoreCells.filter((_, i) => inds[i]!.level1 === g.name),
        ),
      ),
    );
  rows.push(row(H("总分", { colSpan: 2 }), totalOf(V(d.totalScore, { colSpan: W - 2 }), [budgetScore, goalScore])));
  if (sheet) {
    if (sheet.grade) rows.push(row(H("自评等级", { colSpan: 2 }), c(sheet.grade, { colSpan: W - 2 })));
    for (const r of sheetNotes(sheet)) rows.push(row(H(r[0], { colSpan: 2 }), c(r[1], { colSpan: W - 2 })));
  }
  rows.push(row(H("偏差大或目标未完成原因分析", { colSpan: 2 }), c(clean(d.deviation), { colSpan: W - 2 })));
  rows.push(row(H("改进措施及结果应用方案", { colSpan: 2 }), c(clean(d.improvement), { colSpan: W - 2 })));

  // The report: paragraphs before the table (by their place in the source) and after it.
  const tableRow = Math.min(
    d.location.row ?? Number.POSITIVE_INFINITY,
    ...(d.budget?.location.row !== undefined ? [d.budget.location.row] : []),
    ...d.indicators.map((x) => x.location.row ?? Number.POSITIVE_INFINITY),
  );
  const known = doc.paragraphs.length > 0 && doc.paragraphs.every((x) => x.location.row !== undefined);
  const before = known ? doc.paragraphs.filter((x) => x.location.row! < tableRow) : doc.paragraphs;
  const after = known ? doc.paragraphs.filter((x) => x.location.row! >= tableRow) : [];
  const title = `${d.year ?? ""}${d.year ? "年度" : ""}${clean(d.organisation)}部门整体绩效自评表`;
  const reportBlocks = (ps: typeof doc.paragraphs): WBlock[] =>
    ps.map((x, i) => p(x.text, i === 0 && ps === before ? "title" : headingLike(x.text) ? "heading" : "body"));
  const widths = [14, 10, 14, 26, 14, 14, 8];
  const sections: WSection[] = [];
  if (before.length > 0) sections.push({ name: "自评报告", orientation: "portrait", blocks: reportBlocks(before) });
  sections.push({
    name: "自评表",
    orientation: "portrait",
    blocks: [
      ...(before.length === 0 ? [p(title, "title")] : []),
      // The budget, then the indicator grid as a table of its own whose header repeats on each page.
      { type: "table", table: table(widths, 0, rows.slice(0, gridStart)) },
      { type: "table", table: table(widths, 1, rows.slice(gridStart)) },
    ],
  });
  if (after.length > 0) sections.push({ name: "佐证材料", orientation: "portrait", blocks: reportBlocks(after) });
  return { title: "部门整体绩效自评表及自评报告", bodyFont: "fangsong", sections };
}

function headingLike(text: string): boolean {
  return /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])/.test(text.trim()) && text.length < 40;
}

// ---------------------------------------------------------------------------------------------------------------
// 部门整体支出绩效自评表 (seed 003)

/** 1,000 万 元 in fen: a figure this large under a 万元 header is plainly in 元 (the importer's rule). */
const PLAINLY_YUAN_FEN = 1_000_000_000n;

/**
 * The unit the budget header prints: the one the document stated, with the figures as they were — seed 003's header
 * says 万元 over figures in 元, and the export keeps that mistake visible (reading the export back gives the same
 * stated unit, the same amounts and the same unit_mismatch problem) instead of printing 元 and hiding it. The unit
 * of the amounts is printed instead only where the stated one would make the figures read as something else: no
 * unit stated, or 万元 stated over figures in 元 none of which is large enough to be plainly 元 (each would be read
 * 10,000 times too large).
 */
export function headerUnit(d: DepartmentExpenditureEvaluation): string {
  const stated = d.statedUnit;
  if (stated === d.amountUnit) return stated;
  if (stated === "万元" && d.amountUnit === "元") {
    const plain = d.budgetRows.some((r) =>
      [r.initial, r.budget, r.executed].some((a) => a?.fen !== undefined && BigInt(a.fen) >= PLAINLY_YUAN_FEN),
    );
    if (plain) return stated;
  }
  return d.amountUnit;
}

function departmentExpenditure(d: DepartmentExpenditureEvaluation, clean: Clean): WDocument {
  const W = 9;
  const unit = d.amountUnit;
  const rows: (WCell | null)[][] = [];
  rows.push(row(H("部门名称"), c(clean(d.organisation), { colSpan: W - 1 })));
  const budgetRows = d.budgetRows;
  rows.push(
    row(
      H(`部门预算资金（${headerUnit(d)}）`, { rowSpan: budgetRows.length + 1 }),
      H("项目年度支出", { colSpan: 2 }),
      H("年初预算数"),
      H("预算调整数（调增为“+”；调减为“-”）"),
      H("预算确定数"),
      H("执行数"),
      H("执行率(%)"),
      H("情况说明"),
    ),
  );
  // The amounts of each row by category, for the totals: 年度资金总额 = 基本支出 + 项目支出, 项目支出 = 财政拨款 +
  // 其他资金 + 上年结转, column by column (SUMs in xlsx where the stated figures add up).
  const amounts = new Map<string, WCell[]>();
  for (const r of budgetRows) {
    const parts = r.label.split(" / ");
    const second = ["fiscal", "other", "carryOver"].includes(r.category);
    const labels: (WCell | null)[] =
      parts.length > 1
        ? [c(parts[0]!), c(parts.slice(1).join(" / "))]
        : second
          ? [c(""), c(r.label)]
          : [c(r.label, { colSpan: 2 }), null];
    const cells = [A(r.initial, unit), A(r.adjustment, unit), A(r.budget, unit), A(r.executed, unit)];
    if (!amounts.has(r.category)) amounts.set(r.category, cells);
    rows.push([null, ...labels, ...cells, R(r.rate), c(clean(r.note))]);
  }
  const categoryTotal = (total: string, parts: string[]) =>
    amounts.get(total)?.forEach((cell, k) => {
      totalOf(
        cell,
        parts.map((x) => amounts.get(x)?.[k]),
      );
    });
  categoryTotal("total", ["basic", "project"]);
  categoryTotal("project", ["fiscal", "other", "carryOver"]);
  rows.push(row(H("部门年度目标"), c(clean(d.goal), { colSpan: W - 1 })));
  rows.push(row(H("部门整体支出绩效指标", { colSpan: W })));
  const gridStart = rows.length;
  rows.push(
    row(
      H("绩效指标", { colSpan: 3 }),
      H("指标性质", { rowSpan: 2 }),
      H("指标值", { rowSpan: 2 }),
      H("度量单位", { rowSpan: 2 }),
      H("实际完成值", { rowSpan: 2 }),
      H("偏差原因分析及改进措施", { rowSpan: 2, colSpan: 2 }),
    ),
  );
  rows.push(row(H("一级指标"), H("二级指标"), H("三级指标"), null, null, null, null, null, null));
  rows.push(
    ...gridRows(d.indicators, [
      { value: (x) => x.level1 ?? "", run: level1Run, align: "center" },
      { value: (x) => x.level2 ?? "", run: level2Run, align: "center" },
      { value: (x) => x.name },
      { value: (x) => x.operatorCode ?? x.operator ?? "", align: "center" },
      { value: (x) => clean(x.target?.text), align: "center" },
      { value: (x) => x.unit ?? "", align: "center" },
      { value: (x) => clean(x.actual?.text), align: "center" },
      { span: 2, value: (x) => clean(x.deviation) },
    ]),
  );
  for (const n of d.notes) rows.push(row(c(clean(n), { colSpan: W })));
  const title = `${d.year ? `${d.year}年度` : ""}部门整体支出绩效自评表`;
  const widths = [10, 12, 22, 13, 13, 13, 13, 9, 14];
  return {
    title: "部门整体支出绩效自评表",
    sections: [
      {
        name: "部门整体支出绩效自评表",
        orientation: "landscape",
        blocks: [
          p(title, "title"),
          // The budget, then the indicator grid as a table of its own whose two header rows repeat on each
          // page (Word repeats only a table's leading rows; the importer joins the two again).
          { type: "table", table: table(widths, 0, rows.slice(0, gridStart)) },
          { type: "table", table: table(widths, 2, rows.slice(gridStart)) },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 项目支出绩效自评表 (national layout, 财预〔2020〕10号)

/** The rows under the total: the stated total and grade beside the computed ones, the scheme, the fitting rule. */
function sheetNotes(sheet: ScoreSheet): [string, string][] {
  const out: [string, string][] = [];
  if (sheet.statedTotal !== undefined)
    out.push([
      "原表填报总分（计算总分见上）",
      `${sheet.statedTotal}${sheet.statedGrade ? `（${sheet.statedGrade}）` : ""}；计算总分 ${sheet.total}${sheet.grade ? `（${sheet.grade}）` : ""}`,
    ]);
  out.push(["评分方案", sheet.scheme]);
  if (sheet.notes.length > 0) out.push(["分值折算", sheet.notes.join("；")]);
  return out;
}

function projectSelfEvaluations(list: ProjectSelfEvaluation[], clean: Clean, scoreSheet?: ScoreSheet): WDocument {
  const W = 10;
  const sections: WSection[] = list.map((e, i) => {
    const rows: (WCell | null)[][] = [];
    rows.push(row(H("项目名称", { colSpan: 2 }), c(clean(e.name), { colSpan: W - 2 })));
    rows.push(
      row(
        H("主管部门", { colSpan: 2 }),
        c(clean(e.department), { colSpan: 3 }),
        H("实施单位", { colSpan: 2 }),
        c(clean(e.implementer), { colSpan: 3 }),
      ),
    );
    const dash = (s: string) => (s === "" ? "—" : s);
    // the unit the funds were stated in (万元 on the national form; a form in 元 stays in 元)
    const unit = e.funds.flatMap((f) => [f.initial, f.budget, f.executed]).find((a) => a !== undefined)?.unit ?? "万元";
    rows.push(
      row(
        H(`项目资金（${unit}）`, { colSpan: 2, rowSpan: e.funds.length + 1 }),
        H("", { colSpan: 2 }),
        H("年初预算数"),
        H("全年预算数(A)"),
        H("全年执行数(B)"),
        H("分值"),
        H("执行率(B/A)"),
        H("得分"),
      ),
    );
    const fundWeights: WCell[] = [];
    const fundScores: WCell[] = [];
    for (const f of e.funds) {
      const weight = V(dash(numberText(f.weight)), { align: "center" });
      const score = V(dash(numberText(f.score)), { align: "center" });
      fundWeights.push(weight);
      fundScores.push(score);
      rows.push(
        row(
          null,
          null,
          c(clean(f.label), { colSpan: 2 }),
          A(f.initial, unit),
          A(f.budget, unit),
          A(f.executed, unit),
          weight,
          percentText(f.rate) === "" ? N("—", { align: "center" }) : R(f.rate, { align: "center" }),
          score,
        ),
      );
    }
    rows.push(
      row(
        H("年度总体目标", { colSpan: 2, rowSpan: 2 }),
        H("预期目标", { colSpan: 4 }),
        H("实际完成情况", { colSpan: 4 }),
      ),
    );
    rows.push(row(null, null, c(clean(e.expectedGoal), { colSpan: 4 }), c(clean(e.actualOutcome), { colSpan: 4 })));
    const gridStart = rows.length;
    rows.push(
      row(
        H("绩效指标", { rowSpan: e.indicators.length + 1 }),
        H("一级指标"),
        H("二级指标"),
        H("三级指标"),
        H("年度指标值"),
        H("实际完成值"),
        H("分值"),
        H("得分"),
        H("偏差原因分析及改进措施", { colSpan: 2 }),
      ),
    );
    const grid = gridRows(e.indicators, [
      { value: (x) => x.level1 ?? "", run: level1Run, align: "center" },
      { value: (x) => x.level2 ?? "", run: level2Run, align: "center" },
      { value: (x) => x.name },
      { value: (x) => clean(x.target?.text), align: "center" },
      { value: (x) => clean(x.actual?.text), align: "center" },
      { value: (x) => numberText(x.weight), numeric: true, number: (x) => plainNumber(x.weight?.text) },
      { value: (x) => numberText(x.score), numeric: true, number: (x) => plainNumber(x.score?.text) },
      { span: 2, value: (x) => clean(x.deviation) },
    ]);
    for (const g of grid) rows.push([null, ...g]);
    // 分值 and 得分 of the indicators: the two cells before 偏差原因 (two slots wide) on each row.
    const weights = grid.map((g) => g[g.length - 4]);
    const scores = grid.map((g) => g[g.length - 3]);
    const of = (cells: (WCell | null | undefined)[], name: string) =>
      cells.filter((_, k) => e.indicators[k]!.level1 === name);
    const sheet = i === 0 ? scoreSheet : undefined;
    for (const g of sheet?.groups ?? [])
      rows.push(
        row(
          H(`${g.name}小计`, { colSpan: 6 }),
          totalOf(V(g.points, { align: "center" }), of(weights, g.name)),
          totalOf(V(g.score, { align: "center" }), of(scores, g.name)),
          c("", { colSpan: 2 }),
        ),
      );
    // 总分: the points and scores of the funds' lines and of every indicator (SUMs in xlsx when they add up).
    rows.push(
      row(
        H("总分", { colSpan: 6 }),
        totalOf(V(sheet?.points ?? "100", { align: "center" }), [...fundWeights, ...weights]),
        totalOf(V(e.totalScore, { align: "center" }), [...fundScores, ...scores]),
        c(sheet?.grade ? `自评等级：${sheet.grade}` : "", { colSpan: 2 }),
      ),
    );
    if (sheet) for (const r of sheetNotes(sheet)) rows.push(row(H(r[0], { colSpan: 6 }), c(r[1], { colSpan: 4 })));
    return {
      name: numbered(i, list.length, clean(e.name)),
      orientation: "landscape" as const,
      blocks: [
        p("项目支出绩效自评表", "title"),
        { type: "table" as const, table: table([6, 8, 10, 18, 11, 11, 8, 8, 10, 10], 1, rows, gridStart) },
      ],
    };
  });
  return { title: "项目支出绩效自评表", sections };
}

// ---------------------------------------------------------------------------------------------------------------
// 部门预算信息公开 (seed 001): section by section, each table after the text of its section.

const PROCUREMENT_SOURCES = [
  "当年部门预算安排资金合计",
  "一般公共预算拨款",
  "基金预算拨款",
  "财政专户核拨",
  "其他来源收入",
  "其他渠道资金",
];

function disclosure(doc: ImportedDocument, d: Disclosure, clean: Clean): WDocument {
  const headings = new Set(d.sections.map((s) => s.heading));
  const firstHeading = doc.paragraphs.findIndex((x) => headings.has(x.text));
  const lead = (firstHeading < 0 ? doc.paragraphs : doc.paragraphs.slice(0, firstHeading)).map((x) => x.text);
  const title = d.title ?? lead[0] ?? "部门预算信息公开";
  const sections: WSection[] = [];
  let current: WSection = { name: "正文", orientation: "portrait", blocks: [] };
  const push = (b: WBlock) => current.blocks.push(b);
  const flush = () => {
    if (current.blocks.length > 0) sections.push(current);
  };
  const addTable = (name: string, orientation: "portrait" | "landscape", blocks: WBlock[]) => {
    flush();
    sections.push({ name, orientation, blocks });
    current = { name: `正文${sections.length + 1}`, orientation: "portrait", blocks: [] };
  };
  const leadTexts = lead.length > 0 ? lead : [title];
  leadTexts.forEach((t, i) => {
    push(p(t, i === 0 ? "title" : "body", i === 0 ? "center" : undefined));
  });
  const used = { units: false, goals: false, procurement: false, assets: false };
  for (const s of d.sections) {
    push(p(s.heading, "heading"));
    if (!used.procurement && d.procurement.length > 0 && /政府采购/.test(s.heading)) {
      used.procurement = true;
      procurementSection(
        s.paragraphs,
        d.procurement,
        (x) => push(p(x, "body")),
        (pt, i) => {
          addTable(`政府采购${i + 1}`, "landscape", procurementBlocks(pt, clean));
        },
      );
      continue;
    }
    for (const x of s.paragraphs) push(p(x, "body"));
    if (!used.units && d.units.length > 0 && /^一、/.test(s.heading)) {
      used.units = true;
      addTable("单位构成", "portrait", unitsBlocks(d, clean));
    }
    if (!used.goals && doc.dutyGoals.length > 0 && /绩效目标/.test(s.heading)) {
      used.goals = true;
      doc.dutyGoals.forEach((t, i) => {
        addTable(
          t.organisation?.text ? clean(t.organisation.text) : `绩效目标${i + 1}`,
          "landscape",
          dutyTableBlocks(t, clean, false),
        );
      });
    }
    if (!used.assets && d.assets.length > 0 && /国有资产/.test(s.heading)) {
      used.assets = true;
      d.assets.forEach((a, i) => {
        addTable(`国有资产${i + 1}`, "portrait", assetBlocks(a, clean));
      });
    }
  }
  // Tables whose section was not found go at the end.
  if (!used.units && d.units.length > 0) addTable("单位构成", "portrait", unitsBlocks(d, clean));
  if (!used.goals)
    doc.dutyGoals.forEach((t, i) => {
      addTable(`绩效目标${i + 1}`, "landscape", dutyTableBlocks(t, clean, false));
    });
  if (!used.procurement)
    d.procurement.forEach((pt, i) => {
      addTable(`政府采购${i + 1}`, "landscape", procurementBlocks(pt, clean));
    });
  if (!used.assets)
    d.assets.forEach((a, i) => {
      addTable(`国有资产${i + 1}`, "portrait", assetBlocks(a, clean));
    });
  flush();
  return { title: clean(title), bodyFont: "fangsong", sections };
}

/**
 * The procurement section's text and tables in the source's order: a table whose unit is named only by a title line
 * (`交警政府采购预算情况`, no 小计 row) follows that line and the text after it, as in seed 001, so that the reader gives
 * the table its unit back. The other tables follow the text before the first such line.
 */
function procurementSection(
  paragraphs: string[],
  tables: Disclosure["procurement"],
  text: (x: string) => void,
  addTable: (pt: Disclosure["procurement"][number], i: number) => void,
): void {
  const titleAt = tables.map((pt, i) => {
    const unit = pt.organisation;
    if (i === 0 || !unit) return -1;
    return paragraphs.findIndex((x) => x.startsWith(unit) && /政府采购预算/.test(x));
  });
  const cuts = titleAt.filter((at) => at >= 0).sort((a, b) => a - b);
  const nextCut = (after: number) => cuts.find((at) => at > after) ?? paragraphs.length;
  let k = 0;
  tables.forEach((pt, i) => {
    const at = titleAt[i]!;
    const until = at >= 0 ? nextCut(at) : i === 0 ? nextCut(-1) : k;
    for (; k < until; k++) text(paragraphs[k]!);
    addTable(pt, i);
  });
  for (; k < paragraphs.length; k++) text(paragraphs[k]!);
}

function unitsBlocks(d: Disclosure, clean: Clean): WBlock[] {
  const rows: (WCell | null)[][] = [row(H("序号"), H("单位名称"), H("单位性质"), H("单位规格"), H("经费保障形式"))];
  d.units.forEach((u, i) => {
    rows.push(
      row(
        c(String(i + 1), { align: "center" }),
        c(clean(u.name)),
        c(clean(u.nature), { align: "center" }),
        c(clean(u.rank), { align: "center" }),
        c(clean(u.fundingForm), { align: "center" }),
      ),
    );
  });
  return [{ type: "table", table: table([8, 36, 16, 16, 20], 1, rows) }];
}

function procurementBlocks(pt: Disclosure["procurement"][number], clean: Clean): WBlock[] {
  const bySource = pt.lines.some((l) => l.funding !== undefined || l.catalog !== undefined || l.project !== undefined);
  if (!bySource) return procurementListBlocks(pt, clean);
  const W = 14;
  const rows: (WCell | null)[][] = [];
  rows.push(
    row(
      H("政府采购项目来源", { colSpan: 2 }),
      H("采购物品名称", { rowSpan: 3 }),
      H("政府采购目录序号", { rowSpan: 3 }),
      H("数量单位", { rowSpan: 3 }),
      H("数量", { rowSpan: 3 }),
      H("单价（万元）", { rowSpan: 3 }),
      H("政府采购金额（万元）", { colSpan: 7 }),
    ),
  );
  rows.push(
    row(
      H("项目名称", { rowSpan: 2 }),
      H("预算资金（万元）", { rowSpan: 2 }),
      null,
      null,
      null,
      null,
      null,
      H("总计", { rowSpan: 2 }),
      H("当年部门预算安排资金", { colSpan: 5 }),
      H("其他渠道资金", { rowSpan: 2 }),
    ),
  );
  rows.push(
    row(
      ...nulls(7),
      null,
      H("合计"),
      H("一般公共预算拨款"),
      H("基金预算拨款"),
      H("财政专户核拨"),
      H("其他来源收入"),
      null,
    ),
  );
  // 合计 / 小计 rows: the sum of the lines' 总计 (a SUM in xlsx where the stated figures add up).
  const totals = pt.totals.map((t) => A(t.amount, "万元"));
  pt.totals.forEach((t, k) => {
    rows.push(
      row(
        c(clean(t.label), { bold: true }),
        ...Array.from({ length: 6 }, () => c("")),
        totals[k]!,
        ...Array.from({ length: 6 }, () => c("")),
      ),
    );
  });
  const lineTotals: WCell[] = [];
  for (const l of pt.lines) {
    // Per line: 总计 = 当年部门预算安排资金合计 + 其他渠道资金, and that 合计 = the four sources after it.
    const total = A(l.amount, "万元");
    const sources = PROCUREMENT_SOURCES.map((k) => A(l.funding?.[k], "万元"));
    totalOf(sources[0]!, sources.slice(1, 5));
    totalOf(total, [sources[0], sources[5]]);
    lineTotals.push(total);
    rows.push(
      row(
        c(clean(l.project)),
        A(l.projectBudget, "万元"),
        c(clean(l.item)),
        c(l.catalog ?? "", { align: "center" }),
        c(l.quantityUnit ?? "", { align: "center" }),
        V(l.quantity),
        A(l.unitPrice, "万元"),
        total,
        ...sources,
      ),
    );
  }
  for (const t of totals) totalOf(t, lineTotals);
  void W;
  return [{ type: "table", table: table([14, 7, 12, 8, 6, 5, 7, 7, 7, 7, 6, 6, 6, 6], 3, rows) }];
}

function procurementListBlocks(pt: Disclosure["procurement"][number], clean: Clean): WBlock[] {
  const rows: (WCell | null)[][] = [
    row(H("项目地区"), H(""), H("装备名称和型号"), H("购置数量"), H("单价（万元）"), H("资金合计（万元）")),
  ];
  const totals = pt.totals.map((t) => A(t.amount, "万元"));
  pt.totals.forEach((t, k) => {
    rows.push(row(c(clean(t.label), { bold: true }), c(""), c(""), c(""), c(""), totals[k]!));
  });
  const lineAmounts: WCell[] = [];
  let group: string | undefined;
  for (const l of pt.lines) {
    const g = l.group !== group ? clean(l.group) : "";
    group = l.group;
    const amount = A(l.amount, "万元");
    lineAmounts.push(amount);
    rows.push(
      row(
        c(g),
        c(l.number ?? "", { align: "center" }),
        c(clean(l.item)),
        V(l.quantity),
        A(l.unitPrice, "万元"),
        amount,
      ),
    );
  }
  for (const t of totals) totalOf(t, lineAmounts);
  return [{ type: "table", table: table([18, 6, 40, 10, 12, 14], 1, rows) }];
}

function assetBlocks(a: Disclosure["assets"][number], clean: Clean): WBlock[] {
  const rows: (WCell | null)[][] = [
    // Not one cell across the table: a worksheet's full-width top row is read as a title paragraph.
    row(H(clean(a.title), { colSpan: 2 }), c(a.asOf ? `截止时间：${clean(a.asOf)}` : "", { align: "right" })),
    row(c(a.organisation ? `编制单位：${clean(a.organisation)}` : "", { colSpan: 3 })),
    row(H("项　　目"), H("数量"), H(`金额：${a.unit}`)),
  ];
  // 资产总额: the sum of the lines (a SUM in xlsx where the stated figures add up).
  const total = A(a.total, a.unit);
  if (a.total) rows.push(row(c("资产总额", { bold: true }), c("—", { align: "center" }), total));
  const amounts = a.lines.map((l) => A(l.amount, a.unit));
  a.lines.forEach((l, k) => {
    rows.push(row(c(clean(l.label)), V(l.quantity), amounts[k]!));
  });
  totalOf(total, amounts);
  return [{ type: "table", table: table([50, 20, 30], 3, rows) }];
}
