import { checkSheet, EXANTE_CONCLUSIONS, type ExantePoints, exanteConclusion, exanteForm } from "@jixiao/core";
import { Alert, App, Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import type { Project } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { type Conclusion, type ExanteView, expertEndpoints } from "./api.ts";

const COLOR: Record<Conclusion, string> = { 予以支持: "green", 部分支持: "gold", 不予支持: "red" };
const EN: Record<Conclusion, string> = { 予以支持: "Support", 部分支持: "Partial support", 不予支持: "No support" };

/** The project's 事前绩效评估 as the server gives it (shared by the panel and the approval), reloaded on demand. */
export function useExante(projectId: string) {
  const [view, setView] = useState<ExanteView>();
  const load = useCallback(() => {
    expertEndpoints.exante(projectId).then(setView, () => setView(undefined));
  }, [projectId]);
  useEffect(load, [load]);
  return { view, setView, load };
}
export type ExanteState = ReturnType<typeof useExante>;

/**
 * What approving a project's goals needs to say about its 事前绩效评估: the approve button blocked (with why) when a
 * new project has none and the server would refuse it (409 exante_missing), and in the confirmation the conclusion —
 * 不予支持 as a clear warning — or that a new project has none.
 */
export function exanteApproval(
  view: ExanteView | undefined,
  zh: boolean,
): { approveBlocked?: string; approveNotice?: ReactNode } {
  if (!view) return {};
  const a = view.assessment;
  if (!a) {
    if (view.required) {
      return {
        approveBlocked: zh
          ? "新增项目尚未进行事前绩效评估：请先在下方填写（或委托专家评估并采纳）后再批准"
          : "A new project without an ex-ante assessment: assess it below (or adopt the experts') before approving",
      };
    }
    if (!view.isNew) return {};
    return {
      approveNotice: (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="wf-confirm-exante"
          title={zh ? "新增项目，尚未进行事前绩效评估。" : "A new project without an ex-ante assessment."}
        />
      ),
    };
  }
  const head = zh
    ? `事前绩效评估：${a.total} / ${a.fullMarks} 分，结论「${a.conclusion}」`
    : `Ex-ante assessment: ${a.total} / ${a.fullMarks}, conclusion: ${EN[a.conclusion]}`;
  const refused = a.conclusion === "不予支持";
  return {
    approveNotice: (
      <Alert
        type={refused ? "error" : a.conclusion === "部分支持" ? "warning" : "success"}
        showIcon
        style={{ marginBottom: 8 }}
        data-testid="wf-confirm-exante"
        title={head}
        description={
          refused
            ? zh
              ? "事前绩效评估不支持该项目立项。批准其绩效目标与评估结论相悖，请确认已有充分理由（例如已按评估意见修改）。"
              : "The ex-ante assessment does not support this project. Approving its goals goes against it: be sure you have good reason (e.g. it was changed as the assessment asked)."
            : a.conclusion === "部分支持"
              ? zh
                ? "评估为部分支持：请确认评估意见已落实到绩效目标。"
                : "Partly supported: check the assessment's opinion is reflected in the goals."
              : undefined
        }
      />
    ),
  };
}

/**
 * 事前绩效评估 on the project page: the five dimensions' scores, the total and the conclusion (derived from the score,
 * or overridden with a reason). The reviewer fills or changes it here; before approving a new project's goals the
 * reviewer is warned when it has none (and the approval is blocked where the server requires one).
 */
export function ExantePanel({ project, exante }: { project: Pick<Project, "id" | "state">; exante: ExanteState }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const { message } = App.useApp();
  const isReviewer = !!user?.roles.includes("reviewer");
  const { view, setView } = exante;
  const [editing, setEditing] = useState(false);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [conclusion, setConclusion] = useState<Conclusion>();
  const [reason, setReason] = useState("");
  const [opinion, setOpinion] = useState("");
  const [busy, setBusy] = useState(false);

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
        !editing && (a || isReviewer) ? (
          <Space>
            {a &&
              (["xlsx", "docx", "pdf"] as const).map((f) => (
                <a key={f} href={expertEndpoints.exanteExportUrl(project.id, f)} data-testid={`exante-export-${f}`}>
                  {f}
                </a>
              ))}
            {isReviewer && <Link to="/experts">{zh ? "委托专家评估" : "Ask experts"}</Link>}
            {isReviewer && (
              <Button size="small" onClick={start} data-testid="exante-edit">
                {a ? (zh ? "修改评估" : "Change") : zh ? "填写评估" : "Assess"}
              </Button>
            )}
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
                ? view.required
                  ? "这是新增项目，尚未进行事前绩效评估：须先评估（或委托专家评估并采纳）才能批准绩效目标。"
                  : "这是新增项目，尚未进行事前绩效评估：批准绩效目标前请先评估或委托专家评估。"
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
              options={EXANTE_CONCLUSIONS.map((c) => ({
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
