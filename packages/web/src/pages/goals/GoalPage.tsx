import { App, Button, Card, Col, Descriptions, Form, Input, Row, Space, Typography } from "antd";
import { useCallback, useRef, useState } from "react";
import { useParams } from "react-router-dom";
import { ApiError } from "../../api/client.ts";
import { useAuth } from "../../auth.tsx";
import { ConflictModal } from "../../components/ConflictModal.tsx";
import { PublishControl } from "../../components/publish/PublishControl.tsx";
import { RecordHeader, RecordStatus, useRecord } from "../../components/RecordPage.tsx";
import {
  ChangesPanel,
  type FlowStep,
  GOAL_FIELDS,
  HistoryTimeline,
  isEditableState,
  ReturnNotice,
  StateTag,
  WorkflowActions,
  workflowEndpoints,
} from "../../components/workflow/index.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useLeaveGuard } from "../../lib/leaveGuard.tsx";
import { useWorkspace } from "../../workspace.tsx";
import { yearClosed } from "../duties/model.ts";
import { usePreviousValues } from "../library/usePreviousValues.ts";
import { IndicatorEditorCard, useIndicatorEditor } from "../projects/IndicatorEditor.tsx";
import { type Goal, goalEndpoints } from "./api.ts";

type Narrative = { annualGoal: string; midTermGoal: string };
const narrativeOf = (g: Goal): Narrative => ({ annualGoal: g.annualGoal ?? "", midTermGoal: g.midTermGoal ?? "" });

/**
 * One department-overall goal: its workflow state and buttons, the narrative (annual and mid-term goals) and the
 * indicator tree in the project page's grid (keyboard, paste from Excel, undo, core's reading of each target).
 * A filler edits a draft or returned goal of an open year; every save carries the version read, and a 409 shows
 * what is on the server with the choice to keep it or apply the edits again over it.
 */
