import { useEffect, useMemo, useState } from "react";
import { normaliseIndicatorName } from "../../lib/rules.ts";
import type { PreviousValue } from "../projects/IndicatorGrid.tsx";
import { type CarriedRecord, libraryEndpoints } from "./api.ts";

/** The records carried forward to a year for an organisation (GET /carry-forward); undefined while loading. */
export function useCarriedRecords(orgId: string | undefined, year: number | undefined): CarriedRecord[] | undefined {
  const [items, setItems] = useState<CarriedRecord[]>();
  useEffect(() => {
    if (!orgId || !year) return;
    let live = true;
    libraryEndpoints
      .carried(orgId, year)
      .then((r) => {
        if (live) setItems(r.items);
      })
      .catch(() => {
        // last year's values are a help: without them the page works as before
      });
    return () => {
      live = false;
    };
  }, [orgId, year]);
  return items;
}

/**
 * Last year's target and actual of each indicator of one carried record, by normalised name — for a duty, the
 * indicators of the activity of that name first (an activity renamed since: any activity's of that name).
 */
export function previousValuesOf(
  record: CarriedRecord | undefined,
  activity?: string,
): ReadonlyMap<string, PreviousValue> | undefined {
  if (!record) return undefined;
  const map = new Map<string, PreviousValue>();
  const own = record.indicators.filter((i) => activity === undefined || i.activity === activity);
  for (const i of [...record.indicators.filter((x) => !own.includes(x)), ...own]) {
    map.set(normaliseIndicatorName(i.name), { target: i.previousTarget, actual: i.previousActual });
  }
  return map;
}

/**
 * Last year's target and actual of each indicator of a record carried forward from last year, by normalised name;
 * undefined while loading or when the record was not carried (nothing to show then).
 */
export function usePreviousValues(
  orgId: string | undefined,
  year: number | undefined,
  recordId: string | undefined,
): ReadonlyMap<string, PreviousValue> | undefined {
  const items = useCarriedRecords(orgId, year);
  return useMemo(() => previousValuesOf(items?.find((i) => i.targetId === recordId)), [items, recordId]);
}
