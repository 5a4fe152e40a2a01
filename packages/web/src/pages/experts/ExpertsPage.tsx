import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { evaluationEndpoints, projectEndpoints } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import {
  type AssignmentSummary,
  type ExpertAccount,
  expertEndpoints,
  type FormChoice,
  REVIEW_STATE_TEXT,
  STATE_TEXT,
  SUBJECT_TEXT,
  type Subject,
  type TaskSummary,
} from "./api.ts";

/** 剩余 N 天 / 已逾期 N 天. */
export function dueText(daysLeft: number, zh: boolean): string {
  if (daysLeft >= 0) return zh ? `剩余 ${daysLeft} 天` : `${daysLeft} days left`;
  return zh ? `已逾期 ${-daysLeft} 天` : `${-daysLeft} days overdue`;
}

/**
 * 专家评审: the expert's to-do list (the records assigned to them, nothing else), and the reviewer's assignments in
 * the chosen organisation and year with the form to assign a record (project goals, a self-evaluation, or a new
 * project's 事前绩效评估) to experts with a deadline and a scoring form.
 */
export default function ExpertsPage() {
  const { user } = useAuth();
  const isExpert = !!user?.roles.includes("expert");
  const isReviewer = !!user?.roles.includes("reviewer");
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="experts-page">
      {isExpert && <ExpertTasks />}
      {isReviewer && <ReviewerAssignments />}
    </Space>
  );
}

