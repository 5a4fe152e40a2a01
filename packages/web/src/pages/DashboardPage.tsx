import { Alert, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router-dom";
import { ApiError } from "../api/client.ts";
import { type ExecutionRollup, endpoints, type ScoreRollup } from "../api/endpoints.ts";
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

const LIGHT_COLOR: Record<Light, string> = { green: "#52c41a", yellow: "#faad14", red: "#f5222d" };
const LIGHT_LABEL: Record<Light, MessageKey> = {
  green: "dash.light.green",
  yellow: "dash.light.yellow",
  red: "dash.light.red",
};
const GRADES = ["优", "良", "中", "差"] as const;
const GRADE_COLOR: Record<string, string> = { 优: "#1f5fbf", 良: "#52c41a", 中: "#faad14", 差: "#f5222d" };

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
  const scores = useRollup<ScoreRollup>(
    `${orgId}/${year}`,
    () =>
      orgId
        ? endpoints.scoreRollup(orgId, year)
        : Promise.reject(new ApiError(404, { code: "not_found", message: "" })),
    () => ({ items: [] }),
  );

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

  const gradeCounts = useMemo(() => {
    const counts = new Map<string, number>(GRADES.map((g) => [g, 0]));
    for (const s of scores?.data.items ?? []) counts.set(s.grade, (counts.get(s.grade) ?? 0) + 1);
    return counts;
  }, [scores]);

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
          data: [...gradeCounts].map(([name, value]) => ({ name, value, itemStyle: { color: GRADE_COLOR[name] } })),
        },
      ],
    }),
    [gradeCounts],
  );

  const scoreBands = useMemo(() => {
    const bands = ["<60", "60–70", "70–80", "80–90", "90–100"];
    const counts = [0, 0, 0, 0, 0];
    for (const s of scores?.data.items ?? []) {
      const v = Number(s.total); // display only: which bar of the histogram a total falls in
      const i = v < 60 ? 0 : v < 70 ? 1 : v < 80 ? 2 : v < 90 ? 3 : 4;
      counts[i] = (counts[i] ?? 0) + 1;
    }
    return { bands, counts };
  }, [scores]);

  const bandOption = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: {
        type: "category",
        data: scoreBands.bands,
        name: t("dash.score"),
        nameLocation: "middle",
        nameGap: 28,
        axisLabel: { interval: 0, fontSize: 11 },
      },
      yAxis: { type: "value", minInterval: 1, name: t("dash.count") },
      series: [{ type: "bar", data: scoreBands.counts, barMaxWidth: 36, itemStyle: { color: "#1f5fbf" } }],
    }),
    [scoreBands, t],
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
      {scores?.error && <Alert type="error" showIcon title={scores.error} />}
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
            extra={<Typography.Text type="secondary">{scores?.data.items.length ?? 0}</Typography.Text>}
          >
            <Row>
              <Col span={12}>
                <EChart testId="chart-grades" option={gradeOption} style={{ height: 260 }} />
              </Col>
              <Col span={12}>
                <EChart testId="chart-scores" option={bandOption} style={{ height: 260 }} />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t("dash.attention")}>
        <List
          size="small"
          dataSource={(scores?.data.items ?? []).filter((s) => s.grade === "差" || s.grade === "中")}
          locale={{ emptyText: "—" }}
          renderItem={(s) => (
            <List.Item>
              <Space>
                <Tag color={GRADE_COLOR[s.grade]}>{s.grade}</Tag>
                <Typography.Link onClick={() => navigate(`/self-evaluation/${s.id}`)}>{s.name}</Typography.Link>
                <Typography.Text type="secondary">{s.orgName}</Typography.Text>
                <Typography.Text>
                  {lang === "zh" ? "得分" : "Score"} {s.total}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
