/**
 * Stored records keep money in 元 (exact decimal columns); the official forms print a project's funds in 万元
 * (项目绩效目标表, 项目支出绩效目标申报表, 项目支出绩效自评表). A stored record's document is written in the form's unit:
 * its project amounts stated in 万元, the same fen (issue 13: 万元 everywhere, 元 only where a form asks for it).
 */

import type { Amount, ImportedDocument } from "@jixiao/core/model";
import {
  amountText,
  buildLayout,
  chooseLayout,
  type ExportOptions,
  type ExportResult,
  exportDocument,
  type Layout,
  type WDocument,
} from "@jixiao/documents";

function wan(a: Amount | undefined): Amount | undefined {
  if (!a || a.fen === undefined || a.unit === "万元") return a;
  return { ...a, unit: "万元", text: amountText(a, "万元") };
}

/** The document with its projects' and project self-evaluations' amounts in 万元 (a copy; the input is kept). */
export function inFormUnits(doc: ImportedDocument): ImportedDocument {
  const set = <T extends object>(o: T, keys: (keyof T)[]): T => {
    const out = { ...o };
    for (const k of keys) if (out[k] !== undefined) out[k] = wan(out[k] as Amount) as T[keyof T];
    return out;
  };
  return {
    ...doc,
    projects: doc.projects.map((p) => ({
      ...set(p, ["budget", "executed"]),
      ...(p.funding ? { funding: set(p.funding, ["fiscal", "other", "carryOver"]) } : {}),
    })),
    projectSelfEvaluations: doc.projectSelfEvaluations.map((e) => ({
      ...e,
      funds: e.funds.map((f) => set(f, ["initial", "budget", "executed"])),
    })),
  };
}

/** `exportDocument` for a stored record: written in the forms' units. */
export function exportStored(doc: ImportedDocument, opts: ExportOptions): Promise<ExportResult> {
  return exportDocument(inFormUnits(doc), opts);
}

/** The page `exportStored(doc, { as })` writes (the same layout chosen, the same errors), for writing elsewhere. */
export function storedPage(doc: ImportedDocument, as: Layout): WDocument {
  const d = inFormUnits(doc);
  return buildLayout(d, chooseLayout(d, as));
}
