/**
 * Which kinds a document holds, with a confidence and the reasons, so that a user sees why a file was (or was
 * not) taken as a 项目支出绩效自评表 and what was missing (`jixiao import --explain`, the import preview).
 *
 * Three kinds of evidence, weighed the same way for every kind:
 * - the table test of the kind's reader (its header columns in the right arrangement): decisive, the kind is
 *   recognised only with it (or, for kinds without tables, the reader's own text test);
 * - the header columns found in any table, against the columns the kind needs (the column vocabulary);
 * - words of its title in the document's paragraphs (自评表, 绩效目标表, 三公经费…).
 * Confidence = 0.6 for the decisive test + 0.25 × the share of needed columns found + 0.15 for a title word.
 */
import { KIND_NAMES, type Kind } from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";
import { looksLikeDisclosure } from "./budget-disclosure.ts";
import { ImportContext } from "./context.ts";
import { departmentExpenditureTables, isDepartmentExpenditureTable } from "./department-expenditure.ts";
import { departmentSelfEvaluationTables } from "./department-self-evaluation.ts";
import { isDutyActivityTable } from "./duty-activity.ts";
import { looksLikeEvaluationReport } from "./evaluation-report.ts";
import { looksLikeFinalAccount } from "./final-account.ts";
import { type HeaderField, mapColumns } from "./headers.ts";
import { isProjectGoalForm } from "./project-goals.ts";
import { projectSelfEvaluationTables } from "./project-self-evaluation.ts";
import { looksLikeStreamProjectSelfEvaluation } from "./stream-form.ts";
import { looksLikeThreePublic } from "./three-public.ts";

export interface KindEvidence {
  kind: Kind;
  recognised: boolean;
  /** 0–100. */
  confidence: number;
  reasons: { zh: string; en: string }[];
}

interface KindTest {
  /** The kind's reader's own test on the whole document. */
  decisive(blocks: Block[], tables: Table[]): boolean;
  /** What the decisive test looks for, in words. */
  needs: { zh: string; en: string };
  /** Header columns the kind's tables have. */
  columns: HeaderField[];
  /** Title words. */
  title: RegExp;
}

const TESTS: Partial<Record<Kind, KindTest>> = {
  "project-self-evaluation": {
    decisive: (blocks) =>
      projectSelfEvaluationTables(blocks).length > 0 ||
      looksLikeStreamProjectSelfEvaluation(contextFor(blocks), blocks),
    needs: {
      zh: "含「项目名称」、资金表头（全年预算数、全年执行数）及其后的指标表头（三级指标、年度指标值、实际完成值）的表格",
      en: "a table with 项目名称, the funds header (全年预算数, 全年执行数) and after it the indicator header (三级指标, 年度指标值, 实际完成值)",
    },
    columns: ["budget", "executed", "name", "target", "actual", "weight", "score"],
    title: /项目(支出)?绩效自评表|项目自评表/,
  },
  "project-goals": {
    decisive: (blocks, tables) => isProjectGoalForm(blocks, tables),
    needs: {
      zh: "含「项目名称」行的表格，以及表头为一级指标、二级指标、三级指标、指标值的指标表（或标题为绩效目标表、表头未另列项目表的指标表）",
      en: "a table with a 项目名称 row and an indicator table headed 一级指标, 二级指标, 三级指标, 指标值 (or such an indicator table alone under a 绩效目标表 title)",
    },
    columns: ["level1", "level2", "name", "target"],
    title: /(项目(支出)?)?绩效目标(申报|审核)?表/,
  },
  "department-self-evaluation": {
    decisive: (blocks) => departmentSelfEvaluationTables(blocks).length > 0,
    needs: {
      zh: "含「部门名称」（标题为部门整体绩效自评表时也可为「主管部门」或「部门」）的表格，其指标表头有三级指标、年初目标值（或年度指标值）、实际完成值、得分（指标性质列只可写定量／定性）",
      en: "a table with 部门名称 (or 主管部门 / 部门 under a 部门整体绩效自评表 title) whose indicator header has 三级指标, 年初目标值 (or 年度指标值), 实际完成值, 得分 (a 指标性质 column only of 定量 / 定性)",
    },
    columns: ["budget", "executed", "name", "target", "actual", "score"],
    title: /部门整体(支出)?绩效自评|整体绩效自评/,
  },
  "department-expenditure-self-evaluation": {
    decisive: (blocks, tables) =>
      tables.some(isDepartmentExpenditureTable) && departmentExpenditureTables(blocks).length > 0,
    needs: {
      zh: "资金表头（年初预算数、预算调整数、预算确定数、执行数）或指标表头（指标性质、指标值、实际完成值）",
      en: "the funds header (年初预算数, 预算调整数, 预算确定数, 执行数) or the indicator header (指标性质, 指标值, 实际完成值)",
    },
    columns: ["initial", "adjustment", "budget", "executed", "operatorCode", "target", "actual", "unit"],
    title: /部门整体支出绩效自评表/,
  },
  "duty-activity-goals": {
    decisive: (_b, tables) => tables.some(isDutyActivityTable),
    needs: {
      zh: "表头为职责活动、绩效目标、绩效指标（评价标准 优/良/中/差）的表格",
      en: "a table headed 职责活动, 绩效目标, 绩效指标 (评价标准 优/良/中/差)",
    },
    columns: ["activity", "annualBudget", "content", "goal", "indicator", "standards"],
    title: /职责.{0,4}活动.{0,6}绩效目标|工作活动绩效目标/,
  },
  "budget-disclosure": {
    decisive: (blocks) => looksLikeDisclosure(blocks),
    needs: {
      zh: "正文中至少三项：预算信息公开、“三公”经费、政府采购、国有资产、机关运行经费",
      en: "at least three of 预算信息公开, “三公”经费, 政府采购, 国有资产, 机关运行经费 in the text",
    },
    columns: [],
    title: /部门预算(信息)?公开|预算信息公开/,
  },
  "final-account-disclosure": {
    decisive: (blocks) => looksLikeFinalAccount(blocks),
    needs: {
      zh: "部门预算公开或决算公开：标题及收支总表、财政拨款收支总表等标准公开表",
      en: "a department budget or final-account disclosure: its title and the standard tables (收支总表, 财政拨款收支总表…)",
    },
    columns: [],
    title: /(部门|单位)(决算|预算)|决算公开|预算公开/,
  },
  "three-public": {
    decisive: (blocks) => looksLikeThreePublic(blocks),
    needs: {
      zh: "正文讲“三公”经费，且写出至少两项（因公出国（境）费、公务接待费、公务用车购置及运行费）的金额",
      en: "text about 三公 with amounts for at least two of its items (因公出国（境）费, 公务接待费, 公务用车购置及运行费)",
    },
    columns: [],
    title: /三公/,
  },
  "evaluation-report": {
    decisive: (blocks) => looksLikeEvaluationReport(blocks),
    needs: {
      zh: "开头的标题为绩效（自评/评价）报告，且不是自评表或目标表",
      en: "a heading naming a performance (self-)evaluation report, not a self-evaluation or goal table",
    },
    columns: [],
    title: /(绩效|支出).{0,16}(评价|自评).{0,2}报告|自评报告|评价报告/,
  },
};

