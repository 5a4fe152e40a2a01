/**
 * What "the same data" means for a round trip: the part of the normalised document a layout writes, without
 * where each value was found (locations) and without the source's way of writing it that the official form
 * does not keep:
 * - `location`, and `nameText` / a name's `text` (the name as the source wrote it: indentation, PDF line breaks);
 * - amounts compare by unit and exact fen (the form prints `50` as `50.00`, `170294599.63` as `170,294,599.63`);
 *   an amount that is not one (`**`) compares by its text;
 * - a number (score, points, quantity) and a rate compare by their exact value when they have one: xlsx stores them
 *   as numbers shown in the stated form by the cell's format (`18.50` is the number 18.5 shown `0.00`, `100.00%`
 *   the number 1 shown `0.00%`), and the reader gives the number (`18.5`, `100%`); docx keeps the text;
 * - whitespace: runs of spaces are one, and spaces or line breaks between Chinese characters (PDF extraction
 *   artefacts) are none;
 * - the department expenditure table's `statedUnit` when the document stated none: the export then prints the unit
 *   the amounts are in, which comes back as stated. A stated unit is compared as it is (seed 003's header says 万元
 *   over figures in 元: the export keeps 万元, so that reading it back reports the same mistake).
 * - a title whose outline number is glued to a year (seed 004's `1.2024年度教育训练绩效目标表`) is printed
 *   `1、2024年度…` (issue 13 #8: it read as the decimal 1.2024), and compares so.
 * Everything else — every name, target text and its parsed value, tier, score, rate, goal, note — must be equal.
 */
import { decimal } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { type Layout, titleText } from "../../src/write/index.ts";

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef";
const BETWEEN = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, "g");

export function ws(s: string): string {
  return s.replace(BETWEEN, "$1").replace(/\s+/g, " ").trim();
}

function isAmount(o: Record<string, unknown>): boolean {
  const keys = Object.keys(o);
  return (o.unit === "元" || o.unit === "万元") && keys.every((k) => ["text", "unit", "fen", "yuan"].includes(k));
}

/** `{ text, value }` (a number) or `{ text, percent }` (a rate) with its exact value: the value, canonical. */
function exactValue(o: Record<string, unknown>): string | undefined {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (keys.length !== 2 || !keys.includes("text")) return undefined;
  const key = keys.includes("value") ? "value" : keys.includes("percent") ? "percent" : undefined;
  const v = key ? decimal.parseDecimal(String(o[key])) : undefined;
  return v && `${key}:${decimal.toDecimalString(v, 12)}`;
}

export function normalise(v: unknown): unknown {
  if (typeof v === "string") return ws(v);
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (isAmount(o))
      return o.fen !== undefined ? { unit: o.unit, fen: o.fen } : { unit: o.unit, text: ws(String(o.text)) };
    const exact = exactValue(o);
    if (exact !== undefined) return { exact };
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      if (k === "location" || k === "nameText") continue;
      if (k === "text" && typeof o.name === "string") continue;
      if (x === undefined) continue;
      out[k] = normalise(k === "title" && typeof x === "string" ? titleText(x) : x);
    }
    return out;
  }
  return v;
}

/** The data a layout writes. */
export function dataOf(doc: ImportedDocument, layout: Layout): unknown {
  switch (layout) {
    case "project-goals":
    case "project-goals-national":
      return normalise(doc.projects);
    case "duty-activity-goals":
      return normalise(doc.dutyGoals);
    case "department-self-evaluation":
      return normalise(doc.departmentSelfEvaluation);
    case "department-expenditure-self-evaluation": {
      const d = doc.departmentExpenditureEvaluation;
      return normalise(d && { ...d, statedUnit: d.statedUnit ?? d.amountUnit });
    }
    case "project-self-evaluation":
      return normalise(doc.projectSelfEvaluations);
    case "budget-disclosure":
      return normalise({ disclosure: doc.disclosure, dutyGoals: doc.dutyGoals });
  }
}
