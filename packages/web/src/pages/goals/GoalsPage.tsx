import { Alert, App, Button, Card, Empty, Space, Table, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useAuth } from "../../auth.tsx";
import { StateTag } from "../../components/workflow/index.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import { yearClosed } from "../duties/model.ts";
import { type Goal, goalEndpoints } from "./api.ts";

/**
 * 部门整体绩效目标: the department-overall goals of the chosen organisation (and its units) for the year, with
 * their workflow state; a filler starts the organisation's goal when there is none. A goal opens on its page.
 */
export default function GoalsPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [goals, setGoals] = useState<Goal[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!ws.orgId) return;
    try {
      setGoals((await goalEndpoints.list(ws.orgId, ws.year)).items);
      setError(undefined);
    } catch (e) {
      setError(describeError(e, lang));
    }
  }, [ws.orgId, ws.year, lang]);

  useEffect(() => {
    setGoals(undefined);
    load();
  }, [load]);

  const canCreate =
    !!user?.roles.includes("filler") &&
    !yearClosed(ws.years, ws.year) &&
    !!goals &&
    !goals.some((g) => g.orgId === ws.orgId);

  const create = async () => {
    if (!ws.orgId) return;
    setBusy(true);
    try {
      const g = await goalEndpoints.create({ orgId: ws.orgId, year: ws.year });
      navigate(`/goals/${g.id}`);
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Card
      size="small"
      data-testid="goals-page"
      title={zh ? `部门整体绩效目标 · ${ws.year} 年度` : `Department-overall goals · ${ws.year}`}
      extra={
        canCreate && (
          <Button type="primary" data-testid="create-goal" loading={busy} onClick={create}>
            {zh ? "新建本单位整体绩效目标" : "Start this organisation's goals"}
          </Button>
        )
      }
    >
      <Table<Goal>
        size="small"
        rowKey="id"
        pagination={false}
        loading={!goals}
        dataSource={goals ?? []}
        locale={{
          emptyText: (
            <Empty
              description={
                zh
                  ? "本单位本年度尚无部门整体绩效目标。"
                  : "No department-overall goals for this organisation and year yet."
              }
            />
          ),
        }}
        columns={[
          {
            title: zh ? "单位" : "Organisation",
            dataIndex: "orgName",
            render: (name: string, g) => (
              <Link to={`/goals/${g.id}`} data-testid="goal-link">
                {name}
              </Link>
            ),
          },
          { title: zh ? "年度" : "Year", dataIndex: "year", width: 80 },
          {
            title: zh ? "年度目标" : "Annual goal",
            dataIndex: "annualGoal",
            render: (v: string | null) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                {v ?? "—"}
              </Typography.Paragraph>
            ),
          },
          {
            title: zh ? "状态" : "State",
            dataIndex: "state",
            width: 110,
            render: (s: Goal["state"]) => <StateTag state={s} />,
          },
          {
            title: zh ? "更新时间" : "Updated",
            dataIndex: "updatedAt",
            width: 170,
            render: (v: string) => new Date(v).toLocaleString(zh ? "zh-CN" : "en-GB"),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">
          {zh
            ? "每个单位每年度一份部门整体绩效目标：年度目标、中期目标及其绩效指标，填报后提交审核。"
            : "One set of overall goals per organisation and year: the annual and mid-term goals and their indicators, submitted for review."}
        </Typography.Text>
      </Space>
    </Card>
  );
}
