/**
 * Numbered pages asked by keyset cursor where one is known (issue 14): the server answers each page of the project
 * list with `nextCursor`, the token of the page after it, which costs the same at any depth, where `page=N` makes the
 * database walk and skip every row before it. Moving to the next page (or back to one seen) asks by cursor; a jump to
 * a page not reached yet asks by number. The cursors belong to one filter, sort and page size: another key forgets them.
 */
export interface KeysetPages {
  key: string;
  /** The cursor that asks page N, for the pages reached from the page before them. */
  cursorOf: Record<number, string>;
}

export const noKeysetPages = (): KeysetPages => ({ key: "", cursorOf: {} });

/** How to ask page `page` of the list under `key`: by the cursor known for it, else by its number. */
export function pageRequest(known: KeysetPages, key: string, page: number): { cursor: string } | { page: number } {
  const cursor = known.key === key ? known.cursorOf[page] : undefined;
  return cursor !== undefined && page > 1 ? { cursor } : { page };
}

/** The pages known after page `page` of the list under `key` answered `nextCursor` (null on the last page). */
export function rememberPage(
  known: KeysetPages,
  key: string,
  page: number,
  nextCursor: string | null | undefined,
): KeysetPages {
  const cursorOf = known.key === key ? { ...known.cursorOf } : {};
  if (nextCursor) cursorOf[page + 1] = nextCursor;
  else delete cursorOf[page + 1];
  return { key, cursorOf };
}
