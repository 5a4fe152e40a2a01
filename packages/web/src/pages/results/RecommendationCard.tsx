/** 结果应用建议 on a project's page: the recommendation for this project from last year's evaluation. */
import { Card, Skeleton } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n.tsx";
import { type Recommendation, resultsEndpoints } from "./api.ts";
import { RecommendationView } from "./RecommendationView.tsx";

export function RecommendationCard({ project }: { project: { id: string; orgId: string; year: number } }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [r, setR] = useState<Recommendation | null>();
  useEffect(() => {
    let live = true;
    resultsEndpoints.recommendations(project.orgId, project.year, project.id).then(
      (b) => live && setR(b.items[0] ?? null),
      () => live && setR(null),
    );
    return () => {
      live = false;
    };
  }, [project.id, project.orgId, project.year]);
  // Only a project that continues one of last year has something to say (a new one has its 事前绩效评估).
  if (r === null || r?.status === "new") return null;
  return (
    <Card
      size="small"
      title={
        zh ? `结果应用建议（依据${project.year - 1}年度绩效自评）` : `Budget recommendation (from ${project.year - 1})`
      }
      data-testid="recommendation-card"
    >
      {r === undefined ? <Skeleton active paragraph={{ rows: 2 }} /> : <RecommendationView r={r} />}
    </Card>
  );
}
