/**
 * Narrative 绩效评价（自评）报告 — 项目支出 and 部门整体支出 — whose figures are in sentences: 预算, 执行数, 执行率,
 * 得分, 等级, and project counts (`共开展4个项目，分别是…`). Each figure keeps where it was read.
 *
 * An amount's meaning comes from the words before it in its clause: 年初（批复）预算 → initial budget; 调整后预算 /
 * 全年预算 / 预算（经费、资金、数）→ budget; 支出 / 执行数 / 实际使用 / 总支出 → executed; a clause that starts with
 * 其中 or names 基本支出 / 项目支出 / 上年结转 / 到位资金 is a part, not the whole. Budget, executed and rate stated in
 * one sentence make one project (named by the numbered heading above it).
 *
 * Problems, each with its location: a stated rate that is not executed ÷ budget (to the stated decimals), a
 * count that does not match the names listed after it, a score over 100, score parts that do not add up.
 * A score table written one cell per paragraph (投入 / 15 / 11.54 … 总分 / 100 / 80.14) is read as well.
 */
import { decimal } from "@jixiao/core";
import type { EvaluationReport, ImportLocation, NarrativeFigure, NumberValue } from "@jixiao/core/model";
import type { Block } from "../model/table.ts";
import {
  type FoundAmount,
  findAmounts,
  findCounts,
  findPercents,
  locate,
  normalizeNarrative,
  type Passage,
  passageOf,
} from "../narrative/index.ts";
import type { ImportContext } from "./context.ts";
import { amountOf } from "./three-public.ts";
import { fenToYuanText } from "./values.ts";

/** The name of a report: 绩效评价报告, 绩效自评报告, 自评情况报告, 自评总结报告, 评价工作报告, 自评结果报告 … */
const TITLE =
  /(?:绩效|支出)[^。；;]{0,16}?(?:评价|自评)(?:情况|工作|结果|总结|结论)*报告|(?:自评|评价)(?:情况|工作|结果|总结|结论)*报告/;

/** A sentence that announces the report it opens: `现将2022年…绩效自评总结报告如下`. Group 1: the report's name. */
const ANNOUNCED = new RegExp(
  `(?:现将|现就|特将|现把)[ \t]*([^。；;\n]{2,80}?(?:${TITLE.source}))[ \t]*(?:如下|报告如下)`,
);

/**
 * Words a narrative evaluation report says of itself when its title is not in the text (a page cut before it, a
 * copy that drops it): that it evaluated (对…进行绩效评价 / 自评), what its evaluation was (评价原则, 评价方法, 自评结论,
 * 绩效目标完成情况 …). Each pattern counts once.
 */
const SAYS_IT_EVALUATES: RegExp[] = [
  /对[^。；;]{0,80}?(?:进行|开展|组织)了?[^。；;]{0,6}?(?:绩效)?(?:自评|评价|自我评价)/,
  /(?:绩效)?(?:自评|评价)(?:工作)?(?:开展|完成)?情况/,
  /评价(?:原则|方法|重点|依据|指标体系|对象|范围|目的)/,
  /(?:自评|评价)(?:得分|结论|结果|等级)/,
  /绩效目标(?:[^。；;]{0,4}?)(?:完成|实现)情况/,
  /本次(?:绩效)?(?:自评|评价)/,
];

/** The report's name: a title line of the head, else the report a head sentence announces. */
function titleOf(head: string[]): string | undefined {
  const line = head.find((t) => TITLE.test(t) && t.length <= 80 && !/^\s*-\s/.test(t));
  // a breadcrumb (`您现在的位置: 首页 > 通知公告 > …报告`) names the page last
  if (line)
    return line
      .split(/\s[>»›]\s|[>»›]{1,2}/)
      .pop()!
      .trim();
  for (const t of head) {
    const m = ANNOUNCED.exec(normalizeNarrative(t));
    if (m) return m[1]!.trim();
  }
  return undefined;
}

export function looksLikeEvaluationReport(blocks: Block[]): boolean {
  const paras = blocks.filter((b): b is Extract<Block, { type: "paragraph" }> => b.type === "paragraph");
  const head = paras.filter((p) => p.text.trim() !== "").slice(0, 12);
  // a page whose head names a 自评表 / 目标表 is a table kind, even when its menu says 绩效自评报告
  if (head.some((p) => /(?:自评|目标|评价)表/.test(p.text))) return false;
  if (titleOf(head.map((p) => p.text))) return true;
  // no title: prose that says, in at least three ways, that it evaluates, and states an amount
  const prose = normalizeNarrative(head.map((p) => p.text).join("\n")).slice(0, 3000);
  const says = SAYS_IT_EVALUATES.filter((re) => re.test(prose)).length;
  return says >= 3 && /绩效/.test(prose) && findAmounts(prose).some((a) => a.fen !== undefined);
}

