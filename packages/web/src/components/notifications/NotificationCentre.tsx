/**
 * The notification centre in the header: a bell-like button with the unread count; its panel lists the newest
 * notifications (assignments, submissions to review, returns, approvals, monitoring warnings, approaching and overdue
 * deadlines), each opened (and marked read) by a click or marked read alone; 全部已读 marks them all. The list is read
 * when the panel opens and again after a workflow step (the pages say so by the jixiao:todo-changed event).
 */
import { MailOutlined } from "@ant-design/icons";
import { App, Badge, Button, Empty, List, Popover, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { deadlineEndpoints, type StageDeadline } from "../../pages/deadlines/api.ts";
import { DeadlineTag } from "../../pages/deadlines/DeadlineTag.tsx";
import { useWorkspace } from "../../workspace.tsx";
import { KIND_NAMES, type Notification, notificationEndpoints } from "./api.ts";

/** `deadlines`: whether the user files or reviews (a unit's deadlines are theirs to see; an administrator's are not). */
export function NotificationCentre({ deadlines = true }: { deadlines?: boolean }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<{ unread: number; items: Notification[] }>();
  // The deadlines of the unit and year chosen in the header that are set, with days left or overdue.
  const ws = useWorkspace();
  const [due, setDue] = useState<StageDeadline[]>([]);

  const load = useCallback(() => {
    notificationEndpoints.list().then(setData, () => setData(undefined));
    if (ws.orgId && deadlines) {
      deadlineEndpoints.list(ws.orgId, ws.year).then(
        (d) => setDue(d.items.filter((i) => i.status !== null)),
        () => setDue([]),
      );
    }
  }, [ws.orgId, ws.year, deadlines]);
  useEffect(() => {
    load();
    window.addEventListener("jixiao:todo-changed", load);
    return () => window.removeEventListener("jixiao:todo-changed", load);
  }, [load]);
  useEffect(() => {
    if (open) load();
  }, [open, load]);

  const markRead = async (n: Notification) => {
    try {
      const r = await notificationEndpoints.read(n.id);
      setData((d) =>
        d ? { unread: r.unread, items: d.items.map((x) => (x.id === n.id ? { ...x, readAt: r.readAt } : x)) } : d,
      );
    } catch (e) {
      message.error(describeError(e, lang));
    }
  };
  const markAll = async () => {
    try {
      await notificationEndpoints.readAll();
      load();
    } catch (e) {
      message.error(describeError(e, lang));
    }
  };

  const panel = (
    <div style={{ width: 420 }} data-testid="notification-panel">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }}>
        <Typography.Text strong>
          {zh ? `通知（未读 ${data?.unread ?? 0}）` : `Notifications (${data?.unread ?? 0} unread)`}
        </Typography.Text>
        <Button size="small" onClick={markAll} disabled={!data?.unread} data-testid="notifications-read-all">
          {zh ? "全部已读" : "Mark all read"}
        </Button>
      </Space>
      {due.length > 0 && (
        <div data-testid="notification-deadlines" style={{ marginBottom: 8 }}>
          {due.map((d) => (
            <div key={`${d.stage}-${d.round?.id ?? ""}`}>
              <Typography.Link
                onClick={() => {
                  setOpen(false);
                  navigate("/deadlines");
                }}
              >
                {zh ? d.stageName : d.stageNameEn}
              </Typography.Link>{" "}
              {d.status?.dueDate} <DeadlineTag status={d.status} />
              {d.pending > 0 && (
                <Typography.Text type="secondary">{zh ? `待办 ${d.pending} 项` : `${d.pending} to do`}</Typography.Text>
              )}
            </div>
          ))}
        </div>
      )}
      {data && data.items.length > 0 ? (
        <List
          size="small"
          style={{ maxHeight: 420, overflow: "auto" }}
          dataSource={data.items}
          renderItem={(n) => {
            const [kzh, ken, color] = KIND_NAMES[n.kind];
            return (
              <List.Item
                data-testid="notification-item"
                data-kind={n.kind}
                data-read={n.readAt ? "1" : "0"}
                style={{ background: n.readAt ? undefined : "#f0f7ff", paddingInline: 8 }}
                actions={
                  n.readAt
                    ? []
                    : [
                        <Button
                          key="read"
                          type="link"
                          size="small"
                          onClick={() => markRead(n)}
                          data-testid="notification-read"
                        >
                          {zh ? "标为已读" : "Mark read"}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Space size={4} align="start">
                      <Tag color={color}>{zh ? kzh : ken}</Tag>
                      <Typography.Link
                        onClick={() => {
                          if (!n.readAt) void markRead(n);
                          setOpen(false);
                          if (n.link) navigate(n.link);
                        }}
                        style={{ fontWeight: n.readAt ? 400 : 600 }}
                      >
                        {zh ? n.title : n.titleEn}
                      </Typography.Link>
                    </Space>
                  }
                  description={new Date(n.createdAt).toLocaleString(zh ? "zh-CN" : "en-GB")}
                />
              </List.Item>
            );
          }}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={zh ? "暂无通知" : "No notifications"} />
      )}
    </div>
  );

  return (
    <Popover content={panel} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Badge count={data?.unread ?? 0} size="small" data-testid="notification-badge" data-unread={data?.unread ?? 0}>
        <Button
          type="text"
          icon={<MailOutlined />}
          aria-label={zh ? "通知" : "Notifications"}
          data-testid="notification-button"
        />
      </Badge>
    </Popover>
  );
}
