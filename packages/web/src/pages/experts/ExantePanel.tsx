import { checkSheet, type ExantePoints, exanteConclusion, exanteForm } from "@jixiao/core";
import { Alert, App, Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import type { Project } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { type Conclusion, type ExanteView, expertEndpoints } from "./api.ts";

const COLOR: Record<Conclusion, string> = { 予以支持: "green", 部分支持: "gold", 不予支持: "red" };
const EN: Record<Conclusion, string> = { 予以支持: "Support", 部分支持: "Partial support", 不予支持: "No support" };

/**
 * 事前绩效评估 on the project page: the five dimensions' scores, the total and the conclusion (derived from the score,
 * or overridden with a reason). The reviewer fills or changes it here; before approving a new project's goals the
 * reviewer is warned when it has none.
 */
export function ExantePanel({ project }: { project: Pick<Project, "id" | "state"> }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const { message } = App.useApp();
  const isReviewer = !!user?.roles.includes("reviewer");
  const [view, setView] = useState<ExanteView>();
  const [editing, setEditing] = useState(false);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [conclusion, setConclusion] = useState<Conclusion>();
  const [reason, setReason] = useState("");
  const [opinion, setOpinion] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    expertEndpoints.exante(project.id).then(setView, () => setView(undefined));
  }, [project.id]);
  useEffect(load, [load]);

  const a = view?.assessment ?? null;
  const points = useMemo(
    () => Object.fromEntries((view?.dimensions ?? []).map((d) => [d.key, a?.points[d.key] ?? d.defaultPoints])),
    [view, a],
  );
  // the same core rules the server applies: the sheet checked against the form, the conclusion from the total
  const check = useMemo(() => checkSheet(exanteForm(points as Partial<ExantePoints>), scores), [points, scores]);
  const complete = !!view && check.complete;
  const total = complete ? check.total : undefined;
  const derived = total
    ? exanteConclusion(total, check.fullMarks, a?.thresholds ?? view?.defaultThresholds)
    : undefined;

  if (!view) return null;
  if (!a && !view.isNew && !isReviewer) return null;

  const start = () => {
    setScores(a?.scores ?? {});
    setConclusion(a?.overridden ? a.conclusion : undefined);
    setReason(a?.overrideReason ?? "");
    setOpinion(a?.opinion ?? "");
    setEditing(true);
  };

  const save = async () => {
    setBusy(true);
    try {
      const overridden = conclusion && conclusion !== derived ? conclusion : null;
      setView(
        await expertEndpoints.saveExante(project.id, {
          ...(a ? { version: a.version } : {}),
          scores,
          conclusion: overridden,
          overrideReason: overridden ? reason : null,
          opinion,
        }),
      );
      setEditing(false);
      message.success(zh ? "事前绩效评估已保存" : "Ex-ante assessment saved");
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const rows = view.dimensions.map((d) => ({ ...d, points: points[d.key] as string }));
  return (
    <Card
      size="small"
      title={zh ? "事前绩效评估" : "Ex-ante performance assessment"}
      data-testid="exante-panel"
      extra={
        isReviewer && !editing ? (
          <Space>
            <Link to="/experts">{zh ? "委托专家评估" : "Ask experts"}</Link>
            <Button size="small" onClick={start} data-testid="exante-edit">
              {a ? (zh ? "修改评估" : "Change") : zh ? "填写评估" : "Assess"}
            </Button>
          </Space>
        ) : undefined
      }
    >
      {!a && !editing && view.isNew && (
        <Alert
          type="warning"
          showIcon
          data-testid="exante-missing"
          title={
            isReviewer && project.state === "unit_approved"
              ? zh
                ? "这是新增项目，尚未进行事前绩效评估：批准绩效目标前请先评估或委托专家评估。"
                : "A new project without an ex-ante assessment: assess it (or ask experts) before approving its goals."
              : zh
                ? "新增项目尚未进行事前绩效评估。"
                : "This new project has no ex-ante assessment yet."
          }
        />
      )}
      {(a || editing) && (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          data-testid="exante-table"
          columns={[
            {
              title: zh ? "评估维度" : "Dimension",
              dataIndex: "name",
              render: (v: string, r) => (
                <span>
                  {zh ? v : r.en}
                  <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                    {r.guidance}
                  </Typography.Text>
                </span>
              ),
            },
            { title: zh ? "分值" : "Max", dataIndex: "points", width: 70 },
            {
              title: zh ? "得分" : "Score",
              key: "score",
              width: 120,
              render: (_, r) =>
                editing ? (
                  <Input
                    style={{ width: 90 }}
                    value={scores[r.key] ?? ""}
                    data-testid={`exante-score-${r.key}`}
                    onChange={(e) => setScores((s) => ({ ...s, [r.key]: e.target.value }))}
                  />
                ) : (
                  (a?.scores[r.key] ?? "—")
                ),
            },
          ]}
        />
      )}
      {a && !editing && (
        <Space direction="vertical" style={{ marginTop: 8 }}>
          <Space>
            <Typography.Text strong data-testid="exante-total">
              {zh ? "总分" : "Total"} {a.total} / {a.fullMarks}（{a.percent}%）
            </Typography.Text>
            <Tag color={COLOR[a.conclusion]} data-testid="exante-conclusion">
              {zh ? a.conclusion : EN[a.conclusion]}
            </Tag>
            {a.overridden && (
              <Typography.Text type="secondary">
                {zh
                  ? `按得分应为「${a.derived}」，调整理由：${a.overrideReason}`
                  : `Score gives ${EN[a.derived]}; changed: ${a.overrideReason}`}
              </Typography.Text>
            )}
            <Typography.Text type="secondary">
              {a.source === "experts" ? (zh ? "（采纳专家评估）" : "(from the experts)") : ""}
            </Typography.Text>
          </Space>
          {a.opinion && (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{a.opinion}</Typography.Paragraph>
          )}
        </Space>
      )}
      {editing && (
        <Space direction="vertical" style={{ width: "100%", marginTop: 8 }}>
          <Space wrap>
            <Typography.Text data-testid="exante-live-total">
              {zh ? "总分" : "Total"} {total ?? "—"} / {check.fullMarks}
            </Typography.Text>
            <Typography.Text>{zh ? "结论" : "Conclusion"}</Typography.Text>
            <Select<Conclusion>
              style={{ width: 140 }}
              value={conclusion ?? derived}
              onChange={setConclusion}
              data-testid="exante-conclusion-select"
              options={(["予以支持", "部分支持", "不予支持"] as Conclusion[]).map((c) => ({
                value: c,
                label: zh ? c : EN[c],
              }))}
            />
            {derived && (
              <Typography.Text type="secondary">
                {zh ? `按得分：${derived}` : `By the score: ${EN[derived]}`}
              </Typography.Text>
            )}
          </Space>
          {conclusion && derived && conclusion !== derived && (
            <Input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={zh ? "调整结论的理由（必填）" : "Why the conclusion differs (required)"}
              data-testid="exante-override-reason"
            />
          )}
          <Input.TextArea
            rows={2}
            value={opinion}
            onChange={(e) => setOpinion(e.target.value)}
            placeholder={zh ? "评估意见" : "Opinion"}
            data-testid="exante-opinion"
          />
          <Space>
            <Button type="primary" loading={busy} disabled={!complete} onClick={save} data-testid="exante-save">
              {zh ? "保存评估" : "Save"}
            </Button>
            <Button onClick={() => setEditing(false)}>{zh ? "取消" : "Cancel"}</Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
