/**
 * 跨年度趋势 on the dashboard (issue 17 point 4): for the chosen organisation, per unit and year over the last five
 * years up to the chosen one — the mean self-evaluation score and the execution rate as lines (0–100), the count of
 * evaluations per grade as stacked bars (all units together), and below the chart the grade counts of each unit in
 * each year (等级分布).
 */
import { Card, Empty, Table, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useEffect, useMemo, useState } from "react";
import { EChart } from "../../charts/EChart.tsx";
import { useI18n } from "../../i18n.tsx";
import { resultsEndpoints, type Trends } from "./api.ts";

const YEARS = 5;
const GRADE_COLOR: Record<string, string> = { 优: "#52c41a", 良: "#1677ff", 中: "#faad14", 差: "#ff4d4f" };

export function TrendCard({ orgId, year }: { orgId: string; year: number }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [data, setData] = useState<Trends | null>();
  useEffect(() => {
    let live = true;
    setData(undefined);
    resultsEndpoints.trends(orgId, year - YEARS + 1, year).then(
      (t) => live && setData(t),
      () => live && setData(null),
    );
    return () => {
      live = false;
    };
  }, [orgId, year]);

  const empty =
    !data ||
    (data.total.every((p) => p.evaluations === 0) &&
      data.units.every((u) => u.points.every((p) => p.executionRate === null)));

  const option = useMemo<EChartsCoreOption | undefined>(() => {
    if (!data) return undefined;
    const years = data.years.map(String);
    const num = (v: string | null) => (v === null ? null : Number(v));
    return {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 44, right: 44, top: 28, bottom: 56 },
      xAxis: { type: "category", data: years },
      yAxis: [
        { type: "value", min: 0, max: 100, name: zh ? "得分 / 执行率%" : "Score / rate %" },
        { type: "value", name: zh ? "个" : "count", minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        ...data.grades.map((g) => ({
          name: zh ? `等级${g}` : `grade ${g}`,
          type: "bar",
          stack: "grades",
          yAxisIndex: 1,
          barMaxWidth: 28,
          itemStyle: { color: GRADE_COLOR[g], opacity: 0.55 },
          data: data.total.map((p) => p.grades[g] ?? 0),
        })),
        ...data.units.flatMap((u) => [
          {
            name: `${u.orgName} ${zh ? "平均分" : "mean score"}`,
            type: "line",
            connectNulls: true,
            data: u.points.map((p) => num(p.meanScore)),
          },
          {
            name: `${u.orgName} ${zh ? "执行率" : "execution"}`,
            type: "line",
            connectNulls: true,
            lineStyle: { type: "dashed" },
            data: u.points.map((p) => num(p.executionRate)),
          },
        ]),
      ],
    };
  }, [data, zh]);

  return (
    <Card
      size="small"
      title={zh ? `跨年度趋势（${year - YEARS + 1}–${year}年度）` : `Trends (${year - YEARS + 1}–${year})`}
      data-testid="trend-card"
      loading={data === undefined}
    >
      {empty || !option ? (
        <Empty
          data-testid="no-trends"
          description={zh ? "这几年尚无自评得分或预算执行数据" : "No scores or execution figures in these years"}
        />
      ) : (
        <>
          <EChart option={option} style={{ height: 300 }} testId="chart-trends" />
          <GradeTable data={data!} zh={zh} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="trend-points">
            {data!.total
              .filter((p) => p.evaluations > 0)
              .map((p) =>
                zh
                  ? `${p.year}年：自评 ${p.evaluations} 个，平均 ${p.meanScore}`
                  : `${p.year}: ${p.evaluations} evaluations, mean ${p.meanScore}`,
              )
              .join("；")}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}

/** The grade counts of each unit (with evaluations) in each year with evaluations: `优 1 · 良 2`, `—` for none. */
function GradeTable({ data, zh }: { data: Trends; zh: boolean }) {
  const years = data.years.filter((y) => data.total.some((p) => p.year === y && p.evaluations > 0));
  const units = data.units.filter((u) => u.points.some((p) => p.evaluations > 0));
  if (years.length === 0 || units.length === 0) return null;
  const cell = (grades: Record<string, number> | undefined) =>
    data.grades
      .filter((g) => (grades?.[g] ?? 0) > 0)
      .map((g) => `${g} ${grades![g]}`)
      .join(" · ") || "—";
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="orgId"
      data-testid="trend-grades"
      style={{ margin: "8px 0" }}
      dataSource={units}
      columns={[
        { title: zh ? "单位（等级分布）" : "Unit (grades)", dataIndex: "orgName", key: "unit", width: 240 },
        ...years.map((y) => ({
          title: zh ? `${y}年` : String(y),
          key: String(y),
          render: (_: unknown, u: Trends["units"][number]) => (
            <span data-testid={`trend-grades-${y}`}>{cell(u.points.find((p) => p.year === y)?.grades)}</span>
          ),
        })),
      ]}
    />
  );
}
