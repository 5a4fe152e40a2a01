import { Tag } from "antd";
import type { WorkflowState } from "../../api/endpoints.ts";
import { useI18n } from "../../i18n.tsx";

export const STATE_TEXT: Record<WorkflowState, [string, string]> = {
  draft: ["草稿", "Draft"],
  submitted: ["已提交", "Submitted"],
  approved: ["已审核通过", "Approved"],
  returned: ["已退回", "Returned"],
};
const STATE_COLOR: Record<WorkflowState, string> = {
  draft: "default",
  submitted: "processing",
  approved: "success",
  returned: "error",
};

export function StateTag({ state }: { state: WorkflowState }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="project-state">
      {STATE_TEXT[state][lang === "zh" ? 0 : 1]}
    </Tag>
  );
}
