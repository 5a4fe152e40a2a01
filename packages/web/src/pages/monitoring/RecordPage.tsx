import { formatWanAndYuan, parseYuan } from "@jixiao/core";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  List,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { ApiError } from "../../api/client.ts";
import { useAuth } from "../../auth.tsx";
import { isEditableState, StateTag, WorkflowActions } from "../../components/workflow/index.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useLeaveGuard } from "../../lib/leaveGuard.tsx";
import { RectifyLink } from "../rectification/RectifyLink.tsx";
import { RecordActions } from "./Actions.tsx";
import {
  DEVIATION_CATEGORIES,
  type Forecast,
  type IndicatorFill,
  LIKELIHOODS,
  type MonitoringRecord,
  monitoringEndpoints,
} from "./api.ts";
import { FormExport } from "./FormExport.tsx";
import { LightTag } from "./LightTag.tsx";

/** A stored 元 amount as every page shows money: `200.00 万元（2,000,000.00 元）`; `—` when there is none. */
const amountShown = (yuan: string | null) => (yuan === null ? "—" : formatWanAndYuan(parseYuan(yuan)));

type Draft = {
  projectedExecuted: string;
  executionReason: string;
  executionMeasures: string;
  indicators: IndicatorFill[];
};

const draftOf = (r: MonitoringRecord): Draft => ({
  projectedExecuted: r.projectedExecuted ?? "",
  executionReason: r.executionReason ?? "",
  executionMeasures: r.executionMeasures ?? "",
  indicators: r.indicators.map((i) => ({
    id: i.id,
    progress: i.progress,
    forecast: i.forecast,
    likelihood: i.likelihood,
    deviationCategory: i.deviationCategory,
    deviationReason: i.deviationReason,
    correctiveMeasures: i.correctiveMeasures,
  })),
});
const blankToNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === "" ? null : v);

/**
 * 项目支出绩效运行监控表: execution to the cut-off (read from the monthly figures, not typed again), and per indicator
 * the value to date, the expected full-year value, the likelihood, the cause (standard categories) and the
 * corrective measures; the light and its reasons, what submission still needs, and the year-end forecast (core's
 * score of the expected values, with the indicators that pull it down). The filler saves and submits; the
 * approvers act through the workflow buttons.
 */
