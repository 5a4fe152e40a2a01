import { Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useFlowText } from "./texts.ts";

/** 退回: the comment is required (the button stays disabled until something is written). */
export function ReturnDialog({
  open,
  busy,
  onReturn,
  onCancel,
}: {
  open: boolean;
  busy: boolean;
  onReturn: (comment: string) => void;
  onCancel: () => void;
}) {
  const { tx } = useFlowText();
  const [comment, setComment] = useState("");
  const empty = !comment.trim();
  const tooLong = comment.trim().length > 2000;
  return (
    <Modal
      destroyOnHidden
      open={open}
      title={tx("returnTitle")}
      okText={tx("return")}
      okButtonProps={{ danger: true, disabled: empty || tooLong, loading: busy, id: "wf-return-confirm" }}
      onOk={() => onReturn(comment.trim())}
      onCancel={onCancel}
      afterClose={() => setComment("")}
    >
      <Input.TextArea
        data-testid="wf-return-input"
        rows={4}
        count={{ show: true, max: 2000 }}
        value={comment}
        status={tooLong ? "error" : empty ? "warning" : undefined}
        onChange={(e) => setComment(e.target.value)}
        placeholder={tx("returnPlaceholder")}
      />
      {empty && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tx("returnNeedsComment")}
        </Typography.Text>
      )}
    </Modal>
  );
}
