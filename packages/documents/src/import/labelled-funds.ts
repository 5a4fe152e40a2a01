/**
 * A project form's funds given as labels with their amounts rather than as a funds table: the older evaluation
 * form's 计划投资额 (万元) 570 / 实际到位资金 (万元) 398.88 / 实际使用情况 (万元) 395.86, one cell a paragraph or a
 * line, a unit note between a label and its amount or inside the label. The label says what the amount is: the
 * planned amount is the budget, the amount used is what was executed (实际到位 — the money that arrived — is
 * neither). Only a label followed by its amount counts.
 */
import type { Amount } from "@jixiao/core/model";
import type { Block } from "../model/table.ts";
import { type ImportContext, norm, unitIn } from "./context.ts";

export type LabelledFund = "budget" | "executed";

const LABELS: [RegExp, LabelledFund][] = [
  [/^(计划投资额?|计划投资总额|计划总投资|项目计划投资)$/, "budget"],
  [/^(实际使用情况|实际使用资金|实际使用金额|实际使用|实际支出金额|实际支出)$/, "executed"],
];
const UNIT_NOTE = /^[(（]\s*(单位[：:])?\s*(万元|元)\s*[)）]$/;
const AMOUNT = /^[\d,]+(\.\d+)?$/;

interface Cell {
  text: string;
  /** The paragraph's line, or the table cell. */
  at: { block: number; row?: number; col?: number };
}

function cellsOf(blocks: Block[]): Cell[] {
  const out: Cell[] = [];
  blocks.forEach((b, block) => {
    if (b.type === "paragraph") {
      if (b.text.trim() !== "") out.push({ text: b.text.trim(), at: { block } });
      return;
    }
    b.table.rows.forEach((row, r) => {
      row.forEach((c, col) => {
        if (!c.mergedFrom && c.text.trim() !== "") out.push({ text: c.text.trim(), at: { block, row: r, col } });
      });
    });
  });
  return out;
}

function fieldOf(text: string): LabelledFund | undefined {
  const key = norm(text).replace(/[：:]/g, "");
  return LABELS.find(([re]) => re.test(key))?.[1];
}

/** The labelled amounts in order: each label, its unit (from the label or a note after it) and its amount's cell. */
function found(blocks: Block[]): { field: LabelledFund; unit: "元" | "万元" | undefined; amount: Cell }[] {
  const cells = cellsOf(blocks);
  const out: { field: LabelledFund; unit: "元" | "万元" | undefined; amount: Cell }[] = [];
  for (let i = 0; i < cells.length; i++) {
    const field = fieldOf(cells[i]!.text);
    if (!field) continue;
    let unit = unitIn(cells[i]!.text);
    let k = i + 1;
    if (k < cells.length && UNIT_NOTE.test(cells[k]!.text.replace(/\s/g, ""))) unit = unitIn(cells[k++]!.text) ?? unit;
    const v = cells[k];
    if (v && AMOUNT.test(v.text.replace(/\s/g, "")) && !out.some((x) => x.field === field)) {
      out.push({ field, unit, amount: v });
      i = k;
    }
  }
  return out;
}

/** Whether the document states a budget by such a label. */
export function hasLabelledBudget(blocks: Block[]): boolean {
  return found(blocks).some((f) => f.field === "budget");
}

/** The labelled budget and executed amounts (the form's unit where the label gives none). */
export function labelledFunds(
  ctx: ImportContext,
  blocks: Block[],
  unit: "元" | "万元",
): Partial<Record<LabelledFund, Amount>> {
  const out: Partial<Record<LabelledFund, Amount>> = {};
  for (const f of found(blocks)) {
    const b = blocks[f.amount.at.block]!;
    const location =
      b.type === "table" ? ctx.at(b.table, f.amount.at.row!, f.amount.at.col!) : ctx.line(b.location.row);
    out[f.field] = ctx.amount(f.amount.text.replace(/\s/g, ""), f.unit ?? unit, location);
  }
  return out;
}
