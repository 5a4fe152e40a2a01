import { App, Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useLeaveGuard } from "../../lib/leaveGuard.tsx";
import { type Execution, type ExecutionScope, executionApi } from "./api.ts";
import { type ExecutionDraft, executionCheck, executionDraftOf, executionFields, readWan, wanShown } from "./model.ts";

const SCOPES: ExecutionScope[] = ["total", "basic", "project_spending"];
const FIELDS = ["initialBudget", "adjustment", "determinedBudget", "executed"] as const;

interface Row {
  key: string;
  scope: ExecutionScope;
  record?: Execution;
  draft: ExecutionDraft;
}

/**
 * 预算执行 of the organisation for the full year: 年初预算数 + 调整数 = 预算确定数, 执行数 and the rate, for the
 * whole department, basic and project spending. Core checks each row as typed; a filler saves a row with the
 * version read (a 409 reloads the row as it is now and says so). Read only for the other roles.
 */
export function ExecutionCard({
  orgId,
  year,
  editable,
  onSaved,
}: {
  orgId: string;
  year: number;
  editable: boolean;
  /** After a row is saved (the roll-up above reads the same figures). */
  onSaved?: () => void;
}) {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>();
  const [busy, setBusy] = useState<string>();
  const [adding, setAdding] = useState<ExecutionScope>();

  const load = useCallback(async () => {
    const r = await executionApi.list(orgId, year);
    setRows(
      r.items
        .filter((x) => x.orgId === orgId && x.month === null && SCOPES.includes(x.scope))
        .sort((a, b) => SCOPES.indexOf(a.scope) - SCOPES.indexOf(b.scope))
        .map((x) => ({ key: x.id, scope: x.scope, record: x, draft: executionDraftOf(x) })),
    );
  }, [orgId, year]);

  useEffect(() => {
    setRows(undefined);
    load().catch((e) => message.error(describeError(e, lang)));
  }, [load, message, lang]);

  const label: Record<ExecutionScope, string> = {
    total: zh ? "部门合计" : "Whole department",
    basic: zh ? "基本支出" : "Basic spending",
    project_spending: zh ? "项目支出" : "Project spending",
    project: zh ? "项目" : "Project",
  };
  const titles: Record<(typeof FIELDS)[number], string> = {
    initialBudget: zh ? "年初预算数" : "Initial",
    adjustment: zh ? "调整数" : "Adjustment",
    determinedBudget: zh ? "预算确定数" : "Final budget",
    executed: zh ? "执行数" : "Executed",
  };
  const missing = SCOPES.filter((s) => !rows?.some((r) => r.scope === s));
  const set = (key: string, field: keyof ExecutionDraft, v: string) =>
    setRows((rs) => rs?.map((r) => (r.key === key ? { ...r, draft: { ...r.draft, [field]: v } } : r)));
  const dirty = (r: Row) => !r.record || JSON.stringify(executionDraftOf(r.record)) !== JSON.stringify(r.draft);
  // A figure typed and not saved holds a move to another page (a new, still empty line does not).
  useLeaveGuard(
    !!rows?.some((r) => (r.record ? dirty(r) : Object.values(r.draft).some((v) => String(v ?? "").trim() !== ""))),
  );

  const save = async (r: Row) => {
    setBusy(r.key);
    try {
      const body = executionFields(r.draft);
      if (r.record) await executionApi.update(r.record.id, { ...body, version: r.record.version });
      else await executionApi.create({ ...body, orgId, year, scope: r.scope });
      message.success(t("edit.saved"));
      await load();
      onSaved?.();
    } catch (e) {
      message.error(describeError(e, lang));
      if (e instanceof ApiError && e.status === 409) await load();
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card
      size="small"
      data-testid="execution-card"
      title={zh ? "本单位预算执行（全年，万元）" : "This organisation's execution (full year, 万元)"}
      extra={
        editable &&
        missing.length > 0 && (
          <Space>
            <Select
              size="small"
              style={{ width: 130 }}
              placeholder={zh ? "口径" : "Scope"}
              data-testid="execution-scope"
              value={adding}
              options={missing.map((s) => ({ value: s, label: label[s] }))}
              onChange={setAdding}
            />
            <Button
              size="small"
              data-testid="execution-add"
              disabled={!adding}
              onClick={() => {
                if (!adding) return;
                setRows((rs) => [
                  ...(rs ?? []),
                  {
                    key: `new-${adding}`,
                    scope: adding,
                    draft: { initialBudget: "", adjustment: "", determinedBudget: "", executed: "" },
                  },
                ]);
                setAdding(undefined);
              }}
            >
              {zh ? "新增" : "Add"}
            </Button>
          </Space>
        )
      }
    >
      <Table<Row>
        size="small"
        bordered
        rowKey="key"
        pagination={false}
        loading={!rows}
        dataSource={rows ?? []}
        locale={{ emptyText: zh ? "尚无执行数据" : "No execution figures yet" }}
        columns={[
          { title: zh ? "口径" : "Scope", width: 110, render: (_, r) => label[r.scope] },
          ...FIELDS.map((f) => ({
            title: titles[f],
            width: 130,
            render: (_: unknown, r: Row) =>
              editable ? (
                <Input
                  size="small"
                  style={{ textAlign: "right" }}
                  data-testid={`execution-${r.scope}-${f}`}
                  aria-label={`${label[r.scope]} ${titles[f]}`}
                  status={readWan(r.draft[f], lang).error ? "error" : undefined}
                  value={r.draft[f]}
                  onChange={(e) => set(r.key, f, e.target.value)}
                />
              ) : (
                <span data-testid={`execution-${r.scope}-${f}`}>{r.draft[f] ? wanShown(r.draft[f]) : "—"}</span>
              ),
          })),
          {
            title: zh ? "执行率 · 核心检查" : "Rate · core's check",
            render: (_, r) => {
              const c = executionCheck(r.draft, lang);
              return (
                <Space size={4} wrap data-testid={`execution-${r.scope}-check`}>
                  {c.rate && <Tag color="blue">{c.rate}%</Tag>}
                  {c.problems.map((p) => (
                    <Tag key={p} color="orange" style={{ whiteSpace: "normal" }}>
                      {p}
                    </Tag>
                  ))}
                  {!c.rate && c.problems.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
                </Space>
              );
            },
          },
          ...(editable
            ? [
                {
                  title: "",
                  width: 80,
                  render: (_: unknown, r: Row) => {
                    const c = executionCheck(r.draft, lang);
                    return (
                      <Tooltip title={c.errors.join("；")}>
                        <Button
                          size="small"
                          type="primary"
                          data-testid={`execution-${r.scope}-save`}
                          loading={busy === r.key}
                          disabled={!dirty(r) || c.errors.length > 0}
                          onClick={() => save(r)}
                        >
                          {zh ? "保存" : "Save"}
                        </Button>
                      </Tooltip>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
