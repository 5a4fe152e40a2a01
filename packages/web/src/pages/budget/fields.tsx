import { Form, Input, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n.tsx";
import { formatWanYuan, parseYuan } from "../../lib/rules.ts";
import { type BudgetDraft, readWan, type TotalView, wanShown } from "./model.ts";

/** 元 text from the server in 万元, or a dash. */
export const wan = (v: string | null | undefined) => (v == null ? "—" : formatWanYuan(parseYuan(v)));

/** A stated total against the sum of its parts (core's exact money), with the difference when they disagree. */
export function TotalCheck({ v, testId, what }: { v: TotalView; testId: string; what: string }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  if (v.holds === undefined) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {zh
          ? `${what}未填；各项合计 ${v.sumWan} 万元（${v.sumYuan} 元）`
          : `${what} not stated; the parts sum to ${v.sumWan} 万元 (${v.sumYuan} 元)`}
      </Typography.Text>
    );
  }
  return v.holds ? (
    <Tag color="green" data-testid={testId}>
      {zh
        ? `${what} ${v.statedWan} 万元 = 各项合计（${v.sumYuan} 元）`
        : `${what} ${v.statedWan} 万元 = the parts (${v.sumYuan} 元)`}
    </Tag>
  ) : (
    <Tag color="red" data-testid={testId} style={{ whiteSpace: "normal" }}>
      {zh
        ? `${what}填报 ${v.statedWan} 万元，各项合计 ${v.sumWan} 万元（${v.sumYuan} 元），相差 ${v.differenceWan} 万元（${v.differenceYuan} 元）`
        : `${what}: stated ${v.statedWan} 万元, parts sum to ${v.sumWan} 万元 (${v.sumYuan} 元), difference ${v.differenceWan} 万元 (${v.differenceYuan} 元)`}
    </Tag>
  );
}

interface FieldProps {
  label: string;
  value: string;
  editable: boolean;
  testId?: string;
  onChange(v: string): void;
}

/** A labelled 万元 amount: an input checked as typed, or its text when read only. */
export function MoneyField({ label, value, editable, testId, onChange }: FieldProps) {
  const { lang } = useI18n();
  const err = readWan(value, lang).error;
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }} validateStatus={err ? "error" : undefined} help={err}>
      {editable ? (
        <Input data-testid={testId} value={value} suffix="万元" onChange={(e) => onChange(e.target.value)} />
      ) : (
        <Typography.Text data-testid={testId}>{value === "" ? "—" : `${wanShown(value)} 万元`}</Typography.Text>
      )}
    </Form.Item>
  );
}

/**
 * A labelled free text (a count, an area, a reason): an input, or its text when read only. With `max` (the
 * server's limit) a counter shows the characters typed against it, red beyond it.
 */
export function TextField({
  label,
  value,
  editable,
  onChange,
  multiline,
  max,
  testId,
}: FieldProps & { multiline?: boolean; max?: number; testId?: string }) {
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      {!editable ? (
        <Typography.Text>{value || "—"}</Typography.Text>
      ) : multiline ? (
        <Input.TextArea
          data-testid={testId}
          autoSize={{ minRows: 1, maxRows: 4 }}
          count={max ? { show: true, max } : undefined}
          status={max && value.length > max ? "error" : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Form.Item>
  );
}

/** A 万元 amount in a table cell: a small right-aligned input checked as typed, or its text. */
export function MoneyCell({
  value,
  editable,
  testId,
  label,
  onChange,
}: {
  value: string;
  editable: boolean;
  testId: string;
  label: string;
  onChange(v: string): void;
}): ReactNode {
  const { lang } = useI18n();
  return editable ? (
    <Input
      size="small"
      data-testid={testId}
      aria-label={label}
      style={{ textAlign: "right" }}
      status={readWan(value, lang).error ? "error" : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  ) : (
    <span data-testid={testId}>{value ? wanShown(value) : "—"}</span>
  );
}

/** What each section of the budget card is given: the draft, whether it may be edited, and a setter of one part. */
export interface SectionProps {
  d: BudgetDraft;
  editable: boolean;
  set<K extends keyof BudgetDraft>(k: K, v: BudgetDraft[K]): void;
}
