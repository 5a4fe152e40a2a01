/**
 * 时间节点: the stage deadlines of the chosen unit and year — 目标申报, each monitoring round, 绩效自评 — with days left
 * or overdue and what is still to file there. The reviewer covering the unit (the bureau) sets or clears the
 * deadlines of 目标申报 and 绩效自评 for its subtree; a round's deadline is set when the round is opened.
 */
import { App, Button, Card, DatePicker, Input, Space, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import { deadlineEndpoints, type SettableStage, type StageDeadline, type StageDeadlines } from "./api.ts";
import { DeadlineTag } from "./DeadlineTag.tsx";

export default function DeadlinesPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { message } = App.useApp();
  const [data, setData] = useState<StageDeadlines>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<{ stage: SettableStage; date: Dayjs | null; note: string }>();

  const load = useCallback(() => {
    if (!ws.orgId) return;
    deadlineEndpoints.list(ws.orgId, ws.year).then(
      (d) => {
        setData(d);
        setError(undefined);
      },
      (e) => setError(describeError(e, lang)),
    );
  }, [ws.orgId, ws.year, lang]);
  useEffect(load, [load]);

  const save = async () => {
    if (!editing?.date || !ws.orgId) return;
    try {
      await deadlineEndpoints.set({
        orgId: ws.orgId,
        year: ws.year,
        stage: editing.stage,
        dueDate: editing.date.format("YYYY-MM-DD"),
        note: editing.note || null,
      });
      message.success(zh ? "截止日期已设定" : "Deadline set");
      setEditing(undefined);
      load();
    } catch (e) {
      message.error(describeError(e, lang));
    }
  };
  const clear = async (stage: SettableStage) => {
    if (!ws.orgId) return;
    try {
      await deadlineEndpoints.clear(ws.orgId, ws.year, stage);
      load();
    } catch (e) {
      message.error(describeError(e, lang));
    }
  };

  const columns = [
    {
      title: zh ? "阶段" : "Stage",
      key: "stage",
      render: (_: unknown, r: StageDeadline) => (zh ? r.stageName : r.stageNameEn),
    },
    {
      title: zh ? "截止日期" : "Due",
      key: "due",
      render: (_: unknown, r: StageDeadline) => r.status?.dueDate ?? "—",
    },
    {
      title: zh ? "剩余" : "Left",
      key: "left",
      render: (_: unknown, r: StageDeadline) => <DeadlineTag status={r.status} />,
    },
    {
      title: zh ? "待办（未报送）" : "Still to file",
      dataIndex: "pending",
      key: "pending",
    },
    {
      title: zh ? "设定单位" : "Set by",
      key: "setAt",
      render: (_: unknown, r: StageDeadline) => r.setAt?.orgName ?? "—",
    },
    {
      title: zh ? "说明" : "Note",
      dataIndex: "note",
      key: "note",
      render: (v: string | null) => v ?? "",
    },
    ...(data?.canSet
      ? [
          {
            title: zh ? "操作" : "Actions",
            key: "actions",
            render: (_: unknown, r: StageDeadline) =>
              r.stage === "monitoring" ? (
                <Typography.Text type="secondary">{zh ? "开展监控时设定" : "set with the round"}</Typography.Text>
              ) : (
                <Space>
                  <Button
                    size="small"
                    data-testid={`deadline-edit-${r.stage}`}
                    onClick={() =>
                      setEditing({
                        stage: r.stage as SettableStage,
                        date: r.status && r.setAt?.own ? dayjs(r.status.dueDate) : null,
                        note: (r.setAt?.own && r.note) || "",
                      })
                    }
                  >
                    {zh ? "设定" : "Set"}
                  </Button>
                  {r.setAt?.own && (
                    <Button size="small" danger onClick={() => clear(r.stage as SettableStage)}>
                      {zh ? "取消" : "Clear"}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={zh ? `时间节点 · ${data?.orgName ?? ""} ${ws.year}年度` : `Deadlines · ${data?.orgName ?? ""} ${ws.year}`}
      extra={
        data ? (
          <Typography.Text type="secondary">{zh ? `今天 ${data.today}` : `Today ${data.today}`}</Typography.Text>
        ) : null
      }
    >
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Table
        data-testid="deadlines-table"
        rowKey={(r) => `${r.stage}-${r.round?.id ?? ""}`}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        size="small"
      />
      {editing && (
        <Space style={{ marginTop: 16 }} wrap data-testid="deadline-form">
          <Typography.Text>
            {zh
              ? `${editing.stage === "goals" ? "目标申报" : "绩效自评"}截止日期（本单位及下级）`
              : `${editing.stage === "goals" ? "Goal setting" : "Self-evaluation"} deadline (this unit and below)`}
          </Typography.Text>
          <DatePicker
            value={editing.date}
            onChange={(d) => setEditing({ ...editing, date: d })}
            data-testid="deadline-date"
          />
          <Input
            style={{ width: 280 }}
            placeholder={zh ? "说明（可选）" : "Note (optional)"}
            value={editing.note}
            onChange={(e) => setEditing({ ...editing, note: e.target.value })}
          />
          <Button type="primary" onClick={save} disabled={!editing.date} data-testid="deadline-save">
            {zh ? "保存" : "Save"}
          </Button>
          <Button onClick={() => setEditing(undefined)}>{zh ? "取消" : "Cancel"}</Button>
        </Space>
      )}
    </Card>
  );
}
