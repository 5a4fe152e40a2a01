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
  Statistic,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError } from "../../api/client.ts";
import {
  type Evaluation,
  type EvaluationItem,
  evaluationEndpoints,
  type FieldProblem,
  type StoredScores,
} from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { ExportButton } from "../../components/ExportButton.tsx";
import { PublishControl } from "../../components/publish/PublishControl.tsx";
import { isNotFound, RecordStatus } from "../../components/RecordPage.tsx";
import {
  ChangesPanel,
  EVALUATION_FIELDS,
  type FlowStep,
  HistoryTimeline,
  isEditableState,
  ReturnNotice,
  StateTag,
  WorkflowActions,
  workflowEndpoints,
} from "../../components/workflow/index.ts";
import { useI18n } from "../../i18n.tsx";
import { clearDraft, loadDraft, saveDraft } from "../../lib/drafts.ts";
import { describeError } from "../../lib/errors.ts";
import { useLeaveGuard } from "../../lib/leaveGuard.tsx";
import { evaluate, SCHEMES } from "../../lib/scoring.ts";
import { useWorkspace } from "../../workspace.tsx";
import { RectifyEvaluation } from "../rectification/RectifyEvaluation.tsx";
import { IndicatorTable } from "./IndicatorTable.tsx";
import { type SeDraft, type SeIndicator, sampleDraft } from "./model.ts";
import { StartDepartmentEvaluation } from "./StartDepartment.tsx";
import { StoredScore } from "./StoredScore.tsx";
import { draftFromServer, fieldsForServer, itemsForServer } from "./server.ts";

/** The fields a refused submission names, by item id and field, and the record's own fields by name. */
function refusalMap(fields: FieldProblem[] | undefined, lang: "zh" | "en") {
  const items = new Map<string, Record<string, string>>();
  const record = new Map<string, string>();
  for (const f of fields ?? []) {
    const text = lang === "zh" ? f.message : f.messageEn;
    if (f.itemId) items.set(f.itemId, { ...(items.get(f.itemId) ?? {}), [f.field]: text });
    else record.set(f.field, text);
  }
  return { items, record };
}

/** A refusal's message at its field. */
function FieldError({ path, text }: { path: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <Typography.Text type="danger" style={{ fontSize: 12, display: "block" }} data-testid={`field-error-${path}`}>
      {text}
    </Typography.Text>
  );
}

type Stored = Evaluation & { items: EvaluationItem[] };

const evaluationFlow = workflowEndpoints("evaluations");

const GRADE_COLOR: Record<string, string> = { 优: "#1f5fbf", 良: "#52c41a", 中: "#faad14", 差: "#f5222d" };

/**
 * 自评 workspace: actual values typed into the indicator grid; the suggested score per indicator, the group sums,
 * the execution rate, the total and the grade are recomputed by @jixiao/core on every keystroke. Everything
 * typed is kept as a draft in the browser (keyed by the evaluation) until saved, so nothing is lost on a
 * session expiry or a reload.
 */
