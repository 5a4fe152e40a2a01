/**
 * The self-evaluation list's keyset cursor (issue 14, as the project list's, projects/cursor.ts): the last row's
 * year, organisation path and id — the list's order — with the filter the pages are of and the count the first
 * page gave, as an opaque token (http/page-token.ts). The next page starts after that row at any depth.
 */
import { isCount, isShortText, isUuid, PageToken } from "../http/page-token.ts";

export interface EvaluationCursor {
  year: number;
  path: string;
  id: string;
  /** The count of all rows, as the first page answered it. */
  total: number;
  /** The filter the pages are of (`evaluationFilterKey`). */
  filter: string;
}

/** The filter a cursor belongs to: organisation, year, kind and state. */
export function evaluationFilterKey(q: { orgId?: string; year?: number; kind?: string; state?: string }): string {
  return JSON.stringify([q.orgId ?? null, q.year ?? null, q.kind ?? null, q.state ?? null]);
}

const TOKEN = new PageToken({ zh: "筛选", en: "filter" });

export function encodeEvaluationCursor(c: EvaluationCursor): string {
  return TOKEN.encode([c.year, c.path, c.id, c.total, c.filter]);
}

/** The cursor in `token`, which must belong to this filter (`evaluationFilterKey`); 400 otherwise. */
export function decodeEvaluationCursor(token: string, filter: string): EvaluationCursor {
  const [year, path, id, total, f] = TOKEN.decode(token, 5);
  if (!isCount(year) || !isShortText(path) || !isUuid(id) || !isCount(total) || f !== filter) throw TOKEN.refused();
  return { year, path, id, total, filter };
}
