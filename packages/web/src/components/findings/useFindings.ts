import { useCallback, useEffect, useMemo, useState } from "react";
import { type Review, type ReviewFinding, type ReviewType, reviewEndpoints, type Verdict } from "./api.ts";

export interface Findings {
  review: Review | undefined;
  findings: ReviewFinding[];
  /** Findings by the id of the stored row they point to (rows and the record itself alike). */
  byRow: ReadonlyMap<string, ReviewFinding[]>;
  loading: boolean;
  error: unknown;
  /** Runs the review again (after a save). */
  reload(): void;
  /** Records the reviewer's decision: the engine's verdict accepted, or another with a comment. */
  decide(verdict: Verdict, comment?: string): Promise<Review>;
}

const NONE: ReviewFinding[] = [];

/**
 * The automatic review of a stored record, refreshed whenever `refreshKey` changes (pass what changes after a
 * save: the record's version, the rows as loaded) or `reload()` is called. No request without a type and id.
 */
export function useFindings(type: ReviewType | undefined, id: string | undefined, refreshKey?: unknown): Findings {
  const [review, setReview] = useState<Review>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey and tick only ask for the review again
  useEffect(() => {
    if (!type || !id) {
      setReview(undefined);
      return;
    }
    let live = true;
    setLoading(true);
    reviewEndpoints.get(type, id).then(
      (r) => {
        if (!live) return;
        setReview(r);
        setError(undefined);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [type, id, refreshKey, tick]);

  const byRow = useMemo(() => {
    const m = new Map<string, ReviewFinding[]>();
    for (const f of review?.findings ?? []) {
      if (!f.record) continue;
      const list = m.get(f.record.id);
      if (list) list.push(f);
      else m.set(f.record.id, [f]);
    }
    return m;
  }, [review]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const decide = useCallback(
    async (verdict: Verdict, comment?: string) => {
      if (!type || !id) throw new Error("no record to decide on");
      const r = await reviewEndpoints.decide(type, id, { reviewerVerdict: verdict, ...(comment ? { comment } : {}) });
      setReview(r);
      return r;
    },
    [type, id],
  );

  return { review, findings: review?.findings ?? NONE, byRow, loading, error, reload, decide };
}
