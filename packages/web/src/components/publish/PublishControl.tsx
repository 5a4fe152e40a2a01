/**
 * 信息公开 on a record's page: the reviewer publishes an approved project, department goal or self-evaluation
 * (the server freezes that version and renders its files), sees that it is public with a link to the public page,
 * and can withdraw it with a reason. Others see only whether it is public. Later edits never change what is public.
 */
import { App, Button, Input, Modal, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api/client.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";

export type PublishType = "project" | "goal" | "evaluation" | "budget";

interface Publication {
  id: string;
  entityId: string;
  entityVersion: number;
  publishedAt: string;
  withdrawnAt: string | null;
}

export function PublishControl({
  type,
  record,
}: {
  type: PublishType;
  record: { id: string; state: string; orgId: string; year: number };
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const { message, modal } = App.useApp();
  const [live, setLive] = useState<Publication | null>();
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState("");

  const load = useCallback(async () => {
    if (record.state !== "approved") return setLive(null);
    try {
      const r = await api.get<{ items: Publication[] }>("/public/publications", {
        query: { orgId: record.orgId, year: record.year },
      });
      setLive(r.items.find((p) => p.entityId === record.id && !p.withdrawnAt) ?? null);
    } catch {
      setLive(null);
    }
  }, [record.id, record.state, record.orgId, record.year]);

  useEffect(() => {
    load();
  }, [load]);

  if (record.state !== "approved" || live === undefined) return null;
  const mayPublish = !!user?.roles.includes("reviewer");

  const confirmPublish = () =>
    modal.confirm({
      title: zh ? "确认公开？" : "Publish?",
      content: (
        <span data-testid="publish-confirm-text">
          {zh
            ? "将在公开网站上发布，任何人可见（无需登录）。公开的是当前审核通过的版本，之后的修改不会改变已公开的内容。"
            : "It will be published on the public site, visible to anyone (no sign-in). The approved version is published; later edits do not change it."}
        </span>
      ),
      okText: zh ? "公开" : "Publish",
      cancelText: zh ? "取消" : "Cancel",
      okButtonProps: { id: "publish-confirm" },
      cancelButtonProps: { id: "publish-cancel" },
      onOk: publish,
    });

  const publish = async () => {
    setBusy(true);
    try {
      await api.post("/publications", { type, id: record.id });
      message.success(zh ? "已公开" : "Published");
      await load();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    if (!live) return;
    setBusy(true);
    try {
      await api.post(`/publications/${live.id}/withdraw`, { reason: reason.trim() });
      message.success(zh ? "已撤回公开" : "Withdrawn");
      setWithdrawing(false);
      setReason("");
      await load();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space data-testid="publish-control">
      {live ? (
        <>
          <Tag color="green" data-testid="published">
            {zh ? `已公开 ${live.publishedAt.slice(0, 10)}` : `Public since ${live.publishedAt.slice(0, 10)}`}
          </Tag>
          <a href={`/public/${live.id}`} target="_blank" rel="noreferrer" data-testid="public-link">
            {zh ? "查看公开页" : "Public page"}
          </a>
          {mayPublish && (
            <Button danger size="small" data-testid="withdraw" loading={busy} onClick={() => setWithdrawing(true)}>
              {zh ? "撤回公开" : "Withdraw"}
            </Button>
          )}
        </>
      ) : (
        mayPublish && (
          <Button data-testid="publish" loading={busy} onClick={confirmPublish}>
            {zh ? "公开" : "Publish"}
          </Button>
        )
      )}
      <Modal
        destroyOnHidden
        open={withdrawing}
        title={zh ? "撤回公开" : "Withdraw the publication"}
        okText={zh ? "撤回" : "Withdraw"}
        okButtonProps={{
          danger: true,
          disabled: !reason.trim() || reason.trim().length > 2000,
          loading: busy,
          id: "withdraw-confirm",
        }}
        onOk={withdraw}
        onCancel={() => setWithdrawing(false)}
      >
        <Typography.Paragraph data-testid="withdraw-confirm-text">
          {zh
            ? "撤回后公开网站将不再显示该内容，公开链接失效；撤回原因记入审计。"
            : "Once withdrawn the public site no longer shows it and its link stops working; the reason is audited."}
        </Typography.Paragraph>
        <Input.TextArea
          data-testid="withdraw-reason"
          count={{ show: true, max: 2000 }}
          status={reason.trim().length > 2000 ? "error" : undefined}
          placeholder={zh ? "撤回原因（必填，记入审计）" : "Reason (required, audited)"}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