function ExpertTasks() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [tasks, setTasks] = useState<TaskSummary[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    expertEndpoints.tasks().then(
      (r) => setTasks(r.items),
      (e) => setError(describeError(e, lang)),
    );
  }, [lang]);
  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Card size="small" title={zh ? "我的评审任务" : "My review tasks"}>
      <Table<TaskSummary>
        rowKey="id"
        size="small"
        loading={!tasks}
        dataSource={tasks ?? []}
        pagination={false}
        data-testid="expert-tasks"
        locale={{ emptyText: <Empty description={zh ? "暂无分配给您的评审任务" : "Nothing assigned to you"} /> }}
        columns={[
          {
            title: zh ? "评审对象" : "Record",
            dataIndex: "title",
            render: (v: string, r) => (
              <Link to={`/experts/tasks/${r.id}`} data-testid={`task-link-${r.id}`}>
                {v}
              </Link>
            ),
          },
          { title: zh ? "类别" : "Kind", dataIndex: "subject", render: (s: Subject) => SUBJECT_TEXT[s][zh ? 0 : 1] },
          { title: zh ? "单位" : "Unit", dataIndex: "orgName" },
          { title: zh ? "年度" : "Year", dataIndex: "year", width: 70 },
          { title: zh ? "评分表" : "Form", dataIndex: "formName" },
          {
            title: zh ? "截止日期" : "Deadline",
            dataIndex: "deadline",
            render: (d: string, r) => (
              <span>
                {d}{" "}
                {r.state === "pending" && (
                  <Typography.Text type={r.daysLeft < 0 ? "danger" : "secondary"}>
                    ({dueText(r.daysLeft, zh)})
                  </Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: zh ? "状态" : "State",
            dataIndex: "state",
            render: (s: TaskSummary["state"], r) => (
              <Space size={4}>
                <Tag color={s === "submitted" ? "green" : "blue"}>{REVIEW_STATE_TEXT[s][zh ? 0 : 1]}</Tag>
                {r.assignmentState !== "open" && <Tag>{STATE_TEXT[r.assignmentState][zh ? 0 : 1]}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

interface RecordOption {
  value: string;
  label: string;
}

function ReviewerAssignments() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { message } = App.useApp();
  const [items, setItems] = useState<AssignmentSummary[]>();
  const [forms, setForms] = useState<FormChoice[]>([]);
  const [experts, setExperts] = useState<ExpertAccount[]>([]);
  const [records, setRecords] = useState<RecordOption[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{
    subject: Subject;
    entityId: string;
    expertIds: string[];
    formId: string;
    deadline: string;
    thresholdPercent: number;
    note?: string;
  }>();
  const subject = Form.useWatch("subject", form) ?? "project_goals";

  const load = useCallback(async () => {
    if (!ws.orgId) return;
    try {
      setItems((await expertEndpoints.assignments({ orgId: ws.orgId, year: ws.year })).items);
      setError(undefined);
    } catch (e) {
      setError(describeError(e, lang));
    }
  }, [ws.orgId, ws.year, lang]);

  useEffect(() => {
    setItems(undefined);
    load();
  }, [load]);

  useEffect(() => {
    if (!ws.orgId) return;
    Promise.all([expertEndpoints.forms(ws.orgId), expertEndpoints.experts(ws.orgId)]).then(
      ([f, e]) => {
        setForms(f.items);
        setExperts(e.items);
      },
      (e) => setError(describeError(e, lang)),
    );
  }, [ws.orgId, lang]);

  useEffect(() => {
    if (!ws.orgId) return;
    let live = true;
    const load =
      subject === "self_evaluation"
        ? evaluationEndpoints.list({ orgId: ws.orgId, year: ws.year, pageSize: 200 }).then((p) =>
            p.items.map((e) => ({
              value: e.id,
              label: `${e.kind === "project" ? (e.projectName ?? "项目") : `${e.orgName} 部门整体`}绩效自评（${e.orgName}）`,
            })),
          )
        : projectEndpoints
            .list({ orgId: ws.orgId, year: ws.year, pageSize: 200 })
            .then((p) => p.items.map((x) => ({ value: x.id, label: `${x.name}（${x.orgName}）` })));
    load.then(
      (r) => live && setRecords(r),
      () => live && setRecords([]),
    );
    return () => {
      live = false;
    };
  }, [ws.orgId, ws.year, subject]);

  const formOptions = useMemo(
    () =>
      forms.filter((f) => f.subject === subject).map((f) => ({ value: f.id, label: `${f.name}（${f.fullMarks} 分）` })),
    [forms, subject],
  );
  useEffect(() => {
    form.setFieldsValue({ formId: formOptions[0]?.value, entityId: undefined });
  }, [formOptions, form]);

  const assign = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await expertEndpoints.assign({
        subject: v.subject,
        entityId: v.entityId,
        expertIds: v.expertIds,
        formId: v.formId,
        deadline: v.deadline,
        thresholdPercent: String(v.thresholdPercent),
        note: v.note ?? null,
      });
      message.success(zh ? `已委托 ${r.experts.length} 位专家评审` : `Assigned to ${r.experts.length} experts`);
      form.resetFields(["entityId", "expertIds", "note"]);
      await load();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <>
      <Card size="small" title={zh ? `委托专家评审 · ${ws.year} 年度` : `Assign to experts · ${ws.year}`}>
        <Form
          form={form}
          layout="vertical"
          data-testid="assign-form"
          initialValues={{ subject: "project_goals", thresholdPercent: 20, deadline: `${ws.year + 1}-03-31` }}
        >
          <Space wrap align="start">
            <Form.Item name="subject" label={zh ? "评审内容" : "What"} rules={[{ required: true }]}>
              <Select
                style={{ width: 160 }}
                data-testid="assign-subject"
                options={(Object.keys(SUBJECT_TEXT) as Subject[]).map((s) => ({
                  value: s,
                  label: SUBJECT_TEXT[s][zh ? 0 : 1],
                }))}
              />
            </Form.Item>
            <Form.Item name="entityId" label={zh ? "评审对象" : "Record"} rules={[{ required: true }]}>
              <Select
                style={{ width: 320 }}
                showSearch
                optionFilterProp="label"
                data-testid="assign-record"
                options={records}
                placeholder={zh ? "选择项目或自评" : "Choose the record"}
              />
            </Form.Item>
            <Form.Item name="expertIds" label={zh ? "评审专家" : "Experts"} rules={[{ required: true }]}>
              <Select
                mode="multiple"
                style={{ width: 260 }}
                data-testid="assign-experts"
                options={experts.map((e) => ({ value: e.id, label: `${e.displayName}（${e.username}）` }))}
                placeholder={zh ? "可选多位" : "One or more"}
              />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="formId" label={zh ? "评分表" : "Scoring form"} rules={[{ required: true }]}>
              <Select style={{ width: 320 }} data-testid="assign-form-id" options={formOptions} />
            </Form.Item>
            <Form.Item
              name="deadline"
              label={zh ? "截止日期" : "Deadline"}
              rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: "YYYY-MM-DD" }]}
            >
              <Input style={{ width: 130 }} placeholder="YYYY-MM-DD" data-testid="assign-deadline" />
            </Form.Item>
            <Form.Item
              name="thresholdPercent"
              label={zh ? "分歧提示阈值（满分的 %）" : "Divergence threshold (% of max)"}
            >
              <InputNumber min={0} max={100} data-testid="assign-threshold" />
            </Form.Item>
            <Form.Item name="note" label={zh ? "评审要求" : "Note to the experts"}>
              <Input style={{ width: 260 }} data-testid="assign-note" />
            </Form.Item>
          </Space>
          {experts.length === 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={
                zh
                  ? "本单位尚无评审专家：请系统管理员创建账户、安全管理员授予“评审专家”角色。"
                  : "No expert is available here yet: the administrators create the account and grant the expert role."
              }
            />
          )}
          <Button type="primary" loading={busy} onClick={assign} data-testid="assign-submit">
            {zh ? "委托评审" : "Assign"}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={zh ? "专家评审任务" : "Expert assignments"}>
        <Table<AssignmentSummary>
          rowKey="id"
          size="small"
          loading={!items}
          dataSource={items ?? []}
          pagination={false}
          data-testid="assignments"
          columns={[
            {
              title: zh ? "评审对象" : "Record",
              dataIndex: "title",
              render: (v: string, r) => (
                <Link to={`/experts/assignments/${r.id}`} data-testid={`assignment-link-${r.id}`}>
                  {v}
                </Link>
              ),
            },
            { title: zh ? "类别" : "Kind", dataIndex: "subject", render: (s: Subject) => SUBJECT_TEXT[s][zh ? 0 : 1] },
            { title: zh ? "单位" : "Unit", dataIndex: "orgName" },
            {
              title: zh ? "专家" : "Experts",
              dataIndex: "experts",
              render: (es: AssignmentSummary["experts"]) => (
                <Space size={4} wrap>
                  {es.map((e) => (
                    <Tag key={e.id} color={e.state === "submitted" ? "green" : "default"}>
                      {e.name} · {REVIEW_STATE_TEXT[e.state][zh ? 0 : 1]}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: zh ? "截止日期" : "Deadline",
              dataIndex: "deadline",
              render: (d: string, r) => (
                <span>
                  {d}{" "}
                  {r.state === "open" && r.submitted < r.experts.length && (
                    <Typography.Text type={r.daysLeft < 0 ? "danger" : "secondary"}>
                      ({dueText(r.daysLeft, zh)})
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            {
              title: zh ? "状态" : "State",
              dataIndex: "state",
              render: (s: AssignmentSummary["state"]) => (
                <Tag color={s === "adopted" ? "green" : s === "not_adopted" ? "orange" : "blue"}>
                  {STATE_TEXT[s][zh ? 0 : 1]}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
