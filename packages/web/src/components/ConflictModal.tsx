import { Modal } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../i18n.tsx";

/**
 * Someone else saved the record while it was being edited (a 409 with the record as it is now): apply one's
 * edits again over the server's version, or drop them and keep the server's. The body says what differs.
 * `ids` are the element ids of the two buttons (the browser tests click them).
 */
export function ConflictModal(p: {
  open: boolean;
  title: string;
  ids: { reapply: string; keepServer: string };
  reapplyDisabled?: boolean;
  busy?: boolean;
  onReapply(): void;
  onKeepServer(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      destroyOnHidden
      open={p.open}
      title={p.title}
      okText={t("edit.reapply")}
      cancelText={t("edit.keepServer")}
      okButtonProps={{ id: p.ids.reapply, disabled: p.reapplyDisabled, loading: p.busy }}
      cancelButtonProps={{ id: p.ids.keepServer }}
      onOk={p.onReapply}
      onCancel={p.onKeepServer}
      width={720}
    >
      {p.children}
    </Modal>
  );
}
