import { Alert, Card, Space, Statistic, Tag, Typography } from "antd";
import type { StoredResult, StoredScores } from "../../api/endpoints.ts";
import { useI18n } from "../../i18n.tsx";

const GRADE_COLOR: Record<string, string> = { 优: "#1f5fbf", 良: "#52c41a", 中: "#faad14", 差: "#f5222d" };

/** A score as shown: two decimals without trailing zeros. */
export const shown = (n: number | undefined | null) =>
  n === undefined || n === null || !Number.isFinite(n) ? "—" : n.toFixed(2).replace(/\.?0+$/, "");

/**
 * How the points were fitted to the scheme, from the stored result: core's own lines when it gives them, else
 * each group whose indicator points differ from the scheme's (`按方案折算：产出 60→50`).
 */
export function fittingLines(r: StoredResult, lang: "zh" | "en"): string[] {
  if (Array.isArray(r.normalisation?.lines)) return r.normalisation.lines.map((l) => l[lang]);
  return r.groups
    .filter((g) => Math.abs(g.weightSum - g.points) > 1e-9)
    .map((g) =>
      lang === "zh"
        ? `按方案折算：${g.name.replace(/指标$/, "")} ${shown(g.weightSum)}→${shown(g.points)}`
        : `Scaled to the scheme: ${g.nameEn} ${shown(g.weightSum)}→${shown(g.points)}`,
    );
}

/**
 * The stored score (issue 12): what the server computed with core when the record was last saved or submitted,
 * the one the dashboard, the exports and the public page show — total, grade, groups, the execution score, the
 * stated total beside it and how points that did not match the scheme were fitted.
 */
export function StoredScore({
  scores,
  unsaved,
  scored = true,
}: {
  scores: StoredScores | undefined;
  unsaved: boolean;
  /** False while the stored record has nothing to score by: 未评分 instead of the 0 and 差 of empty rows. */
  scored?: boolean;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  if (!scores) return null;
  const r = scores.result;
  return (
    <Card
      size="small"
      data-testid="se-stored"
      title={
        zh
          ? "已保存的得分（以此为准：工作台、导出与公开均显示此结果）"
          : "Stored score (shown on the dashboard, in exports and on the public page)"
      }
      extra={
        scores.scoredAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {zh ? "计算于" : "computed"} {new Date(scores.scoredAt).toLocaleString(zh ? "zh-CN" : "en-GB")}
            {scores.scheme
              ? ` · ${r?.scheme.name[lang] ?? scores.scheme.id}${scores.scheme.version ? ` v${scores.scheme.version}` : ""}`
              : ""}
          </Typography.Text>
        )
      }
    >
      {unsaved && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="se-stored-unsaved"
          title={
            zh
              ? "本页有未保存的填写：上方为即时计算，保存后此处更新。"
              : "Unsaved typing: the figures above are live; this updates once saved."
          }
        />
      )}
      {!scored ? (
        <Alert
          type="info"
          showIcon
          data-testid="se-stored-unscored"
          title={zh ? "未评分" : "Not scored"}
          description={
            zh
              ? "尚未填写任何实际完成值或得分。填写各指标的实际完成值并保存后，系统按评分方案计算得分和等级。"
              : "No actual value or score has been entered yet. Enter each indicator's actual value and save: the score and grade are then computed with the scheme."
          }
        />
      ) : !r ? (
        <Alert
          type="warning"
          showIcon
          title={zh ? "尚无法计分" : "Not scored yet"}
          description={scores.problems.map((p) => (zh ? p.message : p.messageEn)).join("；")}
        />
      ) : (
        <Space orientation="vertical" size={4} style={{ width: "100%" }}>
          <Space size={24} wrap>
            <Statistic
              title={zh ? `预算执行率（${shown(r.executionPoints)}分）` : `Execution (${shown(r.executionPoints)})`}
              value={shown(r.executionScore)}
            />
            {r.groups.map((g) => (
              <Statistic
                key={g.level1}
                title={`${zh ? g.name : g.nameEn}（${shown(g.points)}）`}
                value={shown(g.score)}
                valueRender={(node) => <span data-testid={`se-stored-group-${g.level1}`}>{node}</span>}
              />
            ))}
            <Statistic
              title={zh ? "总分（计算）" : "Total (computed)"}
              value={shown(r.total)}
              styles={{ content: { color: "#1f5fbf", fontWeight: 600 } }}
              valueRender={(node) => <span data-testid="se-stored-total">{node}</span>}
            />
            <div>
              <div style={{ color: "rgba(0,0,0,0.45)", marginBottom: 4 }}>{zh ? "等级" : "Grade"}</div>
              <Tag
                color={r.grade ? GRADE_COLOR[r.grade] : undefined}
                style={{ fontSize: 18, padding: "2px 10px" }}
                data-testid="se-stored-grade"
              >
                {r.grade ?? "—"}
              </Tag>
            </div>
            {r.statedTotal !== undefined && (
              <Statistic
                title={zh ? "原表填报总分" : "Stated total"}
                value={shown(r.statedTotal)}
                suffix={r.statedGrade ? `（${r.statedGrade}）` : undefined}
                valueRender={(node) => <span data-testid="se-stated-total">{node}</span>}
              />
            )}
          </Space>
          {fittingLines(r, lang).length > 0 && (
            <div data-testid="se-fitting">
              {fittingLines(r, lang).map((l) => (
                <div key={l}>
                  <Typography.Text>{l}</Typography.Text>
                </div>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {zh
                  ? "各指标分值合计与评分方案不一致时，按方案的一级指标分值等比例折算（详见评分说明），总分不超过100分。"
                  : "When the indicator points do not add up to the scheme's, they are scaled to the scheme's level-1 points (see the scoring notes); the total never exceeds 100."}
              </Typography.Text>
            </div>
          )}
        </Space>
      )}
    </Card>
  );
}