export default function MonitoringRecordPage() {
  const { id = "" } = useParams();
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const { message } = App.useApp();
  const [rec, setRec] = useState<MonitoringRecord>();
  const [draft, setDraft] = useState<Draft>();
  const [forecast, setForecast] = useState<Forecast>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const r = await monitoringEndpoints.record(id);
      setRec(r);
      setDraft(draftOf(r));
      setForecast(await monitoringEndpoints.forecast(id));
    } catch (e) {
      setError(describeError(e, lang));
    }
  }, [id, lang]);
  useEffect(() => {
    load();
  }, [load]);

  const dirty = !!rec && !!draft && JSON.stringify(draftOf(rec)) !== JSON.stringify(draft);
  useLeaveGuard(dirty);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!rec || !draft) return <Card loading />;
  const editable = isEditableState(rec.workflowState) && !!user?.roles.includes("filler");
  const setRow = (rowId: string, patch: Partial<IndicatorFill>) =>
    setDraft((d) => d && { ...d, indicators: d.indicators.map((i) => (i.id === rowId ? { ...i, ...patch } : i)) });

  const save = async () => {
    setBusy(true);
    try {
      const r = await monitoringEndpoints.fill(rec.id, {
        version: rec.version,
        projectedExecuted: blankToNull(draft.projectedExecuted),
        executionReason: blankToNull(draft.executionReason),
        executionMeasures: blankToNull(draft.executionMeasures),
        indicators: draft.indicators.map((i) => ({
          ...i,
          progress: blankToNull(i.progress),
          forecast: blankToNull(i.forecast),
          deviationReason: blankToNull(i.deviationReason),
          correctiveMeasures: blankToNull(i.correctiveMeasures),
        })),
      });
      setRec(r);
      setDraft(draftOf(r));
      setForecast(await monitoringEndpoints.forecast(rec.id));
      message.success(zh ? "已保存" : "Saved");
    } catch (e) {
      message.error(describeError(e, lang));
      if (e instanceof ApiError && e.status === 409) await load();
    } finally {
      setBusy(false);
    }
  };

  const rowOf = (rowId: string) => draft.indicators.find((i) => i.id === rowId)!;
  const text = (rowId: string, field: "progress" | "forecast" | "deviationReason" | "correctiveMeasures", w = 110) => (
    <Input
      size="small"
      style={{ width: w }}
      disabled={!editable}
      data-testid={`ind-${field}`}
      value={rowOf(rowId)[field] ?? ""}
      onChange={(e) => setRow(rowId, { [field]: e.target.value })}
    />
  );
  const f = forecast?.forecast;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="monitoring-record-page">
      <Card
        size="small"
        title={
          <Space>
            <span data-testid="record-title">
              {rec.kind === "department" ? `${rec.orgName} ${rec.projectName}` : rec.projectName} ·{" "}
              {zh ? `1–${rec.cutoffMonth}月绩效运行监控表` : `monitoring, months 1–${rec.cutoffMonth}`}
            </span>
            <LightTag light={rec.light} zh={zh} testId="record-light" />
            <StateTag state={rec.workflowState} />
          </Space>
        }
        extra={
          <Space>
            <FormExport of="record" id={rec.id} zh={zh} />
            {user?.roles.includes("reviewer") && (
              <RectifyLink
                sourceKind="monitoring_warning"
                entityType="monitoring_record"
                entityId={rec.id}
                orgId={rec.orgId}
                problem={`${rec.projectName}：${rec.reasons.map((r) => (zh ? r.zh : r.en)).join("；")}`}
                zh={zh}
              />
            )}
            {editable && (
              <Button type="primary" loading={busy} disabled={!dirty} onClick={save} data-testid="record-save">
                {zh ? "保存" : "Save"}
              </Button>
            )}
            <WorkflowActions
              area="monitoring/records"
              record={{ id: rec.id, version: rec.version, state: rec.workflowState, submittedBy: rec.submittedBy }}
              onChanged={load}
              submitBlocked={
                dirty
                  ? zh
                    ? "请先保存"
                    : "Save first"
                  : rec.problems.length > 0
                    ? zh
                      ? `还有 ${rec.problems.length} 处需补充`
                      : `${rec.problems.length} field(s) to complete`
                    : undefined
              }
            />
          </Space>
        }
      >
        <Descriptions size="small" column={4} bordered>
          <Descriptions.Item label={zh ? "单位" : "Organisation"}>{rec.orgName}</Descriptions.Item>
          <Descriptions.Item label={zh ? "全年预算数" : "Budget"}>
            <span data-testid="record-budget">{amountShown(rec.execution.budget)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={zh ? `1–${rec.cutoffMonth}月执行数` : "Executed"}>
            <span data-testid="record-executed">{amountShown(rec.execution.executed)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "执行率 / 时间进度" : "Rate / time"}>
            <span data-testid="record-rate">
              {rec.execution.rate ?? "—"}% / {rec.timeProgress}%
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "全年预计执行数（元）" : "Expected full year (元)"} span={2}>
            <Input
              size="small"
              style={{ width: 160 }}
              disabled={!editable}
              data-testid="projected-executed"
              placeholder={rec.execution.projected ?? ""}
              value={draft.projectedExecuted}
              onChange={(e) => setDraft({ ...draft, projectedExecuted: e.target.value })}
            />{" "}
            <Typography.Text type="secondary">
              {draft.projectedExecuted === "" && rec.execution.projected
                ? zh
                  ? "（未填时按当前进度推算）"
                  : "(blank: projected at the current pace)"
                : ""}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "执行偏差原因" : "Execution cause"}>
            <Input
              size="small"
              disabled={!editable}
              data-testid="execution-reason"
              value={draft.executionReason}
              onChange={(e) => setDraft({ ...draft, executionReason: e.target.value })}
            />
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "执行纠偏措施" : "Execution measures"}>
            <Input
              size="small"
              disabled={!editable}
              data-testid="execution-measures"
              value={draft.executionMeasures}
              onChange={(e) => setDraft({ ...draft, executionMeasures: e.target.value })}
            />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={zh ? "绩效指标完成情况" : "Indicators"}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="monitoring-indicators"
          dataSource={rec.indicators}
          scroll={{ x: true }}
          columns={[
            { title: zh ? "一级" : "L1", dataIndex: "level1", width: 90 },
            { title: zh ? "三级指标" : "Indicator", dataIndex: "name", width: 150 },
            { title: zh ? "年度指标值" : "Target", dataIndex: "target", width: 100 },
            {
              title: zh ? `1–${rec.cutoffMonth}月完成值` : "To date",
              key: "progress",
              render: (_, r) => text(r.id, "progress"),
            },
            {
              title: zh ? "全年预计完成值" : "Expected",
              key: "forecast",
              render: (_, r) => (
                <Space size={2}>
                  {text(r.id, "forecast")}
                  {r.forecastMet === false && <Tag color="gold">{zh ? "未达标" : "short"}</Tag>}
                </Space>
              ),
            },
            {
              title: zh ? "完成目标可能性" : "Likelihood",
              key: "likelihood",
              render: (_, r) => (
                <Select
                  size="small"
                  style={{ width: 110 }}
                  allowClear
                  disabled={!editable}
                  data-testid="ind-likelihood"
                  value={rowOf(r.id).likelihood ?? undefined}
                  onChange={(v) => setRow(r.id, { likelihood: v ?? null })}
                  options={LIKELIHOODS.map((l) => ({ value: l, label: l }))}
                />
              ),
            },
            {
              title: zh ? "偏差原因" : "Cause",
              key: "category",
              render: (_, r) => (
                <Select
                  size="small"
                  style={{ width: 130 }}
                  allowClear
                  disabled={!editable}
                  data-testid="ind-category"
                  status={r.needsCorrection && !rowOf(r.id).deviationCategory ? "warning" : undefined}
                  value={rowOf(r.id).deviationCategory ?? undefined}
                  onChange={(v) => setRow(r.id, { deviationCategory: v ?? null })}
                  options={DEVIATION_CATEGORIES.map((c) => ({ value: c, label: c }))}
                />
              ),
            },
            {
              title: zh ? "原因分析" : "Analysis",
              key: "reason",
              render: (_, r) => text(r.id, "deviationReason", 140),
            },
            {
              title: zh ? "纠偏措施" : "Corrective measures",
              key: "measures",
              render: (_, r) => text(r.id, "correctiveMeasures", 160),
            },
          ]}
        />
      </Card>
      <RecordActions
        recordId={rec.id}
        zh={zh}
        canSend={!!user?.roles.includes("reviewer")}
        canAcknowledge={!!user?.roles.includes("filler")}
      />
      <Row gutter={12}>
        <Col span={12}>
          <Card size="small" title={zh ? "预警原因与待补充项" : "Warnings and what is missing"}>
            <List
              size="small"
              data-testid="record-reasons"
              dataSource={[
                ...rec.reasons.map((r) => ({ key: `r${r.path}${r.code}`, text: zh ? r.zh : r.en, kind: r.light })),
                ...rec.problems.map((p) => ({ key: `p${p.path}${p.code}`, text: zh ? p.zh : p.en, kind: "missing" })),
              ]}
              locale={{ emptyText: zh ? "无预警，可提交" : "No warning; ready to submit" }}
              renderItem={(x) => (
                <List.Item data-testid={x.kind === "missing" ? "record-problem" : "record-reason"}>
                  <Tag color={x.kind === "red" ? "red" : x.kind === "yellow" ? "gold" : "default"}>
                    {x.kind === "missing" ? (zh ? "待补充" : "missing") : x.kind === "red" ? "红" : "黄"}
                  </Tag>
                  {x.text}
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={zh ? "全年预计得分" : "Year-end forecast"} data-testid="forecast-card">
            {!forecast ? null : !f ? (
              <Typography.Text type="secondary">
                {forecast.problems.map((p) => (zh ? p.message : p.messageEn)).join("；")}
              </Typography.Text>
            ) : (
              <>
                <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="forecast-total">
                  {f.total} {f.grade ?? ""}
                </Typography.Title>
                <List
                  size="small"
                  dataSource={f.reasons}
                  locale={{ emptyText: zh ? "按预计值不失分" : "No points expected to be lost" }}
                  renderItem={(r) => <List.Item data-testid="forecast-reason">{zh ? r.zh : r.en}</List.Item>}
                />
                {f.assumptions.map((a) => (
                  <Typography.Paragraph key={a.zh} type="secondary" style={{ margin: 0 }}>
                    {zh ? a.zh : a.en}
                  </Typography.Paragraph>
                ))}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
