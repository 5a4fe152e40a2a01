import { Alert, Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Tabs, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { budgetEndpoints, type DepartmentBudget, type ExecutionRollup, endpoints } from "../../api/endpoints.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { executionRate, type Fen, formatWanYuan, parseYuan } from "../../lib/rules.ts";
import { useWorkspace } from "../../workspace.tsx";
import { StateTag } from "../projects/states.tsx";

const wan = (v: string | null | undefined) => (v == null ? "—" : formatWanYuan(parseYuan(v)));
const rate = (spent: string, budget: string) => {
  const b = parseYuan(budget);
  return b > 0n ? `${executionRate(parseYuan(spent), b).text}%` : "—";
};

/**
 * 预算: the execution of each unit in the chosen organisation's subtree (the roll-up), and the department budget
 * of the organisation and year with its sections: income, basic and project spending, 三公经费 beside the prior
 * year, procurement and assets, with what does not add up as the server's checks (core) found it. Read only here.
 */
export default function BudgetPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const [exec, setExec] = useState<ExecutionRollup>();
  const [budgets, setBudgets] = useState<DepartmentBudget[]>();
  const [error, setError] = useState<string>();
  const [params] = useSearchParams();

  // Opened from a dashboard bar: that unit becomes the organisation worked on.
  const wanted = params.get("orgId");
  useEffect(() => {
    if (wanted && wanted !== ws.orgId && ws.orgs.some((o) => o.id === wanted)) ws.setOrgId(wanted);
  }, [wanted, ws]);

  useEffect(() => {
    if (!ws.orgId) return;
    let live = true;
    Promise.all([
      endpoints.executionRollup(ws.orgId, ws.year),
      budgetEndpoints.list({ orgId: ws.orgId, year: ws.year }),
    ]).then(
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

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="budget-page">
      {error && <Alert type="error" showIcon title={error} />}
      <Card
        size="small"
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
      {budgets && budgets.length === 0 && (
        <Card size="small">
          <Empty
            description={
              zh
                ? "本单位本年度尚无部门预算（可通过导入录入）。"
                : "No department budget for this organisation and year yet (import one)."
            }
          />
        </Card>
      )}
      {(budgets ?? []).map((b) => (
        <BudgetCard key={b.id} b={b} zh={zh} />
      ))}
    </Space>
  );
}

function BudgetCard({ b, zh }: { b: DepartmentBudget; zh: boolean }) {
  const s = b.sections;
  const tp = s.threePublic;
  const threeRows = tp
    ? [
        [zh ? "因公出国（境）费" : "Travel abroad", tp.abroad, tp.priorAbroad],
        [zh ? "公务用车购置费" : "Vehicle purchase", tp.vehiclePurchase, tp.priorVehiclePurchase],
        [zh ? "公务用车运行维护费" : "Vehicle operation", tp.vehicleOperation, tp.priorVehicleOperation],
        [zh ? "公务接待费" : "Reception", tp.reception, tp.priorReception],
      ].map(([name, now, prior]) => ({ name, now, prior }))
    : [];
  return (
    <Card
      size="small"
      title={
        <Space>
          {zh ? "部门预算" : "Department budget"} · {b.orgName} · {b.year}
          <StateTag state={b.state} />
        </Space>
      }
    >
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={zh ? "收入合计（万元）" : "Income (万元)"}>{wan(b.incomeTotal)}</Descriptions.Item>
        <Descriptions.Item label={zh ? "支出合计（万元）" : "Spending (万元)"}>
          {wan(b.expenditureTotal)}
        </Descriptions.Item>
        <Descriptions.Item label={zh ? "运转经费（万元）" : "Operating funds (万元)"}>
          {wan(b.operatingFunds)}
        </Descriptions.Item>
      </Descriptions>
      {b.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={zh ? "数据不一致（按原样保存）" : "Figures that do not add up (kept as written)"}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {b.problems.map((p) => (
                <li key={p.path + p.code}>{zh ? p.message : p.messageEn}</li>
              ))}
            </ul>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: "income",
            label: zh ? "收入" : "Income",
            children: (
              <Table
                size="small"
                pagination={false}
                rowKey={(r) => r.category}
                dataSource={s.income}
                columns={[
                  { title: zh ? "类别" : "Category", dataIndex: "category" },
                  { title: zh ? "金额（万元）" : "Amount", dataIndex: "amount", align: "right", render: wan },
                  { title: zh ? "上年（万元）" : "Prior year", dataIndex: "priorAmount", align: "right", render: wan },
                ]}
              />
            ),
          },
          ...(["basic", "project"] as const).map((kind) => ({
            key: kind,
            label: kind === "basic" ? (zh ? "基本支出" : "Basic spending") : zh ? "项目支出" : "Project spending",
            children: (
              <Table
                size="small"
                pagination={false}
                rowKey={(r) => `${r.classCode ?? ""}${r.name}`}
                dataSource={s.spending.filter((x) => x.kind === kind)}
                columns={[
                  { title: zh ? "科目编码" : "Class", dataIndex: "classCode", width: 120 },
                  { title: zh ? "名称" : "Name", dataIndex: "name" },
                  {
                    title: zh ? "类型" : "Type",
                    dataIndex: "subkind",
                    width: 90,
                    render: (v: string | null) =>
                      v === "personnel" ? (zh ? "人员" : "personnel") : v === "public" ? (zh ? "公用" : "public") : "",
                  },
                  { title: zh ? "金额（万元）" : "Amount", dataIndex: "amount", align: "right", render: wan },
                  { title: zh ? "上年（万元）" : "Prior year", dataIndex: "priorAmount", align: "right", render: wan },
                ]}
              />
            ),
          })),
          {
            key: "three",
            label: zh ? "三公经费" : "三公 spending",
            children: tp ? (
              <>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="name"
                  dataSource={threeRows}
                  columns={[
                    { title: zh ? "项目" : "Item", dataIndex: "name" },
                    { title: zh ? "本年（万元）" : "This year", dataIndex: "now", align: "right", render: wan },
                    { title: zh ? "上年（万元）" : "Prior year", dataIndex: "prior", align: "right", render: wan },
                  ]}
                />
                {tp.changeReason && (
                  <Typography.Paragraph style={{ marginTop: 8 }}>
                    {zh ? "增减原因：" : "Why it changed: "}
                    {tp.changeReason}
                  </Typography.Paragraph>
                )}
              </>
            ) : (
              <Empty />
            ),
          },
          {
            key: "procurement",
            label: zh ? "政府采购" : "Procurement",
            children: (
              <Table
                size="small"
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                rowKey={(r) => `${r.catalogCode}${r.itemName}${r.amount}`}
                dataSource={s.procurement}
                columns={[
                  { title: zh ? "品目编码" : "Catalog", dataIndex: "catalogCode", width: 110 },
                  { title: zh ? "名称" : "Item", dataIndex: "itemName" },
                  { title: zh ? "数量" : "Qty", dataIndex: "quantity", align: "right", width: 80 },
                  { title: zh ? "单价（万元）" : "Unit price", dataIndex: "unitPrice", align: "right", render: wan },
                  { title: zh ? "金额（万元）" : "Amount", dataIndex: "amount", align: "right", render: wan },
                  { title: zh ? "资金来源" : "Funding", dataIndex: "fundingSource" },
                ]}
              />
            ),
          },
          {
            key: "assets",
            label: zh ? "资产" : "Assets",
            children: s.assets ? (
              <Descriptions size="small" column={3} bordered>
                <Descriptions.Item label={zh ? "房屋（万元）" : "Buildings"}>
                  {wan(s.assets.buildings)}
                </Descriptions.Item>
                <Descriptions.Item label={zh ? "车辆（万元）" : "Vehicles"}>{wan(s.assets.vehicles)}</Descriptions.Item>
                <Descriptions.Item label={zh ? "其他（万元）" : "Other"}>{wan(s.assets.other)}</Descriptions.Item>
                <Descriptions.Item label={zh ? "车辆数" : "Vehicle count"}>
                  {s.assets.vehicleCount ?? "—"}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty />
            ),
          },
        ]}
      />
      {b.notes && <Tag>{b.notes}</Tag>}
    </Card>
  );
}