type Role = "initialBudget" | "budget" | "executed";

const CLAUSE_END = /[。；;，,：:\n]/;

function clauseBefore(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && !CLAUSE_END.test(text[i]!)) i--;
  return text.slice(i + 1, at);
}

function sentenceStart(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && !/[。；;\n]/.test(text[i]!)) i--;
  return i + 1;
}

/**
 * An organisation named in the text: a place (省, 市, 县, 区 …, one or more) and a body (局, 大队, 委员会, 政协 …),
 * with a unit under it (公安局硚口区交通大队), starting a clause or right after a year (`2017年武汉市公安局…`,
 * `欢迎来到南县政协网站`); not inside a citation (《…》, （…）).
 */
const ORG_BODY = "(?:委员会|办公室|政协|政府|人大|大队|支队|中队|分局|中心|局|院|所|站|厅|委|办|队)";
const ORG = new RegExp(
  `(?<=^|[^\\u4e00-\\u9fff\\d]|年度?|来到|访问|由|是|为)((?:[\\u4e00-\\u9fff]{1,6}?(?:省|市|县|区|州|盟|旗|自治区))+[\\u4e00-\\u9fff]{0,10}?${ORG_BODY}(?:[\\u4e00-\\u9fff]{1,6}?(?:区|县|市|镇|乡|街道)[\\u4e00-\\u9fff]{0,8}?${ORG_BODY})?)`,
  "g",
);

function organisationIn(text: string): string | undefined {
  const open = text.replace(/[《〔(（][^》〕)）]*[》〕)）]/g, (m) => "＿".repeat(m.length));
  for (const m of open.matchAll(ORG)) {
    // `欢迎来到南县政协网站`: the words of the welcome are not the name
    const org = m[1]!.replace(/^(?:欢迎)?(?:来到|访问|光临)?/, "");
    if (org.length < 3) continue;
    // a body of money words (财政专项资金管理办…) is no organisation
    if (/资金|项目|经费|预算|绩效/.test(org)) continue;
    return org;
  }
  return undefined;
}

/** What an amount is, from the words before it in its clause; undefined for parts and other money. */
export function roleOf(clause: string): Role | undefined {
  const c = clause.replace(/\s/g, "");
  // paid out to the projects (已完成拨付, 累计拨付, 实际拨付), not allocated to the unit (上级拨付, 拨付到位)
  if (!/^其中/.test(c) && /(?:已|完成|实际|累计)(?:完成)?(?:拨付|支付)(?:资金)?(?:共|合计)?(?:为|是)?$/.test(c))
    return "executed";
  if (/^其中|基本支出|项目支出|人员经费|公用经费|上年结转|结转|结余|到位|拨付|下达资金|收入|三公/.test(c))
    return undefined;
  if (/年初(?:批复|下达)?(?:的)?(?:预算)?/.test(c) && /预算|批复/.test(c)) return "initialBudget";
  if (/支出|执行数|执行金额|已执行|实际使用|使用资金|(?:已|累计|共)使用|完成支出|完成投资|实际执行|决算/.test(c))
    return "executed";
  if (/预算/.test(c)) return "budget";
  // the money planned: 计划投资, 总投资, 项目资金共 / 资金总额
  if (/(?:计划|总)投资(?:额|总额)?(?:为|是|共)?$|资金(?:总额|总计|合计|共计|共)(?:为|是)?$/.test(c)) return "budget";
  return undefined;
}

/** The words an amount follows, as roleOf reads them: its clause, or the label before a colon (`2、支出：799.12万元`). */
function labelBefore(text: string, at: number): string {
  const clause = clauseBefore(text, at);
  if (clause.trim() !== "") return clause;
  const colon = at - 1;
  if (colon >= 0 && /[：:]/.test(text[colon]!)) return clauseBefore(text, colon);
  return clause;
}

const GRADE = /(优秀|良好|优|良|中等|中|合格|不合格|差)/;

