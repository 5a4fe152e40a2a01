/**
 * A form's funds printed as a line of section names over a line of label / value pairs (vocabulary/
 * funds-sections.ts): 河北's 2020 自评表 `二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)`
 * then `预算数 6.84 到位数 6.84 执行数 6.84 100.00`. The pairs line is cut into one group a section, in order: a
 * label and its amount, or an amount alone (the rate, named by its section only). It counts only with exactly a
 * group a section, and when a label's own meaning (预算数, 执行数) is its section's. The amounts are in the form's
 * unit (金额单位: 万元 on a line before), else the caller's.
 */
import type { FundLine } from "@jixiao/core/model";
import type { Block } from "../model/table.ts";
import { columnField } from "../vocabulary/columns.ts";
import { type FundsSection, fundsSection } from "../vocabulary/funds-sections.ts";
import { type ImportContext, unitIn } from "./context.ts";
import { readPercent } from "./values.ts";

const AMOUNT = /^\d[\d,]*(\.\d+)?$/;
/** A section title before the names (二、预算执行情况). */
const NUMBERED = /^[一二三四五六七八九十]+[、.．]/;

const words = (text: string) =>
  text
    .trim()
    .split(/[\s\u3000]+/)
    .filter((w) => w !== "");

/** The sections a line names (after a numbered title), or undefined when it is no such line. */
function sectionsOf(text: string): FundsSection[] | undefined {
  const ws = words(text).filter((w, i) => !(i === 0 && NUMBERED.test(w)));
  if (ws.length < 3) return undefined;
  const sections = ws.map(fundsSection);
  if (sections.some((s) => s === undefined)) return undefined;
  const known = sections as FundsSection[];
  return known.includes("budget") && (known.includes("executed") || known.includes("rate")) ? known : undefined;
}

/** The pairs line's amount for each section, or undefined when the line does not cut into a group a section. */
function valuesOf(text: string, sections: readonly FundsSection[]): string[] | undefined {
  const groups: { label?: string; value?: string }[] = [];
  for (const w of words(text)) {
    const last = groups[groups.length - 1];
    if (!AMOUNT.test(w)) groups.push({ label: w });
    else if (last?.label !== undefined && last.value === undefined) last.value = w;
    else groups.push({ value: w });
  }
  if (groups.length !== sections.length || groups.some((g) => g.value === undefined)) return undefined;
  const agree = groups.every((g, i) => {
    const f = g.label === undefined ? undefined : columnField(g.label);
    return (f !== "budget" && f !== "executed") || f === sections[i];
  });
  return agree ? groups.map((g) => g.value!) : undefined;
}

interface Found {
  sections: FundsSection[];
  values: string[];
  block: Block & { type: "paragraph" };
  unit: "元" | "万元" | undefined;
}

function find(blocks: Block[]): Found | undefined {
  let unit: "元" | "万元" | undefined;
  for (let i = 0; i + 1 < blocks.length; i++) {
    const b = blocks[i]!;
    const next = blocks[i + 1]!;
    if (b.type !== "paragraph") continue;
    if (/单位/.test(b.text)) unit = unitIn(b.text) ?? unit;
    const sections = sectionsOf(b.text);
    if (!sections || next.type !== "paragraph") continue;
    const values = valuesOf(next.text, sections);
    if (values) return { sections, values, block: next, unit };
  }
  return undefined;
}

/** Whether the document states its funds so. */
export function hasSectionFunds(blocks: Block[]): boolean {
  return find(blocks) !== undefined;
}

/** The funds so stated, as the form's total line, or undefined. */
export function sectionFunds(ctx: ImportContext, blocks: Block[], unit: "元" | "万元"): FundLine | undefined {
  const f = find(blocks);
  if (!f) return undefined;
  const row = f.block.location.row;
  const line: FundLine = { label: "年度资金总额", location: ctx.line(row) };
  f.sections.forEach((s, i) => {
    const v = f.values[i]!;
    if (s === "budget" || s === "executed") line[s] = ctx.amount(v, f.unit ?? unit, ctx.line(row, s));
    else if (s === "rate") line.rate = readPercent(v);
  });
  return line;
}
