/**
 * `importDocument`: recognises what a SourceDocument holds (by its headers and content), reads every kind it
 * holds into the normalised document, and lists problems with their locations. Never throws on content.
 */

import type { OperatorCodeTable } from "@jixiao/core";
import {
  type ImportedDocument,
  type ImportResult,
  type Indicator,
  KIND_NAMES,
  KINDS,
  type Kind,
  type ProjectSelfEvaluation,
  type Summary,
} from "@jixiao/core/model";
import type { Block, SourceDocument, Table } from "../model/table.ts";
import { forgetColumnFields } from "../vocabulary/columns.ts";
import { readDisclosure } from "./budget-disclosure.ts";
import { ImportContext, norm, setSpacesFromFormat } from "./context.ts";
import { measureCoverage } from "./coverage.ts";
import { dropCutRows } from "./cut-row.ts";
import { departmentExpenditureTables, readDepartmentExpenditure } from "./department-expenditure.ts";
import { departmentSelfEvaluationTables, readDepartmentSelfEvaluation } from "./department-self-evaluation.ts";
import { isDutyActivityTable, readDutyActivityTables } from "./duty-activity.ts";
import { readEvaluationReport } from "./evaluation-report.ts";
import { readFinalAccountSource, readThreePublicPart } from "./final-account.ts";
import { gridAfter, hasIndicatorGrid, isProjectInfoTable, readProjectGoals } from "./project-goals.ts";
import { opensWithGrid, readProjectSelfEvaluations } from "./project-self-evaluation.ts";
import { explainRecognition, holdsKind } from "./recognition.ts";
import { forgetCellKinds } from "./row-fields.ts";
import { readStreamProjectSelfEvaluation } from "./stream-form.ts";
import { readThreePublic } from "./three-public.ts";
import { fenOf, fenToWanYuanText, fenToYuanText } from "./values.ts";

export * from "@jixiao/core/model";
export { countFigures, DEFAULT_COVERAGE_THRESHOLD, measureCoverage } from "./coverage.ts";
export { HEADER_SYNONYMS, headerField } from "./headers.ts";
export { explainRecognition, type KindEvidence } from "./recognition.ts";
export { readTiers } from "./values.ts";

export interface ImportOptions {
  /** Read as this kind only, whatever the recognition says. */
  kind?: Kind;
  /** 指标性质 code → operator for department expenditure self-evaluations. */
  operatorCodes?: OperatorCodeTable;
  /** The share of content lines (0–1) below which the result gives no verdict; DEFAULT_COVERAGE_THRESHOLD. */
  coverageThreshold?: number;
}

/** What each kind's recognition looks for, for the "unknown layout" message. */
export const EXPECTED_HEADERS: Record<Kind, string> = {
  "duty-activity-goals": "职责活动 | 年度预算数 | 内容描述 | 绩效目标 | 绩效指标 | 评价标准（优 良 中 差）",
  "project-goals": "项目名称 … 预算数；一级指标 | 二级指标 | 三级指标 | 指标值",
  "project-self-evaluation": "项目名称；全年预算数 | 全年执行数；三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分",
  "department-self-evaluation": "部门名称；预算数(A) | 执行数(B)；三级指标 | 年初目标值 | 实际完成值 | 得分",
  "department-expenditure-self-evaluation":
    "部门名称；年初预算数 | 预算调整数 | 预算确定数 | 执行数；指标性质 | 指标值 | 度量单位 | 实际完成值",
  "budget-disclosure": "部门预算信息公开的正文（“三公”经费、政府采购、国有资产、机关运行经费）",
  "three-public": "“三公”经费预算或决算说明（因公出国（境）费、公务接待费、公务用车购置及运行费）",
  "evaluation-report": "绩效自评或评价报告正文（预算数、执行数、执行率、自评得分）",
  "final-account-disclosure":
    "部门预算或决算公开（收支总表、财政拨款收支总表、一般公共预算财政拨款支出表、“三公”经费支出表及情况说明）",
};

function tablesOf(blocks: Block[]): Table[] {
  return blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
}

