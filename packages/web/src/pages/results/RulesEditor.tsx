/**
 * 结果应用规则: the bureau's rules for a budget year — per grade of last year's evaluation (a grade added or removed,
 * e.g. 合格 / 不合格 where the scheme says so), and per execution-rate threshold. The reviewer at the organisation itself
 * edits them, checked as typed by core's `checkResultRules` (the server checks the same on save); otherwise they are
 * shown as they apply (inherited from above, or the defaults).
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { DomainError } from "@jixiao/core";
import { checkResultRules, RESULT_ACTIONS } from "@jixiao/core/results";
import { Alert, App, AutoComplete, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { type ExecutionRule, type GradeRule, type ResultRules, type RulesView, resultsEndpoints } from "./api.ts";
import { actionLabel } from "./format.ts";

/** The grade names the scoring schemes use, offered when a grade is added. */
const GRADE_NAMES = ["优", "良", "中", "差", "合格", "不合格"];

export function RulesEditor({ orgId, year }: { orgId: string; year: number }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const { message } = App.useApp();
  const [view, setView] = useState<RulesView>();
  const [rules, setRules] = useState<ResultRules>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      const v = await resultsEndpoints.rules(orgId, year);
      setView(v);
      setRules(v.rules);
      setError(undefined);
    } catch (e) {
      setError(describeError(e, lang));
    }
  }, [orgId, year, lang]);
  useEffect(() => {
    load();
  }, [load]);

  const canEdit = !!user?.memberships?.some((m) => m.role === "reviewer" && m.orgId === orgId);
  // the rule set as typed, checked by core's rules: the first problem is shown and blocks saving
  const problem = useMemo(() => {
    if (!rules) return undefined;
    try {
      checkResultRules(rules);
      return undefined;
    } catch (e) {
      if (e instanceof DomainError) return e.text[zh ? "zh" : "en"];
      throw e;
    }
  }, [rules, zh]);
  const actionOptions = RESULT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a, zh) }));
  const setGrade = (i: number, patch: Partial<GradeRule>) =>
    setRules((r) => r && { ...r, grades: r.grades.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  const setExec = (i: number, patch: Partial<ExecutionRule>) =>
    setRules((r) => r && { ...r, execution: r.execution.map((g, j) => (j === i ? { ...g, ...patch } : g)) });

  const save = async () => {
    if (!rules || !view) return;
    setBusy(true);
    try {
      const v = await resultsEndpoints.saveRules(orgId, year, rules, view.source === "own" ? (view.version ?? 0) : 0);
      setView(v);
      setRules(v.rules);
      message.success(zh ? "规则已保存" : "Rules saved");
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!view || !rules) return <Card size="small" loading />;
  const source =
    view.source === "own"
      ? zh
        ? "本单位设置"
        : "set here"
      : view.source === "inherited"
        ? zh
          ? `沿用 ${view.definedAt?.orgName} 的规则`
          : `inherited from ${view.definedAt?.orgName}`
        : zh
          ? "默认规则（尚未设置）"
          : "the defaults (none set)";
  const pct = (v: string | null, onChange: (v: string | null) => void, testId: string) => (
    <Input
      size="small"
      style={{ width: 90 }}
      suffix="%"
      value={v ?? ""}
      disabled={!canEdit}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value.trim() === "" ? null : e.target.value)}
    />
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="rules-editor">
      <Space>
        <Typography.Text>{zh ? `${year}年度预算适用的规则：` : `Rules for the ${year} budget: `}</Typography.Text>
        <Tag data-testid="rules-source">{source}</Tag>
        {!canEdit && (
          <Typography.Text type="secondary">
            {zh ? "由主管部门（财政）审核人在其本单位设置。" : "Set by the bureau's reviewer at the bureau itself."}
          </Typography.Text>
        )}
      </Space>
      <Card
        size="small"
        title={zh ? "按上年自评等级" : "By last year's grade"}
        extra={
          canEdit && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              data-testid="grade-add"
              onClick={() =>
                setRules({
                  ...rules,
                  grades: [
                    ...rules.grades,
                    {
                      grade: GRADE_NAMES.find((n) => !rules.grades.some((g) => g.grade.trim() === n)) ?? "",
                      action: "maintain",
                      cutPercent: null,
                      rectification: false,
                    },
                  ],
                })
              }
            >
              {zh ? "增加等级" : "Add a grade"}
            </Button>
          )
        }
      >
        <Table<GradeRule>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={rules.grades}
          columns={[
            {
              title: zh ? "等级" : "Grade",
              width: 110,
              render: (_: unknown, g, i) =>
                canEdit ? (
                  <AutoComplete
                    size="small"
                    style={{ width: 90 }}
                    value={g.grade}
                    options={GRADE_NAMES.map((n) => ({ value: n }))}
                    data-testid={`grade-name-${i}`}
                    onChange={(grade: string) => setGrade(i, { grade })}
                  />
                ) : (
                  g.grade
                ),
            },
            {
              title: zh ? "处理方式" : "Action",
              width: 180,
              render: (_: unknown, g, i) => (
                <Select
                  size="small"
                  style={{ width: 150 }}
                  value={g.action}
                  disabled={!canEdit}
                  options={actionOptions}
                  data-testid={`grade-action-${g.grade}`}
                  onChange={(action) => setGrade(i, { action })}
                />
              ),
            },
            {
              title: zh ? "压减不少于" : "Cut at least",
              width: 130,
              render: (_: unknown, g, i) =>
                pct(g.cutPercent, (cutPercent) => setGrade(i, { cutPercent }), `grade-cut-${g.grade}`),
            },
            {
              title: zh ? "须整改" : "Rectification",
              render: (_: unknown, g, i) => (
                <Checkbox
                  checked={g.rectification}
                  disabled={!canEdit}
                  onChange={(e) => setGrade(i, { rectification: e.target.checked })}
                />
              ),
            },
            {
              title: "",
              width: 50,
              render: (_: unknown, g, i) =>
                canEdit && (
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={zh ? `删除等级${g.grade}` : `Remove the grade ${g.grade}`}
                    data-testid={`grade-remove-${i}`}
                    onClick={() => setRules({ ...rules, grades: rules.grades.filter((_x, j) => j !== i) })}
                  />
                ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={zh ? "按上年预算执行率" : "By last year's execution rate"}
        extra={
          canEdit && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                setRules({
                  ...rules,
                  execution: [
                    ...rules.execution,
                    { below: "80", action: "adjust", cutPercent: null, cutUnspent: false },
                  ],
                })
              }
            >
              {zh ? "增加阈值" : "Add a threshold"}
            </Button>
          )
        }
      >
        <Table<ExecutionRule>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={rules.execution}
          columns={[
            {
              title: zh ? "执行率低于" : "Below",
              width: 130,
              render: (_: unknown, e, i) =>
                pct(e.below, (below) => setExec(i, { below: below ?? "" }), `exec-below-${i}`),
            },
            {
              title: zh ? "处理方式" : "Action",
              width: 180,
              render: (_: unknown, e, i) => (
                <Select
                  size="small"
                  style={{ width: 150 }}
                  value={e.action}
                  disabled={!canEdit}
                  options={actionOptions}
                  onChange={(action) => setExec(i, { action })}
                />
              ),
            },
            {
              title: zh ? "压减不少于" : "Cut at least",
              width: 130,
              render: (_: unknown, e, i) =>
                pct(e.cutPercent, (cutPercent) => setExec(i, { cutPercent }), `exec-cut-${i}`),
            },
            {
              title: zh ? "按未执行比例压减" : "Cut the unspent share",
              render: (_: unknown, e, i) => (
                <Checkbox
                  checked={e.cutUnspent}
                  disabled={!canEdit}
                  onChange={(x) => setExec(i, { cutUnspent: x.target.checked })}
                />
              ),
            },
            {
              title: "",
              width: 50,
              render: (_: unknown, _e, i) =>
                canEdit && (
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={zh ? "删除" : "Remove"}
                    onClick={() => setRules({ ...rules, execution: rules.execution.filter((_x, j) => j !== i) })}
                  />
                ),
            },
          ]}
        />
      </Card>
      {canEdit && problem && <Alert type="warning" showIcon title={problem} data-testid="rules-problem" />}
      {canEdit && (
        <Space>
          <Button type="primary" loading={busy} disabled={!!problem} onClick={save} data-testid="rules-save">
            {zh ? "保存规则" : "Save the rules"}
          </Button>
          <Button onClick={() => setRules(view.rules)} disabled={busy}>
            {zh ? "还原" : "Reset"}
          </Button>
        </Space>
      )}
    </Space>
  );
}
