import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { ApiError } from "../../api/client.ts";
import { type ExecutionRollup, endpoints } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { clearDraft, loadDraft, saveDraft } from "../../lib/drafts.ts";
import { describeError } from "../../lib/errors.ts";
import { executionRate, type Fen, formatWanYuan, parseYuan } from "../../lib/rules.ts";
import { useWorkspace } from "../../workspace.tsx";
import { yearClosed } from "../duties/model.ts";
import { StateTag } from "../projects/states.tsx";
import { type Budget, budgetApi } from "./api.ts";
import { ExecutionCard } from "./ExecutionCard.tsx";
import { LineTable } from "./LineTable.tsx";
import {
  type AssetsDraft,
  type BudgetDraft,
  change,
  draftErrors,
  draftOf,
  emptyAssets,
  emptyThreePublic,
  headerChanged,
  headerOf,
  mergeDraft,
  PRIOR,
  type ProcurementDraft,
  procurementProduct,
  readWan,
  type SpendingDraft,
  sectionsChanged,
  sectionsOf,
  THREE_PARTS,
  type ThreePublicDraft,
  type TotalView,
  totalOf,
} from "./model.ts";

type ThreeRow = { key: (typeof THREE_PARTS)[number]; name: string; now: string; prior: string };
const wan = (v: string | null | undefined) => (v == null ? "—" : formatWanYuan(parseYuan(v)));
const rate = (spent: string, budget: string) => {
  const b = parseYuan(budget);
  return b > 0n ? `${executionRate(parseYuan(spent), b).text}%` : "—";
};

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

  const totals = useMemo(() => {
    let budget = 0n as Fen;
    let spent = 0n as Fen;
    for (const r of exec?.items ?? []) {
      budget = (budget + parseYuan(r.budget)) as Fen;
      spent = (spent + parseYuan(r.spent)) as Fen;
    }
    return { budget, spent };
  }, [exec]);

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
      <Card
        size="small"
        data-testid="execution-rollup"
        title={zh ? `预算执行（截至 ${exec?.asOf ?? "—"}）` : `Execution (as of ${exec?.asOf ?? "—"})`}
      >
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col span={8}>
            <Statistic
              title={zh ? "预算确定数（万元）" : "Budget (万元)"}
              value={formatWanYuan(totals.budget as Fen)}
            />
          </Col>
          <Col span={8}>
            <Statistic title={zh ? "执行数（万元）" : "Spent (万元)"} value={formatWanYuan(totals.spent as Fen)} />
          </Col>
          <Col span={8}>
            <Statistic
              title={zh ? "执行率" : "Rate"}
              value={totals.budget > 0n ? executionRate(totals.spent as Fen, totals.budget as Fen).text : "—"}
              suffix={totals.budget > 0n ? "%" : undefined}
            />
          </Col>
        </Row>
        <Table
          size="small"
          rowKey="orgId"
          pagination={false}
          loading={!exec && !error}
          dataSource={exec?.items ?? []}
          columns={[
            { title: zh ? "单位" : "Organisation", dataIndex: "orgName" },
            { title: zh ? "预算（万元）" : "Budget (万元)", dataIndex: "budget", align: "right", render: wan },
            { title: zh ? "执行（万元）" : "Spent (万元)", dataIndex: "spent", align: "right", render: wan },
            {
              title: zh ? "执行率" : "Rate",
              align: "right",
              render: (_: unknown, r: { budget: string; spent: string }) => rate(r.spent, r.budget),
            },
          ]}
        />
      </Card>
      {ws.orgId && (
        <ExecutionCard
          orgId={ws.orgId}
          year={ws.year}
          editable={filler && !closed}
          onSaved={() => setRollupTick((n) => n + 1)}
        />
      )}
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
      {(budgets ?? []).map((b) => (
        <BudgetCard
          key={b.id}
          b={b}
          editable={filler && !closed && b.orgId === ws.orgId && (b.state === "draft" || b.state === "returned")}
          closed={closed}
          onSaved={loadBudgets}
        />
      ))}
    </Space>
  );
}

