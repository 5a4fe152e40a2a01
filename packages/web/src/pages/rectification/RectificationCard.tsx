import { Card, List, Space, Statistic, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n.tsx";
import { type Counts, type RectItem, rectificationEndpoints } from "./api.ts";

/**
 * The dashboard's 整改 card: the year's items in the chosen subtree, open and overdue, linking to the list; the
 * overdue ones listed (most days late first), each linking to its item.
 */
export function RectificationCard({ orgId, year }: { orgId: string | undefined; year: number }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [counts, setCounts] = useState<Counts>();
  const [late, setLate] = useState<RectItem[]>([]);
  useEffect(() => {
    setCounts(undefined);
    setLate([]);
    if (!orgId) return;
    rectificationEndpoints.list({ orgId, year }).then(
      (r) => {
        setCounts(r.counts);
        setLate(r.items.filter((i) => i.overdue).sort((a, b) => b.daysOverdue - a.daysOverdue));
      },
      () => setCounts(undefined),
    );
  }, [orgId, year]);
  if (!counts || counts.total === 0) return null;
  const open = counts.total - counts.accepted;
  return (
    <Card size="small" title={<Link to="/rectification">{zh ? "整改" : "Rectification"}</Link>} data-testid="rect-card">
      <Space size="large">
        <Statistic title={zh ? "未验收" : "Open"} value={open} />
        <Statistic title={zh ? "待验收" : "To accept"} value={counts.submitted} />
        <Statistic
          title={zh ? "逾期" : "Overdue"}
          value={counts.overdue}
          valueStyle={counts.overdue > 0 ? { color: "#cf1322" } : undefined}
          data-testid="rect-card-overdue"
        />
        <Statistic title={zh ? "已验收" : "Accepted"} value={counts.accepted} />
      </Space>
      {late.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          data-testid="rect-card-late"
          header={<Typography.Text type="danger">{zh ? "逾期未验收" : "Overdue, not accepted"}</Typography.Text>}
          dataSource={late.slice(0, 5)}
          renderItem={(i) => (
            <List.Item data-testid="rect-card-late-item">
              <Link to={`/rectification/${i.id}`}>{i.problem}</Link>
              <Typography.Text type="secondary">
                {i.orgName} ·{" "}
                {zh ? `截止 ${i.deadline}，逾期 ${i.daysOverdue} 天` : `due ${i.deadline}, ${i.daysOverdue} days late`}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