export default function GoalPage() {
  const { id = "" } = useParams();
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const ws = useWorkspace();
  const { message } = App.useApp();
  const [steps, setSteps] = useState<FlowStep[]>([]);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState<Narrative>({ annualGoal: "", midTermGoal: "" });
  const [stale, setStale] = useState<Goal>();
  // The editor reloads the page after a save; `load` needs the editor's reset, hence the ref.
  const loadRef = useRef<() => Promise<void>>(async () => {});
  const editor = useIndicatorEditor({
    ownerId: id,
    fetch: goalEndpoints.indicators,
    create: goalEndpoints.createIndicator,
    reload: () => loadRef.current(),
  });
  const { reset } = editor;

  const read = useCallback(async () => {
    const [g, ind] = await Promise.all([goalEndpoints.get(id), goalEndpoints.indicators(id)]);
    reset(ind.items);
    setText(narrativeOf(g));
    // The history is shown when the server offers it; the page works without it.
    workflowEndpoints("goals")
      .history(id)
      .then(setSteps, () => setSteps([]));
    return { goal: g, indicators: ind.items };
  }, [id, reset]);
  const { data, missing, error, load } = useRecord(read);
  loadRef.current = load;
  const goal = data?.goal;
  const indicators = data?.indicators ?? [];

  const canEdit =
    !!goal && isEditableState(goal.state) && !!user?.roles.includes("filler") && !yearClosed(ws.years, goal.year);
  const textDirty = !!goal && JSON.stringify(narrativeOf(goal)) !== JSON.stringify(text);
  // the goal texts typed and not saved hold a move to another page, as the grid's rows do
  useLeaveGuard(textDirty && canEdit);
  const { dirty: gridDirty, incomplete } = editor;
  // A goal carried forward from last year: last year's actual beside each target (issue 17).
  const previous = usePreviousValues(goal?.orgId, goal?.year, goal?.id);

  if (!goal) return <RecordStatus missing={missing} error={error} onRetry={load} />;

  const saveText = async (over?: Goal) => {
    setBusy(true);
    try {
      await goalEndpoints.update(goal.id, {
        version: (over ?? goal).version,
        annualGoal: text.annualGoal.trim() || null,
        midTermGoal: text.midTermGoal.trim() || null,
      });
      message.success(zh ? "目标已保存" : "Goals saved");
      setStale(undefined);
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current) setStale(e.current as Goal);
      else message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const blocked =
    textDirty || gridDirty
      ? zh
        ? "有未保存的修改，请先保存"
        : "Save your changes first"
      : incomplete > 0
        ? zh
          ? "有指标未填完整"
          : "Some indicators are incomplete"
        : undefined;

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="goal-page">
      <RecordHeader
        back={{ to: "/goals", label: zh ? "部门整体目标" : "Overall goals" }}
        title={`${goal.orgName} · ${goal.year}`}
        titleTestId="goal-title"
        tags={
          <>
            <StateTag state={goal.state} />
            <Typography.Text type="secondary">
              {zh ? `第 ${goal.version} 版` : `version ${goal.version}`}
            </Typography.Text>
          </>
        }
        actions={
          <>
            <WorkflowActions
              area="goals"
              record={{ id: goal.id, version: goal.version, state: goal.state, submittedBy: goal.submittedBy }}
              onChanged={load}
              submitBlocked={blocked}
            />
            <PublishControl type="goal" record={goal} />
          </>
        }
        notice={<ReturnNotice state={goal.state} steps={steps} />}
      />
      <Row gutter={12}>
        <Col span={16}>
          <Card
            size="small"
            title={zh ? "绩效目标" : "Goals"}
            extra={
              canEdit && (
                <Button
                  size="small"
                  type="primary"
                  data-testid="save-goal-text"
                  disabled={!textDirty}
                  loading={busy}
                  onClick={() => saveText()}
                >
                  {zh ? "保存目标" : "Save the goals"}
                </Button>
              )
            }
          >
            <Form layout="vertical" size="small">
              {(
                [
                  ["annualGoal", zh ? "年度目标" : "Annual goal"],
                  ["midTermGoal", zh ? "中期目标" : "Mid-term goal"],
                ] as const
              ).map(([k, label]) => (
                <Form.Item key={k} label={label} style={{ marginBottom: 8 }}>
                  {canEdit ? (
                    <Input.TextArea
                      data-testid={`goal-${k}`}
                      autoSize={{ minRows: 2, maxRows: 8 }}
                      count={{ show: true, max: 10000 }}
                      status={text[k].length > 10000 ? "error" : undefined}
                      value={text[k]}
                      onChange={(e) => setText((t) => ({ ...t, [k]: e.target.value }))}
                    />
                  ) : (
                    <Typography.Paragraph data-testid={`goal-${k}`} style={{ margin: 0, whiteSpace: "pre-wrap" }}>
                      {text[k] || "—"}
                    </Typography.Paragraph>
                  )}
                </Form.Item>
              ))}
            </Form>
          </Card>
        </Col>
        <Col span={8}>
          <HistoryTimeline steps={steps} />
        </Col>
      </Row>
      <ChangesPanel area="goals" id={goal.id} current={{ ...goal, indicators }} fields={GOAL_FIELDS} steps={steps} />
      <IndicatorEditorCard
        editor={editor}
        title={t("goals.indicators")}
        canEdit={canEdit}
        review={{ type: "goal", id: goal.id }}
        suggestOrgId={goal.orgId}
        {...(previous ? { previous } : {})}
      />
      <ConflictModal
        open={!!stale}
        title={zh ? "他人已修改这份目标" : "Someone else changed these goals"}
        ids={{ reapply: "goal-conflict-reapply", keepServer: "goal-conflict-reload" }}
        reapplyDisabled={!!stale && !isEditableState(stale.state)}
        onReapply={() => stale && saveText(stale)}
        onKeepServer={() => {
          setStale(undefined);
          load();
        }}
      >
        {stale && (
          <Descriptions size="small" bordered column={1} data-testid="goal-conflict">
            <Descriptions.Item label={t("edit.onServer")}>
              <StateTag state={stale.state} /> {zh ? `第 ${stale.version} 版` : `version ${stale.version}`}
              <div style={{ whiteSpace: "pre-wrap" }}>{stale.annualGoal ?? "—"}</div>
            </Descriptions.Item>
            <Descriptions.Item label={t("edit.yours")}>
              <div style={{ whiteSpace: "pre-wrap" }}>{text.annualGoal || "—"}</div>
            </Descriptions.Item>
          </Descriptions>
        )}
      </ConflictModal>
    </Space>
  );
}
