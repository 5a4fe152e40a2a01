/**
 * 信息公开 on a record's page: the reviewer publishes an approved project, department goal or self-evaluation
 * (the server freezes that version and renders its files), sees that it is public with a link to the public page,
 * and can withdraw it with a reason. Others see only whether it is public. Later edits never change what is public.
 */
import { App, Button, Input, Modal, Space, Tag } from "antd";
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
  const { message } = App.useApp();
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
          <Button data-testid="publish" loading={busy} onClick={publish}>
            {zh ? "公开" : "Publish"}
          </Button>
        )
      )}
      <Modal
        destroyOnHidden
        open={withdrawing}
        title={zh ? "撤回公开" : "Withdraw the publication"}
        okText={zh ? "撤回" : "Withdraw"}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy, id: "withdraw-confirm" }}
        onOk={withdraw}
        onCancel={() => setWithdrawing(false)}
      >
        <Input.TextArea
          data-testid="withdraw-reason"
          placeholder={zh ? "撤回原因（必填，记入审计）" : "Reason (required, audited)"}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
