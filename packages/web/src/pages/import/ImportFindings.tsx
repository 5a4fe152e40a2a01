import { FindingsPanel, type ReviewFinding, useFindings } from "../../components/findings/index.ts";
import { formatLocation } from "../../lib/rules.ts";

/**
 * Where a finding of an uploaded document is: the table, row and column it names by their printed names (a
 * 部门预算 / 决算公开's `details.table` / `tableRow` / `tableColumn`: 表「二、收入决算表」 · 行「合计」 · 列「本年收入合计」),
 * else its place in the file (第 35 行，第 3 列).
 */
export function describeImportFinding(f: ReviewFinding, zh: boolean): string | undefined {
  const d = f.details;
  const parts: string[] = [];
  if (typeof d?.table === "string") {
    parts.push(zh ? `表「${d.table}」` : `table "${d.table}"`);
    if (typeof d.tableRow === "string") parts.push(zh ? `行「${d.tableRow}」` : `row "${d.tableRow}"`);
    if (typeof d.tableColumn === "string") parts.push(zh ? `列「${d.tableColumn}」` : `column "${d.tableColumn}"`);
  }
  const { file: _file, path: _path, field: _field, ...place } = f.location;
  const where = formatLocation(place as Parameters<typeof formatLocation>[0], zh ? "zh" : "en");
  if (where) parts.push(zh ? `（原文${where}）` : `(in the file: ${where})`);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** The automatic review of an import's preview (GET /reviews/import/{id}): verdict, counts and the findings' list. */
export function ImportFindings({ id, zh }: { id: string; zh: boolean }) {
  const findings = useFindings("import", id);
  return <FindingsPanel type="import" findings={findings} describe={(f) => describeImportFinding(f, zh)} />;
}