/** The kinds a document holds, most specific first. */
export function recogniseKinds(source: SourceDocument): Kind[] {
  const blocks = source.blocks;
  const holds = (kind: Kind) => holdsKind(kind, blocks);
  const kinds: Kind[] = [];
  // A 部门预算信息公开 (seed 001's county form, and what Jixiao writes from a stored budget) by its title; else a
  // department's 预算公开 / 决算公开 with the standard tables; else any text the budget-disclosure reader knows.
  const disclosure = holds("budget-disclosure");
  const heading = blocks.find((b) => b.type === "paragraph" && b.text.trim() !== "");
  const titledInfo = heading?.type === "paragraph" && /预算信息公开/.test(heading.text.replace(/\s/g, ""));
  if (disclosure && titledInfo) kinds.push("budget-disclosure");
  else if (holds("final-account-disclosure")) kinds.push("final-account-disclosure");
  else if (disclosure) kinds.push("budget-disclosure");
  if (holds("project-self-evaluation")) kinds.push("project-self-evaluation");
  else if (holds("department-self-evaluation")) kinds.push("department-self-evaluation");
  else if (holds("department-expenditure-self-evaluation")) kinds.push("department-expenditure-self-evaluation");
  if (holds("project-goals") && !kinds.includes("project-self-evaluation")) kinds.push("project-goals");
  if (holds("duty-activity-goals")) kinds.push("duty-activity-goals");
  // kinds read from prose: a 三公 statement, a narrative evaluation report (after the table kinds)
  if (holds("three-public")) kinds.push("three-public");
  if (kinds.length === 0 && holds("evaluation-report")) kinds.push("evaluation-report");
  return kinds;
}

/**
 * The recognisers read tables as text extraction shows them: a merged cell's text once, in its origin, and the
 * cells it covers empty. Readers of docx/xlsx repeat the merged text in covered cells (for readers by column);
 * this view blanks them again, so that a vertically merged activity name does not start a new activity per row.
 */
export function withCoveredCellsEmpty(source: SourceDocument): SourceDocument {
  let changed = false;
  const blocks = source.blocks.map((b): Block => {
    if (b.type !== "table" || !b.table.rows.some((row) => row.some((c) => c.mergedFrom))) return b;
    changed = true;
    const rows = b.table.rows.map((row) => row.map((c) => (c.mergedFrom ? { ...c, text: "" } : c)));
    return { type: "table", table: { ...b.table, rows } };
  });
  return changed ? { ...source, blocks } : source;
}

/**
 * A worksheet has no paragraphs: titles are rows holding one cell merged across the sheet's width, and text is a
 * one-column sheet. For xlsx sources, such rows at the top of a sheet (and every row of a one-column sheet) are
 * read as paragraphs before the sheet's table, as the same text would be in a Word document.
 */
export function titleRowsAsParagraphs(source: SourceDocument): SourceDocument {
  if (source.format !== "xlsx") return source;
  let changed = false;
  const blocks: Block[] = [];
  for (const b of source.blocks) {
    if (b.type !== "table") {
      blocks.push(b);
      continue;
    }
    const t = b.table;
    const width = t.rows[0]?.length ?? 0;
    let k = 0;
    for (; k < t.rows.length; k++) {
      const row = t.rows[k]!;
      const first = row[0];
      if (!first || first.mergedFrom || (first.rowSpan ?? 1) > 1) break;
      const text = first.text.trim();
      const rest = row.slice(1).every((c) => c.mergedFrom !== undefined || c.text.trim() === "");
      const spans = width === 1 || (first.colSpan ?? 1) === width;
      if (text === "" && row.every((c) => c.text.trim() === "")) continue;
      if (text === "" || !rest || !spans) break;
      blocks.push({
        type: "paragraph",
        text: first.text,
        location: { ...t.location, row: t.sourceRows?.[k] ?? k + 1 },
      });
    }
    if (k === 0) {
      blocks.push(b);
      continue;
    }
    changed = true;
    if (k >= t.rows.length) continue;
    const rows = t.rows
      .slice(k)
      .map((row) =>
        row.map((c) =>
          c.mergedFrom ? { ...c, mergedFrom: [c.mergedFrom[0] - k, c.mergedFrom[1]] as [number, number] } : c,
        ),
      );
    const table: Table = { ...t, rows, sourceRows: (t.sourceRows ?? t.rows.map((_, i) => i + 1)).slice(k) };
    blocks.push({ type: "table", table });
  }
  return changed ? { ...source, blocks } : source;
}

