/**
 * Suggestions while a unit types an indicator name: the library's entries matching the typed text (normalised the
 * same way as the names), best first.
 *
 * Ranking, in order: how the text matched (the whole key, its start, inside it, its characters in order), the
 * bureau's mark (recommended first), the number of uses, then the shorter name. Entries the bureau marked
 * `not_allowed` are left out unless asked for (a unit should not be offered them).
 */
import { normaliseIndicatorName } from "./normalise.ts";
import type { LibraryEntry, LibraryMark, Suggestion } from "./types.ts";

export interface SuggestOptions {
  /** At most this many suggestions (default 10). */
  limit?: number;
  /** The bureau's marks by key. */
  marks?: ReadonlyMap<string, LibraryMark>;
  /** Keep the entries marked not allowed (for the bureau's own view). Default false. */
  includeNotAllowed?: boolean;
}

const MATCH_RANK: Record<Suggestion["match"], number> = { exact: 0, prefix: 1, contains: 2, subsequence: 3 };

function matchOf(key: string, q: string): Suggestion["match"] | undefined {
  if (key === q) return "exact";
  if (key.startsWith(q)) return "prefix";
  if (key.includes(q)) return "contains";
  // the typed characters in order (`培人` → 培训人数); two characters at least, or anything matches
  if (q.length < 2) return undefined;
  let i = 0;
  for (const c of key) if (c === q[i]) i++;
  return i === q.length ? "subsequence" : undefined;
}

export function suggestIndicators(
  library: readonly LibraryEntry[],
  typed: string,
  options: SuggestOptions = {},
): Suggestion[] {
  const q = normaliseIndicatorName(typed);
  if (q === "") return [];
  const limit = options.limit ?? 10;
  const found: Suggestion[] = [];
  for (const e of library) {
    const mark = options.marks?.get(e.key);
    if (mark === "not_allowed" && !options.includeNotAllowed) continue;
    const match = matchOf(e.key, q);
    if (!match) continue;
    const level1 = e.level1[0]?.value;
    const level2 = e.level2[0]?.value;
    const unit = e.units[0]?.value;
    found.push({
      key: e.key,
      name: e.name,
      ...(level1 ? { level1 } : {}),
      ...(level2 ? { level2 } : {}),
      ...(unit ? { unit } : {}),
      ...(e.typicalTarget ? { typicalTarget: e.typicalTarget } : {}),
      uses: e.uses,
      ...(mark ? { mark } : {}),
      match,
    });
  }
  const markRank = (m: LibraryMark | undefined) => (m === "recommended" ? 0 : m === "not_allowed" ? 2 : 1);
  return found
    .sort(
      (a, b) =>
        MATCH_RANK[a.match] - MATCH_RANK[b.match] ||
        markRank(a.mark) - markRank(b.mark) ||
        b.uses - a.uses ||
        a.name.length - b.name.length ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .slice(0, limit);
}
