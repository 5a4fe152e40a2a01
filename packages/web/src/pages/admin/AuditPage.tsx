import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { type AuditEvent, type AuditQuery, adminEndpoints } from "../../api/endpoints.ts";
import { useI18n } from "../../i18n.tsx";
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

function json(v: unknown): string {
  if (v === null || v === undefined) return "";
  return JSON.stringify(v, null, 1);
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
            options={ACTIONS.map(([v, z, e]) => ({ value: v, label: `${zh ? z : e}（${v}*）` }))}
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
            expandedRowRender: (e) => (
              <Space align="start" size={24}>
                <pre style={{ margin: 0, fontSize: 12, maxWidth: 480, whiteSpace: "pre-wrap" }}>
                  {zh ? "修改前：" : "Before: "}
                  {json(e.before) || "—"}
                </pre>
                <pre style={{ margin: 0, fontSize: 12, maxWidth: 480, whiteSpace: "pre-wrap" }}>
                  {zh ? "修改后：" : "After: "}
                  {json(e.after) || "—"}
                  {e.details ? `\n${zh ? "说明：" : "Details: "}${json(e.details)}` : ""}
                </pre>
              </Space>
            ),
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
              render: (v: string) => <span data-testid="audit-action-cell">{v}</span>,
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
              render: (_: unknown, e) => (e.entityType ? `${e.entityType} ${e.entityId?.slice(0, 8) ?? ""}` : "—"),
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
