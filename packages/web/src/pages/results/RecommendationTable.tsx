/** The projects of a year with their 结果应用建议 (the budget page, the reviewer's list on 结果应用). */
import { Table, Typography } from "antd";
import { Link } from "react-router-dom";
import { pick, useI18n } from "../../i18n.tsx";
import type { Recommendation } from "./api.ts";
import { wan } from "./format.ts";
import { ActionTag } from "./RecommendationView.tsx";

export function RecommendationTable({
  items,
  loading,
  showUnit = true,
}: {
  items: Recommendation[];
  loading?: boolean;
  showUnit?: boolean;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  return (
    <Table<Recommendation>
      size="small"
      rowKey="projectId"
      loading={loading ?? false}
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20, size: "small" } : false}
      data-testid="recommendation-table"
      columns={[
        ...(showUnit
          ? [{ title: zh ? "单位" : "Unit", width: 180, render: (_: unknown, r: Recommendation) => r.project.orgName }]
          : []),
        {
          title: zh ? "项目" : "Project",
          render: (_: unknown, r) => (
            <Link to={`/projects/${r.projectId}`} data-testid="recommendation-project">
              {r.project.name}
            </Link>
          ),
        },
        {
          title: zh ? "上年得分/等级" : "Last score",
          width: 110,
          render: (_: unknown, r) =>
            r.evaluation ? `${r.evaluation.total ?? "—"} / ${r.evaluation.grade ?? "—"}` : "—",
        },
        {
          title: zh ? "上年执行率" : "Execution",
          width: 90,
          align: "right",
          render: (_: unknown, r) => (r.evaluation?.executionRate ? `${r.evaluation.executionRate}%` : "—"),
        },
        { title: zh ? "建议" : "Recommendation", width: 170, render: (_: unknown, r) => <ActionTag r={r} /> },
        {
          title: zh ? "申请（万元）" : "Requested (万元)",
          width: 110,
          align: "right",
          render: (_: unknown, r) => wan(r.requested),
        },
        {
          title: zh ? "建议上限（万元）" : "Ceiling (万元)",
          width: 120,
          align: "right",
          render: (_: unknown, r) => wan(r.ceiling),
        },
        {
          title: zh ? "理由" : "Reasons",
          render: (_: unknown, r) => (
            <Typography.Text style={{ fontSize: 12 }}>
              {r.reasons.map((x) => pick(lang, x.zh, x.en)).join("；")}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