/** How much of a project form a reading holds: a name, each fund line's amounts, each indicator's values. */
function completeness(ps: ProjectSelfEvaluation[]): number {
  let n = 0;
  for (const p of ps) {
    if (p.name !== "") n += 1;
    for (const f of p.funds)
      n += [f.initial, f.budget, f.executed, f.rate, f.score].filter((x) => x !== undefined).length;
    for (const i of p.indicators)
      n += 1 + [i.target, i.actual, i.weight, i.score].filter((x) => x !== undefined).length;
    if (p.totalScore) n += 1;
  }
  return n;
}

export function importDocument(original: SourceDocument, opts: ImportOptions = {}): ImportResult {
  forgetColumnFields();
  forgetCellKinds();
  const source = withCoveredCellsEmpty(titleRowsAsParagraphs(original));
  setSpacesFromFormat(source.format);
  const ctx = new ImportContext(source);
  const doc: ImportedDocument = {
    file: source.file,
    format: source.format,
    kinds: [],
    organisations: [],
    dutyGoals: [],
    projects: [],
    projectSelfEvaluations: [],
    paragraphs: source.blocks.flatMap((b) =>
      b.type === "paragraph" ? [{ text: b.text, location: { ...b.location, file: source.file } }] : [],
    ),
    unmapped: [],
  };
  for (const note of source.notes ?? []) {
    ctx.report("info", "reader_note", note.text.zh, note.text.en, { file: source.file, ...note.location });
  }
  const firstParagraph = source.blocks.find((b) => b.type === "paragraph");
  if (firstParagraph?.type === "paragraph") doc.title = firstParagraph.text;

  const recognised = recogniseKinds(source);
  let kinds: Kind[] = recognised;
  if (opts.kind) {
    if (!KINDS.includes(opts.kind)) kinds = [];
    else kinds = [opts.kind];
    if (opts.kind && !recognised.includes(opts.kind)) {
      ctx.report(
        "warning",
        "kind_not_recognised",
        `按指定类型「${KIND_NAMES[opts.kind].zh}」读取，但文档中未找到该类型的表头（应有：${EXPECTED_HEADERS[opts.kind]}）`,
        `Reading as ${KIND_NAMES[opts.kind].en} as asked, but the document does not show its headers (expected: ${EXPECTED_HEADERS[opts.kind]})`,
        { file: source.file },
      );
    }
  }

  const tables = tablesOf(source.blocks);
  const used = new Set<Table>();
  for (const kind of kinds) {
    switch (kind) {
      case "duty-activity-goals": {
        const dt = tables.filter(isDutyActivityTable);
        dt.forEach((t) => {
          used.add(t);
        });
        doc.dutyGoals = readDutyActivityTables(ctx, dt);
        break;
      }
      case "project-goals": {
        tables
          .filter((t, i, all) => isProjectInfoTable(t, gridAfter(all, i)) || hasIndicatorGrid(t))
          .forEach((t) => {
            used.add(t);
          });
        doc.projects.push(
          ...readProjectGoals(
            ctx,
            source.blocks.filter((b) => b.type === "paragraph" || !isDutyActivityTable(b.table)),
          ),
        );
        break;
      }
      case "project-self-evaluation": {
        const byTables = new ImportContext(source);
        const tableUsed = new Set<Table>();
        const read = readProjectSelfEvaluations(byTables, source.blocks, tableUsed);
        // the cells may be in order while the rows are lost (one cell per paragraph, a table on one line): when the
        // table reading lacks the funds or the indicators, the stream reading is kept if it reads more of the form
        const byStream = new ImportContext(source);
        // (a text that opens inside the grid has no funds to find: its grid read as a table is all of it)
        const adequate =
          read.some((p) => p.indicators.length > 0 && p.funds.some((f) => f.budget !== undefined)) ||
          (read.some((p) => p.indicators.length > 0) && opensWithGrid(source.blocks));
        const streamed = adequate ? undefined : readStreamProjectSelfEvaluation(byStream, source.blocks);
        if (!streamed || completeness(read) >= completeness([streamed])) {
          ctx.adopt(byTables);
          doc.projectSelfEvaluations = read;
          for (const t of tableUsed) used.add(t);
        } else {
          ctx.adopt(byStream);
          doc.projectSelfEvaluations = [streamed];
          // the tables whose cells it read are its tables
          const touched = new Set(byStream.touched.map((l) => `${l.sheet ?? ""}|${l.table ?? ""}`));
          for (const t of tables) if (touched.has(`${t.location.sheet ?? ""}|${t.location.table ?? ""}`)) used.add(t);
        }
        break;
      }
      case "department-self-evaluation": {
        const d = readDepartmentSelfEvaluation(ctx, source.blocks);
        if (d) {
          doc.departmentSelfEvaluation = d;
          for (const t of departmentSelfEvaluationTables(source.blocks)) used.add(t);
        }
        break;
      }
      case "department-expenditure-self-evaluation": {
        const d = readDepartmentExpenditure(ctx, source.blocks, opts.operatorCodes);
        if (d) {
          doc.departmentExpenditureEvaluation = d;
          for (const t of departmentExpenditureTables(source.blocks)) used.add(t);
        }
        break;
      }
      case "final-account-disclosure": {
        const r = readFinalAccountSource(ctx, source);
        doc.finalAccount = r.disclosure;
        for (const t of r.tables) used.add(t);
        break;
      }
      case "three-public": {
        doc.threePublic = readThreePublic(ctx, source.blocks);
        // a page holding a 三公 table (统计表, 预算表, 决算表) but no whole 公开: its table is read as the disclosure
        // reader reads one, so that the 三公 table's own rules (sums, narrative against the table) run on it
        if (!doc.finalAccount) {
          const part = readThreePublicPart(ctx, source.blocks);
          if (part) {
            doc.finalAccount = part.disclosure;
            for (const t of part.tables) used.add(t);
          }
        }
        break;
      }
      case "evaluation-report": {
        doc.evaluationReport = readEvaluationReport(ctx, source.blocks);
        break;
      }
      case "budget-disclosure": {
        doc.disclosure = readDisclosure(ctx, source.blocks);
        tables.forEach((t) => {
          used.add(t);
        });
        // The goal tables are part of the disclosure: read them even when only this kind was asked for.
        if (!kinds.includes("duty-activity-goals"))
          doc.dutyGoals = readDutyActivityTables(ctx, tables.filter(isDutyActivityTable));
        break;
      }
    }
  }
  doc.kinds = kinds;
  dropCutRows(ctx, doc);

  if (kinds.length === 0) {
    const expected = KINDS.map((k) => `${KIND_NAMES[k].zh}：${EXPECTED_HEADERS[k]}`).join("；");
    ctx.report(
      "error",
      "unknown_layout",
      `无法识别文档类型。支持的类型及应有的表头：${expected}`,
      `The kind of document could not be recognised. Expected one of: ${KINDS.map((k) => `${KIND_NAMES[k].en} (${EXPECTED_HEADERS[k]})`).join("; ")}`,
      { file: source.file },
    );
  } else {
    // Every row is imported or reported: rows of tables that no recogniser took.
    for (const t of tables) {
      if (used.has(t)) continue;
      for (let r = 0; r < t.rows.length; r++) ctx.unmappedRow(t, r, { zh: "表格未被识别", en: "table not recognised" });
    }
  }
  doc.organisations = organisationsOf(doc);
  doc.unmapped = ctx.unmapped;
  const coverage = measureCoverage(source.blocks, doc, used, opts.coverageThreshold, ctx.touched);
  doc.coverage = coverage;
  if (kinds.length > 0 && !coverage.sufficient) {
    ctx.report(
      "warning",
      "coverage_insufficient",
      `读出的内容不足以判断：${coverage.reasons.map((r) => r.zh).join("；")}。审核和评分不给结论（未能判断）`,
      `Too little of the document was read to judge: ${coverage.reasons.map((r) => r.en).join("; ")}. Review and scoring give no verdict`,
      { file: source.file },
    );
  }
  const kind = kinds[0] ?? null;
  return {
    kind,
    kinds,
    summary: summarise(doc, kind, ctx.problems),
    problems: ctx.problems,
    document: doc,
    coverage,
    recognition: explainRecognition(source.blocks),
  };
}

