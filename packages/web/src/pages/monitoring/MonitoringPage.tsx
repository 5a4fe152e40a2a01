import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useAuth } from "../../auth.tsx";
import { StateTag } from "../../components/workflow/index.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import {
  type Light,
  monitoringEndpoints,
  type Notifications,
  type Round,
  type UnitLight,
  type WarningRow,
} from "./api.ts";
import { FormExport } from "./FormExport.tsx";
import { LightTag } from "./LightTag.tsx";

const RANK: Record<Light, number> = { red: 2, yellow: 1, green: 0 };
type Row = WarningRow & { overdue: boolean; actions: number };
const num = (v: string | null) => (v === null ? Number.NEGATIVE_INFINITY : Number(v));

/**
 * 绩效运行监控 (双监控): the rounds the chosen organisation takes part in; a reviewer opens one for the subtree (cut-off
 * month, deadline, thresholds). The chosen round's warning list: every record in your scope with its traffic light,
 * execution against time progress and why, worst first; columns sort, lights filter. A record opens its form.
 */
export default function MonitoringPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [rounds, setRounds] = useState<Round[]>();
  const [roundId, setRoundId] = useState<string>();
  const [list, setList] = useState<{ counts: Record<Light, number>; units: UnitLight[]; items: Row[] }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [notes, setNotes] = useState<Notifications>();
  const [listTick, setListTick] = useState(0);
  const [form] = Form.useForm<{
    cutoffMonth: number;
    deadline: string;
    yellowBehind: number;
    redBehind: number;
    title?: string;
  }>();

  const loadRounds = useCallback(async () => {
    if (!ws.orgId) return;
    try {
      const r = (await monitoringEndpoints.rounds(ws.orgId, ws.year)).items;
      setRounds(r);
      setRoundId((id) => (id && r.some((x) => x.id === id) ? id : r[0]?.id));
      setError(undefined);
    } catch (e) {
      setError(describeError(e, lang));
    }
  }, [ws.orgId, ws.year, lang]);

  useEffect(() => {
    setRounds(undefined);
    loadRounds();
  }, [loadRounds]);

  useEffect(() => {
    setList(undefined);
    if (!roundId || listTick < 0) return;
    monitoringEndpoints.warnings(roundId).then(setList, (e) => setError(describeError(e, lang)));
  }, [roundId, lang, listTick]);

  // The notification centre: the bureau's notices and the records to file with their deadlines.
  useEffect(() => {
    monitoringEndpoints.notifications().then(setNotes, () => setNotes(undefined));
  }, []);

  const sync = async () => {
    if (!roundId) return;
    setBusy(true);
    try {
      const r = await monitoringEndpoints.sync(roundId);
      message.success(
        zh
          ? r.added > 0
            ? `已补充 ${r.added} 份监控表（项目 ${r.projects}，部门整体 ${r.departments}）`
            : "没有需要补充的监控表"
          : `${r.added} record(s) added`,
      );
      setListTick((n) => n + 1);
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const open = async () => {
    if (!ws.orgId) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await monitoringEndpoints.open({
        orgId: ws.orgId,
        year: ws.year,
        cutoffMonth: v.cutoffMonth,
        deadline: v.deadline,
        yellowBehind: String(v.yellowBehind),
        redBehind: String(v.redBehind),
        ...(v.title ? { title: v.title } : {}),
      });
      message.success(zh ? `已开展监控，生成 ${r.records} 份监控表` : `Round opened: ${r.records} records`);
      await loadRounds();
      setRoundId(r.id);
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  const round = rounds?.find((r) => r.id === roundId);
  const isReviewer = !!user?.roles.includes("reviewer");
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="monitoring-page">
      {notes && (notes.reminders.length > 0 || notes.notices.length > 0) && (
        <Card
          size="small"
          data-testid="notifications"
          title={
            zh
              ? `通知 · 未阅意见 ${notes.unread} · 逾期 ${notes.overdue} · 7 天内到期 ${notes.dueSoon}`
              : `Notifications · unread ${notes.unread} · overdue ${notes.overdue} · due within 7 days ${notes.dueSoon}`
          }
        >
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {notes.notices
              .filter((n) => n.acknowledgedAt === null)
              .slice(0, 10)
              .map((n) => (
                <li key={n.id} data-testid="notice">
                  <Tag color="orange">{zh ? n.kindName : n.kindNameEn}</Tag>
                  <Link to={`/monitoring/records/${n.recordId}`}>
                    {n.orgName} · {n.projectName}
                  </Link>
                  ：{n.message}
                </li>
              ))}
            {notes.reminders.slice(0, 10).map((r) => (
              <li key={r.recordId} data-testid="reminder">
                {(r.overdue || r.dueSoon) && (
                  <Tag color={r.overdue ? "red" : "gold"}>
                    {r.overdue ? (zh ? "逾期" : "Overdue") : zh ? "即将到期" : "Due soon"}
                  </Tag>
                )}
                <Link to={`/monitoring/records/${r.recordId}`}>{zh ? r.zh : r.en}</Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {isReviewer && (
        <Card size="small" title={zh ? `开展绩效运行监控 · ${ws.year} 年度` : `Open a monitoring round · ${ws.year}`}>
          <Form
            form={form}
            layout="inline"
            initialValues={{ cutoffMonth: 6, yellowBehind: 10, redBehind: 20, deadline: `${ws.year}-07-15` }}
            data-testid="open-round-form"
          >
            <Form.Item name="cutoffMonth" label={zh ? "截至（1–N月）" : "Up to month"} rules={[{ required: true }]}>
              <InputNumber min={1} max={12} data-testid="round-month" />
            </Form.Item>
            <Form.Item
              name="deadline"
              label={zh ? "填报截止日期" : "Deadline"}
              rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: "YYYY-MM-DD" }]}
            >
              <Input style={{ width: 120 }} placeholder="YYYY-MM-DD" data-testid="round-deadline" />
            </Form.Item>
            <Form.Item name="yellowBehind" label={zh ? "黄灯（落后百分点）" : "Yellow (points behind)"}>
              <InputNumber min={0.01} max={100} data-testid="round-yellow" />
            </Form.Item>
            <Form.Item name="redBehind" label={zh ? "红灯（落后百分点）" : "Red (points behind)"}>
              <InputNumber min={0.01} max={100} data-testid="round-red" />
            </Form.Item>
            <Form.Item name="title" label={zh ? "名称" : "Title"}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" loading={busy} onClick={open} data-testid="open-round">
              {zh ? "开展监控" : "Open round"}
            </Button>
          </Form>
        </Card>
      )}
      <Card
        size="small"
        title={zh ? "监控轮次与预警清单" : "Rounds and warning list"}
        extra={
          <Space>
            {roundId && isReviewer && (
              <Button loading={busy} onClick={sync} data-testid="round-sync">
                {zh ? "补充新增项目" : "Add new projects"}
              </Button>
            )}
            {roundId && <FormExport of="round" id={roundId} zh={zh} />}
            <Select
              style={{ width: 320 }}
              data-testid="round-select"
              value={roundId}
              onChange={setRoundId}
              placeholder={zh ? "选择监控轮次" : "Choose a round"}
              options={(rounds ?? []).map((r) => ({
                value: r.id,
                label: `${r.orgName} ${r.year}年1–${r.cutoffMonth}月${r.title ? `（${r.title}）` : ""}`,
              }))}
            />
          </Space>
        }
      >
        {rounds && rounds.length === 0 ? (
          <Empty description={zh ? "本年度尚未开展绩效运行监控。" : "No monitoring round this year yet."} />
        ) : (
          <>
            {round && (
              <Typography.Paragraph data-testid="round-summary">
                {zh
                  ? `截至 ${round.cutoffMonth} 月底，时间进度 ${round.timeProgress}%；填报截止 ${round.deadline}（${round.daysLeft >= 0 ? `剩余 ${round.daysLeft} 天` : `已逾期 ${-round.daysLeft} 天`}）；执行落后 ${round.yellowBehind} 个百分点亮黄灯、${round.redBehind} 个百分点亮红灯。`
                  : `To the end of month ${round.cutoffMonth}, time progress ${round.timeProgress}%; due ${round.deadline} (${round.daysLeft >= 0 ? `${round.daysLeft} days left` : `${-round.daysLeft} days overdue`}); yellow from ${round.yellowBehind} points behind, red from ${round.redBehind}.`}
                {list && (
                  <span data-testid="light-counts">
                    {" "}
                    {zh ? "红灯" : "Red"} {list.counts.red} · {zh ? "黄灯" : "Yellow"} {list.counts.yellow} ·{" "}
                    {zh ? "绿灯" : "Green"} {list.counts.green}
                  </span>
                )}
              </Typography.Paragraph>
            )}
            {list && list.units.length > 1 && (
              <Space wrap style={{ marginBottom: 8 }} data-testid="unit-lights">
                {list.units.map((u) => (
                  <Space key={u.orgId} size={2}>
                    <LightTag light={u.light} zh={zh} testId="unit-light" />
                    <Typography.Text>
                      {u.orgName}（{u.red}/{u.yellow}/{u.green}）
                    </Typography.Text>
                  </Space>
                ))}
              </Space>
            )}
            <Table<Row>
              size="small"
              rowKey="id"
              data-testid="warning-list"
              loading={!!roundId && !list}
              dataSource={list?.items ?? []}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                {
                  title: zh ? "预警" : "Light",
                  dataIndex: "light",
                  width: 90,
                  sorter: (a, b) => RANK[a.light] - RANK[b.light],
                  filters: (["red", "yellow", "green"] as Light[]).map((l) => ({
                    text: { red: zh ? "红灯" : "Red", yellow: zh ? "黄灯" : "Yellow", green: zh ? "绿灯" : "Green" }[l],
                    value: l,
                  })),
                  onFilter: (v, r) => r.light === v,
                  render: (l: Light) => <LightTag light={l} zh={zh} />,
                },
                {
                  title: zh ? "项目" : "Project",
                  dataIndex: "projectName",
                  sorter: (a, b) => a.projectName.localeCompare(b.projectName, "zh-Hans-CN"),
                  render: (name: string, r) => (
                    <Space size={4}>
                      <Link to={`/monitoring/records/${r.id}`} data-testid="record-link">
                        {name}
                      </Link>
                      {r.actions > 0 && (
                        <Tag color="orange" data-testid="record-actions-count">
                          {zh ? `意见 ${r.actions}` : `${r.actions} action(s)`}
                        </Tag>
                      )}
                    </Space>
                  ),
                },
                {
                  title: zh ? "单位" : "Organisation",
                  dataIndex: "orgName",
                  sorter: (a, b) => a.orgName.localeCompare(b.orgName, "zh-Hans-CN"),
                },
                {
                  title: zh ? "执行率" : "Execution",
                  key: "rate",
                  width: 100,
                  align: "right",
                  sorter: (a, b) => num(a.execution.rate) - num(b.execution.rate),
                  render: (_, r) => (r.execution.rate === null ? "—" : `${r.execution.rate}%`),
                },
                {
                  title: zh ? "落后时间进度" : "Behind",
                  dataIndex: "behind",
                  width: 120,
                  align: "right",
                  sorter: (a, b) => num(a.behind) - num(b.behind),
                  render: (v: string | null) => (v === null ? "—" : `${v}`),
                },
                {
                  title: zh ? "预警原因" : "Why",
                  key: "reasons",
                  render: (_, r) =>
                    r.reasons.length === 0 ? (
                      "—"
                    ) : (
                      <ul style={{ margin: 0, paddingLeft: 16 }}>
                        {r.reasons.map((x) => (
                          <li key={x.path + x.code}>{zh ? x.zh : x.en}</li>
                        ))}
                      </ul>
                    ),
                },
                {
                  title: zh ? "状态" : "State",
                  dataIndex: "workflowState",
                  width: 110,
                  render: (s: WarningRow["workflowState"], r) => (
                    <Space size={2}>
                      <StateTag state={s} testId="record-state" />
                      {r.overdue && (
                        <Tag color="red" data-testid="record-overdue">
                          {zh ? "逾期" : "Overdue"}
                        </Tag>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
