/**
 * One project's 结果应用建议 (a recommendation of core's `recommendBudgets`, as GET /results/recommendations gives
 * it): the action with its cut and ceiling in 万元, last year's score, grade and execution, and each rule's reason.
 */
import { Alert, Descriptions, Space, Tag, Typography } from "antd";
import { pick, useI18n } from "../../i18n.tsx";
import type { Recommendation } from "./api.ts";
import { ACTION_COLOR, actionLabel, wan } from "./format.ts";

const LINK_TEXT = {
  carry_forward: ["结转上年", "carried forward"],
  code: ["项目编码相同", "same code"],
  name: ["项目名称相同", "same name"],
} as const;

export function ActionTag({ r, compact = false }: { r: Recommendation; compact?: boolean }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  if (!r.action) {
    const text = r.status === "new" ? (zh ? "新增项目" : "New project") : zh ? "上年未评价" : "Not evaluated last year";
    return <Tag data-testid="recommendation-action">{text}</Tag>;
  }
  return (
    <Space size={4}>
      <Tag color={ACTION_COLOR[r.action]} data-testid="recommendation-action">
        {actionLabel(r.action, zh)}
        {r.cutPercent ? ` ${r.cutPercent}%` : ""}
      </Tag>
      {r.rectificationRequired && !compact && <Tag color="volcano">{zh ? "须整改" : "Rectification"}</Tag>}
    </Space>
  );
}

export function RecommendationView({ r }: { r: Recommendation }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const e = r.evaluation;
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }} data-testid="recommendation">
      <Space wrap>
        <ActionTag r={r} />
        {r.previous && (
          <Typography.Text type="secondary">
            {zh ? "上年项目：" : "Last year: "}
            {r.previous.name}（{LINK_TEXT[r.previous.linkedBy][zh ? 0 : 1]}）
          </Typography.Text>
        )}
      </Space>
      {e && (
        <Descriptions size="small" column={4} bordered>
          <Descriptions.Item label={zh ? "上年得分" : "Score"}>
            <span data-testid="recommendation-score">{e.total ?? "—"}</span>
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "等级" : "Grade"}>{e.grade ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={zh ? "上年执行率" : "Execution"}>
            {e.executionRate ? `${e.executionRate}%` : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "申请（万元）" : "Requested (万元)"}>{wan(r.requested)}</Descriptions.Item>
          {r.ceiling && (
            <Descriptions.Item label={zh ? "上年预算（万元）" : "Last year's budget (万元)"}>
              {wan(r.baseline)}
            </Descriptions.Item>
          )}
          {r.ceiling && (
            <Descriptions.Item label={zh ? "建议上限（万元）" : "Ceiling (万元)"}>
              <span data-testid="recommendation-ceiling">{wan(r.ceiling)}</span>
            </Descriptions.Item>
          )}
          {r.reduction && (
            <Descriptions.Item label={zh ? "须压减（万元）" : "To cut (万元)"} span={2}>
              {wan(r.reduction)}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="recommendation-reasons">
        {r.reasons.map((x) => (
          <li key={x.zh}>{pick(lang, x.zh, x.en)}</li>
        ))}
      </ul>
      {r.rulesFrom === null && r.status === "recommended" && (
        <Alert
          type="info"
          showIcon
          title={zh ? "主管部门尚未设置规则，按默认规则给出建议。" : "No rules set by the bureau: the defaults apply."}
        />
      )}
    </Space>
  );
}
