/**
 * What of the uploaded document was read: the share of its lines and tables, the figures, whether that is enough
 * to judge (below the threshold the review and the score say 未能判断), and every unread table, rows and lines at
 * their place — so that nothing is left out silently. The kinds considered, with their confidence, fold out.
 */
import { KIND_NAMES, type Kind } from "@jixiao/core/model";
import { Alert, Collapse, Progress, Space, Table, Tag, Typography } from "antd";
import type { ImportCoverage, ImportPreview } from "../../api/endpoints.ts";
import { formatLocation } from "../../lib/rules.ts";

const WHAT: Record<ImportCoverage["unread"][number]["what"], [string, string]> = {
  table: ["整张表格", "a whole table"],
  rows: ["表格中的行", "rows of a table"],
  lines: ["段落", "lines"],
};

export function kindName(kind: string, zh: boolean): string {
  const names = KIND_NAMES[kind as Kind];
  return names ? (zh ? names.zh : names.en) : kind;
}

export function CoveragePanel({ preview, zh }: { preview: ImportPreview; zh: boolean }) {
  const c = preview.coverage;
  if (!c) return null;
  const lang = zh ? "zh" : "en";
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }} data-testid="import-coverage">
      <Space wrap size={[12, 4]}>
        <Typography.Text strong>{zh ? "读取情况" : "Read"}</Typography.Text>
        <Progress
          percent={Number(c.share)}
          size={[160, 8]}
          status={c.sufficient ? "normal" : "exception"}
          format={() => `${c.share}%`}
        />
        <Typography.Text data-testid="import-coverage-lines">
          {zh
            ? `${c.lines.read}/${c.lines.total} 行 · 表格 ${c.tables.read}/${c.tables.total} · 数字 ${c.figures} 个`
            : `${c.lines.read} of ${c.lines.total} lines · tables ${c.tables.read} of ${c.tables.total} · ${c.figures} figures`}
        </Typography.Text>
      </Space>
      {!c.sufficient && (
        <Alert
          type="warning"
          showIcon
          data-testid="import-coverage-insufficient"
          title={
            zh
              ? "读出的内容不足以判断：审核和评分不给结论（未能判断）"
              : "Too little was read to judge: no verdict nor score"
          }
          description={c.reasons.map((r) => (zh ? r.zh : r.en)).join(zh ? "；" : "; ")}
        />
      )}
      {c.unread.length > 0 && (
        <Table
          size="small"
          data-testid="import-unread"
          rowKey={(u) => JSON.stringify(u.location)}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          dataSource={c.unread}
          title={() => (zh ? "未读出的部分" : "Parts not read")}
          columns={[
            {
              title: zh ? "位置" : "Where",
              width: 260,
              render: (_: unknown, u) =>
                `${formatLocation(u.location as never, lang)}${u.toRow !== undefined ? (zh ? ` 至第 ${u.toRow} 行` : ` to row ${u.toRow}`) : ""}`,
            },
            { title: zh ? "内容" : "What", width: 110, render: (_: unknown, u) => WHAT[u.what][zh ? 0 : 1] },
            { title: zh ? "行数" : "Lines", dataIndex: "lines", width: 70, align: "right" },
            { title: zh ? "开头" : "Starts with", dataIndex: "text" },
          ]}
        />
      )}
      {preview.recognition.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: "why",
              label: zh ? "识别依据" : "Why this kind",
              children: (
                <Space orientation="vertical" size={4} data-testid="import-recognition">
                  {preview.recognition.map((e) => (
                    <div key={e.kind}>
                      <Tag color={e.recognised ? "green" : undefined}>
                        {kindName(e.kind, zh)} {e.confidence}%
                      </Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {e.reasons.map((r) => (zh ? r.zh : r.en)).join(zh ? "；" : "; ")}
                      </Typography.Text>
                    </div>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