export default function SelfEvaluationPage() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const { user } = useAuth();
  // Keyed by person and record: a draft never shows up for someone else signing in on the same browser.
  const draftKey = `${user?.id ?? "anonymous"}:selfEvaluation:${id ?? "sample-002"}`;
  const [restored, setRestored] = useState(false);
  const [draft, setDraft] = useState<SeDraft>(() => {
    const saved = loadDraft<SeDraft>(draftKey);
    if (saved) {
      setTimeout(() => setRestored(true));
      return saved.data;
    }
    return sampleDraft();
  });
  const sample = draft.id === "sample-002";
  const serverId = id && id !== "sample-002" ? id : undefined;
  const { message } = App.useApp();
  const [stored, setStored] = useState<Stored>();
  const [missing, setMissing] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [stale, setStale] = useState<Evaluation>();
  const [saving, setSaving] = useState(false);
  const [history, setHistory] = useState<FlowStep[]>([]);
  const [reloads, setReloads] = useState(0);
  const [scores, setScores] = useState<StoredScores>();
  const [refusal, setRefusal] = useState<FieldProblem[]>();

  // A stored evaluation: loaded from the server (a draft kept in the browser wins over it until saved), with its
  // workflow history; again after each workflow step (`reloads`).
  useEffect(() => {
    // `reloads` counts the workflow steps taken here: each one loads the record and its history again.
    if (!serverId || reloads < 0) return;
    let live = true;
    evaluationFlow.history(serverId).then(
      (h) => live && setHistory(h),
      () => live && setHistory([]),
    );
    evaluationEndpoints.get(serverId).then(
      (e) => {
        if (!live) return;
        setStored(e);
        if (!loadDraft<SeDraft>(draftKey)) setDraft(draftFromServer(e));
      },
      (e) => {
        if (!live) return;
        if (isNotFound(e)) setMissing(true);
        else setLoadError(describeError(e, lang));
      },
    );
    return () => {
      live = false;
    };
  }, [serverId, draftKey, lang, reloads]);

  // The stored score, read again whenever the record's version changes (a save, a workflow step).
  const storedVersion = stored?.version;
  useEffect(() => {
    if (!serverId || storedVersion === undefined) return;
    let live = true;
    evaluationEndpoints.scores(serverId).then(
      (s) => live && setScores(s),
      () => live && setScores(undefined),
    );
    return () => {
      live = false;
    };
  }, [serverId, storedVersion]);

  const editable = !serverId || (!!stored && isEditableState(stored.state) && !!user?.roles.includes("filler"));
  // Typing not saved yet: submitting would send the stored version without it.
  const unsaved = useMemo(
    () => !!stored && JSON.stringify(draft) !== JSON.stringify(draftFromServer(stored)),
    [draft, stored],
  );
  // Typing over a stored record that is not saved: leaving the page (or switching organisation or year) asks first.
  // The practice sample is never saved, so it holds nothing.
  useLeaveGuard(!!serverId && editable && unsaved);

  /** Rows as a whole, then figures and narratives, each with the version read; a 409 keeps the typing. */
  const save = async (version = draft.version ?? stored?.version ?? 0) => {
    if (!serverId || !stored) return;
    setSaving(true);
    try {
      const withItems = await evaluationEndpoints.saveItems(serverId, version, itemsForServer(draft, stored.items));
      await evaluationEndpoints.update(serverId, { ...fieldsForServer(draft), version: withItems.version });
      const fresh = await evaluationEndpoints.get(serverId);
      setStored(fresh);
      setDraft(draftFromServer(fresh));
      clearDraft(draftKey);
      setRestored(false);
      setStale(undefined);
      setRefusal(undefined);
      message.success(lang === "zh" ? "自评已保存" : "Saved");
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setStale((e.current as Evaluation | undefined) ?? stored);
      else message.error(describeError(e, lang));
    } finally {
      setSaving(false);
    }
  };

  // Keep the draft in the browser a moment after each change: only what its editor typed over a stored record (never
  // the placeholder shown while the record loads, nor a read-only view), and none once it equals the stored record.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (serverId && (!stored || !editable)) return;
    if (serverId && !unsaved) {
      clearDraft(draftKey);
      return;
    }
    const h = setTimeout(() => saveDraft(draftKey, draft, draft.version), 300);
    return () => clearTimeout(h);
  }, [draft, draftKey, serverId, stored, editable, unsaved]);

  // a finance bureau's own scheme (not a built-in one): the live figures use the definition the server scores with
  const inForce = scores?.scheme?.orgId ? scores.result?.scheme.definition : undefined;
  const view = useMemo(() => evaluate(draft, lang, inForce), [draft, lang, inForce]);

  const onIndicator = useCallback((iid: string, patch: Partial<SeIndicator>) => {
    setDraft((d) => ({ ...d, indicators: d.indicators.map((x) => (x.id === iid ? { ...x, ...patch } : x)) }));
  }, []);
  const set = <K extends keyof SeDraft>(k: K, v: SeDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const refused = useMemo(() => refusalMap(refusal, lang), [refusal, lang]);
  // The figures at the top: once saved (nothing typed since), the stored result the server computed — what every
  // other view shows; while typing, core's live computation of the draft.
  const storedResult = !unsaved && scores?.result ? scores.result : undefined;
  const head = storedResult
    ? {
        source: "stored" as const,
        groups: storedResult.groups.map((g) => ({
          name: lang === "zh" ? g.name : g.nameEn,
          points: g.points.toFixed(2),
          score: g.score.toFixed(2),
        })),
        total: storedResult.total.toFixed(2),
        grade: storedResult.grade,
      }
    : { source: "live" as const, groups: view.groups, total: view.total, grade: view.grade };
  // Nothing entered yet (no actual value, no score of one's own, no stated score): the 0 and 差 that scoring the
  // empty rows gives are no result — the page says 未评分 instead (the stored card too).
  const scored = hasEntries(draft, stored);
  const storedScored = useMemo(() => !stored || hasEntries(draftFromServer(stored), stored), [stored]);

  if (missing || loadError || (serverId && !stored)) return <RecordStatus missing={missing} error={loadError} />;

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="self-evaluation">
      {!serverId && <StoredEvaluations />}
      {stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="se-stale"
          title={
            lang === "zh"
              ? `他人已于 ${new Date(stale.updatedAt).toLocaleString("zh-CN")} 保存了此自评（第 ${stale.version} 版）。您的填写仍在本页。`
              : `Someone saved this self-evaluation at ${new Date(stale.updatedAt).toLocaleString("en-GB")} (version ${stale.version}). Your typing is still here.`
          }
          action={
            <Space orientation="vertical">
              <Button size="small" type="primary" onClick={() => save(stale.version)}>
                {lang === "zh" ? "用我的填写覆盖" : "Apply mine over it"}
              </Button>
              <Button
                size="small"
                onClick={() => {
                  clearDraft(draftKey);
                  setStale(undefined);
                  evaluationEndpoints.get(serverId!).then((e) => {
                    setStored(e);
                    setDraft(draftFromServer(e));
                  });
                }}
              >
                {lang === "zh" ? "放弃我的填写" : "Discard mine"}
              </Button>
            </Space>
          }
        />
      )}
      {sample && (
        <Alert
          type="warning"
          showIcon
          title={<span data-testid="sample-data">{t("common.sample")}</span>}
          description={
            lang === "zh"
              ? "以下为练习用示例（据武汉市公安局青山区交通大队 2020 年部门整体绩效自评删减、改动分值而成，得分与原表不同），在浏览器中计算，不会提交到服务器。原表的 24 项指标及其得分见已保存的自评记录（信息公开中亦可查看）。"
              : "A practice sample (shortened from 青山区交通大队's 2020 department-overall self-evaluation, with other points, so its score differs from the original), computed in the browser and never sent to the server. The original's 24 indicators and score are in the stored record (also on the public site)."
          }
        />
      )}
      {restored && (
        <Alert
          type="info"
          showIcon
          closable
          title={<span data-testid="draft-restored">{t("common.draftRestored")}</span>}
          action={
            <Button
              size="small"
              onClick={() => {
                clearDraft(draftKey);
                setDraft(stored ? draftFromServer(stored) : sampleDraft());
                setRestored(false);
              }}
            >
              {t("common.discardDraft")}
            </Button>
          }
        />
      )}
      {!view.ready && <Alert type="error" showIcon title={t("se.notReady")} data-testid="scoring-not-ready" />}

      <Card size="small">
        <Row gutter={16} align="middle">
          <Col flex="auto">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t("se.title")}
            </Typography.Title>
            <Typography.Text type="secondary">
              {draft.projectName} · {draft.orgName} · {draft.year}
            </Typography.Text>{" "}
            {stored && <StateTag state={stored.state} testId="se-state" />}
            {serverId && (
              <span style={{ marginLeft: 8 }}>
                <ExportButton type="evaluation" id={serverId} />
              </span>
            )}
            {stored && (
              <span style={{ marginLeft: 8 }}>
                <WorkflowActions
                  area="evaluations"
                  record={stored}
                  onChanged={() => {
                    setRefusal(undefined);
                    setReloads((n) => n + 1);
                  }}
                  onError={(e, action) => {
                    if (action !== "submit" || !(e instanceof ApiError) || e.code !== "submission_incomplete") return;
                    const fields = (e.details as { fields?: FieldProblem[] } | undefined)?.fields;
                    setRefusal(Array.isArray(fields) ? fields : undefined);
                  }}
                  submitBlocked={
                    unsaved
                      ? lang === "zh"
                        ? "有未保存的填写，保存后才能提交"
                        : "Save your typing before submitting"
                      : undefined
                  }
                />
                <PublishControl type="evaluation" record={stored} />
                {serverId && user?.roles.includes("reviewer") && (
                  <span style={{ marginLeft: 8 }}>
                    <RectifyEvaluation evaluationId={serverId} zh={lang === "zh"} />
                  </span>
                )}
              </span>
            )}
            {serverId && editable && (
              <Button
                size="small"
                type="primary"
                style={{ marginLeft: 8 }}
                loading={saving}
                data-testid="se-save"
                onClick={() => save()}
              >
                {t("common.save")}
              </Button>
            )}
            {stored && <ReturnNotice state={stored.state} steps={history} />}
            <div style={{ marginTop: 8 }}>
              <Select
                size="small"
                // the longer scheme label is about 400 px wide: it is shown whole at 1366×768 and above
                style={{ width: 440, maxWidth: "100%" }}
                popupMatchSelectWidth={false}
                disabled={!editable}
                value={draft.schemeId}
                options={SCHEMES.map((s) => ({ value: s.id, label: lang === "zh" ? s.zh : s.en }))}
                onChange={(v: string) => set("schemeId", v)}
                data-testid="scheme"
              />
            </div>
          </Col>
          <Col>
            <Space size={24}>
              <Statistic title={t("se.rate")} value={view.rateText ?? "—"} suffix={view.rateText ? "%" : undefined} />
              {head.groups.map((g) => (
                <Statistic key={g.name} title={`${g.name}（${g.points}）`} value={scored ? g.score : "—"} />
              ))}
              <Statistic
                title={t("se.total")}
                value={(scored && head.total) || "—"}
                styles={{ content: { color: "#1f5fbf", fontWeight: 600 } }}
                valueRender={(node) => (
                  <span data-testid="se-total" data-source={head.source}>
                    {node}
                  </span>
                )}
              />
              <div>
                <div style={{ color: "rgba(0,0,0,0.45)", marginBottom: 4 }}>{t("se.grade")}</div>
                <Tag
                  color={scored && head.grade ? GRADE_COLOR[head.grade] : undefined}
                  style={{ fontSize: 20, padding: "4px 12px", lineHeight: "28px" }}
                  data-testid="se-grade"
                  data-scored={scored ? "yes" : "no"}
                >
                  {scored ? (head.grade ?? "—") : lang === "zh" ? "未评分" : "Not scored"}
                </Tag>
              </div>
            </Space>
          </Col>
        </Row>
      </Card>

      {refusal && refusal.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="se-refusal"
          title={
            lang === "zh"
              ? `服务器拒绝提交：${refusal.length} 处需补充或更正（已在各字段处标出）`
              : `The server refused the submission: ${refusal.length} field(s) to complete or correct (marked at each field)`
          }
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {refusal.map((f) => (
                <li key={f.path} data-testid="se-refusal-item" data-path={f.path}>
                  {lang === "zh" ? f.message : f.messageEn}
                </li>
              ))}
            </ul>
          }
        />
      )}

      {serverId && <StoredScore scores={scores} unsaved={unsaved} scored={storedScored} />}

      <Card size="small" title={t("se.funds")}>
        <Descriptions size="small" column={6} layout="vertical" bordered>
          <Descriptions.Item label={t("se.initial")}>
            <Input
              size="small"
              disabled={!editable}
              value={draft.initialBudget}
              onChange={(e) => set("initialBudget", e.target.value)}
              status={refused.record.has("initialBudget") ? "error" : undefined}
            />
            <FieldError path="initialBudget" text={refused.record.get("initialBudget")} />
          </Descriptions.Item>
          <Descriptions.Item label={t("se.annual")}>
            <Input
              size="small"
              disabled={!editable}
              value={draft.annualBudget}
              onChange={(e) => set("annualBudget", e.target.value)}
              status={refused.record.has("fullYearBudget") ? "error" : undefined}
              data-testid="annual-budget"
            />
            <FieldError path="fullYearBudget" text={refused.record.get("fullYearBudget")} />
          </Descriptions.Item>
          <Descriptions.Item label={t("se.spent")}>
            <Input
              size="small"
              disabled={!editable}
              value={draft.executed}
              onChange={(e) => set("executed", e.target.value)}
              status={refused.record.has("executed") ? "error" : undefined}
              data-testid="executed"
            />
            <FieldError path="executed" text={refused.record.get("executed")} />
          </Descriptions.Item>
          <Descriptions.Item label={t("se.rate")}>
            <span data-testid="se-rate">{view.rateText ? `${view.rateText}%` : "—"}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("se.points")}>{view.executionPoints ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("se.score")}>
            <span data-testid="se-execution-score">{view.executionScore ?? "—"}</span>
          </Descriptions.Item>
        </Descriptions>
        {view.executionProblem && (
          <Alert type="error" showIcon title={view.executionProblem} style={{ marginTop: 8 }} />
        )}
      </Card>

      <Card size="small" styles={{ body: { padding: 0 } }}>
        <IndicatorTable
          indicators={draft.indicators}
          view={view}
          readOnly={!editable}
          onChange={onIndicator}
          review={serverId ? { type: "evaluation", id: serverId, version: stored?.version } : undefined}
          serverErrors={refused.items}
        />
        <div style={{ padding: refused.record.has("items") ? 8 : 0 }}>
          <FieldError path="items" text={refused.record.get("items")} />
        </div>
      </Card>

      {view.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`${t("se.problems")}（${view.problems.length}）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {view.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          data-testid="se-problems"
        />
      )}

      {view.differences.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t("se.differences")}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {view.differences.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          data-testid="se-differences"
        />
      )}

      {stored && (
        <Row gutter={12}>
          <Col span={9}>
            <HistoryTimeline steps={history} />
          </Col>
          <Col span={15}>
            <ChangesPanel
              area="evaluations"
              id={stored.id}
              current={stored}
              fields={EVALUATION_FIELDS}
              steps={history}
            />
          </Col>
        </Row>
      )}

      <Card size="small" title={t("se.narrative")}>
        <Row gutter={16}>
          <Col span={12}>
            <Typography.Text type="secondary">{t("se.conclusion")}</Typography.Text>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              data-testid="conclusion"
              disabled={!editable}
              value={draft.conclusion}
              status={refused.record.has("conclusion") ? "error" : undefined}
              onChange={(e) => set("conclusion", e.target.value)}
            />
            <FieldError path="conclusion" text={refused.record.get("conclusion")} />
          </Col>
          <Col span={12}>
            <Typography.Text type="secondary">{t("se.improvements")}</Typography.Text>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              disabled={!editable}
              value={draft.improvements}
              status={refused.record.has("improvements") ? "error" : undefined}
              onChange={(e) => set("improvements", e.target.value)}
              data-testid="improvements"
            />
            <FieldError path="improvements" text={refused.record.get("improvements")} />
          </Col>
        </Row>
      </Card>
    </Space>
  );
}

/**
 * Whether anything was entered to score the evaluation by: an actual value, a tier or a score of one's own typed,
 * or a score the stored rows state (an imported document's). A started evaluation has none of them.
 */
export function hasEntries(draft: SeDraft, stored?: { items: EvaluationItem[] }): boolean {
  return (
    draft.indicators.some((i) => i.actual.trim() !== "" || i.override.trim() !== "" || !!i.tier) ||
    // a stated score without a reason is the document's own: the draft does not show it, the save keeps it
    !!stored?.items.some((i) => i.statedScore != null && !i.overrideReason)
  );
}

/** `93.1000` → `93.1` (stored scores keep four decimals). */
const trimScore = (v: string) => (v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v);

/** The self-evaluations stored for the organisation and year, to open one. */
function StoredEvaluations() {
  const { lang } = useI18n();
  const ws = useWorkspace();
  const [items, setItems] = useState<Evaluation[]>();
  const [error, setError] = useState<string>();
  // read again when a start was refused (someone else's department self-evaluation is now listed)
  const [reads, setReads] = useState(0);
  useEffect(() => {
    if (!ws.orgId || reads < 0) return;
    let live = true;
    evaluationEndpoints.list({ orgId: ws.orgId, year: ws.year, pageSize: 100 }).then(
      (r) => live && setItems(r.items),
      (e) => live && setError(describeError(e, lang)),
    );
    return () => {
      live = false;
    };
  }, [ws.orgId, ws.year, lang, reads]);
  return (
    <Card size="small" title={lang === "zh" ? `${ws.year} 年度的自评` : `Self-evaluations of ${ws.year}`}>
      {error && <Alert type="error" showIcon title={error} />}
      <StartDepartmentEvaluation items={items} onRefused={() => setReads((n) => n + 1)} />
      <List
        size="small"
        data-testid="se-list"
        loading={!items && !error}
        dataSource={items ?? []}
        locale={{
          emptyText:
            lang === "zh"
              ? "本单位本年度暂无自评。项目自评在已批准项目的页面上点击「开始自评」；部门整体自评见上方。"
              : "No self-evaluation for this organisation and year. A project's is started on its approved project's page (Start self-evaluation); the department's above.",
        }}
        renderItem={(e) => (
          <List.Item>
            <Space>
              <Link to={`/self-evaluation/${e.id}`} data-testid="se-link">
                {e.projectName ?? (lang === "zh" ? "部门整体绩效自评" : "Department overall")}
              </Link>
              <Typography.Text type="secondary">{e.orgName}</Typography.Text>
              <StateTag state={e.state} />
              {e.computedTotal && (
                <Typography.Text data-testid="se-list-total">
                  {lang === "zh" ? "得分" : "Score"} {trimScore(e.computedTotal)} {e.computedGrade ?? ""}
                </Typography.Text>
              )}
              {e.statedTotal && (
                <Typography.Text type="secondary">
                  {lang === "zh" ? "原表填报" : "stated"} {trimScore(e.statedTotal)} {e.statedGrade ?? ""}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