function organisationsOf(doc: ImportedDocument): ImportedDocument["organisations"] {
  const orgs: ImportedDocument["organisations"] = [];
  const canon = (n: string) =>
    norm(n)
      .replace(/公安交通警察/g, "交警")
      .replace(/^(河北省|.{2,3}省)/, "");
  const add = (name: string, code?: string) => {
    if (name === "") return;
    const c = canon(name);
    const same = orgs.find((o) => {
      const oc = canon(o.name);
      return oc === c || oc.endsWith(c) || c.endsWith(oc);
    });
    if (same) {
      if (code && !same.code) same.code = code;
      if (same.name !== name && !(same.aliases ?? []).includes(name)) {
        same.aliases ??= [];
        same.aliases.push(name);
      }
      return;
    }
    const o: ImportedDocument["organisations"][number] = { name };
    if (code) o.code = code;
    orgs.push(o);
  };
  for (const u of doc.disclosure?.units ?? []) add(u.name);
  if (doc.disclosure?.organisation && orgs.length === 0) add(doc.disclosure.organisation);
  if (doc.finalAccount?.organisation) add(doc.finalAccount.organisation);
  for (const t of doc.dutyGoals) if (t.organisation) add(t.organisation.name, t.organisation.code);
  for (const p of doc.projects) if (p.organisation) add(p.organisation.name, p.organisation.code);
  for (const p of doc.projectSelfEvaluations) if (p.department) add(p.department);
  if (doc.departmentSelfEvaluation) add(doc.departmentSelfEvaluation.organisation);
  if (doc.departmentExpenditureEvaluation) add(doc.departmentExpenditureEvaluation.organisation);
  return orgs;
}