export function readEvaluationReport(ctx: ImportContext, blocks: Block[]): EvaluationReport {
  const passage = passageOf(blocks, ctx.file);
  const text = normalizeNarrative(passage.text);
  const paras = blocks.filter((b): b is Extract<Block, { type: "paragraph" }> => b.type === "paragraph");
  const title = titleOf(paras.slice(0, 12).map((p) => p.text));
  const result: EvaluationReport = { scope: "unknown", projectNames: [], projects: [], sections: [] };
  if (title) {
    result.title = title;
    result.scope = /整体/.test(title) ? "department" : /项目/.test(title) ? "project" : "unknown";
    const y = /((?:19|20)\d{2})[ \t]*年/.exec(normalizeNarrative(title));
    if (y) {
      result.year = Number(y[1]);
      const org = title.slice(0, y.index).replace(/^[\s“"]+|[\s”"]+$/g, "");
      if (org.length >= 2) result.organisation = org;
    }
  }

  if (!result.organisation) {
    const m = /(?:单位|部门)名称(?:[(（][^)）]*[)）])?[ \t]*[：:]?[ \t]*([^\s，,。；;]{2,40})/.exec(text);
    if (m) result.organisation = m[1]!;
  }
  if (!result.organisation) {
    const org = organisationIn(text.slice(0, 1500));
    if (org) result.organisation = org;
  }
  readAmounts(ctx, passage, text, result);
  readRate(ctx, passage, text, result);
  readScore(ctx, passage, text, result);
  readScoreCells(ctx, paras, result);
  readGrade(ctx, passage, text, result);
  readCount(ctx, passage, result);
  checkRates(ctx, result);
  checkScore(ctx, result);
  return result;
}

function figureOf(a: FoundAmount, location: ImportLocation): NarrativeFigure {
  return { amount: amountOf(a), origin: "stated", location };
}

const HEADING = /^\s*(?:\d+|[一二三四五六七八九十]+)[.、．]\s*([^\s。，,；;]{2,40}?(?:项目|经费|资金|工程|专项))\s*$/;

function readAmounts(ctx: ImportContext, passage: Passage, text: string, result: EvaluationReport): void {
  const bySentence = new Map<number, EvaluationReport["projects"][number]>();
  const percents = findPercents(passage.text);
  // 总支出 X，其中基本支出 A，项目支出 B: the parts of a whole stated in the same sentence
  const parts = new Map<number, { whole?: { a: FoundAmount; role: Role }; parts: FoundAmount[] }>();
  for (const a of findAmounts(passage.text)) {
    if (a.fen === undefined || a.approximate) continue;
    const clause = labelBefore(text, a.start);
    const role = roleOf(clause);
    const s0 = sentenceStart(text, a.start);
    const entry = parts.get(s0) ?? { parts: [] };
    parts.set(s0, entry);
    if (role && role !== "initialBudget" && !entry.whole) entry.whole = { a, role };
    else if (entry.whole && /基本支出|项目支出/.test(clause)) entry.parts.push(a);
    if (!role) continue;
    const location = locate(passage, a.start, role);
    ctx.touch(location);
    const figure = figureOf(a, location);
    if (!result[role]) result[role] = figure;
    if (role === "initialBudget") continue;
    const s = sentenceStart(text, a.start);
    let project = bySentence.get(s);
    if (!project) {
      project = { location: locate(passage, s) };
      const name = headingAbove(passage, s) ?? subjectOf(clauseBefore(text, a.start));
      if (name) project.name = name;
      bySentence.set(s, project);
      result.projects.push(project);
    }
    if (!project[role]) project[role] = figure;
    // the rate stated in the same sentence
    let e = s;
    while (e < text.length && !/[。；;\n]/.test(text[e]!)) e++;
    const rate = percents.find(
      (p) => p.start > s && p.start < e && /执行率|支出率|执行进度/.test(clauseBefore(text, p.start)),
    );
    if (rate && !project.rate) {
      project.rate = {
        percent: { text: rate.text, percent: rate.percent },
        location: locate(passage, rate.start, "rate"),
      };
    }
  }
  // sentences with only one of budget / executed are not projects
  result.projects = result.projects.filter((p) => p.budget || p.executed || p.rate);
  for (const { whole, parts: ps } of parts.values()) {
    if (!whole || ps.length < 2) continue;
    const sum = ps.reduce((acc, p) => acc + p.fen!, 0n);
    if (sum === whole.a.fen) continue;
    ctx.report(
      "warning",
      "report_parts_sum",
      `「${whole.a.text}」不等于其后所列 ${ps.map((p) => `「${p.text}」`).join("、")} 之和 ${fenToYuanText(sum)}元`,
      `"${whole.a.text}" is not the sum of the parts listed after it (${ps.map((p) => p.text).join(", ")}), ${fenToYuanText(sum)} yuan`,
      locate(passage, whole.a.start, whole.role),
    );
  }
}

