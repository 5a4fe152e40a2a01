import { Form, Input, Typography } from "antd";
import { useI18n } from "../../i18n.tsx";
import { readWan } from "./model.ts";

/**
 * The name and the budget in 万元 of a duty or an activity, side by side: inputs (the budget checked as typed),
 * or their text when read only. Test ids: `<testId>-name`, `<testId>-budget`.
 */
export function NameAndBudget(p: {
  testId: string;
  nameLabel: string;
  budgetLabel: string;
  name: string;
  budget: string;
  canEdit: boolean;
  onName(v: string): void;
  onBudget(v: string): void;
}) {
  const { lang } = useI18n();
  const error = readWan(p.budget, lang).error;
  return (
    <div style={{ display: "flex", gap: 12 }}>
      <Form.Item label={p.nameLabel} style={{ flex: 2, marginBottom: 8 }}>
        {p.canEdit ? (
          <Input data-testid={`${p.testId}-name`} value={p.name} onChange={(e) => p.onName(e.target.value)} />
        ) : (
          <Typography.Text strong data-testid={`${p.testId}-name`}>
            {p.name}
          </Typography.Text>
        )}
      </Form.Item>
      <Form.Item
        label={p.budgetLabel}
        style={{ flex: 1, marginBottom: 8 }}
        validateStatus={error ? "error" : undefined}
        help={error}
      >
        {p.canEdit ? (
          <Input
            data-testid={`${p.testId}-budget`}
            value={p.budget}
            suffix="万元"
            onChange={(e) => p.onBudget(e.target.value)}
          />
        ) : (
          <Typography.Text data-testid={`${p.testId}-budget`}>{p.budget || "—"}</Typography.Text>
        )}
      </Form.Item>
    </div>
  );
}

/** A labelled text of a few lines: a growing text area, or a paragraph when read only. */
export function TextAreaField(p: {
  label: string;
  value: string;
  canEdit: boolean;
  testId?: string;
  maxRows: number;
  onChange(v: string): void;
}) {
  return (
    <Form.Item label={p.label} style={{ marginBottom: 8 }}>
      {p.canEdit ? (
        <Input.TextArea
          data-testid={p.testId}
          autoSize={{ minRows: 1, maxRows: p.maxRows }}
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
        />
      ) : (
        <Typography.Paragraph style={{ margin: 0 }} data-testid={p.testId}>
          {p.value || "—"}
        </Typography.Paragraph>
      )}
    </Form.Item>
  );
}
