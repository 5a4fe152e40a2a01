/**
 * The score roll-up's keyset cursor (issue 14): where the next page starts in the list's order (the unit's path, the
 * evaluation's name, its id), as an opaque base64url token. A page reached by it costs the same at any depth (OFFSET
 * made the database sort and skip every row before the page). The token also carries the organisation, year and
 * grades it was made for (another filter is refused) and the count of the first page with how many rows came before, so
 * that a cursor page needs no count: its `total` is the count as of the first page. The token's format and refusal
 * are every list's (http/page-token.ts).
 */
import { isCount, isShortText, isUuid, PageToken } from "../http/page-token.ts";

export interface ScoreCursor {
  orgId: string;
  year: number;
  /** The grades asked for, comma-separated as the bands are ordered ("" for all). */
  grades: string;
  /** The last row of the previous page: its unit's path, its name, its id. */
  path: string;
  name: string;
  id: string;
  /** The count of all rows, as the first page answered it. */
  total: number;
  /** Rows on the pages before the next one. */
  seen: number;
}

const TOKEN = new PageToken({ zh: "单位、年度、等级", en: "organisation, year or grade filter" });

export function encodeScoreCursor(c: ScoreCursor): string {
  return TOKEN.encode([c.orgId, c.year, c.grades, c.path, c.name, c.id, c.total, c.seen]);
}

/** The cursor in `token`, which must belong to this organisation, year and grade filter; 400 otherwise. */
export function decodeScoreCursor(token: string, orgId: string, year: number, grades: string): ScoreCursor {
  const [o, y, g, path, name, id, total, seen] = TOKEN.decode(token, 8);
  if (o !== orgId || y !== year || g !== grades || !isShortText(path) || !path.startsWith("/") || !isShortText(name))
    throw TOKEN.refused();
  if (!isUuid(id) || !isCount(total) || !isCount(seen) || seen > total) throw TOKEN.refused();
  return { orgId, year, grades, path, name, id, total, seen };
}
