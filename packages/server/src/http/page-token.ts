/**
 * Opaque page tokens (issue 14): a list's keyset cursor — where the next page starts, the filter the pages are of and
 * the count the first page gave — written as base64url JSON of a fixed-length array. One format and one refusal for
 * every list that pages by cursor (projects/cursor.ts, rollups/score-cursor.ts): the envelope is checked here, each
 * list checks its own fields with the checks below and refuses with `refused()` (400, naming the query parameter and
 * what the token must belong to). A token is not signed: every page is still limited to what the actor may read, so a
 * forged one only moves the start or the carried count of a list the actor may see.
 */
import type { LocalizedText } from "@jixiao/core";
import { invalidInput } from "./errors.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The longest text field a token may carry (a sort key, a name, a path). */
const MAX_TEXT = 1000;

export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);
export const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
export const isShortText = (v: unknown): v is string => typeof v === "string" && v.length <= MAX_TEXT;

export type PageTokenField = string | number | null;

export class PageToken {
  /** `belongsTo`: what a token must match, e.g. { zh: "排序、筛选", en: "sort order or filter" }. */
  constructor(private readonly belongsTo: LocalizedText) {}

  encode(fields: readonly PageTokenField[]): string {
    return Buffer.from(JSON.stringify(fields)).toString("base64url");
  }

  /** The `length` fields of `token`, unchecked beyond being JSON of an array that long; refused otherwise. */
  decode(token: string, length: number): unknown[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    } catch {
      throw this.refused();
    }
    if (!Array.isArray(parsed) || parsed.length !== length) throw this.refused();
    return parsed;
  }

  refused() {
    return invalidInput({
      zh: `查询参数 cursor：翻页令牌无效，或与当前的${this.belongsTo.zh}不符（请从第一页重新开始）`,
      en: `query parameter cursor: the page token is not valid or belongs to another ${this.belongsTo.en} (start again from page 1)`,
    });
  }
}
