import { NATIONAL_PROJECT_SCHEME, suggestPoints } from "@jixiao/core";
import { App, Button, Card, Col, Descriptions, Row, Space, Typography } from "antd";
import { useCallback, useMemo, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { evaluationEndpoints, type Indicator, type Project, projectEndpoints } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { ExportButton } from "../../components/ExportButton.tsx";
import { PublishControl } from "../../components/publish/PublishControl.tsx";
import { RecordHeader, RecordStatus, useRecord } from "../../components/RecordPage.tsx";
import {
  ChangesPanel,
  type FlowStep,
  HistoryTimeline,
  isEditableState,
  PROJECT_FIELDS,
  ReturnNotice,
  StateTag,
  WorkflowActions,
  workflowEndpoints,
} from "../../components/workflow/index.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { formatWanYuan, parseYuan } from "../../lib/rules.ts";
import { ExantePanel, exanteApproval, useExante } from "../experts/ExantePanel.tsx";
import { CarriedFrom } from "../library/CarriedFrom.tsx";
import { previousValuesOf, useCarriedRecords } from "../library/usePreviousValues.ts";
import { RectifyLink } from "../rectification/RectifyLink.tsx";
import { RecommendationCard } from "../results/RecommendationCard.tsx";
import { rowsFromIndicators } from "./gridModel.ts";
import { IndicatorEditorCard, useIndicatorEditor } from "./IndicatorEditor.tsx";
import { EditProjectHeader } from "./ProjectForms.tsx";
import { adjustedBaseline, ReviseButton, RevisionNotice, RevisionTag } from "./ProjectRevision.tsx";

type Loaded = { project: Project; indicators: Indicator[]; history: FlowStep[] };

const projectFlow = workflowEndpoints("projects");

export default function ProjectPage() {
  const { id = "" } = useParams();
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  // The editor reloads the page after a save; `load` needs the editor's reset, hence the ref.
  const loadRef = useRef<() => Promise<void>>(async () => {});
  const editor = useIndicatorEditor({
    ownerId: id,
    fetch: projectEndpoints.indicators,
    create: projectEndpoints.createIndicator,
    reload: () => loadRef.current(),
  });
  const { reset } = editor;

  // A foreign organisation's project and a project that does not exist look the same.
  const read = useCallback(async (): Promise<Loaded> => {
    const [project, ind, history] = await Promise.all([
      projectEndpoints.get(id),
      projectEndpoints.indicators(id),
      projectFlow.history(id),
    ]);
    reset(ind.items);
    return { project, indicators: ind.items, history };
  }, [id, reset]);
  const { data, missing, error, load } = useRecord(read);
  loadRef.current = load;

  const roles = user?.roles ?? [];
  const p = data?.project;
  const canEdit = !!p && isEditableState(p.state) && roles.includes("filler");
  const { dirty, incomplete: problems } = editor;
  // The record as it is now, for 本次修改 (the same shape as the server's snapshot of a project).
  const current = useMemo(() => data && { ...data.project, indicators: data.indicators }, [data]);
  // A project carried forward from last year: last year's actual beside each target (issue 17).
  const carried = useCarriedRecords(p?.orgId, p?.year)?.find((r) => r.targetId === p?.id);
  const previous = useMemo(() => previousValuesOf(carried), [carried]);
  const exante = useExante(id);

  if (!data || !p) return <RecordStatus missing={missing} error={error} onRetry={load} />;

  const money = (v: string | null) => (v == null ? "—" : formatWanYuan(parseYuan(v)));

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
      // A goal table without weights (seed 004 states none) gets core's proposal, which the filler may change.
      const suggested = suggestPoints(
        NATIONAL_PROJECT_SCHEME,
        rows.map((r) => r.level1),
      );
      await evaluationEndpoints.saveItems(
        e.id,
        e.version,
        rows.map((r, i) => ({
          indicatorId: r.id ?? null,
          level1: r.level1 || null,
          level2: r.level2 || null,
          name: r.name,
          targetText: r.targetText || null,
          actualText: null,
          points: r.weight || suggested[i] || null,
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

  const submitBlocked =
    problems > 0
      ? zh
        ? "有未填完整的指标，补全并保存后才能提交"
        : "Some indicators are incomplete: complete and save them to submit"
      : dirty
        ? zh
          ? "有未保存的修改，保存后才能提交"
          : "Save your changes before submitting"
        : undefined;

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="project-page">
      <RecordHeader
        back={{ to: "/projects", label: zh ? "项目" : "Projects" }}
        title={p.name}
        titleTestId="project-name"
        tags={
          <>
            <StateTag state={p.state} testId="project-state" />
            <RevisionTag project={p} testId="project-revision" />
          </>
        }
        actions={
          <>
            <WorkflowActions
              area="projects"
              record={p}
              onChanged={load}
              submitBlocked={submitBlocked}
              {...exanteApproval(exante.view, zh)}
            />
            <ExportButton type="project" id={p.id} />
            {roles.includes("reviewer") && (
              <RectifyLink
                sourceKind="review_finding"
                entityType="project"
                entityId={p.id}
                orgId={p.orgId}
                problem={`${p.name}：`}
                zh={zh}
              />
            )}
            <PublishControl type="project" record={p} />
            <ReviseButton project={p} onChanged={load} />
            {p.state === "approved" && roles.includes("filler") && (
              <Button data-testid="start-evaluation" loading={busy} onClick={startEvaluation}>
                {zh ? "开始自评" : "Start the self-evaluation"}
              </Button>
            )}
          </>
        }
        notice={
          <>
            <RevisionNotice project={p} />
            <CarriedFrom record={carried} year={p.year} zh={zh} />
            <ReturnNotice state={p.state} steps={data.history} />
          </>
        }
      />
      <ExantePanel project={p} exante={exante} />
      <Row gutter={12}>
        <Col span={15}>
          <Card
            size="small"
            title={zh ? "资金与目标" : "Funds and goals"}
            extra={canEdit ? <EditProjectHeader project={p} onSaved={load} /> : undefined}
          >
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
                <ClampedText text={p.annualGoal ?? "—"} />
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
          <HistoryTimeline steps={data.history} />
        </Col>
      </Row>
      <RecommendationCard project={p} />
      <ChangesPanel
        area="projects"
        id={p.id}
        current={current}
        fields={PROJECT_FIELDS}
        steps={data.history}
        baseline={adjustedBaseline(p, zh)}
      />
      <IndicatorEditorCard
        editor={editor}
        title={zh ? "绩效指标" : "Performance indicators"}
        canEdit={canEdit}
        review={{ type: "project", id: p.id }}
        suggestOrgId={p.orgId}
        {...(previous ? { previous } : {})}
        unsavedText={zh ? "有未保存的修改；提交前请先保存。" : "Unsaved changes: save before submitting."}
      />
    </Space>
  );
}

/**
 * Long text cut to two lines by CSS, with a button to show it all (antd's measured ellipsis left its measuring
 * copy visible over the page in chromium).
 */
function ClampedText({ text }: { text: string }) {
  const { lang } = useI18n();
  const [open, setOpen] = useState(false);
  const long = text.length > 60;
  return (
    <div>
      <div
        style={
          open || !long
            ? undefined
            : { display: "-webkit-box", WebkitLineClamp: 2, WebkitBoxOrient: "vertical", overflow: "hidden" }
        }
      >
        {text}
      </div>
      {long && (
        <Typography.Link onClick={() => setOpen(!open)} style={{ fontSize: 12 }}>
          {open ? (lang === "zh" ? "收起" : "Less") : lang === "zh" ? "展开" : "More"}
        </Typography.Link>
      )}
    </div>
  );
}
