import { Card, Space, Statistic } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n.tsx";
import { type Counts, rectificationEndpoints } from "./api.ts";

/** The dashboard's 整改 card: the year's items in the chosen subtree, open and overdue, linking to the list. */
export function RectificationCard({ orgId, year }: { orgId: string | undefined; year: number }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [counts, setCounts] = useState<Counts>();
  useEffect(() => {
    setCounts(undefined);
    if (!orgId) return;
    rectificationEndpoints.list({ orgId, year }).then(
      (r) => setCounts(r.counts),
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
    </Card>
  );
}