/**
 * The project a clause is about when it names one before its money word: `我县2022年农村公路通村道路建设项目计划投资`
 * → 2022年农村公路通村道路建设项目 (without 我县 / 本单位 / 该 before it).
 */
function subjectOf(clause: string): string | undefined {
  const m =
    /^(?:[\d一二三四五六七八九十]+[、.．]\s*)?(?:(?:我|本|该)(?:县|市|区|局|单位|部门|镇|乡)?)?(\S{2,40}?(?:项目|工程))(?:计划|总|预算|资金|共|实际|全年|年度|已)/.exec(
      clause.trim(),
    );
  return m?.[1];
}

/** The numbered heading (`1.中央和省级政法纪检监察转移支付项目`) nearest above an offset. */
function headingAbove(passage: Passage, offset: number): string | undefined {
  for (let i = passage.spans.length - 1; i >= 0; i--) {
    const sp = passage.spans[i]!;
    if (sp.start > offset) continue;
    const t = passage.text.slice(sp.start, sp.end);
    if (HEADING.test(normalizeNarrative(t))) return t.trim().replace(/^(?:\d+|[一二三四五六七八九十]+)[.、．]\s*/, "");
  }
  return undefined;
}

function readRate(ctx: ImportContext, passage: Passage, text: string, result: EvaluationReport): void {
  for (const p of findPercents(passage.text)) {
    if (!/执行率|支出率|执行进度/.test(clauseBefore(text, p.start))) continue;
    const location = locate(passage, p.start, "rate");
    ctx.touch(location);
    result.rate = { percent: { text: p.text, percent: p.percent }, location };
    return;
  }
}

const SCORE_RE =
  /(?:自评|评价|综合|最终|绩效|考核)?(?:得分|总分|评分|总得分)(?:为|是|达到|达)?[：:]?[ \t]*(\d+(?:\.\d+)?)[ \t]*分/g;

