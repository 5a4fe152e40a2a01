import { Alert, App, Button, Card, Descriptions, Input, Radio, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import {
  type AssignmentDetail,
  type ComparedItem,
  expertEndpoints,
  REVIEW_STATE_TEXT,
  STATE_TEXT,
  SUBJECT_TEXT,
} from "./api.ts";
import { dueText } from "./ExpertsPage.tsx";
import { RecordView } from "./RecordView.tsx";

/**
 * 专家评分对比（审核人）: each expert's score per item side by side with their average (computed by core on the
 * server), items where the experts diverge above the threshold flagged, each expert's total and opinion; the
 * reviewer adopts the experts' result or not, with a reason (audited).
 */
export default function AssignmentPage() {
  const { id = "" } = useParams();
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { message } = App.useApp();
  const [a, setA] = useState<AssignmentDetail>();
  const [error, setError] = useState<string>();
  const [adopted, setAdopted] = useState(true);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    expertEndpoints.assignment(id).then(setA, (e) => setError(describeError(e, lang)));
  }, [id, lang]);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!a) return null;
  const c = a.comparison;
  const submitted = a.reviews.filter((r) => r.state === "submitted");

  const decide = async () => {
    setBusy(true);
    try {
      setA(await expertEndpoints.decide(id, { version: a.version, adopted, reason }));
      message.success(adopted ? (zh ? "已采纳专家意见" : "Adopted") : zh ? "已决定不采纳" : "Not adopted");
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="assignment-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        <Link to="/experts">{zh ? "专家评审" : "Expert review"}</Link> / {a.title}{" "}
        <Tag
          color={a.state === "adopted" ? "green" : a.state === "not_adopted" ? "orange" : "blue"}
          data-testid="assignment-state"
        >
          {STATE_TEXT[a.state][zh ? 0 : 1]}
        </Tag>
      </Typography.Title>
      <Typography.Text type="secondary">
        {SUBJECT_TEXT[a.subject][zh ? 0 : 1]} · {a.orgName} · {a.formName} · {zh ? "截止" : "due"} {a.deadline}
        {a.state === "open" ? `（${dueText(a.daysLeft, zh)}）` : ""} · {zh ? "已提交" : "submitted"} {a.submitted}/
        {a.experts.length}
      </Typography.Text>
      <Card
        size="small"
        title={zh ? "专家评分对比" : "The experts side by side"}
        extra={
          <Space>
            {(c.diverging.length > 0 || c.totalDiverges) && (
              <Tag color="red" data-testid="divergence-flag">
                {zh
                  ? `${c.diverging.length} 项评分分歧超过满分的 ${c.thresholdPercent}%`
                  : `${c.diverging.length} items diverge by more than ${c.thresholdPercent}% of their maximum`}
              </Tag>
            )}
            <Typography.Text type="secondary">{zh ? "导出汇总表" : "Export"}</Typography.Text>
            {(["xlsx", "docx"] as const).map((f) => (
              <a key={f} href={expertEndpoints.exportUrl(a.id, f)} data-testid={`assignment-export-${f}`}>
                {f}
              </a>
            ))}
          </Space>
        }
      >
        {submitted.length === 0 ? (
          <Alert type="info" showIcon title={zh ? "尚无专家提交评分" : "No expert has submitted yet"} />
        ) : (
          <Table<ComparedItem>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={c.items}
            data-testid="comparison"
            rowClassName={(r) => (r.diverges ? "diverges" : "")}
            columns={[
              { title: zh ? "评价内容" : "Section", dataIndex: "sectionName", width: 110 },
              { title: zh ? "评价指标" : "Item", dataIndex: "name" },
              { title: zh ? "分值" : "Max", dataIndex: "maxPoints", width: 60 },
              ...c.experts.map((name, i) => ({
                title: name,
                key: `e${i}`,
                width: 90,
                render: (_: unknown, r: ComparedItem) => r.scores[i] ?? "—",
              })),
              {
                title: zh ? "平均分" : "Average",
                dataIndex: "average",
                width: 80,
                render: (v: string | null, r: ComparedItem) => (
                  <Typography.Text strong data-testid={`average-${r.key}`}>
                    {v ?? "—"}
                  </Typography.Text>
                ),
              },
              {
                title: zh ? "极差" : "Spread",
                dataIndex: "spread",
                width: 110,
                render: (v: string | null, r: ComparedItem) =>
                  r.diverges ? (
                    <Tag color="red" data-testid={`diverges-${r.key}`}>
                      {v} {zh ? "分歧" : "diverge"}
                    </Tag>
                  ) : (
                    (v ?? "—")
                  ),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>{zh ? "合计" : "Total"}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{c.fullMarks}</Table.Summary.Cell>
                {c.totals.map((t, i) => (
                  <Table.Summary.Cell key={c.experts[i]} index={3 + i}>
                    {t ?? "—"}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={3 + c.totals.length}>
                  <Typography.Text strong data-testid="average-total">
                    {c.averageTotal ?? "—"}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4 + c.totals.length}>
                  {c.totalDiverges ? <Tag color="red">{c.totalSpread}</Tag> : (c.totalSpread ?? "—")}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        )}
        {a.reviews.length > 0 && (
          <Descriptions size="small" column={1} bordered style={{ marginTop: 12 }} title={zh ? "专家意见" : "Opinions"}>
            {a.reviews.map((r) => (
              <Descriptions.Item key={r.id} label={`${r.expertName}（${REVIEW_STATE_TEXT[r.state][zh ? 0 : 1]}）`}>
                <span style={{ whiteSpace: "pre-wrap" }} data-testid={`opinion-${r.expertId}`}>
                  {r.opinion ?? "—"}
                </span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={zh ? "采纳决定" : "Decision"}>
        {a.state === "open" ? (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Radio.Group value={adopted} onChange={(e) => setAdopted(e.target.value)} data-testid="decision-choice">
              <Radio value={true}>{zh ? "采纳专家意见" : "Adopt"}</Radio>
              <Radio value={false}>{zh ? "不采纳" : "Do not adopt"}</Radio>
            </Radio.Group>
            <Input.TextArea
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={zh ? "理由（必填）" : "Reason (required)"}
              data-testid="decision-reason"
            />
            <Button
              type="primary"
              disabled={submitted.length === 0 || !reason.trim()}
              loading={busy}
              onClick={decide}
              data-testid="decision-submit"
            >
              {zh ? "确认" : "Confirm"}
            </Button>
          </Space>
        ) : (
          <Typography.Paragraph data-testid="decision-text">
            {STATE_TEXT[a.state][zh ? 0 : 1]}
            {a.adoptedTotal ? `（${zh ? "采纳得分" : "adopted score"} ${a.adoptedTotal}）` : ""}：{a.decisionReason}
          </Typography.Paragraph>
        )}
      </Card>
      <RecordView record={a.record} zh={zh} />
    </Space>
  );
}
