/** The project list's numbered pages asked by keyset cursor where one is known (src/lib/keysetPages.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { noKeysetPages, pageRequest, rememberPage } from "../../src/lib/keysetPages.ts";

describe("numbered pages by keyset cursor", () => {
  it("asks the next page by the cursor the page before answered, a page not reached by its number", () => {
    let known = noKeysetPages();
    expect(pageRequest(known, "k", 1)).toEqual({ page: 1 });
    known = rememberPage(known, "k", 1, "c2");
    expect(pageRequest(known, "k", 2)).toEqual({ cursor: "c2" });
    expect(pageRequest(known, "k", 3)).toEqual({ page: 3 });
    known = rememberPage(known, "k", 2, "c3");
    expect(pageRequest(known, "k", 3)).toEqual({ cursor: "c3" });
    // back to a page seen: still by its cursor; the first page always by number
    expect(pageRequest(known, "k", 2)).toEqual({ cursor: "c2" });
    expect(pageRequest(known, "k", 1)).toEqual({ page: 1 });
  });

  it("forgets the cursors of another filter, sort or page size, and a page that became the last", () => {
    let known = rememberPage(noKeysetPages(), "a", 1, "c2");
    expect(pageRequest(known, "b", 2)).toEqual({ page: 2 });
    known = rememberPage(known, "b", 1, "d2");
    expect(pageRequest(known, "a", 2)).toEqual({ page: 2 });
    expect(pageRequest(known, "b", 2)).toEqual({ cursor: "d2" });
    known = rememberPage(known, "b", 1, null);
    expect(pageRequest(known, "b", 2)).toEqual({ page: 2 });
  });

  it("a cursor is used only for the page it was answered for, whatever order pages are visited in", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 40 }), (visits) => {
        let known = noKeysetPages();
        for (const p of visits) {
          const asked = pageRequest(known, "k", p);
          if ("cursor" in asked) expect(asked.cursor).toBe(`after-${p - 1}`);
          else expect(asked.page).toBe(p);
          known = rememberPage(known, "k", p, p < 15 ? `after-${p}` : null);
        }
      }),
    );
  });
});
