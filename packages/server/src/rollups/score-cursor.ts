/**
 * The score roll-up's keyset cursor (issue 14): where the next page starts in the list's order (the unit's path, the
 * evaluation's name, its id), as an opaque base64url token. A page reached by it costs the same at any depth (OFFSET
 * made the database sort and skip every row before the page). The token also carries the organisation, year and
 * grades it was made for (another filter is refused) and the count of the first page with how many rows came before, so
 * that a cursor page needs no count: its `total` is the count as of the first page.
 */
import { invalidInput } from "../http/errors.ts";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeScoreCursor(c: ScoreCursor): string {
  return Buffer.from(JSON.stringify([c.orgId, c.year, c.grades, c.path, c.name, c.id, c.total, c.seen])).toString(
    "base64url",
  );
}

const badCursor = () =>
  invalidInput({
    zh: "查询参数 cursor：翻页令牌无效，或与当前的单位、年度、等级不符（请从第一页重新开始）",
    en: "query parameter cursor: the page token is not valid or belongs to another organisation, year or grade filter (start again from page 1)",
  });

const count = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const text = (v: unknown): v is string => typeof v === "string" && v.length <= 1000;

/** The cursor in `token`, which must belong to this organisation, year and grade filter; 400 otherwise. */
export function decodeScoreCursor(token: string, orgId: string, year: number, grades: string): ScoreCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 8) throw badCursor();
  const [o, y, g, path, name, id, total, seen] = parsed as unknown[];
  if (o !== orgId || y !== year || g !== grades || !text(path) || !path.startsWith("/") || !text(name))
    throw badCursor();
  if (typeof id !== "string" || !UUID.test(id) || !count(total) || !count(seen) || seen > total) throw badCursor();
  return { orgId, year, grades, path, name, id, total, seen };
}
