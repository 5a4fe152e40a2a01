/**
 * Project goals published as an outline rather than a grid: the indicator tree written as headings and lines, one
 * paragraph each, as departments' goal disclosures do when a web page flattens their table —
 *
 *   狂犬、乙肝、流感等疫苗及美沙酮药物        a project's name, then its amount
 *   3000000
 *      产出指标                            a 一级 heading
 *       成本指标(必填硬性指标)               a 二级 heading (a note in brackets allowed)
 *        按照物价部门定价标准采购            an indicator's name, then its value
 *   100%
 *
 * or `【产出指标-数量指标】` (一级 and 二级 in one heading) followed by `指标1:机柜数量(≥77台)` (the value in brackets).
 * The headings are known by the indicator framework (core's level1Of / level2Of), the values by their shape; a
 * project is the last name-and-amount pair before its first heading. Nothing here is particular to a province.
 */
import { level1Of, level2Of } from "@jixiao/core";
import type { Indicator, Project } from "@jixiao/core/model";
import type { Block } from "../model/table.ts";
import { type ImportContext, tidy, unitIn, yearIn } from "./context.ts";
import { cellKind } from "./row-fields.ts";
import { readTarget } from "./values.ts";

type Para = { text: string; row?: number };

const AMOUNT = /^\d[\d,]*(\.\d+)?$/;
/** `指标1:机柜数量(≥77台)`: a numbered indicator with its value in the last brackets. */
const NUMBERED = /^(?:指标|三级指标)\s*\d+\s*[:：]\s*(.+?)\s*[(（]([^()（）]+)[)）]\s*$/;

/** The 一级 and 二级 a heading names, if it is one: `产出指标`, `成本指标(必填)`, `【效益指标-社会效益指标】`. */
export function outlineHeading(text: string): { level1?: string; level2?: string } | undefined {
  const t = text
    .replace(/[\s\u3000]+/g, "")
    .replace(/^【(.*)】$/, "$1")
    .replace(/[(（][^()（）]*[)）]$/, "");
  if (t.length === 0 || t.length > 24) return undefined;
  const parts = t.split(/[-－—–]/).filter((p) => p !== "");
  if (parts.length === 2 && level1Of(parts[0]!) !== undefined && level2Of(parts[1]!) !== undefined)
    return { level1: parts[0]!, level2: parts[1]! };
  if (parts.length !== 1) return undefined;
  if (level1Of(t) !== undefined && level2Of(t) === undefined) return { level1: t };
  if (level2Of(t) !== undefined) return { level2: t };
  return undefined;
}

/** A paragraph that is an indicator's value (100%, ≥90%, 2024年底前, 30万元, 40), not a name. */
function isValue(text: string): boolean {
  if (NUMBERED.test(text) || /^【/.test(text)) return false;
  const k = cellKind(text);
  return k === "value" || k === "percent" || k === "number";
}

function paragraphs(blocks: Block[]): Para[] {
  return blocks.flatMap((b) =>
    b.type === "paragraph" && tidy(b.text) !== ""
      ? [{ text: tidy(b.text), ...(b.location.row !== undefined ? { row: b.location.row } : {}) }]
      : [],
  );
}

/** Whether the document's paragraphs hold an indicator outline (three indicators under framework headings). */
export function hasGoalOutline(blocks: Block[]): boolean {
  return readOutline(paragraphs(blocks)).some((p) => p.indicators.length >= 3);
}

interface OutlineProject {
  name: string;
  amount?: Para;
  unitText?: string;
  at?: number;
  indicators: { level1: string; level2: string; name: string; value: string; row?: number }[];
  purpose?: string | undefined;
  goal?: string | undefined;
  /** The lines read for it (name, amount, headings, values). */
  read: number[];
}

