/**
 * 结果应用 (issue 17 point 2): for the chosen organisation and budget year, the 结果应用情况 summary by unit (counts
 * by last year's grade and by recommendation, amounts in 万元, exportable as xlsx), every project's recommendation
 * (the reviewer's list), and — for reviewers — the bureau's rules.
 */
import { DownloadOutlined } from "@ant-design/icons";
import { RESULT_ACTIONS } from "@jixiao/core/results";
import { Alert, Button, Card, Space, Table, Tabs, Typography } from "antd";
import { useEffect, useState } from "react";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import { type Recommendation, resultsEndpoints, type Summary, type SummaryFigures } from "./api.ts";
import { actionLabel, wan } from "./format.ts";
import { RecommendationTable } from "./RecommendationTable.tsx";
import { RulesEditor } from "./RulesEditor.tsx";

type Row = SummaryFigures & { orgId: string; orgName: string; total?: boolean };

function SummaryView({ orgId, year }: { orgId: string; year: number }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [summary, setSummary] = useState<Summary>();
  const [items, setItems] = useState<Recommendation[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    setSummary(undefined);
    setItems(undefined);
    Promise.all([resultsEndpoints.summary(orgId, year), resultsEndpoints.recommendations(orgId, year)]).then(
      ([s, r]) => {
        if (!live) return;
        setSummary(s);
        setItems(r.items);
        setError(undefined);
      },
      (e) => live && setError(describeError(e, lang)),
    );
    return () => {
      live = false;
    };
  }, [orgId, year, lang]);
  if (error) return <Alert type="error" showIcon title={error} />;
  const rows: Row[] = summary
    ? [...summary.units, { ...summary.total, orgId: "total", orgName: zh ? "合计" : "Total", total: true }]
    : [];
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          zh
            ? `${year}年度结果应用情况（依据${year - 1}年度绩效自评，金额单位：万元）`
            : `Use of results for ${year} (from the ${year - 1} self-evaluations; amounts in 万元)`
        }
        extra={
          <Space size={4}>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={resultsEndpoints.exportUrl(orgId, year)}
              data-testid="results-export"
            >
              {zh ? "导出 Excel" : "Export xlsx"}
            </Button>
            {(["docx", "pdf"] as const).map((f) => (
              <a key={f} href={resultsEndpoints.exportUrl(orgId, year, f)} data-testid={`results-export-${f}`}>
                {f}
              </a>
            ))}
          </Space>
        }
      >
        <Table<Row>
          size="small"
          rowKey="orgId"
          loading={!summary}
          dataSource={rows}
          pagination={false}
          data-testid="results-summary"
          scroll={{ x: 1100 }}
          columns={[
            {
              title: zh ? "单位" : "Unit",
              dataIndex: "orgName",
              width: 200,
              fixed: "left",
              render: (v: string, r) => (r.total ? <b>{v}</b> : v),
            },
            { title: zh ? "项目数" : "Projects", dataIndex: "projects", width: 70, align: "right" },
            ...(summary?.grades ?? []).map((g) => ({
              title: zh ? `上年${g}` : `${g}`,
              width: 60,
              align: "right" as const,
              render: (_: unknown, r: Row) => r.grades[g] ?? 0,
            })),
            ...RESULT_ACTIONS.map((a) => ({
              title: actionLabel(a, zh),
              width: 80,
              align: "right" as const,
              render: (_: unknown, r: Row) => <span data-testid={`summary-${a}-${r.orgId}`}>{r.actions[a]}</span>,
            })),
            { title: zh ? "新增" : "New", dataIndex: "newProjects", width: 60, align: "right" },
            { title: zh ? "须整改" : "Rectify", dataIndex: "rectification", width: 70, align: "right" },
            {
              title: zh ? "申请金额" : "Requested",
              width: 110,
              align: "right",
              render: (_: unknown, r) => wan(r.requested),
            },
            {
              title: zh ? "涉及压减金额" : "Affected by cuts",
              width: 120,
              align: "right",
              render: (_: unknown, r) => wan(r.affected),
            },
            {
              title: zh ? "建议压减额" : "To cut",
              width: 110,
              align: "right",
              render: (_: unknown, r) => <span data-testid={`summary-reduction-${r.orgId}`}>{wan(r.reduction)}</span>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={zh ? "项目结果应用建议" : "Recommendations per project"}>
        <RecommendationTable items={items ?? []} loading={!items} />
      </Card>
    </Space>
  );
}

export default function ResultsPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const reviewer = !!user?.roles?.includes("reviewer");
  if (!ws.orgId) return <Card size="small" loading />;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="results-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {zh ? "结果应用" : "Using the results"}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: "summary",
            label: zh ? "结果应用情况" : "Summary",
            children: <SummaryView orgId={ws.orgId} year={ws.year} />,
          },
          ...(reviewer
            ? [
                {
                  key: "rules",
                  label: <span data-testid="rules-tab">{zh ? "结果应用规则" : "Rules"}</span>,
                  children: <RulesEditor orgId={ws.orgId} year={ws.year} />,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
