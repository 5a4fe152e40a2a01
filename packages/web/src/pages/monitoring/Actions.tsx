import { formatWanAndYuan, parseYuan } from "@jixiao/core";
import { Alert, App, Button, Card, Input, List, Select, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { describeError } from "../../lib/errors.ts";
import { ACTION_KINDS, ACTION_NAMES, type ActionKind, type MonitoringAction, monitoringEndpoints } from "./api.ts";

const COLOR: Record<ActionKind, string> = {
  notice: "blue",
  require_correction: "orange",
  propose_reduce: "red",
  propose_defer: "volcano",
};

/**
 * 财政处理意见: what the bureau sent about the record (notices, 要求纠偏, 建议调减 with the amount, 建议暂缓), newest first.
 * The reviewer sends one with its reason; the unit's filler marks each read (已阅). The server authorises and audits.
 */
export function RecordActions({
  recordId,
  zh,
  canSend,
  canAcknowledge,
}: {
  recordId: string;
  zh: boolean;
  canSend: boolean;
  canAcknowledge: boolean;
}) {
  const { message } = App.useApp();
  const [items, setItems] = useState<MonitoringAction[]>();
  const [error, setError] = useState<string>();
  const [kind, setKind] = useState<ActionKind>("require_correction");
  const [text, setText] = useState("");
  const [amount, setAmount] = useState("");
  const [busy, setBusy] = useState(false);
  const lang = zh ? "zh" : "en";

  const load = useCallback(async () => {
    try {
      setItems((await monitoringEndpoints.actions(recordId)).items);
    } catch (e) {
      setError(describeError(e, lang));
    }
  }, [recordId, lang]);
  useEffect(() => {
    load();
  }, [load]);

  const send = async () => {
    setBusy(true);
    try {
      await monitoringEndpoints.sendAction(recordId, {
        kind,
        message: text,
        ...(kind === "propose_reduce" ? { amount: amount.trim() || null } : {}),
      });
      message.success(
        zh ? "已发送，单位可在监控表和通知中看到" : "Sent: the unit sees it on the record and in its notifications",
      );
      setText("");
      setAmount("");
      await load();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const acknowledge = async (id: string) => {
    try {
      await monitoringEndpoints.acknowledge(id);
      await load();
      window.dispatchEvent(new Event("jixiao:todo-changed"));
    } catch (e) {
      message.error(describeError(e, lang));
    }
  };

  return (
    <Card size="small" title={zh ? "财政处理意见" : "The bureau's actions"} data-testid="record-actions">
      {error && <Alert type="error" showIcon title={error} />}
      {canSend && (
        <Space wrap style={{ marginBottom: 8 }} data-testid="action-form">
          <Select<ActionKind>
            style={{ width: 150 }}
            value={kind}
            onChange={setKind}
            data-testid="action-kind"
            options={ACTION_KINDS.map((k) => ({ value: k, label: zh ? ACTION_NAMES[k][0] : ACTION_NAMES[k][1] }))}
          />
          {kind === "propose_reduce" && (
            <Input
              style={{ width: 150 }}
              placeholder={zh ? "调减金额（元）" : "Amount (元)"}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              data-testid="action-amount"
            />
          )}
          <Input
            style={{ width: 360 }}
            placeholder={zh ? "理由与要求，如：请于 7 月 31 日前报送纠偏措施" : "Reason and what is required"}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="action-message"
          />
          <Button type="primary" loading={busy} disabled={text.trim() === ""} onClick={send} data-testid="action-send">
            {zh ? "发送" : "Send"}
          </Button>
        </Space>
      )}
      <List
        size="small"
        loading={!items && !error}
        dataSource={items ?? []}
        locale={{ emptyText: zh ? "暂无处理意见" : "No action yet" }}
        renderItem={(a) => (
          <List.Item
            data-testid="action-item"
            actions={
              a.acknowledgedAt
                ? [
                    <Typography.Text key="r" type="secondary">
                      {zh ? "已阅" : "Read"}
                    </Typography.Text>,
                  ]
                : canAcknowledge
                  ? [
                      <Button key="a" size="small" onClick={() => acknowledge(a.id)} data-testid="action-ack">
                        {zh ? "已阅" : "Mark read"}
                      </Button>,
                    ]
                  : [<Tag key="u">{zh ? "未阅" : "Unread"}</Tag>]
            }
          >
            <Space direction="vertical" size={0}>
              <Space size={4}>
                <Tag color={COLOR[a.kind]}>{zh ? a.kindName : a.kindNameEn}</Tag>
                {a.amount && (
                  <Typography.Text strong data-testid="action-amount">
                    {zh
                      ? `调减 ${formatWanAndYuan(parseYuan(a.amount))}`
                      : `reduce by ${formatWanAndYuan(parseYuan(a.amount))}`}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary">
                  {a.createdByName} · {a.createdAt.slice(0, 16).replace("T", " ")}
                </Typography.Text>
              </Space>
              <Typography.Text data-testid="action-message-text">{a.message}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
