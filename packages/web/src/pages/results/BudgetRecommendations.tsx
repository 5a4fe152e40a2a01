/** 结果应用建议 on the budget page: the year's projects of the organisation with their recommendations. */
import { Card } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n.tsx";
import { type Recommendation, resultsEndpoints } from "./api.ts";
import { RecommendationTable } from "./RecommendationTable.tsx";

export function BudgetRecommendations({ orgId, year }: { orgId: string; year: number }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [items, setItems] = useState<Recommendation[]>();
  useEffect(() => {
    let live = true;
    setItems(undefined);
    resultsEndpoints.recommendations(orgId, year).then(
      (b) => live && setItems(b.items),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [orgId, year]);
  // Shown when some project of the year continues one of last year (else every row would say 新增项目).
  if (items?.every((r) => r.status === "new")) return null;
  return (
    <Card
      size="small"
      title={zh ? `项目结果应用建议（依据${year - 1}年度绩效自评）` : `Budget recommendations (from ${year - 1})`}
      data-testid="budget-recommendations"
    >
      <RecommendationTable items={items ?? []} loading={!items} />
    </Card>
  );
}
