/**
 * The project list's keyset cursor (issue 14): the sort key and id of the last row of a page, as an opaque base64url
 * token. The next page starts after that row whatever its depth, with no OFFSET to walk; `page` keeps working.
 * The token also carries the filter it was made for (another one is refused) and the count the first page gave, so
 * that a page reached by it needs no count (session 11: the count was the largest part of a cursor page's SQL).
 * The token's format and refusal are every list's (http/page-token.ts).
 */
import { isCount, isShortText, isUuid, PageToken } from "../http/page-token.ts";
import type { Project } from "./presenters.ts";
import type { ProjectSort } from "./repository.ts";

export interface ProjectCursor {
  sort: ProjectSort;
  desc: boolean;
  /** The sort key of the last row as text (numeric and time as the API writes them); null when it has none. */
  value: string | null;
  id: string;
  /** The count of all rows, as the first page answered it. */
  total: number;
  /** The filter the pages are of (`filterKey`). */
  filter: string;
}

/** The filter a cursor belongs to: organisation, year, state and search text. */
export function filterKey(q: { orgId?: string; year?: number; state?: string; q?: string }): string {
  return JSON.stringify([q.orgId ?? null, q.year ?? null, q.state ?? null, q.q ?? null]);
}

/** The sort key of a presented project, as the cursor keeps it. */
export function sortValue(p: Project, sort: ProjectSort): string | null {
  switch (sort) {
    case "name":
      return p.name;
    case "code":
      return p.code;
    case "updatedAt":
      return p.updatedAt;
    case "annualFunds":
      return p.annualFunds;
    case "state":
      return p.state;
  }
}

const TOKEN = new PageToken({ zh: "排序、筛选", en: "sort order or filter" });

export function encodeCursor(c: ProjectCursor): string {
  return TOKEN.encode([c.sort, c.desc ? 1 : 0, c.value, c.id, c.total, c.filter]);
}

/** The cursor in `token`, which must belong to this sort, order and filter (`filterKey`); 400 otherwise. */
export function decodeCursor(token: string, sort: ProjectSort, desc: boolean, filter: string): ProjectCursor {
  const [s, d, value, id, total, f] = TOKEN.decode(token, 6);
  if (s !== sort || d !== (desc ? 1 : 0) || !(value === null || isShortText(value)) || !isUuid(id) || !isCount(total))
    throw TOKEN.refused();
  if (f !== filter) throw TOKEN.refused();
  if (value !== null) {
    if (sort === "annualFunds" && !/^-?\d{1,18}(\.\d{1,4})?$/.test(value)) throw TOKEN.refused();
    if (sort === "updatedAt" && Number.isNaN(Date.parse(value))) throw TOKEN.refused();
  }
  return { sort, desc, value, id, total, filter };
}
