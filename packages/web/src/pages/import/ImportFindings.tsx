import { Alert, List, Typography } from "antd";
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

/**
 * The tables of a 部门预算 / 决算公开 the review could not judge (`disclosure.table-unread`: rows not read with
 * confidence from the text nor from the PDF's word positions), each by its printed title with why — shown open
 * above the findings, so that a reviewer sees what was not checked without unfolding the list.
 */
export function UnjudgedTables({ findings, zh }: { findings: ReviewFinding[]; zh: boolean }) {
  const unread = findings.filter((f) => f.rule === "disclosure.table-unread");
  if (unread.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="import-unjudged-tables"
      title={
        zh
          ? `未能判断的表（${unread.length} 张）：行未能可靠读出，未据以审核`
          : `Tables not judged (${unread.length}): their rows could not be read with confidence and were not checked`
      }
      description={
        <List
          size="small"
          split={false}
          dataSource={unread}
          renderItem={(f) => (
            <List.Item data-testid="import-unjudged-table" style={{ padding: "2px 0" }}>
              <Typography.Text>
                <Typography.Text strong>
                  {zh ? `表「${f.details?.table}」` : `table "${f.details?.table}"`}
                </Typography.Text>
                {zh ? "：" : ": "}
                {String((zh ? f.details?.unread : f.details?.unreadEn) ?? (zh ? f.message : f.messageEn))}
                {(() => {
                  const where = describeImportFinding({ ...f, details: {} }, zh);
                  return where ? ` ${where}` : "";
                })()}
              </Typography.Text>
            </List.Item>
          )}
        />
      }
    />
  );
}

/** The automatic review of an import's preview (GET /reviews/import/{id}): verdict, counts and the findings' list. */
export function ImportFindings({ id, zh }: { id: string; zh: boolean }) {
  const findings = useFindings("import", id);
  return (
    <>
      <FindingsPanel type="import" findings={findings} describe={(f) => describeImportFinding(f, zh)} />
      {findings.review && <UnjudgedTables findings={findings.review.findings} zh={zh} />}
    </>
  );
}
