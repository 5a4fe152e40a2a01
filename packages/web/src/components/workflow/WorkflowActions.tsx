import { App, Button, Space, Tooltip } from "antd";
import { type ReactNode, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useAuth } from "../../auth.tsx";
import { describeError } from "../../lib/errors.ts";
import { type FlowAction, todoChanged, type WorkflowArea, workflowEndpoints } from "./api.ts";
import { allowedActions, type FlowRecord } from "./permissions.ts";
import { ReturnDialog } from "./ReturnDialog.tsx";
import { ACTION_DONE, type FlowText, useFlowText } from "./texts.ts";

const LABEL: Record<FlowAction, FlowText> = {
  submit: "submit",
  unit_approve: "unitApprove",
  approve: "approve",
  return: "return",
};

export const ACTION_TEST_ID: Record<FlowAction, string> = {
  submit: "wf-submit",
  unit_approve: "wf-unit-approve",
  approve: "wf-approve",
  return: "wf-return",
};

/**
 * The workflow buttons of a record: only those the signed-in user may press in the record's state (never to the
 * person who submitted it), and the return dialog. After an action (or a 409: someone acted first) `onChanged`
 * reloads the page.
 */
export function WorkflowActions({
  area,
  record,
  onChanged,
  submitBlocked,
  approveBlocked,
  approveNotice,
  onError,
}: {
  area: WorkflowArea;
  record: FlowRecord & { id: string; version: number };
  onChanged: () => void | Promise<void>;
  /** Why submitting is not possible now (unsaved changes, incomplete rows…); the button is disabled with it. */
  submitBlocked?: string | undefined;
  /** Why approving is not possible now (a new project without its 事前绩效评估…); the button is disabled with it. */
  approveBlocked?: string | undefined;
  /** What the approver should see in the approval's confirmation, above its text (e.g. the 事前绩效评估 conclusion). */
  approveNotice?: ReactNode;
  /** Told of a refused action (after the message), e.g. to show a refusal's fields where they are on the page. */
  onError?: ((e: unknown, action: FlowAction) => void) | undefined;
}) {
  const { user } = useAuth();
  const { lang, zh, tx } = useFlowText();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const actions = allowedActions(record, user ? { id: user.id, roles: user.roles } : undefined);

  // Submit and the approvals say what will happen and are confirmed first (the return has its own dialog).
  const CONFIRM: Record<Exclude<FlowAction, "return">, [FlowText, FlowText]> = {
    submit: ["confirmSubmitTitle", "confirmSubmit"],
    unit_approve: ["confirmUnitApproveTitle", "confirmUnitApprove"],
    approve: ["confirmApproveTitle", "confirmApprove"],
  };
  const confirmThen = (action: Exclude<FlowAction, "return">) => {
    const [title, content] = CONFIRM[action];
    modal.confirm({
      title: tx(title),
      content: (
        <>
          {action === "approve" && approveNotice}
          <span data-testid="wf-confirm-text">{tx(content)}</span>
        </>
      ),
      okText: tx(LABEL[action]),
      cancelText: tx("confirmCancel"),
      okButtonProps: { id: "wf-confirm-ok" },
      cancelButtonProps: { id: "wf-confirm-cancel" },
      onOk: () => act(action),
    });
  };

  const act = async (action: FlowAction, comment?: string) => {
    setBusy(true);
    try {
      await workflowEndpoints(area).act(record.id, action, record.version, comment);
      message.success(ACTION_DONE[action][zh ? 0 : 1]);
      setReturning(false);
      todoChanged();
      await onChanged();
    } catch (e) {
      message.error(describeError(e, lang));
      onError?.(e, action);
      if (e instanceof ApiError && e.status === 409) await onChanged();
    } finally {
      setBusy(false);
    }
  };

  if (actions.length === 0) return null;
  return (
    <Space data-testid="wf-actions">
      {actions.map((a) => {
        const blocked = a === "submit" ? submitBlocked : a === "approve" ? approveBlocked : undefined;
        const button = (
          <Button
            key={a}
            type={a === "return" ? "default" : "primary"}
            danger={a === "return"}
            data-testid={ACTION_TEST_ID[a]}
            loading={busy}
            disabled={!!blocked}
            onClick={() => (a === "return" ? setReturning(true) : confirmThen(a))}
          >
            {tx(LABEL[a])}
          </Button>
        );
        return blocked ? (
          <Tooltip key={a} title={blocked}>
            {button}
          </Tooltip>
        ) : (
          button
        );
      })}
      <ReturnDialog
        open={returning}
        busy={busy}
        onReturn={(c) => act("return", c)}
        onCancel={() => setReturning(false)}
      />
    </Space>
  );
}
