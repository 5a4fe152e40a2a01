import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Input, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ClipboardEvent } from "react";
import { useI18n } from "../../i18n.tsx";
import { normaliseIndicatorName, parseTarget, renderTarget } from "../../lib/rules.ts";
import { parseClipboardBlock } from "../projects/gridModel.ts";
import type { PreviousValue } from "../projects/IndicatorGrid.tsx";
import {
  type IndicatorDraft,
  PASTE_FIELDS,
  type PasteField,
  pasteIndicators,
  readTiers,
  TIER_NAMES,
  type TierName,
  type TierReading,
  tryActual,
} from "./model.ts";

/**
 * The indicators of an activity: name, target (with core's reading) and the four-tier standards 优/良/中/差,
 * each row followed by core's check of its tiers and a value to try against them. A block pasted from Excel
 * fills the table from the cell it lands in.
 */
export function ActivityIndicators(p: {
  indicators: IndicatorDraft[];
  canEdit: boolean;
  /** Last year's target and actual by normalised indicator name (a duty carried forward from last year). */
  previous?: ReadonlyMap<string, PreviousValue>;
  onChange(k: number, fn: (i: IndicatorDraft) => IndicatorDraft): void;
  onAdd(): void;
  onRemove(k: number): void;
  onPaste(fn: (list: IndicatorDraft[]) => IndicatorDraft[]): void;
}) {
  const { lang, t } = useI18n();
  const zh = lang === "zh";
  /** A block copied from Excel (tabs and lines) fills the table from the cell it is pasted in, adding rows. */
  const paste = (k: number, col: PasteField) => (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData("text/plain");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return;
    e.preventDefault();
    p.onPaste((list) => pasteIndicators(list, k, PASTE_FIELDS.indexOf(col), parseClipboardBlock(text)));
  };
  const rows = p.indicators.map((ind, k) => ({ ind, k, reading: readTiers(ind.standards, lang) }));
  type Row = (typeof rows)[number];
  const cell = (r: Row, field: "name" | "targetText", testId: string) =>
    p.canEdit ? (
      <Input
        size="small"
        data-testid={testId}
        aria-label={`${zh ? "指标" : "Indicator"} ${r.k + 1} ${field === "name" ? (zh ? "名称" : "name") : zh ? "指标值" : "target"}`}
        value={r.ind[field]}
        onPaste={paste(r.k, field)}
        onChange={(e) => p.onChange(r.k, (i) => ({ ...i, [field]: e.target.value }))}
      />
    ) : (
      <span data-testid={testId}>{r.ind[field]}</span>
    );
  return (
    <div data-testid="activity-indicators">
      <Table<Row>
        size="small"
        bordered
        rowKey={(r) => r.ind.key}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 760 }}
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: rows.map((r) => r.ind.key),
          expandedRowRender: (r) => (
            <TierCheck
              k={r.k}
              reading={r.reading}
              value={r.ind.actualText ?? ""}
              stored={r.ind.tierReached}
              canEdit={p.canEdit}
              onTry={(v) => p.onChange(r.k, (i) => ({ ...i, actualText: v, tierReached: undefined }))}
            />
          ),
        }}
        locale={{ emptyText: zh ? "尚无指标" : "No indicators" }}
        columns={[
          {
            title: zh ? "指标" : "Indicator",
            width: 170,
            fixed: "left",
            render: (_, r) => cell(r, "name", `ind-${r.k}-name`),
          },
          {
            title: zh ? "指标值" : "Target",
            width: 100,
            render: (_, r) => (
              <div>
                {cell(r, "targetText", `ind-${r.k}-target`)}
                {r.ind.targetText.trim() && (
                  <div style={{ fontSize: 12, color: "#888" }} data-testid={`target-reading-${r.k}`}>
                    {renderTarget(parseTarget(r.ind.targetText))}
                  </div>
                )}
                <LastYear value={p.previous?.get(normaliseIndicatorName(r.ind.name))} zh={zh} />
              </div>
            ),
          },
          ...TIER_NAMES.map((tier: TierName) => ({
            title: tier,
            width: 120,
            render: (_: unknown, r: Row) => {
              const bad = r.reading.problems.some((x) => x.severity === "error" && x.tiers.includes(tier));
              return (
                <div>
                  {p.canEdit ? (
                    <Input
                      size="small"
                      status={bad ? "error" : undefined}
                      data-testid={`ind-${r.k}-${tier}`}
                      aria-label={`${zh ? "指标" : "Indicator"} ${r.k + 1} ${tier}`}
                      value={r.ind.standards[tier]}
                      onPaste={paste(r.k, tier)}
                      onChange={(e) =>
                        p.onChange(r.k, (i) => ({ ...i, standards: { ...i.standards, [tier]: e.target.value } }))
                      }
                    />
                  ) : (
                    <span data-testid={`ind-${r.k}-${tier}`}>{r.ind.standards[tier]}</span>
                  )}
                  <div style={{ fontSize: 12, color: "#888" }} data-testid={`reading-${r.k}-${tier}`}>
                    {r.reading.cells[tier]}
                  </div>
                </div>
              );
            },
          })),
          ...(p.canEdit
            ? [
                {
                  title: "",
                  width: 44,
                  render: (_: unknown, r: Row) => (
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      data-testid={`ind-${r.k}-delete`}
                      aria-label={zh ? "删除指标" : "Delete the indicator"}
                      onClick={() => p.onRemove(r.k)}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {p.canEdit && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          data-testid="add-indicator"
          onClick={p.onAdd}
        >
          {t("duties.addIndicator")}
        </Button>
      )}
      {p.canEdit && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
          {zh
            ? "可从 Excel 复制多行粘贴到任一格（列序：指标、指标值、优、良、中、差）"
            : "Paste rows copied from Excel into any cell (columns: indicator, target, 优, 良, 中, 差)"}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * Core's check of one indicator's four tiers, the 实际完成值 (saved with the activities) and the tier it reaches:
 * live as typed, and the one the server stored once saved.
 */
function TierCheck({
  k,
  reading,
  value,
  stored,
  canEdit,
  onTry,
}: {
  k: number;
  reading: TierReading;
  value: string;
  stored: string | null | undefined;
  canEdit: boolean;
  onTry(v: string): void;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const t = tryActual(reading.tiers, value);
  return (
    <div style={{ display: "flex", gap: 12, alignItems: "flex-start" }}>
      <div style={{ flex: 1 }} data-testid={`tier-problems-${k}`}>
        <Typography.Text type="secondary" style={{ marginRight: 6 }}>
          {zh ? "核心检查：" : "Core's check:"}
        </Typography.Text>
        {reading.problems.length === 0 ? (
          reading.tiers ? (
            <Tag color="green" data-testid="tiers-ok">
              {zh ? "四档衔接无误" : "the tiers fit together"}
            </Tag>
          ) : (
            <Typography.Text type="secondary">{zh ? "未填评价标准" : "no standards"}</Typography.Text>
          )
        ) : (
          reading.problems.map((x) => (
            <Tag
              key={`${x.code}-${x.tiers.join("")}-${x.measure ?? ""}`}
              color={x.severity === "error" ? "red" : "orange"}
              data-testid={`tier-problem-${x.code}`}
              style={{ whiteSpace: "normal", marginBottom: 2 }}
            >
              {zh ? x.zh : x.en}
            </Tag>
          ))
        )}
      </div>
      <Space size={4} style={{ flex: "none" }}>
        <Input
          size="small"
          style={{ width: 120 }}
          placeholder={zh ? "实际完成值" : "Actual value"}
          aria-label={zh ? "实际完成值" : "Actual value"}
          data-testid={`try-${k}`}
          value={value}
          disabled={!canEdit}
          onChange={(e) => onTry(e.target.value)}
        />
        {stored && (
          <Tag color="geekblue" data-testid={`tier-stored-${k}`}>
            {zh ? `已保存：${stored}` : `saved: ${stored}`}
          </Tag>
        )}
        {t && (
          <Tooltip title={t.note}>
            <Tag color={t.tier ? "blue" : "default"} data-testid={`tier-of-${k}`}>
              {t.tier ?? (zh ? "不在任何等级" : "no tier")}
            </Tag>
          </Tooltip>
        )}
      </Space>
    </div>
  );
}

/** Last year's actual (and target, in the tooltip) of an indicator of a carried duty. */
function LastYear({ value, zh }: { value: PreviousValue | undefined; zh: boolean }) {
  if (!value || (!value.actual && !value.target)) return null;
  return (
    <Tooltip
      title={
        zh
          ? `上年指标值：${value.target ?? "—"}；上年实际完成值：${value.actual ?? "—"}`
          : `Last year's target: ${value.target ?? "—"}; actual: ${value.actual ?? "—"}`
      }
    >
      <Tag color="gold" data-testid="previous-actual" style={{ marginTop: 2 }}>
        {zh ? "上年实际 " : "last year "}
        {value.actual ?? "—"}
      </Tag>
    </Tooltip>
  );
}
