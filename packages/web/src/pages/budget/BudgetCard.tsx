import { App, Button, Card, Descriptions, Space, Tabs, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { ConflictModal } from "../../components/ConflictModal.tsx";
import { useI18n } from "../../i18n.tsx";
import { clearDraft, loadDraft, saveDraft } from "../../lib/drafts.ts";
import { describeError } from "../../lib/errors.ts";
import { useLeaveGuard } from "../../lib/leaveGuard.tsx";
import { StateTag } from "../projects/states.tsx";
import { AssetsSection } from "./AssetsSection.tsx";
import { type Budget, budgetApi } from "./api.ts";
import { BudgetOverview } from "./BudgetOverview.tsx";
import { BudgetHistory, BudgetReturnNotice, BudgetReviewActions, useBudgetHistory } from "./BudgetReview.tsx";
import { BudgetRevisionTag } from "./BudgetRevision.tsx";
import { type SectionProps, wan } from "./fields.tsx";
import {
  type BudgetDraft,
  draftErrors,
  draftOf,
  headerChanged,
  headerOf,
  mergeDraft,
  sectionsChanged,
  sectionsOf,
} from "./model.ts";
import { ProcurementTable } from "./ProcurementTable.tsx";
import { SpendingTable } from "./SpendingTable.tsx";
import { ThreePublicSection } from "./ThreePublicSection.tsx";

/**
 * One department budget: its sections in tabs, edited as a draft kept in the browser until saved (header and
 * sections each with the version read); a 409 offers to apply one's edits again over the server's version.
 */
export function BudgetCard({
  b,
  editable,
  closed,
  onSaved,
  latest = true,
  onRevised,
}: {
  b: Budget;
  editable: boolean;
  closed: boolean;
  onSaved(): Promise<void>;
  /** Whether this is the latest revision of its organisation's year (预算调整, BudgetRevision.tsx). */
  latest?: boolean;
  onRevised?: (next: Budget | undefined) => Promise<void>;
}) {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const { message } = App.useApp();
  const original = useMemo(() => draftOf(b), [b]);
  const key = `budget:${b.id}`;
  // Typing kept in the browser (a reload, a crash) comes back when the budget has not moved on since.
  const restore = useCallback(() => {
    const kept = editable ? loadDraft<BudgetDraft>(key) : undefined;
    return kept && kept.baseVersion === b.version ? kept.data : original;
  }, [editable, key, b.version, original]);
  const [d, setD] = useState<BudgetDraft>(restore);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Budget>();
  useEffect(() => setD(restore()), [restore]);

  const dirty = headerChanged(original, d) || sectionsChanged(original, d);
  useLeaveGuard(editable && dirty);
  useEffect(() => {
    if (!editable) return;
    if (dirty) saveDraft(key, d, b.version);
    else clearDraft(key);
  }, [editable, dirty, key, d, b.version]);
  const errors = draftErrors(d, lang);
  const steps = useBudgetHistory(b);
  const submitBlocked =
    editable && dirty ? (zh ? "有未保存的修改，保存后才能提交" : "Save your changes before submitting") : undefined;
  const set: SectionProps["set"] = (k, v) => setD((x) => ({ ...x, [k]: v }));

  const save = async (over?: Budget) => {
    const base = over ?? b;
    const from = over ? draftOf(over) : original;
    // Applying again after a conflict: what the user did not touch takes the server's values.
    const mine = over ? mergeDraft(original, d, from) : d;
    if (over) setD(mine);
    setBusy(true);
    try {
      let version = base.version;
      if (headerChanged(from, mine)) version = (await budgetApi.update(b.id, { ...headerOf(mine), version })).version;
      if (sectionsChanged(from, mine)) await budgetApi.saveSections(b.id, version, sectionsOf(mine));
      message.success(t("edit.saved"));
      setConflict(undefined);
      await onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current) setConflict(e.current as Budget);
      else message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const section = { d, editable, set };
  return (
    <Card
      size="small"
      data-testid="budget-card"
      title={
        <Space>
          {t("budget.department")} · {b.orgName} · {b.year}
          <BudgetRevisionTag b={b} latest={latest} />
          <StateTag state={b.state} testId="budget-state" />
          <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
            {zh ? `第 ${b.version} 版` : `version ${b.version}`}
          </Typography.Text>
        </Space>
      }
      extra={
        editable ? (
          <Space>
            <Button size="small" data-testid="undo-budget" disabled={!dirty} onClick={() => setD(original)}>
              {t("edit.undoChanges")}
            </Button>
            <Button
              size="small"
              type="primary"
              data-testid="save-budget"
              loading={busy}
              disabled={!dirty || errors.length > 0}
              onClick={() => save()}
            >
              {zh ? "保存" : "Save"}
            </Button>
          </Space>
        ) : closed ? (
          <Tag>{zh ? "年度已关闭，只读" : "year closed: read only"}</Tag>
        ) : undefined
      }
    >
      <Space orientation="vertical" size={8} style={{ width: "100%", marginBottom: 8 }}>
        <BudgetReviewActions
          b={b}
          onChanged={onSaved}
          submitBlocked={submitBlocked}
          latest={latest}
          onRevised={onRevised}
        />
        <BudgetReturnNotice b={b} steps={steps} />
      </Space>
      {editable && dirty && (
        <Typography.Paragraph type="warning" data-testid="budget-unsaved">
          {errors.length > 0
            ? `${zh ? "补全后才能保存：" : "Complete to save: "}${errors.join("；")}`
            : zh
              ? "有未保存的修改。"
              : "Unsaved changes."}
        </Typography.Paragraph>
      )}
      <Tabs
        items={[
          { key: "overview", label: zh ? "概览" : "Overview", children: <BudgetOverview {...section} /> },
          {
            key: "basic",
            label: zh ? "基本支出" : "Basic spending",
            children: <SpendingTable kind="basic" {...section} />,
          },
          {
            key: "project",
            label: zh ? "项目支出" : "Project spending",
            children: <SpendingTable kind="project" {...section} />,
          },
          { key: "three", label: zh ? "三公经费" : "三公 spending", children: <ThreePublicSection {...section} /> },
          { key: "procurement", label: zh ? "政府采购" : "Procurement", children: <ProcurementTable {...section} /> },
          { key: "assets", label: zh ? "资产" : "Assets", children: <AssetsSection {...section} /> },
          {
            key: "history",
            label: <span data-testid="budget-history-tab">{zh ? "流转记录" : "History"}</span>,
            children: <BudgetHistory b={b} steps={steps} />,
          },
        ]}
      />
      {!editable && b.notes && <Tag>{b.notes}</Tag>}
      <ConflictModal
        open={!!conflict}
        title={zh ? "他人已修改这份部门预算" : "Someone else changed this budget"}
        ids={{ reapply: "budget-conflict-reapply", keepServer: "budget-conflict-reload" }}
        busy={busy}
        onReapply={() => conflict && save(conflict)}
        onKeepServer={async () => {
          setConflict(undefined);
          await onSaved();
        }}
      >
        <div data-testid="budget-conflict">
          <Typography.Paragraph>
            {zh
              ? "您编辑期间，这份预算已被他人保存。重新应用时，您的修改写到当前版本之上；或者放弃您的修改，采用服务器上的内容。"
              : "While you were editing, this budget was saved by someone else. Applying again writes your edits over the current version; or drop yours and keep the server's."}
          </Typography.Paragraph>
          {conflict && (
            <Descriptions size="small" bordered column={2}>
              <Descriptions.Item label={zh ? "服务器当前版本" : "Server version"}>{conflict.version}</Descriptions.Item>
              <Descriptions.Item label={zh ? "更新时间" : "Updated"}>
                {new Date(conflict.updatedAt).toLocaleString(zh ? "zh-CN" : "en-GB")}
              </Descriptions.Item>
              <Descriptions.Item label={zh ? "收入 / 支出合计（万元）" : "Income / spending (万元)"}>
                {wan(conflict.incomeTotal)} / {wan(conflict.expenditureTotal)}
              </Descriptions.Item>
              <Descriptions.Item label={zh ? "政府采购行数" : "Procurement lines"}>
                {conflict.sections.procurement.length}
              </Descriptions.Item>
            </Descriptions>
          )}
        </div>
      </ConflictModal>
    </Card>
  );
}
