/**
 * 指标库 (issue 17): the indicator library of the bureau governing the chosen organisation — every third-level
 * indicator of the approved goals and of the documents the units imported (tagged 导入文件), grouped by normalised name, with its usual 一级/二级, units, typical values and
 * where it was used (in the organisations the reader may read). The bureau's reviewer marks entries recommended or
 * not allowed (a not-allowed entry is no longer suggested to the units); others read the marks.
 */
import { App, Button, Card, Input, Space, Table, type TableProps, Tag, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import { type LibraryEntry, type LibraryMark, libraryEndpoints } from "./api.ts";

const MARK_TEXT: Record<LibraryMark, [string, string, string]> = {
  recommended: ["推荐", "recommended", "green"],
  not_allowed: ["不允许", "not allowed", "red"],
};

export default function LibraryPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [data, setData] = useState<{ bureau: { id: string; name: string }; total: number; items: LibraryEntry[] }>();
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState<string>();

  const load = useCallback(async () => {
    if (!ws.orgId) return;
    setLoading(true);
    try {
      setData(await libraryEndpoints.entries(ws.orgId, search || undefined));
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setLoading(false);
    }
  }, [ws.orgId, search, lang, message]);
  useEffect(() => {
    load();
  }, [load]);

  // The bureau's own reviewer marks its library's entries (the server says the same).
  const canMark = !!data && !!user?.memberships?.some((m) => m.role === "reviewer" && m.orgId === data.bureau.id);

  const mark = async (e: LibraryEntry, value: LibraryMark | null) => {
    if (!data) return;
    setBusy(e.key);
    try {
      await libraryEndpoints.setMark(data.bureau.id, e.name, value);
      await load();
    } catch (err) {
      message.error(describeError(err, lang));
    } finally {
      setBusy(undefined);
    }
  };

  const columns: TableProps<LibraryEntry>["columns"] = [
    {
      title: zh ? "三级指标" : "Indicator",
      dataIndex: "name",
      width: 260,
      render: (name: string, e) => (
        <Tooltip title={e.names.length > 1 ? e.names.map((n) => `${n.value}（${n.count}）`).join("、") : undefined}>
          <span data-testid="library-entry-name">{name}</span>
          {e.names.length > 1 && (
            <Typography.Text type="secondary" style={{ marginLeft: 4, fontSize: 12 }}>
              {zh ? `${e.names.length} 种写法` : `${e.names.length} spellings`}
            </Typography.Text>
          )}
        </Tooltip>
      ),
    },
    { title: zh ? "一级" : "Level 1", width: 110, render: (_: unknown, e) => e.level1[0]?.value ?? "—" },
    { title: zh ? "二级" : "Level 2", width: 140, render: (_: unknown, e) => e.level2[0]?.value ?? "—" },
    {
      title: zh ? "常见指标值" : "Typical target",
      width: 150,
      render: (_: unknown, e) => e.typicalTarget ?? "—",
    },
    {
      title: zh ? "中位数（范围）" : "Median (range)",
      width: 180,
      render: (_: unknown, e) => {
        const t = e.typical[0];
        return t ? `${t.median}${t.unit}（${t.min}–${t.max}${t.unit}）` : "—";
      },
    },
    { title: zh ? "使用次数" : "Uses", dataIndex: "uses", width: 90, align: "right" },
    {
      title: zh ? "年度" : "Years",
      width: 110,
      render: (_: unknown, e) => (e.years.first === e.years.last ? e.years.first : `${e.years.first}–${e.years.last}`),
    },
    {
      title: zh ? "标记" : "Mark",
      width: canMark ? 250 : 100,
      render: (_: unknown, e) => (
        <Space size={4} data-testid="library-entry-mark">
          {e.mark ? (
            <Tag color={MARK_TEXT[e.mark.mark][2]}>{MARK_TEXT[e.mark.mark][zh ? 0 : 1]}</Tag>
          ) : canMark ? null : (
            "—"
          )}
          {canMark && (
            <>
              {e.mark?.mark !== "recommended" && (
                <Button size="small" loading={busy === e.key} onClick={() => mark(e, "recommended")}>
                  {zh ? "推荐" : "Recommend"}
                </Button>
              )}
              {e.mark?.mark !== "not_allowed" && (
                <Button size="small" danger loading={busy === e.key} onClick={() => mark(e, "not_allowed")}>
                  {zh ? "不允许" : "Not allowed"}
                </Button>
              )}
              {e.mark && (
                <Button size="small" type="link" loading={busy === e.key} onClick={() => mark(e, null)}>
                  {zh ? "清除" : "Clear"}
                </Button>
              )}
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      data-testid="library-page"
      extra={
        ws.orgId && (
          <Space size={4}>
            <Typography.Text type="secondary">{zh ? "导出：" : "Export:"}</Typography.Text>
            {(["xlsx", "docx", "pdf"] as const).map((f) => (
              <a
                key={f}
                href={libraryEndpoints.exportUrl(ws.orgId!, search || undefined, f)}
                data-testid={`library-export-${f}`}
              >
                {f}
              </a>
            ))}
          </Space>
        )
      }
      title={
        <Typography.Title level={5} style={{ margin: 0 }}>
          {zh ? "指标库" : "Indicator library"}
          {data && (
            <Typography.Text type="secondary" style={{ fontSize: 13, marginLeft: 8 }}>
              {zh ? `（${data.bureau.name}，共 ${data.total} 项）` : ` (${data.bureau.name}, ${data.total} entries)`}
            </Typography.Text>
          )}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }} size={12}>
        <Input.Search
          data-testid="library-search"
          allowClear
          placeholder={zh ? "输入指标名称（全半角、空格、单位不论）" : "Indicator name"}
          style={{ width: 320 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setSearch(v.trim())}
        />
        <Table<LibraryEntry>
          rowKey="key"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 1200 }}
          expandable={{
            expandedRowRender: (e) => (
              <div data-testid="library-used-in">
                {e.usedIn.map((u) => (
                  <div key={`${u.id}-${u.name}-${u.targetText}`} data-testid="library-use" data-kind={u.kind}>
                    {u.kind === "document" && <Tag color="purple">{zh ? "导入文件" : "imported"}</Tag>}
                    {u.kind === "duty" && <Tag color="cyan">{zh ? "部门职责" : "duty"}</Tag>}
                    {u.year} · {u.orgName ?? ""} · {u.name} · {u.targetText ?? "—"}
                  </div>
                ))}
                {e.usedElsewhere > 0 && (
                  <Typography.Text type="secondary">
                    {zh ? `另有 ${e.usedElsewhere} 次用于其他单位` : `${e.usedElsewhere} more uses in other units`}
                  </Typography.Text>
                )}
              </div>
            ),
          }}
        />
      </Space>
    </Card>
  );
}
