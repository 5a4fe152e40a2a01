/**
 * The project list's keyset cursor (issue 14): the sort key and id of the last row of a page, as an opaque base64url
 * token. The next page starts after that row whatever its depth, with no OFFSET to walk; `page` keeps working.
 * The token also carries the filter it was made for (another one is refused) and the count the first page gave, so
 * that a page reached by it needs no count (session 11: the count was the largest part of a cursor page's SQL).
 */
import { invalidInput } from "../http/errors.ts";
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

export function encodeCursor(c: ProjectCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.desc ? 1 : 0, c.value, c.id, c.total, c.filter])).toString("base64url");
}

const badCursor = () =>
  invalidInput({
    zh: "查询参数 cursor：翻页令牌无效，或与当前的排序、筛选不符（请从第一页重新开始）",
    en: "query parameter cursor: the page token is not valid or belongs to another sort order or filter (start again from page 1)",
  });

/** The cursor in `token`, which must belong to this sort, order and filter (`filterKey`); 400 otherwise. */
export function decodeCursor(token: string, sort: ProjectSort, desc: boolean, filter: string): ProjectCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 6 ||
    parsed[0] !== sort ||
    parsed[1] !== (desc ? 1 : 0) ||
    !(parsed[2] === null || (typeof parsed[2] === "string" && parsed[2].length <= 1000)) ||
    typeof parsed[3] !== "string" ||
    !UUID.test(parsed[3]) ||
    !(typeof parsed[4] === "number" && Number.isSafeInteger(parsed[4]) && parsed[4] >= 0) ||
    parsed[5] !== filter
  ) {
    throw badCursor();
  }
  const value = parsed[2] as string | null;
  if (value !== null) {
    if (sort === "annualFunds" && !/^-?\d{1,18}(\.\d{1,4})?$/.test(value)) throw badCursor();
    if (sort === "updatedAt" && Number.isNaN(Date.parse(value))) throw badCursor();
  }
  return { sort, desc, value, id: parsed[3], total: parsed[4], filter };
}