/**
 * Whether the document holds a kind by that kind's own test — computed once per document (the list of blocks):
 * `recogniseKinds` and `explainRecognition` ask the same questions of the same blocks, and the stream and table
 * tests are the costly part of an import's recognition.
 */
const decided = new WeakMap<Block[], Map<Kind, boolean>>();

export function holdsKind(kind: Kind, blocks: Block[]): boolean {
  let known = decided.get(blocks);
  if (!known) {
    known = new Map();
    decided.set(blocks, known);
  }
  let answer = known.get(kind);
  if (answer === undefined) {
    const tables = blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
    answer = TESTS[kind]?.decisive(blocks, tables) ?? false;
    known.set(kind, answer);
  }
  return answer;
}

/** A context for tests that need cell locations only. */
function contextFor(blocks: Block[]): ImportContext {
  return new ImportContext({ file: "", format: "pdf-text", blocks });
}

/** The header columns found anywhere in the tables (any row may be a header row). */
function columnsFound(tables: Table[]): Set<HeaderField> {
  const found = new Set<HeaderField>();
  for (const t of tables) {
    for (const row of t.rows.slice(0, 40)) {
      for (const f of mapColumns(row.map((c) => c.text)).keys()) found.add(f);
    }
  }
  return found;
}

const FIELD_LABEL: Partial<Record<HeaderField, string>> = {
  level1: "一级指标",
  level2: "二级指标",
  name: "三级指标",
  target: "指标值",
  actual: "实际完成值",
  weight: "分值",
  score: "得分",
  unit: "度量单位",
  operatorCode: "指标性质",
  initial: "年初预算数",
  adjustment: "预算调整数",
  budget: "预算数",
  executed: "执行数",
  activity: "职责活动",
  annualBudget: "年度预算数",
  content: "内容描述",
  goal: "绩效目标",
  indicator: "绩效指标",
  standards: "评价标准",
};

const label = (f: HeaderField) => FIELD_LABEL[f] ?? f;

/** Evidence for every kind the readers know, most confident first. */
export function explainRecognition(blocks: Block[]): KindEvidence[] {
  const tables = blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
  const paragraphs = blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
  const found = columnsFound(tables);
  const out: KindEvidence[] = [];
  for (const [kind, test] of Object.entries(TESTS) as [Kind, KindTest][]) {
    const reasons: KindEvidence["reasons"] = [];
    const decisive = holdsKind(kind, blocks);
    const have = test.columns.filter((c) => found.has(c));
    const missing = test.columns.filter((c) => !found.has(c));
    const title = paragraphs.find((p) => test.title.test(p.replace(/[\s\u3000]+/g, "")));
    const name = KIND_NAMES[kind];
    reasons.push(
      decisive
        ? { zh: `找到${name.zh}的表格结构：${test.needs.zh}`, en: `found the layout of a ${name.en}: ${test.needs.en}` }
        : {
            zh: `未找到${name.zh}的表格结构（应有${test.needs.zh}）`,
            en: `no ${name.en} layout (expected ${test.needs.en})`,
          },
    );
    if (test.columns.length > 0) {
      reasons.push({
        zh: `表头列 ${have.length}/${test.columns.length}${have.length ? `：有 ${have.map(label).join("、")}` : ""}${missing.length ? `；缺 ${missing.map(label).join("、")}` : ""}`,
        en: `header columns ${have.length}/${test.columns.length}${have.length ? `: has ${have.join(", ")}` : ""}${missing.length ? `; lacks ${missing.join(", ")}` : ""}`,
      });
    }
    if (title) reasons.push({ zh: `标题或正文提到「${clip(title)}」`, en: `the title or text says "${clip(title)}"` });
    const columnShare = test.columns.length === 0 ? (decisive ? 1 : 0) : have.length / test.columns.length;
    const confidence = Math.round(100 * ((decisive ? 0.6 : 0) + 0.25 * columnShare + (title ? 0.15 : 0)));
    out.push({ kind, recognised: decisive, confidence, reasons });
  }
  return out.sort((a, b) => Number(b.recognised) - Number(a.recognised) || b.confidence - a.confidence);
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}
