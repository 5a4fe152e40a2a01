/** The workflow state of a project (and of budgets, goals, self-evaluations): see components/workflow. */
export { STATE_TEXT, StateTag } from "../../components/workflow/index.ts";
