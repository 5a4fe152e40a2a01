import { Tag } from "antd";
import type { FlowState } from "./api.ts";
import { STATE_TEXT, useFlowText } from "./texts.ts";

const STATE_COLOR: Record<FlowState, string> = {
  draft: "default",
  submitted: "processing",
  unit_approved: "cyan",
  approved: "success",
  returned: "error",
};

/** The record's workflow state, one of five, in the current language. */
export function StateTag({ state, testId = "wf-state" }: { state: FlowState; testId?: string }) {
  const { zh } = useFlowText();
  const text = STATE_TEXT[state] ?? [state, state];
  return (
    <Tag
      color={STATE_COLOR[state] ?? "default"}
      data-testid={testId}
      data-state={state}
      // a long state (单位已审核，待主管/财政审核) wraps inside a narrow column instead of running over the next one
      style={{ whiteSpace: "normal", maxWidth: "100%", marginInlineEnd: 0 }}
    >
      {text[zh ? 0 : 1]}
    </Tag>
  );
}
