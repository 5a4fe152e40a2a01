import { useEffect, useState } from "react";
import { type Recommendation, resultsEndpoints } from "./api.ts";

/**
 * The recommendations of a year's projects under an organisation, by project id — asked for only when `wanted`
 * (the project list asks for the reviewer), and empty when no project continues one of last year.
 */
export function useRecommendationMap(orgId: string | undefined, year: number, wanted: boolean) {
  const [map, setMap] = useState<Map<string, Recommendation>>(new Map());
  useEffect(() => {
    if (!wanted || !orgId) return setMap(new Map());
    let live = true;
    resultsEndpoints.recommendations(orgId, year).then(
      (b) =>
        live &&
        setMap(b.items.some((r) => r.status !== "new") ? new Map(b.items.map((r) => [r.projectId, r])) : new Map()),
      () => live && setMap(new Map()),
    );
    return () => {
      live = false;
    };
  }, [orgId, year, wanted]);
  return map;
}