function readOutline(paras: Para[]): OutlineProject[] {
  const out: OutlineProject[] = [];
  let current: OutlineProject | undefined;
  let level1 = "";
  let level2 = "";
  let unitText: string | undefined;
  let inTree = false;
  for (let k = 0; k < paras.length; k++) {
    const p = paras[k]!;
    const next = paras[k + 1];
    if (/^(金额)?单位[：:]/.test(p.text)) unitText = p.text;
    // a heading's words followed by a value are an indicator (服务对象满意度 / 100%), not a heading
    const heading = next && isValue(next.text) && inTree && !/^【/.test(p.text) ? undefined : outlineHeading(p.text);
    if (heading) {
      if (current && p.row !== undefined) current.read.push(p.row);
      if (!current) continue;
      if (heading.level1) level1 = heading.level1;
      if (heading.level2) level2 = heading.level2;
      else level2 = "";
      inTree = true;
      continue;
    }
    // a name and its amount starts a project (the last such pair before the tree's first heading)
    if (next && AMOUNT.test(next.text.replace(/\s/g, "")) && !AMOUNT.test(p.text) && !isValue(p.text)) {
      // inside a tree, `name / 40` may be an indicator and its value: a project's amount is followed by a heading,
      // a 【…】 block (项目概况, 总体目标), a code or nothing — an indicator's value by the next indicator's name
      const after = paras[k + 2];
      const starts =
        !inTree ||
        !after ||
        outlineHeading(after.text) !== undefined ||
        /^【/.test(after.text) ||
        AMOUNT.test(after.text);
      if (starts) {
        current = {
          name: p.text,
          amount: next,
          indicators: [],
          read: [p.row, next.row].filter((r) => r !== undefined),
          ...(p.row !== undefined ? { at: p.row } : {}),
        };
        if (unitText) current.unitText = unitText;
        out.push(current);
        level1 = "";
        level2 = "";
        inTree = false;
        k += 1;
        continue;
      }
    }
    // the project's overview and goal before its tree: 【项目概况】:… and 【总体目标】 / its text
    if (current && !inTree) {
      const overview = /^【(项目概况|项目内容)】\s*[:：]?\s*(.*)$/.exec(p.text);
      const goal = /^【?(总体目标|年度目标|绩效目标)】?\s*[:：]?\s*(.*)$/.exec(p.text);
      if (overview) {
        current.purpose = overview[2] || next?.text;
        if (p.row !== undefined) current.read.push(p.row);
        continue;
      }
      if (goal && p.text.length <= 8 + goal[2]!.length) {
        current.goal = goal[2] || (next && !outlineHeading(next.text) ? next.text : undefined);
        for (const row of [p.row, goal[2] ? undefined : next?.row]) if (row !== undefined) current.read.push(row);
        if (!goal[2] && next && !outlineHeading(next.text)) k += 1;
        continue;
      }
    }
    if (!current || !inTree || (level1 === "" && level2 === "")) continue;
    const numbered = NUMBERED.exec(p.text);
    if (numbered) {
      current.indicators.push({
        level1,
        level2,
        name: numbered[1]!,
        value: numbered[2]!,
        ...(p.row !== undefined ? { row: p.row } : {}),
      });
      continue;
    }
    if (next && !isValue(p.text) && isValue(next.text) && !outlineHeading(next.text)) {
      current.indicators.push({
        level1,
        level2,
        name: p.text,
        value: next.text,
        ...(p.row !== undefined ? { row: p.row } : {}),
      });
      if (next.row !== undefined) current.read.push(next.row);
      k += 1;
    }
  }
  // a project is the last name-and-amount before its tree: pairs with no indicators before another pair are its
  // department, unit or category lines (部门 92156434 → 单位 27955180 → 其他运转类 1681680 → the project)
  return out.filter((p) => p.indicators.length > 0);
}

/** Reads the projects of an indicator outline. */
export function readGoalOutline(ctx: ImportContext, blocks: Block[]): Project[] {
  const projects: Project[] = [];
  const year = blocks.map((b) => (b.type === "paragraph" ? yearIn(b.text) : undefined)).find((y) => y !== undefined);
  for (const o of readOutline(paragraphs(blocks))) {
    const location = ctx.line(o.at);
    const project: Project = { name: o.name, indicators: [], location };
    if (o.purpose) project.purpose = o.purpose;
    if (o.goal) project.goal = o.goal;
    if (o.amount) {
      const stated = o.unitText ? unitIn(o.unitText) : undefined;
      if (!stated)
        ctx.report(
          "warning",
          "unit_assumed",
          `项目「${o.name}」的金额 ${o.amount.text} 未注明单位，按元读取`,
          `The amount ${o.amount.text} of project "${o.name}" states no unit and was read as 元`,
          ctx.line(o.amount.row, "budget"),
        );
      project.budget = ctx.amount(o.amount.text, stated ?? "元", ctx.line(o.amount.row, "budget"));
    }
    for (const i of o.indicators) {
      const indicator: Indicator = {
        name: i.name,
        location: ctx.line(i.row, "name"),
        target: readTarget(i.value, year !== undefined ? { year } : undefined),
      };
      if (i.level1) indicator.level1 = i.level1;
      if (i.level2) indicator.level2 = i.level2;
      ctx.touch(ctx.line(i.row));
      project.indicators.push(indicator);
    }
    for (const row of o.read) ctx.touch(ctx.line(row));
    projects.push(project);
  }
  return projects;
}
