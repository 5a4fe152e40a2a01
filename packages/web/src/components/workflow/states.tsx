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
    <Tag color={STATE_COLOR[state] ?? "default"} data-testid={testId} data-state={state}>
      {text[zh ? 0 : 1]}
    </Tag>
  );
}
