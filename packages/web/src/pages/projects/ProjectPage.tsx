import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Modal,
  Row,
  Space,
  Spin,
  Timeline,
  Typography,
} from "antd";
import { lazy, useCallback, useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError } from "../../api/client.ts";
import {
  evaluationEndpoints,
  type Indicator,
  type Project,
  projectEndpoints,
  type Transition,
} from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { ExportButton } from "../../components/ExportButton.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { formatWanYuan, parseYuan } from "../../lib/rules.ts";
import { COLUMNS, type GridRow, isBlank, rowProblems, rowsFromIndicators } from "./gridModel.ts";
import { IndicatorGrid, useUndoable } from "./IndicatorGrid.tsx";
import { type Conflict, saveIndicators } from "./saveIndicators.ts";
import { STATE_TEXT, StateTag } from "./states.tsx";

const NotFoundPage = lazy(() => import("../NotFoundPage.tsx"));

/** Tells the header that the to-do count may have changed. */
export function todoChanged(): void {
  window.dispatchEvent(new Event("jixiao:todo-changed"));
}

type Loaded = { project: Project; indicators: Indicator[]; history: Transition[] };

export default function ProjectPage() {
  const { id = "" } = useParams();
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [data, setData] = useState<Loaded>();
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [acting, setActing] = useState<"return" | undefined>();
  const [comment, setComment] = useState("");
  const grid = useUndoable<GridRow[]>([]);
  const [original, setOriginal] = useState<Map<string, GridRow>>(new Map());

  const load = useCallback(async () => {
    try {
      const [project, ind, history] = await Promise.all([
        projectEndpoints.get(id),
        projectEndpoints.indicators(id),
        projectEndpoints.history(id),
      ]);
      const rows = rowsFromIndicators(ind.items);
      setOriginal(new Map(rows.map((r) => [r.id!, r])));
      grid.reset(rows);
      setData({ project, indicators: ind.items, history: history.items });
      setError(undefined);
    } catch (e) {
      // A foreign organisation's project and a project that does not exist look the same.
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) setMissing(true);
      else setError(describeError(e, lang));
    }
  }, [id, lang, grid.reset]);

  useEffect(() => {
    setMissing(false);
    setData(undefined);
    load();
  }, [load]);

  const roles = user?.roles ?? [];
  const p = data?.project;
  const editable = !!p && (p.state === "draft" || p.state === "returned");
  const canEdit = editable && roles.includes("filler");
  const canReview =
    !!p &&
    p.state === "submitted" &&
    p.submittedBy !== user?.id &&
    roles.some((r) => r === "unit_approver" || r === "reviewer");
  const dirty = useMemo(
    () =>
      grid.value.some((r) => !isBlank(r) && (!r.id || JSON.stringify(original.get(r.id)) !== JSON.stringify(r))) ||
      [...original.keys()].some((k) => !grid.value.some((r) => r.id === k)),
    [grid.value, original],
  );
  const problems = grid.value.filter((r) => !isBlank(r) && rowProblems(r, zh).length > 0).length;

  if (missing) return <NotFoundPage />;
  if (error)
    return (
      <Alert type="error" showIcon title={error} action={<Button onClick={load}>{zh ? "重试" : "Retry"}</Button>} />
    );
  if (!data || !p) return <Spin style={{ display: "block", margin: 64 }} />;

  const money = (v: string | null) => (v == null ? "—" : formatWanYuan(parseYuan(v)));

  const save = async () => {
    setBusy(true);
    try {
      const r = await saveIndicators(p.id, data.indicators, original, grid.value);
      setConflicts(r.conflicts);
      if (r.conflicts.length === 0) message.success(zh ? `已保存 ${r.saved} 行` : `${r.saved} rows saved`);
      if (r.conflicts.length === 0) await load();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  /**
   * After a 409: the fields the user changed are written again over the record as it is now (with its version);
   * the fields they did not touch take the server's values.
   */
  const reapply = async () => {
    const byId = new Map(conflicts.filter((c) => c.current).map((c) => [c.current!.id, c.current!]));
    const fresh = await projectEndpoints.indicators(p.id);
    const serverRows = new Map(rowsFromIndicators(fresh.items).map((r) => [r.id!, r]));
    const nextOriginal = new Map(original);
    const rows = grid.value.map((r) => {
      const sr = r.id && byId.has(r.id) ? serverRows.get(r.id) : undefined;
      if (!sr || !r.id) return r;
      const before = original.get(r.id);
      nextOriginal.set(r.id, sr);
      const merged: GridRow = { ...r, version: sr.version };
      for (const col of COLUMNS) if (before && r[col] === before[col]) merged[col] = sr[col];
      return merged;
    });
    grid.set(rows);
    setOriginal(nextOriginal);
    setConflicts([]);
    setBusy(true);
    try {
      const res = await saveIndicators(p.id, fresh.items, nextOriginal, rows);
      setConflicts(res.conflicts);
      if (res.conflicts.length === 0) {
        message.success(zh ? "已重新应用您的修改" : "Your changes were applied again");
        await load();
      }
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const act = async (action: "submit" | "approve" | "return", text?: string) => {
    setBusy(true);
    try {
      await projectEndpoints.transition(p.id, action, p.version, text);
      const done = {
        submit: ["已提交", "Submitted"],
        approve: ["已审核通过", "Approved"],
        return: ["已退回", "Returned"],
      };
      message.success(done[action][zh ? 0 : 1]);
      setActing(undefined);
      setComment("");
      todoChanged();
      await load();
    } catch (e) {
      message.error(describeError(e, lang));
      if (e instanceof ApiError && e.status === 409) await load();
    } finally {
      setBusy(false);
    }
  };

  /**
   * 开始自评: a project self-evaluation (national scheme) with the project's funds and its level-3 indicators as
   * rows (names, targets and points as approved); the workspace then scores it through core.
   */
  const startEvaluation = async () => {
    setBusy(true);
    try {
      const e = await evaluationEndpoints.create({
        kind: "project",
        orgId: p.orgId,
        year: p.year,
        projectId: p.id,
        scheme: "national-project",
        initialBudget: p.annualFunds,
        fullYearBudget: p.annualFunds,
      });
      const rows = rowsFromIndicators(data.indicators);
      await evaluationEndpoints.saveItems(
        e.id,
        e.version,
        rows.map((r) => ({
          indicatorId: r.id ?? null,
          level1: r.level1 || null,
          level2: r.level2 || null,
          name: r.name,
          targetText: r.targetText || null,
          actualText: null,
          points: r.weight || null,
          statedScore: null,
          overrideReason: null,
          deviationReason: null,
          deviationCause: null,
        })),
      );
      navigate(`/self-evaluation/${e.id}`);
    } catch (err) {
      message.error(describeError(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const actorName = (t: Transition) => (t.actorId === user?.id ? (zh ? "我" : "me") : t.actorId.slice(0, 8));
  const lastReturn = [...data.history].reverse().find((t) => t.action === "return");

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="project-page">
      <Card size="small">
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
          <Space>
            <Link to="/projects">{zh ? "项目" : "Projects"}</Link>
            <Typography.Text type="secondary">/</Typography.Text>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="project-name">
              {p.name}
            </Typography.Title>
            <StateTag state={p.state} />
            {p.revision > 1 && (
              <Typography.Text type="secondary">
                {zh ? `第 ${p.revision} 版` : `revision ${p.revision}`}
              </Typography.Text>
            )}
          </Space>
          <Space>
            {canEdit && (
              <Button
                type="primary"
                data-testid="submit-project"
                loading={busy}
                disabled={dirty || problems > 0}
                onClick={() => act("submit")}
              >
                {zh ? "提交审核" : "Submit"}
              </Button>
            )}
            <ExportButton type="project" id={p.id} />
            {p.state === "approved" && roles.includes("filler") && (
              <Button data-testid="start-evaluation" loading={busy} onClick={startEvaluation}>
                {zh ? "开始自评" : "Start the self-evaluation"}
              </Button>
            )}
            {canReview && (
              <>
                <Button type="primary" data-testid="approve-project" loading={busy} onClick={() => act("approve")}>
                  {zh ? "审核通过" : "Approve"}
                </Button>
                <Button danger data-testid="return-project" loading={busy} onClick={() => setActing("return")}>
                  {zh ? "退回" : "Return"}
                </Button>
              </>
            )}
          </Space>
        </Space>
        {p.state === "returned" && lastReturn?.comment && (
          <Alert
            style={{ marginTop: 8 }}
            type="warning"
            showIcon
            title={zh ? "退回意见" : "Returned with the comment"}
            description={<span data-testid="return-comment">{lastReturn.comment}</span>}
          />
        )}
      </Card>
      <Row gutter={12}>
        <Col span={15}>
          <Card size="small" title={zh ? "资金与目标" : "Funds and goals"}>
            <Descriptions size="small" column={3} bordered>
              <Descriptions.Item label={zh ? "项目编码" : "Code"}>{p.code ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={zh ? "主管/实施单位" : "Unit"} span={2}>
                {p.implementingUnit ?? p.orgName}
              </Descriptions.Item>
              <Descriptions.Item label={zh ? "年度资金总额（万元）" : "Annual funds (万元)"}>
                <span data-testid="annual-funds">{money(p.annualFunds)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={zh ? "其中：财政拨款" : "of which fiscal"}>
                {money(p.fiscalFunds)}
              </Descriptions.Item>
              <Descriptions.Item label={zh ? "上年结转" : "Carried over"}>{money(p.carryOverFunds)}</Descriptions.Item>
              <Descriptions.Item label={zh ? "其他资金" : "Other"}>{money(p.otherFunds)}</Descriptions.Item>
              <Descriptions.Item label={zh ? "项目总额" : "Total"}>{money(p.totalFunds)}</Descriptions.Item>
              <Descriptions.Item label={zh ? "期限" : "Period"}>
                {p.startDate || p.endDate ? `${p.startDate ?? ""} – ${p.endDate ?? ""}` : "—"}
              </Descriptions.Item>
              <Descriptions.Item label={zh ? "年度目标" : "Annual goal"} span={3}>
                <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
                  {p.annualGoal ?? "—"}
                </Typography.Paragraph>
              </Descriptions.Item>
              {p.midTermGoal && (
                <Descriptions.Item label={zh ? "中期目标" : "Mid-term goal"} span={3}>
                  {p.midTermGoal}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col span={9}>
          <Card size="small" title={zh ? "流转记录" : "History"} data-testid="project-history">
            {data.history.length === 0 ? (
              <Typography.Text type="secondary">{zh ? "尚未提交" : "Not submitted yet"}</Typography.Text>
            ) : (
              <Timeline
                items={data.history.map((t) => ({
                  color: t.action === "return" ? "red" : t.action === "approve" ? "green" : "blue",
                  content: (
                    <div>
                      <Typography.Text strong>{STATE_TEXT[t.toState][zh ? 0 : 1]}</Typography.Text>{" "}
                      <Typography.Text type="secondary">
                        {new Date(t.at).toLocaleString(zh ? "zh-CN" : "en-GB")} · {actorName(t)}
                      </Typography.Text>
                      {t.comment && <div>{t.comment}</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={zh ? "绩效指标" : "Performance indicators"}
        extra={
          canEdit ? (
            <Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {zh
                  ? "方向键移动 · Enter 编辑 · 可从 Excel 粘贴 · Ctrl+Z 撤销"
                  : "Arrows · Enter edits · paste from Excel · Ctrl+Z"}
              </Typography.Text>
              <Button data-testid="undo" disabled={!grid.canUndo} onClick={grid.undo}>
                {zh ? "撤销" : "Undo"}
              </Button>
              <Button
                type="primary"
                data-testid="save-indicators"
                loading={busy}
                disabled={!dirty || problems > 0}
                onClick={save}
              >
                {zh ? "保存指标" : "Save"}
              </Button>
            </Space>
          ) : undefined
        }
      >
        {canEdit && dirty && (
          <Typography.Text type="warning" data-testid="unsaved">
            {problems > 0
              ? zh
                ? `${problems} 行未填完整（红色标出），补全后才能保存。`
                : `${problems} rows are incomplete (in red): complete them to save.`
              : zh
                ? "有未保存的修改；提交前请先保存。"
                : "Unsaved changes: save before submitting."}
          </Typography.Text>
        )}
        <IndicatorGrid
          rows={grid.value}
          original={original}
          readOnly={!canEdit}
          onChange={grid.set}
          onUndo={grid.undo}
        />
      </Card>
      <Modal
        destroyOnHidden
        open={acting === "return"}
        title={zh ? "退回并说明意见" : "Return with a comment"}
        okText={zh ? "退回" : "Return"}
        okButtonProps={{ danger: true, disabled: !comment.trim(), loading: busy, id: "return-confirm" }}
        onOk={() => act("return", comment.trim())}
        onCancel={() => setActing(undefined)}
      >
        <Input.TextArea
          data-testid="return-comment-input"
          rows={4}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={zh ? "请说明需要修改的内容" : "What needs to change"}
        />
      </Modal>
      <Modal
        destroyOnHidden
        open={conflicts.length > 0}
        title={zh ? "他人已修改这些指标" : "Someone else changed these indicators"}
        okText={zh ? "重新应用我的修改" : "Apply my changes again"}
        cancelText={zh ? "采用服务器上的内容" : "Keep the server's version"}
        onOk={reapply}
        onCancel={() => {
          setConflicts([]);
          load();
        }}
        width={720}
      >
        <Typography.Paragraph>
          {zh
            ? "您编辑期间，以下指标已被他人保存。重新应用时，只有您改过的内容写到当前内容之上，其余采用服务器上的内容。"
            : "While you were editing, these indicators were saved by someone else. Applying again writes only what you changed over the current record; the rest stays as on the server."}
        </Typography.Paragraph>
        {conflicts.map((c) => (
          <Descriptions
            key={c.row.key}
            size="small"
            bordered
            column={2}
            style={{ marginBottom: 8 }}
            data-testid="conflict"
          >
            <Descriptions.Item label={zh ? "服务器当前" : "On the server"}>
              {c.current
                ? `${c.current.name} · ${c.current.targetText ?? ""} · ${c.current.weight ?? ""}`
                : zh
                  ? "已删除"
                  : "deleted"}
            </Descriptions.Item>
            <Descriptions.Item label={zh ? "您的修改" : "Yours"}>
              {`${c.row.name} · ${c.row.targetText} · ${c.row.weight}`}
            </Descriptions.Item>
          </Descriptions>
        ))}
      </Modal>
    </Space>
  );
}
