import { useEffect, useState } from "react";
import { normaliseIndicatorName } from "../../lib/rules.ts";
import type { PreviousValue } from "../projects/IndicatorGrid.tsx";
import { libraryEndpoints } from "./api.ts";

/**
 * Last year's target and actual of each indicator of a record carried forward from last year (GET /carry-forward),
 * by normalised name; undefined while loading or when the record was not carried (nothing to show then).
 */
export function usePreviousValues(
  orgId: string | undefined,
  year: number | undefined,
  recordId: string | undefined,
): ReadonlyMap<string, PreviousValue> | undefined {
  const [map, setMap] = useState<ReadonlyMap<string, PreviousValue>>();
  useEffect(() => {
    if (!orgId || !year || !recordId) return;
    let live = true;
    libraryEndpoints
      .carried(orgId, year)
      .then((r) => {
        const rec = r.items.find((i) => i.targetId === recordId);
        if (!live || !rec) return;
        setMap(
          new Map(
            rec.indicators.map((i) => [
              normaliseIndicatorName(i.name),
              { target: i.previousTarget, actual: i.previousActual },
            ]),
          ),
        );
      })
      .catch(() => {
        // last year's values are a help: without them the page works as before
      });
    return () => {
      live = false;
    };
  }, [orgId, year, recordId]);
  return map;
}
