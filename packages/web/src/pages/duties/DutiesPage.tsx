import { Alert, Card, Empty, Space, Table, Tag, Tree, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { budgetEndpoints, type Duty } from "../../api/endpoints.ts";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { formatWanYuan, parseYuan } from "../../lib/rules.ts";
import { useWorkspace } from "../../workspace.tsx";

type Activity = Duty["activities"][number];
const wan = (v: string | null | undefined) => (v == null ? "" : `${formatWanYuan(parseYuan(v))} 万元`);

/**
 * 部门职责 → 工作活动: the tree on the left, the chosen activity's content, goal and indicators with their
 * four-tier standards (优/良/中/差) and the problems core found in them on the right. Read only for now: the
 * editor (PUT /duties/{id}/activities) is what is left.
 */
export default function DutiesPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const [duties, setDuties] = useState<Duty[]>();
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<string>();

  useEffect(() => {
    if (!ws.orgId) return;
    let live = true;
    budgetEndpoints.duties({ orgId: ws.orgId, year: ws.year }).then(
      (r) => live && setDuties(r.items),
      (e) => live && setError(describeError(e, lang)),
    );
    return () => {
      live = false;
    };
  }, [ws.orgId, ws.year, lang]);

  const activities = useMemo(() => {
    const m = new Map<string, { duty: Duty; activity: Activity }>();
    for (const d of duties ?? []) for (const a of d.activities) m.set(a.id, { duty: d, activity: a });
    return m;
  }, [duties]);
  const chosen = selected ? activities.get(selected) : undefined;

  if (error) return <Alert type="error" showIcon title={error} />;
  if (duties && duties.length === 0)
    return (
      <Card size="small" data-testid="duties-page">
        <Empty
          description={
            zh ? "本单位本年度尚无职责活动（可通过导入录入）。" : "No duties for this organisation and year yet."
          }
        />
      </Card>
    );

  return (
    <div style={{ display: "flex", gap: 12 }} data-testid="duties-page">
      <Card
        size="small"
        title={zh ? "部门职责 → 工作活动" : "Duties → activities"}
        style={{ width: 360, flex: "none" }}
      >
        <Tree
          defaultExpandAll
          selectedKeys={selected ? [selected] : []}
          onSelect={(keys) => activities.has(String(keys[0])) && setSelected(String(keys[0]))}
          treeData={(duties ?? []).map((d) => ({
            key: d.id,
            selectable: false,
            title: (
              <span>
                <Typography.Text strong>{d.name}</Typography.Text>{" "}
                <Typography.Text type="secondary">{wan(d.statedBudget)}</Typography.Text>
              </span>
            ),
            children: d.activities.map((a) => ({
              key: a.id,
              title: (
                <span>
                  {a.name} <Typography.Text type="secondary">{wan(a.budget)}</Typography.Text>
                  {a.indicators.some((i) => i.problems.length) && <Tag color="orange">!</Tag>}
                </span>
              ),
            })),
          }))}
        />
      </Card>
      <Card
        size="small"
        style={{ flex: 1 }}
        title={chosen ? chosen.activity.name : zh ? "选择左侧的工作活动" : "Choose an activity"}
      >
        {chosen && (
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Typography.Text type="secondary">{chosen.duty.name}</Typography.Text>
            {chosen.activity.content && <Typography.Paragraph>{chosen.activity.content}</Typography.Paragraph>}
            {chosen.activity.goal && (
              <Typography.Paragraph>
                <Typography.Text strong>{zh ? "绩效目标：" : "Goal: "}</Typography.Text>
                {chosen.activity.goal}
              </Typography.Paragraph>
            )}
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={chosen.activity.indicators}
              columns={[
                { title: zh ? "指标" : "Indicator", dataIndex: "name" },
                { title: zh ? "指标值" : "Target", dataIndex: "targetText", width: 120 },
                ...(["优", "良", "中", "差"] as const).map((tier) => ({
                  title: tier,
                  width: 110,
                  render: (_: unknown, i: Activity["indicators"][number]) => i.standards[tier] ?? "",
                })),
                {
                  title: zh ? "问题" : "Problems",
                  render: (_: unknown, i: Activity["indicators"][number]) =>
                    i.problems.map((p) => (
                      <Tag key={p.code} color={p.severity === "error" ? "red" : "orange"}>
                        {zh ? p.message : p.messageEn}
                      </Tag>
                    )),
                },
              ]}
            />
          </Space>
        )}
      </Card>
    </div>
  );
}
