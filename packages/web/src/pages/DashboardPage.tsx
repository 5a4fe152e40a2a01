import { Alert, Card, Col, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router-dom";
import { ApiError } from "../api/client.ts";
import { type ExecutionRollup, endpoints, type ScoreRollup, type ScoreSummary } from "../api/endpoints.ts";
import { EChart } from "../charts/EChart.tsx";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { describeError } from "../lib/errors.ts";
import {
  decimal,
  executionRate,
  type Fen,
  formatWanYuan,
  type Light,
  monitoringLight,
  parseYuan,
} from "../lib/rules.ts";
import { useWorkspace } from "../workspace.tsx";
import { RectificationCard } from "./rectification/RectificationCard.tsx";
import { TrendCard } from "./results/TrendCard.tsx";

const LIGHT_COLOR: Record<Light, string> = { green: "#52c41a", yellow: "#faad14", red: "#f5222d" };
const LIGHT_LABEL: Record<Light, MessageKey> = {
  green: "dash.light.green",
  yellow: "dash.light.yellow",
  red: "dash.light.red",
};
const GRADES = ["优", "良", "中", "差"] as const;
const GRADE_COLOR: Record<string, string> = { 优: "#1f5fbf", 良: "#52c41a", 中: "#faad14", 差: "#f5222d" };
/** The list under the charts before a grade is chosen: the evaluations that need attention. */
const ATTENTION = "中,差";
const LIST_PAGE = 10;

interface UnitRow {
  orgId: string;
  name: string;
  budget: Fen;
  spent: Fen;
  /** Execution rate in percent (for the chart axis only; the exact value stays in core's Ratio). */
  ratePercent: number;
  rateText: string;
  light: Light;
}

/** The months elapsed in the fiscal year at the date the figures stand at (12 once the year is over). */
function monthsElapsed(asOf: string, year: number): number {
  const d = new Date(`${asOf}T00:00:00`);
  if (d.getFullYear() > year) return 12;
  if (d.getFullYear() < year) return 1;
  return d.getMonth() + 1;
}

type Loaded<T> = { key: string; data: T; error?: string };

/** Loads a roll-up again whenever `key` changes; an error is shown as such, with empty figures. */
function useRollup<T>(key: string, load: () => Promise<T>, empty: () => T): Loaded<T> | undefined {
  const { lang } = useI18n();
  const [state, setState] = useState<Loaded<T>>();
  const fns = useRef({ load, empty, lang });
  fns.current = { load, empty, lang };
  useEffect(() => {
    let live = true;
    const { load, empty, lang } = fns.current;
    load().then(
      (data) => live && setState({ key, data }),
      (e: unknown) => live && setState({ key, data: empty(), error: describeError(e, lang) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const ws = useWorkspace();
  const navigate = useNavigate();
  const orgId = ws.orgId;
  const year = ws.year;

  const exec = useRollup<ExecutionRollup>(
    `${orgId}/${year}`,
    () =>
      orgId
        ? endpoints.executionRollup(orgId, year)
        : Promise.reject(new ApiError(404, { code: "not_found", message: "" })),
    () => ({ asOf: `${year}-12-31`, items: [] }),
  );
  // The grade distribution and the per-unit figures come counted from the server (not every evaluation).
  const summary = useRollup<ScoreSummary>(
    `${orgId}/${year}`,
    () =>
      orgId
        ? endpoints.scoreSummary(orgId, year)
        : Promise.reject(new ApiError(404, { code: "not_found", message: "" })),
    () => ({
      orgId: orgId ?? "",
      orgName: "",
      year,
      grades: [],
      total: { count: 0, grades: {}, mean: null, min: null },
      units: [],
    }),
  );
  // The list below the charts: the evaluations of the grade chosen on the chart (中 and 差 until one is), a page
  // at a time.
  const [listGrade, setListGrade] = useState<{ key: string; grade: string } | undefined>();
  const grade = listGrade?.key === `${orgId}/${year}` ? listGrade.grade : ATTENTION;
  const [listPage, setListPage] = useState(1);
  const listKey = `${orgId}/${year}/${grade}/${listPage}`;
  const list = useRollup<ScoreRollup>(
    listKey,
    () =>
      orgId
        ? endpoints.scorePage(orgId, year, { grade, page: listPage, pageSize: LIST_PAGE })
        : Promise.reject(new ApiError(404, { code: "not_found", message: "" })),
    () => ({ items: [], total: 0, page: 1, pageSize: LIST_PAGE, nextCursor: null }),
  );
  const showGrade = (g: string) => {
    setListGrade({ key: `${orgId}/${year}`, grade: g });
    setListPage(1);
  };

  const month = exec ? monthsElapsed(exec.data.asOf, year) : 12;
  const elapsedPercent = Math.round((month / 12) * 10000) / 100;

  const units = useMemo<UnitRow[]>(() => {
    if (!exec) return [];
    const rows: UnitRow[] = [];
    for (const r of exec.data.items) {
      const budget = parseYuan(r.budget);
      const spent = parseYuan(r.spent);
      if (budget <= 0n) continue; // a zero budget has no rate: core refuses to divide, the unit is listed below
      const light = monitoringLight(spent, budget, month);
      const rate = executionRate(spent, budget);
      rows.push({
        orgId: r.orgId,
        name: r.orgName,
        budget,
        spent,
        ratePercent: decimal.toNumber(decimal.round(rate.percent, 2)),
        rateText: rate.text,
        light: light.light,
      });
    }
    return rows.sort((a, b) => a.ratePercent - b.ratePercent);
  }, [exec, month]);

  const totals = useMemo(() => {
    const budget = units.reduce((s, u) => s + u.budget, 0n) as Fen;
    const spent = units.reduce((s, u) => s + u.spent, 0n) as Fen;
    return { budget, spent };
  }, [units]);

  const execOption = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 8, right: 56, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (params: { dataIndex: number }[]) => {
          const u = units[params[0]?.dataIndex ?? 0];
          if (!u) return "";
          return `${u.name}<br/>${t("dash.rate")}: ${u.rateText}%<br/>${t("dash.budget")}: ${formatWanYuan(u.budget)}<br/>${t("dash.spent")}: ${formatWanYuan(u.spent)}<br/>${t(LIGHT_LABEL[u.light])}`;
        },
      },
      xAxis: {
        type: "value",
        max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
        axisLabel: { formatter: "{value}%" },
      },
      yAxis: { type: "category", data: units.map((u) => u.name), axisLabel: { width: 110, overflow: "truncate" } },
      series: [
        {
          type: "bar",
          name: t("dash.rate"),
          barMaxWidth: 22,
          data: units.map((u) => ({ value: u.ratePercent, itemStyle: { color: LIGHT_COLOR[u.light] } })),
          label: { show: true, position: "right", formatter: (p: { value: number }) => `${p.value}%` },
          markLine: {
            symbol: "none",
            lineStyle: { color: "#1f5fbf", type: "dashed", width: 2 },
            label: { formatter: `${t("dash.elapsed")} ${elapsedPercent}%`, position: "end", color: "#1f5fbf" },
            data: [{ xAxis: elapsedPercent }],
          },
        },
      ],
    }),
    [units, elapsedPercent, t],
  );

  const gradeNames = useMemo(
    () => (summary?.data.grades.length ? summary.data.grades.map((g) => g.grade) : [...GRADES]),
    [summary],
  );

  const gradeOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          radius: ["42%", "70%"],
          center: ["50%", "45%"],
          label: { show: true, position: "inside", formatter: "{c}", color: "#fff", fontWeight: "bold" },
          data: gradeNames.map((name) => ({
            name,
            value: summary?.data.total.grades[name] ?? 0,
            itemStyle: { color: GRADE_COLOR[name] },
          })),
        },
      ],
    }),
    [gradeNames, summary],
  );

  const lights = units.reduce(
    (acc, u) => {
      acc[u.light] += 1;
      return acc;
    },
    { green: 0, yellow: 0, red: 0 } as Record<Light, number>,
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="dashboard">
      {exec?.error && <Alert type="error" showIcon title={exec.error} />}
      {summary?.error && <Alert type="error" showIcon title={summary.error} />}
      {list?.error && list.error !== summary?.error && <Alert type="error" showIcon title={list.error} />}
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t("dash.budget")} value={formatWanYuan(totals.budget)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t("dash.spent")} value={formatWanYuan(totals.spent)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={`${t("dash.rate")} / ${t("dash.elapsed")}`}
              value={totals.budget > 0n ? executionRate(totals.spent, totals.budget).text : "—"}
              suffix={`% / ${elapsedPercent}%`}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Typography.Text type="secondary">{t("dash.units")}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              {(["green", "yellow", "red"] as Light[]).map((l) => (
                <Tag key={l} color={LIGHT_COLOR[l]} style={{ marginBottom: 4 }}>
                  {t(LIGHT_LABEL[l])} {lights[l]}
                </Tag>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Card
            size="small"
            title={t("dash.execution")}
            extra={exec ? <Typography.Text type="secondary">{exec.data.asOf}</Typography.Text> : undefined}
          >
            {exec && units.length === 0 ? (
              <Empty
                style={{ padding: 48 }}
                data-testid="no-execution"
                description={
                  lang === "zh"
                    ? "本单位本年度尚无预算执行数据。"
                    : "No budget execution figures for this organisation and year."
                }
              />
            ) : (
              <EChart
                testId="chart-execution"
                option={execOption}
                style={{ height: Math.max(260, units.length * 36 + 48) }}
                onClick={(e) => {
                  const u = units[e.dataIndex];
                  if (u) navigate(`/budget?orgId=${encodeURIComponent(u.orgId)}`);
                }}
              />
            )}
          </Card>
        </Col>
        <Col span={10}>
          <Card
            size="small"
            title={t("dash.grades")}
            extra={
              <Typography.Text type="secondary" data-testid="grades-count">
                {summary?.data.total.count ?? 0}
              </Typography.Text>
            }
          >
            {summary && (summary.data.total.count ?? 0) === 0 ? (
              // No scored self-evaluation: no ring of equal zero slices, but what is missing.
              <Empty
                style={{ height: 230, paddingTop: 48, margin: 0 }}
                data-testid="no-grades"
                description={
                  lang === "zh"
                    ? "本单位本年度尚无已评分的自评。"
                    : "No scored self-evaluation for this organisation and year."
                }
              />
            ) : (
              <EChart
                testId="chart-grades"
                option={gradeOption}
                style={{ height: 230 }}
                onClick={(e) => {
                  // a grade without evaluations draws no slice (its zero angle sits at the start): nothing to list
                  if (typeof e.name === "string" && gradeNames.includes(e.name) && Number(e.value) > 0) {
                    showGrade(e.name);
                  }
                }}
              />
            )}
            <Space wrap size={4} data-testid="grade-counts">
              {gradeNames.map((g) => (
                <Tag.CheckableTag
                  key={g}
                  checked={grade === g}
                  onChange={() => showGrade(g)}
                  data-testid={`grade-${g}`}
                >
                  {g} {summary?.data.total.grades[g] ?? 0}
                </Tag.CheckableTag>
              ))}
              {summary?.data.total.mean && (
                <Typography.Text type="secondary">
                  {lang === "zh" ? "平均" : "mean"} {summary.data.total.mean} · {lang === "zh" ? "最低" : "min"}{" "}
                  {summary.data.total.min}
                </Typography.Text>
              )}
            </Space>
          </Card>
        </Col>
      </Row>
      {ws.orgId && <TrendCard orgId={ws.orgId} year={ws.year} />}
      <RectificationCard orgId={orgId} year={year} />
      <Card size="small" title={lang === "zh" ? "各单位自评得分" : "Self-evaluation scores by unit"}>
        <Table
          size="small"
          data-testid="unit-scores"
          rowKey={(u) => `${u.orgId}/${u.own}`}
          pagination={false}
          dataSource={summary?.data.units ?? []}
          locale={{ emptyText: "—" }}
          onRow={(u) => ({
            // A unit's row opens its own dashboard (its units below it); the organisation's own row stays here.
            onClick: () => {
              if (!u.own) ws.setOrgId(u.orgId);
            },
            style: u.own ? undefined : { cursor: "pointer" },
          })}
          columns={[
            {
              title: lang === "zh" ? "单位" : "Unit",
              dataIndex: "orgName",
              render: (name: string, u) => (u.own ? `${name}（${lang === "zh" ? "本级" : "own"}）` : name),
            },
            { title: lang === "zh" ? "自评数" : "Evaluations", dataIndex: "count", align: "right" },
            ...gradeNames.map((g) => ({
              title: g,
              key: g,
              align: "right" as const,
              render: (_: unknown, u: ScoreSummary["units"][number]) => u.grades[g] ?? 0,
            })),
            {
              title: lang === "zh" ? "平均分" : "Mean",
              dataIndex: "mean",
              align: "right",
              render: (v: string | null) => v ?? "—",
            },
            {
              title: lang === "zh" ? "最低分" : "Minimum",
              dataIndex: "min",
              align: "right",
              render: (v: string | null) => v ?? "—",
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={
          grade === ATTENTION
            ? t("dash.attention")
            : `${lang === "zh" ? "等级" : "Grade"} ${grade}${lang === "zh" ? " 的自评" : ": self-evaluations"}`
        }
        data-testid="grade-list"
      >
        <List
          size="small"
          dataSource={list?.data.items ?? []}
          loading={!list || list.key !== listKey}
          locale={{ emptyText: "—" }}
          pagination={
            (list?.data.total ?? 0) > LIST_PAGE
              ? {
                  current: listPage,
                  pageSize: LIST_PAGE,
                  total: list?.data.total ?? 0,
                  size: "small",
                  showSizeChanger: false,
                  onChange: setListPage,
                }
              : false
          }
          renderItem={(s) => (
            <List.Item>
              <Space>
                <Tag color={GRADE_COLOR[s.grade]}>{s.grade}</Tag>
                <Typography.Link onClick={() => navigate(`/self-evaluation/${s.id}`)}>{s.name}</Typography.Link>
                <Typography.Text type="secondary">{s.orgName}</Typography.Text>
                <Typography.Text data-testid={`list-total-${s.id}`}>
                  {lang === "zh" ? "得分" : "Score"} {s.total}
                </Typography.Text>
                {s.statedTotal != null && s.statedTotal !== s.total && (
                  <Typography.Text type="secondary" data-testid={`list-stated-${s.id}`}>
                    {lang === "zh" ? `（自评表填报 ${s.statedTotal}）` : `(stated ${s.statedTotal})`}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