/** Every indicator of the document. */
export function allIndicators(doc: ImportedDocument): Indicator[] {
  return [
    ...doc.dutyGoals.flatMap((t) =>
      t.duties.flatMap((d) => [...d.indicators, ...d.activities.flatMap((a) => a.indicators)]),
    ),
    ...doc.projects.flatMap((p) => p.indicators),
    ...doc.projectSelfEvaluations.flatMap((p) => p.indicators),
    ...(doc.departmentSelfEvaluation?.indicators ?? []),
    ...(doc.departmentExpenditureEvaluation?.indicators ?? []),
  ];
}

function sumFen(values: (bigint | undefined)[]): bigint | undefined {
  const known = values.filter((v): v is bigint => v !== undefined);
  return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0n);
}

/** The budget total of the document's main kind, and what it is. */
function budgetTotal(doc: ImportedDocument, kind: Kind | null): { fen?: bigint; basis?: string } {
  switch (kind) {
    case "duty-activity-goals":
      return {
        fen: sumFen(doc.dutyGoals.flatMap((t) => t.duties.map((d) => fenOf(d.budget)))),
        basis: "职责年度预算数合计 / sum of duty budgets",
      };
    case "project-goals":
      return {
        fen: sumFen(doc.projects.map((p) => fenOf(p.budget))),
        basis: "项目预算数合计 / sum of project budgets",
      };
    case "project-self-evaluation":
      return {
        fen: sumFen(doc.projectSelfEvaluations.map((p) => fenOf(p.funds[0]?.budget))),
        basis: "全年预算数合计 / sum of full-year budgets",
      };
    case "department-self-evaluation": {
      const d = doc.departmentSelfEvaluation;
      return {
        fen: fenOf(d?.budget?.budget) ?? fenOf(d?.report?.budget),
        basis: "纳入绩效考核的预算数(A) / budget under evaluation",
      };
    }
    case "department-expenditure-self-evaluation": {
      const total = doc.departmentExpenditureEvaluation?.budgetRows.find((r) => r.category === "total");
      return { fen: fenOf(total?.budget), basis: "预算确定数（年度资金总额）/ final budget" };
    }
    case "budget-disclosure":
      return { fen: fenOf(doc.disclosure?.overview?.total), basis: "部门收入共计 / stated department income" };
    default:
      return {};
  }
}

function summarise(doc: ImportedDocument, kind: Kind | null, problems: ImportResult["problems"]): Summary {
  const duties = doc.dutyGoals.reduce((n, t) => n + t.duties.length, 0);
  const activities = doc.dutyGoals.reduce((n, t) => n + t.duties.reduce((m, d) => m + d.activities.length, 0), 0);
  const projects =
    doc.projects.length + doc.projectSelfEvaluations.length + (doc.departmentSelfEvaluation?.projects.length ?? 0);
  const total = budgetTotal(doc, kind);
  const summary: Summary = {
    organisations: doc.organisations.length,
    duties,
    activities,
    projects,
    indicators: allIndicators(doc).length,
    problems: {
      error: problems.filter((p) => p.severity === "error").length,
      warning: problems.filter((p) => p.severity === "warning").length,
      info: problems.filter((p) => p.severity === "info").length,
    },
  };
  if (total.fen !== undefined) {
    summary.budgetTotalYuan = fenToYuanText(total.fen);
    summary.budgetTotalWanYuan = fenToWanYuanText(total.fen);
  }
  if (total.basis) summary.budgetTotalBasis = total.basis;
  return summary;
}
