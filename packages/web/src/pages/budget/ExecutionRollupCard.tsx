import { Card, Col, Row, Statistic, Table } from "antd";
import { useMemo } from "react";
import type { ExecutionRollup } from "../../api/endpoints.ts";
import { useI18n } from "../../i18n.tsx";
import { executionRate, type Fen, formatWanYuan, parseYuan } from "../../lib/rules.ts";
import { wan } from "./fields.tsx";

const rate = (spent: string, budget: string) => {
  const b = parseYuan(budget);
  return b > 0n ? `${executionRate(parseYuan(spent), b).text}%` : "—";
};

/** The execution of each unit in the organisation's subtree, with the totals and the rate (core's exact money). */
export function ExecutionRollupCard({ exec, loading }: { exec?: ExecutionRollup; loading: boolean }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
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
    <Card
      size="small"
      data-testid="execution-rollup"
      title={zh ? `预算执行（截至 ${exec?.asOf ?? "—"}）` : `Execution (as of ${exec?.asOf ?? "—"})`}
    >
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={8}>
          <Statistic title={zh ? "预算确定数（万元）" : "Budget (万元)"} value={formatWanYuan(totals.budget)} />
        </Col>
        <Col span={8}>
          <Statistic title={zh ? "执行数（万元）" : "Spent (万元)"} value={formatWanYuan(totals.spent)} />
        </Col>
        <Col span={8}>
          <Statistic
            title={zh ? "执行率" : "Rate"}
            value={totals.budget > 0n ? executionRate(totals.spent, totals.budget).text : "—"}
            suffix={totals.budget > 0n ? "%" : undefined}
          />
        </Col>
      </Row>
      <Table
        size="small"
        rowKey="orgId"
        pagination={false}
        loading={loading}
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
  );
}