function readScore(ctx: ImportContext, passage: Passage, text: string, result: EvaluationReport): void {
  for (const m of text.matchAll(SCORE_RE)) {
    if (/分值|满分/.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    const at = m.index + m[0].indexOf(m[1]!, m[0].length - m[1]!.length - 3);
    const location = locate(passage, at, "score");
    ctx.touch(location);
    result.score = { value: { text: m[0], value: m[1]! }, location };
    return;
  }
}

const NUMBER_CELL = /^\s*(\d+(?:\.\d+)?)\s*分?\s*$/;
const TOTAL_LABEL = /^(?:总分|合计|总计|评价结果|综合得分|自评得分|得分合计|总得分)$/;
const NOT_SECTION = /^(?:分值|实际得分|得分|评价指标|评价准则|指标|绩效评价等级|绩效评级|权重|一级指标)$/;

/** A score table written one cell per paragraph: `投入` / `15` / `11.54` … `总分` / `100` / `80.06`. */
function readScoreCells(
  ctx: ImportContext,
  paras: Extract<Block, { type: "paragraph" }>[],
  result: EvaluationReport,
): void {
  const cells = paras.filter((p) => p.text.trim() !== "");
  const sections: EvaluationReport["sections"] = [];
  for (let i = 0; i < cells.length; i++) {
    const label = normalizeNarrative(cells[i]!.text).replace(/\s/g, "");
    if (label.length > 8 || NUMBER_CELL.test(label) || NOT_SECTION.test(label) || !/^[\u4e00-\u9fff]+$/.test(label))
      continue;
    const nums: { v: NumberValue; at: number }[] = [];
    for (let j = i + 1; j < cells.length && nums.length < 2; j++) {
      const m = NUMBER_CELL.exec(normalizeNarrative(cells[j]!.text));
      if (!m) break;
      nums.push({ v: { text: cells[j]!.text.trim(), value: m[1]! }, at: j });
    }
    if (nums.length === 0) continue;
    const last = nums[nums.length - 1]!;
    const loc: ImportLocation = { file: ctx.file };
    const b = cells[last.at]!;
    if (b.location.row !== undefined) loc.row = b.location.row;
    if (b.location.page !== undefined) loc.page = b.location.page;
    ctx.touch(loc);
    if (TOTAL_LABEL.test(label)) {
      if (!result.score) {
        result.score = { value: last.v, location: { ...loc, field: "score" } };
        if (nums.length === 2) result.score.max = nums[0]!.v;
      }
      if (sections.length > 0) result.sections = sections;
      return;
    }
    if (nums.length === 2) {
      sections.push({ label, points: nums[0]!.v, score: last.v, location: loc });
      i = last.at;
    }
  }
}

function readGrade(ctx: ImportContext, passage: Passage, text: string, result: EvaluationReport): void {
  const re =
    /(?:等级|评级|评定|评价结果|结论)(?:为|是|评定为|：|:)[ \t]*[“"「]?(优秀|良好|优|良|中等|中|合格|不合格|差)(?![（(\d])/g;
  for (const m of text.matchAll(re)) {
    // a scale (`总分≥90分，优；80分≤总分<90，良`) names several grades with numbers: not a grade
    let e = m.index;
    while (e < text.length && !/[。\n]/.test(text[e]!)) e++;
    const sentence = text.slice(sentenceStart(text, m.index), e);
    const grades = new Set(sentence.match(new RegExp(GRADE.source, "g")) ?? []);
    if (grades.size >= 2 && /\d/.test(sentence)) continue;
    const at = m.index + m[0].length - m[1]!.length;
    const location = locate(passage, at, "grade");
    ctx.touch(location);
    result.grade = { text: m[1]!, location };
    return;
  }
}

function readCount(ctx: ImportContext, passage: Passage, result: EvaluationReport): void {
  const count = findCounts(passage.text)[0];
  if (!count) return;
  const location = locate(passage, count.start, "projectCount");
  ctx.touch(location);
  result.projectCount = { stated: count.stated, text: count.text, location };
  result.projectNames = count.names.map((n) => ({ name: n.name, location: locate(passage, n.start, "projectName") }));
  if (count.names.length > 0 && count.names.length !== count.stated) {
    ctx.report(
      "warning",
      "report_count_mismatch",
      `文中写「${count.text}」，其后列出 ${count.names.length} 个项目名称`,
      `The text says "${count.text}" (${count.stated}) but lists ${count.names.length} project names after it`,
      location,
    );
  }
}

function checkRates(ctx: ImportContext, result: EvaluationReport): void {
  const groups = [...result.projects];
  for (const g of groups) {
    if (!g.rate || !g.budget?.amount.fen || g.executed?.amount.fen === undefined) continue;
    const budget = BigInt(g.budget.amount.fen);
    if (budget === 0n) continue;
    const stated = g.rate.percent.percent;
    if (stated === undefined) continue;
    const decimals = stated.split(".")[1]?.length ?? 0;
    const computed = decimal.toFixed(
      decimal.div(
        decimal.mul(decimal.fromInt(BigInt(g.executed.amount.fen)), decimal.fromInt(100)),
        decimal.fromInt(budget),
      ),
      decimals,
    );
    if (decimal.cmp(decimal.parseDecimal(computed)!, decimal.parseDecimal(stated)!) !== 0) {
      ctx.report(
        "warning",
        "report_rate_mismatch",
        `执行率写「${g.rate.percent.text}」，按执行数 ${fenToYuanText(BigInt(g.executed.amount.fen))}元 ÷ 预算 ${fenToYuanText(budget)}元 计算为 ${computed}%`,
        `The stated execution rate "${g.rate.percent.text}" is not executed ${fenToYuanText(BigInt(g.executed.amount.fen))} / budget ${fenToYuanText(budget)} yuan = ${computed}%`,
        g.rate.location,
      );
    }
  }
}

function checkScore(ctx: ImportContext, result: EvaluationReport): void {
  const score = result.score?.value.value;
  if (score !== undefined && decimal.cmp(decimal.parseDecimal(score)!, decimal.fromInt(100)) > 0) {
    ctx.report(
      "error",
      "report_score_over_100",
      `得分「${result.score!.value.text}」超过满分 100 分`,
      `The score "${result.score!.value.text}" is over the maximum of 100`,
      result.score!.location,
    );
  }
  if (score !== undefined && result.sections.length > 0) {
    const sum = decimal.sum(result.sections.map((s) => decimal.parseDecimal(s.score.value ?? "0") ?? decimal.ZERO));
    if (decimal.cmp(sum, decimal.parseDecimal(score)!) !== 0) {
      ctx.report(
        "warning",
        "report_sections_sum",
        `各部分得分之和 ${decimal.toDecimalString(sum)} 不等于总分「${result.score!.value.text}」`,
        `The parts' scores add up to ${decimal.toDecimalString(sum)}, not the total "${result.score!.value.text}"`,
        result.score!.location,
      );
    }
  }
}
