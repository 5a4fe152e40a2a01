import { Alert, Card, Timeline, Typography } from "antd";
import { useAuth } from "../../auth.tsx";
import type { FlowStep } from "./api.ts";
import { ACTION_TEXT, STATE_TEXT, useFlowText } from "./texts.ts";

const COLOR = { submit: "blue", unit_approve: "cyan", approve: "green", return: "red" } as const;

function useActorName() {
  const { user } = useAuth();
  const { tx } = useFlowText();
  return (s: FlowStep) => s.actorName ?? (s.actorId === user?.id ? tx("me") : s.actorId.slice(0, 8));
}

/** 流转记录: every step, oldest first, with who took it, when, the state it led to and the comment. */
export function HistoryTimeline({ steps, title }: { steps: FlowStep[]; title?: string }) {
  const { zh, tx } = useFlowText();
  const actor = useActorName();
  return (
    <Card size="small" title={title ?? tx("history")} data-testid="wf-history">
      {steps.length === 0 ? (
        <Typography.Text type="secondary">{tx("noHistory")}</Typography.Text>
      ) : (
        <Timeline
          items={steps.map((s, i) => ({
            key: `${i}`,
            color: COLOR[s.action] ?? "gray",
            content: (
              <div data-testid="wf-step" data-action={s.action}>
                <Typography.Text strong>{ACTION_TEXT[s.action]?.[zh ? 0 : 1] ?? s.action}</Typography.Text>{" "}
                <Typography.Text data-testid="wf-step-actor">{actor(s)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.createdAt ? new Date(s.createdAt).toLocaleString(zh ? "zh-CN" : "en-GB") : ""} →{" "}
                    {STATE_TEXT[s.to]?.[zh ? 0 : 1] ?? s.to} · {tx("version")} {s.version}
                  </Typography.Text>
                </div>
                {s.comment && (
                  <Typography.Paragraph style={{ margin: 0 }} data-testid="wf-step-comment">
                    “{s.comment}”
                  </Typography.Paragraph>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** On a returned record: the last return's comment and who wrote it, above everything else. */
export function ReturnNotice({ state, steps }: { state: string; steps: FlowStep[] }) {
  const { tx } = useFlowText();
  const actor = useActorName();
  const last = [...steps].reverse().find((s) => s.action === "return");
  if (state !== "returned" || !last?.comment) return null;
  return (
    <Alert
      style={{ marginTop: 8 }}
      type="warning"
      showIcon
      data-testid="wf-return-notice"
      title={`${tx("returnedWith")}（${tx("returnedBy")}：${actor(last)}）`}
      description={<span data-testid="wf-return-comment">{last.comment}</span>}
    />
  );
}
