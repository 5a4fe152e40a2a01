import { CheckCircleTwoTone, CloseCircleTwoTone, QuestionCircleOutlined } from "@ant-design/icons";
import { Input, Select, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import { memo, useMemo, useRef, useState } from "react";
import { FindingsPanel, type ReviewFinding, RowFindings, useFindings } from "../../components/findings/index.ts";
import { useI18n } from "../../i18n.tsx";
import type { TierKey } from "../../lib/rules.ts";
import type { EvaluationView, IndicatorView } from "../../lib/scoring.ts";
import type { SeIndicator } from "./model.ts";

interface Props {
  indicators: SeIndicator[];
  view: EvaluationView;
  readOnly: boolean;
  onChange(id: string, patch: Partial<SeIndicator>): void;
  /**
   * The stored evaluation whose automatic review is shown above the table, with a badge beside each row a finding
   * points to; reviewed again when `version` changes (after a save). The findings are of the saved version.
   */
  review?: { type: "evaluation"; id: string; version?: number | undefined } | undefined;
  /** A refused submission's messages by row id and field (actualText, points, overrideReason, deviationReason). */
  serverErrors?: Map<string, Record<string, string>> | undefined;
}

/** The server's message at its cell. */
function ServerError({ id, field, errors }: { id: string; field: string; errors: Props["serverErrors"] }) {
  const text = errors?.get(id)?.[field];
  if (!text) return null;
  return (
    <Typography.Text
      type="danger"
      style={{ fontSize: 12, display: "block" }}
      data-testid={`field-error-${id}-${field}`}
    >
      {text}
    </Typography.Text>
  );
}

const EMPTY: IndicatorView = { needsDeviation: false, overTarget: false, needsOverrideReason: false };

/** The indicator grid of the self-evaluation: level-1 cells merged over their rows, one line per indicator. */
export const IndicatorTable = memo(function IndicatorTable({
  indicators,
  view,
  readOnly,
  onChange,
  review,
  serverErrors,
}: Props) {
  const { t, lang } = useI18n();
  const zh = lang === "zh";
  const findings = useFindings(review?.type, review?.id, review?.version);
  const [selected, setSelected] = useState<string>();
  const box = useRef<HTMLDivElement>(null);

  // Level-1 cells span their group's rows (the data is kept in group order).
  const spans = useMemo(() => {
    const out: number[] = indicators.map(() => 0);
    let start = 0;
    for (let i = 1; i <= indicators.length; i++) {
      if (i === indicators.length || indicators[i]!.level1 !== indicators[start]!.level1) {
        out[start] = i - start;
        start = i;
      }
    }
    return out;
  }, [indicators]);
  const rowIndex = useMemo(() => new Map(indicators.map((x, i) => [x.id, i])), [indicators]);

  const rowOf = (f: ReviewFinding) => (f.record ? indicators.findIndex((x) => x.id === f.record!.id) : -1);
  const describe = (f: ReviewFinding): string | undefined => {
    const i = rowOf(f);
    if (i >= 0) return zh ? `第 ${i + 1} 行「${indicators[i]!.name}」` : `Row ${i + 1} "${indicators[i]!.name}"`;
    if (f.record?.field === "funds") return zh ? "资金" : "Funds";
    return undefined;
  };
  // A finding of the list: its row scrolled into view and marked.
  const select = (f: ReviewFinding) => {
    if (rowOf(f) < 0) return;
    setSelected(f.record!.id);
    box.current
      ?.querySelector(`[data-row-key="${CSS.escape(f.record!.id)}"]`)
      ?.scrollIntoView({ block: "center", behavior: "smooth" });
  };

  const columns: TableColumnsType<SeIndicator> = [
    {
      key: "findings",
      width: 40,
      align: "center",
      render: (_: unknown, r) => <RowFindings findings={findings.byRow.get(r.id)} />,
    },
    {
      title: t("se.level1"),
      dataIndex: "level1",
      width: 80,
      onCell: (r) => ({ rowSpan: spans[rowIndex.get(r.id) ?? 0], style: { verticalAlign: "top" } }),
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t("se.level2"), dataIndex: "level2", width: 96 },
    { title: t("se.level3"), dataIndex: "name", width: 190 },
    {
      title: t("se.target"),
      dataIndex: "target",
      width: 150,
      render: (_: unknown, r) => {
        const v = view.indicators[r.id] ?? EMPTY;
        return (
          <div>
            <div>{r.target}</div>
            {v.understood && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`understood-${r.id}`}>
                {t("se.understood")}：{v.understood}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      title: t("se.actual"),
      dataIndex: "actual",
      width: 130,
      render: (_: unknown, r) => {
        const v = view.indicators[r.id] ?? EMPTY;
        return (
          <div>
            <Input
              size="small"
              value={r.actual}
              disabled={readOnly}
              status={v.problem ? "warning" : undefined}
              onChange={(e) => onChange(r.id, { actual: e.target.value })}
              data-testid={`actual-${r.id}`}
              aria-label={`${r.name} ${t("se.actual")}`}
            />
            {v.kind === "qualitative" && (
              <Select<TierKey | undefined>
                size="small"
                style={{ width: "100%", marginTop: 4 }}
                allowClear
                placeholder={t("se.tier")}
                value={r.tier}
                disabled={readOnly}
                options={view.tiers.map((x) => ({ value: x.key, label: x.label }))}
                onChange={(tier) => onChange(r.id, { tier: tier ?? undefined })}
                popupMatchSelectWidth={false}
                data-testid={`tier-${r.id}`}
              />
            )}
            {v.problem && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {v.problem}
              </Typography.Text>
            )}
            <ServerError id={r.id} field="actualText" errors={serverErrors} />
          </div>
        );
      },
    },
    {
      title: t("se.points"),
      dataIndex: "points",
      width: 60,
      align: "right",
      render: (v: string, r) => (
        <>
          {v}
          <ServerError id={r.id} field="points" errors={serverErrors} />
        </>
      ),
    },
    {
      title: t("se.suggested"),
      key: "suggested",
      width: 96,
      align: "right",
      render: (_: unknown, r) => {
        const v = view.indicators[r.id] ?? EMPTY;
        const icon =
          v.met === true ? (
            <CheckCircleTwoTone twoToneColor="#52c41a" />
          ) : v.met === false ? (
            <CloseCircleTwoTone twoToneColor="#f5222d" />
          ) : (
            <QuestionCircleOutlined style={{ color: "#bbb" }} />
          );
        return (
          <Tooltip title={v.note}>
            <span data-testid={`suggested-${r.id}`}>
              {icon} {v.suggested ?? "—"}
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: t("se.override"),
      key: "override",
      width: 120,
      render: (_: unknown, r) => {
        const v = view.indicators[r.id] ?? EMPTY;
        return (
          <div>
            <Input
              size="small"
              value={r.override}
              placeholder="—"
              disabled={readOnly}
              inputMode="decimal"
              onChange={(e) => onChange(r.id, { override: e.target.value })}
              data-testid={`override-${r.id}`}
              aria-label={`${r.name} ${t("se.override")}`}
            />
            {r.override.trim() !== "" && (
              <Input
                size="small"
                style={{ marginTop: 4 }}
                value={r.overrideReason}
                placeholder={t("se.overrideReason")}
                disabled={readOnly}
                status={v.needsOverrideReason ? "error" : undefined}
                onChange={(e) => onChange(r.id, { overrideReason: e.target.value })}
                data-testid={`override-reason-${r.id}`}
              />
            )}
            <ServerError id={r.id} field="overrideReason" errors={serverErrors} />
          </div>
        );
      },
    },
    {
      title: t("se.deviation"),
      key: "deviation",
      render: (_: unknown, r) => {
        const v = view.indicators[r.id] ?? EMPTY;
        return (
          <div>
            <Input.TextArea
              size="small"
              autoSize={{ minRows: 1, maxRows: 3 }}
              value={r.deviationReason}
              disabled={readOnly}
              status={v.needsDeviation || serverErrors?.get(r.id)?.deviationReason ? "error" : undefined}
              onChange={(e) => onChange(r.id, { deviationReason: e.target.value })}
              data-testid={`deviation-${r.id}`}
              aria-label={`${r.name} ${t("se.deviation")}`}
            />
            {v.needsDeviation && (
              <Tag color="error" style={{ marginTop: 4 }}>
                {t("se.needDeviation")}
              </Tag>
            )}
            {v.overTarget && (
              <Tag color="warning" style={{ marginTop: 4 }}>
                {t("se.overTarget")}
              </Tag>
            )}
            <ServerError id={r.id} field="deviationReason" errors={serverErrors} />
          </div>
        );
      },
    },
  ];

  return (
    <div ref={box} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {review && <FindingsPanel type="evaluation" findings={findings} describe={describe} onSelect={select} />}
      <Table<SeIndicator>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={indicators}
        pagination={false}
        scroll={{ x: 1160 }}
        tableLayout="fixed"
        data-testid="indicator-table"
        onRow={(r) => (r.id === selected ? { style: { background: "#e6f4ff" }, "data-selected": true } : {})}
      />
    </div>
  );
});
