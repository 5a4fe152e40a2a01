import { Alert, App, Button, Card, Empty, Space } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { type ExecutionRollup, endpoints } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import { yearClosed } from "../duties/model.ts";
import { BudgetRecommendations } from "../results/BudgetRecommendations.tsx";
import { type Budget, budgetApi } from "./api.ts";
import { BudgetCard } from "./BudgetCard.tsx";
import { BudgetRevisionSwitch, revisionsByOrg } from "./BudgetRevision.tsx";
import { ExecutionCard } from "./ExecutionCard.tsx";
import { ExecutionRollupCard } from "./ExecutionRollupCard.tsx";

/**
 * 预算: the execution of each unit in the chosen organisation's subtree (the roll-up), and the department budget
 * of the organisation and year: an overview (income and spending beside the prior year, totals in 万元 and 元),
 * basic and project spending, 三公经费 beside the prior year with the change, procurement lines (quantity × unit
 * price = amount, checked as typed) and assets. Every total is checked against its parts as typed (core's exact
 * money) with the difference shown. A filler edits a draft or returned budget of an open year; others read.
 */
export default function BudgetPage() {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [exec, setExec] = useState<ExecutionRollup>();
  const [budgets, setBudgets] = useState<Budget[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();
  const [rollupTick, setRollupTick] = useState(0);
  // The revision shown of each organisation's budget (预算调整): the latest unless the user chose another.
  const [shownByOrg, setShownByOrg] = useState<Record<string, string>>({});

  // Opened from a dashboard bar: that unit becomes the organisation worked on.
  const wanted = params.get("orgId");
  useEffect(() => {
    if (wanted && wanted !== ws.orgId && ws.orgs.some((o) => o.id === wanted)) ws.setOrgId(wanted);
  }, [wanted, ws]);

  const loadBudgets = useCallback(async () => {
    if (!ws.orgId) return;
    const b = await budgetApi.list(ws.orgId, ws.year);
    setBudgets(b.items);
  }, [ws.orgId, ws.year]);

  // The roll-up again after the unit's own figures were saved below.
  useEffect(() => {
    if (!ws.orgId || rollupTick === 0) return;
    let live = true;
    endpoints.executionRollup(ws.orgId, ws.year).then(
      (e) => live && setExec(e),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ws.orgId, ws.year, rollupTick]);

  useEffect(() => {
    if (!ws.orgId) return;
    let live = true;
    Promise.all([endpoints.executionRollup(ws.orgId, ws.year), budgetApi.list(ws.orgId, ws.year)]).then(
      ([e, b]) => {
        if (!live) return;
        setExec(e);
        setBudgets(b.items);
        setError(undefined);
      },
      (e) => live && setError(describeError(e, lang)),
    );
    return () => {
      live = false;
    };
  }, [ws.orgId, ws.year, lang]);

  const closed = yearClosed(ws.years, ws.year);
  const filler = !!user?.roles.includes("filler");
  const ownBudget = budgets?.some((b) => b.orgId === ws.orgId);

  const create = async () => {
    if (!ws.orgId) return;
    setBusy(true);
    try {
      await budgetApi.create(ws.orgId, ws.year);
      await loadBudgets();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="budget-page">
      {error && <Alert type="error" showIcon title={error} />}
      {budgets && !ownBudget && (
        <Card size="small">
          <Empty
            description={
              zh
                ? "本单位本年度尚无部门预算（可通过导入录入）。"
                : "No department budget for this organisation and year yet (import one)."
            }
          >
            {filler && !closed && (
              <Button type="primary" data-testid="create-budget" loading={busy} onClick={create}>
                {t("budget.create")}
              </Button>
            )}
          </Empty>
        </Card>
      )}
      {revisionsByOrg(budgets ?? []).map((revisions) => {
        const latest = revisions.at(-1)!;
        const b = revisions.find((r) => r.id === shownByOrg[latest.orgId]) ?? latest;
        return (
          <Space key={latest.orgId} orientation="vertical" size={4} style={{ width: "100%" }}>
            <BudgetRevisionSwitch
              revisions={revisions}
              shown={b.id}
              onShow={(id) => setShownByOrg((m) => ({ ...m, [latest.orgId]: id }))}
            />
            <BudgetCard
              key={b.id}
              b={b}
              editable={filler && !closed && b.orgId === ws.orgId && (b.state === "draft" || b.state === "returned")}
              closed={closed}
              onSaved={loadBudgets}
              latest={b === latest}
              onRevised={async (next) => {
                await loadBudgets();
                if (next) setShownByOrg((m) => ({ ...m, [next.orgId]: next.id }));
              }}
            />
          </Space>
        );
      })}
      {/* The budget itself first (at 1366×768 it opens above the fold); its execution below. */}
      {ws.orgId && <BudgetRecommendations orgId={ws.orgId} year={ws.year} />}
      <ExecutionRollupCard exec={exec} loading={!exec && !error} />
      {ws.orgId && (
        <ExecutionCard
          orgId={ws.orgId}
          year={ws.year}
          editable={filler && !closed}
          onSaved={() => setRollupTick((n) => n + 1)}
        />
      )}
    </Space>
  );
}
