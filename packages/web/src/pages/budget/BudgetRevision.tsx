/**
 * 预算调整 of a department budget: an organisation's year may hold several revisions (1 = 年初, then each
 * adjustment); the page shows the latest and lets the user switch to an earlier one. An approved latest revision
 * is adjusted by a filler with 「预算调整」: a confirmation, then the new draft revision (POST /budgets/{id}/revise).
 */
import { App, Button, Radio, Tag, Tooltip } from "antd";
import { useState } from "react";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import { yearClosed } from "../duties/model.ts";
import { type Budget, budgetApi } from "./api.ts";

/** 年初预算 for revision 1, 第 N 次调整 for the later ones. */
export function budgetRevisionText(revision: number, zh: boolean): string {
  if (revision <= 1) return zh ? "年初预算" : "initial budget";
  return zh ? `第 ${revision - 1} 次调整` : `adjustment ${revision - 1}`;
}

/** The budgets of each organisation, in the list's order, each organisation's revisions from the first to the latest. */
export function revisionsByOrg(budgets: Budget[]): Budget[][] {
  const groups = new Map<string, Budget[]>();
  for (const b of budgets) {
    const g = groups.get(b.orgId);
    if (g) g.push(b);
    else groups.set(b.orgId, [b]);
  }
  return [...groups.values()].map((g) => [...g].sort((a, b) => a.revision - b.revision));
}

/** The revision's tag on the budget card: shown once the year has more than one revision. */
export function BudgetRevisionTag({ b, latest }: { b: Budget; latest: boolean }) {
  const { lang } = useI18n();
  if (b.revision <= 1 && latest) return null;
  return (
    <Tag color={latest ? "blue" : "default"} data-testid="budget-revision" data-revision={b.revision}>
      {budgetRevisionText(b.revision, lang === "zh")}
    </Tag>
  );
}

/** The switch between an organisation's revisions of the year (only when there are several). */
export function BudgetRevisionSwitch({
  revisions,
  shown,
  onShow,
}: {
  revisions: Budget[];
  shown: string;
  onShow(id: string): void;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  if (revisions.length < 2) return null;
  return (
    <Radio.Group
      size="small"
      optionType="button"
      data-testid="budget-revisions"
      value={shown}
      onChange={(e) => onShow(e.target.value as string)}
      options={revisions.map((r) => ({
        value: r.id,
        label: (
          <span data-testid={`budget-revision-${r.revision}`}>
            {budgetRevisionText(r.revision, zh)}
            {r === revisions.at(-1) ? (zh ? "（当前）" : " (current)") : ""}
          </span>
        ),
      }))}
    />
  );
}

/**
 * 「预算调整」 on the approved latest revision, for a filler (the server checks the organisation) while the year is
 * open: asks first, makes the new draft revision and hands it to `onRevised` (the page then shows it). A refusal
 * (409: an adjustment already under way, a stale page) is said as the server says it and the page reloads.
 */
export function BudgetReviseButton({
  b,
  latest,
  onRevised,
}: {
  b: Budget;
  latest: boolean;
  onRevised(next: Budget | undefined): Promise<void>;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const ws = useWorkspace();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);

  const may = latest && b.state === "approved" && !!user?.roles.includes("filler") && !yearClosed(ws.years, b.year);
  if (!may) return null;

  const revise = async () => {
    setBusy(true);
    try {
      const next = await budgetApi.revise(b.id, b.version);
      message.success(
        zh
          ? `已建立调整草稿：${budgetRevisionText(next.revision, true)}`
          : `Adjustment draft made: ${budgetRevisionText(next.revision, false)}`,
      );
      await onRevised(next);
    } catch (e) {
      message.error(describeError(e, lang));
      await onRevised(undefined);
    } finally {
      setBusy(false);
    }
  };

  const ask = () =>
    modal.confirm({
      title: zh ? "预算调整" : "Adjust the budget",
      content: (
        <div data-testid="budget-revise-confirm-text">
          {zh
            ? `将以本预算为基础新建一个草稿版本（${budgetRevisionText(b.revision + 1, true)}），复制全部收入、支出、“三公”经费、政府采购和资产数据，修改后按原流程提交审核。已审核的${budgetRevisionText(b.revision, true)}保持不变；如已公开，公开的仍是该版本，直到另行公开。`
            : `A new draft revision (${budgetRevisionText(b.revision + 1, false)}) is made from this budget with all its income, spending, 三公, procurement and assets, to be changed and submitted for review as usual. The approved ${budgetRevisionText(b.revision, false)} stays as it is and, if it was published, remains the published one until another is published.`}
        </div>
      ),
      okText: zh ? "新建调整版本" : "Make the adjustment",
      cancelText: zh ? "取消" : "Cancel",
      okButtonProps: { id: "budget-revise-confirm" },
      onOk: revise,
    });

  return (
    <Tooltip
      title={
        zh
          ? "已审核的预算不能直接修改；调整会新建一个版本"
          : "An approved budget is not edited: adjusting makes a new revision"
      }
    >
      <Button data-testid="budget-revise" loading={busy} onClick={ask}>
        {zh ? "预算调整" : "Adjust"}
      </Button>
    </Tooltip>
  );
}
