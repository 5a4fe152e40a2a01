/** Turns a self-evaluation document (Word/Excel/PDF or their extracted text) into the JSON input of `jixiao score`. */
import { DomainError, type EvaluationFromDocument, evaluationsFromDocument } from "@jixiao/core";
import { importDocument, readDocument, readExtractedText, type SourceDocument } from "@jixiao/documents";

export type LoadedEvaluations = { ok: true; evaluations: EvaluationFromDocument[] } | { ok: false; message: string };

/**
 * The short texts of the source's table cells and paragraphs (headers and labels such as 权重, 得分系数, 执行率权重,
 * 决策), which tell which scoring scheme the form follows (`recogniseScheme`); the normalised document keeps no
 * column names.
 */
export function headerTexts(source: SourceDocument): string[] {
  const out = new Set<string>();
  const take = (text: string) => {
    for (const part of text.split(/[\n|]+/)) {
      const t = part.trim();
      if (t && [...t].length <= 16) out.add(t);
    }
  };
  for (const b of source.blocks) {
    if (b.type === "paragraph") take(b.text);
    else for (const row of b.table.rows) for (const cell of row) take(cell.text);
  }
  return [...out];
}

export async function loadEvaluationsFromDocument(bytes: Buffer, file: string): Promise<LoadedEvaluations> {
  let source: SourceDocument;
  try {
    const read = await readDocument(new Uint8Array(bytes), file);
    source = read.format === "text" ? readExtractedText(read.text, read.file) : read;
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, message: `${e.describe("zh")}\n${e.describe("en")}` };
    throw e;
  }
  const result = importDocument(source);
  const c = result.coverage;
  if (result.kind !== null && !c.sufficient) {
    // too little of the document was read: no total, no grade (never 100 for a document that was not read)
    return {
      ok: false,
      message:
        `文件 ${file}：未能判断 — 只读出了 ${c.share}%（${c.lines.read}/${c.lines.total} 行，数字 ${c.figures} 个）；${c.reasons.map((r) => r.zh).join("；")}\n` +
        `file ${file}: cannot judge — ${c.share}% read (${c.lines.read} of ${c.lines.total} lines, ${c.figures} figures); ${c.reasons.map((r) => r.en).join("; ")}\n` +
        "（用 jixiao import 查看未读出的部分 / see jixiao import for the unread parts）",
    };
  }
  const evaluations = evaluationsFromDocument(result.document, { evidence: { headers: headerTexts(source) } });
  if (evaluations.length === 0) {
    const kinds = result.kinds.length ? result.kinds.join(", ") : "未识别 unrecognised";
    return {
      ok: false,
      message: `文件 ${file}：没有可评分的自评表（识别为 ${kinds}）/ file ${file}: no self-evaluation to score (read as ${kinds})`,
    };
  }
  return { ok: true, evaluations };
}
