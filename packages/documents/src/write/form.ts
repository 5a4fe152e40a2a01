/**
 * Which layout a document is written in, and the page of a stored record: stored records keep money in 元 (exact
 * decimal columns); the official forms print a project's funds in 万元 (项目绩效目标表, 项目支出绩效目标申报表,
 * 项目支出绩效自评表). A stored record's document is written in the form's unit: its project amounts stated in
 * 万元, the same fen (issue 13: 万元 everywhere, 元 only where a form asks for it). Here rather than in the server
 * so that the writer pool's workers lay out a stored record's pages themselves (issue 14).
 */
import { DomainError } from "@jixiao/core";
import type { Amount, ImportedDocument } from "@jixiao/core/model";
import { amountText } from "./format.ts";
import { buildLayout, LAYOUT_NAMES, LAYOUTS, type Layout, layoutsFor } from "./layouts.ts";
import type { WDocument } from "./model.ts";

export function isLayout(s: string): s is Layout {
  return (LAYOUTS as readonly string[]).includes(s);
}

/** The layout to use for a document: the one asked for (which must have data), or the document's first. */
export function chooseLayout(doc: ImportedDocument, as?: string): Layout {
  const available = layoutsFor(doc);
  const list = available.map((l) => `${l}（${LAYOUT_NAMES[l].zh}）`).join("、") || "无 none";
  if (as !== undefined) {
    if (!isLayout(as))
      throw new DomainError("invalid_input", {
        zh: `未知的文档类型「${as}」，可选：${LAYOUTS.join("、")}`,
        en: `Unknown document "${as}"; one of: ${LAYOUTS.join(", ")}`,
      });
    if (!available.includes(as))
      throw new DomainError("invalid_input", {
        zh: `文档中没有「${LAYOUT_NAMES[as].zh}」的数据；可导出：${list}`,
        en: `The document holds no data for ${LAYOUT_NAMES[as].en}; it can be exported as: ${available.join(", ") || "nothing"}`,
      });
    return as;
  }
  const first = available[0];
  if (!first)
    throw new DomainError("invalid_input", {
      zh: "文档中没有可导出的内容（未识别出任何表格类型）",
      en: "The document holds nothing to export (no kind was recognised)",
    });
  return first;
}

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

/**
 * The page of a stored record's document in layout `as`, in the forms' units: what `exportDocument` lays out for
 * `inFormUnits(doc)` (the same layout chosen, the same errors).
 */
export function formPage(doc: ImportedDocument, as: Layout): WDocument {
  const d = inFormUnits(doc);
  return buildLayout(d, chooseLayout(d, as));
}
