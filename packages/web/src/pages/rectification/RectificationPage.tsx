import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { type Evaluation, evaluationEndpoints } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import {
  type Counts,
  type Proposals,
  type RectItem,
  type RectSource,
  type RectState,
  rectificationEndpoints,
  SOURCE_TEXT,
  SOURCES,
  STATE_TEXT,
  STATES,
} from "./api.ts";
import type { SourceRecordType } from "./RectifyLink.tsx";
import { RectStateTag } from "./StateTag.tsx";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 整改: the items of the chosen organisation's subtree and year with their counts by state and overdue, filters by
 * state and overdue; the reviewer creates an item (unit, source, problem, measures required, deadline) or the items
 * proposed from a self-evaluation's shortfalls; the 整改情况 report as xlsx/docx/PDF.
 */
export default function RectificationPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const reviewer = !!user?.roles.includes("reviewer");
  const [list, setList] = useState<{ counts: Counts; items: RectItem[] }>();
  const [states, setStates] = useState<RectState[]>([]);
  const [params, setParams] = useSearchParams();
  // ?overdue=1 (the to-do bell's link when an item is overdue) starts with the overdue ones
  const [overdueOnly, setOverdueOnly] = useState(() => params.get("overdue") === "1");
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  // 「发起整改」 on a record's page opens the dialog for that record (RectifyLink.tsx).
  const fromRecord = useMemo(() => {
    const type = params.get("from");
    const id = params.get("id");
    const kind = params.get("kind");
    if (!type || !id || !kind || !(SOURCES as readonly string[]).includes(kind)) return undefined;
    return {
      entityType: type as SourceRecordType,
      entityId: id,
      sourceKind: kind as RectSource,
      orgId: params.get("org") ?? undefined,
      problem: params.get("problem") ?? undefined,
    };
  }, [params]);
  useEffect(() => {
    if (fromRecord && reviewer) setCreating(true);
  }, [fromRecord, reviewer]);

  const load = useCallback(async () => {
    if (!ws.orgId) return;
    try {
      setList(await rectificationEndpoints.list({ orgId: ws.orgId, year: ws.year }));
      setError(undefined);
    } catch (e) {
      setError(describeError(e, lang));
    }
  }, [ws.orgId, ws.year, lang]);

  useEffect(() => {
    setList(undefined);
    load();
  }, [load]);

  const shown = useMemo(
    () =>
      (list?.items ?? []).filter(
        (i) => (states.length === 0 || states.includes(i.state)) && (!overdueOnly || i.overdue),
      ),
    [list, states, overdueOnly],
  );

  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="rectification-page">
      <Card
        size="small"
        title={zh ? `整改事项 · ${ws.year} 年度` : `Rectification items · ${ws.year}`}
        extra={
          ws.orgId && (
            <Space size={4}>
              {reviewer && (
                <Button type="primary" size="small" onClick={() => setCreating(true)} data-testid="rect-new">
                  {zh ? "新建整改事项" : "New item"}
                </Button>
              )}
              <Typography.Text type="secondary">{zh ? "整改情况报告：" : "Report:"}</Typography.Text>
              {(["xlsx", "docx", "pdf"] as const).map((f) => (
                <a
                  key={f}
                  href={rectificationEndpoints.reportUrl(ws.orgId!, ws.year, f)}
                  data-testid={`rect-report-${f}`}
                >
                  {f}
                </a>
              ))}
            </Space>
          )
        }
      >
        {list && (
          <Space size="large" wrap style={{ display: "flex", marginBottom: 12 }} data-testid="rect-counts">
            <Statistic title={zh ? "全部" : "All"} value={list.counts.total} />
            {STATES.map((s) => (
              <Statistic key={s} title={zh ? STATE_TEXT[s][0] : STATE_TEXT[s][1]} value={list.counts[s]} />
            ))}
            <Statistic
              title={zh ? "逾期" : "Overdue"}
              value={list.counts.overdue}
              valueStyle={list.counts.overdue > 0 ? { color: "#cf1322" } : undefined}
            />
          </Space>
        )}
        <Space style={{ display: "flex", marginBottom: 8 }} wrap>
          <Select<RectState[]>
            mode="multiple"
            allowClear
            style={{ minWidth: 260 }}
            placeholder={zh ? "按状态筛选" : "Filter by state"}
            value={states}
            onChange={setStates}
            data-testid="rect-state-filter"
            options={STATES.map((s) => ({ value: s, label: zh ? STATE_TEXT[s][0] : STATE_TEXT[s][1] }))}
          />
          <Checkbox
            checked={overdueOnly}
            onChange={(e) => setOverdueOnly(e.target.checked)}
            data-testid="rect-overdue-only"
          >
            {zh ? "只看逾期" : "Overdue only"}
          </Checkbox>
        </Space>
        {list && list.items.length === 0 ? (
          <Empty description={zh ? "本年度没有整改事项。" : "No rectification items this year."} />
        ) : (
          <Table<RectItem>
            size="small"
            rowKey="id"
            data-testid="rect-list"
            loading={!list}
            dataSource={shown}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            rowClassName={(r) => (r.overdue ? "rect-overdue-row" : "")}
            columns={[
              {
                title: zh ? "问题" : "Problem",
                dataIndex: "problem",
                render: (p: string, r) => (
                  <Link to={`/rectification/${r.id}`} data-testid="rect-link">
                    {p}
                  </Link>
                ),
              },
              { title: zh ? "单位" : "Unit", dataIndex: "orgName", width: 180 },
              {
                title: zh ? "来源" : "Source",
                key: "source",
                width: 100,
                render: (_, r) => (zh ? SOURCE_TEXT[r.source.kind][0] : SOURCE_TEXT[r.source.kind][1]),
              },
              {
                title: zh ? "整改期限" : "Deadline",
                dataIndex: "deadline",
                width: 110,
                sorter: (a, b) => a.deadline.localeCompare(b.deadline),
              },
              {
                title: zh ? "状态" : "State",
                key: "state",
                width: 170,
                render: (_, r) => <RectStateTag state={r.state} overdue={r.overdue} days={r.daysOverdue} zh={zh} />,
              },
              {
                title: zh ? "佐证" : "Evidence",
                dataIndex: "attachments",
                width: 70,
                align: "right",
              },
            ]}
          />
        )}
      </Card>
      {reviewer && ws.orgId && <FromEvaluationCard zh={zh} onCreated={load} />}
      {reviewer && ws.orgId && (
        <CreateDialog
          zh={zh}
          open={creating}
          from={fromRecord}
          onClose={() => {
            setCreating(false);
            if (fromRecord) setParams({});
          }}
          onCreated={async () => {
            setCreating(false);
            if (fromRecord) setParams({});
            await load();
          }}
        />
      )}
    </Space>
  );
}