function Check({ v, testId, what }: { v: TotalView; testId: string; what: string }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  if (v.holds === undefined) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {zh
          ? `${what}未填；各项合计 ${v.sumWan} 万元（${v.sumYuan} 元）`
          : `${what} not stated; the parts sum to ${v.sumWan} 万元 (${v.sumYuan} 元)`}
      </Typography.Text>
    );
  }
  return v.holds ? (
    <Tag color="green" data-testid={testId}>
      {zh
        ? `${what} ${v.statedWan} 万元 = 各项合计（${v.sumYuan} 元）`
        : `${what} ${v.statedWan} 万元 = the parts (${v.sumYuan} 元)`}
    </Tag>
  ) : (
    <Tag color="red" data-testid={testId} style={{ whiteSpace: "normal" }}>
      {zh
        ? `${what}填报 ${v.statedWan} 万元，各项合计 ${v.sumWan} 万元（${v.sumYuan} 元），相差 ${v.differenceWan} 万元（${v.differenceYuan} 元）`
        : `${what}: stated ${v.statedWan} 万元, parts sum to ${v.sumWan} 万元 (${v.sumYuan} 元), difference ${v.differenceWan} 万元 (${v.differenceYuan} 元)`}
    </Tag>
  );
}

function MoneyField({
  label,
  value,
  editable,
  testId,
  onChange,
}: {
  label: string;
  value: string;
  editable: boolean;
  testId: string;
  onChange(v: string): void;
}) {
  const { lang } = useI18n();
  const err = readWan(value, lang).error;
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }} validateStatus={err ? "error" : undefined} help={err}>
      {editable ? (
        <Input data-testid={testId} value={value} suffix="万元" onChange={(e) => onChange(e.target.value)} />
      ) : (
        <Typography.Text data-testid={testId}>{value === "" ? "—" : `${value} 万元`}</Typography.Text>
      )}
    </Form.Item>
  );
}

