import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tooltip, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { type AuditEvent, type AuditQuery, adminEndpoints } from "../../api/endpoints.ts";
import { useI18n } from "../../i18n.tsx";
import { type AuditLine, auditActionText, auditDetailsText, auditLines, entityTypeText } from "../../lib/auditText.ts";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import { CardTitle } from "./CardTitle.tsx";

/** Action families as the server records them; a value ending in `.` is a prefix filter. */
const ACTIONS: [string, string, string][] = [
  ["auth.", "登录与安全", "Sign-in and security"],
  ["account.", "账户", "Accounts"],
  ["role.", "角色授予与撤销", "Roles"],
  ["workflow.", "审核流转", "Workflow"],
  ["project.", "项目", "Projects"],
  ["indicator.", "指标", "Indicators"],
  ["evaluation.", "自评", "Self-evaluations"],
  ["budget.", "预算", "Budgets"],
  ["execution.", "执行", "Execution"],
  ["duty.", "职责活动", "Duties"],
  ["goal.", "整体目标", "Goals"],
  ["org.", "单位", "Organisations"],
  ["year.", "年度", "Fiscal years"],
  ["import.", "导入", "Imports"],
  ["export.", "导出", "Exports"],
  ["publication.", "信息公开", "Publications"],
];

/** What an event changed, field by field (amounts in 万元), and its details, as sentences. */
function EventDetail({ e, lang }: { e: AuditEvent; lang: "zh" | "en" }) {
  const zh = lang === "zh";
  const lines = auditLines(e.before, e.after, lang);
  const details = auditDetailsText(e.details, lang);
  return (
    <div data-testid="audit-detail">
      {lines.length > 0 && (
        <Table<AuditLine>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={lines}
          style={{ maxWidth: 900 }}
          columns={[
            { title: zh ? "内容" : "Field", dataIndex: "label", width: 200 },
            { title: zh ? "修改前" : "Before", dataIndex: "before", render: (v?: string) => v ?? "—" },
            { title: zh ? "修改后" : "After", dataIndex: "after", render: (v?: string) => v ?? "—" },
          ]}
        />
      )}
      {details && (
        <Typography.Paragraph style={{ margin: "8px 0 0" }} data-testid="audit-details">
          {zh ? "说明：" : "Details: "}
          {details}
        </Typography.Paragraph>
      )}
      {lines.length === 0 && !details && (
        <Typography.Text type="secondary">{zh ? "无更多内容" : "Nothing more"}</Typography.Text>
      )}
    </div>
  );
}

/** The audit trail for the auditor: read only (the database refuses changes), newest first, with filters. */
export default function AuditPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const [action, setAction] = useState<string>();
  const [entityId, setEntityId] = useState("");
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize] = useState(100);
  const [data, setData] = useState<AuditEvent[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const orgName = useMemo(() => new Map(ws.orgs.map((o) => [o.id, o.name])), [ws.orgs]);

  const query = useMemo<AuditQuery>(
    () => ({
      action: action || undefined,
      entityId: entityId.trim() || undefined,
      from: range?.[0]?.startOf("day").toISOString(),
      to: range?.[1]?.endOf("day").toISOString(),
      page,
      pageSize,
    }),
    [action, entityId, range, page, pageSize],
  );

  useEffect(() => {
    let live = true;
    setLoading(true);
    adminEndpoints.audit(query).then(
      (r) => {
        if (!live) return;
        setData(r.items);
        setError(undefined);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(describeError(e, lang));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [query, lang]);

  return (
    <Card
      size="small"
      data-testid="audit-page"
      title={
        <CardTitle
          title={zh ? "审计记录" : "Audit trail"}
          hint={zh ? "（只读，数据库拒绝任何修改或删除）" : "(read only: the database refuses changes and deletions)"}
        />
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Space wrap>
          <Select
            data-testid="audit-action"
            allowClear
            showSearch
            style={{ width: 200 }}
            placeholder={zh ? "全部操作" : "All actions"}
            value={action}
            onChange={(v?: string) => {
              setAction(v);
              setPage(1);
            }}
            options={ACTIONS.map(([v, z, e]) => ({ value: v, label: zh ? z : e }))}
          />
          <Input.Search
            allowClear
            style={{ width: 300 }}
            placeholder={zh ? "记录编号（如项目的编号）" : "Record id"}
            onSearch={(v) => {
              setEntityId(v);
              setPage(1);
            }}
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => {
              setRange(v as [Dayjs | null, Dayjs | null] | null);
              setPage(1);
            }}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          pagination={false}
          scroll={{ y: 470 }}
          expandable={{
            expandedRowRender: (e) => <EventDetail e={e} lang={lang} />,
          }}
          columns={[
            {
              title: zh ? "时间" : "When",
              dataIndex: "at",
              width: 170,
              render: (v: string) => new Date(v).toLocaleString(zh ? "zh-CN" : "en-GB"),
            },
            {
              title: zh ? "操作人" : "Who",
              dataIndex: "actorName",
              width: 140,
              render: (v: string | null) => v ?? "—",
            },
            {
              title: zh ? "操作" : "Action",
              dataIndex: "action",
              width: 170,
              render: (v: string) => (
                <Tooltip title={v}>
                  <span data-testid="audit-action-cell" data-action={v}>
                    {auditActionText(v, lang)}
                  </span>
                </Tooltip>
              ),
            },
            {
              title: zh ? "单位" : "Organisation",
              dataIndex: "orgId",
              ellipsis: true,
              render: (v: string | null) => (v ? (orgName.get(v) ?? v.slice(0, 8)) : "—"),
            },
            {
              title: zh ? "对象" : "Record",
              width: 200,
              render: (_: unknown, e) =>
                e.entityType ? (
                  <Tooltip title={e.entityId}>
                    <span data-testid="audit-entity-cell">
                      {entityTypeText(e.entityType, lang)}
                      {e.entityId && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {" "}
                          {zh ? "编号" : "no."} {e.entityId.slice(0, 8)}
                        </Typography.Text>
                      )}
                    </span>
                  </Tooltip>
                ) : (
                  "—"
                ),
            },
            { title: "IP", dataIndex: "ip", width: 120, render: (v: string | null) => v ?? "—" },
          ]}
        />
        <Space>
          <Button disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {zh ? "上一页" : "Previous"}
          </Button>
          <Typography.Text>{zh ? `第 ${page} 页` : `Page ${page}`}</Typography.Text>
          <Button disabled={(data?.length ?? 0) < pageSize} onClick={() => setPage((p) => p + 1)}>
            {zh ? "下一页" : "Next"}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
