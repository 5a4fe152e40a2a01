import { Col, Descriptions, Form, Row, Space, Typography } from "antd";
import { useI18n } from "../../i18n.tsx";
import { MoneyField, type SectionProps, TotalCheck } from "./fields.tsx";
import { LineTable } from "./LineTable.tsx";
import { change, totalOf } from "./model.ts";

/** 概览: the stated totals checked against their lines, the prior year, and the income lines. */
export function BudgetOverview({ d, editable, set }: SectionProps) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const sum = (amounts: string[]) => totalOf("", amounts);
  const income = totalOf(
    d.incomeTotal,
    d.income.map((l) => l.amount),
  );
  const spending = totalOf(
    d.expenditureTotal,
    d.spending.map((l) => l.amount),
  );
  const priorIncome = sum(d.income.map((l) => l.priorAmount));
  const priorSpending = sum(d.spending.map((l) => l.priorAmount));
  const amountsOf = (kind: "basic" | "project") => d.spending.filter((l) => l.kind === kind).map((l) => l.amount);

  return (
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
        <TotalCheck v={income} testId="income-check" what={zh ? "收入合计" : "Income total"} />
        <TotalCheck v={spending} testId="spending-check" what={zh ? "支出合计" : "Spending total"} />
      </Space>
      <Descriptions size="small" bordered column={3}>
        <Descriptions.Item label={zh ? "收入（上年，万元）" : "Income, prior year (万元)"}>
          {priorIncome.sumWan}（{priorIncome.sumYuan} 元）
        </Descriptions.Item>
        <Descriptions.Item label={zh ? "支出（上年，万元）" : "Spending, prior year (万元)"}>
          {priorSpending.sumWan}（{priorSpending.sumYuan} 元）
        </Descriptions.Item>
        <Descriptions.Item label={zh ? "基本 / 项目支出（万元）" : "Basic / project (万元)"}>
          {sum(amountsOf("basic")).sumWan} / {sum(amountsOf("project")).sumWan}
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
  );
}