function BudgetCard({
  b,
  editable,
  closed,
  onSaved,
}: {
  b: Budget;
  editable: boolean;
  closed: boolean;
  onSaved(): Promise<void>;
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
  useEffect(() => {
    if (!editable) return;
    if (dirty) saveDraft(key, d, b.version);
    else clearDraft(key);
  }, [editable, dirty, key, d, b.version]);
  const errors = draftErrors(d, lang);
  const set = <K extends keyof BudgetDraft>(k: K, v: BudgetDraft[K]) => setD((x) => ({ ...x, [k]: v }));

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

  const basic = d.spending.filter((l) => l.kind === "basic");
  const project = d.spending.filter((l) => l.kind === "project");
  const income = totalOf(
    d.incomeTotal,
    d.income.map((l) => l.amount),
  );
  const spending = totalOf(
    d.expenditureTotal,
    d.spending.map((l) => l.amount),
  );
  const priorIncome = totalOf(
    "",
    d.income.map((l) => l.priorAmount),
  );
  const priorSpending = totalOf(
    "",
    d.spending.map((l) => l.priorAmount),
  );
  const kindOf = (kind: "basic" | "project") => (rows: SpendingDraft[]) =>
    set("spending", [...d.spending.filter((l) => l.kind !== kind), ...rows]);
  const subkinds = [
    { value: "", label: "—" },
    { value: "personnel", label: zh ? "人员经费" : "personnel" },
    { value: "public", label: zh ? "公用经费" : "public" },
  ];
  const spendingTable = (kind: "basic" | "project", rows: SpendingDraft[]) => {
    const sub = totalOf(
      "",
      rows.map((l) => l.amount),
    );
    const personnel = totalOf(
      "",
      rows.filter((l) => l.subkind === "personnel").map((l) => l.amount),
    );
    const pub = totalOf(
      "",
      rows.filter((l) => l.subkind === "public").map((l) => l.amount),
    );
    return (
      <LineTable<SpendingDraft>
        testId={`spending-${kind}`}
        rows={rows}
        editable={editable}
        onChange={kindOf(kind)}
        empty={() => ({ kind, subkind: "", classCode: "", name: "", amount: "", priorAmount: "" })}
        columns={[
          { key: "classCode", title: zh ? "科目编码" : "Class", width: 110 },
          { key: "name", title: zh ? "名称" : "Name", width: 240 },
          ...(kind === "basic"
            ? [
                {
                  key: "subkind" as const,
                  title: zh ? "类型" : "Type",
                  width: 110,
                  kind: "select" as const,
                  options: subkinds,
                },
              ]
            : []),
          { key: "amount", title: zh ? "本年（万元）" : "This year (万元)", width: 130, kind: "money" },
          { key: "priorAmount", title: zh ? "上年（万元）" : "Prior year (万元)", width: 130, kind: "money" },
        ]}
        extra={[
          {
            title: zh ? "增减（万元）" : "Change (万元)",
            width: 110,
            render: (r) => change(r.amount, r.priorAmount) ?? "—",
          },
        ]}
        footer={
          <Space wrap>
            <Typography.Text strong data-testid={`spending-${kind}-total`}>
              {zh ? "小计" : "Subtotal"} {sub.sumWan} 万元（{sub.sumYuan} 元）
            </Typography.Text>
            {kind === "basic" && (
              <Typography.Text type="secondary">
                {zh
                  ? `其中人员经费 ${personnel.sumWan} 万元，公用经费 ${pub.sumWan} 万元`
                  : `of which personnel ${personnel.sumWan} 万元, public ${pub.sumWan} 万元`}
              </Typography.Text>
            )}
          </Space>
        }
      />
    );
  };

  const tp = d.threePublic;
  const setTp = (k: keyof ThreePublicDraft, v: string) => tp && set("threePublic", { ...tp, [k]: v });
  const threeNames: Record<(typeof THREE_PARTS)[number], string> = {
    abroad: zh ? "因公出国（境）费" : "Travel abroad",
    vehiclePurchase: zh ? "公务用车购置费" : "Vehicle purchase",
    vehicleOperation: zh ? "公务用车运行维护费" : "Vehicle operation",
    reception: zh ? "公务接待费" : "Reception",
  };
  const as = d.assets;
  const setAs = (k: keyof AssetsDraft, v: string) => as && set("assets", { ...as, [k]: v });
  const procurementTotal = totalOf(
    "",
    d.procurement.map((l) => l.amount),
  );

  const cellInput = (value: string, testId: string, label: string, onChange: (v: string) => void): ReactNode =>
    editable ? (
      <Input
        size="small"
        data-testid={testId}
        aria-label={label}
        style={{ textAlign: "right" }}
        status={readWan(value, lang).error ? "error" : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    ) : (
      <span data-testid={testId}>{value || "—"}</span>
    );

  return (
    <Card
      size="small"
      data-testid="budget-card"
      title={
        <Space>
          {t("budget.department")} · {b.orgName} · {b.year}
          <StateTag state={b.state} />
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
          {
            key: "overview",
            label: zh ? "概览" : "Overview",
            children: (
              <Space orientation="vertical" style={{ width: "100%" }}>
                <Form layout="vertical" size="small">
                  <Row gutter={12}>
                    <Col span={8}>
                      <MoneyField
                        label={zh ? "收入合计（万元）" : "Income total (万元)"}
                        value={d.incomeTotal}
                        editable={editable}
                        testId="income-total"
                        onChange={(v) => set("incomeTotal", v)}
                      />
                    </Col>
                    <Col span={8}>
                      <MoneyField
                        label={zh ? "支出合计（万元）" : "Spending total (万元)"}
                        value={d.expenditureTotal}
                        editable={editable}
                        testId="expenditure-total"
                        onChange={(v) => set("expenditureTotal", v)}
                      />
                    </Col>
                    <Col span={8}>
                      <MoneyField
                        label={zh ? "机关运行经费（万元）" : "Operating funds (万元)"}
                        value={d.operatingFunds}
                        editable={editable}
                        testId="operating-funds"
                        onChange={(v) => set("operatingFunds", v)}
                      />
                    </Col>
                  </Row>
                </Form>
                <Space orientation="vertical" size={4}>
                  <Check v={income} testId="income-check" what={zh ? "收入合计" : "Income total"} />
                  <Check v={spending} testId="spending-check" what={zh ? "支出合计" : "Spending total"} />
                </Space>
                <Descriptions size="small" bordered column={3}>
                  <Descriptions.Item label={zh ? "收入（上年，万元）" : "Income, prior year (万元)"}>
                    {priorIncome.sumWan}（{priorIncome.sumYuan} 元）
                  </Descriptions.Item>
                  <Descriptions.Item label={zh ? "支出（上年，万元）" : "Spending, prior year (万元)"}>
                    {priorSpending.sumWan}（{priorSpending.sumYuan} 元）
                  </Descriptions.Item>
                  <Descriptions.Item label={zh ? "基本 / 项目支出（万元）" : "Basic / project (万元)"}>
                    {
                      totalOf(
                        "",
                        basic.map((l) => l.amount),
                      ).sumWan
                    }{" "}
                    /{" "}
                    {
                      totalOf(
                        "",
                        project.map((l) => l.amount),
                      ).sumWan
                    }
                  </Descriptions.Item>
                </Descriptions>
                <Typography.Text strong>{zh ? "收入" : "Income"}</Typography.Text>
                <LineTable
                  testId="income"
                  rows={d.income}
                  editable={editable}
                  onChange={(rows) => set("income", rows)}
                  empty={() => ({ category: "", amount: "", priorAmount: "" })}
                  columns={[
                    { key: "category", title: zh ? "类别" : "Category", width: 260 },
                    { key: "amount", title: zh ? "本年（万元）" : "This year (万元)", width: 140, kind: "money" },
                    { key: "priorAmount", title: zh ? "上年（万元）" : "Prior year (万元)", width: 140, kind: "money" },
                  ]}
                  extra={[
                    {
                      title: zh ? "增减（万元）" : "Change (万元)",
                      width: 120,
                      render: (r) => change(r.amount, r.priorAmount) ?? "—",
                    },
                  ]}
                />
              </Space>
            ),
          },
          { key: "basic", label: zh ? "基本支出" : "Basic spending", children: spendingTable("basic", basic) },
          { key: "project", label: zh ? "项目支出" : "Project spending", children: spendingTable("project", project) },
          {
            key: "three",
            label: zh ? "三公经费" : "三公 spending",
            children: tp ? (
              <div data-testid="three-public">
                <Table<ThreeRow>
                  size="small"
                  bordered
                  pagination={false}
                  rowKey="key"
                  dataSource={[
                    ...THREE_PARTS.map((k) => ({ key: k, name: threeNames[k], now: tp[k], prior: tp[PRIOR[k]] })),
                  ]}
                  columns={[
                    { title: zh ? "项目" : "Item", dataIndex: "name" },
                    {
                      title: zh ? "本年（万元）" : "This year (万元)",
                      width: 150,
                      render: (_: unknown, r: ThreeRow) =>
                        cellInput(r.now, `three-${r.key}`, r.name, (v) => setTp(r.key, v)),
                    },
                    {
                      title: zh ? "上年（万元）" : "Prior year (万元)",
                      width: 150,
                      render: (_: unknown, r: ThreeRow) =>
                        cellInput(r.prior, `three-prior-${r.key}`, `${r.name} ${zh ? "上年" : "prior year"}`, (v) =>
                          setTp(PRIOR[r.key], v),
                        ),
                    },
                    {
                      title: zh ? "增减（万元）" : "Change (万元)",
                      width: 120,
                      render: (_: unknown, r: ThreeRow) => (
                        <span data-testid={`three-change-${r.key}`}>{change(r.now, r.prior) ?? "—"}</span>
                      ),
                    },
                  ]}
                />
                <Form layout="vertical" size="small" style={{ marginTop: 8 }}>
                  <Row gutter={12}>
                    <Col span={8}>
                      <MoneyField
                        label={zh ? "“三公”经费合计（填报，万元）" : "Stated total (万元)"}
                        value={tp.statedTotal}
                        editable={editable}
                        testId="three-stated"
                        onChange={(v) => setTp("statedTotal", v)}
                      />
                    </Col>
                    <Col span={16}>
                      <Form.Item label={zh ? "增减原因" : "Why it changed"} style={{ marginBottom: 8 }}>
                        {editable ? (
                          <Input.TextArea
                            autoSize={{ minRows: 1, maxRows: 4 }}
                            value={tp.changeReason}
                            onChange={(e) => setTp("changeReason", e.target.value)}
                          />
                        ) : (
                          <Typography.Text>{tp.changeReason || "—"}</Typography.Text>
                        )}
                      </Form.Item>
                    </Col>
                  </Row>
                </Form>
                <Space orientation="vertical" size={4}>
                  <Check
                    v={totalOf(
                      tp.statedTotal,
                      THREE_PARTS.map((k) => tp[k]),
                    )}
                    testId="three-check"
                    what={zh ? "“三公”经费" : "三公"}
                  />
                  <Typography.Text data-testid="three-change-total">
                    {(() => {
                      const now = totalOf(
                        "",
                        THREE_PARTS.map((k) => tp[k]),
                      );
                      const prior = totalOf(
                        "",
                        THREE_PARTS.map((k) => tp[PRIOR[k]]),
                      );
                      const delta = change(now.sumWan.replace(/,/g, ""), prior.sumWan.replace(/,/g, ""));
                      return zh
                        ? `本年合计 ${now.sumWan} 万元，上年 ${prior.sumWan} 万元，增减 ${delta ?? "—"} 万元`
                        : `This year ${now.sumWan} 万元, prior year ${prior.sumWan} 万元, change ${delta ?? "—"} 万元`;
                    })()}
                  </Typography.Text>
                </Space>
              </div>
            ) : (
              <Empty description={zh ? "未填三公经费" : "No 三公 figures"}>
                {editable && (
                  <Button data-testid="add-three-public" onClick={() => set("threePublic", emptyThreePublic())}>
                    {zh ? "填写三公经费" : "Fill in 三公"}
                  </Button>
                )}
              </Empty>
            ),
          },
          {
            key: "procurement",
            label: zh ? "政府采购" : "Procurement",
            children: (
              <LineTable<ProcurementDraft>
                testId="procurement"
                rows={d.procurement}
                editable={editable}
                onChange={(rows) => set("procurement", rows)}
                empty={() => ({
                  catalogCode: "",
                  itemName: "",
                  category: "",
                  quantity: "",
                  unit: "",
                  unitPrice: "",
                  amount: "",
                  fundingSource: "",
                })}
                columns={[
                  { key: "catalogCode", title: zh ? "品目编码" : "Catalog", width: 90 },
                  { key: "itemName", title: zh ? "名称" : "Item", width: 160 },
                  {
                    key: "category",
                    title: zh ? "类别" : "Kind",
                    width: 90,
                    kind: "select",
                    options: [
                      { value: "", label: "—" },
                      { value: "goods", label: zh ? "货物" : "goods" },
                      { value: "works", label: zh ? "工程" : "works" },
                      { value: "services", label: zh ? "服务" : "services" },
                    ],
                  },
                  { key: "quantity", title: zh ? "数量" : "Qty", width: 80 },
                  { key: "unit", title: zh ? "单位" : "Unit", width: 60 },
                  { key: "unitPrice", title: zh ? "单价（万元）" : "Unit price (万元)", width: 110, kind: "money" },
                  { key: "amount", title: zh ? "金额（万元）" : "Amount (万元)", width: 110, kind: "money" },
                  { key: "fundingSource", title: zh ? "资金来源" : "Funding", width: 110 },
                ]}
                extra={[
                  {
                    title: zh ? "数量 × 单价" : "Qty × price",
                    width: 170,
                    render: (r, i) => {
                      const p = procurementProduct(r);
                      if (!p) return <span data-testid={`procurement-${i}-check`}>—</span>;
                      return (
                        <Tag
                          color={p.holds ? "green" : "red"}
                          data-testid={`procurement-${i}-check`}
                          data-holds={p.holds ? "yes" : "no"}
                          style={{ whiteSpace: "normal" }}
                        >
                          {p.holds
                            ? `= ${p.productWan} 万元`
                            : zh
                              ? `= ${p.productWan} 万元（${p.productYuan} 元），与金额不符`
                              : `= ${p.productWan} 万元 (${p.productYuan} 元), not the amount`}
                        </Tag>
                      );
                    },
                  },
                ]}
                footer={
                  <Typography.Text strong data-testid="procurement-total">
                    {zh ? "合计" : "Total"} {procurementTotal.sumWan} 万元（{procurementTotal.sumYuan} 元）
                  </Typography.Text>
                }
              />
            ),
          },
          {
            key: "assets",
            label: zh ? "资产" : "Assets",
            children: as ? (
              <div data-testid="assets">
                <Form layout="vertical" size="small">
                  <Row gutter={12}>
                    {(
                      [
                        ["buildings", zh ? "房屋（万元）" : "Buildings (万元)"],
                        ["vehicles", zh ? "车辆（万元）" : "Vehicles (万元)"],
                        ["other", zh ? "其他（万元）" : "Other (万元)"],
                        ["statedTotal", zh ? "资产合计（填报，万元）" : "Stated total (万元)"],
                      ] as const
                    ).map(([k, label]) => (
                      <Col span={6} key={k}>
                        <MoneyField
                          label={label}
                          value={as[k]}
                          editable={editable}
                          testId={`assets-${k}`}
                          onChange={(v) => setAs(k, v)}
                        />
                      </Col>
                    ))}
                    <Col span={6}>
                      <Form.Item label={zh ? "车辆数" : "Vehicle count"} style={{ marginBottom: 8 }}>
                        {editable ? (
                          <Input value={as.vehicleCount} onChange={(e) => setAs("vehicleCount", e.target.value)} />
                        ) : (
                          <Typography.Text>{as.vehicleCount || "—"}</Typography.Text>
                        )}
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item label={zh ? "房屋面积（平方米）" : "Building area (m²)"} style={{ marginBottom: 8 }}>
                        {editable ? (
                          <Input value={as.buildingArea} onChange={(e) => setAs("buildingArea", e.target.value)} />
                        ) : (
                          <Typography.Text>{as.buildingArea || "—"}</Typography.Text>
                        )}
                      </Form.Item>
                    </Col>
                  </Row>
                </Form>
                <Check
                  v={totalOf(as.statedTotal, [as.buildings, as.vehicles, as.other])}
                  testId="assets-check"
                  what={zh ? "国有资产合计" : "Asset total"}
                />
              </div>
            ) : (
              <Empty description={zh ? "未填资产" : "No asset figures"}>
                {editable && (
                  <Button data-testid="add-assets" onClick={() => set("assets", emptyAssets())}>
                    {zh ? "填写资产" : "Fill in the assets"}
                  </Button>
                )}
              </Empty>
            ),
          },
        ]}
      />
      {!editable && b.notes && <Tag>{b.notes}</Tag>}
      <Modal
        destroyOnHidden
        open={!!conflict}
        title={zh ? "他人已修改这份部门预算" : "Someone else changed this budget"}
        okText={t("edit.reapply")}
        cancelText={t("edit.keepServer")}
        okButtonProps={{ id: "budget-conflict-reapply", loading: busy }}
        cancelButtonProps={{ id: "budget-conflict-reload" }}
        onOk={() => conflict && save(conflict)}
        onCancel={async () => {
          setConflict(undefined);
          await onSaved();
        }}
        width={720}
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
      </Modal>
    </Card>
  );
}
