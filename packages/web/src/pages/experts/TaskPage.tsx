import { checkSheet } from "@jixiao/core";
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { expertEndpoints, REVIEW_STATE_TEXT, SUBJECT_TEXT, type TaskDetail } from "./api.ts";
import { dueText } from "./ExpertsPage.tsx";
import { RecordView } from "./RecordView.tsx";

interface Line {
  key: string;
  section: string;
  name: string;
  maxPoints: string;
  guidance?: string | undefined;
  span: number;
}

/**
 * 评分（专家）: the assigned record read only beside the bureau's scoring form; a score per item (indicator, or a
 * section scored as a whole), checked as it is typed by the same core rule the server applies, the total, the
 * opinion; save as a draft or submit (every item scored, an opinion written).
 */
export default function TaskPage() {
  const { id = "" } = useParams();
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { message } = App.useApp();
  const [task, setTask] = useState<TaskDetail>();
  const [scores, setScores] = useState<Record<string, string>>({});
  const [opinion, setOpinion] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const show = useCallback((t: TaskDetail) => {
    setTask(t);
    setScores(t.scores);
    setOpinion(t.opinion ?? "");
  }, []);

  useEffect(() => {
    expertEndpoints.task(id).then(show, (e) => setError(describeError(e, lang)));
  }, [id, lang, show]);

  const lines = useMemo<Line[]>(() => {
    if (!task) return [];
    const out: Line[] = [];
    for (const s of task.form.sections) {
      const inds = s.indicators ?? [];
      if (inds.length === 0) {
        out.push({ key: s.key, section: s.name, name: s.name, maxPoints: s.maxPoints, guidance: s.guidance, span: 1 });
        continue;
      }
      inds.forEach((ind, i) => {
        out.push({
          key: ind.key,
          section: `${s.name}（${s.maxPoints}）`,
          name: ind.name,
          maxPoints: ind.maxPoints,
          guidance: ind.guidance,
          span: i === 0 ? inds.length : 0,
        });
      });
    }
    return out;
  }, [task]);

  const check = useMemo(() => (task ? checkSheet(task.form, scores) : undefined), [task, scores]);
  const problemOf = (key: string) => {
    const p = check?.problems.find((x) => x.key === key && (scores[key] ?? "").trim() !== "");
    return p ? (zh ? p.zh : p.en) : undefined;
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!task || !check) return null;
  const editable = task.state === "pending" && task.assignmentState === "open";

  const save = async (submit: boolean) => {
    setBusy(true);
    try {
      const body = { version: task.version, scores, opinion };
      const t = submit ? await expertEndpoints.submitTask(id, body) : await expertEndpoints.saveTask(id, body);
      show(t);
      message.success(submit ? (zh ? "评分已提交" : "Scores submitted") : zh ? "已保存" : "Saved");
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="task-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        <Link to="/experts">{zh ? "我的评审任务" : "My tasks"}</Link> / {task.title}{" "}
        <Tag color={task.state === "submitted" ? "green" : "blue"} data-testid="task-state">
          {REVIEW_STATE_TEXT[task.state][zh ? 0 : 1]}
        </Tag>
      </Typography.Title>
      <Typography.Text type="secondary">
        {SUBJECT_TEXT[task.subject][zh ? 0 : 1]} · {task.formName} · {zh ? "截止" : "due"} {task.deadline}
        {editable ? `（${dueText(task.daysLeft, zh)}）` : ""}
      </Typography.Text>
      {task.note && <Alert type="info" showIcon title={`${zh ? "评审要求：" : "Note: "}${task.note}`} />}
      <RecordView record={task.record} zh={zh} />
      <Card
        size="small"
        title={`${task.form.name}（${zh ? "满分" : "full marks"} ${check.fullMarks}）`}
        extra={
          <Typography.Text strong data-testid="task-total">
            {zh ? "合计" : "Total"} {check.total}
          </Typography.Text>
        }
      >
        <Table<Line>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={lines}
          data-testid="score-table"
          columns={[
            {
              title: zh ? "评价内容" : "Section",
              dataIndex: "section",
              onCell: (r) => ({ rowSpan: r.span }),
              width: 140,
            },
            {
              title: zh ? "评价指标" : "Item",
              dataIndex: "name",
              render: (v: string, r) => (
                <span>
                  {v}
                  {r.guidance && (
                    <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                      {r.guidance}
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            { title: zh ? "分值" : "Max", dataIndex: "maxPoints", width: 70 },
            {
              title: zh ? "得分" : "Score",
              key: "score",
              width: 200,
              render: (_, r) => {
                const problem = problemOf(r.key);
                return (
                  <div>
                    <Input
                      style={{ width: 90 }}
                      value={scores[r.key] ?? ""}
                      disabled={!editable}
                      status={problem ? "error" : undefined}
                      data-testid={`score-${r.key}`}
                      onChange={(e) => setScores((s) => ({ ...s, [r.key]: e.target.value }))}
                    />
                    {problem && (
                      <Typography.Text type="danger" style={{ display: "block", fontSize: 12 }}>
                        {problem}
                      </Typography.Text>
                    )}
                  </div>
                );
              },
            },
          ]}
        />
        <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 4 }}>
          {zh ? "评审意见" : "Opinion"}
        </Typography.Paragraph>
        <Input.TextArea
          rows={4}
          value={opinion}
          disabled={!editable}
          onChange={(e) => setOpinion(e.target.value)}
          data-testid="task-opinion"
          placeholder={zh ? "发现的问题、改进建议" : "Problems found, suggestions"}
        />
        {editable && (
          <Space style={{ marginTop: 12 }}>
            <Button loading={busy} onClick={() => save(false)} data-testid="task-save">
              {zh ? "保存" : "Save"}
            </Button>
            <Popconfirm
              title={zh ? "提交后不能再修改，确定提交？" : "No changes after submitting. Submit?"}
              onConfirm={() => save(true)}
              okButtonProps={{ id: "task-submit-ok" }}
            >
              <Button
                type="primary"
                loading={busy}
                disabled={!check.complete || !opinion.trim()}
                data-testid="task-submit"
              >
                {zh ? "提交评分" : "Submit"}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Card>
    </Space>
  );
}
