import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { Button, Card, Form, Space } from "antd";
import { useI18n } from "../../i18n.tsx";
import type { PreviousValue } from "../projects/IndicatorGrid.tsx";
import { ActivityIndicators } from "./ActivityIndicators.tsx";
import { NameAndBudget, TextAreaField } from "./fields.tsx";
import { type ActivityDraft, emptyIndicator, type IndicatorDraft } from "./model.ts";

interface ActivityCardProps {
  activity: ActivityDraft;
  index: number;
  count: number;
  canEdit: boolean;
  /** Last year's target and actual by normalised indicator name (a duty carried forward). */
  previous?: ReadonlyMap<string, PreviousValue> | undefined;
  onChange(fn: (a: ActivityDraft) => ActivityDraft): void;
  onMove(by: -1 | 1): void;
  onDelete(): void;
}

/** The chosen activity of a duty: name, budget, content, goal and its indicators. */
export function ActivityCard(p: ActivityCardProps) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const a = p.activity;
  const setInd = (k: number, fn: (i: IndicatorDraft) => IndicatorDraft) =>
    p.onChange((x) => ({ ...x, indicators: x.indicators.map((i, j) => (j === k ? fn(i) : i)) }));
  return (
    <Card
      size="small"
      data-testid="activity-card"
      title={zh ? `工作活动 ${p.index + 1}` : `Activity ${p.index + 1}`}
      extra={
        p.canEdit && (
          <Space size={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={p.index === 0}
              data-testid="activity-up"
              onClick={() => p.onMove(-1)}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={p.index === p.count - 1}
              data-testid="activity-down"
              onClick={() => p.onMove(1)}
            />
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-activity" onClick={p.onDelete}>
              {zh ? "删除活动" : "Delete"}
            </Button>
          </Space>
        )
      }
    >
      <Form layout="vertical" size="small">
        <NameAndBudget
          testId="activity"
          nameLabel={zh ? "活动名称" : "Name"}
          budgetLabel={zh ? "年度预算（万元）" : "Annual budget (万元)"}
          name={a.name}
          budget={a.budget}
          canEdit={p.canEdit}
          onName={(v) => p.onChange((x) => ({ ...x, name: v }))}
          onBudget={(v) => p.onChange((x) => ({ ...x, budget: v }))}
        />
        <TextAreaField
          label={zh ? "活动内容" : "Content"}
          testId="activity-content"
          value={a.content}
          canEdit={p.canEdit}
          maxRows={5}
          onChange={(v) => p.onChange((x) => ({ ...x, content: v }))}
        />
        <TextAreaField
          label={zh ? "绩效目标" : "Goal"}
          testId="activity-goal"
          value={a.goal}
          canEdit={p.canEdit}
          maxRows={5}
          onChange={(v) => p.onChange((x) => ({ ...x, goal: v }))}
        />
      </Form>
      <ActivityIndicators
        indicators={a.indicators}
        canEdit={p.canEdit}
        {...(p.previous ? { previous: p.previous } : {})}
        onChange={setInd}
        onAdd={() => p.onChange((x) => ({ ...x, indicators: [...x.indicators, emptyIndicator()] }))}
        onRemove={(k) => p.onChange((x) => ({ ...x, indicators: x.indicators.filter((_, j) => j !== k) }))}
        onPaste={(fn) => p.onChange((x) => ({ ...x, indicators: fn(x.indicators) }))}
      />
    </Card>
  );
}
