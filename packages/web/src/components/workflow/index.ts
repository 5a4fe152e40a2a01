export * from "./api.ts";
export { ChangesPanel } from "./ChangesPanel.tsx";
export { HistoryTimeline, ReturnNotice } from "./HistoryTimeline.tsx";
export { allowedActions, type FlowRecord, isEditableState } from "./permissions.ts";
export { ReturnDialog } from "./ReturnDialog.tsx";
export { StateTag } from "./states.tsx";
export { ACTION_TEXT, FIELD_TEXT, STATE_TEXT } from "./texts.ts";
export {
  type ChangesView,
  CURRENT,
  defaultComparison,
  EVALUATION_FIELDS,
  GOAL_FIELDS,
  PROJECT_FIELDS,
  recordView,
  versionOf,
} from "./versions.ts";
export { WorkflowActions } from "./WorkflowActions.tsx";