const FROM_TEXT: Record<SourceRecordType, [string, string]> = {
  project: ["项目", "project"],
  department_goal: ["部门整体绩效目标", "department goal"],
  self_evaluation: ["绩效自评", "self-evaluation"],
  monitoring_record: ["绩效运行监控表", "monitoring record"],
};

/** Thirty days from today, as YYYY-MM-DD: the default deadline. */
const inThirtyDays = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** A record the new item comes from (its unit and year are then the record's). */
interface FromRecord {
  entityType: SourceRecordType;
  entityId: string;
  sourceKind: RectSource;
  orgId: string | undefined;
  problem: string | undefined;
}

function CreateDialog({
  zh,
  open,
  from,
  onClose,
  onCreated,
}: {
  zh: boolean;
  open: boolean;
  from: FromRecord | undefined;
  onClose: () => void;
  onCreated: () => Promise<void>;
}) {
  const ws = useWorkspace();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{
    orgId: string;
    sourceKind: RectSource;
    sourceRef?: string;
    problem: string;
    requiredMeasures: string;
    deadline: string;
  }>();
  useEffect(() => {
    form.setFieldValue("orgId", from?.orgId ?? ws.orgId);
    if (from) {
      form.setFieldValue("sourceKind", from.sourceKind);
      if (from.problem) form.setFieldValue("problem", from.problem);
    }
  }, [ws.orgId, form, from]);
  const create = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await rectificationEndpoints.create({
        ...v,
        sourceRef: v.sourceRef || null,
        // From a record: its unit and year are the record's (the server checks the unit given against it).
        ...(from ? { sourceEntityType: from.entityType, sourceEntityId: from.entityId } : { year: ws.year }),
      });
      message.success(zh ? "已新建整改事项" : "Item created");
      form.resetFields(["problem", "requiredMeasures", "sourceRef"]);
      await onCreated();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      width={760}
      title={zh ? "新建整改事项" : "New rectification item"}
      onCancel={onClose}
      okText={zh ? "新建" : "Create"}
      onOk={create}
      confirmLoading={busy}
      okButtonProps={{ id: "rect-create" }}
      forceRender
    >
      {from && (
        <Typography.Paragraph type="secondary" data-testid="rect-from-record">
          {zh
            ? `来源记录：${FROM_TEXT[from.entityType][0]}（整改单位和年度以该记录为准）`
            : `From a ${FROM_TEXT[from.entityType][1]} (the unit and year are the record's)`}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId: ws.orgId, sourceKind: "review_finding", deadline: inThirtyDays() }}
        data-testid="rect-create-form"
      >
        <Space wrap align="start">
          <Form.Item name="orgId" label={zh ? "整改单位" : "Unit"} rules={[{ required: true }]}>
            <Select
              style={{ width: 260 }}
              showSearch
              optionFilterProp="label"
              data-testid="rect-org"
              options={ws.orgs.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
          <Form.Item name="sourceKind" label={zh ? "来源" : "Source"} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              data-testid="rect-source"
              options={SOURCES.map((s) => ({ value: s, label: zh ? SOURCE_TEXT[s][0] : SOURCE_TEXT[s][1] }))}
            />
          </Form.Item>
          <Form.Item name="sourceRef" label={zh ? "来源说明（可选）" : "Source detail (optional)"}>
            <Input style={{ width: 200 }} placeholder={zh ? "如：专家组、审核规则" : "e.g. the panel"} />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={zh ? "整改期限" : "Deadline"}
            rules={[{ required: true, pattern: DAY, message: "YYYY-MM-DD" }]}
          >
            <Input style={{ width: 130 }} placeholder="YYYY-MM-DD" data-testid="rect-deadline" />
          </Form.Item>
        </Space>
        <Form.Item name="problem" label={zh ? "问题" : "Problem"} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="rect-problem" />
        </Form.Item>
        <Form.Item
          name="requiredMeasures"
          label={zh ? "整改要求" : "Measures required"}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={2} maxLength={4000} data-testid="rect-required" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The items core proposes from a self-evaluation's stored score (missed indicators, a 中/差 grade, low execution):
 * the reviewer picks them and gives a deadline. On the 整改 page the evaluation is chosen; on a self-evaluation's
 * page (「发起整改」) it is that one (`evaluationId`).
 */
export function FromEvaluationCard({
  zh,
  onCreated,
  evaluationId: fixed,
}: {
  zh: boolean;
  onCreated: () => Promise<void>;
  evaluationId?: string | undefined;
}) {
  const ws = useWorkspace();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [evaluations, setEvaluations] = useState<Evaluation[]>();
  const [chosen, setEvaluationId] = useState<string>();
  const evaluationId = fixed ?? chosen;
  const [proposals, setProposals] = useState<Proposals>();
  const [keys, setKeys] = useState<string[]>([]);
  const [deadline, setDeadline] = useState(inThirtyDays);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setEvaluations(undefined);
    setEvaluationId(undefined);
    if (!ws.orgId || fixed) return;
    evaluationEndpoints.list({ orgId: ws.orgId, year: ws.year, pageSize: 200 }).then(
      (p) => setEvaluations(p.items),
      () => setEvaluations([]),
    );
  }, [ws.orgId, ws.year, fixed]);
  useEffect(() => {
    setProposals(undefined);
    if (!evaluationId) return;
    rectificationEndpoints.proposals(evaluationId).then(
      (p) => {
        setProposals(p);
        setKeys(p.proposals.filter((x) => !x.created).map((x) => x.key));
      },
      (e) => message.error(describeError(e, lang)),
    );
  }, [evaluationId, lang, message]);
  const make = async () => {
    if (!evaluationId) return;
    setBusy(true);
    try {
      const r = await rectificationEndpoints.fromEvaluation(evaluationId, { deadline, keys });
      message.success(zh ? `已生成 ${r.items.length} 项整改事项` : `${r.items.length} items created`);
      setProposals(await rectificationEndpoints.proposals(evaluationId));
      setKeys([]);
      await onCreated();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };
  if (!fixed && evaluations && evaluations.length === 0) return null;
  return (
    <Card
      size="small"
      title={zh ? "按自评结果生成整改事项" : "Items from a self-evaluation's shortfalls"}
      data-testid="rect-from-evaluation"
    >
      <Space wrap>
        {!fixed && (
          <Select
            style={{ width: 420 }}
            placeholder={zh ? "选择绩效自评" : "Choose a self-evaluation"}
            loading={!evaluations}
            value={evaluationId}
            onChange={setEvaluationId}
            data-testid="rect-evaluation"
            options={(evaluations ?? []).map((e) => ({
              value: e.id,
              label: `${e.orgName} · ${e.projectName ?? (zh ? "部门整体" : "department")}${e.computedGrade ? `（${e.computedGrade}）` : ""}`,
            }))}
          />
        )}
        <Input
          style={{ width: 130 }}
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          placeholder="YYYY-MM-DD"
          status={DAY.test(deadline) ? undefined : "error"}
          data-testid="rect-evaluation-deadline"
        />
        <Button
          type="primary"
          data-testid="rect-evaluation-create"
          disabled={!proposals || keys.length === 0 || !DAY.test(deadline)}
          loading={busy}
          onClick={make}
        >
          {zh ? `生成所选（${keys.length}）` : `Create selected (${keys.length})`}
        </Button>
      </Space>
      {proposals && !proposals.scored && (
        <Alert style={{ marginTop: 8 }} type="info" title={zh ? "该自评尚未计算得分。" : "Not scored yet."} />
      )}
      {proposals?.scored && proposals.proposals.length === 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="success"
          title={zh ? "该自评没有需要整改的问题。" : "Nothing to rectify in this evaluation."}
        />
      )}
      {proposals && proposals.proposals.length > 0 && (
        <Checkbox.Group
          style={{ display: "block", marginTop: 8 }}
          value={keys}
          onChange={(v) => setKeys(v as string[])}
        >
          <Space direction="vertical">
            {proposals.proposals.map((p) => (
              <Checkbox key={p.key} value={p.key} disabled={p.created} data-testid="rect-proposal">
                {p.problem}
                {p.created && <Typography.Text type="secondary">{zh ? "（已生成）" : " (created)"}</Typography.Text>}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      )}
    </Card>
  );
}
