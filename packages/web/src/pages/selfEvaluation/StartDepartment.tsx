import { Alert, App, Button, Tooltip } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { type Evaluation, evaluationEndpoints } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import { yearClosed } from "../duties/model.ts";
import { type Goal, goalEndpoints } from "../goals/api.ts";
import { type GridRow, rowsFromIndicators } from "../projects/gridModel.ts";

/** The organisation's department-overall goal of the year (its latest revision) and its level-3 indicators. */
interface Basis {
  goal?: Goal;
  rows: GridRow[];
}

/**
 * 部门整体自评 is started here (project self-evaluations from their project's page): while the organisation has none
 * for the year, the list says how one is made and, for a filler, offers the button that starts it — the server makes a
 * draft under the 部门整体 scheme whose rows are the indicators of the year's 部门整体绩效目标 (names, targets and points
 * as written; points proposed by the scheme where the goal states none). Without such a goal it says to write one
 * first. A refusal (another tab started it meanwhile) is said, and the list read again.
 */
export function StartDepartmentEvaluation({
  items,
  onRefused,
}: {
  items: Evaluation[] | undefined;
  /** The start was refused: the list is read again (it may now hold the department's self-evaluation). */
  onRefused: () => void;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [basis, setBasis] = useState<{ key: string; value?: Basis; error?: string }>();
  const [busy, setBusy] = useState(false);
  const key = `${ws.orgId}|${ws.year}`;
  const has = items?.some((e) => e.kind === "department" && e.orgId === ws.orgId);
  const canStart = !!user?.roles.includes("filler") && !yearClosed(ws.years, ws.year);

  useEffect(() => {
    if (!ws.orgId || has !== false) return;
    const orgId = ws.orgId;
    let live = true;
    (async (): Promise<Basis> => {
      const goals = (await goalEndpoints.list(orgId, ws.year)).items.filter((g) => g.orgId === orgId);
      const goal = goals.sort((a, b) => b.revision - a.revision)[0];
      if (!goal) return { rows: [] };
      return { goal, rows: rowsFromIndicators((await goalEndpoints.indicators(goal.id)).items) };
    })().then(
      (value) => live && setBasis({ key, value }),
      (e) => live && setBasis({ key, error: describeError(e, lang) }),
    );
    return () => {
      live = false;
    };
  }, [ws.orgId, ws.year, has, key, lang]);

  if (has !== false) return null;
  const b = basis?.key === key ? basis : undefined;

  const start = async () => {
    if (!ws.orgId || !b?.value?.goal) return;
    setBusy(true);
    try {
      // one request: the server makes the draft and its rows from the goal together (and refuses a second one)
      const e = await evaluationEndpoints.startDepartment({ orgId: ws.orgId, year: ws.year });
      message.success(zh ? "已开始部门整体自评" : "Department self-evaluation started");
      navigate(`/self-evaluation/${e.id}`);
    } catch (err) {
      message.error(describeError(err, lang));
      onRefused();
    } finally {
      setBusy(false);
    }
  };

  const count = b?.value?.rows.length ?? 0;
  const ready = !!b?.value?.goal && count > 0;
  const how = !b
    ? zh
      ? "正在查找本年度的部门整体绩效目标…"
      : "Looking for the year's department-overall goal…"
    : b.error
      ? b.error
      : !b.value?.goal
        ? zh
          ? `部门整体自评以本单位 ${ws.year} 年度部门整体绩效目标的指标为评价指标。本单位本年度尚无部门整体绩效目标：请先在「部门整体目标」中填报目标及其指标，再回到此处开始自评。`
          : `A department self-evaluation scores the indicators of the organisation's department-overall goal of ${ws.year}. There is none yet: write the goal and its indicators under Overall goals first, then start the self-evaluation here.`
        : count === 0
          ? zh
            ? `本单位 ${ws.year} 年度的部门整体绩效目标尚无三级指标：请先在「部门整体目标」中填写指标，再回到此处开始自评。`
            : `The department-overall goal of ${ws.year} has no indicators yet: add them under Overall goals first.`
          : zh
            ? `本单位 ${ws.year} 年度尚无部门整体自评。点击「开始部门整体自评」，以本年度部门整体绩效目标的 ${count} 项指标为评价指标新建自评草稿（部门整体评分方案：执行率 20 分，产出 40、效益 30、满意度 10 分），然后填写实际完成值和资金执行情况。`
            : `No department self-evaluation for ${ws.year} yet. Start one: a draft with the ${count} indicators of the year's department-overall goal as its rows (department scheme: 20 for execution, 40/30/10), then enter the actual values and the funds.`;

  return (
    <Alert
      type="info"
      showIcon
      data-testid="se-start-department"
      title={zh ? "部门整体自评" : "Department self-evaluation"}
      description={
        <span data-testid="se-start-how">
          {how}{" "}
          {b?.value && !ready && (
            <Link to={b.value.goal ? `/goals/${b.value.goal.id}` : "/goals"} data-testid="se-start-goals">
              {zh ? "前往部门整体目标" : "Go to the overall goals"}
            </Link>
          )}
        </span>
      }
      action={
        canStart && (
          <Tooltip
            title={
              ready ? undefined : zh ? "须先有带指标的部门整体绩效目标" : "Needs a department goal with indicators"
            }
          >
            <Button type="primary" disabled={!ready} loading={busy} onClick={start} data-testid="se-start">
              {zh ? "开始部门整体自评" : "Start the department self-evaluation"}
            </Button>
          </Tooltip>
        )
      }
    />
  );
}
