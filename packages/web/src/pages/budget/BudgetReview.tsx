import { Space } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ExportButton } from "../../components/ExportButton.tsx";
import { PublishControl } from "../../components/publish/PublishControl.tsx";
import {
  ChangesPanel,
  type FlowStep,
  HistoryTimeline,
  ReturnNotice,
  WorkflowActions,
  workflowEndpoints,
} from "../../components/workflow/index.ts";
import type { Budget } from "./api.ts";
import { BudgetReviseButton } from "./BudgetRevision.tsx";
import { BUDGET_CHANGES } from "./budgetChanges.ts";

const budgetFlow = workflowEndpoints("budgets");

/** The history of a budget, reloaded whenever the budget's version changes. */
export function useBudgetHistory(b: Budget): FlowStep[] {
  const [steps, setSteps] = useState<FlowStep[]>([]);
  useEffect(() => {
    let live = true;
    void b.version;
    budgetFlow.history(b.id).then(
      (s) => live && setSteps(s),
      () => live && setSteps([]),
    );
    return () => {
      live = false;
    };
  }, [b.id, b.version]);
  return steps;
}

/**
 * The review of one department budget, as on the project page: the workflow buttons the user may press now,
 * export (xlsx / docx / PDF of its 部门预算信息公开), publication once approved, and 「预算调整」 of the approved
 * latest revision (BudgetRevision.tsx).
 */
export function BudgetReviewActions({
  b,
  onChanged,
  submitBlocked,
  latest = true,
  onRevised,
}: {
  b: Budget;
  onChanged: () => Promise<void>;
  submitBlocked?: string | undefined;
  /** Whether this is the latest revision of its organisation's year (only that one is adjusted). */
  latest?: boolean;
  /** After an adjustment: the new draft revision (undefined when refused; the page reloads). */
  onRevised?: (next: Budget | undefined) => Promise<void>;
}) {
  const reload = useCallback(() => onChanged(), [onChanged]);
  return (
    <Space wrap data-testid="budget-review-actions">
      <WorkflowActions area="budgets" record={b} onChanged={reload} submitBlocked={submitBlocked} />
      <ExportButton type="budget" id={b.id} />
      <PublishControl type="budget" record={b} />
      <BudgetReviseButton b={b} latest={latest} onRevised={onRevised ?? (() => onChanged())} />
    </Space>
  );
}

/** The return comment (when returned) above the budget. */
export function BudgetReturnNotice({ b, steps }: { b: Budget; steps: FlowStep[] }) {
  return <ReturnNotice state={b.state} steps={steps} />;
}

/** 流转记录 and 本次修改 of the budget (its header figures and every section's rows, budgetChanges.ts). */
export function BudgetHistory({ b, steps }: { b: Budget; steps: FlowStep[] }) {
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="budget-history">
      <HistoryTimeline steps={steps} />
      <ChangesPanel area="budgets" id={b.id} current={b} view={BUDGET_CHANGES} steps={steps} />
    </Space>
  );
}
